"""Statistical process control in the review: which series, which points, breaks, and how it shows.

A small plan written in ``tmp_path``: one monthly indicator whose 59 monthly
figures fall into four stretches, split by the plan's definition changes, each
built so that one special-cause rule fires in it (the worked examples of
docs/methodology.md); one year-to-date indicator, which is refused; and one
whose target changes from one year to the next, which gets no assurance.
Every expected number is worked out by hand beside it.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from goldens import ROOT
from pmkit.monitoring.workspace import open_workspace
from pmkit.periods import Calendar, Period, PeriodKind
from pmkit.review.quarter import review_quarter
from pmkit.review.render import render_review
from pmkit.review.spc_chart import spc_chart
from pmkit.review.year import review_year

if TYPE_CHECKING:
    from conftest import RunCli

APRIL = Calendar(4)
QUARTER = APRIL.quarter(2025, 4)  # 2025/26 Q4: January to March 2026
AS_OF = date(2026, 11, 26)

OUTSIDE = [8, 12] * 6 + [30]
"""Mean 150/13 = 11.5385; moving ranges eleven 4s and an 18 (18 >= 3.267 x 5.1667 is set
aside), so limits 11.5385 +- 2.66 x 4 = 0.8985 to 22.1785: only the 30 is outside."""
TREND = [6, 14, 6, 14, 6, 14, 7, 8, 9, 10, 11, 12, 13]
"""Mean 130/13 = 10; 7 to 13 rise seven times in a row: a trend, and nothing else."""
TWO_OF_THREE = [9, 11] * 8 + [15, 11, 15]
"""Mean 201/19 = 10.5789; moving ranges fifteen 2s and three 4s, mean 42/18 = 2.3333; two
sigma 10.5789 + 1.7733 x 2.3333 = 14.7167 and limits up to 16.7856: both 15s are near."""
SHIFT = [4, 16, 4, 16, 4, 16, 4] + [11] * 7
"""Mean 141/14 = 10.0714; the seven 11s lie above it: a shift. Moving ranges six 12s, a 7
and six 0s, mean 79/13 = 6.0769; limits 10.0714 +- 16.1646 = -6.0932 to 26.2360."""
SERIES = OUTSIDE + TREND + TWO_OF_THREE + SHIFT
FIRST_MONTH = APRIL.month(2021, 4)
MONTHS = [FIRST_MONTH.shift(step) for step in range(len(SERIES))]
# The stretches start at indices 13, 26 and 45: May 2022, June 2023 and January 2025.

PLAN = """\
format_version: 1
partnership:
  name: Test Partnership
partners:
  - {id: council, name: Test Council}
vision:
  outcomes:
    - {id: O1, title: Safer streets}
indicators:
  - id: I-SPC
    title: Calls answered within a minute
    unit: percentage
    polarity: higher
    accumulation: discrete
    frequency: monthly
    outcomes: [O1]
    owner: {partner: council}
    targets:
      - {period: 2021/22, value: 30}
      - {period: 2022/23, value: 30}
      - {period: 2023/24, value: 30}
      - {period: 2024/25, value: 30}
      - {period: 2025/26, value: 30}
    definition_changes:
      - {from: 2022-05, change: New telephony counts calls from the first ring}
      - {from: 2023-06, change: Out-of-hours calls included}
      - {from: 2024-04, change: Restated, back_series_revised: true}
      - {from: 2025-01, change: Calls transferred from 111 included}
  - id: I-YTD
    title: Households helped, year to date
    unit: count
    polarity: higher
    accumulation: year_to_date
    frequency: monthly
    outcomes: [O1]
    owner: {partner: council}
  - id: I-MOVING
    title: Streets cleaned to standard
    unit: percentage
    polarity: higher
    accumulation: discrete
    frequency: monthly
    outcomes: [O1]
    owner: {partner: council}
    targets:
      - {period: 2024/25, value: 30}
      - {period: 2025/26, value: 25}
