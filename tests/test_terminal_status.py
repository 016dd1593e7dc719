"""``pmkit status`` at a terminal: counts, then exceptions, then a table that fits the width.

The community-safety example for 2026/27 Q2, as of 26 November 2026, has 20
indicators (CS-14 serves two outcomes, so the table has 21 rows): off target
CS-06, CS-08 and CS-17; near target CS-02, CS-12, CS-13, CS-03, CS-04, CS-07
and CS-11; no data CS-16; on target CS-14, CS-09, CS-18 and CS-20; not due
CS-05, CS-10, CS-15 and CS-19; no target CS-01. Actions A3 and A5 are at
risk, and the police are behind with their commitment to A3.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from goldens import ROOT, check_golden

if TYPE_CHECKING:
    from conftest import RunCli

EXAMPLES = ("community-safety", "health-wellbeing")
AS_OF = "2026-11-26"
SYMBOLS = ("✓", "!", "✗", "?", "…", "-")


def status(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, example: str, columns: int,
           *extra: str) -> list[str]:  # fmt: skip
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setenv("NO_COLOR", "1")
    plan = ROOT / "examples" / example / "plan.yaml"
    result = run_cli("--as-of", AS_OF, "status", "--period", "2026/27 Q2", "--plan", plan, *extra)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    return result.stdout.split("\n")


def parts(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The counts, the exceptions and the table (from its heading row on)."""
    exceptions = next(i for i, line in enumerate(lines) if line.startswith("Exceptions"))
    table = next(i for i, line in enumerate(lines) if line.startswith("Status "))
    return lines[:exceptions], lines[exceptions:table], lines[table:]


def test_at_80_columns_every_line_fits(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = status(run_cli, monkeypatch, "community-safety", 80)

    assert max(len(line) for line in lines) <= 80
    # Counts, 14 exceptions, 22 rows and six outcomes, then a line for each of the six
    # figures with counts and one for the SPC reading: under 85 lines.
    assert len(lines) < 85
    # One line for each indicator in the table: 22 rows (CS-14 twice) and six outcomes.
    _, _, table = parts(lines)
    rows = [line for line in table if line.startswith(SYMBOLS) and " CS-" in line]
    assert len(rows) == 22
    assert [line[:2] for line in table if line[:1] == "O" and line[2] == ":"] == [
        f"O{n}" for n in range(1, 7)
    ]
    # Titles too long for the width end in an ellipsis on their one line.
    row = next(line for line in rows if " CS-06 " in line)
    assert row.startswith("✗ Off target  CS-06 Emergency")
    assert "…" in row and "(ISTV)" not in row
    assert "29.6" in row and "25.2" in row and "↑ worsening" in row


def test_the_counts_come_first(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = status(run_cli, monkeypatch, "community-safety", 80)

    counts, _, _ = parts(lines)
    assert counts[0] == "Safer Kestermoor Partnership: 2026/27 Q2"
    assert counts[2] == "Indicators by status (21 in all)"
    shown = " ".join(" ".join(counts[3:]).split())
    for words in (
        "✗ Off target 3",
        "! Near target 7",
        "? No data 1",
        "✓ On target 5",
        "… Not due 4",
        "- No target 1",
    ):
        assert words in shown


def test_every_off_target_indicator_is_an_exception_before_the_table(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = status(run_cli, monkeypatch, "community-safety", 80)

    _, exceptions, _ = parts(lines)
    assert exceptions[0] == "Exceptions, and indicators near target (14)"
    firsts = [line for line in exceptions[1:] if line and not line.startswith(" ")]
    found = [re.match(r"^(. [A-Z][a-z -]+?) +([A-Z]+-?\d+) ", line) for line in firsts]
    kinds = [match[1] if match else "" for match in found]
    ids = [match[2] if match else "" for match in found]
    # The review's own triage order (the board pack's), then the rest near target.
    assert kinds == [
        *["✗ Off target"] * 3,
        "£ Under-resourced",
        "! At risk",
        "! At risk",
        "? No data",
        *["! Near target"] * 7,
    ]
    assert ids[:7] == ["CS-06", "CS-08", "CS-17", "A3", "A3", "A5", "CS-16"]
    # The second line: the figure against its target, what is missing, the owner by name.
    cs06 = exceptions[exceptions.index(firsts[0]) + 1].strip()
    assert cs06.startswith("29.6, target 25.2 · no remedial action · NHS Mereshire")
    police = exceptions[exceptions.index(firsts[3]) + 1].strip()
    assert police == "£1,900 of £5,000 · Mereshire Police"


def test_wide_keeps_every_title_whole(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = status(run_cli, monkeypatch, "community-safety", 80, "--wide")

    title = "CS-06 Emergency department attendances for assault, aged under 25, rate per 10,000"
    row = next(line for line in lines if line.startswith("✗ Off target  CS-06"))
    assert f"{title} (ISTV)" in row
    assert "↑ worsening on 2026/27 Q1" in row
    assert not any(line.endswith("…") for line in lines)


def test_a_wide_terminal_shows_what_the_direction_was_compared_with(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = status(run_cli, monkeypatch, "community-safety", 160)

    assert max(len(line) for line in lines) <= 160
    row = next(line for line in lines if line.startswith("! Near target CS-12"))
    # CS-12 is compared with the same quarter last year.
    assert row.rstrip().endswith("↓ improving on 2025/26 Q2")


@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize("columns", [80, 160])
def test_status_golden(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, example: str, columns: int
) -> None:
    lines = status(run_cli, monkeypatch, example, columns)

    check_golden(f"{example}.status-{columns}.txt", "\n".join(lines))


def test_a_quarter_with_nothing_to_report_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dataclasses import replace
    from datetime import date

    from pmkit.cli.status_view import show
    from pmkit.judgement.status import Rag
    from pmkit.monitoring.workspace import open_workspace
    from pmkit.review.quarter import review_quarter

    monkeypatch.setenv("COLUMNS", "80")
    plan = ROOT / "examples" / "community-safety" / "plan.yaml"
    space = open_workspace(plan, as_of=date(2026, 11, 26))
    review = review_quarter(space, space.calendar.parse("2026/27 Q2"))
    calm = replace(
        review,
        exceptions=[],
        indicators=[item for item in review.indicators if item.status is Rag.GREEN],
    )

    show(calm)

    lines = capsys.readouterr().out.split("\n")
    assert lines[2] == "Indicators by status (5 in all)"
    assert next(line for line in lines if line.startswith("Exceptions")).startswith(
        "Exceptions: none. No indicator is off or near target"
    )
    assert max(len(line) for line in lines) <= 80
    start = next(n for n, line in enumerate(lines) if line.startswith("Exceptions"))
    assert " ".join(" ".join(lines[start : start + 2]).split()) == (
        "Exceptions: none. No indicator is off or near target or without data, and no "
        "action is late or short of resources."
    )
    rows = [line for line in lines if line.startswith("✓ On target")]
    assert [row.split()[3] for row in rows] == [
        "CS-25",
        "CS-14",
        "CS-09",
        "CS-14",
        "CS-18",
        "CS-20",
    ]
