"""ROB005: a target so close to the baseline that chance alone could meet or miss it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.model.units import UnitKind
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import example

if TYPE_CHECKING:
    from collections.abc import Iterator
    from decimal import Decimal

    from pmkit.model.indicators import Indicator
    from pmkit.rules.base import Context
    from pmkit.statistics.intervals import Interval


@rule(
    code="ROB005",
    name="target-within-baseline-interval",
    criteria=(Criterion.ROBUST,),
    severity=Severity.WARNING,
    summary="A target's step from the baseline is smaller than the baseline's confidence "
    "interval, so the target cannot be told apart from chance.",
    rationale="""
        A rate or percentage built from counts varies by chance from period to period.
        When the baseline's counts are known, its confidence interval shows how far the
        figure could move with nothing changing. A target that lies inside that interval
        can be met, or missed, by chance alone: the partnership cannot "tell success
        from failure", and a green or red status says nothing about the work. Set the
        target beyond the interval, measure over a longer period or a larger population
        so the figure rests on more events, or judge the indicator by its trend rather
        than against a single period's target. The interval is worked out at the plan's
        confidence level (settings.statistics.confidence), by the methods in the
        methodology.
    """,
    bad=example(
        """\
indicators:
  - id: HW-08
    title: Smoking status at time of delivery
    unit: percentage
    polarity: lower
    baseline: {period: 2025/26, value: 8.4, numerator: 188, denominator: 2237}
    targets:
      - {period: 2026/27, value: 7.5}
""",
    ),
    good=example(
        """\
indicators:
  - id: HW-08
    title: Smoking status at time of delivery
    unit: percentage
    polarity: lower
    baseline: {period: 2025/26, value: 8.4, numerator: 188, denominator: 2237}
    targets:
      - {period: 2026/27, value: 7.0}
""",
    ),
)
def target_within_baseline_interval(context: Context) -> Iterator[Hit]:
    """Targets closer to the baseline than the baseline's interval reaches on their side.

    Only baselines with counts (numerator and denominator) are judged, for a
    percentage (Wilson's interval) or a crude rate (exact Poisson below 10
    events, Byar's from 10); a standardised rate's interval needs more than
    its counts. Only targets for the same kind of period as the baseline are
    compared, and a target equal to the baseline (a target to hold a figure)
    is left alone.
    """
    level = context.plan.settings.statistics.level
    for index, indicator in enumerate(context.plan.indicators):
        baseline = indicator.baseline
        if baseline is None or baseline.value is None:
            continue
        found = _interval(indicator, level)
        if found is None:
            continue
        kind = baseline.period.kind if baseline.period else None
        for number, target in enumerate(indicator.targets):
            if target.value is None or target.value == baseline.value:
                continue
            if kind is not None and target.period.kind is not kind:
                continue
            above = target.value > baseline.value
            reach = (
                found.upper - float(baseline.value)
                if above
                else float(baseline.value) - found.lower
            )
            step = abs(float(target.value - baseline.value))
            if step < reach:
                yield Hit(
                    ("indicators", index, "targets", number, "value"),
                    _message(indicator, target.period.label, target.value, found, level),
                )


def _interval(indicator: Indicator, level: float) -> Interval | None:
    """The baseline's interval from its counts, or ``None`` where there is none to work out."""
    from pmkit.statistics.intervals import proportion_interval, rate_interval

    baseline = indicator.baseline
    unit = indicator.unit
    if baseline is None or baseline.numerator is None or baseline.denominator is None:
        return None
    if unit is None or (indicator.definition is not None and indicator.definition.standardised):
        return None
    numerator, denominator = float(baseline.numerator), float(baseline.denominator)
    try:
        if unit.kind is UnitKind.PERCENTAGE:
            return proportion_interval(numerator, denominator, multiplier=100, confidence=level)
        if unit.kind is UnitKind.RATE and unit.per is not None:
            return rate_interval(
                numerator, denominator, multiplier=float(unit.per), confidence=level
            )
    except ValueError:  # more events than people: another finding's business
        return None
    return None


def _message(
    indicator: Indicator, period: str, target: Decimal, found: Interval, level: float
) -> str:
    from pmkit.review.numbers import number

    baseline = indicator.baseline
    assert baseline is not None and baseline.value is not None
    counts = f"from {number(baseline.numerator)} of {number(baseline.denominator)}"
    limits = f"{found.lower:,.1f} to {found.upper:,.1f}"
    return (
        f"indicator {indicator.id}'s target for {period} ({number(target)}) is only "
        f"{number(abs(target - baseline.value))} from its baseline ({number(baseline.value)}), "
        f"inside the baseline's {level * 100:g}% confidence interval ({limits}, {counts}): the "
        "target cannot be told apart from chance. Set it beyond the interval, or measure over "
        "more events (a longer period or a larger population)"
    )
