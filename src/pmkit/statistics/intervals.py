"""Confidence intervals by the methods the national public-health profiles use.

Proportions take Wilson's score interval; crude rates take the exact Poisson
interval for small counts and Byar's approximation to it above a threshold, as
the Office for Health Improvement and Disparities' *Technical Guide:
Confidence Intervals* describes and its reference implementations
(PHEindicatormethods for R, PHStatsMethods for Python) compute. Each function
is pure: numbers in, numbers out, no I/O.
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import NamedTuple

DEFAULT_CONFIDENCE = 0.95
"""The level the profiles show by default; 0.998 is their other level."""

EXACT_BELOW = 10
"""Counts below this take the exact Poisson interval, counts at or above it Byar's.

This is the threshold of both reference implementations: ``ph_rate`` in
PHStatsMethods (``PHStatsMethods/confidence_intervals.py``: ``byars_lower`` and
``byars_upper`` return the exact limits ``if value < 10``) and ``phe_rate`` in
PHEindicatormethods (``R/Rates.R``: ``if_else(x < 10, qchisq(...), byars_...)``).
"""

_TOLERANCE = 1e-13
_MAX_STEPS = 500


class Interval(NamedTuple):
    """A figure and the limits of its confidence interval, in the figure's own unit."""

    value: float
    lower: float
    upper: float


def z_score(confidence: float = DEFAULT_CONFIDENCE) -> float:
    """The standard normal deviate that leaves ``(1 - confidence) / 2`` in each tail.

    1.959964 for 95%; 3.090232 for 99.8%.
    """
    _check_confidence(confidence)
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def wilson_limits(
    numerator: float, denominator: float, *, confidence: float = DEFAULT_CONFIDENCE
) -> tuple[float, float]:
    """Wilson's score interval for the proportion ``numerator / denominator`` (0 to 1).

    Wilson EB (1927) *Probable inference, the law of succession, and statistical
    inference*, JASA 22: 209-212; Newcombe RG, Altman DG (2000) in *Statistics
    with confidence*, 2nd edn, pp. 46-48. With ``z`` the normal deviate, ``O`` the
    numerator and ``n`` the denominator, the limits are
    ``(2O + z² ∓ z·sqrt(z² + 4O(1 - O/n))) / (2(n + z²))``.
    For 25 of 100 at 95%: 0.1754 to 0.3430.
    """
    if denominator <= 0:
        raise ValueError("the denominator must be greater than zero")
    if numerator < 0:
        raise ValueError("the numerator must not be negative")
    if numerator > denominator:
        raise ValueError("the numerator of a proportion must not exceed its denominator")
    z = z_score(confidence)
    spread = z * math.sqrt(z * z + 4 * numerator * (1 - numerator / denominator))
    centre = 2 * numerator + z * z
    scale = 2 * (denominator + z * z)
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)


def proportion_interval(
    numerator: float,
    denominator: float,
    *,
    multiplier: float = 1,
    confidence: float = DEFAULT_CONFIDENCE,
) -> Interval:
    """A proportion with its Wilson score interval, scaled by ``multiplier``.

    ``multiplier=100`` gives a percentage: 25 of 100 is 25.0 (17.54 to 34.30).
    """
    lower, upper = wilson_limits(numerator, denominator, confidence=confidence)
    return Interval(numerator / denominator * multiplier, lower * multiplier, upper * multiplier)


def exact_poisson_limits(
    count: float, *, confidence: float = DEFAULT_CONFIDENCE
) -> tuple[float, float]:
    """The exact interval for a Poisson count, through its relation to chi-squared.

    Ulm K (1990) *A simple method to calculate the confidence interval of a
    standardized mortality ratio*, Am J Epidemiol 131: 373-375; Armitage P,
    Berry G (2002) *Statistical methods in medical research*, 4th edn. The lower
    limit is ``chi2(alpha/2; 2O) / 2`` and the upper ``chi2(1 - alpha/2; 2O + 2) / 2``,
    which are the quantiles of gamma distributions with shapes ``O`` and ``O + 1``.
    A count of zero has lower limit 0 (and upper 3.689 at 95%).
    """
    _check_count(count)
    alpha = 1 - confidence
    _check_confidence(confidence)
    lower = 0.0 if count == 0 else _gamma_quantile(count, alpha / 2)
    return lower, _gamma_quantile(count + 1, 1 - alpha / 2)


