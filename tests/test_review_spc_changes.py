"""The review's XmR chart: changes in process, trial limits in every format, limits at bounds.

Each test writes a plan with one quarterly indicator and its figures by hand.
Every mean and limit expected is worked out beside it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmkit.monitoring.workspace import open_workspace
from pmkit.periods import Calendar, Period, PeriodKind
from pmkit.review.quarter import review_quarter
from pmkit.review.render import render_review
from pmkit.review.spc_result import SpcChange
from pmkit.statistics.spc import Rule, xmr

if TYPE_CHECKING:
    from conftest import RunCli
    from pmkit.review.result import QuarterReview

APRIL = Calendar(4)
AS_OF = date(2026, 11, 26)

HEAD = """\
format_version: 1
partnership:
  name: Test Partnership
partners:
  - {id: council, name: Test Council}
vision:
  outcomes:
    - {id: O1, title: Independent at home}
indicators:
  - id: I-1
    title: Delayed discharges
    unit: count
    polarity: lower
    accumulation: discrete
    frequency: quarterly
    outcomes: [O1]
    owner: {partner: council}
"""

STEADY = [20, 24] * 6
"""Mean 22; eleven moving ranges of 4, mean 4; limits 22 +- 2.66 x 4 = 11.36 to 32.64."""
LOWER = [10, 16] * 6
"""Mean 13; eleven moving ranges of 6, mean 6; limits 13 +- 15.96 = -2.96 to 28.96."""
RISING = [10, 11, 12, 13, 14, 15, 16]
"""Seven points each higher than the last: a trend. Mean 13; moving ranges 1: 10.34 to 15.66."""
SHORT = [8, 12, 8, 12, 8, 12, 8, 30]
"""Mean 98/8 = 12.25; moving ranges six 4s and a 22, mean 46/7 = 6.5714; 22 is at least
3.267 x 6.5714 = 21.47, so it is set aside: mean moving range 4, limits 12.25 +- 10.64 =
1.61 to 22.89. The 30 is beyond the upper limit, but eight points are only trial limits."""


def review(
    tmp_path: Path, extra: str, values: list[int], first: Period, head: str = HEAD
) -> QuarterReview:
    """The quarterly review, to the last figure's quarter, of I-1 with ``values`` from ``first``."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(head + extra, encoding="utf-8")
    folder = tmp_path / "monitoring"
    folder.mkdir()
    quarters = [first.shift(step) for step in range(len(values))]
    for quarter, value in zip(quarters, values, strict=True):
        assert quarter.kind is PeriodKind.QUARTER
        (folder / f"{quarter.file_stem}.yaml").write_text(
            f"format_version: 1\nperiod: {quarter.label}\nfigures:\n  I-1:\n"
            f"    {json.dumps(quarter.label)}:\n      value: {value}\n"
            "      recorded_by: test\n      recorded_at: '2026-04-01T09:00:00+01:00'\n",
            encoding="utf-8",
        )
    return review_quarter(open_workspace(plan, as_of=AS_OF), quarters[-1])


def rendered(result: QuarterReview) -> tuple[str, str, dict[str, Any]]:
    """The review as Markdown, HTML and the JSON's ``spc`` for I-1."""
    data = json.loads(render_review(result, "quarter", "json"))
    spc = next(item for item in data["indicators"] if item["id"] == "I-1")["spc"]
    return render_review(result, "quarter", "md"), render_review(result, "quarter", "html"), spc


CHANGES = """\
    definition_changes:
      - {from: 2022/23 Q1, change: Restated, back_series_revised: true}
    process_changes:
      - {from: 2023/24 Q1, change: Integrated neighbourhood teams took over hospital discharge.}
      - {from: 2026/27 Q2, change: Seven-day discharge service}
"""


