"""Documentation generated from the code must match the code."""

from __future__ import annotations

from pathlib import Path

from pmkit.rules.reference import reference_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_rules_reference_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == reference_markdown(), (
        "docs/rules.md is out of date: run `uv run pmkit rules --format markdown -o docs/rules.md`"
    )
