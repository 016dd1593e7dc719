"""Recording everything but figures: progress, resources, scores and remedial actions.

The Safer Kestermoor plan is copied into each test's folder. The officer
works through the quarter as a user would, from the command line; the
library is used where the test needs fixed timestamps to compare.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from ruamel.yaml import YAML

from pmkit.monitoring.entries import (
    Written,
    agree_remedial,
    close_remedial,
    quarter,
    record_progress,
    record_resource,
    record_score,
    year,
)
from pmkit.monitoring.figures import FigureInput, FigureOptions, RecordError, record_figures
from pmkit.monitoring.remedial import RemedialInput
from pmkit.monitoring.statuses import ActionStatus, RemedialStatus
from pmkit.monitoring.workspace import Recorder, Workspace, open_workspace

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = date(2026, 11, 26)
OFFICER = "Performance officer"
OCTOBER = datetime(2026, 10, 8, 11, 0, tzinfo=UTC)
NOVEMBER = datetime(2026, 11, 26, 14, 30, tzinfo=UTC)


def copy_plan(folder: Path) -> Path:
    plan = folder / "plan.yaml"
    plan.write_bytes(EXAMPLE.read_bytes())
    return plan


def workspace(plan: Path) -> Workspace:
    return open_workspace(plan, as_of=AS_OF)


def recorder(at: datetime = NOVEMBER, by: str = OFFICER) -> Recorder:
    return Recorder(by, at, "command line")


def load(path: Path) -> Any:
    return YAML(typ="rt").load(path.read_text(encoding="utf-8"))


def snapshot(folder: Path) -> dict[str, bytes] | None:
    if not folder.exists():
        return None
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def record(run_cli: RunCli, plan: Path, what: str, *args: str) -> Result:
    """``pmkit --as-of 2026-11-26 record WHAT --plan PLAN --by OFFICER ARGS``."""
    return run_cli(
        "--as-of", AS_OF.isoformat(), "record", what, "--plan", plan, "--by", OFFICER, *args
    )


def progress(
    plan: Path, action: str, status: ActionStatus, percent: int | None, at: datetime
) -> Written:
    space = workspace(plan)
    return record_progress(
        space,
        action,
        period=quarter(space, "2026/27 Q2"),
        status=status,
        percent=percent,
        commentary=None,
        recorder=recorder(at),
    )


# -- action progress ------------------------------------------------------------


def test_action_progress_is_recorded_for_the_quarter_just_ended(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)

    result = record(
        run_cli,
        plan,
        "progress",
        "A1",
        "--status",
        "on_track",
        "--percent",
        "40",
        "--commentary",
        "Patrols running in five of the six hotspots",
    )

    assert result.exit_code == 0, result.output
    assert "recorded: progress of A1 (on track) for 2026/27 Q2" in result.stdout
    entry = load(tmp_path / "monitoring" / "2026-27-Q2.yaml")["actions"]["A1"]
    assert entry["status"] == "on_track"
    assert entry["percent_complete"] == 40
    assert entry["commentary"] == "Patrols running in five of the six hotspots"
    assert entry["recorded_by"] == OFFICER
    assert "history" not in entry


def test_changed_progress_keeps_the_earlier_report_in_history(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "monitoring" / "2026-27-Q2.yaml"

    first = progress(plan, "A4", ActionStatus.ON_TRACK, 40, OCTOBER)
    before = path.read_bytes()
    repeat = progress(plan, "A4", ActionStatus.ON_TRACK, 40, NOVEMBER)
    after_repeat = path.read_bytes()
    changed = progress(plan, "A4", ActionStatus.AT_RISK, 45, NOVEMBER)

    assert (first.changed, repeat.changed, changed.changed) == (True, False, True)
    assert after_repeat == before
    current = workspace(plan).read(quarter(workspace(plan), "2026/27 Q2"))
    assert current is not None
    entry = current.actions["A4"]
    assert entry.status is ActionStatus.AT_RISK
    assert entry.percent_complete == 45
    assert entry.recorded_at == NOVEMBER
    [earlier] = entry.history
    assert earlier.status is ActionStatus.ON_TRACK
    assert earlier.percent_complete == 40
    assert earlier.recorded_at == OCTOBER
    assert earlier.recorded_by == OFFICER


def test_the_same_progress_report_twice_changes_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    args = ("A3", "--status", "on_track", "--percent", "60")
    assert record(run_cli, plan, "progress", *args).exit_code == 0
    path = tmp_path / "monitoring" / "2026-27-Q2.yaml"
    before = path.read_bytes()
    long_ago = 1_700_000_000_000_000_000
    os.utime(path, ns=(long_ago, long_ago))

    again = record(run_cli, plan, "progress", *args)

    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("unchanged: progress of A3")
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == long_ago


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["A1", "--status", "complete", "--percent", "90"], "a complete action is 100% complete"),
        (["A9", "--status", "on_track"], "the plan has no action with the id 'A9'"),
        (
            ["A1", "--status", "on_track", "--percent", "120"],
            "120% is not a percentage from 0 to 100",
        ),
        (["A1", "--status", "finished"], "finished"),
        (["A1", "--status", "on_track", "--period", "2026/27"], "give a quarter here"),
    ],
)
def test_wrong_progress_is_refused(
    run_cli: RunCli, tmp_path: Path, args: list[str], reason: str
) -> None:
    plan = copy_plan(tmp_path)
    assert record(run_cli, plan, "progress", "A2", "--status", "on_track").exit_code == 0
    before = snapshot(tmp_path / "monitoring")

    result = record(run_cli, plan, "progress", *args)

    assert result.exit_code == 2, result.output
    assert reason in result.stderr
    assert snapshot(tmp_path / "monitoring") == before


def test_a_complete_action_is_100_percent(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    done = record(run_cli, plan, "progress", "A7", "--status", "complete", "--percent", "100")

    assert done.exit_code == 0, done.output
    entry = load(tmp_path / "monitoring" / "2026-27-Q2.yaml")["actions"]["A7"]
    assert (entry["status"], entry["percent_complete"]) == ("complete", 100)


# -- resources provided -----------------------------------------------------------


def test_resources_provided_against_a_commitment(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    to_action = record(
        run_cli, plan, "resource", "A3", "--partner", "kdas", "--amount", "£4,250",
        "--commentary", "Volunteer peer-support hours, July to September",
    )  # fmt: skip
    to_priority = record(run_cli, plan, "resource", "P1", "--partner", "icb", "--amount", "6000")

    assert to_action.exit_code == 0, to_action.output
    assert to_priority.exit_code == 0, to_priority.output
    resources = load(tmp_path / "monitoring" / "2026-27-Q2.yaml")["resources"]
    assert list(resources) == ["A3", "P1"]
    assert resources["A3"]["kdas"]["amount"] == 4250
    assert resources["A3"]["kdas"]["commentary"].startswith("Volunteer peer-support")
    assert resources["P1"]["icb"]["amount"] == 6000


@pytest.mark.parametrize(
    ("entity", "partner", "reason"),
    [
        ("A3", "fire", "the plan records no commitment from 'fire' to A3"),
        ("P1", "kdas", "the plan records no commitment from 'kdas' to P1"),
        ("A99", "council", "no action or priority with the id 'A99'"),
    ],
)
def test_resources_without_a_commitment_are_refused(
    run_cli: RunCli, tmp_path: Path, entity: str, partner: str, reason: str
) -> None:
    plan = copy_plan(tmp_path)
    assert (
        record(run_cli, plan, "resource", "A3", "--partner", "kdas", "--amount", "10").exit_code
        == 0
    )
    before = snapshot(tmp_path / "monitoring")

    result = record(run_cli, plan, "resource", entity, "--partner", partner, "--amount", "500")

    assert result.exit_code == 2, result.output
    assert "not recorded" in result.stderr
    assert reason in result.stderr
    assert snapshot(tmp_path / "monitoring") == before


def test_a_negative_amount_is_refused(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    space = workspace(plan)

    with pytest.raises(RecordError, match="cannot be negative"):
        record_resource(
            space,
            "A3",
            partner="kdas",
            amount=Decimal(-5),
            period=quarter(space, None),
            commentary=None,
            recorder=recorder(),
        )

    assert not (tmp_path / "monitoring").exists()


# -- self-assessment scores ----------------------------------------------------------


def test_scores_go_in_the_years_file(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    trust = record(run_cli, plan, "score", "trust", "--partner", "council", "--score", "3")
    need = record(
        run_cli, plan, "score", "need", "--partner", "police", "--score", "4",
        "--comment", "Serious Violence Duty has made the case",
    )  # fmt: skip

    assert trust.exit_code == 0, trust.output
    assert need.exit_code == 0, need.output
    folder = tmp_path / "monitoring"
    assert [p.name for p in folder.glob("*.yaml")] == ["2026-27.yaml"]
    data = load(folder / "2026-27.yaml")
    assert data["period"] == "2026/27"
    scores = data["self_assessment"]
    assert scores["trust"]["council"]["score"] == 3
    assert scores["need"]["police"]["score"] == 4
    assert scores["need"]["police"]["comment"] == "Serious Violence Duty has made the case"


def test_a_changed_score_replaces_the_old_one(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    space = workspace(plan)
    this_year = year(space, None)

    def score(value: int) -> Written:
        return record_score(
            workspace(plan),
            "learning",
            partner="fire",
            score=value,
            comment=None,
            period=this_year,
            recorder=recorder(),
        )

    assert score(2).changed
    assert not score(2).changed
    assert score(3).changed
    current = workspace(plan).read(this_year)
    assert current is not None
    assert current.self_assessment["learning"]["fire"].score == 3


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (
            ["trust", "--partner", "council", "--score", "5"],
            "5 is outside the plan's scale of 1 to 4",
        ),
        (
            ["trust", "--partner", "council", "--score", "0"],
            "0 is outside the plan's scale of 1 to 4",
        ),
        (
            ["honesty", "--partner", "council", "--score", "3"],
            "the plan has no principle 'honesty'",
        ),
        (["trust", "--partner", "parish", "--score", "3"], "no partner with the id 'parish'"),
    ],
)
def test_wrong_scores_are_refused(
    run_cli: RunCli, tmp_path: Path, args: list[str], reason: str
) -> None:
    plan = copy_plan(tmp_path)
    assert (
        record(run_cli, plan, "score", "need", "--partner", "fire", "--score", "2").exit_code == 0
    )
    before = snapshot(tmp_path / "monitoring")

    result = record(run_cli, plan, "score", *args)

    assert result.exit_code == 2, result.output
    assert reason in result.stderr
    assert snapshot(tmp_path / "monitoring") == before


# -- remedial actions -------------------------------------------------------------------


def agree(run_cli: RunCli, plan: Path, about: str, *, action: str, owner: str, due: str) -> Result:
    return record(
        run_cli, plan, "remedial", about, "--action", action, "--owner", owner, "--due", due,
        "--period", "2026/27 Q2",
    )  # fmt: skip


def start_quarter(plan: Path, period: str) -> None:
    """Record the first figure of ``period``, which starts its file."""
    space = workspace(plan)
    record_figures(
        space, [FigureInput("CS-01", period, Decimal("88.0"))], recorder(), FigureOptions()
    )


def test_remedial_actions_are_numbered_by_the_quarter_agreed(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)

    first = agree(
        run_cli,
        plan,
        "CS-08",
        action="MARAC audit of missed repeats",
        owner="police",
        due="2027-01-31",
    )
    second = record(
        run_cli, plan, "remedial", "A4", "--action", "Catch up target-hardening visits",
        "--owner", "council", "--role", "Head of Community Safety", "--due", "2027-02-28",
    )  # fmt: skip

    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    remedies = load(tmp_path / "monitoring" / "2026-27-Q2.yaml")["remedial_actions"]
    assert list(remedies) == ["RA-2026-27-Q2-1", "RA-2026-27-Q2-2"]
    one = remedies["RA-2026-27-Q2-1"]
    assert one["about"] == "CS-08"
    assert one["action"] == "MARAC audit of missed repeats"
    assert dict(one["owner"]) == {"partner": "police"}
    assert str(one["due"]) == "2027-01-31"
    assert one["agreed_in"] == "2026/27 Q2"
    assert one["status"] == "open"
    assert dict(remedies["RA-2026-27-Q2-2"]["owner"]) == {
        "partner": "council",
        "role": "Head of Community Safety",
    }


@pytest.mark.parametrize(
    ("remedy", "reason"),
    [
        (("CS-99", "police", "2027-01-31"), "no indicator or action with the id 'CS-99'"),
        (("CS-08", "parish", "2027-01-31"), "no partner with the id 'parish'"),
        (("CS-08", "police", "2026-05-31"), "is before 2026/27 Q2 began"),
    ],
)
def test_a_wrong_remedial_action_is_refused(
    run_cli: RunCli, tmp_path: Path, remedy: tuple[str, str, str], reason: str
) -> None:
    plan = copy_plan(tmp_path)
    about, owner, due = remedy

    result = agree(run_cli, plan, about, action="Something", owner=owner, due=due)

    assert result.exit_code == 2, result.output
    assert reason in result.stderr
    assert not (tmp_path / "monitoring").exists()


def test_open_remedial_actions_are_carried_into_the_next_quarter(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)
    folder = tmp_path / "monitoring"
    agree(
        run_cli,
        plan,
        "CS-08",
        action="MARAC audit of missed repeats",
        owner="police",
        due="2027-01-31",
    )
    agree(
        run_cli,
        plan,
        "A4",
        action="Catch up target-hardening visits",
        owner="council",
        due="2027-02-28",
    )
    agree(
        run_cli, plan, "CS-13", action="Arson visits in Brookfield", owner="fire", due="2027-03-31"
    )
    closed = record(
        run_cli, plan, "close", "RA-2026-27-Q2-2", "--note", "Visits back on profile",
        "--period", "2026/27 Q2",
    )  # fmt: skip
    assert closed.exit_code == 0, closed.output
    q2 = load(folder / "2026-27-Q2.yaml")["remedial_actions"]

    start_quarter(plan, "2026/27 Q3")

    q3 = load(folder / "2026-27-Q3.yaml")
    carried = q3["remedial_actions"]
    assert list(carried) == ["RA-2026-27-Q2-1", "RA-2026-27-Q2-3"]
    for key in carried:
        assert list(carried[key]) == list(q2[key]), "carried with its keys in the same order"
        assert carried[key] == q2[key], "carried as written"
        assert carried[key]["status"] == "open"
    assert list(q3) == ["format_version", "period", "figures", "remedial_actions"]


def test_a_hand_written_remedial_action_is_carried_as_written(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    folder = tmp_path / "monitoring"
    folder.mkdir()
    (folder / "2026-27-Q2.yaml").write_text(
        "format_version: 1\n"
        "period: 2026/27 Q2\n"
        "remedial_actions:\n"
        "  RA-2026-27-Q2-1:\n"
        "    status: open\n"
        "    agreed_in: 2026/27 Q2\n"
        "    due: 2027-01-31\n"
        "    owner: {role: Inspector, partner: police}\n"
        "    action: Extra patrols in Eastgate\n"
        "    about: CS-02\n"
        "    recorded_at: 2026-11-02T10:00:00+00:00\n"
        "    recorded_by: Board clerk\n",
        encoding="utf-8",
    )

    start_quarter(plan, "2026/27 Q3")

    carried = load(folder / "2026-27-Q3.yaml")["remedial_actions"]["RA-2026-27-Q2-1"]
    assert list(carried) == [
        "status", "agreed_in", "due", "owner", "action", "about", "recorded_at", "recorded_by",
    ]  # fmt: skip
    assert list(carried["owner"]) == ["role", "partner"]
    assert str(carried["due"]) == "2027-01-31"
    assert carried["action"] == "Extra patrols in Eastgate"


def test_closing_a_carried_remedial_action_as_dropped(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    folder = tmp_path / "monitoring"
    agree(
        run_cli,
        plan,
        "CS-08",
        action="MARAC audit of missed repeats",
        owner="police",
        due="2027-01-31",
    )
    start_quarter(plan, "2026/27 Q3")

    dropped = run_cli(
        "--as-of", "2027-01-20", "record", "close", "RA-2026-27-Q2-1", "--dropped",
        "--note", "Superseded by the county-wide MARAC review", "--period", "2026/27 Q3",
        "--plan", plan, "--by", "Board clerk",
    )  # fmt: skip

    assert dropped.exit_code == 0, dropped.output
    assert "RA-2026-27-Q2-1 closed as dropped" in dropped.stdout
    remedy = load(folder / "2026-27-Q3.yaml")["remedial_actions"]["RA-2026-27-Q2-1"]
    assert remedy["status"] == "dropped"
    assert dict(remedy["closure"]) == {
        "status": "dropped",
        "closed_on": "2027-01-20",
        "closed_by": "Board clerk",
        "note": "Superseded by the county-wide MARAC review",
    }
    assert (
        load(folder / "2026-27-Q2.yaml")["remedial_actions"]["RA-2026-27-Q2-1"]["status"] == "open"
    )

    start_quarter(plan, "2026/27 Q4")

    assert "remedial_actions" not in load(folder / "2026-27-Q4.yaml")


def test_closing_as_done_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    space = workspace(plan)
    q2 = quarter(space, "2026/27 Q2")
    agreed = agree_remedial(
        space,
        RemedialInput("A4", "Catch up visits", "council", date(2027, 2, 28)),
        period=q2,
        recorder=recorder(OCTOBER),
    )
    assert agreed.key == "RA-2026-27-Q2-1"

    def close() -> Written:
        return close_remedial(
            workspace(plan),
            agreed.key,
            status=RemedialStatus.DONE,
            note="Visits back on profile",
            period=q2,
            on=AS_OF,
            recorder=recorder(),
        )

    assert close().changed
    path = tmp_path / "monitoring" / "2026-27-Q2.yaml"
    before = path.read_bytes()
    assert not close().changed
    assert path.read_bytes() == before
    current = workspace(plan).read(q2)
    assert current is not None
    remedy = current.remedial_actions[agreed.key]
    assert remedy.status is RemedialStatus.DONE
    assert remedy.closure is not None
    assert remedy.closure.closed_on == AS_OF
    assert remedy.closure.closed_by == OFFICER
    assert remedy.closure.note == "Visits back on profile"


def test_closing_an_unknown_remedial_action_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    agree(run_cli, plan, "CS-08", action="MARAC audit", owner="police", due="2027-01-31")
    before = snapshot(tmp_path / "monitoring")

    result = record(run_cli, plan, "close", "RA-2026-27-Q2-7", "--period", "2026/27 Q2")

    assert result.exit_code == 2
    assert "no remedial action 'RA-2026-27-Q2-7' is in force in 2026/27 Q2" in result.stderr
    assert snapshot(tmp_path / "monitoring") == before


# -- the audit trail, and a clean bill of health ----------------------------------------


def test_history_lists_every_version_and_why_it_was_replaced(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    plan = copy_plan(tmp_path)

    def figure(value: str, period: str, at: datetime, *flags: str) -> None:
        result = record(run_cli, plan, "figure", "CS-01", value, "--period", period, *flags)
        assert result.exit_code == 0, result.output

    figure("86.4", "2026/27 Q1", OCTOBER)
    figure("87.9", "2026/27 Q2", OCTOBER)
    figure("88.2", "2026/27 Q2", OCTOBER, "--final")
    figure("88.6", "2026/27 Q2", NOVEMBER, "--final", "--replace-final", "--reason", "Audit fix")

    result = run_cli("history", "CS-01", "--plan", plan)

    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if "2026/27" in line]
    assert len(rows) == 4, result.stdout
    q1, first, second, current = rows
    assert "86.4" in q1 and "current" in q1
    assert "87.9" in first and "provisional" in first and "replaced" in first
    assert "88.2" in second and "final" in second and "replaced: Audit fix" in second
    assert "88.6" in current and "current" in current
    assert all(OFFICER in row for row in rows)


def test_history_of_an_action_lists_its_progress_reports(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    plan = copy_plan(tmp_path)
    progress(plan, "A2", ActionStatus.NOT_STARTED, 0, OCTOBER)
    progress(plan, "A2", ActionStatus.ON_TRACK, 25, NOVEMBER)

    result = run_cli("history", "A2", "--plan", plan)

    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if "2026/27 Q2" in line]
    assert len(rows) == 2, result.stdout
    assert "not started 0%" in rows[0]
    assert "on track 25%" in rows[1] and "current" in rows[1]


def test_history_of_an_unknown_id_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    result = run_cli("history", "CS-99", "--plan", plan)

    assert result.exit_code == 2
    assert "no indicator or action with the id 'CS-99'" in result.stderr


def test_a_quarters_recording_leaves_the_folder_valid(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    steps: list[tuple[str, ...]] = [
        ("figure", "CS-01", "88.2", "--period", "2026/27 Q2", "--final"),
        ("figure", "CS-08", "24.5", "--period", "2026/27 Q2", "--commentary", "Audit effect"),
        ("figure", "CS-19", "2.8", "--period", "2026/27"),
        ("figure", "CS-03", "--not-available", "Extract delayed", "--period", "2026/27 Q2"),
        ("progress", "A3", "--status", "at_risk", "--percent", "35"),
        ("progress", "A3", "--status", "on_track", "--percent", "50"),
        ("resource", "A3", "--partner", "kdas", "--amount", "4250"),
        ("score", "trust", "--partner", "council", "--score", "3"),
        (
            "remedial",
            "CS-08",
            "--action",
            "MARAC audit",
            "--owner",
            "police",
            "--due",
            "2027-01-31",
        ),
        (
            "remedial",
            "A4",
            "--action",
            "Catch up visits",
            "--owner",
            "council",
            "--due",
            "2027-02-28",
        ),
        ("close", "RA-2026-27-Q2-2", "--note", "Done in October"),
        ("figure", "CS-01", "87.0", "--period", "2026/27 Q3"),
    ]
    for what, *args in steps:
        result = record(run_cli, plan, what, *args)
        assert result.exit_code == 0, (what, args, result.output)

    checked = run_cli("--as-of", AS_OF.isoformat(), "validate", plan)

    assert checked.exit_code == 0, checked.output
    assert "MON0" not in checked.output
    assert sorted(p.name for p in (tmp_path / "monitoring").glob("*.yaml")) == [
        "2026-27-Q2.yaml",
        "2026-27-Q3.yaml",
        "2026-27.yaml",
    ]
    q3 = load(tmp_path / "monitoring" / "2026-27-Q3.yaml")
    assert list(q3["remedial_actions"]) == ["RA-2026-27-Q2-1"]


def test_validate_notices_a_hand_edit_gone_wrong_after_recording(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """The control for the test above: validate does look at the recorded files."""
    plan = copy_plan(tmp_path)
    assert (
        record(run_cli, plan, "score", "trust", "--partner", "council", "--score", "3").exit_code
        == 0
    )
    path = tmp_path / "monitoring" / "2026-27.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("score: 3", "score: 7"), "utf-8")

    checked = run_cli("--as-of", AS_OF.isoformat(), "validate", plan)

    assert checked.exit_code == 1
    assert "MON007" in checked.output
