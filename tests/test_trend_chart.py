"""The trend chart's content: the near-target zone, year-to-date years, annual series, words.

Every number here is worked out by hand from the chart's layout: a plot from
y = 34 (top) to y = 228 (bottom: 280 high less 52 for the period labels).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest

from pmkit.judgement.targets import PeriodTarget, TargetMethod
from pmkit.model.indicators import Indicator
from pmkit.model.settings import RagScheme
from pmkit.periods import Calendar
from pmkit.review.axes import Label, clear, text_width
from pmkit.review.chart_words import describe
from pmkit.review.frames import frame, year_places
from pmkit.review.result import Forecast, IndicatorReview, Point, Rag
from pmkit.review.sparkline import direction_series, trend_line
from pmkit.review.trend import FONT, GAP, PHONE, WIDTH, trend_chart
from pmkit.review.zones import near_zones

SVG = "{http://www.w3.org/2000/svg}"
D = Decimal
QUARTERS = [f"{year} Q{q}" for year in ("2024/25", "2025/26", "2026/27") for q in (1, 2, 3, 4)]
"""2024/25 Q1 to 2026/27 Q4; a review of 2026/27 Q2 shows the eight to index 9."""


def review(
    values: list[str | None],
    *,
    labels: list[str] | None = None,
    accumulation: str | None = None,
    target: str | None = "90",
    zones: list[tuple[str, str]] | None = None,
    forecast: str | None = None,
    status: Rag = Rag.RED,
    unit: str = "percentage",
) -> IndicatorReview:
    labels = labels or QUARTERS[10 - len(values) : 10]
    return IndicatorReview(
        id="HW-04",
        title="Adults in contact with secondary mental health services in paid work",
        unit=unit,
        polarity="higher_is_better",
        accumulation=accumulation,
        owner=None,
        outcomes=[],
        priorities=[],
        period=labels[-1],
        actual=None if values[-1] is None else D(values[-1]),
        target=None if target is None else D(target),
        target_basis="",
        status=status,
        forecast=Forecast("linear", None if forecast is None else D(forecast)),
        series=[
            Point(label, None if v is None else D(v))
            for label, v in zip(labels, values, strict=True)
        ],
        near_zones=[(D(low), D(high)) for low, high in zones or []],
    )


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element, kind: str) -> list[ET.Element]:
    return [el for el in root.iter(f"{SVG}text") if kind in (el.get("class") or "").split()]


# --- the near-target zone, from the plan ---------------------------------------------------

CALENDAR = Calendar(4)


def indicator(**data: Any) -> Indicator:
    return Indicator.model_validate({"id": "X-1", **data}, context={"calendar": CALENDAR})


def target(value: str | None = None, low: str | None = None, high: str | None = None) -> Any:
    return PeriodTarget(
        TargetMethod.EXPLICIT,
        value=None if value is None else D(value),
        low=None if low is None else D(low),
        high=None if high is None else D(high),
    )


def test_the_zone_is_below_the_target_when_higher_is_better() -> None:
    # 5% of 90 is 4.5: near target from 85.5 up to 90.
    found = near_zones(indicator(polarity="higher", tolerance="5%"), target("90"), RagScheme())
    assert found == [(D("85.5"), D("90"))]


def test_the_zone_is_above_the_target_when_lower_is_better() -> None:
    plan = indicator(polarity="lower", tolerance={"kind": "absolute", "value": 2})
    assert near_zones(plan, target("10.5"), RagScheme()) == [(D("10.5"), D("12.5"))]


def test_a_range_target_has_a_zone_outside_each_end() -> None:
    # 10% of the nearer end: 4 below 40, 6 above 60.
    plan = indicator(polarity="higher", tolerance="10%")
    assert near_zones(plan, target(low="40", high="60"), RagScheme()) == [
        (D(36), D(40)),
        (D(60), D(66)),
    ]


def test_no_zone_without_a_tolerance_or_when_the_scheme_ignores_it() -> None:
    plain = indicator(polarity="higher")
    tolerant = indicator(polarity="higher", tolerance="5%")
    assert near_zones(plain, target("90"), RagScheme()) == []
    assert near_zones(tolerant, target("90"), RagScheme(within_tolerance=False)) == []
    assert near_zones(tolerant, PeriodTarget(TargetMethod.NONE), RagScheme()) == []


def test_year_places_count_from_the_start_of_the_reporting_year() -> None:
    quarters = ["2025/26 Q4", "2026/27 Q1", "2026/27 Q2"]
    assert year_places(quarters, 4) == [("2025/26", 3), ("2026/27", 0), ("2026/27", 1)]
    # April's year: March 2027 is the last month of 2026/27, April the first of 2027/28.
    months = ["2027-03", "2027-04"]
    assert year_places(months, 4) == [("2026/27", 11), ("2027/28", 0)]
    # A calendar year: 2026 Q3 is the third quarter of 2026.
    assert year_places(["2026 Q3"], 1) == [("2026", 2)]
    assert year_places(["not a period"], 4) == []


def test_the_zone_is_drawn_between_its_values() -> None:
    item = review(["80", "84", "88"], zones=[("85.5", "90")])
    root = parse(trend_chart(item, "c"))

    # Values 80 to 90, padded by 0.5 each side, take ticks 75 to 95 by 5 (20 over 194 units).
    ticks = [el.text for el in texts(root, "tick")]
    assert ticks == ["75", "80", "85", "90", "95"]
    (zone,) = [el for el in root.iter(f"{SVG}rect") if el.get("class") == "near"]
    # 90 is 15 of 20 up: 228 - 145.5 = 82.5. 85.5 is 10.5 of 20 up: 228 - 101.85 = 126.15.
    assert float(zone.get("y") or 0) == 82.5
    assert float(zone.get("height") or 0) == pytest.approx(43.65)
    (line,) = [el for el in root.iter(f"{SVG}line") if el.get("class") == "target"]
    assert line.get("y1") == line.get("y2") == "82.5"


def test_the_unit_is_named_above_the_axis() -> None:
    root = parse(trend_chart(review(["80", "84"], unit="rate per 1,000"), "c"))
    assert [el.text for el in texts(root, "unit")] == ["rate per 1,000"]


# --- the x axis ----------------------------------------------------------------------------


def label_boxes(root: ET.Element, kind: str) -> list[Label]:
    found = [
        Label(float(el.get("x") or 0), el.text or "", text_width(el.text or "", FONT))
        for el in texts(root, kind)
    ]
    return sorted(found, key=lambda label: label.x)


def test_eight_quarters_are_all_labelled_with_the_years_beneath() -> None:
    item = review(["80", "81", "82", "83", "84", "85", "86", "87"])
    root = parse(trend_chart(item, "c"))

    periods = label_boxes(root, "period")
    assert [label.text for label in periods] == ["Q3", "Q4", "Q1", "Q2", "Q3", "Q4", "Q1", "Q2"]
    years = label_boxes(root, "year")
    assert [label.text for label in years] == ["2024/25", "2025/26", "2026/27"]
    for row in (periods, years):
        assert all(clear(a, b, GAP) for a, b in pairwise(row))
        assert all(label.left >= 0 and label.right <= WIDTH for label in row)


def test_a_forecast_runs_the_axis_on_to_the_year_end() -> None:
    item = review(["80", "81", "82", "83", "84", "85", "86", "87"], forecast="89")
    root = parse(trend_chart(item, "c"))

    assert [label.text for label in label_boxes(root, "period")][-3:] == ["Q2", "Q3", "Q4"]
    forecast = [el for el in root.iter(f"{SVG}line") if el.get("class") == "forecast"]
    assert len(forecast) == 1
    q4 = label_boxes(root, "period")[-1]
    assert float(forecast[0].get("x2") or 0) == q4.x


def test_crowded_monthly_labels_keep_the_latest_and_never_overlap() -> None:
    months = [f"2026-{m:02d}" for m in range(1, 13)] + [f"2027-{m:02d}" for m in range(1, 13)]
    item = review([str(60 + i) for i in range(24)], labels=months, target=None)
    root = parse(trend_chart(item, "c"))

    periods = label_boxes(root, "period")
    assert periods[-1].text == "Dec"
    assert all(clear(a, b, GAP) for a, b in pairwise(periods))


# --- year to date and annual series --------------------------------------------------------


def test_a_year_to_date_series_is_one_line_per_year() -> None:
    # 2024/25 Q3 to 2026/27 Q2: last year's four quarters, this year's two.
    values = ["9", "12", "3", "6", "9", "12", "4", "8"]
    item = review(values, accumulation="year_to_date", target="7", forecast="16")
    shape = frame(item)

    assert shape.by_year
    assert [slot.period for slot in shape.slots] == ["Q1", "Q2", "Q3", "Q4"]
    assert [line.name for line in shape.lines] == ["last year", "this year"]
    assert shape.lines[0].values == [D(3), D(6), D(9), D(12)]
    assert shape.lines[1].values == [D(4), D(8), None, None]
    assert (shape.latest_slot, shape.forecast_slot) == (1, 3)

    root = parse(trend_chart(item, "c"))
    lines = {el.get("class"): el.get("points") or "" for el in root.iter(f"{SVG}polyline")}
    assert len(lines["line last-year"].split()) == 4
    assert len(lines["line this-year"].split()) == 2
    desc = root.find(f"{SVG}desc")
    assert desc is not None and (desc.text or "").startswith(
        "Year to date 8 in 2026/27 Q2, against 6 at the same point last year (2025/26 Q2);"
        " target for 2026/27 Q2 7; off target."
    )


def test_an_annual_series_starts_at_its_first_figure() -> None:
    years = [f"20{18 + i}/{19 + i}" for i in range(8)]
    item = review([None, None, None, None, None, "11.5", "11", "10.8"], labels=years)
    root = parse(trend_chart(item, "c"))

    assert [label.text for label in label_boxes(root, "period")] == [
        "2023/24",
        "2024/25",
        "2025/26",
    ]
    assert len(frame(item).slots) == 3


# --- words and size ------------------------------------------------------------------------


def test_the_text_alternative_says_what_happened_against_what() -> None:
    item = review([None, "84.1", "85", "86.2", "87", "88", "88.5", "88.9"], forecast="89.5")
    words = describe(item)

    assert words.startswith(
        "Rose from 84.1 in 2024/25 Q4 to 88.9 in 2026/27 Q2; target for 2026/27 Q2 90; "
        "off target. Figures in percentage."
    )
    assert "2024/25 Q3: no figure" in words
    assert words.endswith("Forecast to the year end: 89.5.")


def test_chart_text_is_at_least_12_pixels_on_a_phone() -> None:
    root = parse(trend_chart(review(["80", "84"]), "c"))

    assert root.get("width") == "100%"
    assert root.get("viewBox", "").startswith(f"0 0 {WIDTH} ")
    assert float(root.get("font-size") or 0) * PHONE / WIDTH >= 12
    assert all(el.get("font-size") is None for el in root.iter(f"{SVG}text"))


# --- sparklines agree with the direction -----------------------------------------------------


def test_a_sparkline_compared_with_last_year_draws_that_period_each_year() -> None:
    values = ["9", "12", "3", "6", "9", "12", "4", "8"]
    item = review(values, accumulation="year_to_date")
    item.compared_with = Point("2025/26 Q2", D(6))
    item.last_year = Point("2025/26 Q2", D(6))

    assert direction_series(item) == ([D(6), D(8)], "Q2 each year")
    # Up from 6 to 8, as the direction says; the whole series would end going up from 4.
    assert trend_line(item) == "▁█ Q2 each year"


def test_a_sparkline_compared_with_the_period_before_draws_the_series() -> None:
    item = review(["80", "84", "82"])
    item.compared_with = Point("2026/27 Q1", D(84))
    item.last_year = Point("2025/26 Q2", D(70))

    assert direction_series(item) == ([D(80), D(84), D(82)], "")
    # 82 is half way from 80 to 84: 3.5 of the 7 steps up, rounded to even, the fifth block.
    assert trend_line(item) == "▁█▅"


def test_a_year_to_date_figure_not_yet_in_is_compared_at_the_latest_figure() -> None:
    values = ["9", "12", "3", "6", "9", "12", "4", None]
    item = review(values, accumulation="year_to_date", target="7", status=Rag.NOT_DUE)

    assert describe(item).startswith(
        "Year to date 4 in 2026/27 Q1, against 3 at the same point last year (2025/26 Q1);"
    )


def test_a_sparkline_before_the_figure_is_due_compares_the_latest_figure_in() -> None:
    values = ["9", "12", "3", "6", "9", "12", "4", None]
    item = review(values, accumulation="year_to_date", status=Rag.NOT_DUE)
    item.compared_with = Point("2025/26 Q2", D(6))
    item.last_year = Point("2025/26 Q2", D(6))

    # Q1 each year: 3 in 2025/26, 4 in 2026/27 (2024/25's Q1 is before the series).
    assert direction_series(item) == ([D(3), D(4)], "Q1 each year")
