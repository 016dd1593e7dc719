"""The community-safety example's counts give the intervals and comparisons worked out by hand.

Two intervals from the example's own counts for 2026/27 Q2 (as of 26 November
2026), worked out with the formulas in docs/methodology.md and typed in as
literals, and the significance of two changes since Q1.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from goldens import ROOT
from pmkit.monitoring.workspace import open_workspace
from pmkit.periods import Calendar
from pmkit.review.quarter import review_quarter
from pmkit.review.result import IndicatorReview, QuarterReview

PLAN = ROOT / "examples" / "community-safety" / "plan.yaml"


@pytest.fixture(scope="module")
def result() -> QuarterReview:
    workspace = open_workspace(PLAN, as_of=date(2026, 11, 26))
    return review_quarter(workspace, Calendar(4).quarter(2026, 2))


def item(result: QuarterReview, key: str) -> IndicatorReview:
    return next(found for found in result.indicators if found.id == key)


def test_knife_crime_takes_byars_interval(result: QuarterReview) -> None:
    # 113 offences in 176,400 residents: 64.06 per 100,000, shown as 64. Byar:
    # 113·(1 - 1/1017 - 1.959964/(3·√113))³ = 113·0.937557³ = 93.126;
    # 114·(1 - 1/1026 + 1.959964/(3·√114))³ = 114·1.060214³ = 135.858;
    # times 100,000/176,400: 52.79 to 77.02.
    stats = item(result, "CS-04").statistics
    assert stats is not None
    assert (stats.numerator, stats.denominator) == (Decimal(113), Decimal(176400))
    assert (stats.lower, stats.upper) == (Decimal("52.8"), Decimal("77.0"))
    assert stats.shown == "64 (95% CI 52.8 to 77.0)"
    assert stats.method == "Byar's method, from 10 events"
    # England's 84 is above 77.0, and lower is better: significantly better.
    assert stats.comparison == "better"
    assert stats.england == "Better than England (excluding Greater Manchester) (84, 2025/26 Q3)"


def test_marac_repeats_take_wilsons_interval(result: QuarterReview) -> None:
    # 46 of 210 cases: z² = 3.841459; √(3.841459 + 4·46·(164/210)) = 12.146468,
    # times z 23.806641; (92 + 3.841459 ∓ 23.806641) / (2·213.841459) =
    # 0.168430 to 0.279759, so 21.9 (16.8 to 28.0).
    stats = item(result, "CS-08").statistics
    assert stats is not None
    assert stats.shown == "21.9 (95% CI 16.8 to 28.0)"
    assert stats.method == "Wilson score interval, for proportions"
    # SafeLives' national 32.0 is above 28.0, and higher is better: significantly worse.
    assert stats.comparison == "worse"
    assert stats.england == "Worse than England and Wales (SafeLives MARAC data) (32.0, 2025/26 Q3)"


def test_direction_is_said_only_where_the_change_is_significant(result: QuarterReview) -> None:
    # MARAC: 46 of 210 (21.90%) against 43 of 207 (20.77%) in Q1, Wilson 16.84% to
    # 27.98% and 15.80% to 26.81%: the difference 1.13 points has the Newcombe
    # limits 1.13 - √(5.06² + 6.03²) = -6.74 and 1.13 + √(6.07² + 4.97²) = 8.98,
    # which hold 0.
    assert item(result, "CS-08").direction == "no_significant_change"
    # Victims referred: 594 of 620 (95.81%) against 539 of 603 (89.39%), Wilson
    # 93.93% to 97.12% and 86.67% to 91.60%: the difference 6.42 points has the
    # limits 6.42 - √(1.88² + 2.21²) = 3.52 and 6.42 + √(1.32² + 2.71²) = 9.43,
    # which leave out 0: a significant improvement.
    assert item(result, "CS-14").direction == "improving"
