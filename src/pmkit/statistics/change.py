"""Whether a figure has changed significantly between two periods, given the counts behind both.

Two intervals that overlap can still differ significantly, so overlap is not
the test. A change in a **proportion** is judged by Newcombe's hybrid score
interval for the difference of two independent proportions (Newcombe 1998,
method 10; Newcombe and Altman in *Statistics with confidence*, 2000), built
from the two Wilson intervals the review already shows: the change is
significant when that interval excludes zero. A change in a **crude rate** is
judged conditionally on the total count (Armitage, Berry and Matthews 2002,
section 5.3): if the two rates were equal, the events of the first period
would be a binomial share of all the events, in proportion to its population;
the change is significant when that share lies outside the Wilson interval of
the share observed, which is the score test of equal rates. Each function is
pure: counts in, numbers out.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from pmkit.statistics.intervals import DEFAULT_CONFIDENCE, wilson_limits


class Change(NamedTuple):
    """A change between two periods, its confidence limits and whether it is significant.

    For proportions ``estimate`` is the difference (now minus then, as a
    proportion from -1 to 1); for rates it is the rate ratio (now over then),
    with ``None`` limits where a count of zero leaves one open.
    """

    estimate: float | None
    lower: float | None
    upper: float | None
    significant: bool


def proportion_change(
    now_count: float,
    now_denominator: float,
    then_count: float,
    then_denominator: float,
    *,
    confidence: float = DEFAULT_CONFIDENCE,
) -> Change:
    """The difference ``now - then`` of two proportions, by Newcombe's hybrid score interval.

    With ``p`` each proportion and ``(l, u)`` its Wilson limits, the limits of
    the difference ``d = p1 - p2`` are ``d - sqrt((p1 - l1)² + (u2 - p2)²)`` and
    ``d + sqrt((u1 - p1)² + (p2 - l2)²)``. 40 of 200 (20%) against 60 of 200
    (30%) at 95% is a difference of -0.10 (-0.1832 to -0.0151): significant.
    """
    p1 = now_count / now_denominator
    p2 = then_count / then_denominator
    l1, u1 = wilson_limits(now_count, now_denominator, confidence=confidence)
    l2, u2 = wilson_limits(then_count, then_denominator, confidence=confidence)
    difference = p1 - p2
    lower = difference - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    upper = difference + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return Change(difference, lower, upper, lower > 0 or upper < 0)


def rate_change(
    now_count: float,
    now_denominator: float,
    then_count: float,
    then_denominator: float,
    *,
    confidence: float = DEFAULT_CONFIDENCE,
) -> Change:
    """The ratio ``now / then`` of two crude rates, judged conditionally on the total count.

    With ``O1``, ``O2`` the counts and ``N1``, ``N2`` the populations, equal rates
    would make ``O1`` a binomial share of ``O1 + O2`` with proportion
    ``N1 / (N1 + N2)``. The change is significant when that proportion lies
    outside the Wilson interval of ``O1 / (O1 + O2)``; the interval ``(l, u)``
    gives the rate ratio's limits ``l/(1 - l) · N2/N1`` to ``u/(1 - u) · N2/N1``.
    75 events against 100, each in a population of 100,000, at 95%: the share
    0.5 lies within 0.3576 to 0.5027, so the fall is not significant.
    """
    if now_denominator <= 0 or then_denominator <= 0:
        raise ValueError("the denominators must be greater than zero")
    total = now_count + then_count
    if total == 0:
        return Change(None, None, None, False)
    expected = now_denominator / (now_denominator + then_denominator)
    low, high = wilson_limits(now_count, total, confidence=confidence)
    scale = then_denominator / now_denominator
    ratio = (now_count / then_count) * scale if then_count > 0 else None
    lower = low / (1 - low) * scale if then_count > 0 else None
    upper = high / (1 - high) * scale if then_count > 0 else None
    return Change(ratio, lower, upper, not low <= expected <= high)
