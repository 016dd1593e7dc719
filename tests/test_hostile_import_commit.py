"""An import that changes two files changes both or neither, whenever it is killed.

The council's 2026/27 Q4 return carries a yearly figure (CS-19, for the year's
file) and a quarterly one (CS-20, for the quarter's file). The importing
process is killed at each rename in turn: before the journal is in place,
after the first file is replaced, after the second. Whatever the moment, the
next write leaves both files old or both new, and no temporary file behind.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from ruamel.yaml import YAML

from pmkit.monitoring.journal import JOURNAL

if TYPE_CHECKING:
    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = "2027-05-15"
OFFICER = "Performance officer"
TIMEOUT = 120

DYING_IMPORTER = textwrap.dedent(
    """
    import os, signal, sys

    import pmkit.monitoring.journal as journal

    KILL_AT = int(sys.argv[1])
    real_rename = journal._rename
    calls = []

    def dying_rename(source, target):
        calls.append(target)
        if len(calls) == KILL_AT:
            os.kill(os.getpid(), signal.SIGKILL)
        real_rename(source, target)

    journal._rename = dying_rename
    from pmkit.cli import main

    sys.argv = ["pmkit", *sys.argv[2:]]
    main()
    """
)


def council_return(run_cli: RunCli, folder: Path) -> tuple[Path, Path]:
    """The plan, and the council's Q4 return with CS-19 (yearly) and CS-20 (quarterly) filled."""
    plan = folder / "plan.yaml"
    plan.write_bytes(EXAMPLE.read_bytes())
    path = folder / "council-2026-27-Q4.csv"
    result = run_cli(
        "--as-of", AS_OF, "returns", "generate", "--partner", "council", "-f", "csv",
        "-o", path, "--plan", plan,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with path.open(encoding="utf-8-sig", newline="") as handle:
        grid = list(csv.reader(handle))
    value = grid[5].index("Value")
    for row in grid:
        if row[:2] == ["figure", "CS-19"]:
            row[value] = "3"
        elif row[:2] == ["figure", "CS-20"]:
            row[value] = "97"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(grid)
    return plan, path


def figures(path: Path) -> Any:
    if not path.exists():
        return None
    return YAML(typ="safe").load(path.read_text("utf-8"))["figures"]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name == JOURNAL)


@pytest.mark.parametrize(
    ("kill_at", "committed"),
    [(1, False), (2, True), (3, True)],
    ids=["before the journal", "after the journal", "between the two files"],
)
def test_an_import_killed_at_any_rename_leaves_both_files_or_neither(
    tmp_path: Path, run_cli: RunCli, kill_at: int, committed: bool
) -> None:
    plan, council = council_return(run_cli, tmp_path)
    folder = tmp_path / "monitoring"
    year, quarter = folder / "2026-27.yaml", folder / "2026-27-Q4.yaml"

    killed = subprocess.run(
        [
            sys.executable, "-c", DYING_IMPORTER, str(kill_at), "--as-of", AS_OF,
            "returns", "import", str(council), "--plan", str(plan), "--by", OFFICER,
        ],
        capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip

    assert killed.returncode == -9, (killed.returncode, killed.stderr)
    if committed:
        journal = json.loads((folder / JOURNAL).read_text("utf-8"))
        assert [entry["file"] for entry in journal["renames"]] == [year.name, quarter.name]
    else:
        assert not (folder / JOURNAL).exists()
        assert not year.exists() and not quarter.exists()
    assert kill_at != 3 or (figures(year) is not None and not quarter.exists())

    # The next write, of anything, first finishes or clears what the killed one left.
    after = run_cli(
        "--as-of", AS_OF, "record", "figure", "CS-01", "88.2", "--period", "2026/27 Q3",
        "--plan", plan, "--by", OFFICER,
    )  # fmt: skip

    assert after.exit_code == 0, after.output
    assert leftovers(folder) == []
    if committed:
        assert figures(year)["CS-19"]["2026/27"]["value"] == 3
        assert figures(quarter)["CS-20"]["2026/27 Q4"]["value"] == 97
    else:
        assert not year.exists() and not quarter.exists()
    checked = run_cli("--as-of", AS_OF, "validate", plan)
    assert "2026-27" not in checked.output, checked.output


def test_an_import_that_is_not_killed_leaves_no_journal(tmp_path: Path, run_cli: RunCli) -> None:
    plan, council = council_return(run_cli, tmp_path)

    result = run_cli(
        "--as-of", AS_OF, "returns", "import", council, "--plan", plan, "--by", OFFICER
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    assert "wrote 2026-27.yaml, 2026-27-Q4.yaml" in result.output
    folder = tmp_path / "monitoring"
    assert leftovers(folder) == []
    assert figures(folder / "2026-27.yaml")["CS-19"]["2026/27"]["value"] == 3
    assert figures(folder / "2026-27-Q4.yaml")["CS-20"]["2026/27 Q4"]["value"] == 97


def test_a_journal_naming_files_outside_the_folder_is_refused(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan, council = council_return(run_cli, tmp_path)
    folder = tmp_path / "monitoring"
    folder.mkdir()
    renames = [{"temporary": "../../plan.yaml", "file": "../plan.yaml"}]
    (folder / JOURNAL).write_text(json.dumps({"format": 1, "renames": renames}), "utf-8")
    before = plan.read_bytes()

    result = run_cli(
        "--as-of", AS_OF, "returns", "import", council, "--plan", plan, "--by", OFFICER
    )  # fmt: skip

    assert result.exit_code == 2, result.output
    assert f"{folder / JOURNAL} names files pmkit does not write: remove it" in result.output
    assert plan.read_bytes() == before


def test_a_full_disk_while_writing_the_journal_changes_nothing(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    plan, council = council_return(run_cli, tmp_path)

    def no_space(path: Path, text: str) -> Path:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("pmkit.monitoring.journal.write_temporary", no_space)

    result = run_cli(
        "--as-of", AS_OF, "returns", "import", council, "--plan", plan, "--by", OFFICER
    )  # fmt: skip

    folder = tmp_path / "monitoring"
    assert result.exit_code == 2, result.output
    assert f"nothing imported: cannot write {folder / JOURNAL}: No space left on device" in (
        result.output
    )
    assert leftovers(folder) == []
    assert not (folder / "2026-27.yaml").exists()
    assert not (folder / "2026-27-Q4.yaml").exists()


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
