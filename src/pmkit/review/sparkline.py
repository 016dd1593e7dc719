"""Sparklines: a series of figures as a line of block characters, for terminals and Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decimal import Decimal

    from pmkit.review.result import IndicatorReview

_BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[Decimal | None]) -> str:
    """One character per value, its height the value's place between the lowest and highest.

    A missing value is a space, so gaps in the data show as gaps.
    """
    known = [value for value in values if value is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = high - low
    out = []
    for value in values:
        if value is None:
            out.append(" ")
        elif not span:
            out.append(_BLOCKS[len(_BLOCKS) // 2])
        else:
            out.append(_BLOCKS[round((value - low) / span * (len(_BLOCKS) - 1))])
    return "".join(out)


def compares_with_last_year(item: IndicatorReview) -> bool:
    """Whether the indicator's direction of travel compares with the same period last year."""
    if item.compared_with is None or item.last_year is None:
        return False
    return item.compared_with.period == item.last_year.period


def direction_series(item: IndicatorReview) -> tuple[list[Decimal | None], str]:
    """The figures the direction of travel compares, oldest first, and what they are.

    With the period before: the whole series (its last step is the comparison).
    With the same period last year (a year-to-date figure, a seasonal count):
    that period in each year of the series, so the last step goes the way the
    direction says, and the words say so (``Q2 each year``). When the period's
    own figure is not in yet, the period of the latest figure that is.
    """
    points = item.series
    if not points or not compares_with_last_year(item):
        return [point.value for point in points], ""
    from pmkit.review.frames import short_label

    # The latest figure in (the period's own may not be due yet), by its place in the year.
    latest = next((point for point in reversed(points) if point.value is not None), points[-1])
    own = short_label(latest.period)
    if own == latest.period:
        return [point.value for point in points], ""
    chosen = [point.value for point in points if short_label(point.period) == own]
    return chosen, f"{own} each year"


def trend_line(item: IndicatorReview) -> str:
    """The sparkline for ``item`` that agrees with its direction, with what it compares."""
    values, note = direction_series(item)
    line = sparkline(values)
    return f"{line} {note}" if note and line else line
