"""The XmR chart and the variation and assurance icons, drawn as inline SVG for the HTML review.

Nothing is shown by colour alone: each special-cause point has its own shape
(square improving, diamond concerning, triangle neither), each icon carries a
letter or an arrow, and every drawing has a text alternative (``<title>`` and
``<desc>``) in words. Plan text is escaped here, as the review's other charts do.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING, Any

from pmkit.review.numbers import number
from pmkit.review.spc_result import RULE_WORDS

if TYPE_CHECKING:
    from pmkit.review.spc_result import SpcPoint, SpcReview, SpcSegment

WIDTH, HEIGHT = 460, 280
"""The chart's own units: 358 pixels wide on a phone shows ``FONT`` at 12.45 pixels."""
FONT = 16
LEFT, RIGHT, TOP, BOTTOM = 64, 150, 16, 44

COMMON = "#6f777b"
IMPROVING = "#1d70b8"
CONCERNING = "#b35c00"
NEITHER = "#6f2c91"
_COLOURS = {
    "common_cause": COMMON,
    "special_cause_improving": IMPROVING,
    "special_cause_concerning": CONCERNING,
    "special_cause_high": NEITHER,
    "special_cause_low": NEITHER,
}
_ASSURANCE_COLOURS = {
    "consistently_meets": IMPROVING,
    "consistently_misses": CONCERNING,
    "hit_and_miss": COMMON,
}


def register(names: dict[str, Any]) -> None:
    """Make the chart and the icons available to the HTML templates."""
    from markupsafe import Markup

    names["spc_chart"] = lambda item, key: Markup(spc_chart(item.id, item.title, item.spc, key))
    names["variation_icon"] = lambda spc: Markup(variation_icon(spc))
    names["assurance_icon"] = lambda spc: Markup(assurance_icon(spc))


def variation_icon(spc: SpcReview) -> str:
    """A circle with an arrow and H or L (special cause) or a wave (common cause)."""
    if spc.variation is None:
        return ""
    colour = _COLOURS[spc.variation]
    words = escape(f"Variation: {spc.variation_words}")
    if spc.variation == "common_cause":
        mark = (
            f'<path d="M9 18 q4.5 -7 9 0 t9 0" fill="none" stroke="{colour}" stroke-width="2.5"/>'
        )
    else:
        up = spc.variation_symbol.startswith("↑")
        letter = "H" if up else "L"
        arrow = "M18 6 l-4 5 h8 z" if up else "M18 30 l-4 -5 h8 z"
        mark = (
            f'<path d="{arrow}" fill="{colour}"/>'
            f'<text x="18" y="23" text-anchor="middle" font-size="13" font-weight="bold" '
            f'fill="{colour}">{letter}</text>'
        )
    return _icon(colour, words, mark)


def assurance_icon(spc: SpcReview) -> str:
    """A circle with P (consistently passes), F (consistently fails) or a wave (hit and miss)."""
    if spc.assurance is None:
        return ""
    colour = _ASSURANCE_COLOURS[spc.assurance]
    words = escape(f"Assurance: {spc.assurance_words}")
    if spc.assurance == "hit_and_miss":
        mark = (
            f'<path d="M9 18 q4.5 -7 9 0 t9 0" fill="none" stroke="{colour}" stroke-width="2.5"/>'
            f'<line x1="6" y1="18" x2="30" y2="18" stroke="{colour}" stroke-dasharray="3 2"/>'
        )
    else:
        letter = "P" if spc.assurance == "consistently_meets" else "F"
        mark = (
            f'<text x="18" y="23" text-anchor="middle" font-size="14" font-weight="bold" '
            f'fill="{colour}">{letter}</text>'
        )
    return _icon(colour, words, mark)


def _icon(colour: str, words: str, mark: str) -> str:
    return (
        f'<svg class="spc-icon" width="36" height="36" viewBox="0 0 36 36" role="img" '
        f'aria-label="{words}"><title>{words}</title>'
        f'<circle cx="18" cy="18" r="16" fill="#fff" stroke="{colour}" stroke-width="2.5"/>'
        f"{mark}</svg>"
    )


