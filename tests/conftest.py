"""Fixtures shared by the tests: the starter plan, a plan on disk, and the command line."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from pmkit.cli import app
from pmkit.scaffold import starter_plan

# pytest rewrites every test module's asserts on import, and caches the result
# only where bytecode may be written. With PYTHONDONTWRITEBYTECODE set (as on
# some machines) each run, and each parallel worker, would rewrite them all
# again: seconds of the quick run. The cache is in __pycache__, which git ignores.
sys.dont_write_bytecode = False

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

SLOW = "slow"
"""The marker of long suites: fuzzing, browser, pre-commit and subprocess journeys."""


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--slow`` (or ``PMKIT_SLOW_TESTS=1``) runs the long suites too, as ``.ci/run`` does."""
    parser.addoption(
        "--slow",
        action="store_true",
        default=False,
        help="also run the slow suites (fuzzing, browser, pre-commit, subprocess journeys)",
    )


def _run_slow(config: pytest.Config) -> bool:
    wanted = os.environ.get("PMKIT_SLOW_TESTS", "").strip().lower() in {"1", "true", "yes"}
    return bool(config.getoption("--slow")) or wanted


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave the slow suites out of a plain run: deselected and counted, never skipped."""
    if _run_slow(config) or config.getoption("markexpr"):
        return
    slow = [item for item in items if item.get_closest_marker(SLOW) is not None]
    if slow:
        items[:] = [item for item in items if item.get_closest_marker(SLOW) is None]
        config.hook.pytest_deselected(items=slow)


def pytest_report_header(config: pytest.Config) -> str:
    """Say whether the slow suites run, so a quick green run is not mistaken for CI's."""
    if _run_slow(config):
        return "pmkit: slow suites included"
    return "pmkit: slow suites left out (run them with --slow, as .ci/run does)"


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
