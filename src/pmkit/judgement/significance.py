"""Direction of travel with significance: a change said only when the counts show it.

Where both figures compared carry their counts (numerator and denominator),
and the indicator is a percentage or a crude rate, *improving* and
*worsening* are said only when the change is statistically significant;
otherwise the direction is *no significant change* (the arrow still shows
which way the figure moved). Without counts, or for a standardised rate,
the direction is as the figures alone give it.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pmkit.judgement.direction import Direction, Travel
from pmkit.model.units import UnitKind
from pmkit.statistics.change import proportion_change, rate_change
from pmkit.statistics.intervals import DEFAULT_CONFIDENCE

if TYPE_CHECKING:
    from pmkit.model.indicators import Indicator

PROPORTIONS = "difference of two proportions"
"""The method for a percentage: Newcombe's interval for the difference."""
RATES = "ratio of two rates"
"""The method for a crude rate: the test of equal rates given the total count."""


def counts(record: Any) -> tuple[Decimal, Decimal] | None:
    """A recorded figure's numerator and denominator, if it carries both."""
    numerator = getattr(record, "numerator", None)
    denominator = getattr(record, "denominator", None)
    if numerator is None or denominator is None or denominator <= 0 or numerator < 0:
        return None
    return numerator, denominator


def significance_method(indicator: Indicator) -> str | None:
    """The test for a change in ``indicator``'s figure, or ``None`` if it has none."""
    unit = indicator.unit
    if unit is None or (indicator.definition is not None and indicator.definition.standardised):
        return None
    return {UnitKind.PERCENTAGE: PROPORTIONS, UnitKind.RATE: RATES}.get(unit.kind)


def with_significance(
    indicator: Indicator,
    moved: Travel | None,
    now: Any,
    then: Any,
    *,
    confidence: float = DEFAULT_CONFIDENCE,
) -> Travel | None:
    """``moved``, judged again by whether the change between the two records is significant."""
    method = significance_method(indicator)
    before, after = counts(then), counts(now)
    if moved is None or method is None or before is None or after is None:
        return moved
    if moved.direction not in (Direction.IMPROVING, Direction.WORSENING):
        return moved
    test = proportion_change if method == PROPORTIONS else rate_change
    try:
        change = test(
            float(after[0]),
            float(after[1]),
            float(before[0]),
            float(before[1]),
            confidence=confidence,
        )
    except ValueError:  # counts that cannot be a proportion (more events than people)
        return moved
    if change.significant:
        return replace(moved, significance=method)
    return replace(moved, direction=Direction.NO_SIGNIFICANT_CHANGE, significance=method)
