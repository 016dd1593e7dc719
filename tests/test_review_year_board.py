"""The annual review's summary: year-end statuses against last year's, in every format.

A small plan is written in ``tmp_path`` with figures for 2024/25 and 2025/26
(reviewed as of 26 November 2026), so that every kind of move can be worked
by hand: on to near target, off to on target, a status that stays, a figure
missing this year and a measure new this year. The frozen community-safety
example then shows the same on a real plan, and the quarterly review's
resource lines carry their shortfall in the JSON.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pmkit.judgement.status import Rag
from pmkit.monitoring.workspace import open_workspace
from pmkit.review.year import review_year

if TYPE_CHECKING:
    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "tests" / "fixtures" / "frozen"
AS_OF = "2026-11-26"

PLAN = """\
format_version: 1
partnership:
  name: Test Partnership
partners:
  - {id: council, name: Test Council}
  - {id: police, name: Test Police}
vision:
  outcomes:
    - {id: O1, title: Safer streets}
priorities:
  - {id: P1, title: Streets, outcomes: [O1]}
indicators:
  - id: Y-SNAP
    title: Victims supported
    unit: percentage
    polarity: higher
    accumulation: snapshot
    outcomes: [O1]
    owner: {partner: council}
    targets:
      - {period: 2024/25, value: 80}
      - {period: 2025/26, value: 80}
      - {period: 2026/27, value: 80}
    tolerance: 2
  - id: Y-RATE
    title: Crime rate
    unit: rate per 1,000
    polarity: lower
    accumulation: rolling_12_months
    outcomes: [O1]
    owner: {partner: police}
    targets: [{period: 2024/25, value: 10}, {period: 2025/26, value: 10}]
    tolerance: 0.5
  - id: Y-COUNT
    title: Young people diverted
    unit: count
    polarity: higher
    outcomes: [O1]
    owner: {partner: police}
    targets: [{period: 2024/25, value: 40}, {period: 2025/26, value: 40}]
    tolerance: 4
  - id: Y-SAME
    title: Satisfied with the area
    unit: percentage
    polarity: higher
    accumulation: snapshot
    outcomes: [O1]
    owner: {partner: council}
    targets: [{period: 2024/25, value: 60}, {period: 2025/26, value: 60}]
    tolerance: 2
  - id: Y-NEW
    title: Street lights working
    unit: percentage
    polarity: higher
    accumulation: snapshot
    outcomes: [O1]
    owner: {partner: council}
    targets: [{period: 2025/26, value: 50}]
