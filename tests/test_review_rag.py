"""The review's arithmetic, worked by hand: RAG status, comparable targets, direction, forecast.

Most cases call :mod:`pmkit.review.figures` directly on indicators built in
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

from pmkit.model.indicators import Indicator
from pmkit.model.settings import RagScheme
from pmkit.monitoring.workspace import open_workspace
from pmkit.periods import Calendar, Period, PeriodKind
from pmkit.review import figures
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
    return figures.rate(
        item,
        None if actual is None else d(actual),
        None if target is None else d(target),
        None if last_year is None else d(last_year),
        scheme,
    )


def series(period: Period, values: dict[int, str]) -> list[Point]:
    """The review's eight-period series ending at ``period``, with values at the given indices."""
    periods = figures.series_periods(period)
    return [
        Point(p.label, d(values[index]) if index in values else None)
        for index, p in enumerate(periods)
    ]


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
    ranks = [RANK[figures.rate(item, value, target, last_year, scheme)] for value in values]
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
    target, basis = figures.comparable_target(item, quarter)
    assert target == d(expected)
    months = quarter.quarter_number * 3
    assert basis == f"{months} months' share of the 2026/27 target"


def test_year_to_date_money_is_shared_out_like_a_count() -> None:
    item = annual(1200, unit="money", accumulation="year_to_date")
    assert figures.comparable_target(item, Q2)[0] == d("600")


def test_year_to_date_monthly_count_against_the_months_elapsed() -> None:
    item = annual(unit="count", accumulation="year_to_date", frequency="monthly")
    august = APRIL.month(2026, 8)  # the fifth month of a year starting in April
    target, basis = figures.comparable_target(item, august)
    assert target == d("100")
    assert basis == "5 months' share of the 2026/27 target"


def test_discrete_count_against_the_quarters_share() -> None:
    item = annual(unit="count", accumulation="discrete")
    for quarter in (Q1, Q2, Q3, Q4):
        target, basis = figures.comparable_target(item, quarter)
        assert target == d("60")
        assert basis == "quarter's share of the 2026/27 target"


def test_discrete_monthly_count_against_the_months_share() -> None:
    item = annual(unit="count", accumulation="discrete", frequency="monthly")
    target, basis = figures.comparable_target(item, APRIL.month(2026, 9))
    assert target == d("20")
    assert basis == "month's share of the 2026/27 target"


def test_a_count_without_accumulation_is_taken_as_discrete() -> None:
    item = annual(unit="count")
    assert figures.comparable_target(item, Q2)[0] == d("60")


