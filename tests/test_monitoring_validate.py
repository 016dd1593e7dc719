"""`pmkit validate` on a plan's monitoring folder: every problem at its file, line and column.

Monitoring files are often edited by hand, so ``pmkit validate`` checks them
against the plan: the file names, the periods, every id, the units and the
scales. Each test copies the Safer Kestermoor plan (with a retired indicator
added), writes the monitoring file a user might have written, and reads the
findings as the user would, at ``file:line:col: CODE``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pmkit.monitoring.figures import FigureInput, FigureOptions, record_figures
from pmkit.monitoring.workspace import Recorder, open_workspace

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = date(2026, 11, 26)

RETIRED_INDICATOR = """
  - id: CS-31
    title: Victims satisfied with the follow-up visit (retired after 2026/27 Q1)
    unit: percentage
    polarity: higher
    frequency: quarterly
    outcomes: [O3]
    active: {from: 2025/26 Q1, to: 2026/27 Q1}
"""

STAMP = "recorded_by: Data officer\n{indent}recorded_at: 2026-10-20T09:15:00+01:00\n"


def copy_plan(folder: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count("\nactions:\n") == 1
    plan = folder / "plan.yaml"
    plan.write_text(text.replace("\nactions:\n", RETIRED_INDICATOR + "\nactions:\n"), "utf-8")
    return plan


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / "monitoring" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def quarter_file(period: str, body: str) -> str:
    return f"format_version: 1\nperiod: {period}\n{body}"


def figure(label: str, fields: str = "value: 88.2\n", indent: int = 6) -> str:
    """A figure's block: ``label:`` at ``indent - 2``, its fields and a stamp at ``indent``."""
    pad = " " * indent
    lines = "".join(pad + line + "\n" for line in fields.splitlines())
    return f"{' ' * (indent - 2)}{label}:\n{lines}{pad}{STAMP.format(indent=pad)}"


