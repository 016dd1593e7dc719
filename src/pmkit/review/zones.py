"""The near-target zone the trend chart shades, from the plan's tolerance.

The near-target zone is the band in which a figure falls short of its target
by no more than the indicator's tolerance, so is judged near target (amber),
worked out exactly as the status is (``judgement.status.allowance``): on the
worse side of the target by the indicator's polarity, or outside either end
of a range target.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.judgement.status import allowance
from pmkit.model.indicators import Polarity

if TYPE_CHECKING:
    from pmkit.judgement.targets import PeriodTarget
    from pmkit.model.indicators import Indicator
    from pmkit.model.settings import RagScheme


def near_zones(
    indicator: Indicator, target: PeriodTarget, scheme: RagScheme
) -> list[tuple[Decimal, Decimal]]:
    """The bands (low, high) where a figure is near target, or none without a tolerance."""
    if not target.usable or indicator.tolerance is None or not scheme.within_tolerance:
        return []
    if target.low is not None and target.high is not None:
        below = allowance(indicator, target.low - 1, target) or Decimal(0)
        above = allowance(indicator, target.high + 1, target) or Decimal(0)
        zones = [(target.low - below, target.low), (target.high, target.high + above)]
        return [(low, high) for low, high in zones if high > low]
    if target.value is None or indicator.polarity is None:
        return []
    allowed = allowance(indicator, target.value, target) or Decimal(0)
    if not allowed:
        return []
    if indicator.polarity is Polarity.HIGHER:
        return [(target.value - allowed, target.value)]
    return [(target.value, target.value + allowed)]
