"""The reviews of both example partnerships, as a board would receive them (golden files).

The examples carry six quarters of illustrative monitoring data; the reviews
are rendered as of 26 November 2026, for 2026/27 Q2 and for the year 2025/26.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest

from goldens import ROOT, check_golden

if TYPE_CHECKING:
    from conftest import RunCli

EXAMPLES = ("community-safety", "health-wellbeing")
AS_OF = "2026-11-26"


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_quarterly_review_in_markdown(example: str, run_cli: RunCli) -> None:
    plan = ROOT / "examples" / example / "plan.yaml"

    result = run_cli("--as-of", AS_OF, "review", "--quarter", "2026/27 Q2", "--plan", plan)

    assert result.exit_code == 0, result.output
    check_golden(f"{example}.review-2026-27-Q2.md", result.stdout)
    headings = re.findall(r"^## (.+)$", result.stdout, flags=re.MULTILINE)
    assert headings[:2] == ["Summary", "Exceptions needing remedial action"]


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_quarterly_review_in_json(example: str, run_cli: RunCli) -> None:
    plan = ROOT / "examples" / example / "plan.yaml"

    result = run_cli(
        "--as-of", AS_OF, "review", "-f", "json", "--quarter", "2026/27 Q2", "--plan", plan
    )

    assert result.exit_code == 0, result.output
    check_golden(f"{example}.review-2026-27-Q2.json", result.stdout)
    review = json.loads(result.stdout)
    assert review["period"] == "2026/27 Q2"
    for indicator in review["indicators"]:
        assert {"id", "title", "actual", "target", "polarity", "status", "direction"} <= set(
            indicator
        )
    statuses = {indicator["status"] for indicator in review["indicators"]}
    assert "red" in statuses, "the examples' story has indicators off target"


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_annual_review(example: str, run_cli: RunCli) -> None:
    plan = ROOT / "examples" / example / "plan.yaml"

    result = run_cli("--as-of", AS_OF, "review", "--year", "2025/26", "--plan", plan)

    assert result.exit_code == 0, result.output
    check_golden(f"{example}.review-2025-26.md", result.stdout)
    assert "## How the partnership is working: self-assessment" in result.stdout


def test_fail_on_red_for_ci(run_cli: RunCli) -> None:
    plan = ROOT / "examples" / "community-safety" / "plan.yaml"

    result = run_cli("--as-of", AS_OF, "review", "--fail-on", "red", "--plan", plan)

    assert result.exit_code == 1