def place(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """The 1-based line and column where the ``occurrence``-th ``needle`` starts in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column


def validate(run_cli: RunCli, plan: Path) -> Result:
    return run_cli("--as-of", AS_OF.isoformat(), "validate", plan)


def findings(result: Result, code_prefix: str = "MON") -> list[str]:
    """The finding lines whose code starts with ``code_prefix``."""
    return [line for line in result.stdout.splitlines() if f": {code_prefix}" in line]


def assert_reported(result: Result, path: Path, at: tuple[int, int], code: str, words: str) -> None:
    line, column = at
    expected = f"{path}:{line}:{column}: {code} "
    matching = [found for found in result.stdout.splitlines() if found.startswith(expected)]
    assert matching, f"no {expected!r} in:\n{result.stdout}"
    assert any(words in found for found in matching), matching


# -- file names and periods -------------------------------------------------------------


def test_a_stray_file_in_the_folder_is_mon001(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    stray = write(tmp_path, "notes.yaml", "CS-01: looks high, ask the police\n")
    write(tmp_path, "README.md", "Monitoring data for the Board.\n")  # not YAML: left alone

    result = validate(run_cli, plan)

    assert result.exit_code == 1, result.output
    assert_reported(result, stray, (1, 1), "MON001", "not named after a period")
    assert findings(result) == [line for line in findings(result) if "notes.yaml" in line]
    assert "README" not in result.stdout


@pytest.mark.parametrize("name", ["2026-27-Q5.yaml", "2026-Q2.yaml", "2026-08.yaml", "q2.yml"])
def test_a_file_named_after_no_period_is_mon001(run_cli: RunCli, tmp_path: Path, name: str) -> None:
    plan = copy_plan(tmp_path)
    stray = write(tmp_path, name, quarter_file("2026/27 Q2", ""))

    result = validate(run_cli, plan)

    assert result.exit_code == 1, result.output
    assert_reported(result, stray, (1, 1), "MON001", "not named after a period")


def test_a_file_whose_period_is_not_its_name_is_mon002(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    text = quarter_file("2026/27 Q3", "")
    path = write(tmp_path, "2026-27-Q2.yaml", text)

    result = validate(run_cli, plan)

    assert result.exit_code == 1, result.output
    assert_reported(
        result,
        path,
        place(text, "period:"),
        "MON002",
        "the file says it holds 2026/27 Q3, but its name says 2026/27 Q2",
    )


# -- ids the plan does not have -----------------------------------------------------------

UNKNOWN_IDS = {
    "indicator": (
        "figures:\n  CS-99:\n" + figure("2026/27 Q2"),
        "CS-99:",
        "the plan has no indicator with the id 'CS-99'",
    ),
    "action": (
        "actions:\n  A99:\n    status: on_track\n    " + STAMP.format(indent="    "),
        "A99:",
        "the plan has no action with the id 'A99'",
    ),
    "resource partner": (
        "resources:\n  A3:\n    parish:\n      amount: 500\n      " + STAMP.format(indent="      "),
        "parish:",
        "the plan has no partner with the id 'parish'",
    ),
    "resource action": (
        "resources:\n  A99:\n    council:\n      amount: 500\n      "
        + STAMP.format(indent="      "),
        "A99:",
        "the plan has no action or priority with the id 'A99'",
    ),
    "remedial owner": (
        "remedial_actions:\n  RA-2026-27-Q2-1:\n    about: CS-08\n    action: MARAC audit\n"
        "    owner: {partner: parish}\n    due: 2027-01-31\n    agreed_in: 2026/27 Q2\n    "
        + STAMP.format(indent="    "),
        "partner: parish",
        "the plan has no partner with the id 'parish'",
    ),
    "remedial subject": (
        "remedial_actions:\n  RA-2026-27-Q2-1:\n    about: CS-99\n    action: MARAC audit\n"
        "    owner: {partner: police}\n    due: 2027-01-31\n    agreed_in: 2026/27 Q2\n    "
        + STAMP.format(indent="    "),
        "about:",
        "the plan has no indicator or action with the id 'CS-99'",
    ),
}


@pytest.mark.parametrize("case", UNKNOWN_IDS, ids=list(UNKNOWN_IDS))
def test_an_id_the_plan_does_not_have_is_mon003(run_cli: RunCli, tmp_path: Path, case: str) -> None:
    body, needle, words = UNKNOWN_IDS[case]
    plan = copy_plan(tmp_path)
    text = quarter_file("2026/27 Q2", body)
    path = write(tmp_path, "2026-27-Q2.yaml", text)

    result = validate(run_cli, plan)

    assert result.exit_code == 1, result.output
    assert_reported(result, path, place(text, needle), "MON003", words)
    assert len(findings(result)) == 1, findings(result)


SCORES = """\
format_version: 1
period: 2026/27
self_assessment:
  honesty:
    council:
      score: 3
      recorded_by: Partnership manager
      recorded_at: 2026-06-18T16:00:00+01:00
  trust:
    parish:
      score: 2
      recorded_by: Partnership manager
      recorded_at: 2026-06-18T16:00:00+01:00
    police:
      score: 5
      recorded_by: Partnership manager
      recorded_at: 2026-06-18T16:00:00+01:00
"""


def test_unknown_principles_and_partners_and_off_scale_scores(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)
    path = write(tmp_path, "2026-27.yaml", SCORES)

    result = validate(run_cli, plan)

    assert result.exit_code == 1, result.output
    assert_reported(
        result, path, place(SCORES, "honesty:"), "MON003", "no principle with the id 'honesty'"
    )
    assert_reported(
        result, path, place(SCORES, "parish:"), "MON003", "no partner with the id 'parish'"
    )
    assert_reported(
        result,
        path,
        place(SCORES, "score: 5"),
        "MON007",
        "a score of 5 is outside the plan's scale of 1 to 4",
    )
    assert len(findings(result)) == 3, findings(result)


# -- figures that cannot be -----------------------------------------------------------------


def test_a_figure_for_a_period_the_indicator_cannot_have_is_mon004(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)
    text = quarter_file(
        "2026/27 Q2",
        "figures:\n  CS-01:\n"
        + figure("2026-08")  # CS-01 is quarterly: a month is no period of it
        + figure("2026/27 Q3")  # the right kind of period, in the wrong quarter's file
        + "  CS-31:\n"
        + figure("2026/27 Q2", "value: 71\n"),  # retired after Q1
    )
    path = write(tmp_path, "2026-27-Q2.yaml", text)

    result = validate(run_cli, plan)

    assert result.exit_code == 1, result.output
    assert_reported(
        result,
        path,
        place(text, "2026-08:"),
        "MON004",
        "CS-01 is reported quarterly, so its figures are for a quarter, not a month",
    )
    assert_reported(
        result,
        path,
        place(text, "2026/27 Q3:"),
        "MON004",
        "a figure for 2026/27 Q3 belongs in 2026-27-Q3.yaml, not in this file",
    )
    assert_reported(
        result, path, place(text, "2026/27 Q2:"), "MON004", "CS-31 was retired after 2026/27 Q1"
    )
    assert len(findings(result)) == 3, findings(result)


def test_a_monthly_figure_in_the_wrong_quarters_file_is_mon004(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)
    text = quarter_file("2026/27 Q1", "figures:\n  CS-01:\n" + figure("2026/27 Q2"))
    path = write(tmp_path, "2026-27-Q1.yaml", text)

    result = validate(run_cli, plan)

    assert result.exit_code == 1, result.output
    assert_reported(result, path, place(text, "2026/27 Q2:"), "MON004", "belongs in 2026-27-Q2")


@pytest.mark.parametrize(
    ("indicator", "value", "words"),
    [
        ("CS-07", "140", "140 is above 100, the highest a percentage can be"),
        ("CS-17", "30.5", "30.5 is not a whole number, and a count must be"),
        ("CS-01", "-4", "-4 is below 0, the lowest a rate per 1,000 can be"),
    ],
)
def test_a_value_its_unit_cannot_hold_is_mon005(
    run_cli: RunCli, tmp_path: Path, indicator: str, value: str, words: str
) -> None:
    plan = copy_plan(tmp_path)
    text = quarter_file(
        "2026/27 Q2", f"figures:\n  {indicator}:\n" + figure("2026/27 Q2", f"value: {value}\n")
    )
    path = write(tmp_path, "2026-27-Q2.yaml", text)

    result = validate(run_cli, plan)

    assert result.exit_code == 1, result.output
    assert_reported(result, path, place(text, "value:"), "MON005", words)


def test_a_figure_written_on_one_line_is_placed_exactly(run_cli: RunCli, tmp_path: Path) -> None:
    """A hand edit in flow style, its timestamp's colons and all, still gets its own column."""
    plan = copy_plan(tmp_path)
    text = quarter_file(
        "2026/27 Q2",
        "figures:\n  CS-07:\n    2026/27 Q2: {recorded_at: 2026-10-20T09:15:00+01:00, "
        "recorded_by: Data officer, value: 140}\n",
    )
    path = write(tmp_path, "2026-27-Q2.yaml", text)

    result = validate(run_cli, plan)

    assert result.exit_code == 1, result.output
    assert_reported(result, path, place(text, "value: 140"), "MON005", "140 is above 100")


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ("value: 8.2\nnot_available: Police extract delayed\n", "has both"),
        ("status: provisional\n", "has neither"),
    ],
)
def test_a_figure_needs_a_value_or_not_available_but_not_both_mon006(
    run_cli: RunCli, tmp_path: Path, fields: str, words: str
) -> None:
    plan = copy_plan(tmp_path)
    text = quarter_file("2026/27 Q2", "figures:\n  CS-03:\n" + figure("2026/27 Q2", fields))
    path = write(tmp_path, "2026-27-Q2.yaml", text)

    result = validate(run_cli, plan)

    assert result.exit_code == 1, result.output
    assert_reported(result, path, place(text, "2026/27 Q2:"), "MON006", words)


