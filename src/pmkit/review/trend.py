"""The trend chart: an indicator's figures over time, its target, near-target zone and forecast.

The SVG scales to the width of its column (``viewBox``, width 100%). Its
coordinates are sized so that text drawn at ``FONT`` units is at least 12
pixels tall when the chart is 358 pixels wide (a 390-pixel phone less the
page's margins). What the marks mean is said once, in the key above the
charts; each chart carries its own figures in words (``<title>``, ``<desc>``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.review.axes import Label, nice_ticks, place_labels, text_width
from pmkit.review.chart_words import describe
from pmkit.review.charts import Scale, escape, marker, x_positions
from pmkit.review.frames import Frame, frame
from pmkit.review.numbers import number

if TYPE_CHECKING:
    from pmkit.review.result import IndicatorReview

WIDTH, HEIGHT = 460, 280
"""The chart's own units: 358 pixels wide on a phone shows ``FONT`` at 12.45 pixels."""
FONT = 16
PHONE = 358
MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM = 34, 14, 52
GAP = 8
"""The least room between two labels on the x axis."""
INK, GREY, BLUE, LIGHT = "#0b0c0c", "#505a5f", "#1d70b8", "#b1b4b6"
NEAR = "#f7d8a8"


def trend_chart(indicator: IndicatorReview, chart_id: str) -> str:
    """The indicator's trend as inline SVG, described in words for screen readers."""
    title = f"{indicator.id}: {indicator.title}"
    shape = frame(indicator)
    known = [v for line in shape.lines for v in line.values if v is not None]
    height = HEIGHT if known else 60
    classes = "chart trend" if known else "chart trend empty"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" class="{classes}" '
        f'font-size="{FONT}" font-family="Arial, Helvetica, sans-serif">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(describe(indicator))}</desc>'
    )
    if not known:
        return head + '<text x="10" y="35" class="label">No figures recorded yet.</text></svg>'
    return head + "".join(_body(indicator, shape, known)) + "</svg>"


def levels(
    indicator: IndicatorReview, known: list[Decimal], *, by_year: bool = False
) -> list[Decimal]:
    """Every value the vertical axis must cover: figures, targets, zones, baseline, forecast."""
    values = list(known)
    for value in (
        indicator.target,
        indicator.target_low,
        indicator.target_high,
        indicator.forecast.value,
        indicator.forecast.target if by_year else None,
        indicator.baseline.value if indicator.baseline is not None else None,
    ):
        if value is not None:
            values.append(value)
    for low, high in indicator.near_zones:
        values += [low, high]
    return values


def _body(indicator: IndicatorReview, shape: Frame, known: list[Decimal]) -> list[str]:
    values = levels(indicator, known, by_year=shape.by_year)
    pad = (max(values) - min(values)) / 20
    ticks = nice_ticks(min(values) - pad, max(values) + pad)
    tick_words = [number(tick) for tick in ticks]
    left = max(text_width(word, FONT) for word in tick_words) + 12
    right, top, bottom = WIDTH - MARGIN_RIGHT, MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    scale = Scale(ticks[0], ticks[-1], top, bottom)
    xs = x_positions(len(shape.slots), left=left + 12, right=right - 12)
    parts = [
        f'<text x="0" y="{FONT}" class="axis unit">{escape(indicator.unit or "figure")}</text>'
    ]
    for tick, word in zip(ticks, tick_words, strict=True):
        y = scale.y(tick)
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="#e5e6e7" class="grid"/>'
            f'<text x="{left - 6}" y="{round(y + FONT * 0.35, 2)}" text-anchor="end" '
            f'class="axis tick">{escape(word)}</text>'
        )
    # A year-to-date target is the target for the period, so it is marked there, not across.
    start, end = float(left), float(right)
    if shape.by_year and shape.latest_slot is not None:
        start = round(max(left, xs[shape.latest_slot] - 24), 2)
        end = round(min(right, xs[shape.latest_slot] + 24), 2)
    for low, high in indicator.near_zones:
        y_high, y_low = scale.y(high), scale.y(low)
        parts.append(
            f'<rect x="{start}" y="{y_high}" width="{round(end - start, 2)}" '
            f'height="{round(y_low - y_high, 2)}" fill="{NEAR}" class="near" '
            f'data-low="{low}" data-high="{high}"/>'
        )
    for value in _targets(indicator):
        y = scale.y(value)
        parts.append(
            f'<line x1="{start}" y1="{y}" x2="{end}" y2="{y}" stroke="{INK}" '
            f'stroke-width="2" stroke-dasharray="8 4" class="target" data-value="{value}"/>'
        )
    year_end = indicator.forecast.target
    if shape.by_year and shape.forecast_slot is not None and year_end is not None:
        x, y = xs[shape.forecast_slot], scale.y(year_end)
        x0, x1 = round(max(left, x - 24), 2), round(min(right, x + 24), 2)
        parts.append(
            f'<line x1="{x0}" y1="{y}" x2="{x1}" y2="{y}" stroke="{INK}" stroke-width="2" '
            f'stroke-dasharray="8 4" class="target" data-value="{year_end}"/>'
        )
    if indicator.baseline is not None and indicator.baseline.value is not None:
        y = scale.y(indicator.baseline.value)
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="{GREY}" '
            'stroke-width="2" stroke-dasharray="1 4" class="baseline"/>'
        )
    parts.append(
        f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="{GREY}" class="axis"/>'
    )
    for line in shape.lines:
        parts += _line(line.name, line.values, xs, scale)
    latest = shape.lines[-1].values[shape.latest_slot] if shape.latest_slot is not None else None
    if latest is not None and shape.latest_slot is not None:
        x, y = xs[shape.latest_slot], scale.y(latest)
        parts.append(marker(indicator.status.value, x, y, size=7))
        if indicator.forecast.value is not None and shape.forecast_slot is not None:
            x1, y1 = xs[shape.forecast_slot], scale.y(indicator.forecast.value)
            parts.append(
                f'<line x1="{x}" y1="{y}" x2="{x1}" y2="{y1}" stroke="{BLUE}" stroke-width="2" '
                f'stroke-dasharray="3 5" class="forecast"/>'
                f'<circle cx="{x1}" cy="{y1}" r="5" fill="#fff" stroke="{BLUE}" '
                'stroke-width="2" class="forecast"/>'
            )
    parts += _x_labels(shape, xs, left, bottom)
    return parts


