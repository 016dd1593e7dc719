"""The review's arithmetic, worked by hand: RAG status and the target a figure is compared with.

Most cases call :mod:`pmkit.judgement` directly on indicators built in
the test; the few that depend on how the quarter's review reads monitoring
files (direction against the previous period, a quarter that crosses the
calendar year) write a small plan and its monitoring files in ``tmp_path``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from pmkit.judgement.direction import Direction as Travelling
from pmkit.judgement.direction import direction
from pmkit.judgement.status import judge
from pmkit.judgement.targets import PeriodTarget, TargetMethod, period_target
from pmkit.model.indicators import Indicator
from pmkit.model.settings import RagScheme
from pmkit.monitoring.workspace import open_workspace
from pmkit.periods import Calendar, Period
from pmkit.review.quarter import review_quarter
from pmkit.review.result import Direction, IndicatorReview, Point, QuarterReview, Rag

APRIL = Calendar(4)
JANUARY = Calendar(1)
SEPTEMBER = Calendar(9)
Q1 = APRIL.quarter(2026, 1)
Q2 = APRIL.quarter(2026, 2)
Q3 = APRIL.quarter(2026, 3)
Q4 = APRIL.quarter(2026, 4)
DEFAULT = RagScheme()
RANK = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}


def indicator(calendar: Calendar = APRIL, **fields: Any) -> Indicator:
    """An indicator read in ``calendar``, as the plan's loader would read it."""
    data: dict[str, Any] = {"id": "I1", "title": "Test indicator", **fields}
    return Indicator.model_validate(data, context={"calendar": calendar})


def d(text: str) -> Decimal:
    return Decimal(text)


def rag(
    item: Indicator,
    actual: str | None,
    target: str | None,
    last_year: str | None = None,
    scheme: RagScheme = DEFAULT,
) -> Rag:
    if target is None or item.polarity is None:
        return Rag.NO_TARGET
    if actual is None:
        return Rag.NO_DATA
    return status_of(
        item, d(actual), d(target), None if last_year is None else d(last_year), scheme
    )


def status_of(
    item: Indicator,
    actual: Decimal,
    target: Decimal,
    last_year: Decimal | None,
    scheme: RagScheme,
) -> Rag:
    aim = PeriodTarget(TargetMethod.EXPLICIT, target, source="2026/27")
    improving = last_year is not None and (
        direction(item.polarity, actual, last_year) is Travelling.IMPROVING
    )
    return judge(item, actual, aim, scheme, improving_on_last_year=improving)


def comparable_target(item: Indicator, period: Period) -> tuple[Decimal | None, str]:
    found = period_target(item, period)
    return found.value, found.basis


# -- RAG from polarity and tolerance ------------------------------------------


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("81", Rag.GREEN), ("80", Rag.GREEN), ("79.99", Rag.RED), ("60", Rag.RED)],
)
def test_higher_is_better_without_tolerance(actual: str, expected: Rag) -> None:
    item = indicator(unit="percentage", polarity="higher")
    assert rag(item, actual, "80") is expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("9", Rag.GREEN), ("10", Rag.GREEN), ("10.01", Rag.RED), ("14", Rag.RED)],
)
def test_lower_is_better_without_tolerance(actual: str, expected: Rag) -> None:
    item = indicator(unit="rate per 1,000", polarity="lower")
    assert rag(item, actual, "10") is expected


@pytest.mark.parametrize(
    ("polarity", "actual", "expected"),
    [
        # target 80, two points either side allowed for "higher"
        ("higher", "80", Rag.GREEN),
        ("higher", "78", Rag.AMBER),  # exactly on the boundary
        ("higher", "78.01", Rag.AMBER),  # just inside
        ("higher", "77.99", Rag.RED),  # just outside
        # target 80 for "lower": 82 is the boundary
        ("lower", "80", Rag.GREEN),
        ("lower", "82", Rag.AMBER),
        ("lower", "81.99", Rag.AMBER),
        ("lower", "82.01", Rag.RED),
    ],
)
def test_absolute_tolerance(polarity: str, actual: str, expected: Rag) -> None:
    item = indicator(unit="percentage", polarity=polarity, tolerance=2)
    assert rag(item, actual, "80") is expected


