"""Axes for the review's charts: round tick values and period labels that never overlap.

Pure functions, shared by every chart that draws an axis. Text widths are
estimated from the number of characters (no font metrics are available
without a browser), generously, so labels placed apart here stay apart when
drawn.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))
"""Tick steps people read easily, times a power of ten."""

CHARACTER = 0.6
"""An average character's width as a share of the font size (generous for Arial digits)."""


def steps_from(rough: Decimal) -> Iterator[Decimal]:
    """Round steps (1, 2, 2.5 or 5 times 10^k), smallest first, from the first >= ``rough``."""
    power = Decimal(10) ** rough.adjusted()
    while True:
        for multiple in STEPS:
            step = (multiple * power).normalize()
            if step >= rough:
                yield step
        power *= 10


def nice_ticks(low: Decimal, high: Decimal, most: int = 5) -> list[Decimal]:
    """Round tick values from at or below ``low`` to at or above ``high``.

    The step is the smallest 1, 2, 2.5 or 5 times a power of ten that covers
    the range in at most ``most`` ticks: 63 to 112 gives 60, 80, 100, 120.
    A single value gets a tick either side.
    """
    if low > high:
        low, high = high, low
    if low == high:
        pad = abs(low) / 10 if low else Decimal(1)
        low, high = low - pad, high + pad
    for step in steps_from((high - low) / max(most - 1, 1)):
        first = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
        last = (high / step).to_integral_value(rounding=ROUND_CEILING) * step
        count = int((last - first) / step) + 1
        if count <= most:
            return [_plain(first + step * k) for k in range(count)]
    raise AssertionError("unreachable")  # pragma: no cover - steps_from never ends


def _plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros or exponent (100, not 1E+2)."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def text_width(text: str, size: float) -> float:
    """A generous estimate of how wide ``text`` is at font size ``size``."""
    return round(len(text) * size * CHARACTER, 2)


@dataclass(frozen=True, slots=True)
class Label:
    """A piece of axis text centred on ``x``: where it sits and how wide it is."""

    x: float
    text: str
    width: float

    @property
    def left(self) -> float:
        """The left edge of the label's box."""
        return self.x - self.width / 2

    @property
    def right(self) -> float:
        """The right edge of the label's box."""
        return self.x + self.width / 2


def clear(a: Label, b: Label, gap: float) -> bool:
    """Whether two labels' boxes stand at least ``gap`` apart."""
    return a.right + gap <= b.left or b.right + gap <= a.left


def place_labels(
    xs: Sequence[float],
    texts: Sequence[str],
    *,
    size: float,
    gap: float,
    prefer: Sequence[int] = (),
    left: float | None = None,
    right: float | None = None,
) -> list[Label]:
    """The labels to draw along an axis: all of them if they fit, else a subset.

    The last label (the latest period) is always drawn; then those in
    ``prefer`` (such as the start of each year), latest first; then every
    other label, latest first, where it fits. No two boxes come within
    ``gap`` of each other, and none runs past ``left`` or ``right``. A label
    that would run past an edge is shifted inside it.
    """
    boxes = [
        _inside(Label(x, t, text_width(t, size)), left, right)
        for x, t in zip(xs, texts, strict=True)
    ]
    if not boxes:
        return []
    last = len(boxes) - 1
    order = [last, *sorted((i for i in prefer if i != last), reverse=True)]
    order += [i for i in range(last, -1, -1) if i not in order]
    kept: list[int] = []
    for index in order:
        if not 0 <= index < len(boxes) or not texts[index]:
            continue
        if all(clear(boxes[index], boxes[other], gap) for other in kept):
            kept.append(index)
    return [boxes[index] for index in sorted(kept)]


def _inside(label: Label, left: float | None, right: float | None) -> Label:
    """The label moved just enough to keep its box between ``left`` and ``right``."""
    x = label.x
    if right is not None and label.right > right:
        x = right - label.width / 2
    if left is not None and x - label.width / 2 < left:
        x = left + label.width / 2
    return Label(round(x, 2), label.text, label.width)
