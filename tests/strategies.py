"""Hypothesis strategies: valid plans, written as YAML text, from the plan model's own terms.

A generated plan is a :class:`GeneratedPlan`: the YAML text a person could
have written, and beside it what was meant (each indicator's unit, frequency
and calendar), so a test can pick values and periods that fit.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

from pmkit.model.indicators import Accumulation, Polarity, ToleranceKind
from pmkit.model.partnership import Frequency
from pmkit.model.units import UnitKind
from pmkit.periods import Calendar, Period, PeriodKind

FIRST_YEAR = 2000
LAST_YEAR = 2040
BIG = Decimal(10_000_000)
"""Generated numbers stay below this size, so that they are written exactly."""

FREQUENCY_KIND = {
    Frequency.MONTHLY: PeriodKind.MONTH,
    Frequency.QUARTERLY: PeriodKind.QUARTER,
    Frequency.SIX_MONTHLY: PeriodKind.QUARTER,
    Frequency.ANNUAL: PeriodKind.YEAR,
    Frequency.BIENNIAL: PeriodKind.YEAR,
}


@dataclass(frozen=True, slots=True)
class UnitSpec:
    """A unit as meant: its kind, and the bounds that come with it."""

    kind: UnitKind
    per: int | None = None
    low: Decimal | None = None
    high: Decimal | None = None

    @property
    def whole(self) -> bool:
        return self.kind is UnitKind.COUNT

    def yaml(self) -> Any:
        """The unit as a plan author writes it: a word, 'rate per N', or a mapping."""
        if self.kind is UnitKind.RATE:
            return f"rate per {self.per:,}"
        if self.kind is UnitKind.SCORE:
            return {"kind": "score", "min": plain(self.low), "max": plain(self.high)}
        return self.kind.value


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    """An indicator as meant."""

    id: str
    unit: UnitSpec
    polarity: Polarity
    accumulation: Accumulation
    frequency: Frequency
    owner: str


@dataclass(frozen=True, slots=True)
class GeneratedPlan:
    """A plan's YAML text, and what it was generated from."""

    text: str
    year_start: int
    year: int
    """The start year of the plan's main reporting year."""
    partners: tuple[str, ...]
    indicators: tuple[IndicatorSpec, ...] = field(default=())

    @property
    def calendar(self) -> Calendar:
        return Calendar(self.year_start)