@pytest.mark.parametrize(
    ("polarity", "actual", "expected"),
    [
        # 5% of a target of 200 is 10
        ("higher", "200", Rag.GREEN),
        ("higher", "190", Rag.AMBER),
        ("higher", "190.01", Rag.AMBER),
        ("higher", "189.99", Rag.RED),
        ("lower", "200", Rag.GREEN),
        ("lower", "210", Rag.AMBER),
        ("lower", "209.99", Rag.AMBER),
        ("lower", "210.01", Rag.RED),
    ],
)
def test_percentage_tolerance(polarity: str, actual: str, expected: Rag) -> None:
    item = indicator(unit="count", polarity=polarity, tolerance="5%")
    assert rag(item, actual, "200") is expected


def test_percentage_tolerance_is_a_share_of_the_target_not_of_the_figure() -> None:
    # 10% of the target 50 is 5; 10% of the figure 44 would be 4.4 (and 44 would be red).
    item = indicator(unit="count", polarity="higher", tolerance="10%")
    assert rag(item, "45", "50") is Rag.AMBER
    assert rag(item, "44.9", "50") is Rag.RED


def test_no_target_is_no_target_even_with_a_figure() -> None:
    contextual = indicator(unit="count", polarity="lower", contextual_purpose="context")
    assert rag(contextual, "120", None) is Rag.NO_TARGET
    assert rag(contextual, None, None) is Rag.NO_TARGET


def test_no_figure_is_no_data() -> None:
    item = indicator(unit="percentage", polarity="higher", tolerance=2)
    assert rag(item, None, "80") is Rag.NO_DATA


def test_no_polarity_is_no_target() -> None:
    item = indicator(unit="percentage", tolerance=2)
    assert rag(item, "90", "80") is Rag.NO_TARGET
    assert rag(item, "10", "80") is Rag.NO_TARGET


@pytest.mark.parametrize(
    ("polarity", "actual", "last_year", "expected"),
    [
        ("higher", "70", "65", Rag.AMBER),  # misses, but better than last year
        ("higher", "70", "75", Rag.RED),  # misses, and worse
        ("higher", "70", "70", Rag.RED),  # misses, no better
        ("higher", "70", None, Rag.RED),  # misses, nothing to compare with
        ("higher", "85", "90", Rag.GREEN),  # meets: last year does not matter
        ("lower", "12", "14", Rag.AMBER),
        ("lower", "12", "11", Rag.RED),
        ("lower", "12", "12", Rag.RED),
    ],
)
def test_better_than_last_year_scheme(
    polarity: str, actual: str, last_year: str | None, expected: Rag
) -> None:
    target = "80" if polarity == "higher" else "10"
    item = indicator(unit="percentage", polarity=polarity)
    scheme = RagScheme(better_than_last_year=True)
    assert rag(item, actual, target, last_year, scheme) is expected


def test_better_than_last_year_is_not_the_default() -> None:
    item = indicator(unit="percentage", polarity="higher")
    assert rag(item, "70", "80", "65") is Rag.RED
    assert rag(item, "70", "80", "65", RagScheme(better_than_last_year=True)) is Rag.AMBER


def test_within_tolerance_false_makes_a_near_miss_red() -> None:
    item = indicator(unit="percentage", polarity="higher", tolerance=2)
    assert rag(item, "79", "80") is Rag.AMBER
    assert rag(item, "79", "80", scheme=RagScheme(within_tolerance=False)) is Rag.RED
    assert rag(item, "80", "80", scheme=RagScheme(within_tolerance=False)) is Rag.GREEN


def test_within_tolerance_false_still_allows_better_than_last_year() -> None:
    item = indicator(unit="percentage", polarity="higher", tolerance=2)
    scheme = RagScheme(within_tolerance=False, better_than_last_year=True)
    assert rag(item, "79", "80", "78", scheme) is Rag.AMBER
    assert rag(item, "79", "80", "79.5", scheme) is Rag.RED


