"""Fixtures shared by the tests: the starter plan, a plan on disk, and the command line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from pmkit.cli import app
from pmkit.scaffold import starter_plan

PARTNERSHIP_NAME = "Riverside Community Safety Partnership"

# Variables that would change what the commands print (colour, today's date).
# CliRunner unsets a variable given as None. This Click (8.2+) always keeps
# stderr apart from stdout; result.output holds both, in order.
_ENV: dict[str, str | None] = {
    "FORCE_COLOR": None,
    "TTY_COMPATIBLE": None,
    "PMKIT_AS_OF": None,
    "PMKIT_DEBUG": None,
}

WritePlan = Callable[..., Path]
RunCli = Callable[..., Result]


@pytest.fixture
def starter_plan_text() -> str:
    """The plan `pmkit init` writes, for the Riverside partnership."""
    return starter_plan(name=PARTNERSHIP_NAME, as_of=date.today())


@pytest.fixture
def write_plan(tmp_path: Path) -> WritePlan:
    """``write_plan(text, name="plan.yaml") -> Path``: the plan, byte for byte, in tmp_path."""

    def write(text: str | bytes, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return path

    return write


@pytest.fixture
def run_cli() -> RunCli:
    """``run_cli(*args) -> Result``: run ``pmkit ARGS`` in-process.

    Anything but a clean exit (an exception the user would see as a crash)
    is raised, so it fails the test with its traceback.
    """
    runner = CliRunner(env=_ENV)

    def run(*args: str | Path) -> Result:
        result = runner.invoke(app, [str(arg) for arg in args])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    return run
