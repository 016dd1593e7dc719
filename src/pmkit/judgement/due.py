"""When a figure falls due: the end of its period plus the indicator's data lag.

A lag in months or years is added as calendar months and ends at a month's
end (30 September + 1 month = 31 October; 31 March + 3 months = 30 June); a
lag in weeks or days is added as written. A figure is overdue from the day
after it falls due.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pmkit.model.partnership import Frequency
from pmkit.periods import Period, PeriodKind

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
    lag = indicator.data_lag
    end = period.end
    if lag is None:
        return end
    if lag.unit in ("month", "year") and lag.amount == int(lag.amount):
        months = int(lag.amount) * (12 if lag.unit == "year" else 1)
        return month_end(end, months)
    return end + timedelta(days=round(lag.days))


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
