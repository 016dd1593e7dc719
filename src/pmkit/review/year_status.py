"""An indicator's year-end status: the year's own figure judged against the year's target.

One judgement for the annual review's lines and for the year before (the
summary's change since last year), so the two agree by construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from pmkit.judgement.assess import figure_lookup
from pmkit.judgement.status import Rag, judge
from pmkit.judgement.targets import PeriodTarget, period_target
from pmkit.judgement.year_end import year_end

if TYPE_CHECKING:
    from decimal import Decimal

    from pmkit.model.indicators import Indicator
    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period


@dataclass(frozen=True, slots=True)
class YearStatus:
    """The year's figure (``None`` for none), how it was found, its target and status."""

    actual: Decimal | None
    method: str
    target: PeriodTarget
    status: Rag


def year_status(workspace: Workspace, indicator: Indicator, year: Period) -> YearStatus:
    """``indicator``'s year-end figure and status for ``year``, as of the review's date.

    With no figure: *not due* while the year is still running, *no data* once
    it has ended; with no usable target, *no target*.
    """
    figure = figure_lookup(indicator, partial(workspace.figure, indicator.id))
    actual, method = year_end(indicator, year, figure)
    target = period_target(indicator, year)
    if actual is not None and target.usable:
        status = judge(indicator, actual, target, workspace.plan.settings.rag)
    elif not target.usable:
        status = Rag.NO_TARGET
    elif year.end >= workspace.as_of:
        status = Rag.NOT_DUE
    else:
        status = Rag.NO_DATA
    return YearStatus(actual, method, target, status)
