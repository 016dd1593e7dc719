"""Outputs are written all at once: a full disk or a read-only folder never costs a file.

Every file pmkit writes at a user's request (``-o`` of validate, review,
schema and rules; init; baseline; returns) goes through one helper that
writes a temporary file beside the target, flushes it, and renames it over
the target. Here the disk fills (an injected ENOSPC) at the write or at the
flush, and each command must say ``pmkit: cannot write FILE: reason``, exit 2,
and leave the old file as it was with no temporary file beside it.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pmkit.outputs import OutputError, write_output

if TYPE_CHECKING:
    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety"
AS_OF = "2026-11-26"
QUARTER = "2026/27 Q2"
OLD = b"the old file, which must survive\n"
FULL = os.strerror(errno.ENOSPC)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "repo")
    return tmp_path / "repo" / "plan.yaml"


def disk_full(monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """Make ``os.write`` or ``os.fsync`` fail as on a full disk."""

    def full(descriptor: int, *args: Any) -> Any:
        raise OSError(errno.ENOSPC, FULL)

    monkeypatch.setattr(os, where, full)


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


COMMANDS = {
    "review": lambda plan, out: [
        "review", "--quarter", QUARTER, "--plan", plan, "-o", out],
    "review-html": lambda plan, out: [
        "review", "--quarter", QUARTER, "--plan", plan, "-f", "html", "-o", out],
    "validate": lambda plan, out: ["validate", plan, "-f", "json", "-o", out],
    "schema": lambda plan, out: ["schema", "-o", out],
    "rules": lambda plan, out: ["rules", "--format", "markdown", "-o", out],
    "baseline": lambda plan, out: ["baseline", plan, "-o", out],
    "returns-xlsx": lambda plan, out: [
        "returns", "generate", "--partner", "police", "--period", QUARTER, "--force",
        "--plan", plan, "-o", out],
    "returns-csv": lambda plan, out: [
        "returns", "generate", "--partner", "police", "--period", QUARTER, "--force",
        "-f", "csv", "--plan", plan, "-o", out],
}  # fmt: skip


@pytest.mark.parametrize("where", ["write", "fsync"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_full_disk_leaves_the_old_output_intact(
    plan: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, command: str, where: str
) -> None:
    out_folder = plan.parent.parent / "out"
    out_folder.mkdir()
    out = out_folder / "output.file"
    out.write_bytes(OLD)
    args = COMMANDS[command](plan, out)
    disk_full(monkeypatch, where)
    result = run_cli("--as-of", AS_OF, *args)
    assert result.exit_code == 2, result.output
    assert result.output == f"pmkit: cannot write {out}: {FULL}\n"
    assert out.read_bytes() == OLD
    assert leftovers(out_folder) == []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_output_is_written_when_the_disk_has_room(
    plan: Path, run_cli: RunCli, tmp_path: Path, command: str
) -> None:
    out = tmp_path / "output.file"
    out.write_bytes(OLD)
    result = run_cli("--as-of", AS_OF, *COMMANDS[command](plan, out))
    assert result.exit_code in (0, 1), result.output
    assert out.read_bytes() != OLD
    assert out.stat().st_size > 40
    assert leftovers(tmp_path) == []


def test_init_on_a_full_disk_leaves_nothing_that_blocks_a_rerun(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "new"
    disk_full(monkeypatch, "fsync")
    result = run_cli("init", folder)
    assert result.exit_code == 2, result.output
    assert result.output == f"pmkit: cannot write {folder / 'plan.yaml'}: {FULL}\n"
    assert [path for path in folder.rglob("*") if path.is_file()] == []
    monkeypatch.undo()
    result = run_cli("init", folder)
    assert result.exit_code == 0, result.output
    assert (folder / "plan.yaml").stat().st_size > 1000


def test_init_takes_back_the_files_it_wrote_when_a_later_one_fails(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "new"
    real = os.fsync
    calls = []

    def second_fails(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) >= 3:  # plan.yaml's file and folder flushes succeed, then the disk is full
            raise OSError(errno.ENOSPC, FULL)
        real(descriptor)

    monkeypatch.setattr(os, "fsync", second_fails)
    result = run_cli("init", folder)
    assert result.exit_code == 2, result.output
    assert "cannot write" in result.output
    assert [path for path in folder.rglob("*") if path.is_file()] == []


def test_generate_all_into_an_unwritable_folder_is_a_clear_error(
    plan: Path, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    real = os.open

    def refused(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".tmp"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refused)
    result = run_cli(
        "--as-of", AS_OF, "returns", "generate", "--all", "--period", QUARTER,
        "--plan", plan, "-o", folder,
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert result.output.startswith("pmkit: cannot write ")
    assert os.strerror(errno.EACCES) in result.output
    assert "internal error" not in result.output
    assert list(folder.iterdir()) == []


def test_generate_all_where_the_folder_cannot_be_made(
    plan: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    blocker = tmp_path / "returns"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    result = run_cli(
        "--as-of", AS_OF, "returns", "generate", "--all", "--period", QUARTER,
        "--plan", plan, "-o", blocker / "q2",
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"pmkit: cannot write {blocker / 'q2'}: ")


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_an_output_is_never_written_through_a_symbolic_link(
    run_cli: RunCli, tmp_path: Path
) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_bytes(OLD)
    link = tmp_path / "schema.json"
    link.symlink_to(precious)
    result = run_cli("schema", "-o", link)
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"pmkit: cannot write {link}: it is a symbolic link, and pmkit does not write through one\n"
    )
    assert precious.read_bytes() == OLD
    assert link.is_symlink()


# -- the helper ---------------------------------------------------------------------------


def test_write_output_keeps_the_mode_and_replaces_the_content(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_bytes(OLD)
    target.chmod(0o640)
    write_output(target, "new\n")
    assert target.read_bytes() == b"new\n"
    if sys.platform != "win32":
        assert target.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path) == []


def test_write_output_without_overwrite_leaves_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(OLD)
    with pytest.raises(OutputError) as caught:
        write_output(target, "new\n", overwrite=False)
    assert str(caught.value) == f"cannot write {target}: it already exists"
    assert target.read_bytes() == OLD
    fresh = tmp_path / "fresh.yaml"
    write_output(fresh, b"bytes\n", overwrite=False)
    assert fresh.read_bytes() == b"bytes\n"
    assert leftovers(tmp_path) == []


def test_write_output_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        write_output(tmp_path, "x")
    assert str(caught.value) == f"cannot write {tmp_path}: it is not a regular file"


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
