"""A year's own figure: what an indicator's year came to, by how its figures accumulate.

The year's own figure where one is recorded (an annual measure, or a rate or
percentage recorded for the year). Otherwise: a year-to-date, rolling or
snapshot figure's last period of the year; a count or sum of money for each
period alone, the periods added up (all of them needed). A discrete rate or
percentage with no figure recorded for the year takes the mean of its
quarters, all four needed, and says it is an estimate: no quarter stands in
for the year.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from pmkit.judgement.due import reporting_kind
from pmkit.judgement.months import finer as _finer
from pmkit.judgement.targets import Sharing, sharing
from pmkit.model.indicators import Accumulation
from pmkit.periods import PeriodKind

if TYPE_CHECKING:
    from pmkit.judgement.targets import Lookup
    from pmkit.model.indicators import Indicator
    from pmkit.periods import Period


class YearEndMethod(StrEnum):
    """How a year-end figure was found (named in the annual review's JSON)."""

    RECORDED = "the year's own figure"
    LAST_PERIOD = "the year's last figure"
    SUM = "the periods added up"
    MEAN = "the mean of the quarters"
    NONE = "no year-end figure"


def year_end(indicator: Indicator, year: Period, figure: Lookup) -> tuple[Decimal | None, str]:
    """The year's figure for ``indicator`` and how it was found."""
    own = figure(year)
    if own is not None:
        return own, YearEndMethod.RECORDED.value
    kind = reporting_kind(indicator)
    if kind is PeriodKind.YEAR:
        return None, YearEndMethod.NONE.value
    # A monthly indicator's quarters are made from its months by the lookup.
    parts = year.parts(PeriodKind.QUARTER)
    accumulation = indicator.accumulation or Accumulation.DISCRETE
    if accumulation is not Accumulation.DISCRETE:
        return figure(parts[-1]), YearEndMethod.LAST_PERIOD.value
    values = [figure(part) for part in parts]
    if any(value is None for value in values):
        return None, YearEndMethod.NONE.value
    total = sum((value for value in values if value is not None), Decimal(0))
    if sharing(indicator) is Sharing.OWN:
        return total, YearEndMethod.SUM.value
    mean = total / len(values)
    return mean.quantize(_finer(values), rounding=ROUND_HALF_UP), YearEndMethod.MEAN.value
