"""The counts behind a rate or percentage: values worked out by hand, and the checks.

Every expected value below was worked out by hand (long division), not copied
from what the code printed.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pmkit.model.units import Unit
from pmkit.monitoring.counts import (
    Counts,
    counts_problems,
    figure_places,
    multiplier,
    places_of,
    settle,
    value_from_counts,
)

PER_100K = Unit.model_validate("rate per 100,000")
PER_1000 = Unit.model_validate("rate per 1,000")
PERCENT = Unit.model_validate("percentage")
COUNT = Unit.model_validate("count")
WHERE = "CS-05 2026/27 Q2"


def test_the_multiplier_is_100_for_a_percentage_and_n_for_a_rate_per_n() -> None:
    assert multiplier(PERCENT) == 100
    assert multiplier(PER_100K) == 100_000
    assert multiplier(PER_1000) == 1_000
    assert multiplier(COUNT) is None
    assert multiplier(Unit.model_validate("days")) is None
    assert multiplier(None) is None


def test_31_in_250100_is_a_rate_of_12_4_per_100000() -> None:
    # 31 / 250,100 = 0.00012395041983…; x 100,000 = 12.395041983… -> 12.4 to one place.
    assert value_from_counts(PER_100K, Decimal(31), Decimal(250100), 1) == Decimal("12.4")
    assert value_from_counts(PER_100K, Decimal(31), Decimal(250100), 2) == Decimal("12.40")
    assert value_from_counts(PER_100K, Decimal(31), Decimal(250100), 0) == Decimal("12")


def test_a_half_is_rounded_up() -> None:
    # 1 / 8 = 0.125; x 100 = 12.5 -> 13 to a whole number (half up, not half even: 12).
    assert value_from_counts(PERCENT, Decimal(1), Decimal(8), 0) == Decimal(13)
    # 1 / 16 x 100 = 6.25 -> 6.3 to one place.
    assert value_from_counts(PERCENT, Decimal(1), Decimal(16), 1) == Decimal("6.3")


def test_places_follow_the_figures_the_indicator_already_has() -> None:
    assert places_of(Decimal("12.40")) == 2
    assert places_of(Decimal("12")) == 0
    assert places_of(Decimal("1E+2")) == 0
    assert figure_places([Decimal("84.6"), None, Decimal("81.25")]) == 2
    assert figure_places([Decimal(2050), Decimal(690)]) == 0
    assert figure_places([None]) == 1  # nothing to go by: one place, as the profiles show


def test_counts_alone_give_the_value() -> None:
    value, problems = settle(WHERE, PER_100K, None, Counts(Decimal(31), Decimal(250100)), places=1)
    assert (value, problems) == (Decimal("12.4"), [])


def test_a_value_that_agrees_at_its_own_precision_is_kept_as_given() -> None:
    counts = Counts(Decimal(31), Decimal(250100))
    for given in ("12.4", "12", "12.40"):
        value, problems = settle(WHERE, PER_100K, Decimal(given), counts, places=1)
        assert problems == []
        assert str(value) == given


def test_a_value_that_does_not_agree_is_refused_with_the_sum_shown() -> None:
    counts = Counts(Decimal(31), Decimal(250100))
    _, problems = settle(WHERE, PER_100K, Decimal("12.3"), counts, places=1)
    assert problems == [
        (
            "value",
            "CS-05 2026/27 Q2: value 12.3 does not match 31 / 250,100 \u00d7 100,000 = "
            "12.39504…, which is 12.4 to 1 decimal place: check the value and the counts",
        )
    ]
    # 12.39 is not 12.40 at two places.
    _, problems = settle(WHERE, PER_100K, Decimal("12.39"), counts, places=1)
    assert len(problems) == 1
    assert "which is 12.40 to 2 decimal places" in problems[0][1]


def test_a_sum_that_comes_out_exactly_shows_no_ellipsis() -> None:
    # 50 / 200 x 100 = 25 exactly.
    _, problems = settle("X", PERCENT, Decimal(26), Counts(Decimal(50), Decimal(200)), places=0)
    assert problems[0][1] == (
        "X: value 26 does not match 50 / 200 \u00d7 100 = 25, which is 25 to a whole number: "
        "check the value and the counts"
    )


def test_a_numerator_above_the_denominator_is_refused_for_a_percentage_only() -> None:
    _, problems = settle(WHERE, PERCENT, None, Counts(Decimal(150), Decimal(142)), places=1)
    assert [field for field, _ in problems] == ["numerator"]
    assert "the numerator 150 is more than the denominator 142" in problems[0][1]
    # A rate can have more events than people: 150 admissions among 142 people per 1,000.
    value, problems = settle(WHERE, PER_1000, None, Counts(Decimal(150), Decimal(142)), places=0)
    assert problems == []
    assert value == Decimal(1056)  # 150 / 142 = 1.05633… x 1,000 = 1,056.33…


def test_counts_for_an_indicator_that_is_not_a_rate_or_percentage_are_refused() -> None:
    problems = counts_problems(WHERE, COUNT, Decimal(3), Counts(Decimal(3), Decimal(10)))
    assert problems == [
        (
            "numerator",
            "CS-05 2026/27 Q2: the indicator's unit is count, not a rate or a percentage, so "
            "its figures have no numerator and denominator: leave them out",
        )
    ]


def test_the_counts_and_the_limits_come_in_pairs() -> None:
    only_numerator = counts_problems(WHERE, PERCENT, Decimal(10), Counts(numerator=Decimal(1)))
    assert only_numerator[0][0] == "denominator"
    only_lower = counts_problems(WHERE, PERCENT, Decimal(10), Counts(lower_ci=Decimal(8)))
    assert only_lower[0][0] == "upper_ci"


def test_the_value_must_lie_within_its_confidence_limits() -> None:
    inside = Counts(lower_ci=Decimal("44.1"), upper_ci=Decimal("53.4"))
    assert counts_problems(WHERE, PER_100K, Decimal("48.6"), inside) == []
    assert counts_problems(WHERE, PER_100K, Decimal("44.1"), inside) == []  # limits included
    outside = counts_problems(WHERE, PER_100K, Decimal("53.5"), inside)
    assert outside == [
        ("value", "CS-05 2026/27 Q2: value 53.5 is outside its confidence interval 44.1 to 53.4")
    ]
    crossed = Counts(lower_ci=Decimal("53.4"), upper_ci=Decimal("44.1"))
    assert counts_problems(WHERE, PER_100K, Decimal("48.6"), crossed)[0][0] == "lower_ci"


def test_an_age_standardised_rate_keeps_its_published_value() -> None:
    # Crude: 437 / 899,100 x 100,000 = 48.60… ; the published standardised rate is 52.3.
    counts = Counts(Decimal(437), Decimal(899100))
    value, problems = settle(WHERE, PER_100K, Decimal("52.3"), counts, places=1, standardised=True)
    assert (value, problems) == (Decimal("52.3"), [])
    value, problems = settle(WHERE, PER_100K, None, counts, places=1, standardised=True)
    assert value is None
    assert problems[0][0] == "value"
    assert "give the value as published" in problems[0][1]


@pytest.mark.parametrize(("numerator", "denominator"), [("-1", "10"), ("1", "0")])
def test_impossible_counts_are_refused(numerator: str, denominator: str) -> None:
    counts = Counts(Decimal(numerator), Decimal(denominator))
    _, problems = settle(WHERE, PER_100K, None, counts, places=1)
    assert problems
