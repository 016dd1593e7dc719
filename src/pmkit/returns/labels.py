"""The words a return uses: statuses as people read them, and which figure a row wants.

A drop-down offers "On track", not ``on_track``; importing takes the label,
or the stored value a return from an earlier pmkit carries, back to the
stored value.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.model.indicators import Accumulation
from pmkit.model.units import UnitKind
from pmkit.monitoring.statuses import ActionStatus, FigureStatus
from pmkit.periods import Period, PeriodKind

if TYPE_CHECKING:
    from pmkit.model.indicators import Indicator

FIGURE_LABELS = {FigureStatus.PROVISIONAL: "Provisional", FigureStatus.FINAL: "Final"}
ACTION_LABELS = {
    ActionStatus.NOT_STARTED: "Not started",
    ActionStatus.ON_TRACK: "On track",
    ActionStatus.AT_RISK: "At risk",
    ActionStatus.OFF_TRACK: "Off track",
    ActionStatus.COMPLETE: "Complete",
}


def stored(text: str) -> str:
    """A status as typed (a label, or the stored value) as its stored value, if it is one.

    "On track", "on track", "On-track" and ``on_track`` all give ``on_track``;
    anything else comes back as it was typed, lower case, for the caller to refuse.
    """
    return "_".join(text.lower().replace("-", " ").replace("_", " ").split())


def day(when: date) -> str:
    """A date as people write it: 31 October 2026."""
    return f"{when.day} {when:%B %Y}"


def span(period: Period) -> str:
    """The months a period covers: July 2026, or July to September 2026."""
    if period.kind is PeriodKind.MONTH:
        return f"{period.end:%B %Y}"
    return months(period.start, period.end)


def months(start: date, end: date) -> str:
    """The months from ``start`` to ``end``: April to September 2026 (or just April 2026)."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{end:%B %Y}"
    if start.year == end.year:
        return f"{start:%B} to {end:%B %Y}"
    return f"{start:%B %Y} to {end:%B %Y}"


def wanted(indicator: Indicator, period: Period) -> str:
    """Which figure a row asks for, in words, derived from how the indicator accumulates."""
    accumulation = indicator.accumulation or Accumulation.DISCRETE
    if accumulation is Accumulation.YEAR_TO_DATE and period.kind is not PeriodKind.YEAR:
        return f"Year to date: the cumulative figure for {months(period.year.start, period.end)}"
    if accumulation is Accumulation.ROLLING_12_MONTHS:
        first = Period(period.last - 11, PeriodKind.MONTH, period.start_month)
        return f"Rolling 12 months: {months(first.start, period.end)}"
    if accumulation is Accumulation.SNAPSHOT:
        return f"Snapshot: the position on {day(period.end)}"
    kind = indicator.unit.kind if indicator.unit is not None else None
    noun = _NOUNS.get(kind, "figure") if kind is not None else "figure"
    if noun in ("count", "amount") and period.kind is not PeriodKind.YEAR:
        return f"The {noun} for {span(period)} alone, not the year so far"
    return f"The {noun} for {span(period)}"


_NOUNS = {
    UnitKind.COUNT: "count",
    UnitKind.MONEY: "amount",
    UnitKind.PERCENTAGE: "percentage",
    UnitKind.RATE: "rate",
}


def money(value: Decimal) -> str:
    """An amount of money as people write it: £3,100,000 (pence only when there are any)."""
    sign = "-" if value < 0 else ""
    amount = abs(value)
    shown = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"{sign}£{shown}"
