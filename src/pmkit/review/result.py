"""The quarterly review as plain data: what the board sees, computed once, rendered many ways.

Every renderer (Markdown, JSON, HTML, the terminal) reads this and nothing
else. Numbers stay exact (``Decimal``) until a renderer formats them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Rag(StrEnum):
    """An indicator's status for the period. "No data" and "no target" are states of their own."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NO_DATA = "no_data"
    NO_TARGET = "no_target"

    @property
    def words(self) -> str:
        """The status in words, for people: never colour alone."""
        return {
            "green": "On target",
            "amber": "Near target",
            "red": "Off target",
            "no_data": "No data",
            "no_target": "No target",
        }[self.value]

    @property
    def symbol(self) -> str:
        """A shape that carries the status without colour."""
        return {"green": "✓", "amber": "!", "red": "✗", "no_data": "?", "no_target": "-"}[
            self.value
        ]


class Direction(StrEnum):
    """Whether a figure is getting better, judged by the indicator's polarity."""

    IMPROVING = "improving"
    NO_CHANGE = "no_change"
    WORSENING = "worsening"

    @property
    def symbol(self) -> str:
        """An arrow for the direction of travel."""
        return {"improving": "↑ improving", "no_change": "→ no change", "worsening": "↓ worsening"}[
            self.value
        ]


class ActionState(StrEnum):
    """An action's progress against its timescale."""

    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"
    COMPLETE = "complete"
    NO_REPORT = "no_report"


@dataclass(frozen=True, slots=True)
class Point:
    """One figure in a series: its period label and value (``None`` if not available)."""

    period: str
    value: Decimal | None


@dataclass(frozen=True, slots=True)
class Forecast:
    """Where the year is heading: the projected year-end figure and whether it meets the target."""

    method: str
    value: Decimal | None = None
    target: Decimal | None = None
    likely_to_meet: bool | None = None
    note: str = ""


@dataclass(slots=True)
class IndicatorReview:
    """One indicator in the period."""

    id: str
    title: str
    unit: str
    polarity: str | None
    accumulation: str | None
    owner: str | None
    outcomes: list[str]
    priorities: list[str]
    period: str
    actual: Decimal | None
    target: Decimal | None
    target_basis: str
    status: Rag
    direction_previous: Direction | None
    direction_last_year: Direction | None
    previous: Point | None
    last_year: Point | None
    forecast: Forecast
    series: list[Point]
    figure_status: str | None = None
    not_available: str | None = None
    commentary: str | None = None
    proxy: str | None = None
    suppressed: bool = False


@dataclass(slots=True)
class ActionReview:
    """One action's progress against its timescale."""

    id: str
    title: str
    lead: str | None
    state: ActionState
    reported: str | None
    percent_complete: int | None
    commentary: str | None
    end: str | None
    milestones_due: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ResourceLine:
    """Resources a partner committed for the year, what was due by now, and what it provided."""

    partner: str
    entity: str
    title: str
    committed: Decimal
    due: Decimal
    provided: Decimal

    @property
    def short(self) -> Decimal:
        """How far provision falls short of what was due by now (never negative)."""
        return max(self.due - self.provided, Decimal(0))


@dataclass(slots=True)
class RemedialReview:
    """A remedial action the board agreed, and where it has got to."""

    id: str
    about: str
    action: str
    owner: str
    due: str
    agreed_in: str
    status: str
    overdue: bool
    note: str | None = None


@dataclass(slots=True)
class Exception_:
    """Something needing remedial action, with what is being said and done about it."""

    kind: str
    id: str
    title: str
    detail: str
    commentary: str | None
    remedial: list[str]
    flags: list[str]


@dataclass(slots=True)
class Rollup:
    """Counts of indicator statuses for an outcome, a priority or a partner."""

    id: str
    title: str
    counts: dict[str, int]
    indicators: list[str]


@dataclass(slots=True)
class QuarterReview:
    """Everything the quarterly review shows."""

    partnership: str
    period: str
    as_of: str
    indicators: list[IndicatorReview]
    actions: list[ActionReview]
    resources: list[ResourceLine]
    exceptions: list[Exception_]
    remedial_actions: list[RemedialReview]
    by_outcome: list[Rollup]
    by_priority: list[Rollup]
    by_partner: list[Rollup]
    summary: dict[str, int]
