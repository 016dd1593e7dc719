"""The review as a board pack: the first page, triage order, partner names, totals.

Worked by hand from the frozen community-safety example (tests/fixtures/frozen/),
reviewed for 2026/27 Q2 on 26 November 2026.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import RunCli
from pmkit.judgement.status import Rag
from pmkit.monitoring.workspace import open_workspace
from pmkit.review.quarter import review_quarter
from pmkit.review.result import QuarterReview

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "tests" / "fixtures" / "frozen" / "community-safety"
AS_OF = date(2026, 11, 26)


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("frozen")
    shutil.copytree(FROZEN, folder, dirs_exist_ok=True)
    return folder / "plan.yaml"


@pytest.fixture(scope="module")
def review(frozen: Path) -> QuarterReview:
    workspace = open_workspace(frozen, as_of=AS_OF)
    return review_quarter(workspace, workspace.calendar.parse("2026/27 Q2"))


def test_status_changes_since_last_quarter(review: QuarterReview) -> None:
    board = review.board
    assert board is not None
    assert board.previous_period == "2026/27 Q1"
    # CS-14, higher is better, 95 with 3 either side: 89.4 in Q1 (5.6 short, off target),
    # 95.8 in Q2 (on target). CS-09, lower is better, 148 with 5% (7.4): 150 in Q1 (near),
    # 145 in Q2 (on). CS-16, higher, 54.0 with 2.5: 53 in Q1 (near), not available in Q2.
    assert [(c.id, c.before, c.now) for c in board.changes] == [
        ("CS-14", Rag.RED, Rag.GREEN),
        ("CS-09", Rag.AMBER, Rag.GREEN),
        ("CS-16", Rag.AMBER, Rag.NO_DATA),
    ]
    assert board.changes[0].owner_name == "Mereshire Police"
    # One fewer off target (CS-14 left), two fewer near (CS-09, CS-16), two more on target.
    for status, now, before in [("red", 4, 5), ("amber", 6, 8), ("green", 4, 2), ("no_data", 1, 0)]:
        assert (board.counts.get(status, 0), board.previous_counts.get(status, 0)) == (
            now,
            before,
        ), status


def test_exceptions_most_severe_first(review: QuarterReview) -> None:
    # Off target first, worsening first (CS-06: 28.3 in Q1, 29.6 now, lower is better),
    # then without a remedial action (CS-12) before with one (CS-08, CS-17); then the
    # under-resourced commitment, the actions at risk, and the figure not available.
    assert [(item.kind, item.id, item.owner) for item in review.exceptions] == [
        ("off target", "CS-06", "icb"),
        ("off target", "CS-12", "police"),
        ("off target", "CS-08", "police"),
        ("off target", "CS-17", "yjs"),
        ("under-resourced", "A3", "police"),
        ("at risk", "A3", "kdas"),
        ("at risk", "A5", "yjs"),
        ("no data", "CS-16", "police"),
    ]
    first = review.exceptions[0]
    assert (first.status, first.worsening) == (Rag.RED, True)
    assert first.owner_name == "NHS Mereshire Integrated Care Board"
    assert review.exceptions[2].remedial[0].startswith("RA-2026-27-Q1-1: ")
    assert review.exceptions[2].remedial[0].endswith(" (due 2026-12-31)")
    # Every exception without a remedial action has none, whatever its kind; none is flagged.
    assert [item.id for item in review.exceptions if not item.remedial] == [
        "CS-06",
        "CS-12",
        "A3",
        "A3",
        "A5",
        "CS-16",
    ]
    assert not any("no remedial action" in item.flags for item in review.exceptions)


def test_the_board_is_asked_to_decide(review: QuarterReview) -> None:
    board = review.board
    assert board is not None
    assert [(ask.ask, ask.about) for ask in board.asks] == [
        ("decide", "CS-06"),
        ("decide", "CS-12"),
        ("decide", "A3"),
    ]
    assert board.asks[0].text.endswith("agree one with NHS Mereshire Integrated Care Board")
    # Every indicator off target is on the first page, then up to three more exceptions.
    assert [item.id for item in board.top] == ["CS-06", "CS-12", "CS-08", "CS-17", "A3", "A3", "A5"]
    assert board.more == 1
    # Q2's figures were recorded up to 11 November (the council's return).
    assert board.data_as_at == "2026-11-11"


def test_resources_totals_and_shortfalls_first(review: QuarterReview) -> None:
    # Police to A3: £10,000 for the year, so £5,000 due by the end of Q2; £800 in Q1 and
    # £1,100 in Q2 provided: £3,100 short. The council (£35,000 of £70,000) and KDAS
    # (£3,750 + £3,900 = £7,650 of £7,500 due) are not short.
    first = review.resources[0]
    assert (first.partner, first.entity, first.short) == ("police", "A3", Decimal(3100))
    assert first.partner_name == "Mereshire Police"
    assert all(line.short == 0 for line in review.resources[1:])
    totals = review.resource_totals
    assert totals is not None
    assert (totals.short, totals.lines_short) == (Decimal(3100), 1)
    assert totals.due * 2 == totals.committed  # half the year gone


def cells(row: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def test_markdown_says_none_and_names_partners(frozen: Path, run_cli: RunCli) -> None:
    result = run_cli("--as-of", "2026-11-26", "review", "--quarter", "2026/27 Q2", "--plan", frozen)
    assert result.exit_code == 0, result.output
    text = result.stdout
    section = text.split("## Exceptions needing remedial action")[1].split("\n## ")[0]
    rows = [cells(line) for line in section.splitlines() if line.startswith("| ")][1:]
    assert len(rows) == 8
    assert [row[0] for row in rows[:4]] == ["✗ Off target, worsening"] + ["✗ Off target"] * 3
    assert [row[5] == "none" for row in rows] == [True, True, False, False, True, True, True, True]
    assert rows[5][2] == "Kestermoor Domestic Abuse Service (registered charity)"
    assert "kdas" not in text.split("## How the figures were judged")[0].replace("kdas-", "")
    assert "(Mereshire Police's commitment)" in text


def test_json_keeps_ids_and_adds_names(frozen: Path, run_cli: RunCli) -> None:
    result = run_cli(
        "--as-of", "2026-11-26", "review", "--quarter", "2026/27 Q2", "-f", "json", "--plan", frozen
    )
    data = json.loads(result.stdout)
    cs06 = next(item for item in data["indicators"] if item["id"] == "CS-06")
    assert (cs06["owner"], cs06["owner_name"]) == ("icb", "NHS Mereshire Integrated Care Board")
    assert cs06["previous_status"] == "red"
    assert cs06["comparators"] == [
        {"name": "Mereshire force area (five EDs)", "value": 24.9, "period": "2025/26"}
    ]
    assert data["board"]["changes"][0] == {
        "id": "CS-14",
        "title": data["board"]["changes"][0]["title"],
        "before": "red",
        "now": "green",
        "owner": "police",
        "owner_name": "Mereshire Police",
    }


@pytest.mark.parametrize("output_format", ["md", "html", "json"])
def test_the_annual_review_in_every_format(
    frozen: Path, run_cli: RunCli, output_format: str
) -> None:
    result = run_cli(
        "--as-of",
        "2026-11-26",
        "review",
        "--year",
        "2026/27",
        "-f",
        output_format,
        "--plan",
        frozen,
    )
    assert result.exit_code == 0, result.output
    if output_format == "json":
        data = json.loads(result.stdout)
        assert data["board"]["counts"]
        assert data["by_partner"][0]["title"] == "Kestermoor Council"
    else:
        assert "Summary" in result.stdout
        assert "By priority and by partner" in result.stdout
        assert "The year is still running" in result.stdout
