"""Golden files: outputs compared with the committed copy, rewritten only when asked."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_VARIABLE = "PMKIT_UPDATE_GOLDEN"
UPDATE_COMMAND = f"{UPDATE_VARIABLE}=1 uv run pytest tests"


def check_golden(name: str, actual: str) -> None:
    """Compare ``actual`` with ``tests/golden/NAME``, or rewrite it when asked to.

    With ``PMKIT_UPDATE_GOLDEN=1`` the file is written and the check passes;
    otherwise a missing or different file fails, showing the difference.
    """
    path = GOLDEN / name
    shown = path.relative_to(ROOT).as_posix()
    if os.environ.get(UPDATE_VARIABLE, "") not in ("", "0"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(f"{shown} does not exist: run `{UPDATE_COMMAND}` to write it", pytrace=False)
    expected = path.read_bytes().decode("utf-8")
    if actual == expected:
        return
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=shown,
            tofile="actual output",
        )
    )
    pytest.fail(
        f"the output differs from {shown}. If the change is intended, run "
        f"`{UPDATE_COMMAND}` and review the golden file's diff before committing.\n{diff}",
        pytrace=False,
    )
