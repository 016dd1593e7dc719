"""Where the year will end: the forecast of the year-end figure, and whether it meets the target.

No figure, no forecast. A figure that builds up through the year (a
year-to-date count, or a year-to-date rate over a fixed population) is
projected by its run rate, adjusted by the shape of last year where last
year's figures allow (*seasonal run rate*), else evenly (*run rate*). A count
for the period alone adds this year's periods so far and projects the rest
the same way. Any other year-to-date figure (a percentage, say) stands as its
own forecast (*latest year to date*). Everything else is projected by a
straight line through its recent figures (*linear trend*, at least three).
An annual measure is not forecast within its year.

The forecast is rounded to the places of the year's target (without one, of
the latest figure) before it is judged, so a forecast shown as 32.5 against a
target of 32.5 is on target; the verdict uses the same tolerance and ranges as
any figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from pmkit.judgement.status import Rag, judge
from pmkit.judgement.targets import (
    NO_TARGET,
    PeriodTarget,
    Sharing,
    period_target,
    round_like,
    sharing,
)
from pmkit.model.indicators import Accumulation
from pmkit.periods import Period, PeriodKind

if TYPE_CHECKING:
    from pmkit.judgement.targets import Lookup
    from pmkit.model.indicators import Indicator
    from pmkit.model.settings import RagScheme

TREND_POINTS = 8
"""How many recent figures a linear trend is drawn through, at most."""
TREND_MINIMUM = 3
"""How many figures a linear trend needs, at least."""


class ForecastMethod(StrEnum):
    """How a forecast was made (named in the review's JSON and footnotes)."""

    SEASONAL_RUN_RATE = "seasonal run rate"
    RUN_RATE = "run rate"
    LATEST_YEAR_TO_DATE = "latest year to date"
    LINEAR_TREND = "linear trend"
    ANNUAL_MEASURE = "annual measure"
    NONE = "no forecast"


@dataclass(frozen=True, slots=True)
class Outlook:
    """A forecast of the year-end figure and its verdict against the year's target."""

    method: ForecastMethod
    value: Decimal | None = None
    target: PeriodTarget = NO_TARGET
    verdict: Rag | None = None
    """On target (likely to meet), near target, off target (likely to miss), or ``None``."""
    note: str = ""

    @property
    def words(self) -> str:
        """``likely to meet``, ``likely to be near target``, ``likely to miss`` or empty."""
        return (
            {
                Rag.GREEN: "likely to meet",
                Rag.AMBER: "likely to be near target",
                Rag.RED: "likely to miss",
            }.get(self.verdict, "")
            if self.verdict is not None
            else ""
        )


def forecast(
    indicator: Indicator,
    period: Period,
    figure: Lookup,
    scheme: RagScheme,
) -> Outlook:
    """The forecast of ``indicator``'s year-end figure, seen from ``period``'s figure."""
    year = period.year
    annual = period_target(indicator, year)
    if period.kind is PeriodKind.YEAR:
        note = "an annual measure: judged when the year's figure is in"
        return Outlook(ForecastMethod.ANNUAL_MEASURE, target=annual, note=note)
    latest = figure(period)
    if latest is None:
        return Outlook(ForecastMethod.NONE, target=annual, note="no figure for the period")
    how = sharing(indicator)
    if how is Sharing.CUMULATIVE:
        method, value = _to_date(period, latest, figure)
    elif how is Sharing.OWN:
        found = _sum_so_far(period, figure)
        if found is None:
            return Outlook(ForecastMethod.NONE, target=annual, note="figures missing this year")
        method, value = found
    elif indicator.accumulation is Accumulation.YEAR_TO_DATE:
        method, value = ForecastMethod.LATEST_YEAR_TO_DATE, latest
    else:
        trend = _trend(period, figure)
        if trend is None:
            return Outlook(ForecastMethod.NONE, target=annual, note="too few figures for a trend")
        method, value = ForecastMethod.LINEAR_TREND, trend
    value = _bounded(indicator, value)
    if annual.usable and annual.value is not None:
        value = round_like(value, annual.value)
    elif annual.usable and annual.low is not None:
        value = round_like(value, annual.low)
    else:
        value = round_like(value, latest)  # no target: as precise as the figures
    verdict = judge(indicator, value, annual, scheme) if annual.usable else None
    return Outlook(method, value, annual, verdict if verdict and verdict.judged else None)


def _to_date(period: Period, latest: Decimal, figure: Lookup) -> tuple[ForecastMethod, Decimal]:
    """A year-to-date figure grown to the year end, by last year's shape where known."""
    then = period.same_period_last_year()
    year_end = then.year.parts(period.kind)[-1]
    to_date, whole = figure(then), figure(year_end)
    if to_date is not None and whole is not None and to_date > 0 and whole > 0:
        return ForecastMethod.SEASONAL_RUN_RATE, latest * whole / to_date
    elapsed = period.last - period.year.first + 1
    return ForecastMethod.RUN_RATE, latest * 12 / elapsed


def _sum_so_far(period: Period, figure: Lookup) -> tuple[ForecastMethod, Decimal] | None:
    """This year's periods added up and grown to the year end.

    By last year's shape where every period of both years so far is known;
    otherwise the periods recorded this year, at their average, for the rest.
    """
    parts = period.year.parts(period.kind)
    so_far = parts[: parts.index(period) + 1]
    values = [figure(part) for part in so_far]
    known = [value for value in values if value is not None]
    if not known:
        return None
    total = sum(known, Decimal(0))
    last_year = [figure(part.same_period_last_year()) for part in parts]
    if len(known) == len(so_far) and all(value is not None for value in last_year):
        whole = sum((value for value in last_year if value is not None), Decimal(0))
        then = sum((value for value in last_year[: len(so_far)] if value is not None), Decimal(0))
        if then > 0 and whole > 0:
            return ForecastMethod.SEASONAL_RUN_RATE, total * whole / then
    return ForecastMethod.RUN_RATE, total * len(parts) / len(known)


def _trend(period: Period, figure: Lookup) -> Decimal | None:
    """The least-squares line through the recent figures, read at the year's last period."""
    periods = [period.shift(step) for step in range(1 - TREND_POINTS, 1)]
    points = [(index, figure(p)) for index, p in enumerate(periods)]
    known = [(x, y) for x, y in points if y is not None]
    if len(known) < TREND_MINIMUM:
        return None
    steps_left = (period.year.last - period.last) // period.kind.months
    at = Decimal(len(periods) - 1 + steps_left)
    count = Decimal(len(known))
    mean_x = sum(Decimal(x) for x, _ in known) / count
    mean_y = sum(y for _, y in known) / count
    spread = sum((Decimal(x) - mean_x) ** 2 for x, _ in known)
    slope = (
        sum((Decimal(x) - mean_x) * (y - mean_y) for x, y in known) / spread
        if spread
        else Decimal(0)
    )
    return mean_y + slope * (at - mean_x)


def _bounded(indicator: Indicator, value: Decimal) -> Decimal:
    """A projection kept within what the unit allows (a percentage never passes 100)."""
    if indicator.unit is None:
        return value
    low, high = indicator.unit.bounds
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value