"""

FIGURES: dict[str, dict[str, str]] = {
    # Each quarter's figures: Y-SNAP and Y-SAME snapshots, Y-RATE rolling, Y-COUNT per quarter.
    "2024/25 Q1": {"Y-SNAP": "82", "Y-RATE": "11", "Y-COUNT": "10", "Y-SAME": "52"},
    "2024/25 Q2": {"Y-SNAP": "83", "Y-RATE": "11", "Y-COUNT": "10", "Y-SAME": "51"},
    "2024/25 Q3": {"Y-SNAP": "84", "Y-RATE": "11", "Y-COUNT": "10", "Y-SAME": "50"},
    "2024/25 Q4": {"Y-SNAP": "85", "Y-RATE": "11", "Y-COUNT": "12", "Y-SAME": "50"},
    "2025/26 Q1": {"Y-SNAP": "81", "Y-RATE": "10.5", "Y-COUNT": "10", "Y-SAME": "54"},
    "2025/26 Q2": {"Y-SNAP": "80", "Y-RATE": "10", "Y-COUNT": "10", "Y-SAME": "55"},
    "2025/26 Q3": {"Y-SNAP": "79", "Y-RATE": "9.8", "Y-COUNT": "10", "Y-NEW": "52"},
    "2025/26 Q4": {"Y-SNAP": "79", "Y-RATE": "9.5", "Y-SAME": "55", "Y-NEW": "55"},
    "2026/27 Q1": {"Y-SNAP": "81"},
}
"""Y-COUNT has no 2025/26 Q4 figure, so no year-end figure; Y-NEW starts in 2025/26 Q3."""


def build(folder: Path) -> Path:
    plan = folder / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    monitoring = folder / "monitoring"
    monitoring.mkdir()
    for period, values in FIGURES.items():
        lines = ["format_version: 1", f"period: {period}", "figures:"]
        for indicator, value in values.items():
            lines += [
                f"  {indicator}:",
                f"    {period}:",
                f"      value: {value}",
                "      recorded_by: test",
                "      recorded_at: 2026-10-01T09:00:00+01:00",
            ]
        name = period.replace("/", "-").replace(" ", "-")
        (monitoring / f"{name}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return plan


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return build(tmp_path)


def review(run_cli: RunCli, plan: Path, *args: str) -> str:
    result = run_cli("--as-of", AS_OF, "review", "--plan", plan, *args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return str(result.stdout)


# By hand, the year-end figures (the last quarter's for a snapshot or rolling figure, the
# four quarters added up for a count) against each year's target:
#   Y-SNAP  2024/25: 85 against 80, on target.   2025/26: 79, 1 short, within 2: near target.
#   Y-RATE  2024/25: 11 against 10, 1 over 0.5: off target.   2025/26: 9.5: on target.
#   Y-COUNT 2024/25: 10+10+10+12 = 42 against 40: on target.  2025/26: no Q4, no data.
#   Y-SAME  2024/25: 50 against 60, off.   2025/26: 55, 5 short, beyond 2: off again.
#   Y-NEW   2024/25: no target and no figure.   2025/26: 55 against 50, on target.
NOW = {"green": 2, "amber": 1, "red": 1, "no_data": 1}
BEFORE = {"green": 2, "red": 2, "no_target": 1}
COUNTS = [
    "| Status | Year end | 2024/25 | Change |",
    "|---|---|---|---|",
    "| ✓ On target | 2 | 2 | same |",
    "| ! Near target | 1 | 0 | +1 |",
    "| ✗ Off target | 1 | 2 | -1 |",
    "| ? No data | 1 | 0 | +1 |",
    "| … Not due | 0 | 0 | same |",
    "| - No target | 0 | 1 | -1 |",
]
"""Y-COUNT (no figure this year) and Y-NEW (none last year) moved, but are not listed."""
CHANGES = [
    "- Y-SNAP Victims supported: ✓ On target to ! Near target (Test Council)",
    "- Y-RATE Crime rate: ✗ Off target to ✓ On target (Test Police)",
]


def test_the_year_end_counts_against_last_year(plan: Path) -> None:
    workspace = open_workspace(plan, as_of=date(2026, 11, 26))
    board = review_year(workspace, workspace.calendar.parse("2025/26")).board
    assert board is not None
    assert board.counts == NOW
    assert board.previous_period == "2024/25"
    assert board.previous_counts == BEFORE
    assert [(c.id, c.before, c.now, c.owner) for c in board.changes] == [
        ("Y-SNAP", Rag.GREEN, Rag.AMBER, "council"),
        ("Y-RATE", Rag.RED, Rag.GREEN, "police"),
    ]


def test_the_summary_in_markdown(plan: Path, run_cli: RunCli) -> None:
    text = review(run_cli, plan, "--year", "2025/26")
    summary = text.split("## Summary")[1].split("### For the board")[0]
    assert [line for line in summary.split("\n") if line.startswith("|")] == COUNTS
    section = summary.split("### Status changes since 2024/25\n")[1]
    assert [line for line in section.split("\n") if line.startswith("- ")] == CHANGES
    assert "Indicators with no year-end figure, this year or last, are left out." in section


def test_the_summary_in_html(plan: Path, run_cli: RunCli) -> None:
    html = review(run_cli, plan, "--year", "2025/26", "-f", "html")
    summary = html.split('<h2 id="summary">')[1].split('<h3 id="asks">')[0]
    assert "<caption>Indicators by status, and the change since 2024/25</caption>" in summary
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", summary)
    shown = [re.sub(r"<[^>]+>", " ", row).split() for row in rows]
    # Each status by symbol and word; then year end, last year, change.
    assert [row[-3:] for row in shown] == [
        ["2", "2", "same"],
        ["1", "0", "+1"],
        ["1", "2", "-1"],
        ["1", "0", "+1"],
        ["0", "0", "same"],
        ["0", "1", "-1"],
    ]
    assert [row[:3] for row in shown[:3]] == [
        ["✓", "On", "target"],
        ["!", "Near", "target"],
        ["✗", "Off", "target"],
    ]
    assert '<h3 id="changes">Status changes since 2024/25</h3>' in summary
    items = re.findall(r"<li>(.*?)</li>", summary.split('<h3 id="changes">')[1])
    assert [re.sub(r"<[^>]+>", "", item) for item in items] == [change[2:] for change in CHANGES]
    assert 'class="status status-green">✓ On target</span> to <span class="status' in items[0]


def test_the_summary_in_json(plan: Path, run_cli: RunCli) -> None:
    board = json.loads(review(run_cli, plan, "--year", "2025/26", "-f", "json"))["board"]
    assert (board["counts"], board["previous_period"], board["previous_counts"]) == (
        NOW,
        "2024/25",
        BEFORE,
    )
    assert board["changes"] == [
        {
            "id": "Y-SNAP",
            "title": "Victims supported",
            "before": "green",
            "now": "amber",
            "owner": "council",
            "owner_name": "Test Council",
        },
        {
            "id": "Y-RATE",
            "title": "Crime rate",
            "before": "red",
            "now": "green",
            "owner": "police",
            "owner_name": "Test Police",
        },
    ]


def test_a_running_year_against_the_last(plan: Path, run_cli: RunCli) -> None:
    # 2026/27 is still running: Y-SNAP (81 in Q1) has no year-end figure yet, so it is not
    # due and not listed; the rest have no 2026/27 target. Last year's counts are the
    # 2025/26 review's own year-end counts.
    data = json.loads(review(run_cli, plan, "--year", "2026/27", "-f", "json"))
    board = data["board"]
    assert board["counts"] == {"not_due": 1, "no_target": 4}
    assert (board["previous_period"], board["previous_counts"]) == ("2025/26", NOW)
    assert board["changes"] == []
    text = review(run_cli, plan, "--year", "2026/27")
    assert "### Status changes since 2025/26\n\nNo indicator's status changed.\n" in text


@pytest.fixture
def community_safety(tmp_path: Path) -> Path:
    shutil.copytree(FROZEN / "community-safety", tmp_path, dirs_exist_ok=True)
    return tmp_path / "plan.yaml"


def test_the_example_year_against_the_year_before(community_safety: Path, run_cli: RunCli) -> None:
    # The plan sets its 20 indicators' targets from 2026/27 (2025/26 is the baseline year),
    # so 2025/26 judges none, and neither does 2024/25 (no target, no figure). In 2026/27, still
    # running, the 19 with a target have no year-end figure yet; CS-01 (a measure the plan
    # watches without a target) has none.
    baseline = json.loads(review(run_cli, community_safety, "--year", "2025/26", "-f", "json"))
    assert baseline["board"]["counts"] == {"no_target": 20}
    assert baseline["board"]["previous_counts"] == {"no_target": 20}
    running = json.loads(review(run_cli, community_safety, "--year", "2026/27", "-f", "json"))
    board = running["board"]
    assert board["counts"] == {"not_due": 19, "no_target": 1}
    assert (board["previous_period"], board["previous_counts"]) == ("2025/26", {"no_target": 20})
    assert board["changes"] == []
    text = review(run_cli, community_safety, "--year", "2026/27")
    assert "| … Not due | 19 | 0 | +19 |" in text
    assert "| - No target | 1 | 20 | -19 |" in text


def test_the_quarter_json_gives_each_resource_line_its_shortfall(
    community_safety: Path, run_cli: RunCli
) -> None:
    # Police to A3: £10,000 for the year, so £5,000 due by the end of Q2; £800 in Q1 and
    # £1,100 in Q2 provided: £3,100 short. Every other commitment is met.
    data = json.loads(review(run_cli, community_safety, "--quarter", "2026/27 Q2", "-f", "json"))
    first = data["resources"][0]
    assert (first["partner"], first["entity"], first["due"], first["provided"]) == (
        "police",
        "A3",
        5000,
        1900,
    )
    assert first["short"] == 3100
    rest = data["resources"][1:]
    assert rest
    assert all(line["short"] == 0 and line["provided"] >= line["due"] for line in rest)
    assert data["resource_totals"]["short"] == 3100
