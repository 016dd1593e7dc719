"""pmkit on any operating system: locks, line endings and a console that cannot print every letter.

Officers record on Windows as often as on Linux or a Mac. Locks are the
operating system's own (through filelock), never taken through a symbolic
link; a file saved with Windows line endings keeps them; and a console
whose code page cannot show "✓" gets a stand-in, not a crash.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from ruamel.yaml import YAML

from pmkit.monitoring import store
from pmkit.monitoring.figures import FigureInput, FigureOptions, record_figures
from pmkit.monitoring.store import StoreError, atomic_write, line_ending, locked
from pmkit.monitoring.workspace import Recorder, open_workspace

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety"
AS_OF = date(2026, 11, 26)
OFFICER = "Performance officer"
QUARTER = "2026/27 Q3"
TIMEOUT = 120


def copy_example(folder: Path) -> Path:
    """The community-safety example, plan and monitoring, as ``folder/plan.yaml``."""
    shutil.copytree(EXAMPLE, folder, dirs_exist_ok=True)
    return folder / "plan.yaml"


def record(plan: Path, indicator: str, value: str, period: str) -> None:
    """Record one figure through the library, at a fixed time."""
    space = open_workspace(plan, as_of=AS_OF)
    recorder = Recorder(OFFICER, datetime(2026, 11, 26, 9, 0, tzinfo=UTC), "command line")
    item = FigureInput(indicator, period, Decimal(value))
    record_figures(space, [item], recorder, FigureOptions())


def record_cli(run_cli: RunCli, plan: Path, *args: str) -> Result:
    return run_cli(
        "--as-of", AS_OF.isoformat(), "record", "figure", "--plan", plan, "--by", OFFICER, *args
    )


# -- locks ----------------------------------------------------------------------------------


def test_a_symlinked_lock_file_is_refused_not_followed(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_example(tmp_path / "repo")
    folder = plan.parent / "monitoring"
    quarter = folder / "2026-27-Q2.yaml"
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n", encoding="utf-8")
    lock = folder / ".2026-27-Q2.yaml.lock"
    lock.symlink_to(outside)
    before = quarter.read_bytes()

    result = record_cli(run_cli, plan, "CS-10", "24.6", "--period", "2026/27 Q2")

    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"not recorded: {lock} is not a plain file (a symbolic link?)" in result.stderr
    assert "pmkit will not lock through it" in result.stderr
    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert lock.is_symlink()
    assert quarter.read_bytes() == before


def test_a_dangling_symlinked_lock_file_creates_nothing_outside(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_example(tmp_path / "repo")
    folder = plan.parent / "monitoring"
    target = tmp_path / "created-through-the-link"
    (folder / ".2027-28-Q1.yaml.lock").symlink_to(target)

    result = record_cli(run_cli, plan, "CS-07", "33", "--period", "2027/28 Q1")

    assert result.exit_code == 2, result.output
    assert "will not lock through it" in result.stderr
    assert not target.exists()
    assert not (folder / "2027-28-Q1.yaml").exists()


def test_a_lock_file_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "2026-27-Q2.yaml"
    (tmp_path / ".2026-27-Q2.yaml.lock").mkdir()

    with pytest.raises(StoreError, match=r"is not a plain file"), locked(path):
        pass


def test_a_lock_file_left_by_an_earlier_write_is_reused(tmp_path: Path) -> None:
    path = tmp_path / "2026-27-Q2.yaml"
    with locked(path):
        pass
    lock = tmp_path / ".2026-27-Q2.yaml.lock"
    assert lock.is_file()
    with locked(path):
        assert lock.is_file()


def test_a_held_lock_makes_the_second_writer_wait_and_then_give_up(tmp_path: Path) -> None:
    path = tmp_path / "2026-27-Q2.yaml"
    with locked(path):
        with pytest.raises(StoreError) as refused, locked(path, timeout=0.1):
            pass
        assert str(refused.value) == (
            f"{path} is being written by another pmkit for more than 0 s: "
            "try again when it has finished"
        )
    with locked(path, timeout=0.1):  # released: the next writer gets it at once
        pass


def test_the_folder_is_not_opened_for_flushing_where_the_system_cannot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []

    def refuse(*args: object, **kwargs: object) -> int:
        opened.append(args)
        raise AssertionError("a folder was opened")

    monkeypatch.setattr(store, "_POSIX", False)
    monkeypatch.setattr(store.os, "open", refuse)
    store._sync_folder(tmp_path)
    monkeypatch.undo()
    assert opened == []


def test_the_store_needs_no_posix_only_module() -> None:
    source = Path(store.__file__).read_text(encoding="utf-8")
    for posix_only in ("import fcntl", "fcntl.", "os.getuid", "import pwd", "import resource"):
        assert posix_only not in source, posix_only


# -- line endings ---------------------------------------------------------------------------


def test_line_ending_is_read_from_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    assert line_ending(path) == "\n"  # no file yet
    path.write_bytes(b"a: 1\r\nb: 2\n")
    assert line_ending(path) == "\r\n"
    path.write_bytes(b"a: 1\nb: 2\r\n")
    assert line_ending(path) == "\n"
    path.write_bytes(b"a: 1")
    assert line_ending(path) == "\n"


def test_atomic_write_keeps_crlf(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\r\n")
    atomic_write(path, "a: 1\nb: 2\n")
    assert path.read_bytes() == b"a: 1\r\nb: 2\r\n"
    atomic_write(path, "a: 1\r\nb: 3\n")  # never doubled to \r\r\n
    assert path.read_bytes() == b"a: 1\r\nb: 3\r\n"


def test_a_crlf_file_is_recorded_into_exactly_as_an_lf_one(tmp_path: Path) -> None:
    files = {}
    for ending in ("lf", "crlf"):
        plan = copy_example(tmp_path / ending)
        path = plan.parent / "monitoring" / "2026-27-Q2.yaml"
        if ending == "crlf":
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
        record(plan, "CS-10", "24.6", "2026/27 Q2")
        files[ending] = path.read_bytes()

    assert b"CS-10" in files["lf"]
    assert b"\r" not in files["lf"]
    assert files["crlf"] == files["lf"].replace(b"\n", b"\r\n")


def test_record_figure_keeps_a_crlf_file_crlf(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_example(tmp_path / "repo")
    path = plan.parent / "monitoring" / "2026-27-Q2.yaml"
    original = path.read_bytes()
    path.write_bytes(original.replace(b"\n", b"\r\n"))
    lines_before = original.count(b"\n")

    result = record_cli(run_cli, plan, "CS-10", "24.6", "--period", "2026/27 Q2")

    assert result.exit_code == 0, result.output
    assert "recorded: CS-10 2026/27 Q2 = 24.6 (provisional)" in result.stdout
    written = path.read_bytes()
    assert written.count(b"\n") > lines_before
    assert written.count(b"\r\n") == written.count(b"\n"), "a line lost its carriage return"
    assert b"\r\r" not in written
    data = YAML(typ="safe").load(written.decode("utf-8"))
    assert data["figures"]["CS-10"]["2026/27 Q2"]["value"] == 24.6
    checked = run_cli("--as-of", AS_OF.isoformat(), "validate", plan)
    assert "2026-27-Q2.yaml" not in checked.stdout, checked.stdout


def test_a_new_period_file_has_lf_line_endings(tmp_path: Path) -> None:
    plan = copy_example(tmp_path / "repo")
    record(plan, "CS-07", "33", "2027/28 Q1")
    written = (plan.parent / "monitoring" / "2027-28-Q1.yaml").read_bytes()
    assert b"CS-07" in written
    assert b"\r" not in written


# -- a console that cannot print every character ----------------------------------------------


def _pmkit(*args: str | Path, encoding: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PMKIT_")}
    env.pop("FORCE_COLOR", None)
    env["PYTHONIOENCODING"] = encoding
    env.pop("PYTHONUTF8", None)
    return subprocess.run(
        [sys.executable, "-m", "pmkit", "--as-of", AS_OF.isoformat(), *map(str, args)],
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
        cwd=cwd,
        env=env,
    )


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_a_legacy_windows_console_gets_output_not_a_crash(tmp_path: Path, encoding: str) -> None:
    plan = copy_example(tmp_path / "repo")
    text = plan.read_text(encoding="utf-8")
    assert "    audience: [board, scrutiny]\n" in text
    # A finding, so that validate prints the scorecard table with its ticks and crosses.
    plan.write_text(text.replace("    audience: [board, scrutiny]\n", "", 1), encoding="utf-8")
    expected = subprocess.run(
        [sys.executable, "-m", "pmkit", "--as-of", AS_OF.isoformat(), "validate", str(plan)],
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert "✓".encode() in expected.stdout  # the scorecard's tick: what cp1252 cannot show

    commands: dict[str, list[str | Path]] = {
        "validate": ["validate", plan],
        "rules": ["rules"],
        "history": ["history", "CS-01", "--plan", plan],
        "record": ["record", "figure", "CS-10", "24.6", "--period", "2026/27 Q2", "--by", OFFICER,
                   "--plan", plan],
        "unreadable": ["validate", tmp_path / "missing.yaml"],
    }  # fmt: skip
    runs = {name: _pmkit(*args, encoding=encoding, cwd=tmp_path) for name, args in commands.items()}

    for name, done in runs.items():
        output = (done.stdout + done.stderr).decode(encoding)
        assert "UnicodeEncodeError" not in output, (name, output[-2000:])
        assert "Traceback" not in output and "internal error" not in output, (name, output)
    assert runs["validate"].returncode == expected.returncode
    assert runs["rules"].returncode == 0
    assert runs["history"].returncode == 0
    assert runs["record"].returncode == 0, runs["record"].stderr
    assert runs["unreadable"].returncode == 2
    assert b"no such file" in runs["unreadable"].stderr
    # The tick comes out as a stand-in the console can show, not as nothing.
    assert "✓".encode() not in runs["validate"].stdout
    assert b"CLR004" in runs["validate"].stdout
    assert b"| ? met" in runs["validate"].stdout
    assert b"| ? not met" in runs["validate"].stdout


# -- the Windows CI example in docs/ci.md -------------------------------------------------------


def _docs_workflows() -> list[str]:
    """The YAML blocks of docs/ci.md that are GitHub Actions workflows."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)
    return [block for block in blocks if re.search(r"^jobs:$", block, re.MULTILINE)]