def test_settings_rag_scheme_is_read_from_the_plan(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path,
        """\
  - id: I1
    title: Victims supported
    unit: percentage
    polarity: higher
    accumulation: snapshot
    tolerance: 2
    targets: [{period: 2026/27, value: 80}]
""",
        settings="settings:\n  rag: {within_tolerance: false, better_than_last_year: true}\n",
    )
    write_figures(tmp_path, Q2, {"I1": {Q2: "79", Q1: None}})
    write_figures(tmp_path, Q2.same_period_last_year(), {"I1": {Q2.same_period_last_year(): "75"}})
    result = one(plan, Q2)
    # Within tolerance would be amber by default; here it is amber only because 79 beats 75.
    assert result.status is Rag.AMBER
    write_figures(
        tmp_path, Q2.same_period_last_year(), {"I1": {Q2.same_period_last_year(): "79.5"}}
    )
    assert one(plan, Q2).status is Rag.RED


@pytest.mark.parametrize("polarity", ["higher", "lower"])
@pytest.mark.parametrize(
    "scheme",
    [
        RagScheme(),
        RagScheme(within_tolerance=False),
        RagScheme(better_than_last_year=True),
        RagScheme(within_tolerance=False, better_than_last_year=True),
    ],
)
@pytest.mark.parametrize("tolerance", [None, 3, "5%"])
def test_a_better_figure_never_gets_a_worse_status(
    polarity: str, scheme: RagScheme, tolerance: int | str | None
) -> None:
    fields: dict[str, Any] = {"unit": "count", "polarity": polarity}
    if tolerance is not None:
        fields["tolerance"] = tolerance
    item = indicator(**fields)
    target, last_year = d("100"), d("94")
    values = [d("80") + d("0.25") * step for step in range(161)]  # 80 to 120
    if polarity == "lower":
        values.reverse()  # worst first either way
    ranks = [RANK[status_of(item, value, target, last_year, scheme)] for value in values]
    # Each value is better than the one before it, so its rank may only fall or stay.
    assert all(later <= earlier for earlier, later in pairwise(ranks))
    # And the loop covered both ends of the scale.
    assert ranks[0] == RANK[Rag.RED]
    assert ranks[-1] == RANK[Rag.GREEN]


# -- the target a figure is compared with -------------------------------------


def annual(value: int = 240, year: str = "2026/27", **fields: Any) -> Indicator:
    calendar = fields.pop("calendar", APRIL)
    fields.setdefault("polarity", "higher")
    return indicator(calendar, targets=[{"period": year, "value": value}], **fields)


@pytest.mark.parametrize(
    ("quarter", "expected"),
    [(Q1, "60"), (Q2, "120"), (Q3, "180"), (Q4, "240")],
)
def test_year_to_date_count_against_the_elapsed_share(quarter: Period, expected: str) -> None:
    item = annual(unit="count", accumulation="year_to_date")
    target, basis = comparable_target(item, quarter)
    assert target == d(expected)
    months = quarter.quarter_number * 3
    assert basis == f"{months} months' share of the 2026/27 target"


def test_year_to_date_money_is_shared_out_like_a_count() -> None:
    item = annual(1200, unit="money", accumulation="year_to_date")
    assert comparable_target(item, Q2)[0] == d("600")


def test_year_to_date_monthly_count_against_the_months_elapsed() -> None:
    item = annual(unit="count", accumulation="year_to_date", frequency="monthly")
    august = APRIL.month(2026, 8)  # the fifth month of a year starting in April
    target, basis = comparable_target(item, august)
    assert target == d("100")
    assert basis == "5 months' share of the 2026/27 target"


def test_discrete_count_against_the_quarters_share() -> None:
    item = annual(unit="count", accumulation="discrete")
    for quarter in (Q1, Q2, Q3, Q4):
        target, basis = comparable_target(item, quarter)
        assert target == d("60")
        assert basis == "quarter's share of the 2026/27 target"


def test_discrete_monthly_count_against_the_months_share() -> None:
    item = annual(unit="count", accumulation="discrete", frequency="monthly")
    target, basis = comparable_target(item, APRIL.month(2026, 9))
    assert target == d("20")
    assert basis == "month's share of the 2026/27 target"


