"""Plausibility: a figure far outside what its history, target or baseline make likely.

A figure is implausible when it is more than ``ratio`` times (or less than one
``ratio``-th of) any of its references: the figure it is compared with (the
same period last year for a year-to-date or seasonal figure, else the period
before), the target for its period, and, for a figure judged against the
annual target, the baseline. The ratio is the plan's
``settings.plausibility_ratio`` (default 5). Such a figure is refused when it
is recorded or imported unless it is accepted, and the review marks it. Zero
is never implausible (small counts are often zero).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.judgement import due
from pmkit.judgement.direction import compared_with
from pmkit.judgement.targets import Sharing, period_target, sharing
from pmkit.model.indicators import CompareWith

if TYPE_CHECKING:
    from pmkit.judgement.targets import Lookup
    from pmkit.model.indicators import Indicator
    from pmkit.periods import Period

RATIO = Decimal(5)
"""How many times its references a figure may be (or a fraction of) before it is queried."""


def references(indicator: Indicator, period: Period, figure: Lookup) -> list[tuple[str, Decimal]]:
    """What a figure for ``period`` can be checked against, each with its description."""
    found: list[tuple[str, Decimal]] = []
    if compared_with(indicator) is CompareWith.LAST_YEAR:
        then = period.same_period_last_year()
    else:
        then = due.previous_period(indicator, period)
    earlier = figure(then)
    if earlier is not None:
        found.append((f"the {then.label} figure", earlier))
    target = period_target(indicator, period, figure)
    if target.usable and target.value is not None:
        found.append((f"the target for {period.label}", target.value))
    baseline = indicator.baseline
    if baseline is not None and baseline.value is not None and sharing(indicator) is Sharing.WHOLE:
        found.append(("the baseline", baseline.value))
    return found


def implausible(
    indicator: Indicator,
    period: Period,
    value: Decimal,
    figure: Lookup,
    ratio: Decimal = RATIO,
) -> str | None:
    """Why ``value`` is implausible for ``period``, or ``None`` if it is not."""
    if value <= 0:
        return None
    for described, reference in references(indicator, period, figure):
        if reference <= 0:
            continue
        times = value / reference
        if times > ratio or times < 1 / ratio:
            return f"{format(value, 'f')} is {_times(times)} {described} ({format(reference, 'f')})"
    return None


def _times(times: Decimal) -> str:
    if times >= 1:
        return f"{times:.0f} times"
    return f"only {times * 100:.0f}% of"