def _targets(indicator: IndicatorReview) -> list[Decimal]:
    """The target's value, or both ends of a range target."""
    if indicator.target_low is not None and indicator.target_high is not None:
        return [indicator.target_low, indicator.target_high]
    return [indicator.target] if indicator.target is not None else []


def _line(name: str, values: list[Decimal | None], xs: list[float], scale: Scale) -> list[str]:
    """A line through the figures (broken where one is missing), with a dot on each."""
    last_year = name == "last year"
    colour, width = (GREY, 2) if last_year else (BLUE, 3)
    dash = ' stroke-dasharray="6 3"' if last_year else ""
    parts: list[str] = []
    run: list[str] = []
    for x, value in [*zip(xs, values, strict=False), (0.0, None)]:
        if value is not None:
            run.append(f"{x},{scale.y(value)}")
            continue
        if len(run) > 1:
            parts.append(
                f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                f'stroke-width="{width}"{dash} class="line {name.replace(" ", "-")}"/>'
            )
        run = []
    for x, value in zip(xs, values, strict=False):
        if value is not None:
            parts.append(f'<circle cx="{x}" cy="{scale.y(value)}" r="3.5" fill="{colour}"/>')
    return parts


def x_labels(shape: Frame, xs: list[float], left: float) -> tuple[list[Label], list[Label]]:
    """The two rows of x-axis labels: each period (``Q3``), and each year where it starts."""
    texts = [slot.period for slot in shape.slots]
    starts = [i for i, slot in enumerate(shape.slots) if slot.year]
    latest = shape.latest_slot if shape.latest_slot is not None else len(texts) - 1
    # The latest is always labelled: put it last in the order place_labels keeps first.
    order = [i for i in range(len(texts)) if i != latest] + [latest]
    placed = place_labels(
        [xs[i] for i in order],
        [texts[i] for i in order],
        size=FONT,
        gap=GAP,
        prefer=[order.index(i) for i in starts if i in order],
        left=left,
        right=WIDTH,
    )
    years = place_labels(
        [xs[i] for i in starts],
        [shape.slots[i].year for i in starts],
        size=FONT,
        gap=GAP,
        left=left,
        right=WIDTH,
    )
    return sorted(placed, key=lambda label: label.x), years


def _x_labels(shape: Frame, xs: list[float], left: float, bottom: float) -> list[str]:
    periods, years = x_labels(shape, xs, left)
    parts = [
        f'<text x="{label.x}" y="{bottom + FONT + 4}" text-anchor="middle" '
        f'class="axis period">{escape(label.text)}</text>'
        for label in periods
    ]
    parts += [
        f'<text x="{label.x}" y="{bottom + 2 * FONT + 10}" text-anchor="middle" '
        f'class="axis year">{escape(label.text)}</text>'
        for label in years
    ]
    return parts