def test_a_count_without_accumulation_is_taken_as_discrete() -> None:
    item = annual(unit="count")
    assert comparable_target(item, Q2)[0] == d("60")


@pytest.mark.parametrize(
    ("unit", "accumulation"),
    [
        ("count", "rolling_12_months"),
        ("count", "snapshot"),
        ("rate per 1,000", "discrete"),
        ("rate per 1,000", "rolling_12_months"),
        ("percentage", "year_to_date"),
        ("percentage", "snapshot"),
    ],
)
def test_rolling_snapshots_and_rates_against_the_annual_target(
    unit: str, accumulation: str
) -> None:
    item = annual(unit=unit, accumulation=accumulation)
    for quarter in (Q1, Q2, Q3, Q4):
        assert comparable_target(item, quarter) == (d("240"), "2026/27 target")


def test_an_exact_quarterly_target_is_preferred_over_the_annual_one() -> None:
    item = indicator(
        unit="count",
        polarity="higher",
        accumulation="year_to_date",
        targets=[{"period": "2026/27", "value": 240}, {"period": "2026/27 Q2", "value": 100}],
    )
    assert comparable_target(item, Q2) == (d("100"), "target for 2026/27 Q2")
    # Other quarters still take their share of the annual target.
    assert comparable_target(item, Q3)[0] == d("180")


def test_a_target_for_another_year_does_not_apply() -> None:
    item = annual(year="2027/28", unit="percentage", accumulation="snapshot")
    assert comparable_target(item, Q2) == (None, "")


def test_a_year_is_compared_only_with_a_target_for_that_year() -> None:
    item = annual(unit="count", accumulation="year_to_date")
    assert comparable_target(item, APRIL.year(2026)) == (d("240"), "target for 2026/27")
    assert comparable_target(item, APRIL.year(2025)) == (None, "")


def test_calendar_year_quarters_and_shares() -> None:
    item = annual(year="2026", unit="count", accumulation="year_to_date", calendar=JANUARY)
    third = JANUARY.quarter(2026, 3)
    assert third.label == "2026 Q3"
    assert (third.start, third.end) == (date(2026, 7, 1), date(2026, 9, 30))
    target, basis = comparable_target(item, third)
    assert target == d("180")
    assert basis == "9 months' share of the 2026 target"
    assert comparable_target(item, JANUARY.quarter(2026, 1))[0] == d("60")


def test_a_year_starting_in_september() -> None:
    item = annual(unit="count", accumulation="year_to_date", calendar=SEPTEMBER)
    second = SEPTEMBER.quarter(2026, 2)
    assert second.label == "2026/27 Q2"
    assert (second.start, second.end) == (date(2026, 12, 1), date(2027, 2, 28))
    assert second.year == SEPTEMBER.year(2026)
    target, basis = comparable_target(item, second)
    assert target == d("120")
    assert basis == "6 months' share of the 2026/27 target"
    # January 2027 is the fifth month of the year that started in September 2026.
    january = SEPTEMBER.month(2027, 1)
    assert comparable_target(item, january)[0] == d("100")
    # A discrete count shares the target by quarter, whatever month the year starts in.
    discrete = annual(unit="count", accumulation="discrete", calendar=SEPTEMBER)
    assert comparable_target(discrete, second)[0] == d("60")


