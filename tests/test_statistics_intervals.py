"""Confidence intervals against published worked examples and hand computation.

Expected values come from the test data of PHEindicatormethods
(``tests/testthat/testdata_Byars_Wilson.xlsx``, ``testdata_Rate.xlsx`` and
``testdata_Proportion.xlsx``), produced from the public-health profiles'
spreadsheet tools, and from working the formulas by hand.
"""

from __future__ import annotations

import pytest

from pmkit.statistics.intervals import (
    EXACT_BELOW,
    Interval,
    byar_limits,
    exact_poisson_limits,
    poisson_limits,
    poisson_method,
    proportion_interval,
    rate_interval,
    regularized_gamma,
    wilson_limits,
    z_score,
)


def close(expected: float) -> object:
    return pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_z_scores_for_the_two_levels_the_profiles_show() -> None:
    assert z_score(0.95) == pytest.approx(1.959963985, abs=1e-9)
    assert z_score(0.998) == pytest.approx(3.090232306, abs=1e-9)


def test_wilson_for_25_of_100_worked_by_hand() -> None:
    # z = 1.959964, z² = 3.841459; sqrt(3.841459 + 4·25·0.75) = 8.879271;
    # (50 + 3.841459 ∓ 1.959964·8.879271) / (2·(100 + 3.841459))
    lower, upper = wilson_limits(25, 100)

    assert lower == pytest.approx(0.175452, abs=1e-6)
    assert upper == pytest.approx(0.343045, abs=1e-6)


@pytest.mark.parametrize(
    ("numerator", "denominator", "confidence", "lower", "upper"),
    [
        (65, 100, 0.95, 0.5525444329688797, 0.7363575175690247),
        (1045, 5000, 0.95, 0.19795549880013297, 0.22049130373189027),
        (0.445, 1, 0.95, 0.04381744772058822, 0.9334621276979156),
        (65, 100, 0.998, 0.4954946574070431, 0.7783540614089697),
        (1045, 5000, 0.998, 0.19179381799015244, 0.22731562902525818),
        (0.445, 1, 0.998, 0.019347006132900975, 0.9702259947019541),
        (1, 100, 0.95, 0.0017674320641406511, 0.054486196178705294),
        (9856, 12345, 0.998, 0.7869924108419063, 0.8093061412589626),
        (7776456, 7564336677, 0.95, 0.0010273201001641094, 0.0010287644578977231),
    ],
)
def test_wilson_matches_the_published_test_data(
    numerator: float, denominator: float, confidence: float, lower: float, upper: float
) -> None:
    assert wilson_limits(numerator, denominator, confidence=confidence) == (
        close(lower),
        close(upper),
    )


def test_a_percentage_scales_value_and_limits() -> None:
    figure = proportion_interval(222, 3215, multiplier=100)

    assert figure == Interval(
        close(6.905132192846033), close(6.07916903636366), close(7.833956681383633)
    )


def test_wilson_at_the_edges_stays_within_zero_and_one() -> None:
    # none of 50: the upper limit is z² / (50 + z²) = 3.841459 / 53.841459
    none_lower, none_upper = wilson_limits(0, 50)
    all_lower, all_upper = wilson_limits(50, 50)

    assert (none_lower, all_upper) == (0.0, 1.0)
    assert none_upper == pytest.approx(0.0713476, abs=1e-7)
    assert all_lower == pytest.approx(1 - 0.0713476, abs=1e-7)


@pytest.mark.parametrize(
    ("count", "lower", "upper"),
    [
        (0, 0.0, 3.688879454),
        (1, 0.0253178080, 5.5716433909),
        (5, 1.6234863901, 11.6683320793),
        (10, 4.7953886961, 18.3903560420),
    ],
)
def test_exact_poisson_for_small_counts(count: int, lower: float, upper: float) -> None:
    found = exact_poisson_limits(count)

    assert found == (pytest.approx(lower, abs=1e-9), pytest.approx(upper, abs=1e-9))


def test_exact_poisson_at_99_8_percent() -> None:
    # testdata_Rate.xlsx, Area1 and Area2 (per 100 of a population of 100, so per event)
    assert exact_poisson_limits(1, confidence=0.998) == (
        close(0.0010005003335835344),
        close(9.233413476451585),
    )
    assert exact_poisson_limits(5, confidence=0.998) == (
        close(0.739371731917839),
        close(16.454745203680105),
    )


def test_zero_events_at_99_8_percent_give_minus_log_of_a_half_tail() -> None:
    # P(X = 0) = exp(-upper) = 0.001, so upper = ln(1000) = 6.907755...
    assert exact_poisson_limits(0, confidence=0.998) == (0.0, close(6.907755278982137))


