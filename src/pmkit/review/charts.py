"""Charts as inline SVG: a trend per indicator, sparklines, and a summary of statuses.

Every chart carries its figures in words (``<title>`` and ``<desc>``) for
screen readers, marks status by shape as well as colour, and draws the target,
baseline and forecast with different dash patterns, so it reads in greyscale
and in print. No library: the geometry is small and tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

from pmkit.judgement.status import Rag
from pmkit.review.numbers import number

if TYPE_CHECKING:
    from pmkit.review.result import IndicatorReview

WIDTH, HEIGHT = 560, 220
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 16, 16, 40
COLOURS = {status.value: status.look.colour for status in Rag}
"""Each status's colour, from the one status vocabulary (never shown alone)."""


@dataclass(frozen=True, slots=True)
class Scale:
    """Maps values onto the chart's vertical axis (higher values nearer the top)."""

    low: Decimal
    high: Decimal
    top: float
    bottom: float

    def y(self, value: Decimal) -> float:
        """The vertical position of ``value``."""
        span = self.high - self.low
        if not span:
            return (self.top + self.bottom) / 2
        share = float((value - self.low) / span)
        return round(self.bottom - share * (self.bottom - self.top), 2)


def scale_for(values: list[Decimal], *, top: float, bottom: float) -> Scale:
    """A scale that fits ``values`` with a little room above and below."""
    low, high = min(values), max(values)
    pad = (high - low) / 10 if high != low else (abs(high) / 10 or Decimal(1))
    return Scale(low - pad, high + pad, top, bottom)


def x_positions(count: int, *, left: float, right: float) -> list[float]:
    """Evenly spaced horizontal positions for ``count`` points."""
    if count == 1:
        return [round((left + right) / 2, 2)]
    step = (right - left) / (count - 1)
    return [round(left + step * index, 2) for index in range(count)]


def marker(status: str, x: float, y: float, size: float = 6) -> str:
    """A shape for a status: circle on target, triangle near, cross off target, square no data."""
    colour = COLOURS.get(status, "#505a5f")
    shape = Rag(status).look.shape if status in COLOURS else "square"
    if shape == "circle":
        return f'<circle cx="{x}" cy="{y}" r="{size}" fill="{colour}"/>'
    if shape == "triangle":
        points = f"{x},{y - size} {x + size},{y + size} {x - size},{y + size}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if shape == "cross":
        left, right, up, down = x - size, x + size, y - size, y + size
        d = f"M{left},{up}L{right},{down}M{right},{up}L{left},{down}"
        return f'<path d="{d}" stroke="{colour}" stroke-width="3"/>'
    return (
        f'<rect x="{x - size}" y="{y - size}" width="{2 * size}" height="{2 * size}" '
        f'fill="none" stroke="{colour}" stroke-width="2"/>'
    )