def test_the_windows_ci_example_runs_on_windows_and_linux() -> None:
    [workflow] = _docs_workflows()
    data = YAML(typ="safe").load(workflow)
    (job,) = data["jobs"].values()
    assert job["strategy"]["matrix"]["os"] == ["ubuntu-latest", "windows-latest"]
    assert job["runs-on"] == "${{ matrix.os }}"
    runs = [step.get("run", "") for step in job["steps"]]
    assert 'python -m pip install "pmkit[fast] @ git+' in runs[2]
    assert "pmkit validate --format github" in runs
    [without_fast] = [step for step in job["steps"] if step.get("env")]
    assert without_fast["env"] == {"PMKIT_YAML_READER": "ruamel"}
    assert without_fast["shell"] == "pwsh"


def test_the_windows_ci_example_passes_actionlint(tmp_path: Path) -> None:
    from test_ci_workflow import assert_passes_actionlint

    [workflow] = _docs_workflows()
    path = tmp_path / ".github" / "workflows" / "pmkit.yml"
    path.parent.mkdir(parents=True)
    path.write_text(workflow, encoding="utf-8")
    assert_passes_actionlint(path)


def test_on_windows_a_rename_refused_for_a_moment_is_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\n")
    real_replace = os.replace
    refusals = []

    def busy_then_free(source: str | Path, target: str | Path) -> None:
        if len(refusals) < 3:  # a virus scanner holding the file open for a moment
            refusals.append(target)
            raise PermissionError(13, "The process cannot access the file")
        real_replace(source, target)

    monkeypatch.setattr(store, "_WINDOWS", True)
    monkeypatch.setattr(os, "replace", busy_then_free)
    atomic_write(path, "a: 2\n")
    monkeypatch.undo()

    assert len(refusals) == 3
    assert path.read_bytes() == b"a: 2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.yaml"]


