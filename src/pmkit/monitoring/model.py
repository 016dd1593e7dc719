"""What a monitoring file holds: figures, action progress, resources, remedial actions, scores.

One file per quarter (``monitoring/2026-27-Q2.yaml``, monthly figures
included) and one per year (``monitoring/2026-27.yaml``: annual figures and
the partnership's self-assessment). Everything is a mapping keyed by id, in
sorted order, so that two people recording different figures rarely touch
the same lines. A figure that is replaced keeps its earlier versions in its
``history``: the audit trail lives in the file, not only in git.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from pmkit.model.base import Number, PartnerRef, PeriodLabel, Section, Text, WholeNumber
from pmkit.monitoring.statuses import ActionStatus, FigureStatus, RemedialStatus

MONITORING_FORMAT = 1
"""The version of the monitoring-file format this pmkit reads and writes."""


class Stamp(Section):
    """Who recorded something, when, and from where (the command line or a return)."""

    recorded_by: Text
    recorded_at: datetime
    source: Text | None = None


class Counts(Section):
    """The counts behind a rate or percentage, and an interval supplied with the figure.

    ``numerator`` events out of ``denominator`` people (or population) give the
    value; ``lower_ci`` and ``upper_ci`` are the 95% confidence limits a return
    supplies for a figure whose interval pmkit cannot work out itself (an
    age-standardised rate, a survey estimate).
    """

    numerator: Number | None = Field(default=None, ge=0)
    denominator: Number | None = Field(default=None, gt=0)
    lower_ci: Number | None = None
    upper_ci: Number | None = None


class FigureVersion(Stamp, Counts):
    """An earlier version of a figure, kept when it was replaced, with the reason."""

    value: Number | None = None
    not_available: Text | None = None
    status: FigureStatus
    commentary: Text | None = None
    replaced_at: datetime
    replaced_by: Text
    reason: Text | None = None


class Figure(Stamp, Counts):
    """One recorded figure: a value, or an explicit "not available" with the reason."""

    value: Number | None = None
    not_available: Text | None = None
    status: FigureStatus = FigureStatus.PROVISIONAL
    commentary: Text | None = None
    history: list[FigureVersion] = Field(default_factory=list)


class ProgressVersion(Stamp):
    """An earlier progress report on an action."""

    status: ActionStatus
    percent_complete: WholeNumber | None = Field(default=None, ge=0, le=100)
    commentary: Text | None = None


class ActionProgress(ProgressVersion):
    """How an action stands this quarter, and the earlier reports it replaced."""

    history: list[ProgressVersion] = Field(default_factory=list)


class ResourceProvided(Stamp):
    """Resources a partner actually provided, against what the plan says it committed."""

    amount: Number = Field(ge=0)
    commentary: Text | None = None


class Owner(Section):
    """Who is to carry out a remedial action."""

    partner: PartnerRef
    role: Text | None = None


class Closure(Section):
    """When and how a remedial action was closed."""

    status: RemedialStatus
    closed_on: date
    closed_by: Text
    note: Text | None = None


class RemedialAction(Stamp):
    """Remedial action agreed for an off-target figure or a late action, until it is closed."""

    about: Text = Field(description="The indicator or action it addresses.")
    action: Text
    owner: Owner
    due: date
    agreed_in: PeriodLabel
    status: RemedialStatus = RemedialStatus.OPEN
    closure: Closure | None = None


class Score(Stamp):
    """A partner's self-assessment score for one principle."""

    score: WholeNumber
    comment: Text | None = None


class MonitoringFile(Section):
    """One period's monitoring file."""

    format_version: WholeNumber
    period: PeriodLabel
    figures: dict[str, dict[str, Figure]] = Field(default_factory=dict)
    actions: dict[str, ActionProgress] = Field(default_factory=dict)
    resources: dict[str, dict[str, ResourceProvided]] = Field(default_factory=dict)
    remedial_actions: dict[str, RemedialAction] = Field(default_factory=dict)
    self_assessment: dict[str, dict[str, Score]] = Field(default_factory=dict)
