"""An indicator in the review: its figure, target, RAG status, direction and forecast.

How a figure accumulates decides what it is compared with: a year-to-date
count with the year-to-date share of the annual target; a rolling twelve
months, a snapshot or a rate with the annual target itself; a quarter's count
on its own with the quarter's share.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.model.indicators import Accumulation, Polarity, ToleranceKind
from pmkit.model.partnership import Frequency
from pmkit.model.units import UnitKind
from pmkit.periods import Period, PeriodKind
from pmkit.review.result import Direction, Forecast, Point, Rag

if TYPE_CHECKING:
    from pmkit.model.indicators import Indicator
    from pmkit.model.settings import RagScheme

_ADDITIVE = (UnitKind.COUNT, UnitKind.MONEY)
SERIES_LENGTH = 8


def observed_period(indicator: Indicator, quarter: Period) -> Period:
    """The period whose figure the review of ``quarter`` shows for ``indicator``."""
    frequency = indicator.frequency or Frequency.QUARTERLY
    if frequency is Frequency.MONTHLY:
        return quarter.parts(PeriodKind.MONTH)[-1]
    if frequency in (Frequency.ANNUAL, Frequency.BIENNIAL):
        year = quarter.year
        return year if quarter.quarter_number == 4 else year.previous()
    if frequency is Frequency.SIX_MONTHLY and quarter.quarter_number in (1, 3):
        return quarter.previous()
    return quarter


def previous_period(indicator: Indicator, period: Period) -> Period:
    """The period of the figure before ``period``'s: a six-monthly or biennial figure skips one."""
    if indicator.frequency in (Frequency.SIX_MONTHLY, Frequency.BIENNIAL):
        return period.shift(-2)
    return period.previous()


def series_periods(period: Period, length: int = SERIES_LENGTH) -> list[Period]:
    """The ``length`` periods ending with ``period``, oldest first."""
    return [period.shift(step) for step in range(1 - length, 1)]


def additive(indicator: Indicator) -> bool:
    """Whether figures add up over time (counts and money), so targets can be shared out."""
    return indicator.unit is not None and indicator.unit.kind in _ADDITIVE


def comparable_target(indicator: Indicator, period: Period) -> tuple[Decimal | None, str]:
    """The target a figure for ``period`` is judged against, and how it was arrived at."""
    exact = next((t.value for t in indicator.targets if t.period == period), None)
    if exact is not None:
        return exact, f"target for {period.label}"
    if period.kind is PeriodKind.YEAR:
        return None, ""
    year = period.year
    annual = next((t.value for t in indicator.targets if t.period == year), None)
    if annual is None:
        return None, ""
    accumulation = indicator.accumulation or Accumulation.DISCRETE
    if additive(indicator) and accumulation is Accumulation.YEAR_TO_DATE:
        elapsed = period.last - year.first + 1
        return annual * elapsed / 12, f"{elapsed} months' share of the {year.label} target"
    if additive(indicator) and accumulation is Accumulation.DISCRETE:
        share = period.kind.months
        return annual * share / 12, f"{period.kind.value}'s share of the {year.label} target"
    return annual, f"{year.label} target"


def rate(
    indicator: Indicator,
    actual: Decimal | None,
    target: Decimal | None,
    last_year: Decimal | None,
    scheme: RagScheme,
) -> Rag:
    """The RAG status of ``actual`` against ``target``, from polarity and tolerance."""
    if target is None or indicator.polarity is None:
        return Rag.NO_TARGET
    if actual is None:
        return Rag.NO_DATA
    shortfall = _shortfall(indicator.polarity, actual, target)
    if shortfall <= 0:
        return Rag.GREEN
    tolerance = indicator.tolerance
    if scheme.within_tolerance and tolerance is not None:
        allowed = tolerance.value
        if tolerance.kind is ToleranceKind.PERCENT:
            allowed = abs(target) * tolerance.value / 100
        if shortfall <= allowed:
            return Rag.AMBER
    improving = direction(indicator.polarity, actual, last_year) is Direction.IMPROVING
    if scheme.better_than_last_year and improving:
        return Rag.AMBER
    return Rag.RED


def _shortfall(polarity: Polarity, actual: Decimal, target: Decimal) -> Decimal:
    """How far ``actual`` falls short of ``target`` (zero or less when it meets it)."""
    return target - actual if polarity is Polarity.HIGHER else actual - target


def direction(
    polarity: Polarity | None, now: Decimal | None, then: Decimal | None
) -> Direction | None:
    """Improving, no change or worsening, from ``then`` to ``now``, by polarity."""
    if polarity is None or now is None or then is None:
        return None
    if now == then:
        return Direction.NO_CHANGE
    better = now > then if polarity is Polarity.HIGHER else now < then
    return Direction.IMPROVING if better else Direction.WORSENING


def forecast(indicator: Indicator, period: Period, series: list[Point]) -> Forecast:
    """Where the year will end: the run rate for year-to-date figures, a linear trend otherwise."""
    year = period.year
    annual = next((t.value for t in indicator.targets if t.period == year), None)
    if period.kind is PeriodKind.YEAR:
        latest = series[-1].value if series else None
        note = "an annual measure: its latest figure"
        if indicator.in_year_proxy:
            note += f"; see its in-year proxy {indicator.in_year_proxy}"
        return Forecast("annual measure", latest, annual, _meets(indicator, latest, annual), note)
    this_year = [
        point
        for point, label in zip(series, series_periods(period, len(series)), strict=True)
        if label.year == year and point.value is not None
    ]
    accumulation = indicator.accumulation or Accumulation.DISCRETE
    if accumulation is Accumulation.YEAR_TO_DATE and additive(indicator):
        latest = series[-1].value if series else None
        if latest is None:
            return Forecast("run rate", note="insufficient data")
        elapsed = period.last - year.first + 1
        projected = _bounded(indicator, latest * 12 / elapsed)
        return Forecast("run rate", projected, annual, _meets(indicator, projected, annual))
    if accumulation is Accumulation.DISCRETE and additive(indicator):
        if not this_year:
            return Forecast("run rate", note="insufficient data")
        total = sum((point.value for point in this_year if point.value is not None), Decimal(0))
        elapsed = len(this_year) * period.kind.months
        projected = _bounded(indicator, total * 12 / elapsed)
        return Forecast("run rate", projected, annual, _meets(indicator, projected, annual))
    values = [(index, point.value) for index, point in enumerate(series) if point.value is not None]
    if len(values) < 3:
        return Forecast("linear trend", target=annual, note="insufficient data")
    steps_left = (year.last - period.last) // period.kind.months
    projected = _bounded(indicator, _trend(values, len(series) - 1 + steps_left))
    return Forecast("linear trend", projected, annual, _meets(indicator, projected, annual))


def _trend(values: list[tuple[int, Decimal]], at: int) -> Decimal:
    """The least-squares straight line through ``values``, read at ``at``."""
    count = Decimal(len(values))
    mean_x = sum(Decimal(x) for x, _ in values) / count
    mean_y = sum(y for _, y in values) / count
    spread = sum((Decimal(x) - mean_x) ** 2 for x, _ in values)
    slope = sum((Decimal(x) - mean_x) * (y - mean_y) for x, y in values) / spread if spread else 0
    return mean_y + slope * (Decimal(at) - mean_x)


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


def _meets(indicator: Indicator, value: Decimal | None, target: Decimal | None) -> bool | None:
    if value is None or target is None or indicator.polarity is None:
        return None
    return _shortfall(indicator.polarity, value, target) <= 0