# -- files that are not monitoring files ---------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "needle", "words"),
    [
        ("value: eighty-eight\n", "value:", "expected a number"),
        ("value: 88.2\nstatus: signed off\n", "status:", "status"),
        ("valeu: 88.2\n", "valeu:", "valeu"),
    ],
)
def test_a_wrong_type_in_a_monitoring_file_is_a_str_finding(
    run_cli: RunCli, tmp_path: Path, fields: str, needle: str, words: str
) -> None:
    plan = copy_plan(tmp_path)
    text = quarter_file("2026/27 Q2", "figures:\n  CS-01:\n" + figure("2026/27 Q2", fields))
    path = write(tmp_path, "2026-27-Q2.yaml", text)

    result = validate(run_cli, plan)

    assert result.exit_code == 1, result.output
    line, column = place(text, needle)
    reported = [
        found
        for found in findings(result, "STR")
        if found.startswith(f"{path}:{line}:{column}: STR")
    ]
    assert reported, result.stdout
    assert words in reported[0]
    assert findings(result) == []  # the file's content is checked only once its shape holds


def test_a_monitoring_file_that_is_not_a_mapping_is_a_str_finding(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)
    path = write(tmp_path, "2026-27-Q2.yaml", "- CS-01 88.2\n- CS-02 9.4\n")

    result = validate(run_cli, plan)

    assert result.exit_code == 1, result.output
    assert any(found.startswith(f"{path}:1:1: STR") for found in findings(result, "STR"))