def test_elsewhere_a_refused_rename_is_reported_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\n")
    calls = []

    def refuse(source: str | Path, target: str | Path) -> None:
        calls.append(target)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(StoreError, match=r"cannot write .*f\.yaml: Permission denied"):
        atomic_write(path, "a: 2\n")
    monkeypatch.undo()
    assert len(calls) == 1
    assert path.read_bytes() == b"a: 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.yaml"]


@pytest.mark.parametrize("reader", ["yaml-rs", "ruamel"])
def test_a_crlf_plan_gets_the_same_findings_as_an_lf_one(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader: str
) -> None:
    monkeypatch.setenv("PMKIT_YAML_READER", reader)
    draft = ROOT / "examples" / "first-draft"
    outputs = {}
    for ending in ("lf", "crlf"):
        folder = tmp_path / ending
        shutil.copytree(draft, folder)
        for path in folder.rglob("*.yaml"):
            if ending == "crlf":
                path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
        result = run_cli("--as-of", AS_OF.isoformat(), "validate", folder / "plan.yaml")
        outputs[ending] = (result.exit_code, result.stdout.replace(str(folder), "PLAN"))

    assert outputs["crlf"] == outputs["lf"]
    assert "PLAN/plan.yaml:10:1: REF003 [warning] the plan keeps no change log" in outputs["lf"][1]
    assert "PLAN/plan.yaml:15:3: REF001 " in outputs["lf"][1]