def test_a_change_in_process_recalculates_the_limits_from_its_quarter(tmp_path: Path) -> None:
    result = review(tmp_path, CHANGES, STEADY + LOWER, APRIL.quarter(2020, 1))
    spc = result.indicators[0].spc
    assert spc is not None

    # 2020/21 Q1 to 2025/26 Q4; the process change splits it after twelve quarters. The
    # restatement carried the back series over, and 2026/27 Q2 is after the last figure.
    assert spc.breaks == ["2023/24 Q1"]
    assert spc.changes == [
        SpcChange(
            "2023/24 Q1", "Integrated neighbourhood teams took over hospital discharge.", "process"
        )
    ]
    first, second = spc.segments
    assert (first.first, first.last, first.points) == ("2020/21 Q1", "2022/23 Q4", 12)
    assert (str(first.mean), str(first.lower_limit), str(first.upper_limit)) == (
        "22",
        "11.36",
        "32.64",
    )
    assert (str(second.mean), str(second.lower_limit), str(second.upper_limit)) == (
        "13",
        "-2.96",
        "28.96",
    )
    # As one process (mean 17.5) each half would be a shift; as two, both are steady.
    assert spc.special_causes == []
    assert spc.variation == "common_cause"
    assert spc.note is None


def test_the_review_says_why_and_draws_a_count_s_limit_at_0(tmp_path: Path) -> None:
    md, html, spc = rendered(review(tmp_path, CHANGES, STEADY + LOWER, APRIL.quarter(2020, 1)))

    row = next(line for line in md.splitlines() if line.startswith("| I-1 "))
    assert "| 13 (0 to 28.96); since 2023/24 Q1 |" in row
    assert (
        "- I-1: limits recalculated from 2023/24 Q1: Integrated neighbourhood teams took over "
        "hospital discharge; the lower process limit from 2023/24 Q1, -2.96, is drawn at 0, "
        "the lowest a count can be."
    ) in md
    assert "limits recalculated from 2023/24 Q1: Integrated neighbourhood" in html
    assert (
        "From 2023/24 Q1 to 2025/26 Q4: mean 13, process limits 0 to 28.96 (calculated -2.96 "
        "to 28.96, beyond what the measure can take)."
    ) in html
    # The axis runs from 0 less 8% of 0 to 32.64 (2.61), not from below -2.96.
    assert 'text-anchor="end" font-size="16">-2.61</text>' in html
    assert spc["changes"] == [
        {
            "period": "2023/24 Q1",
            "change": "Integrated neighbourhood teams took over hospital discharge.",
            "kind": "process",
        }
    ]
    # The JSON keeps the limits as calculated beside the limits as drawn.
    assert spc["segments"][1]["lower_limit"] == -2.96
    assert spc["segments"][1]["lower_shown"] == 0
    assert spc["segments"][1]["upper_shown"] == 28.96
    assert spc["segments"][0]["lower_shown"] == 11.36


def test_a_percentage_s_upper_limit_is_drawn_at_100(tmp_path: Path) -> None:
    percentage = HEAD.replace("unit: count", "unit: percentage")
    values = [90, 99] * 6  # mean 94.5, moving ranges 9: limits 94.5 +- 23.94 = 70.56 to 118.44

    spc = review(tmp_path, "", values, APRIL.quarter(2020, 1), percentage).indicators[0].spc
    assert spc is not None

    (segment,) = spc.segments
    assert (str(segment.upper_limit), str(segment.upper_shown)) == ("118.44", "100")
    assert (str(segment.lower_limit), str(segment.lower_shown)) == ("70.56", "70.56")
    assert spc.limit_notes == [
        "the upper process limit from 2020/21 Q1, 118.44, is drawn at 100, the highest a "
        "percentage can be"
    ]