def spc_chart(indicator_id: str, title: str, spc: SpcReview | None, key: str) -> str:
    """The XmR chart: points, each segment's mean and process limits, the target, special causes."""
    if spc is None or len(spc.points) < 2 or not spc.segments:
        return ""
    values = [float(point.value) for point in spc.points]
    levels = list(values)
    for segment in spc.segments:
        levels += [
            float(level)
            for level in (segment.mean, segment.lower_shown, segment.upper_shown)
            if level is not None
        ]
    if spc.target is not None:
        levels.append(float(spc.target))
    low, high = min(levels), max(levels)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad
    count = len(values)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM

    def x(index: float) -> float:
        return LEFT + (plot_width * index / (count - 1))

    def y(value: float) -> float:
        return TOP + plot_height * (high - value) / (high - low)

    parts: list[str] = []
    index = 0
    for segment in spc.segments:
        start, stop = x(index), x(index + segment.points - 1)
        if segment.points == 1:
            start, stop = start - 4, stop + 4
        dash = ' stroke-dasharray="6 4"'
        parts.append(_hline(start, stop, y(float(segment.mean)), "#0b0c0c", "", kind="mean"))
        for limit in (segment.lower_shown, segment.upper_shown):
            if limit is not None:
                parts.append(_hline(start, stop, y(float(limit)), COMMON, dash, kind="limit"))
        index += segment.points
    if spc.target is not None:
        ty = y(float(spc.target))
        dots = ' stroke-dasharray="2 3"'
        parts.append(_hline(x(0), x(count - 1), ty, "#b00020", dots, kind="target"))
    path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    parts.append(f'<polyline points="{path}" fill="none" stroke="{COMMON}" stroke-width="1.5"/>')
    for i, point in enumerate(spc.points):
        parts.append(_marker(x(i), y(float(point.value)), point))
    parts.append(_axes(spc, x, y, low, high))
    parts.append(_line_labels(spc, y))
    chart_title = escape(f"{indicator_id} {title}: XmR chart")
    description = escape(chart_words(spc))
    return (
        f'<svg class="spc-chart" style="width: 100%; max-width: 32rem; height: auto" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{key}-title {key}-desc">'
        f'<title id="{key}-title">{chart_title}</title>'
        f'<desc id="{key}-desc">{description}</desc>' + "".join(parts) + "</svg>"
    )


def chart_words(spc: SpcReview) -> str:
    """The chart in words: its points, mean and limits, special causes, and the judgements."""
    kind = {"month": "monthly", "quarter": "quarterly", "year": "annual"}.get(
        spc.frequency, spc.frequency
    )
    said = [
        f"{len(spc.points)} {kind} figures from {spc.points[0].period} to {spc.points[-1].period}."
    ]
    for segment in spc.segments:
        limits = (
            f", process limits {number(segment.lower_shown)} to {number(segment.upper_shown)}"
            + _calculated(segment)
            if segment.lower_limit is not None and segment.upper_limit is not None
            else ""
        )
        trial = " (trial limits)" if segment.trial else ""
        said.append(
            f"From {segment.first} to {segment.last}: mean {number(segment.mean)}{limits}{trial}."
        )
    causes = [
        f"{point.period} ({RULE_WORDS.get(point.special_cause or '', '')})"
        for point in spc.special_causes
    ]
    said.append("Special cause at " + ", ".join(causes) + "." if causes else "No special cause.")
    if spc.target is not None:
        said.append(f"Target {number(spc.target)}.")
    if spc.variation_words:
        said.append(f"Variation: {spc.variation_words}.")
    if spc.assurance_words:
        said.append(f"Assurance: {spc.assurance_words}.")
    return " ".join(said)


