"""Who has not reported: the officer chases the quarter's returns with ``pmkit returns status``.

The Safer Kestermoor plan is copied into each test's folder, with a monthly
police indicator (so a quarter needs three of its figures) and a partner
that owes nothing (so it is never chased). Figures, progress and spend are
recorded through the library, as a return would record them, and the
quarter's completeness is read both from the library and from the command
line, as text and as JSON.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pmkit.monitoring.entries import record_progress, record_resource
from pmkit.monitoring.figures import FigureInput, FigureOptions, record_figures
from pmkit.monitoring.statuses import ActionStatus, FigureStatus
from pmkit.monitoring.workspace import Recorder, Workspace, open_workspace
from pmkit.returns.completeness import PartnerReturn, completeness
from pmkit.returns.content import build_return

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = date(2026, 11, 26)
QUARTER = "2026/27 Q2"
OFFICER = "Performance officer"
MORNING = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
SUMMER_2027 = date(2027, 6, 30)
"""When 2026/27 Q4's figures, and the year's, are all due (CS-15's lag is two months)."""
OWING = ["council", "police", "opcc", "fire", "probation", "icb", "yjs", "kdas"]
POLICE_FIGURES = [
    "CS-01 (2026/27 Q2)",
    "CS-02 (2026/27 Q2)",
    "CS-12 (2026/27 Q2)",
    "CS-03 (2026/27 Q2)",
    "CS-04 (2026/27 Q2)",
    "CS-07 (2026/27 Q2)",
    "CS-08 (2026/27 Q2)",
    "CS-14 (2026/27 Q2)",
    "CS-11 (2026/27 Q2)",
    "CS-16 (2026/27 Q2)",
    "CS-21 (2026-07)",
    "CS-21 (2026-08)",
    "CS-21 (2026-09)",
]
POLICE_COMMITMENTS = ["A1", "A3", "A4", "A6", "P1", "P2", "P3", "P4"]

EXTRA_INDICATOR = """
  - id: CS-21
    title: Repeat calls about the same address (monthly)
    unit: count
    polarity: lower
    frequency: monthly
    outcomes: [O1]
    owner: {partner: police, role: Chief Inspector}
"""
EXTRA_PARTNER = """
  - id: bid
    name: Kestermoor Town Centre Business Improvement District
    kind: business
"""


# -- helpers ----------------------------------------------------------------


def copy_plan(folder: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count("\nactions:\n") == 1
    assert text.count("\nvision:\n") == 1
    text = text.replace("\nactions:\n", EXTRA_INDICATOR + "\nactions:\n")
    text = text.replace("\nvision:\n", EXTRA_PARTNER + "\nvision:\n")
    plan = folder / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    return plan


def workspace(plan: Path, as_of: date = AS_OF) -> Workspace:
    return open_workspace(plan, as_of=as_of)


def recorder(source: str = "police-2026-27-Q2.xlsx") -> Recorder:
    return Recorder(OFFICER, MORNING, source)


def figure(
    plan: Path,
    indicator: str,
    value: str | None,
    period: str = QUARTER,
    *,
    status: FigureStatus = FigureStatus.FINAL,
    not_available: str | None = None,
) -> None:
    """Record one figure, as a return would."""
    item = FigureInput(
        indicator=indicator,
        period=period,
        value=Decimal(value) if value is not None else None,
        not_available=not_available,
        status=status,
    )
    record_figures(workspace(plan), [item], recorder(), FigureOptions())


def progress(plan: Path, action: str, status: ActionStatus, percent: int | None = None) -> None:
    space = workspace(plan)
    period = space.calendar.parse(QUARTER)
    record_progress(
        space,
        action,
        period=period,
        status=status,
        percent=percent,
        commentary=None,
        recorder=recorder(),
    )


def spend(plan: Path, entity: str, partner: str, amount: str) -> None:
    space = workspace(plan)
    record_resource(
        space,
        entity,
        partner=partner,
        amount=Decimal(amount),
        period=space.calendar.parse(QUARTER),
        commentary=None,
        recorder=recorder(),
    )


def every_police_figure(
    plan: Path, status: FigureStatus = FigureStatus.FINAL, *, provisional: tuple[str, ...] = ()
) -> None:
    """The police's figures for the quarter, all in (those named in ``provisional`` not final)."""
    for label in POLICE_FIGURES:
        indicator, period = label.removesuffix(")").split(" (")
        value = "18" if indicator == "CS-21" else "30.5"
        given = FigureStatus.PROVISIONAL if indicator in provisional else status
        figure(plan, indicator, value, period, status=given)


def report_everything(plan: Path) -> None:
    """Every partner's whole return for the quarter recorded, row by row."""
    space = workspace(plan)
    quarter = space.calendar.parse(QUARTER)
    for partner in OWING:
        for row in build_return(workspace(plan), partner, quarter).rows:
            if row.kind == "figure":
                # What a partner would send: about the figure's target, or its last value.
                guess = row.target or row.last_value.split(" ")[0] or "20"
                value = "3" if row.unit == "score" else guess.replace(",", "")
                figure(plan, row.id, value, row.period)
            elif row.kind == "progress":
                progress(plan, row.id, ActionStatus.ON_TRACK, 50)
            else:
                spend(plan, row.id, partner, "1000")


def states(plan: Path, quarter: str = QUARTER, as_of: date = AS_OF) -> dict[str, PartnerReturn]:
    """Each owing partner's state for ``quarter``, as seen on ``as_of``."""
    space = workspace(plan, as_of)
    return {state.partner: state for state in completeness(space, space.calendar.parse(quarter))}


def status(run_cli: RunCli, plan: Path, *args: str) -> Result:
    """``pmkit --as-of 2026-11-26 returns status ARGS --plan PLAN``."""
    return run_cli("--as-of", AS_OF.isoformat(), "returns", "status", *args, "--plan", plan)


def status_json(run_cli: RunCli, plan: Path, *args: str) -> Any:
    result = status(run_cli, plan, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal wide enough that no table cell wraps (rich reads COLUMNS)."""
    monkeypatch.setenv("COLUMNS", "200")


# -- before anyone reports --------------------------------------------------------


def test_before_anyone_reports_every_partner_that_owes_something_is_missing(
    tmp_path: Path,
) -> None:
    plan = copy_plan(tmp_path)

    found = states(plan)

    assert list(found) == OWING, "the BID owes nothing, so it is not chased"
    assert not any(state.complete for state in found.values())
    police = found["police"]
    assert police.name == "Mereshire Police"
    assert police.figures.missing == POLICE_FIGURES
    assert (police.figures.expected, police.figures.received) == (13, 0)
    assert police.progress.missing == ["A1"]
    assert police.resources.missing == POLICE_COMMITMENTS
    assert police.provisional == []
    opcc = found["opcc"]
    assert (opcc.figures.expected, opcc.progress.expected) == (0, 0)
    assert opcc.resources.missing == ["A7", "P5"]


def test_the_json_report_has_one_entry_per_partner_in_a_fixed_shape(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    figure(plan, "CS-07", "31.9", status=FigureStatus.PROVISIONAL)

    report = status_json(run_cli, plan)

    assert list(report) == ["period", "partners"]
    assert report["period"] == QUARTER
    assert [entry["partner"] for entry in report["partners"]] == OWING
    police = report["partners"][1]
    assert list(police) == [
        "partner",
        "name",
        "complete",
        "figures",
        "progress",
        "resources",
        "provisional",
    ]
    assert police == {
        "partner": "police",
        "name": "Mereshire Police",
        "complete": False,
        "figures": {
            "expected": 13,
            "received": 1,
            "missing": [label for label in POLICE_FIGURES if not label.startswith("CS-07")],
        },
        "progress": {"expected": 1, "received": 0, "missing": ["A1"]},
        "resources": {"expected": 8, "received": 0, "missing": POLICE_COMMITMENTS},
        "provisional": ["CS-07 (2026/27 Q2)"],
    }
    for entry in report["partners"]:
        for kind in ("figures", "progress", "resources"):
            tally = entry[kind]
            assert list(tally) == ["expected", "received", "missing"]
            assert tally["received"] == tally["expected"] - len(tally["missing"])


# -- as the returns come in ----------------------------------------------------------


def test_figures_progress_and_resources_are_counted_separately(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    every_police_figure(plan)
    police = states(plan)["police"]
    assert police.figures.missing == []
    assert police.figures.received == 13
    assert police.progress.missing == ["A1"]
    assert police.resources.received == 0
    assert not police.complete, "figures alone do not complete a return"

    progress(plan, "A1", ActionStatus.ON_TRACK, 45)
    police = states(plan)["police"]
    assert (police.progress.expected, police.progress.received) == (1, 1)
    assert police.resources.missing == POLICE_COMMITMENTS
    assert not police.complete, "the police have not said what they spent"

    for entity in POLICE_COMMITMENTS:
        spend(plan, entity, "police", "15000")
    police = states(plan)["police"]
    assert police.resources.missing == []
    assert police.complete


def test_spend_recorded_by_another_partner_does_not_count_for_this_one(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    spend(plan, "P2", "council", "30000")

    found = states(plan)
    assert "P2" in found["police"].resources.missing
    assert "P2" not in found["council"].resources.missing
    assert found["council"].resources.received == 1


def test_the_indicators_not_yet_reported_are_named(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    for indicator in ("CS-01", "CS-02", "CS-12", "CS-03", "CS-04", "CS-08", "CS-14", "CS-11"):
        figure(plan, indicator, "20")

    police = states(plan)["police"]
    assert police.figures.missing == [
        "CS-07 (2026/27 Q2)",
        "CS-16 (2026/27 Q2)",
        "CS-21 (2026-07)",
        "CS-21 (2026-08)",
        "CS-21 (2026-09)",
    ]
    assert police.figures.received == 8


def test_a_monthly_indicator_is_missing_until_every_month_is_in(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    figure(plan, "CS-21", "17", "2026-07")
    figure(plan, "CS-21", "22", "2026-08")

    missing = states(plan)["police"].figures.missing
    assert "CS-21 (2026-09)" in missing
    assert "CS-21 (2026-07)" not in missing
    assert "CS-21 (2026-08)" not in missing


def test_a_figure_for_another_quarter_does_not_count(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    figure(plan, "CS-07", "33.0", "2026/27 Q1")
    figure(plan, "CS-21", "19", "2026-06")

    missing = states(plan)["police"].figures.missing
    assert "CS-07 (2026/27 Q2)" in missing
    assert missing == POLICE_FIGURES


def test_provisional_figures_count_as_received_and_are_listed(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    every_police_figure(plan, FigureStatus.PROVISIONAL)
    figure(plan, "CS-16", "52.0", status=FigureStatus.FINAL)

    police = states(plan)["police"]

    assert police.figures.missing == []
    assert police.provisional == [label for label in POLICE_FIGURES if "CS-16" not in label]
    assert len(police.provisional) == 12


def test_a_figure_recorded_as_not_available_counts_as_received(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    figure(plan, "CS-16", None, not_available="survey contract re-let; no fieldwork in Q2")

    police = states(plan)["police"]
    assert "CS-16 (2026/27 Q2)" not in police.figures.missing
    assert police.figures.received == 1


def test_a_figure_is_owed_in_the_return_due_after_it_falls_due(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    in_q2 = states(plan)["council"]
    in_q4 = states(plan, "2026/27 Q4", SUMMER_2027)["council"]

    # CS-18 has six weeks' lag: its Q1 figure (due 11 August) belongs to the Q2 return
    # (due 31 October), its Q2 figure to Q3's. CS-20 (three weeks) is due by then.
    assert in_q2.figures.missing == ["CS-18 (2026/27 Q1)", "CS-20 (2026/27 Q2)"]
    # In the Q4 return (due 30 April 2027): CS-18's Q3 figure, CS-19's year (a month's
    # lag) and CS-20's Q4; CS-15's year (two months' lag) waits for the next return.
    assert in_q4.figures.missing == [
        "CS-18 (2026/27 Q3)",
        "CS-19 (2026/27)",
        "CS-20 (2026/27 Q4)",
    ]
    figure(plan, "CS-19", "3", "2026/27")
    in_q4 = states(plan, "2026/27 Q4", SUMMER_2027)["council"]
    assert "CS-19 (2026/27)" not in in_q4.figures.missing
    assert in_q4.figures.received == 1


def test_a_figure_not_due_yet_given_its_data_lag_is_not_chased(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    mid_october = states(plan, QUARTER, date(2026, 10, 20))

    # The police's quarterly figures come a month after the quarter; CS-21 at once.
    assert mid_october["police"].figures.missing == [
        "CS-21 (2026-07)",
        "CS-21 (2026-08)",
        "CS-21 (2026-09)",
    ]
    assert mid_october["yjs"].figures.missing == ["CS-17 (2026/27 Q2)"], "a two-week lag"
    assert states(plan)["police"].figures.missing == POLICE_FIGURES, "by late November, all due"


# -- the command line --------------------------------------------------------------------


def test_the_table_shows_each_partners_counts_and_who_is_still_to_report(
    tmp_path: Path, run_cli: RunCli, wide_terminal: None
) -> None:
    plan = copy_plan(tmp_path)
    every_police_figure(plan, provisional=("CS-07",))
    progress(plan, "A1", ActionStatus.AT_RISK, 30)
    spend(plan, "P1", "police", "45000")

    result = status(run_cli, plan)

    assert result.exit_code == 0, result.output
    assert "Returns for 2026/27 Q2" in result.output
    police = next(line for line in result.output.splitlines() if "Mereshire Police" in line)
    cells = [cell.strip() for cell in police.strip("│ ").split("│")]
    assert cells == ["Mereshire Police", "13 of 13", "1 of 1", "1 of 8", "1", "✗ missing"]
    opcc = next(line for line in result.output.splitlines() if "Office of the Police" in line)
    assert [cell.strip() for cell in opcc.strip("│ ").split("│")][1:4] == ["-", "-", "0 of 2"]
    assert "police has not sent" not in result.output
    assert "council has not sent: CS-18 (2026/27 Q1), CS-20 (2026/27 Q2)" in result.output
    assert "opcc has not sent" not in result.output, "the OPCC owes no figures"
    still = result.output.split("Still to report: ")[1]
    assert still.startswith("Kestermoor Council; Mereshire Police; Office of the Police")
    assert "Business Improvement District" not in result.output


def test_when_every_partner_has_reported_the_officer_is_told_so(
    tmp_path: Path, run_cli: RunCli, wide_terminal: None
) -> None:
    plan = copy_plan(tmp_path)
    report_everything(plan)

    result = status(run_cli, plan)
    report = status_json(run_cli, plan)

    assert result.exit_code == 0, result.output
    assert "Every partner has reported." in result.output
    assert "Still to report" not in result.output
    assert result.output.count("✓ complete") == len(OWING)
    assert all(entry["complete"] for entry in report["partners"])
    assert all(entry["provisional"] == [] for entry in report["partners"])


def test_the_quarter_defaults_to_the_latest_that_has_ended(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    figure(plan, "CS-07", "33.0", "2026/27 Q1")

    latest = status_json(run_cli, plan)
    earlier = status_json(run_cli, plan, "--period", "2026/27 Q1")

    assert latest["period"] == QUARTER
    assert earlier["period"] == "2026/27 Q1"
    police = next(entry for entry in earlier["partners"] if entry["partner"] == "police")
    assert "CS-07 (2026/27 Q1)" not in police["figures"]["missing"]
    assert "CS-21 (2026-04)" in police["figures"]["missing"]


def test_a_period_that_is_not_a_quarter_is_refused(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)

    result = status(run_cli, plan, "--period", "2026/27")

    assert result.exit_code == 2
    assert "give a quarter here, such as 2026/27 Q2" in result.output
    assert "Traceback" not in result.output


def test_a_broken_monitoring_file_is_reported_not_crashed_on(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    figure(plan, "CS-07", "33.0")
    path = tmp_path / "monitoring" / "2026-27-Q2.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 33", "value: lots"), "utf-8")

    result = status(run_cli, plan)

    assert result.exit_code == 2
    assert "2026-27-Q2.yaml" in result.output
    assert "fix the file by hand first" in result.output
