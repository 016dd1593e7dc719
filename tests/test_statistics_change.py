"""Significance of a change between two periods, each expected value worked out by hand.

Proportions: Newcombe's hybrid score interval for the difference (method 10).
Rates: the test of equal rates given the total count, through Wilson's interval.
The arithmetic is set out in docs/methodology.md ("Significance of change").
"""

from __future__ import annotations

import pytest

from pmkit.statistics.change import proportion_change, rate_change


def test_two_proportions_that_differ_significantly() -> None:
    # 40 of 200 (20%) now, 60 of 200 (30%) before. Wilson 95%: 0.150452 to 0.260855 and
    # 0.240747 to 0.366791. Lower: -0.1 - sqrt(0.049548² + 0.066791²) = -0.1 - 0.083163;
    # upper: -0.1 + sqrt(0.060855² + 0.059253²) = -0.1 + 0.084937.
    change = proportion_change(40, 200, 60, 200)
    assert change.estimate == pytest.approx(-0.1)
    assert change.lower == pytest.approx(-0.183163, abs=1e-6)
    assert change.upper == pytest.approx(-0.015063, abs=1e-6)
    assert change.significant


def test_two_proportions_whose_intervals_overlap_can_still_differ() -> None:
    # The two Wilson intervals above overlap (0.2407 to 0.2609), yet the difference is
    # significant: overlap is not the test.
    change = proportion_change(40, 200, 60, 200)
    assert change.significant


def test_a_small_change_on_small_numbers_is_not_significant() -> None:
    # 78% of 200 against 76% of 200: -0.0625 to 0.1022 includes 0.
    change = proportion_change(156, 200, 152, 200)
    assert change.lower == pytest.approx(-0.062469, abs=1e-6)
    assert not change.significant


def test_two_rates_that_do_not_differ_significantly() -> None:
    # 75 events against 100, each in 100,000: equal rates would give 0.5 of the 175.
    # Wilson for 75/175: sqrt(3.841459 + 300·(100/175)) = 13.238963, times z 25.947877;
    # (153.841459 ∓ 25.947877) / 357.682918 = 0.357561 to 0.502650, which holds 0.5.
    change = rate_change(75, 100_000, 100, 100_000)
    assert change.estimate == pytest.approx(0.75)
    # the ratio's limits: l/(1 - l) and u/(1 - u), the populations being equal
    assert change.lower == pytest.approx(0.357561 / 0.642439, abs=1e-5)
    assert change.upper == pytest.approx(0.502650 / 0.497350, abs=1e-5)
    assert not change.significant


def test_two_rates_that_differ_significantly() -> None:
    # 60 against 100: Wilson for 60/160 is 0.3039 to 0.4522 (below 0.5): significant.
    change = rate_change(60, 100_000, 100, 100_000)
    assert change.estimate == pytest.approx(0.6)
    assert change.significant


def test_rates_over_different_populations_expect_their_own_share() -> None:
    # 168 of 52,140 against 160 of 51,770: expected share 52,140/103,910 = 0.501781;
    # Wilson for 168/328 is 0.458273 to 0.565834: not significant.
    assert not rate_change(168, 52_140, 160, 51_770).significant
    # against 119 of 51,740: 0.527608 to 0.640869 for 168/287, above 0.501925.
    assert rate_change(168, 52_140, 119, 51_740).significant


def test_no_events_in_either_period_is_no_change() -> None:
    change = rate_change(0, 1000, 0, 1000)
    assert change == (None, None, None, False)


def test_no_events_before_leaves_the_ratio_open() -> None:
    # 12 against 0: the ratio is unbounded above; Wilson for 12/12 reaches 1.
    change = rate_change(12, 10_000, 0, 10_000)
    assert change.estimate is None
    assert change.upper is None
    assert change.significant
