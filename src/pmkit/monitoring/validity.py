"""Whether a figure can be what it says: the same checks when recording and when validating."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.model.partnership import Frequency
from pmkit.numbers import MAX_DIGITS
from pmkit.periods import Period, PeriodKind

if TYPE_CHECKING:
    from decimal import Decimal

    from pmkit.model.indicators import Indicator
    from pmkit.periods import Calendar

_KIND = {
    Frequency.MONTHLY: PeriodKind.MONTH,
    Frequency.QUARTERLY: PeriodKind.QUARTER,
    Frequency.SIX_MONTHLY: PeriodKind.QUARTER,
    Frequency.ANNUAL: PeriodKind.YEAR,
    Frequency.BIENNIAL: PeriodKind.YEAR,
}


def period_problem(indicator: Indicator, period: Period) -> str | None:
    """Why ``indicator`` can have no figure for ``period``, or ``None`` if it can."""
    frequency = indicator.frequency
    if frequency is not None:
        kind = _KIND[frequency]
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


def due_period(indicator: Indicator, calendar: Calendar, today: Period) -> Period:
    """The latest period whose figure for ``indicator`` should be available by ``today``.

    ``today`` is the month containing the date. The data lag (default none)
    is counted in whole months after the period ends.
    """
    frequency = indicator.frequency or Frequency.QUARTERLY
    kind = _KIND[frequency]
    lag_months = round(indicator.data_lag.months) if indicator.data_lag is not None else 0
    # The last month whose end has passed by at least the lag.
    reachable = Period(today.first - 1 - lag_months, PeriodKind.MONTH, calendar.start_month)
    period = calendar.containing(reachable.start, kind)
    if period.last > reachable.first:
        period = period.previous()
    if frequency is Frequency.SIX_MONTHLY and period.quarter_number not in (2, 4):
        period = period.previous()
    return period


def off_target(indicator: Indicator, period: Period, value: Decimal) -> str | None:
    """How a figure falls short of the target set for exactly its period, if it does."""
    target = next((t for t in indicator.targets if t.period == period), None)
    if target is None or indicator.polarity is None:
        return None
    worse = value > target.value if indicator.polarity.value == "lower" else value < target.value
    if not worse:
        return None
    return (
        f"{indicator.id} is off target for {period.label}: {value} against a target of "
        f"{target.value}"
    )
