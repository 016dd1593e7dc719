"""XmR charts: series built by hand so each rule fires once, and the reference's own cases.

The reference is NHSRplotthedots (NHS-R Community, MIT licence): its snapshot
``tests/testthat/_snaps/ptd_spc_standard.md`` and its unit tests of the rules and
of assurance.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from pmkit.model.indicators import Polarity
from pmkit.statistics.spc import (
    MINIMUM_POINTS,
    Assurance,
    Rule,
    SpcResult,
    Variation,
    assurance_against,
    run_marks,
    trend_marks,
    two_of_three_marks,
    xmr,
)

HIGHER = Polarity.HIGHER
LOWER = Polarity.LOWER

# Twelve points alternating about 10: mean 10, every moving range 4,
# limits 10 ± 2.66·4 = -0.64 to 20.64, two sigma 10 ± 7.0933.
STEADY = [8.0, 12.0] * 6


def flagged(result: SpcResult) -> dict[Rule, list[int]]:
    found: dict[Rule, list[int]] = {}
    for point in result.points:
        for rule in point.rules:
            found.setdefault(rule, []).append(point.index)
    return found


def test_a_steady_series_is_common_cause() -> None:
    result = xmr(STEADY, polarity=HIGHER)

    (segment,) = result.segments
    assert segment.mean == 10.0
    assert segment.mean_moving_range == 4.0
    assert segment.lower_limit == pytest.approx(-0.64)
    assert segment.upper_limit == pytest.approx(20.64)
    assert flagged(result) == {}
    assert result.variation is Variation.COMMON_CAUSE
    assert [point.moving_range for point in result.points[:3]] == [None, 4.0, 4.0]
    assert [point.side for point in result.points[:3]] == [-1, 1, -1]


def test_a_point_beyond_a_limit() -> None:
    # mean 150/13 = 11.538462; moving ranges eleven 4s and an 18, mean 62/12 = 5.1667;
    # 18 >= 3.267 * 5.1667 = 16.88 is set aside, so the mean moving range is 4 and
    # the limits 11.538462 ± 10.64 = 0.898462 to 22.178462: 30 is beyond the upper one
    result = xmr([*STEADY, 30.0], polarity=LOWER)

    (segment,) = result.segments
    assert segment.mean == pytest.approx(11.538462, abs=1e-6)
    assert segment.mean_moving_range == 4.0
    assert segment.lower_limit == pytest.approx(0.898462, abs=1e-6)
    assert segment.upper_limit == pytest.approx(22.178462, abs=1e-6)
    assert flagged(result) == {Rule.OUTSIDE_LIMITS: [12]}
    assert result.points[12].direction == 1
    assert result.variation is Variation.CONCERNING


def test_without_screening_the_outlier_widens_the_limits() -> None:
    # mean moving range 62/12 = 5.1667, limits 11.538462 ± 13.743333
    result = xmr([*STEADY, 30.0], polarity=LOWER, screen_outliers=False)

    assert result.segments[0].upper_limit == pytest.approx(25.281795, abs=1e-6)
    assert flagged(result) == {Rule.OUTSIDE_LIMITS: [12]}


def test_seven_points_on_one_side_of_the_mean() -> None:
    # mean 141/14 = 10.0714: the seven 11s are above it, after alternating 4s and 16s
    result = xmr([4.0, 16.0, 4.0, 16.0, 4.0, 16.0, 4.0, *[11.0] * 7], polarity=HIGHER)

    assert flagged(result) == {Rule.SHIFT: [7, 8, 9, 10, 11, 12, 13]}
    assert result.points[13].direction == 1
    assert result.variation is Variation.IMPROVING


def test_a_point_exactly_on_the_mean_breaks_the_run() -> None:
    # the same with the middle 11 replaced by 10: the mean is 140/14 = 10 exactly
    values = [4.0, 16.0, 4.0, 16.0, 4.0, 16.0, 4.0, 11.0, 11.0, 11.0, 10.0, 11.0, 11.0, 11.0]

    result = xmr(values, polarity=HIGHER)

    assert result.segments[0].mean == 10.0
    assert result.points[10].side == 0
    assert flagged(result) == {}
    assert result.variation is Variation.COMMON_CAUSE


def test_seven_points_each_higher_than_the_last() -> None:
    # mean 130/13 = 10; mean moving range 53/12 = 4.4167, limits 10 ± 11.748
    result = xmr([6.0, 14.0, 6.0, 14.0, 6.0, 14.0, 7, 8, 9, 10, 11, 12, 13], polarity=HIGHER)

    assert flagged(result) == {Rule.TREND: [6, 7, 8, 9, 10, 11, 12]}
    assert [point.direction for point in result.points[6:]] == [1] * 7
    assert result.variation is Variation.IMPROVING


def test_seven_points_falling_where_higher_is_better_is_concerning() -> None:
    result = xmr([14.0, 6.0, 14.0, 6.0, 14.0, 6.0, 13, 12, 11, 10, 9, 8, 7], polarity=HIGHER)

    assert flagged(result) == {Rule.TREND: [6, 7, 8, 9, 10, 11, 12]}
    assert result.variation is Variation.CONCERNING


def test_an_equal_pair_breaks_a_trend() -> None:
    result = xmr([6.0, 14.0, 6.0, 14.0, 6.0, 14.0, 7, 8, 9, 9, 11, 12, 13], polarity=HIGHER)

    assert Rule.TREND not in flagged(result)


def test_two_of_three_beyond_two_sigma_on_the_same_side() -> None:
    # sixteen points alternating 9 and 11, then 15, 11, 15: mean 201/19 = 10.578947,
    # mean moving range 42/18 = 2.333333, limits 10.578947 ± 6.206667 =
    # 4.372281 to 16.785614, two sigma at 10.578947 + 4.137778 = 14.716725:
    # both 15s lie between two sigma and the limit, and 11 is above the mean
    result = xmr([9.0, 11.0] * 8 + [15.0, 11.0, 15.0], polarity=HIGHER)

    (segment,) = result.segments
    assert segment.lower_limit == pytest.approx(4.372281, abs=1e-6)
    assert segment.upper_limit == pytest.approx(16.785614, abs=1e-6)
    assert [point.index for point in result.points if point.near_limit] == [16, 18]
    assert flagged(result) == {Rule.TWO_OF_THREE: [16, 18]}
    assert result.variation is Variation.IMPROVING


def test_two_near_the_limits_on_opposite_sides_are_common_cause() -> None:
    # the reference's own case: symmetrical data with 5.5 and -5.5 at the end
    values = [1.0, -1.0] * 8
    values[14], values[15] = 5.5, -5.5

    result = xmr(values, polarity=HIGHER)

    assert [point.variation for point in result.points[-2:]] == [Variation.COMMON_CAUSE] * 2


def test_with_no_polarity_special_cause_is_high_or_low_not_better_or_worse() -> None:
    assert xmr([*STEADY, 30.0]).variation is Variation.HIGH
    assert xmr([*STEADY, -30.0]).variation is Variation.LOW


def test_the_reference_snapshot_of_twenty_normal_values() -> None:
    # rnorm(20) after set.seed(123) in R, and the limits in the reference's snapshot
    values = [
        -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774,
        1.71506499, 0.46091621, -1.26506123, -0.68685285, -0.44566197,
        1.22408180, 0.35981383, 0.40077145, 0.11068272, -0.55584113,
        1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141,
    ]  # fmt: skip
    first = xmr(values).segments[0]
    values[14] = 10.0
    screened = xmr(values).segments[0]
    unscreened = xmr(values, screen_outliers=False).segments[0]

    assert (first.mean, first.lower_limit, first.upper_limit) == (
        pytest.approx(0.1416238, abs=1e-7),
        pytest.approx(-3.01138, abs=1e-5),
        pytest.approx(3.294627, abs=1e-6),
    )
    assert (screened.mean, screened.lower_limit, screened.upper_limit) == (
        pytest.approx(0.6694159, abs=1e-7),
        pytest.approx(-2.383666, abs=1e-6),
        pytest.approx(3.722497, abs=1e-6),
    )
    assert (unscreened.lower_limit, unscreened.upper_limit) == (
        pytest.approx(-4.596625, abs=1e-6),
        pytest.approx(5.935457, abs=1e-6),
    )


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], []),
        ([1] * 6, [0] * 6),
        ([1] * 6 + [-1], [0] * 7),
        ([1] * 8 + [-1], [1] * 8 + [0]),
        ([-1] * 8 + [1], [-1] * 8 + [0]),
    ],
)
def test_the_reference_cases_for_runs_on_one_side(marks: list[int], expected: list[int]) -> None:
    assert run_marks(marks, 7) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], []),
        ([1, 2, 3, 4, 5, 6], [0] * 6),
        ([1, 2, 3, 3, 4, 5, 6], [0] * 7),
        ([1, 2, 3, 4, 5, 6, 7], [1] * 7),
        ([2, 1, 2, 3, 4, 5, 6, 7, 3], [0] + [1] * 7 + [0]),
        ([7, 6, 5, 4, 3, 2, 1], [-1] * 7),
        ([2, 7, 6, 5, 4, 3, 2, 1, 3], [0] + [-1] * 7 + [0]),
    ],
)
def test_the_reference_cases_for_trends(values: list[int], expected: list[int]) -> None:
    steps = [(b > a) - (b < a) for a, b in pairwise(values)]

    assert trend_marks(steps, 7) == expected


def test_a_point_between_a_rise_and_a_fall_takes_the_later_trend() -> None:
    steps = [1] * 6 + [-1] * 6

    assert trend_marks(steps, 7) == [1] * 6 + [-1] * 7


@pytest.mark.parametrize(
    ("near", "sides", "expected"),
    [
        ([1, 0, 1], [1, 1, 1], [1, 0, 1]),
        ([0, 1, 1], [1, 1, 1], [0, 1, 1]),
        ([1, 1, 0], [1, 1, 1], [1, 1, 0]),
        ([0, 0, 1, 0, 1, 0, 0], [1] * 7, [0, 0, 1, 0, 1, 0, 0]),
        ([0, 0, 1, 1, 0, 0, 0], [1] * 7, [0, 0, 1, 1, 0, 0, 0]),
        ([1, 0, 0, 1], [1] * 4, [0] * 4),
        ([1, 0, 0, 1, 1], [1] * 5, [0, 0, 0, 1, 1]),
        ([1, 0, 1], [1, -1, 1], [0] * 3),
        ([0, 1, 1], [1, -1, 1], [0] * 3),
        ([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1], [0] * 7),
        ([0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1], [0] * 7),
    ],
)
def test_the_reference_cases_for_two_of_three(
    near: list[int], sides: list[int], expected: list[int]
) -> None:
    assert two_of_three_marks([bool(n) for n in near], sides) == [bool(e) for e in expected]


@pytest.mark.parametrize(
    ("limits", "polarity", "expected"),
    [
        # the reference's cases: limits (1, 3), (5, 7) and (1, 5) against a target of 4
        ((1, 3), HIGHER, Assurance.CONSISTENTLY_MISSES),
        ((5, 7), HIGHER, Assurance.CONSISTENTLY_MEETS),
        ((1, 5), HIGHER, Assurance.HIT_AND_MISS),
        ((1, 3), LOWER, Assurance.CONSISTENTLY_MEETS),
        ((5, 7), LOWER, Assurance.CONSISTENTLY_MISSES),
        ((1, 5), LOWER, Assurance.HIT_AND_MISS),
        ((4, 7), HIGHER, Assurance.HIT_AND_MISS),
    ],
)
def test_assurance_from_where_the_target_lies(
    limits: tuple[float, float], polarity: Polarity, expected: Assurance
) -> None:
    assert assurance_against(4, *limits, polarity) is expected


@pytest.mark.parametrize(
    ("target", "polarity", "expected"),
    [
        (25.0, HIGHER, Assurance.CONSISTENTLY_MISSES),
        (25.0, LOWER, Assurance.CONSISTENTLY_MEETS),
        (-1.0, HIGHER, Assurance.CONSISTENTLY_MEETS),
        (15.0, HIGHER, Assurance.HIT_AND_MISS),
        ([15.0] * 12, LOWER, Assurance.HIT_AND_MISS),
    ],
)
def test_assurance_of_the_steady_series(
    target: float | list[float], polarity: Polarity, expected: Assurance
) -> None:
    result = xmr(STEADY, polarity=polarity, target=target)

    assert (result.assurance, result.assurance_reason) == (expected, None)


@pytest.mark.parametrize(
    ("target", "polarity", "reason"),
    [
        (None, HIGHER, "there is no target"),
        (15.0, None, "the indicator has no polarity"),
        ([15.0] * 6 + [16.0] * 6, HIGHER, "the target changes"),
        ([15.0] * 11 + [None], HIGHER, "have no target"),
    ],
)
def test_no_assurance_without_a_constant_target_and_a_direction(
    target: float | list[float | None] | None, polarity: Polarity | None, reason: str
) -> None:
    result = xmr(STEADY, polarity=polarity, target=target)

    assert result.assurance is None
    assert result.assurance_reason is not None
    assert reason in result.assurance_reason


def test_limits_are_recalculated_from_a_break() -> None:
    values = STEADY + [28.0, 32.0] * 6

    unbroken = xmr(values, polarity=HIGHER)
    broken = xmr(values, polarity=HIGHER, breaks=[12], target=25.0)

    assert flagged(unbroken)[Rule.SHIFT] == list(range(24))
    before, after = broken.segments
    assert (before.mean, before.upper_limit) == (10.0, pytest.approx(20.64))
    assert (after.mean, after.lower_limit) == (30.0, pytest.approx(19.36))
    assert broken.points[12].moving_range is None
    assert broken.points[12].segment == 1
    assert flagged(broken) == {}
    assert broken.assurance is Assurance.HIT_AND_MISS


def test_a_short_latest_segment_has_trial_limits_and_no_judgement() -> None:
    result = xmr(STEADY + [28.0, 32.0] * 2, polarity=HIGHER, breaks=[12], target=25.0)

    assert [segment.trial for segment in result.segments] == [False, True]
    assert (result.variation, result.assurance) == (None, None)
    assert result.assurance_reason == "fewer than 12 points since the latest break"
    assert result.warnings == (
        "only 4 points from index 12: the limits are trial limits until there are 12",
    )


def test_the_minimum_number_of_points_can_be_lowered() -> None:
    assert MINIMUM_POINTS == 12
    assert xmr(STEADY[:11], polarity=HIGHER).variation is None
    assert xmr(STEADY[:11], polarity=HIGHER, minimum_points=8).variation is (Variation.COMMON_CAUSE)


def test_limits_fixed_from_the_first_points_judge_the_later_ones() -> None:
    result = xmr([*STEADY, 25.0, 26.0], polarity=LOWER, fix_after=12)

    assert result.segments[0].upper_limit == pytest.approx(20.64)
    assert flagged(result)[Rule.OUTSIDE_LIMITS] == [12, 13]
    assert result.variation is Variation.CONCERNING


def test_a_flat_series_has_limits_on_the_mean_and_no_special_cause() -> None:
    result = xmr([5.0] * 12, polarity=HIGHER)

    assert result.segments[0].lower_limit == result.segments[0].upper_limit == 5.0
    assert flagged(result) == {}
    assert result.variation is Variation.COMMON_CAUSE


def test_an_empty_series_and_bad_input() -> None:
    assert xmr([]).points == ()
    with pytest.raises(ValueError, match="finite"):
        xmr([1.0, float("nan")])
    with pytest.raises(ValueError, match="break"):
        xmr(STEADY, breaks=[0])
    with pytest.raises(ValueError, match="minimum number of points"):
        xmr(STEADY, minimum_points=1)
    with pytest.raises(ValueError, match="fixed from"):
        xmr(STEADY, fix_after=1)
    with pytest.raises(ValueError, match="one target per value"):
        xmr(STEADY, polarity=HIGHER, target=[1.0, 2.0])


def test_a_point_that_two_rules_flag_takes_the_first_for_its_variation() -> None:
    # 21 points alternating 4 and 16 (ending on 4), six 13s and a 40: mean 322/28 = 11.5,
    # mean moving range 276/27 = 10.2222, upper limit 11.5 + 27.1911 = 38.6911
    values = [4.0, 16.0] * 10 + [4.0] + [13.0] * 6 + [40.0]

    result = xmr(values, polarity=LOWER)

    assert result.segments[0].mean == 11.5
    assert result.segments[0].upper_limit == pytest.approx(38.691111, abs=1e-6)
    last = result.points[-1]
    assert last.rules == {Rule.OUTSIDE_LIMITS, Rule.SHIFT}
    assert last.special_cause is Rule.OUTSIDE_LIMITS
    assert [point.special_cause for point in result.points[21:27]] == [Rule.SHIFT] * 6
    assert result.variation is Variation.CONCERNING
