"""`pmkit validate --history`: targets eased in-year must be explained in the change log."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from goldens import ROOT
from plan_repo import PlanRepo, git_env

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import RunCli


def plan(value: str, log: str = "") -> str:
    """A small plan whose CS-08 (higher is better) aims at ``value`` in 2026/27."""
    return (
        "format_version: 1\n"
        "partnership:\n"
        "  name: Riverside CSP\n"
        f"  change_log: [{{date: 2026-03-19, change: Plan agreed}}{log}]\n"
        "indicators:\n"
        "  - id: CS-08\n"
        "    polarity: higher\n"
        "    unit: percentage\n"
        "    targets:\n"
        f"      - {{period: 2026/27, value: {value}}}\n"
    )


@pytest.fixture
def repo(tmp_path: Path) -> PlanRepo:
    made = PlanRepo(tmp_path / "riverside")
    made.commit(plan("28.0"), "2026-03-19", "Plan agreed", tag="agreed")
    return made


def validate(run_cli: RunCli, repo: PlanRepo, *options: str) -> list[str]:
    result = run_cli("--as-of", "2026-11-26", "validate", repo.plan, *options, "-f", "json")

    return [
        f"{f['line']}:{f['code']}:{f['severity']}:{f['message']}"
        for f in json.loads(result.stdout)["findings"]
        if f["code"] == "ACC005"
    ]


def test_a_target_eased_in_year_without_an_entry_is_a_warning(
    repo: PlanRepo, run_cli: RunCli
) -> None:
    repo.commit(plan("26.0"), "2026-07-16", "Q1 review")

    found = validate(run_cli, repo, "--history")
    without_history = validate(run_cli, repo)

    assert found == [
        "10:ACC005:warning:indicator CS-08's target for 2026/27 was made less ambitious after "
        "the period began (28.0% → 26.0% on 16 July 2026), and no change_log entry names "
        "CS-08: record under partnership.change_log when and why it was revised, and on "
        "whose decision"
    ]
    assert without_history == []


def test_an_entry_naming_the_indicator_explains_it(repo: PlanRepo, run_cli: RunCli) -> None:
    repo.commit(
        plan("26.0", ", {date: 2026-07-16, change: CS-08 lowered after the MARAC audit}"),
        "2026-07-16",
    )

    assert validate(run_cli, repo, "--history") == []


def test_an_uncommitted_easing_is_judged_as_of_today(repo: PlanRepo, run_cli: RunCli) -> None:
    repo.plan.write_text(plan("25.0"), encoding="utf-8")

    (found,) = validate(run_cli, repo, "--history")

    assert "(28.0% → 25.0% on 26 November 2026)" in found


def test_a_more_ambitious_revision_or_one_before_the_year_began_is_fine(
    repo: PlanRepo, run_cli: RunCli
) -> None:
    repo.commit(plan("27.0"), "2026-03-30", "Eased before the year began")
    repo.commit(plan("29.0"), "2026-07-16", "Raised at Q1")

    assert validate(run_cli, repo, "--history") == []


def test_with_a_base_only_what_came_after_it_is_judged(repo: PlanRepo, run_cli: RunCli) -> None:
    repo.commit(plan("26.0"), "2026-07-16", "Q1 review", tag="main")
    repo.commit(plan("24.0"), "2026-10-20", "Q2 review")

    since_main = validate(run_cli, repo, "--base", "main")
    everything = validate(run_cli, repo, "--history")

    assert len(since_main) == 1
    assert "(26.0% → 24.0% on 20 October 2026)" in since_main[0]
    assert "(28.0% → 26.0% on 16 July 2026)" in everything[0]


def test_without_a_repository_one_note_says_the_check_did_not_run(
    tmp_path: Path, run_cli: RunCli
) -> None:
    loose = tmp_path / "plan.yaml"
    loose.write_text(plan("26.0"), encoding="utf-8")

    result = run_cli("--as-of", "2026-11-26", "validate", loose, "--history")

    assert result.exit_code == 0
    notes = [line for line in result.stdout.splitlines() if "ACC005" in line]
    assert len(notes) == 1
    assert notes[0].startswith(
        f"{loose}:1:1: ACC005 [info] the checks that need the plan's history"
    )
    assert "is not in a git repository" in notes[0]


def test_the_example_history_shows_the_years_revisions_with_their_reasons(
    tmp_path: Path, run_cli: RunCli
) -> None:
    folders = {name: tmp_path / name for name in ("community-safety", "health-wellbeing")}
    for name, folder in folders.items():
        subprocess.run(
            [sys.executable, str(ROOT / "examples" / "build-history.py"), name, str(folder)],
            env=git_env(),
            check=True,
            capture_output=True,
        )

    safety = run_cli(
        "diff", "--since", "2026-04-01", "--plan", folders["community-safety"] / "plan.yaml"
    )
    health = run_cli(
        "diff", "--since", "2026-04-01", "--plan", folders["health-wellbeing"] / "plan.yaml"
    )
    checked = run_cli(
        "--as-of", "2026-11-26", "validate", "--history", folders["community-safety"] / "plan.yaml"
    )

    assert (
        "  CS-08: target for 2026/27 revised 28.0% → 26.0%, less ambitious (higher is better)\n"
        in (safety.stdout)
    )
    assert "  2026-07-16: Quarter 1 review. CS-08 target for 2026/27 lowered from 28% to 26%" in (
        safety.stdout
    )
    assert (
        "  HW-03: target for 2026/27 revised 2,500 → 2,600, more ambitious (higher is better)\n"
        in (health.stdout)
    )
    assert "Stop smoking target (HW-03) raised" in health.stdout
    assert "to the working copy: 0 changes" not in safety.stdout
    assert checked.exit_code == 0
    assert "ACC005" not in checked.stdout
    assert (folders["community-safety"] / "plan.yaml").read_bytes() == (
        ROOT / "examples" / "community-safety" / "plan.yaml"
    ).read_bytes()


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
