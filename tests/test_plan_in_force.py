"""Each period judged against the targets it started with, read from the plan's history."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import RunCli
from pmkit.model.plan import Plan
from pmkit.monitoring.workspace import open_workspace
from pmkit.periods import Calendar
from pmkit.plan_history.in_force import plan_in_force
from pmkit.plan_history.versions import history_of_texts

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety"
APRIL = Calendar(4)
NOW = (EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
CUT = ("{period: 2026/27, value: 28.0}", "{period: 2026/27, value: 26.0}")


def target(plan: Plan, indicator: str, period: str) -> Decimal | None:
    found = next(i for i in plan.indicators if i.id == indicator)
    return next((t.value for t in found.targets if t.period.label == period), None)


def current(tmp_path: Path) -> Plan:
    (tmp_path / "plan.yaml").write_text(NOW, encoding="utf-8")
    return open_workspace(tmp_path / "plan.yaml", as_of=date(2026, 11, 26)).plan


def test_a_target_cut_mid_year_is_judged_at_its_value_when_the_year_began(
    tmp_path: Path,
) -> None:
    before = NOW.replace(CUT[1], CUT[0], 1)
    history = history_of_texts([(date(2026, 3, 19), before), (date(2026, 7, 16), NOW)])
    plan, notes = plan_in_force(current(tmp_path), history, APRIL.year(2026))
    assert target(plan, "CS-08", "2026/27") == Decimal("28.0")
    assert notes == [
        "CS-08's target for 2026/27 is judged against 28.0, the target in force when the "
        "period began (now 26.0)"
    ]
    # A target for another year, and every other target, stays as the plan has it now.
    assert target(plan, "CS-08", "2027/28") == Decimal("28.0")
    assert target(plan, "CS-07", "2026/27") == Decimal("32.5")


def test_a_target_first_set_after_its_period_began_says_so(tmp_path: Path) -> None:
    # CS-08's 2026/27 target did not exist until July.
    start = NOW.index("      - {period: 2026/27, value: 26.0}")
    end = NOW.index("\n", start) + 1
    without = NOW[:start] + NOW[end:]
    history = history_of_texts([(date(2026, 3, 19), without), (date(2026, 7, 16), NOW)])
    plan, notes = plan_in_force(current(tmp_path), history, APRIL.year(2026))
    assert target(plan, "CS-08", "2026/27") == Decimal("26.0")
    assert notes == [
        "CS-08's target for 2026/27 was set in-year, on 16 July 2026, after its period "
        "began: judged against 26.0, the first value set"
    ]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_review_with_history_judges_against_the_targets_of_the_time(
    tmp_path: Path, run_cli: RunCli
) -> None:
    folder = tmp_path / "kestermoor"
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "build-history.py"), "community-safety", folder],
        check=True,
        capture_output=True,
    )
    plan = folder / "plan.yaml"
    args = ("--as-of", "2026-11-26", "review", "--period", "2026/27 Q2", "--plan", plan)
    now = run_cli(*args, "-f", "json")
    then = run_cli(*args, "--history", "-f", "json")
    assert now.exit_code == 0 and then.exit_code == 0, then.output

    cs08_now = next(i for i in json.loads(now.stdout)["indicators"] if i["id"] == "CS-08")
    cs08_then = next(i for i in json.loads(then.stdout)["indicators"] if i["id"] == "CS-08")
    assert (cs08_now["target"], cs08_then["target"]) == (26, 28)
    # CS-08 was cut in July; CS-18 was added with its target in May, after 1 April.
    assert json.loads(then.stdout)["in_force"] == [
        "Judged against the targets in force when each period began",
        "CS-08's target for 2026/27 is judged against 28.0, the target in force when the "
        "period began (now 26.0)",
        "CS-18's target for 2026/27 was set in-year, on 21 May 2026, after its period "
        "began: judged against 95, the first value set",
    ]
    shown = run_cli(*args, "--history")
    assert "Judged against the targets in force when each period began" in shown.stdout


def test_without_git_the_review_says_the_history_could_not_be_read(
    tmp_path: Path, run_cli: RunCli
) -> None:
    (tmp_path / "plan.yaml").write_text(NOW, encoding="utf-8")
    result = run_cli(
        "--as-of", "2026-11-26", "review", "--period", "2026/27 Q2",
        "--plan", tmp_path / "plan.yaml", "--history",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "the plan's history could not be read" in result.stdout
    assert "judged against the plan's current targets" in result.stdout


def small(*indicators: str, extra: str = "") -> str:
    """A small plan holding ``indicators``, each written as its YAML block."""
    return (
        "format_version: 1\n"
        f"partnership:\n  name: Riverside CSP\n{extra}"
        "indicators:\n" + "".join(indicators)
    )


def indicator(key: str, *targets: str, more: str = "") -> str:
    lines = "".join(
        f"      - {{period: {t.split('=')[0]}, value: {t.split('=')[1]}}}\n" for t in targets
    )
    return f"  - id: {key}\n    polarity: lower\n{more}" + (
        f"    targets:\n{lines}" if lines else ""
    )


def plan_of(text: str, tmp_path: Path) -> Plan:
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    return open_workspace(tmp_path / "plan.yaml", as_of=date(2026, 11, 26)).plan


def test_a_target_since_removed_is_put_back_for_its_period(tmp_path: Path) -> None:
    history = history_of_texts(
        [
            (date(2025, 3, 20), small(indicator("CS-02", "2025/26=9.9"))),
            (date(2026, 3, 19), small(indicator("CS-02", "2026/27=9.2"))),
        ]
    )
    now = plan_of(small(indicator("CS-02", "2026/27=9.2")), tmp_path)
    plan, notes = plan_in_force(now, history, APRIL.year(2025))
    assert target(plan, "CS-02", "2025/26") == Decimal("9.9")
    assert target(plan, "CS-02", "2026/27") == Decimal("9.2")
    assert notes == [
        "The target for 2025/26 of CS-02 has since been removed from the plan: judged "
        "against it as it stood when the period began"
    ]
    # The year the working copy's targets are for is left as it is, without a note.
    plan, notes = plan_in_force(now, history, APRIL.year(2026))
    assert (target(plan, "CS-02", "2025/26"), notes) == (None, [])


def test_an_indicator_removed_after_the_year_began_is_still_reviewed(tmp_path: Path) -> None:
    both = small(indicator("CS-02", "2025/26=9.9"), indicator("CS-13", "2025/26=14.6"))
    history = history_of_texts(
        [
            (date(2025, 3, 20), both),
            (date(2025, 10, 16), small(indicator("CS-02", "2025/26=9.9"))),
        ]
    )
    now = plan_of(small(indicator("CS-02", "2025/26=9.9")), tmp_path)
    plan, notes = plan_in_force(now, history, APRIL.year(2025))
    assert [i.id for i in plan.indicators] == ["CS-02", "CS-13"]
    assert target(plan, "CS-13", "2025/26") == Decimal("14.6")
    assert notes[0] == (
        "CS-13 was removed from the plan on 16 October 2025, after 2025/26 began: it is "
        "reviewed as the plan last held it"
    )
    # Removed before 2026/27 began, it has no place in that year's review.
    plan, _ = plan_in_force(now, history, APRIL.year(2026))
    assert [i.id for i in plan.indicators] == ["CS-02"]


def test_an_older_version_with_fields_since_renamed_does_not_stop_the_review(
    tmp_path: Path,
) -> None:
    # The 2025 plan has a field this version of pmkit does not know, and an
    # older spelling of the tolerance; its targets are still read.
    older = small(
        indicator("CS-02", "2025/26=9.9", more="    tolerence: 5%\n    rag_rule: strict\n"),
        extra="  board_chair: Cllr Okafor\n",
    )
    history = history_of_texts(
        [(date(2025, 3, 20), older), (date(2026, 3, 19), small(indicator("CS-02", "2026/27=9.2")))]
    )
    now = plan_of(small(indicator("CS-02", "2026/27=9.2")), tmp_path)
    plan, _ = plan_in_force(now, history, APRIL.year(2025))
    assert target(plan, "CS-02", "2025/26") == Decimal("9.9")


def test_a_history_that_begins_after_the_period_began_says_the_target_cannot_be_found(
    tmp_path: Path,
) -> None:
    # The plan was first committed in May 2026, after 2026/27 began: its target
    # then is the first one known, not one "set in-year".
    history = history_of_texts([(date(2026, 5, 21), small(indicator("CS-02", "2026/27=9.2")))])
    now = plan_of(small(indicator("CS-02", "2026/27=9.2")), tmp_path)
    plan, notes = plan_in_force(now, history, APRIL.year(2026))
    assert target(plan, "CS-02", "2026/27") == Decimal("9.2")
    assert notes == [
        "CS-02's target for 2026/27 in force when the period began cannot be found: the "
        "plan's history begins on 21 May 2026, after the period began, so it is judged "
        "against 9.2, the first value committed"
    ]


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
