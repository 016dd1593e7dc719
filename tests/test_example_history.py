"""The examples' own history: 2025/26 reviewed against the targets it had.

examples/build-history.py commits each example plan as it stood from March
2025 (the plan for 2025/26) to today's. The plan in examples/ holds no
2025/26 targets any more (the plan for 2026/27 replaced them), so the annual
review of 2025/26 finds its targets only in the history: the ones in force on
1 April 2025, a target revised that autumn judged at its value on 1 April,
and one first set that autumn judged at the value it was set at.

Every expected status below is worked out by hand from the target, the
tolerance written in the plan and the year-end figure in the example's
monitoring data.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import RunCli
from plan_repo import git_env

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "examples" / "build-history.py"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def built(tmp_path: Path, example: str) -> Path:
    folder = tmp_path / example
    subprocess.run(
        [sys.executable, str(BUILD), example, str(folder)],
        env=git_env(),
        check=True,
        capture_output=True,
    )
    return folder / "plan.yaml"


def year_review(run_cli: RunCli, plan: Path, *more: str) -> dict[str, Any]:
    result = run_cli(
        "--as-of", "2026-11-26", "review", "--year", "2025/26", "--plan", plan, "-f", "json", *more
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def line(review: dict[str, Any], indicator: str) -> tuple[Any, Any, str]:
    found = next(item for item in review["indicators"] if item["id"] == indicator)
    return found["target"], found["actual"], found["status"]


def test_the_history_begins_in_march_2025_and_ends_with_the_plan_as_it_is(
    tmp_path: Path,
) -> None:
    plan = built(tmp_path, "community-safety")
    log = subprocess.run(
        ["git", "log", "--reverse", "--format=%ad %s", "--date=short"],
        cwd=plan.parent,
        env=git_env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert log[0] == "2025-03-20 Plan for 2025/26 agreed by the Partnership Board"
    assert log[1].startswith("2025-10-16 Quarter 2 review: CS-04")
    assert len(log) == 5
    example = ROOT / "examples" / "community-safety" / "plan.yaml"
    assert plan.read_bytes() == example.read_bytes()


def test_2025_26_is_judged_against_the_targets_it_had(tmp_path: Path, run_cli: RunCli) -> None:
    plan = built(tmp_path, "community-safety")
    now = year_review(run_cli, plan)
    then = year_review(run_cli, plan, "--history")

    # The plan as it is holds no 2025/26 targets.
    assert line(now, "CS-04") == (None, 68, "no_target")
    # Knife offences: 66 per 100,000 on 1 April 2025 (raised to 70 in October).
    # Lower is better, 5% tolerance: near target up to 66 x 1.05 = 69.3; 68 is near.
    assert line(then, "CS-04") == (66, 68, "amber")
    # Turnaround starts: first set at 100 on 16 October 2025. 104 >= 100: on target.
    assert line(then, "CS-17") == (100, 104, "green")
    # MARAC repeat referrals: 27%, higher is better, 2 points either side:
    # near target down to 25; 22 is off target.
    assert line(then, "CS-08") == (27, 22, "red")
    # Neighbourhood crime: 9.9 per 1,000, lower is better; 9.6 is on target.
    assert line(then, "CS-02") == (9.9, 9.6, "green")

    assert then["in_force"][:3] == [
        "Judged against the targets in force when each period began",
        "CS-04's target for 2025/26 is judged against 66, the target in force when the "
        "period began (later 70, and since removed from the plan)",
        "CS-17's target for 2025/26 was set in-year, on 16 October 2025, after its period "
        "began: judged against 100, the first value set; it has since been removed from "
        "the plan",
    ]
    assert then["in_force"][3].startswith(
        "The targets for 2025/26 of CS-02, CS-12, CS-13, CS-03, CS-05,"
    )
    # The plan now gives 2025/26 itself as CS-04's baseline; the year is
    # measured from the 2024/25 baseline the plan had: 75, down to 68.
    cs04 = next(item for item in then["indicators"] if item["id"] == "CS-04")
    assert (cs04["baseline"], cs04["baseline_period"]) == (75, "2024/25")
    assert cs04["against_baseline"] == "improving"
    assert then["in_force"][-1].startswith(
        "Baselines from before 2025/26, as the plan last had them (the plan now gives a "
        "baseline from 2025/26 or later): CS-01, CS-02,"
    )
    (revised,) = then["revisions"]
    assert revised.startswith(
        "CS-04's target for 2025/26 was revised from 66 to 70 on 16 October 2025, "
        "less ambitious: Quarter 2 review. CS-04 target for 2025/26 raised from 66 to 70"
    )


def test_the_health_example_has_its_2025_26_targets_too(tmp_path: Path, run_cli: RunCli) -> None:
    then = year_review(run_cli, built(tmp_path, "health-wellbeing"), "--history")
    # Emergency admissions aged 65+: 24,700 on 1 April 2025 (24,900 from September).
    # Lower is better, 3% tolerance: near target up to 24,700 x 1.03 = 25,441.
    assert line(then, "HW-12") == (24700, 24870, "amber")
    # Active Ravensmere starts: first set at 1,000 in September; 1,020 is on target.
    assert line(then, "HW-06") == (1000, 1020, "green")
    assert any(note.startswith("HW-12's target for 2025/26") for note in then["in_force"])
    assert [revision[:60] for revision in then["revisions"]] == [
        "HW-12's target for 2025/26 was revised from 24700 to 24900 o"
    ]


def history_script() -> ModuleType:
    """examples/build-history.py, loaded as a module to try its pieces on small plans."""
    spec = importlib.util.spec_from_file_location("build_history", BUILD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_history"] = module
    spec.loader.exec_module(module)
    return module


SMALL = (
    "partnership:\n"
    "  year_start: April\n"
    "indicators:\n"
    "  - id: HW-03\n"
    "    national_id: fingertips:92443\n"
    "    baseline:\n"
    "      period: 2025/26\n"
    "      value: 2050\n"
    "      numerator: 572\n"
    "      denominator: 27900\n"
    '      source: "QuitManager, April 2025 to March 2026 (572 quits)"\n'
    "  - id: HW-04\n"
    "    definition:\n"
    "      standardised: true\n"
    "    baseline: {period: 2025/26, value: 24.9, numerator: 10, denominator: 40,"
    " source: 'Active Lives, 2025; provisional'}\n"
    "    targets:\n"
    "      - {period: 2026/27, value: 24.0}\n"
    "actions:\n"
    "  - id: A1\n"
    "    indicators: [HW-01, HW-03, HW-04]\n"
)


def test_a_baseline_with_counts_goes_back_a_year_without_them() -> None:
    script = history_script()
    # A block baseline stays a block; a one-line baseline stays on one line.
    # The period and the source move a year earlier; the counts, the bracket
    # and the note after the semicolon belong to the later year and go.
    text = script._with_baseline(SMALL, "HW-03", "1890")
    text = script._with_baseline(text, "HW-04", "25.3")
    assert (
        "    baseline:\n"
        "      period: 2024/25\n"
        "      value: 1890\n"
        '      source: "QuitManager, April 2024 to March 2025"\n'
        "  - id: HW-04\n"
    ) in text
    assert '    baseline: {period: 2024/25, value: 25.3, source: "Active Lives, 2024"}\n' in text
    assert "numerator" not in text
    assert "national_id: fingertips:92443\n" in text
    assert "standardised: true\n" in text


def test_a_target_put_back_goes_after_a_block_baseline() -> None:
    script = history_script()
    text = script._with_targets(SMALL, "HW-03", ("{period: 2025/26, value: 2200}",))
    assert (
        '      source: "QuitManager, April 2025 to March 2026 (572 quits)"\n'
        "    targets:\n"
        "      - {period: 2025/26, value: 2200}\n"
        "  - id: HW-04\n"
    ) in text


def test_an_indicator_taken_out_leaves_the_lists_it_was_in() -> None:
    script = history_script()
    assert "    indicators: [HW-01, HW-04]\n" in script._without_indicator(SMALL, "HW-03")
    assert "    indicators: [HW-01, HW-03]\n" in script._without_indicator(SMALL, "HW-04")


def test_a_baseline_for_a_year_not_yet_begun_stops_the_build() -> None:
    script = history_script()
    # 2025/26 begins on 1 April 2025: a plan of 20 March 2025 cannot have it
    # as a baseline, so an indicator the history does not place stops the build.
    with pytest.raises(SystemExit) as stopped:
        script._check_baselines(SMALL, "2025-03-20")
    assert "in the plan of 2025-03-20, HW-03's baseline is for 2025/26" in str(stopped.value)
    script._check_baselines(SMALL, "2025-04-01")


def test_cs_25_comes_in_with_the_plan_for_2026_27(tmp_path: Path, run_cli: RunCli) -> None:
    plan = built(tmp_path, "community-safety")

    def version(revision: str) -> str:
        return subprocess.run(
            ["git", "show", f"{revision}:plan.yaml"],
            cwd=plan.parent,
            env=git_env(),
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    assert "  - id: CS-25\n" not in version("HEAD~3")  # the autumn 2025 review
    agreed = version("HEAD~2")  # the plan for 2026/27, 19 March 2026
    assert "CS-25 (deliberate secondary\n" in agreed
    assert "    baseline: {period: 2024/25, value: 201, source: " in agreed
    assert "    baseline: {period: 2025/26, value: 189, source: " in version("HEAD~1")

    # 2025/26 had no target for CS-25. Its months add up to 22 + 25 + 17 + 34
    # + 27 + 12 + 14 + 15 + 5 + 4 + 5 + 9 = 189 fires; lower is better, so
    # against the 201 of 2024/25 the plan had before May 2026 it is improving.
    then = year_review(run_cli, plan, "--history")
    cs25 = next(item for item in then["indicators"] if item["id"] == "CS-25")
    assert (cs25["target"], cs25["actual"], cs25["status"]) == (None, 189, "no_target")
    assert (cs25["baseline"], cs25["baseline_period"]) == (201, "2024/25")
    assert cs25["against_baseline"] == "improving"
