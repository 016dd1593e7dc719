"""One recorded figure judged on its own: its period's target, status and direction.

The quarterly review judges each indicator's figure for the quarter (see
:mod:`pmkit.judgement.assess`); an export judges every figure ever recorded,
each for its own period, by the same rules: the period's target from
:func:`~pmkit.judgement.targets.period_target`, the status from
:func:`~pmkit.judgement.status.judge` (better than last year counting where
the plan's scheme says so), and the direction of travel compared like with
like, falling back to the same period last year when the period before has
no figure, and tested for significance where both figures have their counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmkit.judgement.direction import Travel, improving_on_last_year, like_for_like
from pmkit.judgement.significance import with_significance
from pmkit.judgement.status import Rag, judge
from pmkit.judgement.targets import PeriodTarget, period_target

if TYPE_CHECKING:
    from pmkit.judgement.assess import RecordLookup
    from pmkit.judgement.targets import Lookup
    from pmkit.model.indicators import Indicator
    from pmkit.model.settings import RagScheme
    from pmkit.periods import Period


@dataclass(frozen=True, slots=True)
class FigureJudgement:
    """A recorded figure's target, status and direction of travel."""

    target: PeriodTarget
    status: Rag
    travel: Travel | None


def judge_figure(
    indicator: Indicator,
    period: Period,
    figure: Lookup,
    scheme: RagScheme,
    *,
    record: RecordLookup | None = None,
    confidence: float = 0.95,
) -> FigureJudgement:
    """Judge the figure recorded for ``period`` (``figure`` reads the indicator's figures).

    A figure recorded as not available is *no data*; one without a usable
    target is *no target*. With ``record`` (the recorded figures themselves),
    a change between two figures that both have counts is said only when it
    is significant at ``confidence``, as the review says it.
    """
    value = figure(period)
    target = period_target(indicator, period, figure)
    if value is None:
        status = Rag.NO_DATA
    elif not target.usable:
        status = Rag.NO_TARGET
    else:
        improving = improving_on_last_year(indicator, period, value, figure)
        status = judge(indicator, value, target, scheme, improving_on_last_year=improving)
    moved, then, _ = like_for_like(indicator, period, value, figure)
    if record is not None:
        moved = with_significance(
            indicator, moved, record(period), record(then), confidence=confidence
        )
    return FigureJudgement(target, status, moved)
