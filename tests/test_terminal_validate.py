"""``pmkit validate`` at a terminal: each finding says its severity in words, not colour alone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from typer.testing import CliRunner

from pmkit.cli import app

if TYPE_CHECKING:
    import pytest

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "tests" / "fixtures" / "tour" / "draft-plan.yaml"
FIRST_DRAFT = ROOT / "examples" / "first-draft" / "plan.yaml"
_LINE = re.compile(r"^.+:\d+:\d+: (?P<code>[A-Z]{3}\d{3}) \[(?P<severity>\w+)\] \S")


def test_an_error_is_called_an_error_without_colour(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(DRAFT.read_bytes())

    result = run_cli("--as-of", "2026-11-26", "validate", plan)

    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    lines = result.stdout.splitlines()
    # The draft's three structural findings, each named an error in words.
    assert f"{plan}:70:5: STR002 [error] unknown key 'titel': did you mean 'title'?" in lines
    found = [_LINE.match(line) for line in lines[:-1]]
    assert [(m["code"], m["severity"]) for m in found if m] == [
        ("STR002", "error"),
        ("STR007", "error"),
        ("STR003", "error"),
    ]
    assert lines[-1] == "Found 3 errors in 1 file."


def test_warnings_and_notes_are_told_apart_from_errors(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first draft has 2 errors, 108 warnings and 8 notes (the summary line says so).
    monkeypatch.setenv("NO_COLOR", "1")

    result = run_cli("--as-of", "2026-11-26", "validate", FIRST_DRAFT)

    lines = result.stdout.splitlines()
    severities = [m["severity"] for m in map(_LINE.match, lines) if m]
    assert (severities.count("error"), severities.count("warning")) == (2, 108)
    assert severities.count("info") == 8
    assert len(severities) == 118
    assert lines[-1] == "Found 2 errors, 108 warnings and 8 notes in 1 file."


def test_with_colour_the_word_is_still_there(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(DRAFT.read_bytes())
    runner = CliRunner(env={"FORCE_COLOR": "1", "NO_COLOR": None, "PMKIT_AS_OF": None})

    result = runner.invoke(app, ["--as-of", "2026-11-26", "validate", str(plan)])

    assert "\x1b[" in result.stdout
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert "STR002 [error] unknown key 'titel'" in plain
