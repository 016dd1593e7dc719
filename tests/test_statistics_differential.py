"""Intervals against PHStatsMethods, the profiles' Python reference, on generated inputs.

PHStatsMethods (GPL-3.0) is a development dependency only: pmkit never imports
it. Where the methods are the same the two must agree to nine significant
figures. Known defects of the reference, pinned below so a fix there is
noticed: ``byars_upper(0)`` refuses a count of zero (so ``ph_rate`` gives no
interval for an area with no events), ``exact_lower(0)`` is NaN rather than 0,
and ``byars()`` passes ``1 - confidence`` on as the confidence level, giving a
5% interval when asked for 95%. Importing the reference (with pandas and
SciPy) takes seconds, so these tests are among the slow suites.
"""

from __future__ import annotations

import math
import random
import warnings
from types import ModuleType
from typing import Any

import pytest

from pmkit.statistics.intervals import (
    EXACT_BELOW,
    exact_poisson_limits,
    poisson_limits,
    wilson_limits,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reference() -> ModuleType:
    """The reference's interval functions, imported only when these tests run."""
    return pytest.importorskip("PHStatsMethods.confidence_intervals")


CONFIDENCES = (0.95, 0.998)


def agree(ours: float, theirs: float) -> bool:
    return math.isclose(ours, theirs, rel_tol=1e-9, abs_tol=1e-12)


def test_wilson_agrees_on_three_hundred_generated_proportions(reference: Any) -> None:
    chance = random.Random(20261206)
    cases = []
    for _ in range(150):
        denominator = chance.choice([1, 7, 50, 100, 1_000, 5_000, 250_000, 3_000_000])
        numerator = chance.randint(0, denominator)
        cases += [(numerator, denominator, confidence) for confidence in CONFIDENCES]

    disagreements = [
        (numerator, denominator, confidence)
        for numerator, denominator, confidence in cases
        if not all(
            agree(ours, theirs)
            for ours, theirs in zip(
                wilson_limits(numerator, denominator, confidence=confidence),
                reference.wilson(numerator, denominator, confidence),
                strict=True,
            )
        )
    ]

    assert len(cases) == 300
    assert disagreements == []


def test_rate_limits_agree_on_three_hundred_generated_counts(reference: Any) -> None:
    chance = random.Random(6122026)
    counts = [*range(1, 40), *(chance.randint(40, 200_000) for _ in range(111))]
    cases = [(count, confidence) for count in counts for confidence in CONFIDENCES]

    disagreements = [
        (count, confidence)
        for count, confidence in cases
        if not all(
            agree(ours, theirs)
            for ours, theirs in zip(
                poisson_limits(count, confidence=confidence),
                (
                    reference.byars_lower(count, confidence),
                    reference.byars_upper(count, confidence),
                ),
                strict=True,
            )
        )
    ]

    assert len(cases) == 300
    assert disagreements == []


def test_the_exact_method_agrees_with_chi_squared_beyond_the_threshold(reference: Any) -> None:
    for count in [0.5, 2.5, *range(EXACT_BELOW, 400, 13)]:
        for confidence in CONFIDENCES:
            ours = exact_poisson_limits(count, confidence=confidence)
            theirs = (
                reference.exact_lower(count, confidence),
                reference.exact_upper(count, confidence),
            )
            assert all(agree(a, b) for a, b in zip(ours, theirs, strict=True)), count


def test_known_defects_of_the_reference_at_zero_and_in_byars(reference: Any) -> None:
    with pytest.raises(ValueError, match="positive"):
        reference.byars_upper(0, 0.95)
    assert math.isnan(reference.exact_lower(0, 0.95))
    assert poisson_limits(0) == (0.0, pytest.approx(reference.exact_upper(0, 0.95), rel=1e-9))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lower, upper = reference.byars(65, 0.95)
    assert upper - lower < 3  # a 5% interval; the 95% interval is 50.16 to 82.85
