"""When a figure falls due: the end of its period plus the indicator's data lag.

A lag in months or years is added as calendar months and ends at a month's
end (30 September + 1 month = 31 October; 31 March + 3 months = 30 June); a
lag in weeks or days is added as written. A figure is overdue from the day
after it falls due.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pmkit.model.durations import Duration
from pmkit.model.partnership import Frequency
from pmkit.periods import Calendar, Period, PeriodKind

if TYPE_CHECKING:
    from pmkit.model.indicators import Indicator

FREQUENCY_KIND = {
    Frequency.MONTHLY: PeriodKind.MONTH,
    Frequency.QUARTERLY: PeriodKind.QUARTER,
    Frequency.SIX_MONTHLY: PeriodKind.QUARTER,
    Frequency.ANNUAL: PeriodKind.YEAR,
    Frequency.BIENNIAL: PeriodKind.YEAR,
}
"""The kind of period an indicator's figures are recorded for, by its frequency."""


def due_date(indicator: Indicator, period: Period) -> date:
    """The day the figure of ``indicator`` for ``period`` should be available."""
    return after(period.end, indicator.data_lag)


def after(day: date, lag: Duration | None) -> date:
    """``day`` plus ``lag``: months and years as calendar months to a month's end."""
    if lag is None:
        return day
    if lag.unit in ("month", "year") and lag.amount == int(lag.amount):
        months = int(lag.amount) * (12 if lag.unit == "year" else 1)
        return month_end(day, months)
    return day + timedelta(days=round(lag.days))


RETURN_DEADLINE = Duration(1, "month")
"""A partner's return for a quarter is due a month after the quarter ends, unless the plan says."""


def return_deadline(quarter: Period, deadline: Duration | None = None) -> date:
    """The day a partner's return for ``quarter`` is due (the plan's ``return_deadline``)."""
    return after(quarter.end, deadline or RETURN_DEADLINE)


def owed_in_return(
    indicator: Indicator, quarter: Period, deadline: Duration | None = None
) -> list[Period]:
    """The periods of ``indicator``'s figures that a return for ``quarter`` asks for.

    A figure belongs to the first quarter's return whose quarter it has ended
    by and whose deadline it falls due by; so every figure is asked for once,
    in one return, however long its data lag (an annual figure with a
    twelve-month lag is asked for in the return due after it becomes available).
    """
    before = quarter.previous()

    def owed_by(period: Period, return_for: Period) -> bool:
        ended = period.end <= return_for.end
        return ended and due_date(indicator, period) <= return_deadline(return_for, deadline)

    found = []
    start = quarter.calendar.containing(quarter.end, reporting_kind(indicator))
    for period in _backwards(indicator, start):
        if owed_by(period, before):
            break
        if owed_by(period, quarter):
            found.append(period)
        elif period.end < before.start and due_date(indicator, period) < quarter.start:
            break  # cannot happen with a lag: a safeguard against an endless search
    return sorted(found)


def latest_due(indicator: Indicator, calendar: Calendar, today: date) -> Period:
    """The latest period whose figure should be in by ``today`` (the default for recording)."""
    start = calendar.containing(today, reporting_kind(indicator))
    return next(p for p in _backwards(indicator, start) if due_date(indicator, p) <= today)


def _backwards(indicator: Indicator, start: Period) -> Iterator[Period]:
    """The indicator's reporting periods from ``start`` back in time (six-monthly: Q2 and Q4)."""
    period = start
    six_monthly = indicator.frequency is Frequency.SIX_MONTHLY
    while True:
        if not six_monthly or period.quarter_number in (2, 4):
            yield period
        period = period.previous()


def month_end(day: date, months: int) -> date:
    """The last day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def is_due(indicator: Indicator, period: Period, today: date) -> bool:
    """Whether the figure for ``period`` should be in by ``today`` (it falls due on or before)."""
    return due_date(indicator, period) <= today


def is_overdue(indicator: Indicator, period: Period, today: date) -> bool:
    """Whether the figure for ``period`` is late: ``today`` is after the day it fell due."""
    return due_date(indicator, period) < today


def reporting_kind(indicator: Indicator) -> PeriodKind:
    """The kind of period the indicator's figures are for (quarterly by default)."""
    return FREQUENCY_KIND[indicator.frequency or Frequency.QUARTERLY]


def current_period(indicator: Indicator, quarter: Period) -> Period:
    """The period of ``indicator``'s figure that the review of ``quarter`` is about.

    A monthly or quarterly indicator: the quarter itself (a monthly one's
    quarter figure is made from its months). A six-monthly one: the half year
    that ends in the quarter or after it. An annual or biennial one: the year
    the quarter falls in, whose figure comes after the year ends.
    """
    frequency = indicator.frequency or Frequency.QUARTERLY
    if frequency in (Frequency.ANNUAL, Frequency.BIENNIAL):
        return quarter.year
    if frequency is Frequency.SIX_MONTHLY and quarter.quarter_number in (1, 3):
        return quarter.next()
    return quarter


def previous_period(indicator: Indicator, period: Period) -> Period:
    """The period of the figure before ``period``'s: a six-monthly or biennial one skips one."""
    frequency = indicator.frequency or Frequency.QUARTERLY
    if frequency is Frequency.SIX_MONTHLY and period.kind is PeriodKind.QUARTER:
        return period.shift(-2)
    if frequency is Frequency.BIENNIAL:
        return period.shift(-2)
    return period.previous()
