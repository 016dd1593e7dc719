"""Recording figures: a performance officer's quarter, from the first figure to a corrected one.

Each test copies the Safer Kestermoor plan into its own folder, adds the few
indicators the example lacks (a monthly one, a retired one, one with an
expected range, and ``CS-2`` so that ``CS-2`` and ``CS-10`` test natural
order), and records into ``monitoring/`` beside it. The library is used where
the test needs fixed timestamps; the command line where a user would type.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from ruamel.yaml import YAML

from pmkit.monitoring.figures import (
    FigureInput,
    FigureOptions,
    FigureRecorded,
    RecordError,
    record_figures,
)
from pmkit.monitoring.model import MONITORING_FORMAT
from pmkit.monitoring.statuses import FigureStatus
from pmkit.monitoring.workspace import Recorder, Workspace, open_workspace

if TYPE_CHECKING:
    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = date(2026, 11, 26)
"""A Thursday late in November: 2026/27 Q2's figures are due, Q3 has not ended."""
MORNING = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
AFTERNOON = datetime(2026, 11, 26, 15, 45, tzinfo=UTC)
OFFICER = "Performance officer"
ANALYST = "Police analyst"

EXTRA_INDICATORS = """
  - id: CS-2
    title: Calls to the anti-social behaviour hotline
    unit: count
    polarity: lower
    frequency: quarterly
    data_lag: 1 month
    outcomes: [O1]
  - id: CS-21
    title: Repeat calls about the same address (monthly)
    unit: count
    polarity: lower
    frequency: monthly
    data_lag: 1 month
    outcomes: [O1]
  - id: CS-31
    title: Victims satisfied with the follow-up visit (retired after 2026/27 Q1)
    unit: percentage
    polarity: higher
    frequency: quarterly
    outcomes: [O3]
    active: {from: 2025/26 Q1, to: 2026/27 Q1}
  - id: CS-32
    title: Homes visited by the arson reduction team
    unit: count
    polarity: higher
    frequency: quarterly
    outcomes: [O1]
    expected_range: {min: 100, max: 500}
"""


# -- helpers ----------------------------------------------------------------