def test_a_quarter_that_crosses_the_calendar_year() -> None:
    assert Q4.label == "2026/27 Q4"
    assert (Q4.start, Q4.end) == (date(2027, 1, 1), date(2027, 3, 31))
    last_year = Q4.same_period_last_year()
    assert last_year.label == "2025/26 Q4"
    assert (last_year.start, last_year.end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert Q4.previous() == Q3
    assert Q4.next() == APRIL.quarter(2027, 1)
    item = annual(unit="count", accumulation="year_to_date")
    assert comparable_target(item, Q4) == (
        d("240"),
        "12 months' share of the 2026/27 target",
    )


def test_a_review_of_a_quarter_that_crosses_the_calendar_year(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path,
        """\
  - id: I1
    title: Offences
    unit: count
    polarity: lower
    accumulation: discrete
    targets: [{period: 2026/27, value: 400}]
""",
    )
    before = Q4.same_period_last_year()
    write_figures(tmp_path, Q4, {"I1": {Q4: "90"}})
    write_figures(tmp_path, Q3, {"I1": {Q3: "95"}})
    write_figures(tmp_path, before, {"I1": {before: "120"}})
    result = one(plan, Q4, as_of=date(2027, 5, 20))
    assert result.period == "2026/27 Q4"
    assert result.actual == d("90")
    assert result.target == d("100")
    assert result.status is Rag.GREEN
    assert result.compared_with == Point("2026/27 Q3", d("95"))
    assert result.last_year == Point("2025/26 Q4", d("120"))
    assert result.direction is Direction.IMPROVING
    assert result.direction_words == "↓ improving on 2026/27 Q3"


def test_a_review_in_a_year_starting_in_september(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path,
        """\
  - id: I1
    title: Pupils excluded
    unit: count
    polarity: lower
    accumulation: year_to_date
    targets: [{period: 2026/27, value: 40}]
""",
        year_start=9,
    )
    second = SEPTEMBER.quarter(2026, 2)
    write_figures(tmp_path, second, {"I1": {second: "24"}}, calendar=SEPTEMBER)
    before = second.same_period_last_year()
    write_figures(tmp_path, before, {"I1": {before: "26"}}, calendar=SEPTEMBER)
    assert (tmp_path / "monitoring" / "2026-27-Q2.yaml").is_file()
    result = one(plan, second, as_of=date(2027, 4, 1))
    assert result.target == d("20")  # six months' share of 40
    assert result.status is Rag.RED
    assert result.last_year == Point("2025/26 Q2", d("26"))
    # A year-to-date figure is compared with the same period last year.
    assert result.direction is Direction.IMPROVING
    assert result.direction_words == "↓ improving on 2025/26 Q2"
    # No year-end figure last year to give the year's shape: the plain run rate.
    assert result.forecast.method == "run rate"
    assert result.forecast.value == d("48")  # 24 over six months, so 48 over twelve
    assert result.forecast.likely_to_meet is False


# -- helpers for the cases that read a plan and its monitoring files --------------

PLAN = """\
format_version: 1
partnership:
  name: Test Partnership
  year_start: {year_start}
vision:
  outcomes:
    - {{id: O1, title: Safer streets}}
indicators:
{indicators}{settings}"""


def write_plan(tmp_path: Path, indicators: str, *, year_start: int = 4, settings: str = "") -> Path:
    path = tmp_path / "plan.yaml"
    text = PLAN.format(year_start=year_start, indicators=indicators, settings=settings)
    path.write_text(text, encoding="utf-8")
    return path


def write_figures(
    tmp_path: Path,
    period: Period,
    values: dict[str, dict[Period, str | None]],
    *,
    calendar: Calendar = APRIL,
) -> None:
    """Write ``period``'s monitoring file with the given figures (``None``: not written)."""
    assert calendar.start_month == period.start_month
    lines = ["format_version: 1", f"period: '{period.label}'", "figures:"]
    for indicator_id, by_period in values.items():
        lines.append(f"  {indicator_id}:")
        for observed, value in by_period.items():
            if value is None:
                continue
            lines += [
                f"    '{observed.label}':",
                f"      value: {value}",
                "      recorded_by: test",
                "      recorded_at: '2026-10-01T09:00:00+01:00'",
            ]
    folder = tmp_path / "monitoring"
    folder.mkdir(exist_ok=True)
    (folder / f"{period.file_stem}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def review(plan: Path, quarter: Period, *, as_of: date = date(2026, 11, 26)) -> QuarterReview:
    return review_quarter(open_workspace(plan, as_of=as_of), quarter)


def one(plan: Path, quarter: Period, *, as_of: date = date(2026, 11, 26)) -> IndicatorReview:
    (only,) = review(plan, quarter, as_of=as_of).indicators
    return only
