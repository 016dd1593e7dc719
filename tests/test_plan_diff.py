"""`pmkit diff`: what changed in the plan between two commits, read from a real git repository."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from goldens import check_golden
from plan_repo import PlanRepo, git

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import RunCli

START = """\
format_version: 1
partnership:
  name: Riverside Community Safety Partnership
  change_log:
    - {date: 2026-03-19, change: Plan for 2026/27 agreed, by: Partnership Board}
vision:
  outcomes:
    - {id: O1, title: Fewer people are victims of crime}
    - {id: O2, title: Domestic abuse is identified early}
priorities:
  - id: P1
    title: Serious violence
    outcomes: [O1]
    rank: 1
    budgets:
      - year: 2026/27
        pooled: 40000
        commitments:
          - {partner: police, kind: cash, value: 10000}
          - {partner: council, kind: in_kind, value: 5000}
partners:
  - {id: police, name: Riverside Police}
  - {id: council, name: Riverside Council}
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    unit: rate per 1,000
    polarity: lower
    targets:
      - {period: 2026/27, value: 9.5}
    tolerance: 5%
  - id: CS-08
    title: Repeat referrals to MARAC (percentage)
    definition: Repeat cases as a percentage of all MARAC cases in the twelve months
    unit: percentage
    polarity: higher
    targets:
      - {period: 2026/27, value: 28.0}
    tolerance: {kind: absolute, value: 2}
  - id: CS-11
    title: Anti-social behaviour incidents
    unit: count
    polarity: lower
    targets:
      - {period: 2026/27, value: 4200}
actions:
  - id: A1
    title: Violence reduction hubs
    lead: {partner: police, role: Neighbourhood inspector}
    timescales:
      start: 2026-04-01
      end: 2027-03-31
      milestones:
        - {title: All three hubs open, due: 2026-09-30}
"""

REVISED = """\
format_version: 1
partnership:
  name: Riverside Community Safety Partnership
  change_log:
    - {date: 2026-03-19, change: Plan for 2026/27 agreed, by: Partnership Board}
    - date: 2026-07-16
      change: >-
        Quarter 1 review. CS-08 lowered from 28% to 26% after the MARAC audit;
        CS-11 retired in favour of CS-12.
      by: Partnership Board
vision:
  outcomes:
    - {id: O1, title: Fewer people are victims of crime}
    - {id: O2, title: Domestic abuse is identified and victims supported early}
priorities:
  - id: P1
    title: Serious violence
    outcomes: [O1, O2]
    rank: 1
    budgets:
      - year: 2026/27
        pooled: 40000
        commitments:
          - {partner: police, kind: cash, value: 8000}
          - {partner: council, kind: in_kind, value: 5000}
partners:
  - {id: police, name: Riverside Police}
  - {id: council, name: Riverside Council}
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    unit: rate per 1,000
    polarity: lower
    targets:
      - {period: 2026/27, value: 9.2}
    tolerance: 3%
  - id: CS-08
    title: Repeat referrals to MARAC (percentage)
    definition: Repeat cases as a percentage of all MARAC cases in the twelve months
    unit: percentage
    polarity: higher
    targets:
      - {period: 2026/27, value: 26.0}
      - {period: 2027/28, value: 28.0}
    tolerance: {kind: absolute, value: 2}
  - id: CS-11
    title: Anti-social behaviour incidents
    unit: count
    polarity: lower
    active: {to: 2026/27 Q1}
    targets:
      - {period: 2026/27, value: 4200}
  - id: CS-12
    title: Anti-social behaviour incidents per 1,000 population
    unit: rate per 1,000
    polarity: lower
    targets:
      - {period: 2026/27, value: 21.0}
actions:
  - id: A1
    title: Violence reduction hubs
    lead: {partner: council, role: Community safety manager}
    timescales:
      start: 2026-04-01
      end: 2027-06-30
      milestones:
        - {title: All three hubs open, due: 2026-12-31}
  - id: A2
    title: MARAC referral training
    lead: {partner: police, role: MARAC chair}