def test_trial_limits_judge_no_point_in_any_format(tmp_path: Path) -> None:
    # The reference's rules, run on their own, find the 30 beyond the upper limit 22.89.
    assert xmr(SHORT).points[-1].special_cause is Rule.OUTSIDE_LIMITS

    md, html, spc = rendered(review(tmp_path, "", SHORT, APRIL.quarter(2024, 1)))

    assert spc["variation"] is None
    assert spc["segments"] == [
        {
            "first": "2024/25 Q1",
            "last": "2025/26 Q4",
            "points": 8,
            "mean": 12.25,
            "lower_limit": 1.61,
            "upper_limit": 22.89,
            "trial": True,
            "lower_shown": 1.61,
            "upper_shown": 22.89,
        }
    ]
    assert len(spc["points"]) == 8
    assert spc["points"][-1] == {
        "period": "2025/26 Q4",
        "value": 30,
        "variation": None,
        "special_cause": None,
        "direction": 0,
    }
    assert all(point["variation"] is None for point in spc["points"])
    row = next(line for line in md.splitlines() if line.startswith("| I-1 "))
    assert (
        "not judged: only 8 points since 2024/25 Q1; 12 are needed, so the limits are trial "
        "limits and no point is judged by them"
    ) in row
    assert row.endswith("| 12.25 (1.61 to 22.89), trial | - |")
    for text in (md, html, json.dumps(spc)):
        assert "outside_limits" not in text
        assert "beyond a process limit" not in text


def test_an_earlier_stretch_on_trial_limits_shows_no_special_cause(tmp_path: Path) -> None:
    extra = "    process_changes:\n      - {from: 2021/22 Q4, change: New reablement service}\n"
    # By the rules alone the seven rising points are a trend, and the 10 and the 16 lie
    # beyond the limits 10.34 and 15.66; but seven points of twelve are only trial limits.
    assert [point.special_cause for point in xmr(RISING).points] == [
        Rule.OUTSIDE_LIMITS,
        *[Rule.TREND] * 5,
        Rule.OUTSIDE_LIMITS,
    ]

    result = review(tmp_path, extra, RISING + STEADY, APRIL.quarter(2020, 1))
    spc = result.indicators[0].spc
    assert spc is not None

    assert [(segment.points, segment.trial) for segment in spc.segments] == [(7, True), (12, False)]
    assert (str(spc.segments[0].lower_limit), str(spc.segments[0].upper_limit)) == (
        "10.34",
        "15.66",
    )
    assert [point.variation for point in spc.points[:7]] == [None] * 7
    assert spc.special_causes == []
    assert spc.variation == "common_cause"
    assert spc.warnings == [
        "only 7 points from 2020/21 Q1: fewer than the 12 a chart needs, so its limits are "
        "trial limits and no special cause is read there"
    ]
    # On the chart the seven are hollow circles, each saying it is not judged.
    html = render_review(result, "quarter", "html")
    assert html.count("(trial limits: not judged)</title>") == 7
    assert html.count('r="3.5" fill="#fff"') == 7


def test_a_process_change_must_be_of_the_indicators_frequency_and_in_use(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = tmp_path / "plan.yaml"
    month = "    process_changes:\n      - {from: 2026-05, change: New service model}\n"
    plan.write_text(HEAD + month, encoding="utf-8")

    result = run_cli("validate", plan)

    assert result.exit_code == 1, result.output
    assert (
        "plan.yaml:18:5: STR003 [error] 'process_changes': process change 1 is from 2026-05, a "
        "month; the indicator is quarterly, so write the quarter the new process starts in\n"
    ) in result.output

    early = "    active: {from: 2024/25}\n" + month.replace("2026-05", "2023/24 Q4")
    plan.write_text(HEAD + early, encoding="utf-8")

    result = run_cli("validate", plan)

    assert "STR003" in result.output
    assert (
        "process change 1 is from 2023/24 Q4, before the indicator is in use (from 2024/25)\n"
    ) in result.output

    retired = "    active: {to: 2025/26}\n" + month.replace("2026-05", "2026/27 Q1")
    plan.write_text(HEAD + retired, encoding="utf-8")

    result = run_cli("validate", plan)

    assert (
        "process change 1 is from 2026/27 Q1, after the indicator's last period in use (2025/26)\n"
    ) in result.output
