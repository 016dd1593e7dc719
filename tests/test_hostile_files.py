"""Special files: a FIFO, or a link out of the repository, where a plan or period file belongs.

Opening a FIFO waits for a writer that never comes, so ``validate``,
``review`` and ``history`` would hang; a link from ``monitoring/`` to a file
elsewhere would have its contents read and echoed in findings. Both are
refused before anything is opened, with a clear message.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety"
AS_OF = "2026-11-26"
QUARTER = "2026/27 Q2"
SECRET = "PMKIT-SECRET-7f3a"
PATIENCE = 60

# Both need POSIX: FIFOs, and the alarm that stops a test rather than let it hang.
needs_fifo = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not hasattr(signal, "SIGALRM"), reason="FIFOs are POSIX only"
)
needs_links = pytest.mark.skipif(
    sys.platform == "win32", reason="symbolic links need privileges on Windows"
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "repo")
    return tmp_path / "repo"


def finishes(run_cli: RunCli, *args: str | Path) -> Result:
    """Run pmkit; a hang fails the test (an alarm interrupts a blocked open) instead of stalling."""

    def waited(signum: int, frame: object) -> None:
        raise AssertionError(f"pmkit {' '.join(map(str, args))} still waiting after {PATIENCE}s")

    previous = signal.signal(signal.SIGALRM, waited)
    signal.alarm(PATIENCE)
    try:
        result = run_cli("--as-of", AS_OF, *args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert "internal error" not in result.output and "Traceback" not in result.output
    return result


COMMANDS = {
    "validate": lambda plan: ["validate", plan],
    "review": lambda plan: ["review", "--quarter", QUARTER, "--plan", plan],
    "history": lambda plan: ["history", "CS-01", "--plan", plan],
    "status": lambda plan: ["status", "--quarter", QUARTER, "--plan", plan],
    "record": lambda plan: ["record", "figure", "CS-01", "80", "--period", QUARTER,
                            "--by", "officer", "--plan", plan],
}  # fmt: skip


@needs_fifo
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_fifo_named_like_a_period_file_is_refused(
    repo: Path, run_cli: RunCli, command: str
) -> None:
    period_file = repo / "monitoring" / "2026-27-Q2.yaml"
    period_file.unlink()
    os.mkfifo(period_file)
    result = finishes(run_cli, *COMMANDS[command](repo / "plan.yaml"))
    assert result.exit_code == 2, result.output
    assert "2026-27-Q2.yaml" in result.output
    assert "is not a regular file (a FIFO, a socket or a device)" in result.output


@needs_fifo
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_fifo_for_a_plan_is_refused(repo: Path, run_cli: RunCli, command: str) -> None:
    plan = repo / "plan.yaml"
    plan.unlink()
    os.mkfifo(plan)
    result = finishes(run_cli, *COMMANDS[command](plan))
    assert result.exit_code == 2, result.output
    assert f"not a regular file: {plan}" in result.output or "not a file" in result.output


@needs_fifo
def test_a_fifo_among_several_plans_is_an_unreadable_file(
    repo: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    fifo = tmp_path / "other.yaml"
    os.mkfifo(fifo)
    result = finishes(run_cli, "validate", repo / "plan.yaml", fifo)
    assert result.exit_code == 2, result.output
    assert (
        f"{fifo}: YML000 [error] this is not a regular file (a FIFO, a socket or a device): "
        "pmkit reads only files"
    ) in result.output


@needs_links
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_link_from_monitoring_to_outside_is_not_read(
    repo: Path, run_cli: RunCli, tmp_path: Path, command: str
) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(f"format_version: 1\nperiod: {SECRET}\n{SECRET}: [1]\n", encoding="utf-8")
    period_file = repo / "monitoring" / "2026-27-Q2.yaml"
    period_file.unlink()
    period_file.symlink_to(outside)
    before = outside.read_bytes()
    result = finishes(run_cli, *COMMANDS[command](repo / "plan.yaml"))
    assert result.exit_code == 2, result.output
    assert SECRET not in result.output
    if command == "record":  # the writer names the link before anything is read
        assert "is a symbolic link: pmkit writes only real files in" in result.output
    else:
        assert "this file leads outside the plan's folder (a symbolic link?)" in result.output
    assert outside.read_bytes() == before


@needs_links
def test_a_link_inside_the_plan_folder_is_still_read(repo: Path, run_cli: RunCli) -> None:
    period_file = repo / "monitoring" / "2026-27-Q2.yaml"
    kept = repo / "archive" / "2026-27-Q2.yaml"
    kept.parent.mkdir()
    period_file.rename(kept)
    period_file.symlink_to(kept)
    result = finishes(run_cli, "history", "CS-01", "--plan", repo / "plan.yaml")
    assert result.exit_code == 0, result.output
    assert "84.4" in result.output


@needs_fifo
def test_a_fifo_given_as_a_return_is_refused(repo: Path, run_cli: RunCli, tmp_path: Path) -> None:
    fifo = tmp_path / "police-2026-27-Q2.csv"
    os.mkfifo(fifo)
    result = finishes(
        run_cli, "returns", "import", fifo, "--by", "officer", "--plan", repo / "plan.yaml"
    )
    assert result.exit_code == 2, result.output
    assert "is not a regular file: a return is a .csv or .xlsx file" in result.output


@needs_fifo
def test_a_fifo_given_as_a_baseline_is_refused(repo: Path, run_cli: RunCli, tmp_path: Path) -> None:
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)
    result = finishes(run_cli, "validate", "--baseline", fifo, repo / "plan.yaml")
    assert result.exit_code == 2, result.output
    assert "is not a regular file: give the baseline's JSON file" in result.output


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
