"""A quarter's figure from an indicator's monthly figures.

The plan may say how (``quarter_figure``: latest, mean or sum). By default a
count or sum of money in the month is added up, a year-to-date, rolling or
snapshot figure takes the quarter's last month, and anything else (a
percentage, a rate, an average) takes the mean of the months.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from pmkit.judgement.targets import Sharing, sharing
from pmkit.model.indicators import Accumulation, QuarterFigure
from pmkit.periods import PeriodKind

if TYPE_CHECKING:
    from pmkit.judgement.targets import Lookup
    from pmkit.model.indicators import Indicator
    from pmkit.periods import Period


@dataclass(frozen=True, slots=True)
class FromMonths:
    """A quarter's figure made from its months, and how."""

    value: Decimal | None
    method: QuarterFigure
    months: tuple[str, ...]
    """The months whose figures it uses."""
    missing: tuple[str, ...]
    """The quarter's months with no figure."""


def quarter_method(indicator: Indicator) -> QuarterFigure:
    """How the indicator's quarter figure is made: the plan's choice, else by accumulation."""
    if indicator.quarter_figure is not None:
        return indicator.quarter_figure
    accumulation = indicator.accumulation or Accumulation.DISCRETE
    if accumulation is not Accumulation.DISCRETE:
        return QuarterFigure.LATEST
    if sharing(indicator) is Sharing.OWN:
        return QuarterFigure.SUM
    return QuarterFigure.MEAN


def quarter_from_months(indicator: Indicator, quarter: Period, figure: Lookup) -> FromMonths:
    """The quarter's figure from its months' figures (``None`` until they allow one).

    A sum needs all three months; the latest needs the quarter's last month;
    a mean is taken over the months that have figures.
    """
    method = quarter_method(indicator)
    months = quarter.parts(PeriodKind.MONTH)
    values = {month.label: figure(month) for month in months}
    known = {label: value for label, value in values.items() if value is not None}
    missing = tuple(label for label, value in values.items() if value is None)
    value: Decimal | None = None
    used: tuple[str, ...] = ()
    if method is QuarterFigure.LATEST:
        last = months[-1].label
        if last in known:
            value, used = known[last], (last,)
    elif method is QuarterFigure.SUM:
        if not missing:
            value, used = sum(known.values(), Decimal(0)), tuple(known)
    elif known:
        mean = sum(known.values(), Decimal(0)) / len(known)
        value, used = mean.quantize(finer(known.values()), rounding=ROUND_HALF_UP), tuple(known)
    return FromMonths(value, method, used, missing)


def finer(values: Iterable[Decimal | None]) -> Decimal:
    """One decimal place finer than the finest of ``values``: a mean of 92.3 and 91.2 to 0.01."""
    places = 0
    for value in values:
        if value is None:
            continue
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int):
            places = max(places, -exponent)
    return Decimal(1).scaleb(-(places + 1))