def copy_plan(folder: Path) -> Path:
    """The example plan, with the extra indicators, as ``folder/plan.yaml``."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count("\nactions:\n") == 1
    plan = folder / "plan.yaml"
    plan.write_text(text.replace("\nactions:\n", EXTRA_INDICATORS + "\nactions:\n"), "utf-8")
    return plan


def workspace(plan: Path, as_of: date = AS_OF) -> Workspace:
    return open_workspace(plan, as_of=as_of)


def record(
    plan: Path,
    indicator: str,
    value: str | None,
    period: str | None,
    *,
    by: str = OFFICER,
    at: datetime = MORNING,
    status: FigureStatus = FigureStatus.PROVISIONAL,
    not_available: str | None = None,
    commentary: str | None = None,
    options: FigureOptions | None = None,
) -> FigureRecorded:
    """Record one figure through the library, as ``by`` at ``at``."""
    item = FigureInput(
        indicator=indicator,
        period=period,
        value=Decimal(value) if value is not None else None,
        not_available=not_available,
        status=status,
        commentary=commentary,
    )
    recorder = Recorder(by, at, "command line")
    return record_figures(workspace(plan), [item], recorder, options or FigureOptions())[0]


def load(path: Path) -> Any:
    """A monitoring file as data, in the order it was written."""
    return YAML(typ="rt").load(path.read_text(encoding="utf-8"))


def snapshot(folder: Path) -> dict[str, bytes] | None:
    """Every file in ``folder`` (dot files too) by name, or ``None`` if there is no folder."""
    if not folder.exists():
        return None
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def cli(run_cli: RunCli, plan: Path, *args: str, as_of: date = AS_OF) -> Any:
    """``pmkit --as-of DATE record figure ARGS --plan PLAN --by OFFICER``."""
    return run_cli(
        "--as-of", as_of.isoformat(), "record", "figure", "--plan", plan, "--by", OFFICER, *args
    )


# -- a new file, and where figures go -----------------------------------------


def test_first_figure_starts_the_quarter_file(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    outcome = record(plan, "CS-01", "88.2", "2026/27 Q2")

    path = tmp_path / "monitoring" / "2026-27-Q2.yaml"
    assert outcome.action == "added"
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.startswith(".")) == [
        "2026-27-Q2.yaml"
    ]
    data = load(path)
    assert list(data) == ["format_version", "period", "figures"]
    assert data["format_version"] == MONITORING_FORMAT
    assert data["period"] == "2026/27 Q2"
    assert list(data["figures"]) == ["CS-01"]
    figure = data["figures"]["CS-01"]["2026/27 Q2"]
    assert dict(figure) == {
        "value": 88.2,
        "status": "provisional",
        "recorded_by": OFFICER,
        "recorded_at": "2026-11-26T09:30:00+00:00",
        "source": "command line",
    }
    assert "88.2" in path.read_text(encoding="utf-8")  # written exactly, never via a float


def test_a_new_file_can_be_read_by_the_rest_of_the_team(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    old_mask = os.umask(0o022)
    try:
        record(plan, "CS-01", "88.2", "2026/27 Q2")
    finally:
        os.umask(old_mask)

    mode = (tmp_path / "monitoring" / "2026-27-Q2.yaml").stat().st_mode & 0o777
    assert mode == 0o644, f"a new monitoring file has mode {mode:o}, not 644"


def test_indicators_are_kept_in_natural_order(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    record(plan, "CS-10", "25.9", "2026/27 Q2")
    record(plan, "CS-2", "412", "2026/27 Q2")
    record(plan, "CS-01", "88.2", "2026/27 Q2")

    data = load(tmp_path / "monitoring" / "2026-27-Q2.yaml")
    assert list(data["figures"]) == ["CS-01", "CS-2", "CS-10"]


def test_monthly_figures_go_in_their_quarters_file_in_time_order(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    for month, value in (
        ("2026-09", "31"),
        ("2026-07", "27"),
        ("2026-08", "35"),
        ("2026-10", "30"),
    ):
        record(plan, "CS-21", value, month)

    folder = tmp_path / "monitoring"
    assert sorted(p.name for p in folder.glob("*.yaml")) == ["2026-27-Q2.yaml", "2026-27-Q3.yaml"]
    q2 = load(folder / "2026-27-Q2.yaml")["figures"]["CS-21"]
    assert list(q2) == ["2026-07", "2026-08", "2026-09"]
    assert [q2[month]["value"] for month in q2] == [27, 35, 31]
    q3 = load(folder / "2026-27-Q3.yaml")
    assert q3["period"] == "2026/27 Q3"
    assert list(q3["figures"]["CS-21"]) == ["2026-10"]


def test_an_annual_figure_goes_in_the_years_file(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    outcome = record(plan, "CS-15", "51", "2026/27")

    folder = tmp_path / "monitoring"
    assert outcome.period.label == "2026/27"
    assert sorted(p.name for p in folder.glob("*.yaml")) == ["2026-27.yaml"]
    data = load(folder / "2026-27.yaml")
    assert data["period"] == "2026/27"
    assert data["figures"]["CS-15"]["2026/27"]["value"] == 51


@pytest.mark.parametrize(
    ("indicator", "as_of", "due"),
    [
        # Quarterly, a month's lag: Q2 (to September) is in by November, not by mid-October.
        ("CS-01", date(2026, 11, 26), ("2026/27 Q2", "2026-27-Q2.yaml")),
        ("CS-01", date(2026, 10, 15), ("2026/27 Q1", "2026-27-Q1.yaml")),
        # Two weeks' lag: Q2 is already in by mid-October.
        ("CS-17", date(2026, 10, 15), ("2026/27 Q2", "2026-27-Q2.yaml")),
        # Monthly, a month's lag: September's figure in late November.
        ("CS-21", date(2026, 11, 26), ("2026-09", "2026-27-Q2.yaml")),
        # Annual, six months' lag: 2025/26 is in by October 2026, but not by September.
        ("CS-05", date(2026, 11, 26), ("2025/26", "2025-26.yaml")),
        ("CS-05", date(2026, 9, 10), ("2024/25", "2024-25.yaml")),
        # Proven reoffending: 21 months behind.
        ("CS-10", date(2026, 11, 26), ("2024/25 Q3", "2024-25-Q3.yaml")),
    ],
)
def test_the_default_period_is_the_latest_one_due(
    run_cli: RunCli, tmp_path: Path, indicator: str, as_of: date, due: tuple[str, str]
) -> None:
    plan = copy_plan(tmp_path)
    period, file = due

    result = cli(run_cli, plan, indicator, "20", as_of=as_of)

    assert result.exit_code == 0, result.output
    assert f"{indicator} {period} = 20" in result.stdout
    folder = tmp_path / "monitoring"
    assert [p.name for p in folder.glob("*.yaml")] == [file]
    assert list(load(folder / file)["figures"][indicator]) == [period]


# -- refusals: nothing is written ---------------------------------------------


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["CS-99", "5", "--period", "2026/27 Q2"], "no indicator with the id 'CS-99'"),
        (["CS-01", "88", "--period", "2026-08"], "CS-01 is reported quarterly"),
        (["CS-21", "30", "--period", "2026/27 Q2"], "CS-21 is reported monthly"),
        (["CS-15", "51", "--period", "2026/27 Q2"], "CS-15 is reported annual"),
        (["CS-31", "60", "--period", "2026/27 Q2"], "CS-31 was retired after 2026/27 Q1"),
        (["CS-31", "60", "--period", "2024/25 Q4"], "CS-31 is in use only from 2025/26 Q1"),
        (["CS-07", "140", "--period", "2026/27 Q2"], "140 is above 100"),
        (["CS-17", "30.5", "--period", "2026/27 Q2"], "30.5 is not a whole number"),
        (["CS-01", "--period", "2026/27 Q2", "--", "-3"], "-3 is below 0"),
        (
            ["CS-01", "88", "--not-available", "Police system down", "--period", "2026/27 Q2"],
            "give either a value or 'not available'",
        ),
        (["CS-01", "--period", "2026/27 Q2"], "give either a value or 'not available'"),
        (["CS-01", "88", "--period", "2026 Q5"], "there is no quarter 5"),
    ],
)
def test_a_wrong_figure_is_refused_and_nothing_changes(
    run_cli: RunCli, tmp_path: Path, args: list[str], reason: str
) -> None:
    plan = copy_plan(tmp_path)
    record(plan, "CS-02", "9.4", "2026/27 Q2")  # the quarter's file is already there
    before = snapshot(tmp_path / "monitoring")

    result = cli(run_cli, plan, *args)

    assert result.exit_code == 2, result.output
    assert "not recorded" in result.stderr
    assert reason in result.stderr
    assert snapshot(tmp_path / "monitoring") == before


def test_a_refused_first_figure_creates_no_folder(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    result = cli(run_cli, plan, "CS-07", "140", "--period", "2026/27 Q2")

    assert result.exit_code == 2
    assert not (tmp_path / "monitoring").exists()


@pytest.mark.parametrize(
    ("period", "file"), [("2026/27 Q1", "2026-27-Q1.yaml"), ("2025/26 Q3", "2025-26-Q3.yaml")]
)
def test_a_retired_indicator_takes_figures_for_when_it_was_in_use(
    run_cli: RunCli, tmp_path: Path, period: str, file: str
) -> None:
    plan = copy_plan(tmp_path)

    result = cli(run_cli, plan, "CS-31", "61", "--period", period)

    assert result.exit_code == 0, result.output
    assert load(tmp_path / "monitoring" / file)["figures"]["CS-31"][period]["value"] == 61


# -- likely typing errors -------------------------------------------------------

EIGHT_QUARTERS = (
    ("2024/25 Q3", "84.1"),
    ("2024/25 Q4", "84.9"),
    ("2025/26 Q1", "85.3"),
    ("2025/26 Q2", "86.0"),
    ("2025/26 Q3", "85.7"),
    ("2025/26 Q4", "86.4"),
    ("2026/27 Q1", "87.0"),
    ("2026/27 Q2", "87.5"),
)


def test_a_figure_far_outside_the_last_eight_is_refused_unless_accepted(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)
    for period, value in EIGHT_QUARTERS:
        record(plan, "CS-01", value, period)
    folder = tmp_path / "monitoring"
    before = snapshot(folder)

    # 882 for 88.2: a slipped decimal point.
    refused = cli(run_cli, plan, "CS-01", "882", "--period", "2026/27 Q3")
    with pytest.raises(RecordError) as raised:
        record(plan, "CS-01", "882", "2026/27 Q3")

    assert refused.exit_code == 2
    assert "882 is far outside the last 8 figures for CS-01 (84.1 to 87.5)" in refused.stderr
    assert "far outside" in str(raised.value)
    assert snapshot(folder) == before

    usual = cli(run_cli, plan, "CS-01", "88.2", "--period", "2026/27 Q3")
    assert usual.exit_code == 0, usual.output

    accepted = cli(run_cli, plan, "CS-01", "882", "--period", "2026/27 Q4", "--accept-unusual")
    assert accepted.exit_code == 0, accepted.output
    kept = record(plan, "CS-01", "8.8", "2027/28 Q1", options=FigureOptions(accept_unusual=True))
    assert kept.action == "added"
    assert load(folder / "2026-27-Q3.yaml")["figures"]["CS-01"]["2026/27 Q3"]["value"] == 88.2
    assert load(folder / "2026-27-Q4.yaml")["figures"]["CS-01"]["2026/27 Q4"]["value"] == 882
    assert load(folder / "2027-28-Q1.yaml")["figures"]["CS-01"]["2027/28 Q1"]["value"] == 8.8


def test_a_figure_outside_the_plans_expected_range_is_refused_unless_accepted(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)

    refused = cli(run_cli, plan, "CS-32", "2500", "--period", "2026/27 Q2")
    low = cli(run_cli, plan, "CS-32", "12", "--period", "2026/27 Q2")

    assert refused.exit_code == 2
    assert "2500 is above 500, the highest the plan expects for CS-32" in refused.stderr
    assert low.exit_code == 2
    assert "12 is below 100, the lowest the plan expects for CS-32" in low.stderr
    assert not (tmp_path / "monitoring").exists()

    ordinary = cli(run_cli, plan, "CS-32", "250", "--period", "2026/27 Q1")
    accepted = cli(run_cli, plan, "CS-32", "2500", "--period", "2026/27 Q2", "--accept-unusual")

    assert ordinary.exit_code == 0, ordinary.output
    assert accepted.exit_code == 0, accepted.output
    q2 = load(tmp_path / "monitoring" / "2026-27-Q2.yaml")
    assert q2["figures"]["CS-32"]["2026/27 Q2"]["value"] == 2500


# -- final figures, replacements and repeats ------------------------------------


def test_a_final_figure_is_replaced_only_with_replace_final_and_a_reason(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    record(plan, "CS-01", "88.2", "2026/27 Q2", status=FigureStatus.FINAL, by=ANALYST)
    path = tmp_path / "monitoring" / "2026-27-Q2.yaml"
    before = path.read_bytes()

    with pytest.raises(RecordError) as plain_replace:
        record(plan, "CS-01", "88.6", "2026/27 Q2", at=AFTERNOON)
    with pytest.raises(RecordError) as no_reason:
        record(plan, "CS-01", "88.6", "2026/27 Q2", options=FigureOptions(replace_final=True))

    assert "CS-01 for 2026/27 Q2 is final (88.2, recorded by Police analyst" in str(
        plain_replace.value
    )
    assert "--replace-final" in str(plain_replace.value)
    assert "a reason is required" in str(no_reason.value)
    assert path.read_bytes() == before

    reason = "Police resubmitted after the crime data integrity audit"
    outcome = record(
        plan,
        "CS-01",
        "88.6",
        "2026/27 Q2",
        at=AFTERNOON,
        status=FigureStatus.FINAL,
        options=FigureOptions(replace_final=True, reason=reason),
    )

    assert outcome.action == "replaced"
    assert outcome.before == "88.2"
    figure = workspace(plan).figure("CS-01", outcome.period)
    assert figure is not None
    assert figure.value == Decimal("88.6")
    assert figure.status is FigureStatus.FINAL
    assert figure.recorded_by == OFFICER
    assert figure.recorded_at == AFTERNOON
    [earlier] = figure.history
    assert earlier.value == Decimal("88.2")
    assert earlier.status is FigureStatus.FINAL
    assert earlier.recorded_by == ANALYST
    assert earlier.recorded_at == MORNING
    assert earlier.replaced_at == AFTERNOON
    assert earlier.replaced_by == OFFICER
    assert earlier.reason == reason


def test_replacing_a_final_figure_from_the_command_line(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    record(plan, "CS-01", "88.2", "2026/27 Q2", status=FigureStatus.FINAL)
    path = tmp_path / "monitoring" / "2026-27-Q2.yaml"
    before = path.read_bytes()

    refused = cli(run_cli, plan, "CS-01", "88.6", "--period", "2026/27 Q2")
    no_reason = cli(run_cli, plan, "CS-01", "88.6", "--period", "2026/27 Q2", "--replace-final")

    assert refused.exit_code == 2
    assert "is final" in refused.stderr
    assert "--replace-final and a --reason" in refused.stderr
    assert no_reason.exit_code == 2
    assert "reason is required" in no_reason.stderr
    assert path.read_bytes() == before

    replaced = cli(
        run_cli,
        plan,
        "CS-01",
        "88.6",
        "--period",
        "2026/27 Q2",
        "--final",
        "--replace-final",
        "--reason",
        "Audit correction",
    )

    assert replaced.exit_code == 0, replaced.output
    assert "replaced: CS-01 2026/27 Q2 = 88.6 (final)" in replaced.stdout
    assert "the earlier figure (88.2) is kept in its history" in replaced.stdout
    figure = load(path)["figures"]["CS-01"]["2026/27 Q2"]
    assert figure["value"] == 88.6
    [earlier] = figure["history"]
    assert earlier["value"] == 88.2
    assert earlier["reason"] == "Audit correction"
    assert earlier["replaced_by"] == OFFICER
    assert "replaced_at" in earlier


def test_a_provisional_figure_is_replaced_and_its_history_grows(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    record(plan, "CS-03", "8.1", "2026/27 Q2", at=MORNING)
    record(plan, "CS-03", "8.3", "2026/27 Q2", at=AFTERNOON)
    record(plan, "CS-03", "8.4", "2026/27 Q2", at=datetime(2026, 11, 27, 10, 0, tzinfo=UTC))

    figure = workspace(plan).figure("CS-03", workspace(plan).calendar.parse("2026/27 Q2"))

    assert figure is not None
    assert figure.value == Decimal("8.4")
    assert [version.value for version in figure.history] == [Decimal("8.1"), Decimal("8.3")]
    assert [version.replaced_at for version in figure.history] == [
        AFTERNOON,
        datetime(2026, 11, 27, 10, 0, tzinfo=UTC),
    ]


def test_recording_the_same_figure_again_changes_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    first = cli(run_cli, plan, "CS-01", "88.2", "--period", "2026/27 Q2", "--commentary", "Up")
    path = tmp_path / "monitoring" / "2026-27-Q2.yaml"
    assert first.exit_code == 0, first.output
    before = path.read_bytes()
    long_ago = 1_700_000_000_000_000_000
    os.utime(path, ns=(long_ago, long_ago))

    again = cli(run_cli, plan, "CS-01", "88.20", "--period", "2026/27 Q2", "--commentary", "Up")
    by_library = record(plan, "CS-01", "88.2", "2026/27 Q2", at=AFTERNOON, commentary="Up")

    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("unchanged: CS-01 2026/27 Q2")
    assert by_library.action == "unchanged"
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == long_ago


def test_a_figure_not_available_is_recorded_with_the_reason(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)
    reason = "Police recording system migration: October extract not yet run"

    result = cli(run_cli, plan, "CS-03", "--not-available", reason, "--period", "2026/27 Q2")

    assert result.exit_code == 0, result.output
    assert f"CS-03 2026/27 Q2 = not available ({reason})" in result.stdout
    figure = load(tmp_path / "monitoring" / "2026-27-Q2.yaml")["figures"]["CS-03"]["2026/27 Q2"]
    assert figure["not_available"] == reason
    assert "value" not in figure
    assert figure["status"] == "provisional"


# -- what the officer is told -----------------------------------------------------


def test_an_off_target_figure_without_commentary_gets_a_note(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)

    # CS-15 (residents who agree issues are dealt with): higher is better, target 52.
    short = cli(run_cli, plan, "CS-15", "48", "--period", "2026/27")

    assert short.exit_code == 0, short.output
    assert "note: CS-15 is off target for 2026/27: 48 against a target of 52" in short.stderr
    assert "--commentary" in short.stderr
    assert "pmkit record remedial CS-15" in short.stderr
    assert "note:" not in short.stdout


@pytest.mark.parametrize(
    ("indicator", "args"),
    [
        ("CS-15", ["48", "--commentary", "Fieldwork during the Eastgate fires"]),
        ("CS-15", ["55"]),  # on target
        ("CS-05", ["10.5"]),  # exactly on target (lower is better)
        ("CS-15", ["--not-available", "Survey postponed"]),
    ],
)
def test_no_note_with_commentary_or_on_target(
    run_cli: RunCli, tmp_path: Path, indicator: str, args: list[str]
) -> None:
    plan = copy_plan(tmp_path)

    result = cli(run_cli, plan, indicator, *args, "--period", "2026/27")

    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_an_off_target_lower_is_better_figure_gets_a_note(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    # CS-05 (hospital admissions for assault with a sharp object): lower is better, target 10.5.
    result = cli(run_cli, plan, "CS-05", "11.2", "--period", "2026/27")

    assert result.exit_code == 0, result.output
    # 0.7 over the target, within its tolerance of 2: near target, still worth a word.
    assert (
        "CS-05 is near target for 2026/27: 11.2 against a target of 10.5 (target for 2026/27)"
    ) in result.stderr


# -- who is recording ----------------------------------------------------------------


def _isolated_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with no PMKIT_RECORDED_BY and no git identity at all."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PMKIT_", "GIT_", "EMAIL")) and key != "XDG_CONFIG_HOME"
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CEILING_DIRECTORIES=str(home.parent),
        **extra,
    )
    return env


def _record_process(plan: Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pmkit", "--as-of", "2026-11-26", "record", "figure"]
    return subprocess.run(
        [*command, "CS-01", "88.2", "--plan", str(plan)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_nobody_to_name_as_recorder_is_exit_2_naming_by(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    plan = copy_plan(work)

    result = _record_process(plan, work, _isolated_env(home))

    assert result.returncode == 2, result.stderr
    assert "--by" in result.stderr
    assert "who is recording?" in result.stderr
    assert result.stdout == ""
    assert not (work / "monitoring").exists()


@pytest.mark.parametrize("source", ["environment", "git"])
def test_the_recorder_comes_from_the_environment_or_git(tmp_path: Path, source: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    plan = copy_plan(work)
    if source == "environment":
        env = _isolated_env(home, PMKIT_RECORDED_BY="  Community   Safety Analyst ")
        expected = "Community Safety Analyst"
    else:
        (home / "gitconfig").write_text("[user]\n\temail = analyst@kestermoor.example\n")
        env = _isolated_env(home)
        expected = "analyst@kestermoor.example"

    result = _record_process(plan, work, env)

    assert result.returncode == 0, result.stderr
    figure = load(work / "monitoring" / "2026-27-Q2.yaml")["figures"]["CS-01"]["2026/27 Q2"]
    assert figure["recorded_by"] == expected


# -- dry runs ---------------------------------------------------------------------------


def test_a_dry_run_writes_nothing_and_says_what_would_change(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)
    folder = tmp_path / "monitoring"

    first = cli(run_cli, plan, "CS-01", "88.2", "--period", "2026/27 Q2", "--dry-run")

    assert first.exit_code == 0, first.output
    assert "would be recorded: CS-01 2026/27 Q2 = 88.2 (provisional)" in first.stdout
    assert "2026-27-Q2.yaml" in first.stdout
    assert not folder.exists()

    record(plan, "CS-01", "88.2", "2026/27 Q2")
    before = snapshot(folder)

    replace = cli(run_cli, plan, "CS-01", "88.9", "--period", "2026/27 Q2", "--dry-run")
    same = cli(run_cli, plan, "CS-01", "88.2", "--period", "2026/27 Q2", "--dry-run")
    refused = cli(run_cli, plan, "CS-07", "140", "--period", "2026/27 Q2", "--dry-run")

    assert replace.exit_code == 0, replace.output
    assert "would be replaced: CS-01 2026/27 Q2 = 88.9" in replace.stdout
    assert "the earlier figure (88.2)" in replace.stdout
    assert same.exit_code == 0, same.output
    assert "would be unchanged" in same.stdout
    assert refused.exit_code == 2
    assert snapshot(folder) == before