@pytest.mark.parametrize(
    ("unit", "accumulation"),
    [
        ("count", "rolling_12_months"),
        ("count", "snapshot"),
        ("rate per 1,000", "discrete"),
        ("rate per 1,000", "year_to_date"),
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
        assert figures.comparable_target(item, quarter) == (d("240"), "2026/27 target")


def test_an_exact_quarterly_target_is_preferred_over_the_annual_one() -> None:
    item = indicator(
        unit="count",
        polarity="higher",
        accumulation="year_to_date",
        targets=[{"period": "2026/27", "value": 240}, {"period": "2026/27 Q2", "value": 100}],
    )
    assert figures.comparable_target(item, Q2) == (d("100"), "target for 2026/27 Q2")
    # Other quarters still take their share of the annual target.
    assert figures.comparable_target(item, Q3)[0] == d("180")


def test_a_target_for_another_year_does_not_apply() -> None:
    item = annual(year="2027/28", unit="percentage", accumulation="snapshot")
    assert figures.comparable_target(item, Q2) == (None, "")


def test_a_year_is_compared_only_with_a_target_for_that_year() -> None:
    item = annual(unit="count", accumulation="year_to_date")
    assert figures.comparable_target(item, APRIL.year(2026)) == (d("240"), "target for 2026/27")
    assert figures.comparable_target(item, APRIL.year(2025)) == (None, "")


def test_calendar_year_quarters_and_shares() -> None:
    item = annual(year="2026", unit="count", accumulation="year_to_date", calendar=JANUARY)
    third = JANUARY.quarter(2026, 3)
    assert third.label == "2026 Q3"
    assert (third.start, third.end) == (date(2026, 7, 1), date(2026, 9, 30))
    target, basis = figures.comparable_target(item, third)
    assert target == d("180")
    assert basis == "9 months' share of the 2026 target"
    assert figures.comparable_target(item, JANUARY.quarter(2026, 1))[0] == d("60")


def test_a_year_starting_in_september() -> None:
    item = annual(unit="count", accumulation="year_to_date", calendar=SEPTEMBER)
    second = SEPTEMBER.quarter(2026, 2)
    assert second.label == "2026/27 Q2"
    assert (second.start, second.end) == (date(2026, 12, 1), date(2027, 2, 28))
    assert second.year == SEPTEMBER.year(2026)
    target, basis = figures.comparable_target(item, second)
    assert target == d("120")
    assert basis == "6 months' share of the 2026/27 target"
    # January 2027 is the fifth month of the year that started in September 2026.
    january = SEPTEMBER.month(2027, 1)
    assert figures.comparable_target(item, january)[0] == d("100")
    # A discrete count shares the target by quarter, whatever month the year starts in.
    discrete = annual(unit="count", accumulation="discrete", calendar=SEPTEMBER)
    assert figures.comparable_target(discrete, second)[0] == d("60")


def test_a_quarter_that_crosses_the_calendar_year() -> None:
    assert Q4.label == "2026/27 Q4"
    assert (Q4.start, Q4.end) == (date(2027, 1, 1), date(2027, 3, 31))
    last_year = Q4.same_period_last_year()
    assert last_year.label == "2025/26 Q4"
    assert (last_year.start, last_year.end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert Q4.previous() == Q3
    assert Q4.next() == APRIL.quarter(2027, 1)
    item = annual(unit="count", accumulation="year_to_date")
    assert figures.comparable_target(item, Q4) == (
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
    assert result.previous == Point("2026/27 Q3", d("95"))
    assert result.last_year == Point("2025/26 Q4", d("120"))
    assert result.direction_previous is Direction.IMPROVING
    assert result.direction_last_year is Direction.IMPROVING


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
    assert result.direction_last_year is Direction.IMPROVING
    assert result.forecast.value == d("48")  # 24 over six months, so 48 over twelve
    assert result.forecast.likely_to_meet is False


# -- direction of travel -------------------------------------------------------


@pytest.mark.parametrize(
    ("polarity", "then", "now", "expected"),
    [
        ("higher", "10", "12", Direction.IMPROVING),
        ("higher", "10", "10", Direction.NO_CHANGE),
        ("higher", "10", "8", Direction.WORSENING),
        ("lower", "10", "8", Direction.IMPROVING),
        ("lower", "10", "10", Direction.NO_CHANGE),
        ("lower", "10", "12", Direction.WORSENING),
    ],
)
def test_direction_by_polarity(polarity: str, then: str, now: str, expected: Direction) -> None:
    item = indicator(polarity=polarity)
    assert figures.direction(item.polarity, d(now), d(then)) is expected


def test_no_direction_without_both_figures_or_a_polarity() -> None:
    higher = indicator(polarity="higher").polarity
    assert figures.direction(higher, None, d("1")) is None
    assert figures.direction(higher, d("1"), None) is None
    assert figures.direction(None, d("2"), d("1")) is None


DIRECTIONS = [
    # polarity, previous quarter, same quarter last year; 65 now; then the two directions
    ("higher", "60", "70", Direction.IMPROVING, Direction.WORSENING),
    ("higher", "65", "65", Direction.NO_CHANGE, Direction.NO_CHANGE),
    ("higher", "70", "60", Direction.WORSENING, Direction.IMPROVING),
    ("lower", "60", "70", Direction.WORSENING, Direction.IMPROVING),
    ("lower", "65", "65", Direction.NO_CHANGE, Direction.NO_CHANGE),
    ("lower", "70", "60", Direction.IMPROVING, Direction.WORSENING),
]


@pytest.mark.parametrize("case", DIRECTIONS)
def test_direction_in_the_review(
    tmp_path: Path, case: tuple[str, str, str, Direction, Direction]
) -> None:
    polarity, previous, last_year, expected_previous, expected_last_year = case
    plan = write_plan(
        tmp_path,
        f"""\
  - id: I1
    title: Satisfied residents
    unit: percentage
    polarity: {polarity}
    accumulation: snapshot
    targets: [{{period: 2026/27, value: 65}}]
""",
    )
    before = Q2.same_period_last_year()
    write_figures(tmp_path, Q2, {"I1": {Q2: "65"}})
    write_figures(tmp_path, Q1, {"I1": {Q1: previous}})
    write_figures(tmp_path, before, {"I1": {before: last_year}})
    result = one(plan, Q2)
    assert result.direction_previous is expected_previous
    assert result.direction_last_year is expected_last_year
    assert result.previous == Point("2026/27 Q1", d(previous))
    assert result.last_year == Point("2025/26 Q2", d(last_year))


def test_no_direction_against_the_previous_period_for_year_to_date_figures(
    tmp_path: Path,
) -> None:
    plan = write_plan(
        tmp_path,
        """\
  - id: I1
    title: Referrals so far this year
    unit: count
    polarity: higher
    accumulation: year_to_date
    targets: [{period: 2026/27, value: 200}]
  - id: I2
    title: Referrals in the quarter
    unit: count
    polarity: higher
    accumulation: discrete
    targets: [{period: 2026/27, value: 200}]
""",
    )
    before = Q2.same_period_last_year()
    write_figures(tmp_path, Q2, {"I1": {Q2: "110"}, "I2": {Q2: "60"}})
    write_figures(tmp_path, Q1, {"I1": {Q1: "50"}, "I2": {Q1: "50"}})
    write_figures(tmp_path, before, {"I1": {before: "90"}, "I2": {before: "40"}})
    ytd, discrete = review(plan, Q2).indicators
    # Q2's year-to-date total always exceeds Q1's: comparing them says nothing.
    assert ytd.direction_previous is None
    assert ytd.previous is None
    # Against the same point last year it is a fair comparison.
    assert ytd.direction_last_year is Direction.IMPROVING
    assert ytd.last_year == Point("2025/26 Q2", d("90"))
    # A quarter's own count is compared with the quarter before.
    assert discrete.direction_previous is Direction.IMPROVING
    assert discrete.previous == Point("2026/27 Q1", d("50"))


# -- forecast ------------------------------------------------------------------


def test_run_rate_for_a_year_to_date_count() -> None:
    item = annual(200, unit="count", accumulation="year_to_date")
    forecast = figures.forecast(item, Q2, series(Q2, {6: "50", 7: "120"}))
    assert forecast.method == "run rate"
    assert forecast.value == d("240")  # 120 in six months, so 240 in twelve
    assert forecast.target == d("200")
    assert forecast.likely_to_meet is True


def test_run_rate_at_q3_and_q4() -> None:
    item = annual(200, unit="count", accumulation="year_to_date")
    assert figures.forecast(item, Q3, series(Q3, {7: "135"})).value == d("180")
    assert figures.forecast(item, Q4, series(Q4, {7: "190"})).value == d("190")


@pytest.mark.parametrize(
    ("polarity", "target", "likely"),
    [
        ("higher", "240", True),
        ("higher", "241", False),
        ("lower", "240", True),
        ("lower", "239", False),
    ],
)
def test_run_rate_likely_to_meet_by_polarity(polarity: str, target: str, likely: bool) -> None:
    item = indicator(
        unit="count",
        polarity=polarity,
        accumulation="year_to_date",
        targets=[{"period": "2026/27", "value": target}],
    )
    forecast = figures.forecast(item, Q2, series(Q2, {7: "120"}))
    assert forecast.value == d("240")
    assert forecast.likely_to_meet is likely


def test_run_rate_without_a_figure_is_insufficient_data() -> None:
    item = annual(200, unit="count", accumulation="year_to_date")
    forecast = figures.forecast(item, Q2, series(Q2, {6: "50"}))
    assert forecast.value is None
    assert forecast.likely_to_meet is None
    assert forecast.note == "insufficient data"


def test_run_rate_for_a_discrete_count_uses_only_this_years_quarters() -> None:
    item = annual(200, unit="count", accumulation="discrete", polarity="lower")
    # Last year's quarters (indices 2 to 5) are ignored; Q1 and Q2 give 110 in six months.
    values = {2: "900", 3: "900", 4: "900", 5: "900", 6: "50", 7: "60"}
    forecast = figures.forecast(item, Q2, series(Q2, values))
    assert forecast.method == "run rate"
    assert forecast.value == d("220")
    assert forecast.likely_to_meet is False
    only_last_year = figures.forecast(item, Q2, series(Q2, {5: "900"}))
    assert only_last_year.value is None
    assert only_last_year.note == "insufficient data"


def test_linear_trend_for_a_rate_with_four_points() -> None:
    # Four quarters at indices 4-7 of the series: 10, 12, 13, 15.
    # mean x = 5.5, mean y = 12.5; sum of dx*dy = 8, sum of dx^2 = 5, so the slope is 1.6.
    # Q2 is two quarters from the year end, so read the line at index 9:
    # 12.5 + 1.6 * (9 - 5.5) = 18.1.
    item = annual(18, unit="rate per 1,000", accumulation="rolling_12_months")
    forecast = figures.forecast(item, Q2, series(Q2, {4: "10", 5: "12", 6: "13", 7: "15"}))
    assert forecast.method == "linear trend"
    assert forecast.value == d("18.1")
    assert forecast.target == d("18")
    assert forecast.likely_to_meet is True


@pytest.mark.parametrize(
    ("polarity", "target", "likely"),
    [
        ("higher", "18", True),
        ("higher", "18.2", False),
        ("lower", "18.2", True),
        ("lower", "18", False),
    ],
)
def test_linear_trend_likely_to_meet_by_polarity(polarity: str, target: str, likely: bool) -> None:
    item = indicator(
        unit="percentage",
        polarity=polarity,
        accumulation="snapshot",
        targets=[{"period": "2026/27", "value": target}],
    )
    forecast = figures.forecast(item, Q2, series(Q2, {4: "10", 5: "12", 6: "13", 7: "15"}))
    assert forecast.value == d("18.1")
    assert forecast.likely_to_meet is likely


def test_linear_trend_with_gaps_and_at_q3() -> None:
    # Points at indices 1, 3, 5 and 7 lie on y = 30 - x: the line is exact.
    # Q3 is one quarter from the year end, so read at index 8: 22.
    item = annual(25, unit="rate per 1,000", accumulation="rolling_12_months", polarity="lower")
    values = {1: "29", 3: "27", 5: "25", 7: "23"}
    forecast = figures.forecast(item, Q3, series(Q3, values))
    assert forecast.value == d("22")
    assert forecast.likely_to_meet is True


def test_linear_trend_for_a_monthly_rate() -> None:
    # Months June to September 2026 at indices 4-7: 10, 12, 13, 15 (slope 1.6 a month).
    # Six months remain after September, so read at index 13: 12.5 + 1.6 * 7.5 = 24.5.
    item = annual(20, unit="percentage", accumulation="snapshot", frequency="monthly")
    september = APRIL.month(2026, 9)
    forecast = figures.forecast(
        item, september, series(september, {4: "10", 5: "12", 6: "13", 7: "15"})
    )
    assert forecast.value == d("24.5")


@pytest.mark.parametrize("points", [{}, {7: "15"}, {6: "13", 7: "15"}])
def test_fewer_than_three_points_is_insufficient_data(points: dict[int, str]) -> None:
    item = annual(18, unit="rate per 1,000", accumulation="rolling_12_months")
    forecast = figures.forecast(item, Q2, series(Q2, points))
    assert forecast.method == "linear trend"
    assert forecast.value is None
    assert forecast.likely_to_meet is None
    assert forecast.note == "insufficient data"
    assert forecast.target == d("18")


def test_annual_measures_show_their_latest_figure() -> None:
    item = indicator(
        unit="percentage",
        polarity="higher",
        frequency="annual",
        in_year_proxy="I2",
        targets=[{"period": "2025/26", "value": 50}],
    )
    year = APRIL.year(2025)
    forecast = figures.forecast(item, year, series(year, {5: "44", 6: "46", 7: "52"}))
    assert forecast.method == "annual measure"
    assert forecast.value == d("52")
    assert forecast.target == d("50")
    assert forecast.likely_to_meet is True
    assert "its latest figure" in forecast.note
    assert "in-year proxy I2" in forecast.note


# -- which period a quarter's review shows ---------------------------------------


def test_monthly_indicators_show_the_quarters_last_month() -> None:
    item = indicator(frequency="monthly")
    assert figures.observed_period(item, Q1).label == "2026-06"
    assert figures.observed_period(item, Q2).label == "2026-09"
    assert figures.observed_period(item, Q3).label == "2026-12"
    assert figures.observed_period(item, Q4).label == "2027-03"
    assert figures.observed_period(item, JANUARY.quarter(2026, 1)).label == "2026-03"


@pytest.mark.parametrize("frequency", [None, "quarterly"])
def test_quarterly_indicators_show_the_quarter(frequency: str | None) -> None:
    item = indicator() if frequency is None else indicator(frequency=frequency)
    for quarter in (Q1, Q2, Q3, Q4):
        assert figures.observed_period(item, quarter) == quarter


def test_six_monthly_indicators_show_the_latest_half_year() -> None:
    item = indicator(frequency="six_monthly")
    assert figures.observed_period(item, Q1).label == "2025/26 Q4"
    assert figures.observed_period(item, Q2).label == "2026/27 Q2"
    assert figures.observed_period(item, Q3).label == "2026/27 Q2"
    assert figures.observed_period(item, Q4).label == "2026/27 Q4"


@pytest.mark.parametrize("frequency", ["annual", "biennial"])
def test_annual_indicators_show_the_latest_year(frequency: str) -> None:
    item = indicator(frequency=frequency)
    for quarter in (Q1, Q2, Q3):
        period = figures.observed_period(item, quarter)
        assert period.kind is PeriodKind.YEAR
        assert period.label == "2025/26"
    assert figures.observed_period(item, Q4).label == "2026/27"


def test_a_monthly_indicator_in_the_review(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path,
        """\
  - id: I1
    title: Calls for service
    unit: count
    polarity: lower
    frequency: monthly
    accumulation: discrete
    targets: [{period: 2026/27, value: 1200}]
""",
    )
    july, august, september = (APRIL.month(2026, m) for m in (7, 8, 9))
    write_figures(tmp_path, Q2, {"I1": {july: "90", august: "95", september: "110"}})
    result = one(plan, Q2)
    assert result.period == "2026-09"
    assert result.actual == d("110")
    assert result.target == d("100")  # a month's share of 1,200
    assert result.status is Rag.RED
    assert result.previous == Point("2026-08", d("95"))
    assert result.direction_previous is Direction.WORSENING
    assert [p.period for p in result.series][-3:] == ["2026-07", "2026-08", "2026-09"]


def test_a_six_monthly_indicator_is_compared_with_the_half_year_before(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path,
        """\
  - id: I1
    title: Residents who feel safe (six-monthly survey)
    unit: percentage
    polarity: higher
    frequency: six_monthly
    accumulation: snapshot
    targets: [{period: 2026/27, value: 70}]
""",
    )
    half_before = APRIL.quarter(2025, 4)
    write_figures(tmp_path, Q2, {"I1": {Q2: "72"}})
    write_figures(tmp_path, half_before, {"I1": {half_before: "68"}})
    for quarter in (Q2, Q3):  # Q3's review still shows the half-year to Q2
        result = one(plan, quarter)
        assert result.period == "2026/27 Q2"
        assert result.actual == d("72")
        assert result.previous == Point("2025/26 Q4", d("68"))
        assert result.direction_previous is Direction.IMPROVING


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