@pytest.mark.parametrize(
    ("count", "confidence", "lower", "upper"),
    [
        (65, 0.95, 50.163187710459454, 82.84913854593984),
        (1045, 0.95, 982.5932018073325, 1110.33121298565),
        (65, 0.998, 42.8802614714802, 94.00029084431802),
        (1045, 0.998, 947.9407035610374, 1148.806160988033),
        (10, 0.998, 2.916318374695686, 24.193724927880535),
        (20, 0.95, 12.211428834875937, 30.889880369197066),
    ],
)
def test_byar_matches_the_published_test_data(
    count: int, confidence: float, lower: float, upper: float
) -> None:
    assert byar_limits(count, confidence=confidence) == (close(lower), close(upper))


def test_byar_for_ten_events_worked_by_hand() -> None:
    # lower 10·(1 - 1/90 - 1.959964/(3·√10))³ = 10·0.782326³ = 4.788
    # upper 11·(1 - 1/99 + 1.959964/(3·√11))³ = 11·1.186884³ = 18.391
    lower, upper = byar_limits(10)

    assert lower == pytest.approx(4.78745, abs=1e-5)
    assert upper == pytest.approx(18.39146, abs=1e-5)


def test_the_method_changes_from_exact_to_byar_at_ten() -> None:
    assert EXACT_BELOW == 10
    assert poisson_method(9) == "exact"
    assert poisson_method(10) == "byar"
    assert poisson_limits(9) == exact_poisson_limits(9)
    assert poisson_limits(10) == byar_limits(10)


@pytest.mark.parametrize(
    ("figures", "at95", "at998"),
    [
        # testdata_Rate.xlsx, rows Area1, Area4, Area5, Area6, Area8 and Area12:
        # (count, denominator, multiplier, rate), (lower, upper) at 95% and at 99.8%
        ((1, 100, 100_000, 1000), (25.317807984289896, 5571.643390938898),
         (1.0005003335835343, 9233.413476451586)),
        ((65, 100, 100_000, 65000), (50163.18771045945, 82849.13854593984),
         (42880.261471480204, 94000.290844318)),
        ((9856, 12345, 100, 79.83799108950991), (78.26949058976757, 81.4300165427214),
         (77.37590543271052, 82.3544727709543)),
        ((7776456, 7564336677, 100_000, 102.80420256339154),
         (102.73196005302074, 102.87648334092832), (102.690317308454, 102.91817639509068)),
        ((999, 3456, 100_000, 28906.25), (27141.30493609052, 30755.833237378414),
         (26162.147596445768, 31845.604819822653)),
        ((250, 220, 100_000, 113636.36363636365), (99984.94738532876, 128631.14487455782),
         (92710.00554438953, 137651.23772147458)),
    ],
)  # fmt: skip
def test_crude_rates_match_the_published_test_data(
    figures: tuple[int, int, int, float],
    at95: tuple[float, float],
    at998: tuple[float, float],
) -> None:
    count, denominator, multiplier, rate = figures
    for confidence, (lower, upper) in ((0.95, at95), (0.998, at998)):
        found = rate_interval(count, denominator, multiplier=multiplier, confidence=confidence)
        assert found == Interval(close(rate), close(lower), close(upper))


def test_no_events_give_a_rate_of_zero_with_a_lower_limit_of_zero() -> None:
    assert rate_interval(0, 50_000) == Interval(0.0, 0.0, close(7.377758908))


def test_the_regularized_gamma_function_at_known_points() -> None:
    # P(1, x) = 1 - e^-x; P(2, x) = 1 - e^-x (1 + x); P(3, x) = 1 - e^-x (1 + x + x²/2)
    assert regularized_gamma(1, 2.0) == pytest.approx(0.8646647, abs=1e-7)
    assert regularized_gamma(2, 3.0) == pytest.approx(0.8008517, abs=1e-7)
    assert regularized_gamma(3, 1.0) == pytest.approx(0.0803014, abs=1e-7)
    assert regularized_gamma(3, 5.0) == pytest.approx(0.8753480, abs=1e-7)
    assert regularized_gamma(2, 0.0) == 0.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: wilson_limits(5, 0), "denominator"),
        (lambda: wilson_limits(-1, 10), "numerator"),
        (lambda: wilson_limits(11, 10), "exceed"),
        (lambda: wilson_limits(1, 10, confidence=95), "confidence"),
        (lambda: exact_poisson_limits(-2), "count"),
        (lambda: byar_limits(0), "above zero"),
        (lambda: rate_interval(3, 0), "denominator"),
    ],
)
def test_impossible_inputs_are_refused(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]
