"""A chart in words, for people who cannot see it: what happened, against what, and the figures.

``Rose from 84.1 in 2025/26 Q3 to 88.9 in 2026/27 Q2; target 90; off target.``
then the unit, every figure drawn, the baseline, the near-target zone and the
forecast. A year-to-date chart compares the latest figure with the same point
last year, as the chart does.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.review.frames import Frame, frame
from pmkit.review.numbers import number

if TYPE_CHECKING:
    from pmkit.review.result import IndicatorReview


def describe(indicator: IndicatorReview) -> str:
    """The chart in words: the change shown, the target and status, then every figure."""
    shape = frame(indicator)
    words = [_headline(indicator, shape)]
    if indicator.unit:
        words.append(f"Figures in {indicator.unit}.")
    figures = "; ".join(
        f"{p.period}: {number(p.value) if p.value is not None else 'no figure'}"
        for p in indicator.series
    )
    words.append(f"Figures for {indicator.id}: {figures}.")
    if indicator.baseline is not None:
        words.append(f"Baseline ({indicator.baseline.period}): {number(indicator.baseline.value)}.")
    for low, high in indicator.near_zones:
        words.append(f"Near target between {number(low)} and {number(high)}.")
    if indicator.forecast.value is not None:
        words.append(f"Forecast to the year end: {number(indicator.forecast.value)}.")
    return " ".join(words)


def _headline(indicator: IndicatorReview, shape: Frame) -> str:
    """The change the chart shows; the target for the period; the status."""
    parts = [_change(shape)]
    if indicator.target is not None or indicator.target_low is not None:
        parts.append(f"target for {indicator.period} {indicator.target_shown}")
    else:
        parts.append("no target")
    parts.append(indicator.status.words.lower())
    return "; ".join(parts) + "."


def _change(shape: Frame) -> str:
    """``Rose from A in P to B in Q``, or for year to date, this year against last."""
    if shape.by_year and len(shape.lines) == 2:
        before, now = shape.lines[0], shape.lines[1]
        filled = [place for place, value in enumerate(now.values) if value is not None]
        place = filled[-1] if filled else 0
        then, latest = before.values[place], now.values[place]
        if then is not None and latest is not None:
            return (
                f"Year to date {number(latest)} in {now.periods[place]}, against "
                f"{number(then)} at the same point last year ({before.periods[place]})"
            )
    known = [
        (period, value)
        for line in shape.lines[-1:]
        for period, value in zip(line.periods, line.values, strict=True)
        if value is not None
    ]
    if not known:
        return "No figures yet"
    (first_period, first), (last_period, last) = known[0], known[-1]
    if len(known) == 1:
        return f"{number(last)} in {last_period}"
    verb = _verb(first, last)
    if verb == "Unchanged":
        return f"Unchanged at {number(last)} from {first_period} to {last_period}"
    return f"{verb} from {number(first)} in {first_period} to {number(last)} in {last_period}"


def _verb(first: Decimal, last: Decimal) -> str:
    if last > first:
        return "Rose"
    if last < first:
        return "Fell"
    return "Unchanged"
