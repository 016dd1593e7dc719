"""Charts as inline SVG: a trend per indicator, sparklines, and a summary of statuses.

Every chart carries its figures in words (``<title>`` and ``<desc>``) for
screen readers, marks status by shape as well as colour, and draws the target,
baseline and forecast with different dash patterns, so it reads in greyscale
and in print. No library: the geometry is small and tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape as _html
from typing import TYPE_CHECKING

from pmkit.judgement.status import Rag
from pmkit.plaintext import visible

if TYPE_CHECKING:
    from pmkit.review.result import IndicatorReview


def escape(text: str) -> str:
    """Text for SVG: markup escaped, control and override characters shown."""
    return _html(visible(text))


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


def describe(indicator: IndicatorReview) -> str:
    """The chart in words: the change shown, the target and status, then every figure."""
    from pmkit.review.chart_words import describe as words

    return words(indicator)


def sparkline_svg(indicator: IndicatorReview) -> str:
    """A small line of the figures the direction of travel compares, labelled in words.

    For a figure compared with the same period last year, that period in each
    year (its last step goes the way the direction says), and the words say so.
    """
    from pmkit.review.sparkline import direction_series

    values, note = direction_series(indicator)
    known = [v for v in values if v is not None]
    label = escape((f"Trend, {note}: " if note else "") + describe(indicator))
    if len(known) < 2:
        return f'<span class="visually-hidden">{label}</span>'
    scale = scale_for(known, top=2, bottom=18)
    xs = x_positions(len(values), left=2, right=78)
    line = " ".join(f"{x},{scale.y(v)}" for x, v in zip(xs, values, strict=True) if v is not None)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 20" width="80" height="20" '
        f'role="img" aria-label="{label}"><polyline points="{line}" fill="none" '
        'stroke="#1d70b8" stroke-width="2"/></svg>'
    )
    return f'{svg} <span class="note">{escape(note)}</span>' if note else svg


SUMMARY_WIDTH, SUMMARY_FONT, ROW = 460, 16, 30
"""The summary's own units: at 358 pixels wide its text is 12.45 pixels."""


def status_summary(counts: dict[str, int], words: dict[str, str]) -> str:
    """A horizontal bar per status, each labelled with its count and name."""
    order = [status.value for status in Rag if status.value in words]
    most = max([counts.get(key, 0) for key in order] + [1])
    height = ROW * len(order) + 8
    bars_at = 170
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SUMMARY_WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="summary-t summary-d" class="chart summary" '
        f'font-size="{SUMMARY_FONT}" font-family="Arial, Helvetica, sans-serif">',
        '<title id="summary-t">Indicators by status</title>',
        '<desc id="summary-d">'
        + escape("; ".join(f"{words[key]}: {counts.get(key, 0)}" for key in order))
        + "</desc>",
    ]
    for row, key in enumerate(order):
        y = 8 + row * ROW
        width = round((SUMMARY_WIDTH - bars_at - 50) * counts.get(key, 0) / most, 2)
        colour = COLOURS.get(key, "#505a5f")
        parts.append(f'<text x="0" y="{y + 15}" class="label">{escape(words[key])}</text>')
        parts.append(f'<rect x="{bars_at}" y="{y}" width="{width}" height="20" fill="{colour}"/>')
        parts.append(
            f'<text x="{bars_at + 6 + width}" y="{y + 15}" class="label">'
            f"{counts.get(key, 0)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
