"""The statistics behind a review's figures, on a small plan written by hand.

Every interval below is worked out by hand (the arithmetic is in the comments
and in docs/methodology.md) and typed in as a literal: Wilson's interval for
40 of 200, Byar's for 75 events in 100,000, the exact interval for 4 events in
10,000, and the comparison of each with England.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.monitoring.workspace import open_workspace
from pmkit.periods import Calendar
from pmkit.review.quarter import review_quarter
from pmkit.review.render import render_review

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import RunCli
    from pmkit.review.result import IndicatorReview, QuarterReview

Q2 = Calendar(4).quarter(2026, 2)
AS_OF = date(2026, 11, 26)

PLAN = """\
format_version: 1
partnership: {{name: Test Partnership}}
vision:
  outcomes:
    - {{id: O1, title: Healthier lives}}
{settings}indicators:
  - id: I-PCT
    title: Smokers at delivery
    unit: percentage
    polarity: higher
    outcomes: [O1]
    targets: [{{period: 2026/27, value: 25}}]
    comparators:
      - {{kind: national, name: England, value: 30, period: 2025/26, source: OHID Fingertips}}
      - {{kind: regional, name: North East, value: 24.0, period: 2024/25}}
  - id: I-RATE
    title: Admissions
    unit: rate per 100,000
    polarity: lower
    accumulation: rolling_12_months
    outcomes: [O1]
    targets: [{{period: 2026/27, value: 70}}]
    comparators:
      - {{kind: national, name: England, value: 62.4, period: 2026/27 Q1}}
  - id: I-FEW
    title: Rare events
    unit: rate per 100,000
    polarity: lower
    accumulation: rolling_12_months
    outcomes: [O1]
    targets: [{{period: 2026/27, value: 30}}]
    comparators:
      - {{kind: national, name: England, value: 15.1, period: 2026/27 Q1}}
  - id: I-STD
    title: Age-standardised admissions
    definition: {{standardised: true}}
    unit: rate per 100,000
    polarity: lower
    accumulation: rolling_12_months
    outcomes: [O1]
    targets: [{{period: 2026/27, value: 160}}]
    comparators:
      - {{kind: national, name: England, value: 117, period: 2026/27 Q1}}
  - id: I-BAD
    title: Counts that do not give the figure
    unit: percentage
    polarity: higher
    outcomes: [O1]
    targets: [{{period: 2026/27, value: 25}}]
    comparators:
      - {{kind: national, name: England, value: 30, period: 2026/27 Q1}}