"""


def write(tmp_path: Path, plan_text: str = PLAN) -> Path:
    """The plan and a monitoring file for each quarter, holding every month's figures."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text, encoding="utf-8")
    folder = tmp_path / "monitoring"
    folder.mkdir()
    figures: dict[Period, dict[str, dict[str, int]]] = {}
    for month, value in zip(MONTHS, SERIES, strict=True):
        quarter = APRIL.containing(month.start, PeriodKind.QUARTER)
        by_indicator = figures.setdefault(quarter, {})
        by_indicator.setdefault("I-SPC", {})[month.label] = value
        by_indicator.setdefault("I-YTD", {})[month.label] = 100 + value
        if month.first >= APRIL.month(2024, 10).first:
            by_indicator.setdefault("I-MOVING", {})[month.label] = 8 if month.first % 2 else 12
    for quarter, by_indicator in figures.items():
        lines = ["format_version: 1", f"period: {quarter.label}", "figures:"]
        for indicator, months in by_indicator.items():
            lines.append(f"  {indicator}:")
            for label, value in months.items():
                lines += [
                    f"    {json.dumps(label)}:",
                    f"      value: {value}",
                    "      recorded_by: test",
                    "      recorded_at: '2026-04-01T09:00:00+01:00'",
                ]
        (folder / f"{quarter.file_stem}.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    return plan


def reviewed(tmp_path: Path, plan_text: str = PLAN) -> dict[str, object]:
    workspace = open_workspace(write(tmp_path, plan_text), as_of=AS_OF)
    review = review_quarter(workspace, QUARTER)
    return {indicator.id: indicator for indicator in review.indicators}


def test_each_rule_fires_once_in_its_own_stretch_between_the_plans_breaks(
    tmp_path: Path,
) -> None:
    spc = reviewed(tmp_path)["I-SPC"].spc  # type: ignore[attr-defined]

    assert spc.frequency == "month"
    assert len(spc.points) == 59
    assert (spc.points[0].period, spc.points[-1].period) == ("2021-04", "2026-02")
    # The restatement of April 2024 carried the back series over: no break there.
    assert spc.breaks == ["2022-05", "2023-06", "2025-01"]
    assert [(s.first, s.last, s.points) for s in spc.segments] == [
        ("2021-04", "2022-04", 13),
        ("2022-05", "2023-05", 13),
        ("2023-06", "2024-12", 19),
        ("2025-01", "2026-02", 14),
    ]
    fired = [(point.period, point.special_cause) for point in spc.special_causes]
    assert fired == [
        ("2022-04", "outside_limits"),  # the 30
        *[(month, "trend") for month in ("2022-11", "2022-12", "2023-01", "2023-02")],
        *[(month, "trend") for month in ("2023-03", "2023-04", "2023-05")],  # 7 to 13
        ("2024-10", "two_of_three"),  # the first 15
        ("2024-12", "two_of_three"),  # the second 15
        *[(month, "shift") for month in ("2025-08", "2025-09", "2025-10", "2025-11")],
        *[(month, "shift") for month in ("2025-12", "2026-01", "2026-02")],  # the 11s
    ]
    first, _, third, last = spc.segments
    assert (first.mean, first.lower_limit, first.upper_limit) == (
        Decimal("11.538462"),
        Decimal("0.898462"),
        Decimal("22.178462"),
    )
    assert third.mean == Decimal("10.578947")
    assert (last.mean, last.lower_limit, last.upper_limit) == (
        Decimal("10.071429"),
        Decimal("-6.093187"),
        Decimal("26.236044"),
    )
    # The latest point is an 11 above the mean, in a shift, and higher is better.
    assert (spc.variation, spc.variation_symbol) == ("special_cause_improving", "↑(H)")
    assert spc.variation_words == "Special cause, improving"
    # Target 30, above the upper limit 26.24, where higher is better: it will be missed.
    assert (spc.assurance, spc.assurance_symbol) == ("consistently_misses", "(F)")
    assert spc.assurance_words == "Consistently fails the target"
    assert spc.target == 30
    assert spc.warnings == []


def test_the_review_names_the_method_only_where_the_chart_is_read(tmp_path: Path) -> None:
    indicators = reviewed(tmp_path)

    assert indicators["I-SPC"].methods["variation"] == "statistical process control (XmR)"  # type: ignore[attr-defined]
    assert "variation" not in indicators["I-YTD"].methods  # type: ignore[attr-defined]


def test_a_year_to_date_series_is_refused_with_the_reason(tmp_path: Path) -> None:
    spc = reviewed(tmp_path)["I-YTD"].spc  # type: ignore[attr-defined]

    assert spc.points == []
    assert spc.variation is None
    assert spc.refused is not None
    assert spc.refused.startswith("a year-to-date figure adds each period to the ones before it")


def test_a_target_that_changes_gives_no_assurance_and_says_why(tmp_path: Path) -> None:
    spc = reviewed(tmp_path)["I-MOVING"].spc  # type: ignore[attr-defined]

    # October 2024 to February 2026: 17 months alternating 8 and 12 (October is month
    # index 2024 x 12 + 9, odd, so 8 first): nine 8s and eight 12s, mean 168/17 =
    # 9.882353, no special cause.
    assert len(spc.points) == 17
    assert spc.segments[0].mean == Decimal("9.882353")
    assert spc.variation == "common_cause"
    assert spc.variation_symbol == "~"
    assert spc.assurance is None
    assert spc.assurance_reason == (
        "the target changes over the periods since the latest break (25, 30); "
        "assurance needs a target that stays the same while the limits do"
    )


def test_the_plans_minimum_leaves_a_short_stretch_unread(tmp_path: Path) -> None:
    plan = PLAN.replace("indicators:\n", "settings:\n  spc: {minimum_points: 15}\nindicators:\n")
    spc = reviewed(tmp_path, plan)["I-SPC"].spc  # type: ignore[attr-defined]

    # Every stretch but the third (19 points) has fewer than 15: trial limits.
    assert [segment.trial for segment in spc.segments] == [True, True, False, True]
    assert spc.variation is None
    assert spc.note == (
        "only 14 points since 2025-01; 15 are needed, so the limits are trial limits and "
        "no point is judged by them"
    )
    assert spc.warnings[:2] == [
        "only 13 points from 2021-04: fewer than the 15 a chart needs, so its limits are "
        "trial limits and no special cause is read there",
        "only 13 points from 2022-05: fewer than the 15 a chart needs, so its limits are "
        "trial limits and no special cause is read there",
    ]


def test_markdown_and_json_give_the_judgements_in_words_and_symbols(tmp_path: Path) -> None:
    review = review_quarter(open_workspace(write(tmp_path), as_of=AS_OF), QUARTER)

    markdown = render_review(review, "quarter", "md")
    data = json.loads(render_review(review, "quarter", "json"))

    assert "## Statistical process control" in markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| I-SPC "))
    assert "59, 2021-04 to 2026-02" in row
    assert "↑(H) Special cause, improving" in row
    assert "(F) Consistently fails the target (target 30)" in row
    assert "10.07 (0 to 26.24); since 2025-01" in row  # -6.09 drawn at 0, as a percentage
    assert row.endswith(
        "| 2022-04 (beyond a process limit); 2022-11 to 2023-05 (a run of seven rising or "
        "falling); 2024-10 (two of three near a limit); 2024-12 (two of three near a limit); "
        "2025-08 to 2026-02 (seven or more on one side of the mean) |"
    )
    moving = next(line for line in markdown.splitlines() if line.startswith("| I-MOVING "))
    assert "~ Common cause" in moving
    assert "none: the target changes" in moving
    assert "- I-YTD: a year-to-date figure adds each period" in markdown
    spc = next(item for item in data["indicators"] if item["id"] == "I-SPC")["spc"]
    assert spc["variation"] == "special_cause_improving"
    assert spc["variation_symbol"] == "↑(H)"
    assert spc["assurance_symbol"] == "(F)"
    assert spc["segments"][0]["upper_limit"] == 22.178462
    assert data["methods"]["variation"] == ["statistical process control (XmR)"]


def test_the_terminal_status_gives_the_judgements(tmp_path: Path, run_cli: RunCli) -> None:
    plan = write(tmp_path)

    result = run_cli(
        "--as-of", "2026-11-26", "status", "--wide", "--plan", plan, "--period", "2025/26 Q4"
    )

    assert result.exit_code in (0, 1), result.output
    text = " ".join(result.output.split())
    assert "Statistical process control (XmR)" in text
    assert (
        "I-SPC: ↑(H) Special cause, improving; (F) Consistently fails the target "
        "(59 points, 2021-04 to 2026-02)"
    ) in text
    assert "I-MOVING: ~ Common cause; no assurance: the target changes" in text


def test_the_html_chart_and_icons_have_a_text_alternative(tmp_path: Path) -> None:
    review = review_quarter(open_workspace(write(tmp_path), as_of=AS_OF), QUARTER)
    html = render_review(review, "quarter", "html")

    assert '<svg class="spc-chart"' in html
    assert 'aria-labelledby="spc-I-SPC-title spc-I-SPC-desc"' in html
    assert (
        '<title id="spc-I-SPC-title">I-SPC Calls answered within a minute: XmR chart</title>'
        in html
    )
    assert (
        "59 monthly figures from 2021-04 to 2026-02. From 2021-04 to 2022-04: mean 11.54, "
        "process limits 0.90 to 22.18."
    ) in html
    assert "Special cause at 2022-04 (beyond a process limit)" in html
    assert 'aria-label="Variation: Special cause, improving"' in html
    assert 'aria-label="Assurance: Consistently fails the target"' in html


def test_the_chart_escapes_plan_text() -> None:
    from pmkit.review.spc_result import SpcPoint, SpcReview, SpcSegment

    spc = SpcReview(
        frequency="quarter",
        minimum_points=2,
        points=[SpcPoint("2025/26 Q1", Decimal(1), "common_cause")] * 2,
        segments=[SpcSegment("2025/26 Q1", "2025/26 Q2", 2, Decimal(1), None, None, False)],
    )

    drawn = spc_chart("X<1>", "<script>alert(1)</script>", spc, "k")

    assert "<script>" not in drawn
    assert "&lt;script&gt;" in drawn


def test_the_annual_review_shows_the_chart_to_the_years_end(tmp_path: Path) -> None:
    workspace = open_workspace(write(tmp_path), as_of=AS_OF)

    year = review_year(workspace, APRIL.year(2024))
    line = next(line for line in year.indicators if line.id == "I-SPC")

    # To March 2025: 48 points, the last stretch only January to March 2025 (3 points).
    assert line.spc is not None
    assert len(line.spc.points) == 48
    assert line.spc.segments[-1].points == 3
    assert line.spc.variation is None
    assert "## Statistical process control" in render_review(year, "year", "md")


@pytest.mark.parametrize(
    ("example", "indicator", "special", "assurance"),
    [
        # Deliberate secondary fires: 34 in July 2025, the dry spell, above the upper limit
        # 14.6667 + 2.66 x 5.7059 = 29.8443 (moving ranges add to 97 over 17).
        ("community-safety", "CS-25", [("2025-07", "outside_limits")], None),
        # Discharge delay: December 2025's 1.13 days above 0.9433 + 2.66 x 0.0629 = 1.1108;
        # April to October 2025 all below the mean.
        (
            "health-wellbeing",
            "HW-14",
            [
                *[(f"2025-{m:02d}", "shift") for m in range(4, 11)],
                ("2025-12", "outside_limits"),
            ],
            "hit_and_miss",
        ),
    ],
)
def test_the_examples_monthly_indicators_are_charted(
    example: str,
    indicator: str,
    special: list[tuple[str, str]],
    assurance: str | None,
) -> None:
    workspace = open_workspace(ROOT / "examples" / example / "plan.yaml", as_of=AS_OF)
    review = review_quarter(workspace, APRIL.quarter(2026, 2))
    spc = next(item for item in review.indicators if item.id == indicator).spc

    assert spc is not None
    assert len(spc.points) == 18
    assert (spc.points[0].period, spc.points[-1].period) == ("2025-04", "2026-09")
    assert [(p.period, p.special_cause) for p in spc.special_causes] == special
    assert spc.variation == "common_cause"
    assert spc.assurance == assurance
    if indicator == "CS-25":
        assert spc.segments[0].mean == Decimal("14.666667")
        assert spc.segments[0].upper_limit == Decimal("29.844314")
        # The seasonal profile gives the months of Q1 and Q2 different targets.
        assert spc.assurance_reason is not None
        assert spc.assurance_reason.startswith("the target changes")
    else:
        assert spc.segments[0].upper_limit == Decimal("1.110757")
        assert spc.target == Decimal("0.80")


def test_the_methodologys_worked_example() -> None:
    from pmkit.model.indicators import Polarity
    from pmkit.statistics.spc import xmr

    months = [10, 12, 11, 13, 12, 14, 12, 13, 11, 12, 13, 20]
    chart = xmr(months, polarity=Polarity.LOWER, target=12)
    broken = xmr(months, polarity=Polarity.LOWER, target=12, breaks=[11])

    # Mean 153/12; moving ranges add to 22 over 11, the 7 set aside: 15/10 = 1.5.
    (segment,) = chart.segments
    assert segment.mean == pytest.approx(12.75)
    assert segment.mean_moving_range == pytest.approx(1.5)
    assert (segment.lower_limit, segment.upper_limit) == (
        pytest.approx(8.76),
        pytest.approx(16.74),
    )
    assert [(p.index, p.special_cause) for p in chart.points if p.special_cause] == [
        (11, "outside_limits")
    ]
    assert (chart.variation, chart.assurance) == ("special_cause_concerning", "hit_and_miss")
    assert broken.variation is None
