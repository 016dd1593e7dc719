"""docs/ci.md shows what pmkit prints: its example is the first-draft plan, checked here."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
FIRST_DRAFT = ROOT / "examples" / "first-draft" / "plan.yaml"
AS_OF = "2026-11-26"


def test_the_baseline_example_counts_the_first_drafts_findings(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = re.findall(
        r"^wrote \.pmkit-baseline\.json: .*$", (ROOT / "docs" / "ci.md").read_text("utf-8"), re.M
    )
    shutil.copy(FIRST_DRAFT, tmp_path / "plan.yaml")
    monkeypatch.chdir(tmp_path)

    result = run_cli("--as-of", AS_OF, "baseline", "plan.yaml")

    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote .pmkit-baseline.json: 118 findings recorded\n"
    assert shown == [result.stdout.rstrip("\n")]
