"""The charts' geometry and markup, without a browser: scales, positions, markers and SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal
from itertools import pairwise

import pytest

from pmkit.review.charts import (
    Scale,
    marker,
    scale_for,
    sparkline_svg,
    status_summary,
    x_positions,
)
from pmkit.review.result import Forecast, IndicatorReview, Point, Rag
from pmkit.review.trend import HEIGHT, MARGIN_BOTTOM, MARGIN_TOP, trend_chart

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert(1)</script> " onmouseover="alert(1) & javascript:alert(1)'
WORDS = {
    "green": "On target",
    "amber": "Near target",
    "red": "Off target",
    "no_data": "No data",
    "no_target": "No target",
}


def indicator(
    values: list[str | None],
    *,
    title: str = "Neighbourhood crime",
    target: str | None = "10",
    forecast: str | None = None,
    status: Rag = Rag.RED,
) -> IndicatorReview:
    series = [
        Point(f"20{20 + i}/{21 + i}", None if v is None else Decimal(v))
        for i, v in enumerate(values)
    ]
    return IndicatorReview(
        id="CS-02",
        title=title,
        unit="rate per 1,000",
        polarity="lower_is_better",
        accumulation=None,
        owner=None,
        outcomes=["O1"],
        priorities=[],
        period="2026/27 Q2",
        actual=series[-1].value if series else None,
        target=None if target is None else Decimal(target),
        target_basis="",
        status=status,
        forecast=Forecast("linear", None if forecast is None else Decimal(forecast)),
        series=series,
    )


def quarterly(values: list[str | None], *, forecast: str | None = None) -> IndicatorReview:
    """Quarters of 2026/27 from Q1, with their places in the year."""
    item = indicator(values, forecast=forecast)
    item.series = [Point(f"2026/27 Q{i + 1}", p.value) for i, p in enumerate(item.series)]
    return item


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def text_of(root: ET.Element, tag: str) -> str:
    found = root.find(f"{SVG}{tag}")
    assert found is not None, tag
    return found.text or ""


# --- Scale and positions -------------------------------------------------------------------


def test_scale_maps_low_to_the_bottom_and_high_to_the_top() -> None:
    scale = Scale(Decimal(0), Decimal(100), top=10, bottom=110)

    assert scale.y(Decimal(0)) == 110
    assert scale.y(Decimal(100)) == 10
    assert scale.y(Decimal(50)) == 60


def test_scale_is_monotonic() -> None:
    scale = Scale(Decimal("-3.5"), Decimal("12.25"), top=16, bottom=180)
    ys = [scale.y(Decimal(v) / 4) for v in range(-14, 50)]

    assert all(a > b for a, b in pairwise(ys))


def test_a_scale_with_no_span_puts_everything_in_the_middle() -> None:
    assert Scale(Decimal(5), Decimal(5), top=0, bottom=100).y(Decimal(5)) == 50


def test_scale_for_pads_a_tenth_of_the_range_each_side() -> None:
    scale = scale_for([Decimal(10), Decimal(30), Decimal(20)], top=0, bottom=100)

    assert (scale.low, scale.high) == (Decimal(8), Decimal(32))
    assert 0 < scale.y(Decimal(30)) < scale.y(Decimal(10)) < 100


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [("50", "45", "55"), ("-20", "-22", "-18"), ("0", "-1", "1")],
)
def test_scale_for_a_flat_series_still_has_room(value: str, low: str, high: str) -> None:
    scale = scale_for([Decimal(value)] * 3, top=0, bottom=100)

    assert (scale.low, scale.high) == (Decimal(low), Decimal(high))
    assert scale.y(Decimal(value)) == 50


def test_one_point_sits_in_the_middle() -> None:
    assert x_positions(1, left=10, right=110) == [60]


def test_several_points_are_evenly_spaced_from_edge_to_edge() -> None:
    xs = x_positions(5, left=10, right=110)

    assert xs == [10, 35, 60, 85, 110]
    assert x_positions(2, left=0, right=7) == [0, 7]
    assert len({round(b - a, 6) for a, b in pairwise(xs)}) == 1


# --- markers -------------------------------------------------------------------------------


def test_each_status_has_its_own_shape() -> None:
    green = parse_fragment(marker("green", 50, 60))
    amber = parse_fragment(marker("amber", 50, 60))
    red = parse_fragment(marker("red", 50, 60))
    none = parse_fragment(marker("no_data", 50, 60))

    assert green.tag == "circle" and green.get("cx") == "50" and green.get("r") == "6"
    assert amber.tag == "polygon" and len((amber.get("points") or "").split()) == 3
    assert red.tag == "path" and (red.get("d") or "").count("M") == 2
    assert red.get("stroke") and red.get("stroke-width") == "3"
    assert none.tag == "rect" and none.get("fill") == "none"
    assert none.get("width") == none.get("height") == "12"
    colours = {el.get("fill") or el.get("stroke") for el in (green, amber, red, none)}
    assert len(colours) == 4


def parse_fragment(fragment: str) -> ET.Element:
    return ET.fromstring(fragment)


# --- trend charts --------------------------------------------------------------------------


def test_a_trend_chart_is_well_formed_and_described_in_words() -> None:
    item = indicator(["12", "11.5", None, "9.25"], forecast="8.75")
    root = parse(trend_chart(item, "chart-CS-02"))

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-CS-02-t chart-CS-02-d"
    assert "trend" in (root.get("class") or "").split()
    assert text_of(root, "title") == "CS-02: Neighbourhood crime"
    desc = text_of(root, "desc")
    for words in ("2020/21: 12", "2021/22: 11.5", "2022/23: no figure", "2023/24: 9.2"):
        assert words in desc
    assert desc.startswith("Fell from 12 in 2020/21 to 9.25 in 2023/24; target for 2026/27 Q2 10;")
    assert "; off target." in desc
    assert "Figures in rate per 1,000." in desc
    assert "Forecast to the year end: 8.75." in desc


def test_the_target_line_is_drawn_only_when_there_is_a_target() -> None:
    with_target = parse(trend_chart(indicator(["12", "11"], target="10"), "a"))
    without = parse(trend_chart(indicator(["12", "11"], target=None, status=Rag.NO_TARGET), "b"))

    assert len(with_target.findall(f"{SVG}line[@class='target']")) == 1
    assert without.findall(f"{SVG}line[@class='target']") == []
    assert "; no target; no target." in text_of(without, "desc")


def test_the_forecast_line_is_drawn_only_when_there_is_a_forecast() -> None:
    with_forecast = parse(trend_chart(quarterly(["12", "11"], forecast="9"), "a"))
    without = parse(trend_chart(quarterly(["12", "11"]), "b"))

    assert len(with_forecast.findall(f"{SVG}line[@class='forecast']")) == 1
    assert without.findall(f"{SVG}line[@class='forecast']") == []
    assert "Forecast" not in text_of(without, "desc")


def test_missing_values_are_gaps_not_drawn_at_zero() -> None:
    root = parse(trend_chart(indicator(["12", None, "11", "10.5", None]), "a"))
    polylines = root.findall(f"{SVG}polyline")

    # The line breaks at the missing figure: only 11 to 10.5 is joined.
    assert len(polylines) == 1
    points = (polylines[0].get("points") or "").split()
    assert len(points) == 2
    dots = root.findall(f"{SVG}circle")
    assert len(dots) == 3
    for dot in dots:
        assert MARGIN_TOP <= float(dot.get("cy") or 0) <= HEIGHT - MARGIN_BOTTOM
    # The latest figure is missing, so there is no status marker and no forecast from it.
    assert root.findall(f"{SVG}path") == []


def test_an_all_empty_series_says_so() -> None:
    root = parse(trend_chart(indicator([None, None], forecast="3"), "empty"))

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "empty-t empty-d"
    assert "no figure" in text_of(root, "desc")
    labels = [el.text for el in root.findall(f"{SVG}text")]
    assert labels == ["No figures recorded yet."]
    assert root.findall(f"{SVG}polyline") == root.findall(f"{SVG}line") == []


def test_hostile_text_in_the_title_is_escaped() -> None:
    svg = trend_chart(indicator(["1", "2"], title=HOSTILE), "a")
    root = parse(svg)

    assert "<script" not in svg
    assert 'onmouseover="' not in svg
    assert text_of(root, "title") == f"CS-02: {HOSTILE}"
    assert all(not name.startswith("on") for el in root.iter() for name in el.attrib)


# --- sparklines and the summary ------------------------------------------------------------


def test_a_sparkline_is_labelled_with_its_figures() -> None:
    svg = sparkline_svg(indicator(["12", None, "11", "10"], title=HOSTILE))
    root = parse(svg)

    assert root.get("role") == "img"
    label = root.get("aria-label") or ""
    assert "2020/21: 12" in label and "2021/22: no figure" in label and "2023/24: 10" in label
    polyline = root.find(f"{SVG}polyline")
    assert polyline is not None
    assert len((polyline.get("points") or "").split()) == 3
    assert "<script" not in svg


def test_a_sparkline_of_fewer_than_two_figures_is_words_only() -> None:
    html = sparkline_svg(indicator([None, "3"]))

    assert "<svg" not in html
    span = ET.fromstring(html)
    assert span.tag == "span" and span.get("class") == "visually-hidden"
    assert "2021/22: 3" in (span.text or "")


def test_the_status_summary_has_a_bar_and_words_per_status() -> None:
    counts = {"green": 5, "amber": 2, "red": 3, "no_data": 0}
    words = {**WORDS, "red": HOSTILE}
    svg = status_summary(counts, words)
    root = parse(svg)

    assert root.get("role") == "img"
    assert text_of(root, "title") == "Indicators by status"
    desc = text_of(root, "desc")
    assert "On target: 5" in desc and f"{HOSTILE}: 3" in desc and "No target: 0" in desc
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 5
    widths = [float(bar.get("width") or 0) for bar in bars]
    assert widths[0] == max(widths) and widths[3] == widths[4] == 0
    assert widths[1] < widths[2] < widths[0]
    labels = [el.text for el in root.findall(f"{SVG}text")]
    assert HOSTILE in labels and "5" in labels
    assert "<script" not in svg


def test_the_status_summary_with_no_indicators() -> None:
    root = parse(status_summary({}, WORDS))

    assert all(float(bar.get("width") or 0) == 0 for bar in root.findall(f"{SVG}rect"))


def test_the_baseline_is_drawn_and_described() -> None:
    item = indicator(values=["12", "11.5", None, "9.25"])
    item.baseline = Point("2025/26", Decimal("11"))
    svg = trend_chart(item, "chart-cs-02")
    root = parse(svg)
    lines = [line for line in root.iter(f"{SVG}line") if line.get("class") == "baseline"]
    assert len(lines) == 1
    assert "Baseline (2025/26): 11." in text_of(root, "desc")