def byar_limits(count: float, *, confidence: float = DEFAULT_CONFIDENCE) -> tuple[float, float]:
    """Byar's approximation to the exact Poisson interval for a count.

    Breslow NE, Day NE (1987) *Statistical methods in cancer research, volume II:
    the design and analysis of cohort studies*, IARC. With ``O`` the count:
    lower ``O(1 - 1/(9O) - z/(3 sqrt O))³``; upper
    ``(O + 1)(1 - 1/(9(O + 1)) + z/(3 sqrt(O + 1)))³``. Inaccurate for small counts,
    which is why :func:`poisson_limits` uses the exact interval below
    :data:`EXACT_BELOW`.
    """
    _check_count(count)
    if count == 0:
        raise ValueError("Byar's method needs a count above zero")
    z = z_score(confidence)
    lower = count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    above = count + 1
    upper = above * (1 - 1 / (9 * above) + z / (3 * math.sqrt(above))) ** 3
    return max(0.0, lower), upper


def poisson_limits(count: float, *, confidence: float = DEFAULT_CONFIDENCE) -> tuple[float, float]:
    """The interval for a count as the profiles give it: exact below 10, Byar's from 10."""
    if count < EXACT_BELOW:
        return exact_poisson_limits(count, confidence=confidence)
    return byar_limits(count, confidence=confidence)


def poisson_method(count: float) -> str:
    """Which method :func:`poisson_limits` uses for ``count``: ``exact`` or ``byar``."""
    return "exact" if count < EXACT_BELOW else "byar"


def rate_interval(
    count: float,
    denominator: float,
    *,
    multiplier: float = 100_000,
    confidence: float = DEFAULT_CONFIDENCE,
) -> Interval:
    """A crude rate per ``multiplier`` with its interval (exact below 10 events, Byar's above).

    For 10 events in a population of 100,000: 10.0 per 100,000 (4.7954 to 18.3904).
    Not for directly standardised rates, whose interval needs the age-specific
    counts (Dobson's method).
    """
    if denominator <= 0:
        raise ValueError("the denominator must be greater than zero")
    lower, upper = poisson_limits(count, confidence=confidence)
    scale = multiplier / denominator
    return Interval(count * scale, lower * scale, upper * scale)


def _check_confidence(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise ValueError("the confidence level must lie between 0 and 1, such as 0.95 or 0.998")


def _check_count(count: float) -> None:
    if not count >= 0 or math.isinf(count):
        raise ValueError("the count must be a finite number, zero or more")


def regularized_gamma(shape: float, x: float) -> float:
    """The regularized lower incomplete gamma function ``P(shape, x)``.

    A series below ``shape + 1``, a continued fraction (modified Lentz) above it,
    as in Press et al., *Numerical Recipes*, section 6.2. For whole ``shape``,
    ``P(shape, x)`` is the chance that a Poisson variable of mean ``x`` is at least
    ``shape``.
    """
    return _gamma_tails(shape, x)[0]


def _gamma_tails(shape: float, x: float) -> tuple[float, float]:
    """``P(shape, x)`` and ``Q = 1 - P``, each computed directly where it is the small one."""
    if x <= 0:
        return 0.0, 1.0
    log_front = shape * math.log(x) - x - math.lgamma(shape)
    if x < shape + 1:
        term = total = 1 / shape
        denominator = shape
        for _ in range(100_000):
            denominator += 1
            term *= x / denominator
            total += term
            if abs(term) < abs(total) * 1e-17:
                break
        lower = min(1.0, total * math.exp(log_front))
        return lower, 1 - lower
    tiny = 1e-300
    b = x + 1 - shape
    c = 1 / tiny
    d = 1 / b
    fraction = d
    for step in range(1, 100_000):
        a = -step * (step - shape)
        b += 2
        d = a * d + b
        d = tiny if abs(d) < tiny else d
        c = b + a / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        fraction *= delta
        if abs(delta - 1) < 1e-17:
            break
    upper = min(1.0, math.exp(log_front) * fraction)
    return 1 - upper, upper


def _gamma_quantile(shape: float, probability: float) -> float:
    """The ``x`` at which ``P(shape, x)`` reaches ``probability``.

    Newton's method on ``P``, whose slope is the gamma density, kept inside a
    bracket that halves whenever a Newton step would leave it (bisection).
    """
    low, high = 0.0, max(1.0, 2 * shape)
    while _gamma_tails(shape, high)[0] < probability:
        low, high = high, 2 * high
    x = (low + high) / 2
    for _ in range(_MAX_STEPS):
        lower_tail, upper_tail = _gamma_tails(shape, x)
        # compare in the tail that is small, where it is known to full precision
        excess = (1 - probability) - upper_tail if probability > 0.5 else lower_tail - probability
        if excess < 0:
            low = x
        else:
            high = x
        density = math.exp((shape - 1) * math.log(x) - x - math.lgamma(shape))
        step = excess / density if density > 0 else math.inf
        candidate = x - step
        if not low < candidate < high:
            candidate = (low + high) / 2
        if abs(candidate - x) <= _TOLERANCE * x or high - low <= _TOLERANCE * high:
            return candidate
        x = candidate
    return x