def plain(value: Decimal | None) -> Any:
    """A Decimal as YAML writes it: an int when whole, else a float that reads back exactly."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    assert Decimal(repr(as_float)) == value, value
    return as_float


def yaml_text(data: Any) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


# -- ids and text --------------------------------------------------------------

ids = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9 ._/&()+-]{0,8}[A-Za-z0-9)])?", fullmatch=True)
"""Ids as the model allows them: ``CS-01``, ``NI 16``, ``police``, ``(a)``."""

titles = (
    st.text(
        alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
    # The fast reader takes `_0` or `1_000` for a number, as a YAML 1.1 reader would; a
    # person would quote such a title, and the dumper here does not know to.
    .filter(lambda text: re.fullmatch(r"[-+]?[0-9_.]+", text) is None)
)


def unique_ids(min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(ids, min_size=min_size, max_size=max_size, unique_by=str.lower)


# -- units and values -------------------------------------------------------------


def numbers(
    low: Decimal | None = -BIG, high: Decimal | None = BIG, *, places: int = 2
) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=-BIG if low is None else low,
        max_value=BIG if high is None else high,
        places=places,
        allow_nan=False,
        allow_infinity=False,
    ).map(lambda d: d + 0)  # no negative zero


@st.composite
def units(draw: st.DrawFn) -> UnitSpec:
    kind = draw(st.sampled_from(UnitKind))
    if kind is UnitKind.RATE:
        per = draw(st.sampled_from([100, 1000, 10_000, 100_000]) | st.integers(1, 10**6))
        return UnitSpec(kind, per=per, low=Decimal(0))
    if kind is UnitKind.SCORE:
        low = draw(numbers(Decimal(-100), Decimal(100), places=1))
        high = draw(numbers(low, Decimal(1000), places=1))
        return UnitSpec(kind, low=low, high=high)
    if kind is UnitKind.PERCENTAGE:
        return UnitSpec(kind, low=Decimal(0), high=Decimal(100))
    if kind in (UnitKind.MONEY, UnitKind.INDEX):
        return UnitSpec(kind)
    return UnitSpec(kind, low=Decimal(0))


def values_for(unit: UnitSpec) -> st.SearchStrategy[Decimal]:
    """Figures that fit ``unit``: whole counts, percentages 0-100, scores in range…"""
    return numbers(unit.low, unit.high, places=0 if unit.whole else 2)


# -- periods ----------------------------------------------------------------------


def periods_of(
    calendar: Calendar, kind: PeriodKind, years: st.SearchStrategy[int]
) -> st.SearchStrategy[Period]:
    if kind is PeriodKind.YEAR:
        return years.map(calendar.year)
    if kind is PeriodKind.QUARTER:
        return st.builds(calendar.quarter, years, st.integers(1, 4))
    return st.builds(calendar.month, years, st.integers(1, 12)).filter(
        lambda month: not reads_as_a_year(month)
    )


def reads_as_a_year(period: Period) -> bool:
    """``2010-11``: a month label that a financial calendar reads as the year 2010/11.

    The label is ambiguous for twelve months (January 2000 to December 2011),
    and by design the calendar decides (tests/test_periods.py), so a plan
    cannot name those months in a financial calendar.
    """
    year, month = divmod(period.first, 12)
    return (
        period.kind is PeriodKind.MONTH
        and period.calendar.is_financial
        and month + 1 == (year + 1) % 100
    )


def figure_periods(
    calendar: Calendar, frequency: Frequency, years: st.SearchStrategy[int]
) -> st.SearchStrategy[Period]:
    """Periods a figure of an indicator reported at ``frequency`` can be for."""
    if frequency is Frequency.SIX_MONTHLY:
        return st.builds(calendar.quarter, years, st.sampled_from([2, 4]))
    return periods_of(calendar, FREQUENCY_KIND[frequency], years)


# -- plans ------------------------------------------------------------------------


@st.composite
def indicators(
    draw: st.DrawFn,
    *,
    indicator_id: str,
    calendar: Calendar,
    year: int,
    partners: list[str],
    outcomes: list[str],
) -> tuple[dict[str, Any], IndicatorSpec]:
    unit = draw(units())
    frequency = draw(st.sampled_from(Frequency))
    spec = IndicatorSpec(
        indicator_id,
        unit,
        draw(st.sampled_from(Polarity)),
        draw(st.sampled_from(Accumulation)),
        frequency,
        draw(st.sampled_from(partners)),
    )
    near = st.integers(year - 2, year + 2)
    data: dict[str, Any] = {
        "id": indicator_id,
        "title": draw(titles),
        "unit": unit.yaml(),
        "polarity": spec.polarity.value,
        "accumulation": spec.accumulation.value,
        "frequency": frequency.value,
        "owner": {"partner": spec.owner},
    }
    if outcomes:
        data["outcomes"] = draw(st.lists(st.sampled_from(outcomes), unique=True, max_size=3))
    if draw(st.booleans()):
        period = draw(figure_periods(calendar, frequency, near))
        data["baseline"] = {"period": period.label, "value": plain(draw(values_for(unit)))}
    target_periods = st.one_of(
        periods_of(calendar, PeriodKind.YEAR, near), figure_periods(calendar, frequency, near)
    )
    targets = draw(
        st.lists(
            st.tuples(target_periods, values_for(unit)),
            max_size=4,
            unique_by=lambda pair: pair[0],
        )
    )
    if targets:
        data["targets"] = [{"period": p.label, "value": plain(v)} for p, v in targets]
    tolerance = draw(st.none() | st.sampled_from(ToleranceKind))
    if tolerance is ToleranceKind.PERCENT:
        amount = draw(numbers(Decimal(0), Decimal(50), places=1))
        data["tolerance"] = draw(
            st.sampled_from([f"{amount}%", {"kind": "percent", "value": plain(amount)}])
        )
    elif tolerance is ToleranceKind.ABSOLUTE:
        amount = draw(numbers(Decimal(0), Decimal(1000), places=2))
        data["tolerance"] = draw(
            st.sampled_from([plain(amount), {"kind": "absolute", "value": plain(amount)}])
        )
    return data, spec


@st.composite
def plans(draw: st.DrawFn, *, min_indicators: int = 0, max_indicators: int = 12) -> GeneratedPlan:
    """A valid plan, as YAML text: 1-6 partners, outcomes, priorities, 0-12 indicators."""
    year_start = draw(st.integers(1, 12))
    calendar = Calendar(year_start)
    year = draw(st.integers(FIRST_YEAR, LAST_YEAR))
    partners = draw(unique_ids(1, 6))
    outcomes = draw(unique_ids(0, 6))
    priorities = draw(unique_ids(0, 6))
    indicator_ids = draw(unique_ids(min_indicators, max_indicators))
    data: dict[str, Any] = {
        "format_version": 1,
        "partnership": {
            "name": draw(titles),
            "year_start": draw(st.sampled_from([year_start, calendar_month_name(year_start)])),
            "review_frequency": draw(st.sampled_from(Frequency)).value,
        },
        "partners": [{"id": p, "name": draw(titles)} for p in partners],
        "vision": {
            "statement": draw(titles),
            "outcomes": [{"id": o, "title": draw(titles)} for o in outcomes],
        },
        "priorities": [
            {
                "id": p,
                "title": draw(titles),
                "outcomes": draw(st.lists(st.sampled_from(outcomes), unique=True, max_size=3))
                if outcomes
                else [],
                "rank": rank,
            }
            for rank, p in enumerate(priorities, start=1)
        ],
        "settings": {
            "rag": {
                "within_tolerance": draw(st.booleans()),
                "better_than_last_year": draw(st.booleans()),
            }
        },
    }
    specs = []
    entries = []
    for indicator_id in indicator_ids:
        entry, spec = draw(
            indicators(
                indicator_id=indicator_id,
                calendar=calendar,
                year=year,
                partners=partners,
                outcomes=outcomes,
            )
        )
        entries.append(entry)
        specs.append(spec)
    data["indicators"] = entries
    return GeneratedPlan(yaml_text(data), year_start, year, tuple(partners), tuple(specs))


def calendar_month_name(month: int) -> str:
    import calendar

    return calendar.month_name[month]