"""

FIGURES = {
    "I-PCT": "value: 20\n      numerator: 40\n      denominator: 200",
    "I-RATE": "value: 75\n      numerator: 75\n      denominator: 100000",
    "I-FEW": "value: 40\n      numerator: 4\n      denominator: 10000",
    "I-STD": "value: 171\n      lower_ci: 155.2\n      upper_ci: 188.1",
    "I-BAD": "value: 25\n      numerator: 40\n      denominator: 200",
}


def build(tmp_path: Path, settings: str = "") -> Path:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(settings=settings), encoding="utf-8")
    lines = ["format_version: 1", "period: 2026/27 Q2", "figures:"]
    for key, fields in FIGURES.items():
        lines += [
            f"  {key}:",
            "    2026/27 Q2:",
            f"      {fields}",
            "      recorded_by: test",
            "      recorded_at: '2026-10-01T09:00:00+01:00'",
        ]
    (tmp_path / "monitoring").mkdir()
    (tmp_path / "monitoring" / "2026-27-Q2.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    return plan


def review(plan: Path) -> QuarterReview:
    return review_quarter(open_workspace(plan, as_of=AS_OF), Q2)


def item(result: QuarterReview, key: str) -> IndicatorReview:
    return next(found for found in result.indicators if found.id == key)


def test_a_percentage_takes_wilsons_interval(tmp_path: Path) -> None:
    # 40 of 200 at 95%: z² = 3.841459; sqrt(3.841459 + 4·40·0.8) = 11.482232, times z
    # 22.504761; (83.841459 ∓ 22.504761) / 407.682918 = 0.150452 to 0.260855.
    stats = item(review(build(tmp_path)), "I-PCT").statistics
    assert stats is not None
    assert (stats.lower, stats.upper) == (Decimal("15.0"), Decimal("26.1"))
    assert stats.method == "Wilson score interval, for proportions"
    assert stats.shown == "20 (95% CI 15.0 to 26.1)"
    # England's 30 is above 26.1, and higher is better: significantly worse.
    assert stats.comparison == "worse"
    assert stats.england == "Worse than England (30, 2025/26)"
    # The region's 24.0 lies inside; its 2024/25 ended 18 months before 2026/27 Q2 did.
    region = stats.comparators[1]
    assert region.words == "Similar to North East (24.0, 2024/25, more than a year older)"
    assert region.out_of_date
    assert not stats.comparators[0].out_of_date  # 2025/26 ended six months before
    assert not stats.unreliable


def test_a_rate_from_10_events_takes_byars_method(tmp_path: Path) -> None:
    # 75 events: 75·(1 - 1/675 - 1.959964/(3·√75))³ = 75·0.923080³ = 58.99;
    # 76·(1 - 1/684 + 1.959964/(3·√76))³ = 76·1.073479³ = 94.01. Per 100,000 of 100,000.
    stats = item(review(build(tmp_path)), "I-RATE").statistics
    assert stats is not None
    assert stats.shown == "75 (95% CI 59.0 to 94.0)"
    assert stats.method == "Byar's method, from 10 events"
    # England's 62.4 lies inside: similar.
    assert stats.england == "Similar to England (62.4, 2026/27 Q1)"


def test_a_rate_from_few_events_is_exact_and_unreliable(tmp_path: Path) -> None:
    # 4 events: exact limits 1.0899 and 10.2416 (chi-squared quantiles / 2), times
    # 100,000/10,000 = 10.9 to 102.4. Fewer than 10 events: small numbers.
    stats = item(review(build(tmp_path)), "I-FEW").statistics
    assert stats is not None
    assert stats.shown == "40 (95% CI 10.9 to 102.4)"
    assert stats.method == "Exact Poisson interval, for small counts"
    assert stats.unreliable
    assert stats.unreliable_note == "Small numbers: unreliable (4 events, fewer than 10)"
    assert stats.england == "Similar to England (15.1, 2026/27 Q1)"


def test_a_standardised_rate_takes_its_supplied_interval(tmp_path: Path) -> None:
    stats = item(review(build(tmp_path)), "I-STD").statistics
    assert stats is not None
    assert stats.shown == "171 (95% CI 155.2 to 188.1)"
    assert stats.method == "Supplied interval"
    assert stats.england == "Worse than England (117, 2026/27 Q1)"


def test_counts_that_do_not_give_the_figure_give_no_interval(tmp_path: Path) -> None:
    stats = item(review(build(tmp_path)), "I-BAD").statistics
    assert stats is not None
    assert stats.method is None
    assert "its counts (40 of 200) give 20, not the 25 recorded" in stats.interval_note
    assert stats.comparison == "not_compared"
    assert stats.england == (
        "England (30, 2026/27 Q1): cannot be compared, the local figure has no interval"
    )


def test_the_plans_confidence_level_widens_the_interval(tmp_path: Path) -> None:
    # 40 of 200 at 99.8%: z = 3.090232, z² = 9.549534; sqrt(9.549534 + 128) = 11.728151,
    # times z 36.242707; (89.549534 ∓ 36.242707) / 419.099068 = 0.127194 to 0.300149.
    plan = build(tmp_path, "settings:\n  statistics: {confidence: 99.8, unreliable_below: 5}\n")
    result = review(plan)
    stats = item(result, "I-PCT").statistics
    assert stats is not None
    assert stats.shown == "20 (99.8% CI 12.7 to 30.0)"
    # 30 is on the upper limit (30.0), so within it: similar.
    assert stats.comparison == "similar"
    few = item(result, "I-FEW").statistics
    assert few is not None
    assert few.unreliable  # 4 is below 5
    assert not item(result, "I-RATE").statistics.unreliable  # type: ignore[union-attr]


def test_counts_below_suppress_below_are_hidden(tmp_path: Path) -> None:
    result = review(build(tmp_path, "settings:\n  suppress_below: 5\n"))
    few = item(result, "I-FEW")
    assert few.suppressed
    assert few.actual is None
    assert few.statistics is not None
    assert few.statistics.suppressed
    assert (few.statistics.numerator, few.statistics.lower) == (None, None)
    assert few.statistics.shown == "not shown: small numbers"
    assert item(result, "I-RATE").actual == Decimal("75")  # 75 events are not few
    markdown = render_review(result, "quarter", "md")
    assert "10.9 to 102.4" not in markdown
    assert "not shown: small numbers" in markdown


def test_the_markdown_and_json_reviews_show_the_statistics(tmp_path: Path, run_cli: RunCli) -> None:
    plan = build(tmp_path)
    args = ("--as-of", "2026-11-26", "review", "--plan", plan, "--quarter", "2026/27 Q2")
    markdown = run_cli(*args).stdout
    assert "## Confidence intervals and comparators" in markdown
    assert (
        "| I-PCT Smokers at delivery | 20 (95% CI 15.0 to 26.1), 2026/27 Q2 "
        "| Worse than England (30, 2025/26) "
        "| Similar to North East (24.0, 2024/25, more than a year older) |"
    ) in markdown
    assert "40 (small numbers: unreliable)" in markdown
    assert "Small numbers: unreliable (4 events, fewer than 10)" in markdown
    data = json.loads(run_cli(*args, "-f", "json").stdout)
    pct = next(found for found in data["indicators"] if found["id"] == "I-PCT")
    assert pct["statistics"]["lower"] == 15.0
    assert pct["statistics"]["upper"] == 26.1
    assert pct["statistics"]["comparison"] == "worse"
    assert pct["methods"]["interval"] == "Wilson score interval, for proportions"
    assert pct["methods"]["comparison"] == "Comparison with England"
    assert data["methods"]["small numbers"] == ["Small numbers"]
    html = run_cli(*args, "-f", "html").stdout
    assert "<strong>Small numbers: unreliable (4 events, fewer than 10)</strong>" in html


def test_a_year_to_date_rate_is_not_compared_with_a_whole_year(tmp_path: Path) -> None:
    plan = build(tmp_path)
    text = plan.read_text(encoding="utf-8").replace(
        "accumulation: rolling_12_months\n    outcomes: [O1]\n    targets: [{period: 2026/27, "
        "value: 70}]\n    comparators:\n      - {kind: national, name: England, value: 62.4, "
        "period: 2026/27 Q1}",
        "accumulation: year_to_date\n    outcomes: [O1]\n    targets: [{period: 2026/27, "
        "value: 70}]\n    comparators:\n      - {kind: national, name: England, value: 62.4, "
        "period: 2025/26}",
    )
    plan.write_text(text, encoding="utf-8")
    stats = item(review(plan), "I-RATE").statistics
    assert stats is not None
    assert stats.comparison == "not_compared"
    assert "the local figure is for the year to 2026/27 Q2, not a whole year" in stats.england


def test_counts_that_do_not_give_the_figure_are_explained_in_the_review(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = build(tmp_path)
    args = ("--as-of", "2026-11-26", "review", "--plan", plan, "--quarter", "2026/27 Q2")
    markdown = run_cli(*args).stdout
    assert (
        "| I-BAD Counts that do not give the figure | 25, 2026/27 Q2; no interval: its counts "
        "(40 of 200) give 20, not the 25 recorded |"
    ) in markdown


def test_an_earlier_figure_from_few_events_is_hidden_in_the_trend(tmp_path: Path) -> None:
    plan = build(tmp_path, "settings:\n  suppress_below: 5\n")
    (tmp_path / "monitoring" / "2026-27-Q1.yaml").write_text(
        "format_version: 1\nperiod: 2026/27 Q1\nfigures:\n  I-RATE:\n    2026/27 Q1:\n"
        "      value: 3\n      numerator: 3\n      denominator: 100000\n"
        "      recorded_by: test\n      recorded_at: '2026-07-01T09:00:00+01:00'\n",
        "utf-8",
    )
    rate = item(review(plan), "I-RATE")
    assert rate.actual == Decimal("75")
    assert [point.value for point in rate.series[-2:]] == [None, Decimal("75")]
    assert rate.compared_with is not None
    assert rate.compared_with.value is None  # Q1's 3 events, hidden


def test_a_confidence_level_the_profiles_do_not_use_is_refused(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = build(tmp_path, "settings:\n  statistics: {confidence: 90}\n")
    result = run_cli("validate", plan)
    assert result.exit_code == 1
    assert "'confidence': the confidence level is 95 or 99.8 (percent)" in result.stdout
    assert "not 90" in result.stdout