def trend_chart(indicator: IndicatorReview, chart_id: str) -> str:
    """The indicator's figures over time, with its target, baseline and forecast."""
    points = indicator.series
    known = [p.value for p in points if p.value is not None]
    title = f"{indicator.id}: {indicator.title}"
    words = describe(indicator)
    if not known:
        return _empty(chart_id, title, words)
    baseline = indicator.baseline.value if indicator.baseline is not None else None
    extras = [v for v in (indicator.target, indicator.forecast.value, baseline) if v is not None]
    scale = scale_for(known + extras, top=MARGIN_TOP, bottom=HEIGHT - MARGIN_BOTTOM)
    xs = x_positions(len(points) + 1, left=MARGIN_LEFT, right=WIDTH - MARGIN_RIGHT)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" class="chart trend">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(words)}</desc>',
        f'<line x1="{MARGIN_LEFT}" y1="{HEIGHT - MARGIN_BOTTOM}" x2="{WIDTH - MARGIN_RIGHT}" '
        f'y2="{HEIGHT - MARGIN_BOTTOM}" stroke="#505a5f"/>',
    ]
    for value in (scale.low + (scale.high - scale.low) * k / 4 for k in range(5)):
        y = scale.y(value)
        parts.append(
            f'<text x="{MARGIN_LEFT - 6}" y="{y + 4}" text-anchor="end" class="axis">'
            f"{escape(number(value))}</text>"
        )
    if indicator.target is not None:
        y = scale.y(indicator.target)
        parts.append(
            f'<line x1="{MARGIN_LEFT}" y1="{y}" x2="{WIDTH - MARGIN_RIGHT}" y2="{y}" '
            'stroke="#0b0c0c" stroke-width="2" stroke-dasharray="8 4" class="target"/>'
        )
        parts.append(
            f'<text x="{WIDTH - MARGIN_RIGHT}" y="{y - 4}" text-anchor="end" '
            'class="label">target</text>'
        )
    if baseline is not None:
        y = scale.y(baseline)
        parts.append(
            f'<line x1="{MARGIN_LEFT}" y1="{y}" x2="{WIDTH - MARGIN_RIGHT}" y2="{y}" '
            'stroke="#505a5f" stroke-width="1" stroke-dasharray="1 3" class="baseline"/>'
        )
        parts.append(f'<text x="{MARGIN_LEFT + 4}" y="{y - 4}" class="label">baseline</text>')
    line = [
        f"{x},{scale.y(p.value)}" for x, p in zip(xs, points, strict=False) if p.value is not None
    ]
    if len(line) > 1:
        parts.append(
            f'<polyline points="{" ".join(line)}" fill="none" stroke="#1d70b8" stroke-width="3"/>'
        )
    for x, p in zip(xs, points, strict=False):
        if p.value is not None:
            parts.append(f'<circle cx="{x}" cy="{scale.y(p.value)}" r="3" fill="#1d70b8"/>')
    latest = points[-1].value
    if latest is not None:
        parts.append(marker(indicator.status.value, xs[len(points) - 1], scale.y(latest)))
    if indicator.forecast.value is not None and latest is not None:
        x0, y0 = xs[len(points) - 1], scale.y(latest)
        x1, y1 = xs[-1], scale.y(indicator.forecast.value)
        parts.append(
            f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" stroke="#1d70b8" '
            'stroke-width="2" stroke-dasharray="2 4" class="forecast"/>'
        )
        parts.append(f'<text x="{x1}" y="{y1 - 8}" text-anchor="end" class="label">forecast</text>')
    for x, p in list(zip(xs, points, strict=False))[:: max(1, len(points) // 4)]:
        parts.append(
            f'<text x="{x}" y="{HEIGHT - MARGIN_BOTTOM + 18}" text-anchor="middle" class="axis">'
            f"{escape(p.period)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def describe(indicator: IndicatorReview) -> str:
    """The chart in words: every figure, the target and the forecast."""
    figures = "; ".join(
        f"{p.period}: {number(p.value) if p.value is not None else 'no figure'}"
        for p in indicator.series
    )
    words = [f"Figures for {indicator.id}, {indicator.unit}: {figures}."]
    if indicator.target is not None:
        words.append(f"Target for {indicator.period}: {number(indicator.target)}.")
    if indicator.baseline is not None:
        words.append(f"Baseline ({indicator.baseline.period}): {number(indicator.baseline.value)}.")
    words.append(f"Status: {indicator.status.words}.")
    if indicator.forecast.value is not None:
        words.append(f"Forecast to the year end: {number(indicator.forecast.value)}.")
    return " ".join(words)


def sparkline_svg(indicator: IndicatorReview) -> str:
    """A small line of the indicator's recent figures, labelled in words."""
    values = [p.value for p in indicator.series]
    known = [v for v in values if v is not None]
    label = escape(describe(indicator))
    if len(known) < 2:
        return f'<span class="visually-hidden">{label}</span>'
    scale = scale_for(known, top=2, bottom=18)
    xs = x_positions(len(values), left=2, right=78)
    line = " ".join(f"{x},{scale.y(v)}" for x, v in zip(xs, values, strict=True) if v is not None)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 20" width="80" height="20" '
        f'role="img" aria-label="{label}"><polyline points="{line}" fill="none" '
        'stroke="#1d70b8" stroke-width="2"/></svg>'
    )


def status_summary(counts: dict[str, int], words: dict[str, str]) -> str:
    """A horizontal bar per status, each labelled with its count and name."""
    order = [status.value for status in Rag if status.value in words]
    most = max([counts.get(key, 0) for key in order] + [1])
    height = 28 * len(order) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        'aria-labelledby="summary-t summary-d" class="chart">',
        '<title id="summary-t">Indicators by status</title>',
        '<desc id="summary-d">'
        + escape("; ".join(f"{words[key]}: {counts.get(key, 0)}" for key in order))
        + "</desc>",
    ]
    for row, key in enumerate(order):
        y = 8 + row * 28
        width = round((WIDTH - 240) * counts.get(key, 0) / most, 2)
        colour = COLOURS.get(key, "#505a5f")
        parts.append(f'<text x="0" y="{y + 15}" class="label">{escape(words[key])}</text>')
        parts.append(f'<rect x="160" y="{y}" width="{width}" height="18" fill="{colour}"/>')
        parts.append(
            f'<text x="{166 + width}" y="{y + 15}" class="label">{counts.get(key, 0)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _empty(chart_id: str, title: str, words: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} 60" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" class="chart trend">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(words)}</desc>'
        '<text x="10" y="35" class="label">No figures recorded yet.</text></svg>'
    )
