"""Whether a figure can be what it says: the same checks when recording and when validating."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.judgement.due import FREQUENCY_KIND
from pmkit.model.partnership import Frequency
from pmkit.numbers import MAX_DIGITS

if TYPE_CHECKING:
    from decimal import Decimal

    from pmkit.judgement.targets import Lookup
    from pmkit.model.indicators import Indicator
    from pmkit.periods import Period


def period_problem(indicator: Indicator, period: Period) -> str | None:
    """Why ``indicator`` can have no figure for ``period``, or ``None`` if it can."""
    frequency = indicator.frequency
    if frequency is not None:
        kind = FREQUENCY_KIND[frequency]
        if period.kind is not kind:
            spoken = frequency.value.replace("_", "-")
            return (
                f"{indicator.id} is reported {spoken}, so its figures are for a {kind.value}, "
                f"not a {period.kind.value} such as {period.label}"
            )
        if frequency is Frequency.SIX_MONTHLY and period.quarter_number not in (2, 4):
            return (
                f"{indicator.id} is reported six-monthly, at the end of Q2 and Q4; "
                f"{period.label} is not one of those"
            )
    active = indicator.active
    if active is not None:
        if active.start is not None and period.last < active.start.first:
            return f"{indicator.id} is in use only from {active.start.label}"
        if active.end is not None and period.first > active.end.last:
            return f"{indicator.id} was retired after {active.end.label}"
    return None


def value_problem(indicator: Indicator, value: Decimal) -> str | None:
    """Why ``value`` cannot be a figure of ``indicator`` (its unit), or ``None``."""
    if not value.is_finite():
        return f"{value} is not a number"
    if value.adjusted() >= MAX_DIGITS or len(value.as_tuple().digits) > MAX_DIGITS:
        return f"{value:.3E} has more digits than a plausible figure (at most {MAX_DIGITS})"
    if indicator.unit is None:
        return None
    return indicator.unit.problem_with(value)


def outside_expected_range(indicator: Indicator, value: Decimal) -> str | None:
    """Whether ``value`` is outside the range the plan expects for the indicator."""
    expected = indicator.expected_range
    if expected is None:
        return None
    if expected.min is not None and value < expected.min:
        return f"{value} is below {expected.min}, the lowest the plan expects for {indicator.id}"
    if expected.max is not None and value > expected.max:
        return f"{value} is above {expected.max}, the highest the plan expects for {indicator.id}"
    return None


def off_target(
    indicator: Indicator, period: Period, value: Decimal, figure: Lookup | None = None
) -> str | None:
    """How a figure falls short of its period's target (set, or shared out from the year's).

    Near target counts too: either way the partnership will want to know why.
    """
    from pmkit.judgement.status import Rag, judge
    from pmkit.judgement.targets import period_target
    from pmkit.model.settings import RagScheme

    target = period_target(indicator, period, figure)
    if not target.usable:
        return None
    status = judge(indicator, value, target, RagScheme())
    if status not in (Rag.RED, Rag.AMBER):
        return None
    shown = f"{target.low} to {target.high}" if target.is_range else format(target.value or 0, "f")
    return (
        f"{indicator.id} is {status.words.lower()} for {period.label}: {value} against a "
        f"target of {shown} ({target.basis})"
    )
