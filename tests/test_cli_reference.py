"""The command-line reference is generated from the commands; every command says what it does.

``docs/cli.md`` is every command's ``--help``, rendered at a fixed width. When
it differs from what the commands now say, regenerate it with
``uv run python -m pmkit.cli.reference docs/cli.md``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pmkit.cli.reference import COMMAND, cli_reference, commands

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "cli.md"
PATHS = [context.command_path for _, context in commands()]


def test_the_cli_reference_is_up_to_date() -> None:
    committed = REFERENCE.read_text(encoding="utf-8")
    assert committed == cli_reference(), f"docs/cli.md is out of date: run `{COMMAND}`"


def test_the_reference_covers_every_command_and_subcommand() -> None:
    assert PATHS[:2] == ["pmkit", "pmkit baseline"]
    assert {
        "pmkit history",
        "pmkit export",
        "pmkit portfolio",
        "pmkit validate",
        "pmkit explain",
        "pmkit record figure",
        "pmkit returns import",
    } <= set(PATHS)
    reference = cli_reference()
    for path in PATHS:
        assert f"\n{'#' * min(path.count(' ') + 2, 4)} {path}\n" in reference
        assert f"Usage: {path} " in reference


@pytest.mark.parametrize("path", PATHS)
def test_every_command_says_what_it_does(path: str) -> None:
    command = next(command for command, context in commands() if context.command_path == path)
    assert (command.help or "").strip(), f"{path} has no help text: give its function a docstring"
    undocumented = [
        param.name
        for param in command.params
        if not (getattr(param, "help", None) or "").strip() and param.name != "help"
    ]
    assert undocumented == [], f"{path}: give these options and arguments a help text"


def test_the_reference_is_the_same_at_any_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    wide = cli_reference()
    monkeypatch.setenv("COLUMNS", "40")

    assert cli_reference() == wide


def test_the_readme_says_how_to_regenerate_it() -> None:
    assert COMMAND in (ROOT / "README.md").read_text(encoding="utf-8")