"""


@pytest.fixture
def repo(tmp_path: Path) -> PlanRepo:
    """A plan agreed in March 2026 (tagged start) and revised at the Q1 review (tagged q1)."""
    made = PlanRepo(tmp_path / "riverside")
    made.commit(START, "2026-03-19", "Plan for 2026/27 agreed", tag="start")
    made.commit(
        REVISED, "2026-07-16", "Quarter 1 review", author="Community Safety Manager", tag="q1"
    )
    return made


def test_the_diff_lists_every_change_in_the_plans_own_words(
    repo: PlanRepo, run_cli: RunCli
) -> None:
    result = run_cli("diff", "start", "q1", "--plan", repo.plan)

    assert result.exit_code == 0, result.output
    check_golden("riverside.diff.txt", result.stdout)
    assert "CS-08: target for 2026/27 revised 28.0% → 26.0%, less ambitious (higher is better)" in (
        result.stdout
    )
    assert "CS-01: target for 2026/27 revised 9.5 → 9.2, more ambitious (lower is better)" in (
        result.stdout
    )


def test_the_diff_as_json(repo: PlanRepo, run_cli: RunCli) -> None:
    result = run_cli("diff", "start", "q1", "--plan", repo.plan, "--format", "json")

    assert result.exit_code == 0, result.output
    check_golden("riverside.diff.json", result.stdout)
    data = json.loads(result.stdout)
    revised = [c for c in data["changes"] if c["kind"] == "revised"]
    assert [(c["subject"], c["old"], c["new"], c["less_ambitious"]) for c in revised] == [
        ("CS-01", "9.5", "9.2", False),
        ("CS-08", "28.0%", "26.0%", True),
    ]
    assert data["summary"] == {"changes": 14, "less_ambitious": 1}
    assert [entry["date"] for entry in data["change_log"]] == ["2026-07-16"]


def test_the_commitment_cut_and_the_action_redated_and_reassigned(
    repo: PlanRepo, run_cli: RunCli
) -> None:
    data = json.loads(run_cli("diff", "start", "q1", "--plan", repo.plan, "-f", "json").stdout)
    budgets = [(c["kind"], c["message"]) for c in data["changes"] if c["section"] == "budgets"]
    actions = [(c["kind"], c["subject"]) for c in data["changes"] if c["section"] == "actions"]

    assert budgets == [
        ("cut", "priority P1: police's commitment for 2026/27 £10,000 → £8,000"),
    ]
    assert actions == [
        ("added", "A2"),
        ("re-dated", "A1"),
        ("re-dated", "A1"),
        ("re-assigned", "A1"),
    ]


def test_by_default_the_working_copy_is_compared_with_the_last_commit(
    repo: PlanRepo, run_cli: RunCli
) -> None:
    unchanged = run_cli("diff", "--plan", repo.plan)
    repo.plan.write_text(
        REVISED.replace("{period: 2026/27, value: 9.2}", "{period: 2026/27, value: 9.8}"),
        encoding="utf-8",
    )
    edited = run_cli("diff", "--plan", repo.plan)

    assert unchanged.exit_code == 0
    assert unchanged.stdout.startswith("Changes to the plan from ")
    assert unchanged.stdout.endswith("to the working copy: 0 changes\n")
    assert "  CS-01: target for 2026/27 revised 9.2 → 9.8, less ambitious (lower is better)\n" in (
        edited.stdout
    )


def test_since_a_date_compares_with_the_plan_as_it_stood_then(
    repo: PlanRepo, run_cli: RunCli
) -> None:
    before_anything = run_cli("diff", "--since", "2026-03-19", "--plan", repo.plan)
    since_april = run_cli("diff", "--since", "2026-04-01", "--plan", repo.plan)
    since_august = run_cli("diff", "--since", "2026-08-01", "--plan", repo.plan)

    assert before_anything.exit_code == 2
    assert "had not been committed before 19 March 2026" in before_anything.stderr
    assert since_april.stdout.splitlines()[0].startswith("Changes to the plan from 1 April 2026 (")
    assert "of 19 March 2026) to the working copy: 14 changes" in since_april.stdout
    assert "of 16 July 2026) to the working copy: 0 changes" in since_august.stdout


def test_fail_on_less_ambitious_exits_1_only_when_a_target_asks_less(
    repo: PlanRepo, run_cli: RunCli
) -> None:
    eased = run_cli("diff", "start", "q1", "--plan", repo.plan, "--fail-on", "less-ambitious")
    raised = run_cli(
        "diff", "start", "q1", "--plan", repo.plan, "--fail-on", "less-ambitious", "-f", "json"
    )
    same = run_cli("diff", "q1", "q1", "--plan", repo.plan, "--fail-on", "less-ambitious")

    assert eased.exit_code == 1
    assert raised.exit_code == 1
    assert same.exit_code == 0
    assert "0 changes" in same.stdout


def test_markdown_and_the_github_step_summary(
    repo: PlanRepo, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    markdown = run_cli("diff", "start", "q1", "--plan", repo.plan, "-f", "markdown")
    github = run_cli("diff", "start", "q1", "--plan", repo.plan, "-f", "github")

    assert "### Targets\n\n- CS-01: target for 2026/27 revised 9.5 → 9.2" in markdown.stdout
    assert (
        "::warning title=pmkit diff::CS-08: target for 2026/27 revised 28.0%25 → 26.0%25, "
        "less ambitious (higher is better)\n"
    ) in github.stdout
    assert summary.read_text(encoding="utf-8") == markdown.stdout


def test_an_older_plan_with_fields_since_renamed_still_reads(
    tmp_path: Path, run_cli: RunCli
) -> None:
    repo = PlanRepo(tmp_path / "old")
    older = START.replace("    tolerance: 5%\n", "    tolerance: 5%\n    rag_band: wide\n").replace(
        "    title: Neighbourhood crime per 1,000 population\n",
        "    titel: Neighbourhood crime\n    title: Neighbourhood crime per 1,000 population\n",
    )
    older = older.replace("{period: 2026/27, value: 4200}", "{period: 2026/27, value: lots}")
    repo.commit(older, "2025-03-01", "An early plan", tag="early")
    repo.commit(REVISED, "2026-07-16", "Quarter 1 review", tag="q1")

    result = run_cli("diff", "early", "q1", "--plan", repo.plan)

    assert result.exit_code == 0, result.output
    assert "CS-08: target for 2026/27 revised 28.0% → 26.0%, less ambitious" in result.stdout
    assert "CS-11: target for 2026/27 set at 4,200" in result.stdout


def test_the_plan_is_followed_when_it_moves(tmp_path: Path, run_cli: RunCli) -> None:
    repo = PlanRepo(tmp_path / "moved")
    repo.commit(START, "2026-03-19", "Plan for 2026/27 agreed")
    repo.rename("plans/riverside.yaml", "2026-05-01")
    repo.commit(REVISED, "2026-07-16", "Quarter 1 review")

    since = run_cli("diff", "--since", "2026-04-01", "--plan", repo.plan)
    history = run_cli("diff", "--indicator", "CS-08", "--plan", repo.plan)

    assert since.exit_code == 0, since.output
    assert "of 19 March 2026) to the working copy: 14 changes" in since.stdout
    assert "CS-08: target for 2026/27 revised 28.0% → 26.0%" in history.stdout


def test_one_indicators_timeline_with_authors_and_reasons(repo: PlanRepo, run_cli: RunCli) -> None:
    repo.commit(
        REVISED.replace("{period: 2026/27, value: 9.2}", "{period: 2026/27, value: 9.4}"),
        "2026-10-20",
        "CS-01 eased",
        author="Data Analyst",
    )

    cs08 = run_cli("diff", "--indicator", "CS-08", "--plan", repo.plan)
    cs01 = run_cli("diff", "--indicator", "CS-01", "--plan", repo.plan, "-f", "json")

    assert cs08.exit_code == 0, cs08.output
    lines = cs08.stdout.splitlines()
    assert lines[0] == "History of CS-08 in the plan"
    assert lines[2].startswith("2026-03-19  ")
    assert lines[2].endswith("  Performance Officer")
    assert lines[6].startswith("2026-07-16  ")
    assert lines[6].endswith("  Community Safety Manager")
    assert lines[7:] == [
        "  CS-08: target for 2026/27 revised 28.0% → 26.0%, less ambitious (higher is better)",
        "  CS-08: target for 2027/28 set at 28.0%",
        "  change log: 2026-07-16: Quarter 1 review. CS-08 lowered from 28% to 26% after the "
        "MARAC audit; CS-11 retired in favour of CS-12. (Partnership Board)",
    ]
    timeline = json.loads(cs01.stdout)["timeline"]
    assert [(t["date"], t["author"], t["changes"], t["change_log"]) for t in timeline[1:]] == [
        (
            "2026-07-16",
            "Community Safety Manager",
            [
                "CS-01: target for 2026/27 revised 9.5 → 9.2, more ambitious (lower is better)",
                "CS-01: tolerance 5% → 3%",
            ],
            None,
        ),
        (
            "2026-10-20",
            "Data Analyst",
            ["CS-01: target for 2026/27 revised 9.2 → 9.4, less ambitious (lower is better)"],
            None,
        ),
    ]


def test_an_unknown_indicator_is_a_clear_error(repo: PlanRepo, run_cli: RunCli) -> None:
    result = run_cli("diff", "--indicator", "CS-99", "--plan", repo.plan)

    assert result.exit_code == 2
    assert result.stderr == "pmkit: no committed version of the plan has an indicator 'CS-99'\n"


@pytest.mark.parametrize(
    "revision",
    [
        "--upload-pack=touch pwned",
        "--output=/tmp/x",
        "-o",
        "-p",
        "HEAD..start",
        "start...q1",
        "HEAD:plan.yaml",
        "plan.yaml",
        "../plan.yaml",
        "q1 start",
        "q1\tstart",
        "q1\x00",
        "no-such-branch",
    ],
)
def test_a_hostile_or_unknown_revision_is_refused(
    revision: str, repo: PlanRepo, run_cli: RunCli
) -> None:
    result = run_cli("diff", "--plan", repo.plan, "--", revision)
    with_base = run_cli("validate", repo.plan, "--history", "--base", revision)

    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("pmkit: ")
    assert "is not a commit, tag or branch" in result.stderr or "names no commit" in result.stderr
    assert with_base.exit_code == 2, with_base.output
    assert with_base.stderr.startswith("pmkit: --base: ")
    assert not (repo.folder / "pwned").exists()


def test_outside_a_repository_a_shallow_clone_and_no_git_each_say_so(
    repo: PlanRepo, tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    loose = tmp_path / "loose" / "plan.yaml"
    loose.parent.mkdir()
    loose.write_text(START, encoding="utf-8")
    git(tmp_path, "clone", "--quiet", "--depth", "1", repo.folder.as_uri(), "shallow")

    outside = run_cli("diff", "--plan", loose)
    shallow = run_cli("diff", "--plan", tmp_path / "shallow" / "plan.yaml")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    no_git = run_cli("diff", "--plan", repo.plan)

    assert outside.exit_code == 2
    assert "is not in a git repository" in outside.stderr
    assert shallow.exit_code == 2
    assert "this clone is shallow" in shallow.stderr
    assert "fetch-depth: 0" in shallow.stderr
    assert no_git.exit_code == 2
    assert no_git.stderr.startswith("pmkit: git is not installed")


def test_a_missing_plan_is_a_clear_error(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("diff", "--plan", tmp_path / "nowhere.yaml")

    assert result.exit_code == 2
    assert result.stderr == f"pmkit: no such file: {tmp_path / 'nowhere.yaml'}\n"


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
