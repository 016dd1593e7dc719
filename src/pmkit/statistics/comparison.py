"""Comparison with a benchmark (England, the region) as the public-health profiles judge it.

A local figure differs significantly from the benchmark when the benchmark's
value lies outside the local figure's confidence interval; polarity then says
whether the difference is better or worse. A benchmark exactly on a limit is
within the interval. Without an interval there is no comparison.
"""

from __future__ import annotations

import math
from enum import StrEnum

from pmkit.model.indicators import Polarity


class Comparison(StrEnum):
    """How a figure compares with its benchmark."""

    BETTER = "better"
    """Significantly better: the benchmark is outside the interval, on the worse side."""
    SIMILAR = "similar"
    """Not significantly different: the benchmark is within the interval."""
    WORSE = "worse"
    """Significantly worse: the benchmark is outside the interval, on the better side."""
    HIGHER = "higher"
    """Significantly higher, where neither direction is better."""
    LOWER = "lower"
    """Significantly lower, where neither direction is better."""
    NOT_COMPARED = "not_compared"
    """No interval or no benchmark value, so no judgement."""


def compare_with_benchmark(
    value: float | None,
    lower: float | None,
    upper: float | None,
    benchmark: float | None,
    polarity: Polarity | None,
) -> Comparison:
    """Compare a local figure and its interval ``[lower, upper]`` with a benchmark value.

    Significantly higher when the benchmark is below ``lower``, significantly
    lower when it is above ``upper``; with ``Polarity.HIGHER`` higher is better,
    with ``Polarity.LOWER`` lower is better, and with no polarity the result is
    ``higher`` or ``lower``. A missing value, limit or benchmark gives
    ``not_compared``.

    Example: a rate of 85.2 per 100,000 (72.1 to 99.9) against England's 62.4,
    where lower is better, is ``worse``.
    """
    figures = (value, lower, upper, benchmark)
    if any(figure is None or math.isnan(figure) for figure in figures):
        return Comparison.NOT_COMPARED
    assert lower is not None and upper is not None and benchmark is not None
    if lower > upper:
        raise ValueError("the lower limit is above the upper limit")
    if lower <= benchmark <= upper:
        return Comparison.SIMILAR
    higher = benchmark < lower
    if polarity is None:
        return Comparison.HIGHER if higher else Comparison.LOWER
    if higher == (polarity is Polarity.HIGHER):
        return Comparison.BETTER
    return Comparison.WORSE
