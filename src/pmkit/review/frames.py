"""What a trend chart shows, before any drawing: its slots along the x axis and its lines.

An ordinary series is one line over its periods, starting at the first
period with a figure (an annual measure with three years of figures gets
three years, not an empty seven-year axis), and running on to the year end
when there is a forecast. A year-to-date series starts again each year, so it
is drawn as one line per year over the periods of the year (this year
against last year), never as one sawtooth across year ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmkit.review.result import IndicatorReview

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_QUARTER = re.compile(r"(?P<year>.+) Q(?P<number>[1-4])")
_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")


@dataclass(frozen=True, slots=True)
class Slot:
    """A place on the x axis: the period's own label (``Q3``) and, at a year's start, the year."""

    period: str
    year: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """A line of figures: each slot's value (``None`` where there is no figure)."""

    name: str
    values: list[Decimal | None]
    periods: list[str]


@dataclass(slots=True)
class Frame:
    """The chart's slots, its lines (the last is the latest), and where the forecast goes."""

    slots: list[Slot]
    lines: list[Line]
    by_year: bool = False
    forecast_slot: int | None = None
    latest_slot: int | None = None
    notes: list[str] = field(default_factory=list)


def per_year(label: str) -> int:
    """How many periods like ``label`` make a year: 4 quarters, 12 months, or 1 year."""
    if _QUARTER.fullmatch(label):
        return 4
    if _MONTH.fullmatch(label):
        return 12
    return 1


def short_label(label: str) -> str:
    """A period's label within its year: ``Q3``, ``Aug``; a year's label is itself."""
    quarter = _QUARTER.fullmatch(label)
    if quarter:
        return f"Q{quarter['number']}"
    month = _MONTH.fullmatch(label)
    if month and 1 <= int(month["month"]) <= 12:
        return MONTHS[int(month["month"]) - 1]
    return label


def _later(label: str, steps: int) -> str:
    """The short label of the period ``steps`` after ``label`` (within the year's cycle)."""
    quarter = _QUARTER.fullmatch(label)
    if quarter:
        return f"Q{(int(quarter['number']) - 1 + steps) % 4 + 1}"
    month = _MONTH.fullmatch(label)
    if month:
        return MONTHS[(int(month["month"]) - 1 + steps) % 12]
    return ""


def year_places(labels: list[str], year_start: int) -> list[tuple[str, int]]:
    """Each period's reporting year and its place in that year (0 for the first quarter).

    Empty if a label is not a period's (the chart then labels each period in full).
    """
    from pmkit.periods import Calendar

    try:
        calendar = Calendar(year_start)
        periods = [calendar.parse(label) for label in labels]
    except ValueError:  # a PeriodError too
        return []
    return [(p.year.label, (p.first - p.year.first) // p.kind.months) for p in periods]


def frame(indicator: IndicatorReview) -> Frame:
    """The slots and lines of ``indicator``'s trend chart."""
    points = indicator.series
    places = year_places([point.period for point in points], indicator.year_start)
    count = per_year(points[-1].period) if points else 1
    if indicator.accumulation == "year_to_date" and places and count > 1:
        return _by_year(indicator, places, count)
    first = next((i for i, p in enumerate(points) if p.value is not None), len(points))
    points, places = points[first:], places[first:]
    slots = []
    for index, point in enumerate(points):
        year = ""
        if places and count > 1 and (index == 0 or places[index][1] == 0):
            year = places[index][0]
        slots.append(Slot(short_label(point.period) if places else point.period, year))
    line = Line("figures", [p.value for p in points], [p.period for p in points])
    result = Frame(slots, [line], latest_slot=len(slots) - 1 if slots else None)
    if indicator.forecast.value is not None and places and count > 1 and points:
        ahead = count - 1 - places[-1][1]
        for step in range(1, ahead + 1):
            result.slots.append(Slot(_later(points[-1].period, step)))
        if ahead > 0:
            result.forecast_slot = len(result.slots) - 1
    return result


def _by_year(indicator: IndicatorReview, places: list[tuple[str, int]], count: int) -> Frame:
    """This year's and last year's year-to-date figures, each over the periods of the year."""
    points = indicator.series
    this_year = places[-1][0]
    years = list(dict.fromkeys(year for year, _ in places))
    shown = years[-2:] if len(years) > 1 else years
    lines = []
    for year in shown:
        values: list[Decimal | None] = [None] * count
        periods = [""] * count
        for point, (own, place) in zip(points, places, strict=True):
            if own == year and 0 <= place < count:
                values[place] = point.value
                periods[place] = point.period
        name = "this year" if year == this_year else "last year"
        lines.append(Line(name, values, periods))
    latest = points[-1].period
    last_place = places[-1][1]
    slots = [Slot(_later(latest, place - last_place)) for place in range(count)]
    result = Frame(slots, lines, by_year=True, latest_slot=last_place)
    if indicator.forecast.value is not None and last_place < count - 1:
        result.forecast_slot = count - 1
    return result
