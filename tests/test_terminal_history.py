"""``pmkit history`` at a terminal: no date, figure, id or address is split across lines.

CS-01 in the community-safety example has six final figures (2025/26 Q1 to
2026/27 Q2), recorded by performance.team@kestermoor.gov.uk from the police's
returns; here three more versions of 2026/27 Q3 are recorded (88.2
provisional, then 88.4 final, then 88.9 final with a reason), so the history
has nine versions, two of them replaced.
"""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING

import pytest

from goldens import ROOT, check_golden

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import RunCli

AS_OF = "2027-02-15"
OFFICER = "performance.officer@kestermoor.gov.uk"
TEAM = "performance.team@kestermoor.gov.uk"
REASON = "Police resubmission after the crime data integrity audit"
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")


@pytest.fixture
def example(tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The community-safety example with three versions of CS-01 for 2026/27 Q3."""
    folder = tmp_path / "community-safety"
    shutil.copytree(ROOT / "examples" / "community-safety", folder)
    monkeypatch.setenv("PMKIT_RECORDED_BY", OFFICER)
    plan = folder / "plan.yaml"
    for args in (
        ("88.2",),
        ("88.4", "--final"),
        ("88.9", "--final", "--replace-final", "--reason", REASON),
    ):
        result = run_cli("--as-of", AS_OF, "record", "figure", "CS-01", *args, "--plan", plan)
        assert result.exit_code == 0, result.output
    result = run_cli(
        "--as-of", AS_OF, "record", "progress", "A1", "--status", "at_risk", "--percent", "45",
        "--commentary", "Third hub delayed by a lease", "--plan", plan,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return plan


def history(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, plan: Path, entity: str,
            columns: int) -> str:  # fmt: skip
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setenv("NO_COLOR", "1")
    result = run_cli("--as-of", AS_OF, "history", entity, "--plan", plan)
    assert result.exit_code == 0, result.output
    return result.stdout


def tokens(output: str) -> list[str]:
    """Every run of text between spaces (and table rules) in the output, line by line."""
    return [word for line in output.splitlines() for word in re.split(r"[\s│┃]+", line) if word]


@pytest.mark.parametrize("columns", [60, 80, 100, 120, 160])
def test_no_token_is_split_across_lines(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, example: Path, columns: int
) -> None:
    output = history(run_cli, monkeypatch, example, "CS-01", columns)

    assert max(len(line) for line in output.splitlines()) <= columns
    words = tokens(output)
    # Nine versions, each with its whole date, address and source.
    dates = [word for word in words if re.fullmatch(r"\d{4}-\d{2}-\d{2}", word)]
    assert len(dates) == 9
    assert words.count(TEAM) == 6 and words.count(OFFICER) == 3
    sources = [f"returns/police-{year}-Q{q}.xlsx" for year in ("2025-26",) for q in (1, 2, 3, 4)]
    sources += ["returns/police-2026-27-Q1.xlsx", "returns/police-2026-27-Q2.xlsx"]
    for source in sources:
        assert words.count(source) == 1, source
    for figure in ("86.9", "86.1", "85.3", "84.6", "84.1", "84.4", "88.2", "88.4", "88.9"):
        assert words.count(figure) == 1, figure
    assert words.count("2026/27") == 5 and words.count("2025/26") == 4
    assert " ".join(words).count(REASON) == 1
    assert "…" not in output


def test_the_figures_status_and_progress_are_in_words(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, example: Path
) -> None:
    figures = history(run_cli, monkeypatch, example, "CS-01", 160)
    progress = history(run_cli, monkeypatch, example, "A1", 80)

    assert tokens(figures).count("provisional") == 1
    assert tokens(figures).count("final") == 8
    assert "on track 25%" in progress and "on track 50%" in progress
    assert "at risk 45%" in progress
    assert "_" not in progress.replace(OFFICER, "").replace(TEAM, "")


@pytest.mark.parametrize("columns", [80, 160])
def test_history_golden(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, example: Path, columns: int
) -> None:
    output = history(run_cli, monkeypatch, example, "CS-01", columns)

    # The three versions recorded here are stamped with the time the test ran.
    check_golden(
        f"community-safety.history-CS-01-{columns}.txt", _STAMP.sub("YYYY-MM-DD hh:mm", output)
    )
