"""Recording never loses data: killed writers, crowds of writers, full disks, broken files.

Each test copies the Safer Kestermoor plan (with one monthly indicator added)
into its own folder. The dangerous moments are staged for real where they
can be: a child process really is killed half-way through a write, and eight
processes really do record into the same file at once. Failures the test
machine cannot produce on demand (a full disk, a refused rename) are injected.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from ruamel.yaml import YAML

from pmkit.monitoring.figures import FigureInput, FigureOptions, record_figures
from pmkit.monitoring.workspace import Recorder, open_workspace

if TYPE_CHECKING:
    from multiprocessing.synchronize import Barrier

    from click.testing import Result

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = date(2026, 11, 26)
OFFICER = "Performance officer"
TIMEOUT = 120

MONTHLY_INDICATOR = """
  - id: CS-21
    title: Repeat calls about the same address (monthly)
    unit: count
    polarity: lower
    frequency: monthly
    data_lag: 1 month
    outcomes: [O1]
"""


def copy_plan(folder: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count("\nactions:\n") == 1
    plan = folder / "plan.yaml"
    plan.write_text(text.replace("\nactions:\n", MONTHLY_INDICATOR + "\nactions:\n"), "utf-8")
    return plan


def record(plan: Path, indicator: str, value: str, period: str) -> None:
    """Record one figure through the library."""
    space = open_workspace(plan, as_of=AS_OF)
    recorder = Recorder(OFFICER, datetime(2026, 11, 26, 9, 0, tzinfo=UTC), "command line")
    item = FigureInput(indicator, period, Decimal(value))
    record_figures(space, [item], recorder, FigureOptions())


def record_cli(run_cli: RunCli, plan: Path, *args: str) -> Result:
    return run_cli(
        "--as-of", AS_OF.isoformat(), "record", "figure", "--plan", plan, "--by", OFFICER, *args
    )


def load(path: Path) -> Any:
    return YAML(typ="rt").load(path.read_text(encoding="utf-8"))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder``, dot files included, by name."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def temporary_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def pmkit(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m pmkit ARGS`` in a fresh process."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PMKIT_")}
    return subprocess.run(
        [sys.executable, "-m", "pmkit", *(str(arg) for arg in args)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        cwd=cwd,
        env=env,
    )


def validate(plan: Path) -> subprocess.CompletedProcess[str]:
    return pmkit("--as-of", AS_OF.isoformat(), "validate", plan)


# -- a process killed in the middle of a write ---------------------------------------

DYING_WRITER = textwrap.dedent(
    """
    import os, signal, sys, tempfile

    import pmkit.monitoring.store as store

    HOW = sys.argv[1]

    def dying_write(path, text):
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        data = text.encode("utf-8")
        if HOW == "half":
            data = data[: len(data) // 2]
        os.write(handle, data)
        os.fsync(handle)
        os.kill(os.getpid(), signal.SIGKILL)  # before the replace, with the file still locked

    store.atomic_write = dying_write
    import pmkit.monitoring.writer as writer  # imported after the patch, so it takes it

    assert writer.atomic_write is dying_write
    from pmkit.cli import main

    sys.argv = ["pmkit", *sys.argv[2:]]
    main()
    """
)


def run_dying_writer(how: str, plan: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", DYING_WRITER, how]
    command += ["--as-of", AS_OF.isoformat(), "record", "figure", "--plan", str(plan)]
    return subprocess.run(
        [*command, "--by", OFFICER, *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize("how", ["full", "half"])
def test_a_writer_killed_mid_write_leaves_the_old_file_whole(tmp_path: Path, how: str) -> None:
    plan = copy_plan(tmp_path)
    record(plan, "CS-01", "88.2", "2026/27 Q2")
    folder = tmp_path / "monitoring"
    path = folder / "2026-27-Q2.yaml"
    before = path.read_bytes()

    killed = run_dying_writer(how, plan, "CS-02", "9.4", "--period", "2026/27 Q2")

    assert killed.returncode == -9, (killed.returncode, killed.stderr)
    [left] = temporary_files(folder)  # proof the child died between writing and replacing
    assert left.startswith(".2026-27-Q2.yaml.")
    written = (folder / left).read_text(encoding="utf-8")
    assert ("CS-02" in written) == (how == "full")
    assert path.read_bytes() == before
    assert list(load(path)["figures"]) == ["CS-01"]
    checked = validate(plan)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "2026-27-Q2.yaml" not in checked.stdout

    # The lock died with the process: the next recording goes through.
    again = pmkit(
        "--as-of", AS_OF.isoformat(), "record", "figure", "CS-02", "9.4",
        "--period", "2026/27 Q2", "--plan", plan, "--by", OFFICER,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert list(load(path)["figures"]) == ["CS-01", "CS-02"]


@pytest.mark.slow
def test_a_writer_killed_while_starting_a_file_leaves_no_file(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    killed = run_dying_writer("half", plan, "CS-01", "88.2", "--period", "2026/27 Q2")

    folder = tmp_path / "monitoring"
    assert killed.returncode == -9, (killed.returncode, killed.stderr)
    assert len(temporary_files(folder)) == 1
    assert not (folder / "2026-27-Q2.yaml").exists()
    checked = validate(plan)
    assert checked.returncode == 0, checked.stdout + checked.stderr


# -- many writers at once -------------------------------------------------------------

QUARTERLY = ("CS-01", "CS-02", "CS-03", "CS-04", "CS-06", "CS-07", "CS-08", "CS-09")


@pytest.mark.slow
def test_eight_processes_recording_into_one_quarter_all_land(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    command = [sys.executable, "-m", "pmkit", "--as-of", AS_OF.isoformat(), "record", "figure"]
    where = ("--period", "2026/27 Q2", "--plan", str(plan))
    env = {key: value for key, value in os.environ.items() if not key.startswith("PMKIT_")}

    processes = [
        subprocess.Popen(
            # Any figure will do (accepted as it is): what matters is that all eight land.
            [
                *command,
                indicator,
                f"{20 + number}.5",
                *where,
                "--by",
                f"Analyst {number}",
                "--accept-unusual",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for number, indicator in enumerate(QUARTERLY)
    ]
    outputs = [process.communicate(timeout=TIMEOUT) for process in processes]

    for process, (_, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
    path = tmp_path / "monitoring" / "2026-27-Q2.yaml"
    figures = load(path)["figures"]
    assert list(figures) == list(QUARTERLY)
    for number, indicator in enumerate(QUARTERLY):
        figure = figures[indicator]["2026/27 Q2"]
        assert figure["value"] == 20 + number + 0.5
        assert figure["recorded_by"] == f"Analyst {number}"
    checked = validate(plan)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert temporary_files(path.parent) == []


def _record_after(barrier: Barrier, plan: str, indicator: str, period: str, value: str) -> None:
    """One writer: wait until all eight are ready, then record at the same moment."""
    space = open_workspace(Path(plan), as_of=AS_OF)
    recorder = Recorder(f"Writer {indicator} {period}", datetime.now(UTC), "command line")
    barrier.wait(timeout=TIMEOUT)
    record_figures(
        space, [FigureInput(indicator, period, Decimal(value))], recorder, FigureOptions()
    )


@pytest.mark.slow
def test_eight_writers_released_together_lose_nothing(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    record(plan, "CS-01", "88.2", "2026/27 Q2")  # some writers replace, some add
    jobs = [
        ("CS-21", "2026-07", "31"),
        ("CS-21", "2026-08", "35"),
        ("CS-21", "2026-09", "29"),
        ("CS-01", "2026/27 Q2", "88.4"),
        ("CS-02", "2026/27 Q2", "9.4"),
        ("CS-03", "2026/27 Q2", "8.2"),
        ("CS-13", "2026/27 Q2", "3.3"),
        ("CS-17", "2026/27 Q2", "61"),
    ]
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(jobs))
    workers = [
        context.Process(target=_record_after, args=(barrier, str(plan), *job)) for job in jobs
    ]

    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=TIMEOUT)

    assert [worker.exitcode for worker in workers] == [0] * len(jobs)
    figures = load(tmp_path / "monitoring" / "2026-27-Q2.yaml")["figures"]
    assert list(figures) == ["CS-01", "CS-02", "CS-03", "CS-13", "CS-17", "CS-21"]
    assert list(figures["CS-21"]) == ["2026-07", "2026-08", "2026-09"]
    for indicator, period, value in jobs:
        assert Decimal(str(figures[indicator][period]["value"])) == Decimal(value)
    assert [version["value"] for version in figures["CS-01"]["2026/27 Q2"]["history"]] == [88.2]
    checked = validate(plan)
    assert checked.returncode == 0, checked.stdout + checked.stderr


# -- the disk says no ---------------------------------------------------------------------


class _FullDisk:
    """A file that takes nothing: every write fails as if the disk were full."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()


def _inject(monkeypatch: pytest.MonkeyPatch, failure: str) -> str:
    """Make the next write fail as ``failure``; return the words the user should see."""
    if failure == "rename refused":

        def refuse(*args: Any, **kwargs: Any) -> None:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

        monkeypatch.setattr(os, "replace", refuse)
        return os.strerror(errno.EACCES)
    if failure == "disk full at flush":

        def full(descriptor: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", full)
        return os.strerror(errno.ENOSPC)
    real_fdopen = os.fdopen

    def full_file(*args: Any, **kwargs: Any) -> _FullDisk:
        return _FullDisk(real_fdopen(*args, **kwargs))

    monkeypatch.setattr(os, "fdopen", full_file)
    return os.strerror(errno.ENOSPC)


FAILURES = ["rename refused", "disk full at flush", "disk full while writing"]


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failed_write_to_an_existing_file_changes_nothing(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    plan = copy_plan(tmp_path)
    record(plan, "CS-01", "88.2", "2026/27 Q2")
    folder = tmp_path / "monitoring"
    path = folder / "2026-27-Q2.yaml"
    before = snapshot(folder)
    words = _inject(monkeypatch, failure)

    result = record_cli(run_cli, plan, "CS-02", "9.4", "--period", "2026/27 Q2")

    monkeypatch.undo()
    assert result.exit_code == 2, result.output
    assert "not recorded" in result.stderr
    assert str(path) in result.stderr
    assert words in result.stderr
    assert snapshot(folder) == before
    assert temporary_files(folder) == []


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failed_write_of_a_new_file_leaves_no_file(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    plan = copy_plan(tmp_path)
    record(plan, "CS-01", "88.2", "2026/27 Q2")
    folder = tmp_path / "monitoring"
    before = set(snapshot(folder))
    words = _inject(monkeypatch, failure)

    result = record_cli(run_cli, plan, "CS-01", "87.0", "--period", "2026/27 Q3")

    monkeypatch.undo()
    path = folder / "2026-27-Q3.yaml"
    assert result.exit_code == 2, result.output
    assert f"not recorded: cannot write {path}: {words}" in result.stderr
    assert not path.exists()
    assert temporary_files(folder) == []
    # Only the (empty, hidden) lock file is new: pmkit keeps lock files, by design.
    assert set(snapshot(folder)) - before == {".2026-27-Q3.yaml.lock"}


# -- files broken by hand ----------------------------------------------------------------

BAD_YAML = (
    "format_version: 1\n"
    "period: 2026/27 Q2\n"
    "figures:\n"
    "  CS-01:\n"
    "    2026/27 Q2: {value: 88.2, status: provisional\n"
)
WRONG_TYPE = (
    "format_version: 1\n"
    "period: 2026/27 Q2\n"
    "figures:\n"
    "  CS-01:\n"
    "    2026/27 Q2:\n"
    "      value: eighty-eight\n"
    "      status: provisional\n"
    "      recorded_by: Data officer\n"
    "      recorded_at: 2026-10-20T09:15:00+01:00\n"
)


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        (BAD_YAML, ":5:", "not valid YAML"),
        (WRONG_TYPE, ":6:7:", "expected a number"),
    ],
)
def test_a_file_broken_by_hand_is_not_written_over(
    run_cli: RunCli, tmp_path: Path, text: str, where: str, what: str
) -> None:
    plan = copy_plan(tmp_path)
    folder = tmp_path / "monitoring"
    folder.mkdir()
    path = folder / "2026-27-Q2.yaml"
    path.write_text(text, encoding="utf-8")

    result = record_cli(run_cli, plan, "CS-02", "9.4", "--period", "2026/27 Q2")

    assert result.exit_code == 2, result.output
    assert "not recorded" in result.stderr
    assert f"{path}{where}" in result.stderr
    assert what in result.stderr
    assert "fix the file by hand first" in result.stderr
    assert path.read_text(encoding="utf-8") == text
    assert temporary_files(folder) == []


@pytest.mark.parametrize("text", [BAD_YAML, WRONG_TYPE])
def test_a_broken_file_does_not_block_the_other_quarters(
    run_cli: RunCli, tmp_path: Path, text: str
) -> None:
    plan = copy_plan(tmp_path)
    record(plan, "CS-01", "87.5", "2026/27 Q3")  # Q3 started while Q2 was still fine
    folder = tmp_path / "monitoring"
    broken = folder / "2026-27-Q2.yaml"
    broken.write_text(text, encoding="utf-8")

    earlier = record_cli(run_cli, plan, "CS-02", "9.5", "--period", "2026/27 Q1")
    later = record_cli(run_cli, plan, "CS-02", "9.3", "--period", "2026/27 Q3")

    assert earlier.exit_code == 0, earlier.output
    assert later.exit_code == 0, later.output
    assert load(folder / "2026-27-Q1.yaml")["figures"]["CS-02"]["2026/27 Q1"]["value"] == 9.5
    assert list(load(folder / "2026-27-Q3.yaml")["figures"]) == ["CS-01", "CS-02"]
    assert broken.read_text(encoding="utf-8") == text


def test_a_new_quarter_waits_for_the_broken_one_before_it(run_cli: RunCli, tmp_path: Path) -> None:
    """Starting Q3 carries Q2's open remedial actions, so it cannot start from a broken Q2."""
    plan = copy_plan(tmp_path)
    folder = tmp_path / "monitoring"
    folder.mkdir()
    broken = folder / "2026-27-Q2.yaml"
    broken.write_text(WRONG_TYPE, encoding="utf-8")

    result = record_cli(run_cli, plan, "CS-01", "87.5", "--period", "2026/27 Q3")

    assert result.exit_code == 2, result.output
    assert f"{broken}:6:7:" in result.stderr
    assert not (folder / "2026-27-Q3.yaml").exists()


# -- symbolic links -------------------------------------------------------------------------


def test_a_symbolic_link_in_the_folder_is_not_followed(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / "precious.yaml"
    target.write_text("format_version: 1\nperiod: 2026/27 Q2\n", encoding="utf-8")
    folder = tmp_path / "monitoring"
    folder.mkdir()
    link = folder / "2026-27-Q2.yaml"
    link.symlink_to(target)
    before = target.read_bytes()

    result = record_cli(run_cli, plan, "CS-01", "88.2", "--period", "2026/27 Q2")

    assert result.exit_code == 2, result.output
    assert "not recorded" in result.stderr
    assert f"{link} is a symbolic link" in result.stderr
    assert target.read_bytes() == before
    assert link.is_symlink()
    assert sorted(p.name for p in elsewhere.iterdir()) == ["precious.yaml"]


def test_a_monitoring_folder_that_is_a_symbolic_link_is_refused(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)
    real = tmp_path / "shared-drive"
    real.mkdir()
    (tmp_path / "monitoring").symlink_to(real, target_is_directory=True)

    result = record_cli(run_cli, plan, "CS-01", "88.2", "--period", "2026/27 Q2")

    assert result.exit_code == 2, result.output
    assert "not recorded" in result.stderr
    assert "is a symbolic link" in result.stderr
    assert list(real.iterdir()) == []