def _calculated(segment: SpcSegment) -> str:
    """The limits as calculated, where they are drawn cut at the measure's bounds."""
    if (segment.lower_shown, segment.upper_shown) == (segment.lower_limit, segment.upper_limit):
        return ""
    return (
        f" (calculated {number(segment.lower_limit)} to {number(segment.upper_limit)}, "
        "beyond what the measure can take)"
    )


def _line_labels(spc: SpcReview, y: Any) -> str:
    """The latest stretch's mean and limits, and the target, named at the chart's right."""
    latest = spc.segments[-1]
    named = [
        (f"{words} {number(level)}", y(float(level)))
        for words, level in (
            ("upper limit", latest.upper_shown),
            ("mean", latest.mean),
            ("lower limit", latest.lower_shown),
            ("target", spc.target),
        )
        if level is not None
    ]
    named.sort(key=lambda item: item[1])
    placed: list[str] = []
    previous = -100.0
    for words, wanted in named:
        previous = max(wanted, previous + FONT + 2)
        placed.append(
            f'<text x="{WIDTH - RIGHT + 6}" y="{previous + FONT * 0.35:.1f}" '
            f'font-size="{FONT}">{escape(words)}</text>'
        )
    return "".join(placed)


def _hline(start: float, stop: float, level: float, colour: str, dash: str, *, kind: str) -> str:
    return (
        f'<line class="spc-{kind}" x1="{start:.1f}" y1="{level:.1f}" x2="{stop:.1f}" '
        f'y2="{level:.1f}" stroke="{colour}" stroke-width="1.5"{dash}/>'
    )


def _marker(cx: float, cy: float, point: SpcPoint) -> str:
    colour = _COLOURS.get(point.variation or "", COMMON)
    tip = escape(
        f"{point.period}: {number(point.value)}"
        + (f", special cause ({RULE_WORDS[point.special_cause]})" if point.special_cause else "")
    )
    if point.variation is None:
        tip += " (trial limits: not judged)"
        shape = (
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="#fff" stroke="{colour}" '
            'stroke-width="1.5"/>'
        )
    elif point.special_cause is None:
        shape = f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="{colour}"/>'
    elif point.variation == "special_cause_improving":
        shape = f'<rect x="{cx - 5:.1f}" y="{cy - 5:.1f}" width="10" height="10" fill="{colour}"/>'
    elif point.variation == "special_cause_concerning":
        shape = (
            f'<polygon points="{cx:.1f},{cy - 6:.1f} {cx + 6:.1f},{cy:.1f} '
            f'{cx:.1f},{cy + 6:.1f} {cx - 6:.1f},{cy:.1f}" fill="{colour}"/>'
        )
    else:
        shape = (
            f'<polygon points="{cx:.1f},{cy - 6:.1f} {cx + 6:.1f},{cy + 5:.1f} '
            f'{cx - 6:.1f},{cy + 5:.1f}" fill="{colour}"/>'
        )
    return f"<g><title>{tip}</title>{shape}</g>"


def _axes(spc: SpcReview, x: Any, y: Any, low: float, high: float) -> str:
    bottom = HEIGHT - BOTTOM
    parts = [
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}" stroke="#0b0c0c"/>',
        f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="#0b0c0c"/>',
    ]
    for level in (low, (low + high) / 2, high):
        shown = number(Decimal(repr(round(level, 2))))
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(level) + FONT * 0.35:.1f}" text-anchor="end" '
            f'font-size="{FONT}">{escape(shown)}</text>'
        )
    labelled = {0, len(spc.points) - 1}
    index = 0
    for segment in spc.segments[:-1]:
        index += segment.points
        labelled.add(index)
    for i in sorted(labelled):
        anchor = "start" if i == 0 else "end" if i == len(spc.points) - 1 else "middle"
        parts.append(
            f'<text x="{x(i):.1f}" y="{bottom + FONT + 6}" text-anchor="{anchor}" '
            f'font-size="{FONT}">{escape(spc.points[i].period)}</text>'
        )
    return "".join(parts)