def test_a_monitoring_file_that_is_not_yaml_is_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    text = quarter_file("2026/27 Q2", "figures:\n  CS-01:\n    2026/27 Q2: {value: 88.2, status\n")
    path = write(tmp_path, "2026-27-Q2.yaml", text)

    result = validate(run_cli, plan)

    assert result.exit_code == 2, result.output
    assert f"{path}:" in result.stdout
    assert "YML001" in result.stdout


# -- what stays valid ------------------------------------------------------------------------------


def test_a_retired_indicator_keeps_its_figures_for_when_it_was_in_use(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)
    write(
        tmp_path,
        "2025-26-Q1.yaml",
        quarter_file("2025/26 Q1", "figures:\n  CS-31:\n" + figure("2025/26 Q1", "value: 64\n")),
    )
    write(
        tmp_path,
        "2026-27-Q1.yaml",
        quarter_file("2026/27 Q1", "figures:\n  CS-31:\n" + figure("2026/27 Q1", "value: 69\n")),
    )

    result = validate(run_cli, plan)

    assert result.exit_code == 0, result.output
    assert findings(result) == []
    assert "2026-27-Q1.yaml" not in result.stdout


def test_a_retired_indicator_before_it_started_is_mon004(run_cli: RunCli, tmp_path: Path) -> None:
    """The control for the test above: the same figure a year too early is reported."""
    plan = copy_plan(tmp_path)
    text = quarter_file("2024/25 Q4", "figures:\n  CS-31:\n" + figure("2024/25 Q4", "value: 64\n"))
    path = write(tmp_path, "2024-25-Q4.yaml", text)

    result = validate(run_cli, plan)

    assert result.exit_code == 1
    assert_reported(result, path, place(text, "2024/25 Q4:"), "MON004", "in use only from")


def test_files_pmkit_recorded_are_clean(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    space = open_workspace(plan, as_of=AS_OF)
    recorder = Recorder("Performance officer", datetime(2026, 11, 26, 9, 0, tzinfo=UTC), "test")
    items = [
        FigureInput("CS-01", "2026/27 Q2", Decimal("88.2")),
        FigureInput("CS-31", "2026/27 Q1", Decimal("69")),
        FigureInput("CS-15", "2026/27", Decimal("51")),
        FigureInput("CS-03", "2026/27 Q2", not_available="Extract delayed"),
    ]
    record_figures(space, items, recorder, FigureOptions())

    result = validate(run_cli, plan)

    assert result.exit_code == 0, result.output
    assert findings(result) == []
    assert len(list((tmp_path / "monitoring").glob("*.yaml"))) == 3


def test_every_problem_in_one_file_is_reported(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    text = quarter_file(
        "2026/27 Q3",
        "figures:\n  CS-99:\n"
        + figure("2026/27 Q2")
        + "  CS-07:\n"
        + figure("2026/27 Q2", "value: 140\n")
        + "  CS-03:\n"
        + figure("2026/27 Q2", "value: 8\nnot_available: Extract delayed\n")
        + "actions:\n  A99:\n    status: on_track\n    "
        + STAMP.format(indent="    "),
    )
    path = write(tmp_path, "2026-27-Q2.yaml", text)

    result = validate(run_cli, plan)

    assert result.exit_code == 1, result.output
    assert_reported(result, path, place(text, "period:"), "MON002", "its name says 2026/27 Q2")
    assert_reported(result, path, place(text, "CS-99:"), "MON003", "'CS-99'")
    assert_reported(result, path, place(text, "value: 140"), "MON005", "140 is above 100")
    assert_reported(result, path, place(text, "2026/27 Q2:", 3), "MON006", "has both")
    assert_reported(result, path, place(text, "A99:"), "MON003", "'A99'")
    assert len(findings(result)) == 5, findings(result)
