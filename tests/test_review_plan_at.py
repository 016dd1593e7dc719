"""``pmkit review --plan-at``: judged against the plan as it stood at a commit, tag or date.

The repository is the community-safety example's history, built by
examples/build-history.py. Every expected status is worked out by hand from
the target of the version named, the plan's tolerance and the example's
figures.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from plan_repo import git, git_env

if TYPE_CHECKING:
    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plan-at") / "kestermoor"
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "build-history.py"), "community-safety", folder],
        env=git_env(),
        check=True,
        capture_output=True,
    )
    # The plan for 2026/27 as agreed, before the Quarter 1 review cut CS-08's target.
    git(folder, "tag", "agreed-2026-27", "HEAD~2")
    return folder / "plan.yaml"


def review(run_cli: RunCli, plan: Path, *options: str) -> tuple[int, str]:
    result = run_cli("--as-of", "2026-11-26", "review", "--plan", plan, *options)
    return result.exit_code, result.output


def judged(run_cli: RunCli, plan: Path, *options: str) -> dict[str, Any]:
    code, output = review(run_cli, plan, *options, "-f", "json")
    assert code == 0, output
    found: dict[str, Any] = json.loads(output)
    return found


def line(review: dict[str, Any], indicator: str) -> tuple[Any, str] | None:
    found = [item for item in review["indicators"] if item["id"] == indicator]
    return (found[0]["target"], found[0]["status"]) if found else None


def test_a_year_judged_against_the_plan_at_a_date(plan: Path, run_cli: RunCli) -> None:
    # On 1 April 2025 the plan was March 2025's: CS-04 aimed at 66 per 100,000.
    # Lower is better, 5% tolerance: 68 is within 66 x 1.05 = 69.3, near target.
    # CS-17 had no target yet; CS-25 (added in March 2026) and CS-18 (added in
    # May 2026) were not in the plan, named in the plan's order.
    april = judged(run_cli, plan, "--year", "2025/26", "--plan-at", "01/04/2025")
    assert line(april, "CS-04") == (66, "amber")
    assert line(april, "CS-17") == (None, "no_target")
    assert line(april, "CS-18") is None
    assert line(april, "CS-25") is None
    assert april["in_force"][0].startswith("Judged against the plan as it stood at 01/04/2025 (")
    assert april["in_force"][0].endswith(
        " of 20 March 2025): its indicators and targets, not the working copy's"
    )
    assert april["in_force"][1] == "Not yet in the plan then, so not reviewed: CS-25, CS-18"

    # After the October 2025 review CS-04 aimed at 70: 68 is on target; CS-17 at
    # 100, and 104 children started: on target.
    october = judged(run_cli, plan, "--year", "2025/26", "--plan-at", "2025-10-16")
    assert line(october, "CS-04") == (70, "green")
    assert line(october, "CS-17") == (100, "green")


def test_a_quarter_judged_against_the_plan_at_a_tag(plan: Path, run_cli: RunCli) -> None:
    now = judged(run_cli, plan, "--period", "2026/27 Q2")
    tagged = judged(run_cli, plan, "--period", "2026/27 Q2", "--plan-at", "agreed-2026-27")
    # CS-08's 2026/27 target was 28% until the July review cut it to 26%.
    assert (line(now, "CS-08") or (None,))[0] == 26
    assert (line(tagged, "CS-08") or (None,))[0] == 28
    assert "agreed-2026-27 (" in tagged["in_force"][0]
    code, shown = review(run_cli, plan, "--period", "2026/27 Q2", "--plan-at", "agreed-2026-27")
    assert code == 0
    assert "From the plan's history:" in shown


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("--upload-pack=touch owned", "starts with '-'"),
        ("-o", "starts with '-'"),
        ("HEAD~1..HEAD", "'..'"),
        ("HEAD:plan.yaml", "':'"),
        ("../plan.yaml", "'..'"),
        ("examples/plan.yaml", "names no commit, tag or branch"),
        ("no-such-tag", "names no commit, tag or branch"),
        ("31/02/2026", "February 2026 has no day 31"),
        ("2024-01-01", "had not been committed by 1 January 2024"),
    ],
)
def test_a_revision_that_is_unsafe_or_names_nothing_is_refused(
    plan: Path, run_cli: RunCli, given: str, said: str
) -> None:
    code, output = review(run_cli, plan, "--period", "2026/27 Q2", f"--plan-at={given}")
    assert code == 2
    assert output.startswith("pmkit: --plan-at: ")
    assert said in output
    assert len(output.strip().splitlines()) == 1
    assert not (plan.parent / "owned").exists()


def test_plan_at_and_history_together_are_refused(plan: Path, run_cli: RunCli) -> None:
    code, output = review(run_cli, plan, "--year", "2025/26", "--history", "--plan-at", "HEAD")
    assert code == 2
    assert "use --history or --plan-at, not both" in output


def test_without_a_repository_the_review_says_the_plan_at_could_not_be_found(
    tmp_path: Path, run_cli: RunCli
) -> None:
    shutil.copy(EXAMPLE / "plan.yaml", tmp_path / "plan.yaml")
    shutil.copytree(EXAMPLE / "monitoring", tmp_path / "monitoring")
    found = judged(run_cli, tmp_path / "plan.yaml", "--period", "2026/27 Q2", "--plan-at", "v1")
    (note,) = found["in_force"]
    assert note.startswith("the plan's history could not be read (")
    assert "not in a git repository" in note
    assert note.endswith(
        "so the plan as it stood at v1 could not be found: figures are judged against the "
        "plan's current targets"
    )
    # CS-08 is judged against the working copy's 26%, not "No target".
    assert (line(found, "CS-08") or (None,))[0] == 26


@pytest.mark.parametrize("option", [("--history",), ("--plan-at", "agreed-2026-27")])
def test_a_shallow_clone_or_no_git_is_said_in_the_review(
    plan: Path,
    tmp_path: Path,
    run_cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    option: tuple[str, ...],
) -> None:
    git(tmp_path, "clone", "--quiet", "--depth", "1", plan.parent.as_uri(), "shallow")
    shallow = judged(run_cli, tmp_path / "shallow" / "plan.yaml", "--year", "2025/26", *option)
    (note,) = shallow["in_force"]
    assert "this clone is shallow" in note
    assert note.endswith("figures are judged against the plan's current targets")

    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    missing = judged(run_cli, plan, "--year", "2025/26", *option)
    (note,) = missing["in_force"]
    assert "git is not installed" in note
