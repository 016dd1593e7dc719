"""Which rows of a profiles data download become each indicator's comparators.

For every plan indicator whose ``national_id`` names a profiles indicator,
the latest period for which the download has the partnership's own area
(else England) is taken, and from that period the England row (kind
``national``) and the row of the area's region (kind ``regional``, named as
the download names it). The region is the one the area's row names as its
parent; failing that, the only region in the file. Values are rounded half up
to the decimal places of the indicator's own baseline and targets (one place
if it has none), never given more decimals than the download has. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from pmkit.model.indicators import ComparatorKind
from pmkit.monitoring.counts import figure_places
from pmkit.periods import PeriodKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from pmkit.model.indicators import Indicator
    from pmkit.periods import Calendar, Period
    from pmkit.statistics.comparators import ComparatorFigure, ComparatorImport, ComparatorPeriod

ENGLAND_CODE = "E92000001"
"""The ONS code for England, which the profiles use for the national row."""


@dataclass(frozen=True, slots=True)
class Proposed:
    """A comparator figure for one plan indicator, as it will be written into the plan."""

    indicator: str
    national_id: str
    kind: ComparatorKind
    name: str
    value: Decimal
    period: Period
    published_period: str | None
    line: int
    """The line of the download it came from."""


@dataclass(slots=True)
class Choice:
    """What a download gives the plan, and what it could not."""

    proposed: list[Proposed] = field(default_factory=list)
    own: dict[str, ComparatorFigure] = field(default_factory=dict)
    """The area's own row for each national id, for the officer to compare."""
    problems: list[str] = field(default_factory=list)
    """Indicators that got no comparator, or not all of them, and why."""
    area_found: bool = False


def choose(
    imported: ComparatorImport,
    indicators: Sequence[Indicator],
    area: str,
    calendar: Calendar,
    age: str | None = None,
) -> Choice:
    """The comparators ``imported`` holds for ``indicators`` (area: its code or name).

    ``age`` picks the age band of an indicator the download has for several.
    """
    choice = Choice()
    wanted = area.casefold()
    by_id: dict[str, list[ComparatorFigure]] = {}
    for figure in imported.figures:
        by_id.setdefault(figure.national_id, []).append(figure)
        if wanted in (figure.area_code.casefold(), figure.area_name.casefold()):
            choice.area_found = True
    for indicator in indicators:
        national = indicator.national_id
        if national is None:
            continue
        rows = by_id.get(national, [])
        if not rows:
            choice.problems.append(
                f"{indicator.id}: no row in the file for {national} for the sex asked for"
            )
            continue
        ages = sorted({row.age for row in rows})
        if len(ages) > 1 and age is not None:
            rows = [row for row in rows if row.age.casefold() == age.casefold()]
        found = _for_indicator(
            indicator, national, rows, area=wanted, calendar=calendar, choice=choice
        )
        choice.proposed.extend(found)
    return choice


def _for_indicator(
    indicator: Indicator,
    national: str,
    rows: list[ComparatorFigure],
    *,
    area: str,
    calendar: Calendar,
    choice: Choice,
) -> list[Proposed]:
    ages = sorted({row.age for row in rows})
    if not rows:
        choice.problems.append(f"{indicator.id}: the file has no row for {national} for that age")
        return []
    if len(ages) > 1:
        choice.problems.append(
            f"{indicator.id}: the file has {national} for several age bands "
            f"({', '.join(ages)}): choose one with --age"
        )
        return []
    valued = [row for row in rows if row.value is not None]
    own = [row for row in valued if area in (row.area_code.casefold(), row.area_name.casefold())]
    england = [row for row in valued if _is_england(row)]
    latest = _latest(own) or _latest(england)
    if latest is None:
        choice.problems.append(f"{indicator.id}: no row for {national} has a value")
        return []
    own_now = next((row for row in own if row.period.label == latest.label), None)
    if own_now is not None:
        choice.own[national] = own_now
    places = figure_places(_written(indicator))
    found: list[Proposed] = []
    national_row = next((row for row in england if row.period.label == latest.label), None)
    if national_row is None:
        choice.problems.append(f"{indicator.id}: no England row for {national} in {latest.label}")
    else:
        found.append(_proposed(indicator, national_row, ComparatorKind.NATIONAL, places, calendar))
    regions = [
        row for row in valued if "region" in row.area_type.casefold() and row.period == latest
    ]
    parent = own_now.parent_code if own_now is not None else ""
    region = next((row for row in regions if row.area_code == parent), None)
    if region is None and len({row.area_code for row in regions}) == 1:
        region = regions[0]
    if region is not None:
        found.append(_proposed(indicator, region, ComparatorKind.REGIONAL, places, calendar))
    elif regions:
        choice.problems.append(
            f"{indicator.id}: the file has {national} for several regions, and the area's own "
            "row does not say which it is in: download the area with its region"
        )
    return found


def _is_england(row: ComparatorFigure) -> bool:
    return row.area_type.casefold() == "england" or row.area_code == ENGLAND_CODE


def _latest(rows: Iterable[ComparatorFigure]) -> ComparatorPeriod | None:
    """The period ending last (of two ending together, the shorter)."""
    periods = [row.period for row in rows]
    if not periods:
        return None
    return max(periods, key=lambda period: (period.end, period.start))


def _written(indicator: Indicator) -> list[Decimal | None]:
    """The numbers the plan writes for ``indicator``: its baseline and targets."""
    written: list[Decimal | None] = []
    if indicator.baseline is not None:
        written.append(indicator.baseline.value)
    for target in indicator.targets:
        written.extend((target.value, target.low, target.high))
    return written


def _proposed(
    indicator: Indicator,
    row: ComparatorFigure,
    kind: ComparatorKind,
    places: int,
    calendar: Calendar,
) -> Proposed:
    assert row.value is not None  # only rows with a value are chosen
    value = Decimal(repr(row.value))
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    period, published = plan_period(row.period, calendar)
    name = "England" if kind is ComparatorKind.NATIONAL else row.area_name
    return Proposed(indicator.id, row.national_id, kind, name, value, period, published, row.line)


def plan_period(period: ComparatorPeriod, calendar: Calendar) -> tuple[Period, str | None]:
    """The plan's own period for a profiles period, and the profiles' label if that differs.

    A financial year or quarter in a plan with April years, or a calendar year
    in a plan with calendar years, is the plan's own period; anything else
    (pooled years, a calendar year in a financial-year plan) is given as the
    plan's year in which it ends, with the published label kept beside it.
    """
    kind = PeriodKind.QUARTER if period.quarter is not None else PeriodKind.YEAR
    own = calendar.containing(period.end, kind)
    if own.start == period.start and own.end == period.end:
        return own, None
    return calendar.containing(period.end, PeriodKind.YEAR), period.label
