"""Comparison with England: the benchmark inside or outside the local interval."""

from __future__ import annotations

import pytest

from pmkit.model.indicators import Polarity
from pmkit.statistics.comparison import Comparison, compare_with_benchmark
from pmkit.statistics.intervals import rate_interval

HIGHER = Polarity.HIGHER
LOWER = Polarity.LOWER


@pytest.mark.parametrize(
    ("local", "benchmark", "polarity", "expected"),
    [
        # England below the interval: the local figure is significantly higher
        ((85.2, 72.1, 99.9), 62.4, LOWER, Comparison.WORSE),
        ((85.2, 72.1, 99.9), 62.4, HIGHER, Comparison.BETTER),
        ((85.2, 72.1, 99.9), 62.4, None, Comparison.HIGHER),
        # England above the interval: significantly lower
        ((40.0, 30.5, 51.2), 62.4, LOWER, Comparison.BETTER),
        ((40.0, 30.5, 51.2), 62.4, HIGHER, Comparison.WORSE),
        ((40.0, 30.5, 51.2), 62.4, None, Comparison.LOWER),
        # England inside the interval, or exactly on a limit: similar
        ((60.0, 50.0, 70.0), 62.4, LOWER, Comparison.SIMILAR),
        ((60.0, 50.0, 70.0), 50.0, HIGHER, Comparison.SIMILAR),
        ((60.0, 50.0, 70.0), 70.0, None, Comparison.SIMILAR),
        # nothing to compare
        ((60.0, None, 70.0), 62.4, LOWER, Comparison.NOT_COMPARED),
        ((60.0, 50.0, None), 62.4, LOWER, Comparison.NOT_COMPARED),
        ((None, 50.0, 70.0), 62.4, LOWER, Comparison.NOT_COMPARED),
        ((60.0, 50.0, 70.0), None, LOWER, Comparison.NOT_COMPARED),
        ((60.0, 50.0, 70.0), float("nan"), LOWER, Comparison.NOT_COMPARED),
    ],
)
def test_the_benchmark_against_the_interval(
    local: tuple[float | None, float | None, float | None],
    benchmark: float | None,
    polarity: Polarity | None,
    expected: Comparison,
) -> None:
    value, lower, upper = local
    assert compare_with_benchmark(value, lower, upper, benchmark, polarity) is expected


def test_a_small_area_with_few_events_is_similar_despite_a_higher_rate() -> None:
    # 5 events in 10,000 people: 50.0 per 100,000 (16.23 to 116.68), England 30.0
    value, lower, upper = rate_interval(5, 10_000)

    assert (value, round(lower, 2), round(upper, 2)) == (50.0, 16.23, 116.68)
    assert compare_with_benchmark(value, lower, upper, 30.0, LOWER) is Comparison.SIMILAR


def test_the_same_rate_on_a_larger_population_is_significantly_worse() -> None:
    # 500 events in 1,000,000 people: 50.0 per 100,000, England 30.0. By hand (Byar):
    # 500·(1 - 1/4500 - 1.959964/(3·√500))³ = 457.13 and
    # 501·(1 - 1/4509 + 1.959964/(3·√501))³ = 545.81 events, so 45.71 to 54.58
    value, lower, upper = rate_interval(500, 1_000_000)

    assert (round(lower, 2), round(upper, 2)) == (45.71, 54.58)
    assert compare_with_benchmark(value, lower, upper, 30.0, LOWER) is Comparison.WORSE


def test_limits_the_wrong_way_round_are_refused() -> None:
    with pytest.raises(ValueError, match="lower limit"):
        compare_with_benchmark(60.0, 70.0, 50.0, 62.4, LOWER)
