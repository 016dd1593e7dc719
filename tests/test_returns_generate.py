"""Generating returns: the blank spreadsheet each partner's data lead fills in every quarter.

It is late November 2026, and the performance officer of the Safer Kestermoor
Partnership sends out the 2026/27 Q2 returns. Each test copies the example
plan into its own folder, with a few indicators the example lacks (a monthly
one, one with a quarterly target, one whose title and definition look like
spreadsheet formulas) and a partner that owes nothing, then writes returns
with ``pmkit returns generate`` and reads them back as the partner would:
the CSV with the csv module, the workbook with openpyxl.
"""

from __future__ import annotations

import csv
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import load_workbook
from ruamel.yaml import YAML

if TYPE_CHECKING:
    from click.testing import Result
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = "2026-11-26"
"""Late November: 2026/27 Q2 (July to September) is the latest quarter that has ended."""
QUARTER = "2026/27 Q2"
OFFICER = "Performance officer"

FORMULA_TITLE = '=HYPERLINK("http://example.com/steal","Click for the guidance")'
FORMULA_DEFINITION = "@SUM(A1:A9) of the home fire safety visits, as counted by stations"
PLUS_TITLE = "+44 calls to the arson hotline, quarterly"
MINUS_DEFINITION = "-1 for each visit cancelled by the crew, counted from the station log"

EXTRA_INDICATORS = f"""
  - id: CS-21
    title: Repeat calls about the same address (monthly)
    definition:
      text: Addresses with three or more calls about anti-social behaviour in the month.
    unit: count
    polarity: lower
    frequency: monthly
    outcomes: [O1]
    owner: {{partner: police, role: Chief Inspector}}
  - id: CS-22
    title: Domestic abuse arrests within 24 hours of the report (percentage)
    unit: percentage
    polarity: higher
    frequency: quarterly
    outcomes: [O3]
    owner: {{partner: police, role: Detective Chief Inspector}}
    targets:
      - {{period: 2026/27, value: 40}}
      - {{period: 2026/27 Q2, value: 38}}
  - id: CS-23
    title: '{FORMULA_TITLE}'
    definition:
      text: "{FORMULA_DEFINITION}"
    unit: money
    polarity: higher
    frequency: quarterly
    outcomes: [O1]
    owner: {{partner: fire, role: Station manager}}
    targets:
      - {{period: 2026/27 Q2, value: -5}}
  - id: CS-24
    title: "{PLUS_TITLE}"
    definition:
      text: "{MINUS_DEFINITION}"
    unit: count
    polarity: lower
    frequency: quarterly
    outcomes: [O1]
    owner: {{partner: fire, role: Station manager}}
"""

EXTRA_PARTNER = """
  - id: bid
    name: Kestermoor Town Centre Business Improvement District
    kind: business
"""
"""A partner that owns no indicator, leads no action and committed nothing: it owes no return."""

FILL_IN = (
    "Value",
    "Not available because",
    "Status",
    "Commentary",
    "Remedial action",
    "Remedial due",
)
PREFILLED = (
    "Kind",
    "ID",
    "Title",
    "Period",
    "What to give",
    "Unit",
    "Definition",
    "Target",
    "Last value",
)
FIGURE_STATUSES = '"Provisional,Final"'
ACTION_STATUSES = '"Not started,On track,At risk,Off track,Complete"'


# -- helpers ----------------------------------------------------------------


def copy_plan(folder: Path) -> Path:
    """The example plan, with the extra indicators and partner, as ``folder/plan.yaml``."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count("\nactions:\n") == 1
    assert text.count("\nvision:\n") == 1
    text = text.replace("\nactions:\n", EXTRA_INDICATORS + "\nactions:\n")
    text = text.replace("\nvision:\n", EXTRA_PARTNER + "\nvision:\n")
    plan = folder / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    return plan


def plan_data(plan: Path) -> Any:
    """The plan as plain data, read independently of pmkit."""
    return YAML(typ="safe").load(plan.read_text(encoding="utf-8"))


def generate(run_cli: RunCli, plan: Path, *args: str | Path) -> Result:
    """``pmkit --as-of 2026-11-26 returns generate ARGS --plan PLAN``."""
    return run_cli("--as-of", AS_OF, "returns", "generate", *args, "--plan", plan)


def record(run_cli: RunCli, plan: Path, *args: str) -> None:
    """``pmkit record ARGS`` as the officer, which must succeed."""
    result = run_cli("--as-of", AS_OF, "record", *args, "--plan", plan, "--by", OFFICER)
    assert result.exit_code == 0, result.output


def csv_grid(path: Path) -> list[list[str]]:
    """Every line of a CSV return, as the csv module reads it."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def csv_table(path: Path) -> list[dict[str, str]]:
    """The rows under the header of a CSV return, by column name."""
    grid = csv_grid(path)
    header = next(number for number, row in enumerate(grid) if row[:2] == ["Kind", "ID"])
    names = grid[header]
    return [dict(zip(names, row, strict=True)) for row in grid[header + 1 :] if row]


def xlsx_sheet(path: Path) -> Worksheet:
    """The Return sheet of a workbook, formulas as written (``data_only=False``)."""
    workbook = load_workbook(path, data_only=False)
    return workbook["Return"]


def header_row(sheet: Worksheet) -> int:
    """The spreadsheet row number of the column headings."""
    return next(
        number
        for number, row in enumerate(sheet.iter_rows(), start=1)
        if [cell.value for cell in row[:2]] == ["Kind", "ID"]
    )


def column_letters(sheet: Worksheet) -> dict[str, str]:
    """Each heading's column letter."""
    row = header_row(sheet)
    return {str(cell.value): cell.column_letter for cell in sheet[row] if cell.value is not None}


def xlsx_rows(sheet: Worksheet) -> list[tuple[int, dict[str, Any]]]:
    """Each data row's spreadsheet number and its cell values by heading."""
    start = header_row(sheet)
    names = [cell.value for cell in sheet[start]]
    rows = []
    for number, row in enumerate(sheet.iter_rows(min_row=start + 1), start=start + 1):
        values = {str(name): cell.value for name, cell in zip(names, row, strict=False) if name}
        if values.get("Kind"):
            rows.append((number, values))
    return rows


def as_text(value: Any) -> str:
    """A cell as the CSV has it: a number the workbook holds as one, written out."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value)


def validations_at(sheet: Worksheet, coordinate: str) -> list[DataValidation]:
    """The data validations that apply to one cell."""
    return [rule for rule in sheet.data_validations.dataValidation if coordinate in rule.sqref]


def owed_by(plan: Path, partner: str, *, year: str = "2026/27") -> dict[str, set[str]]:
    """What ``partner`` owns, leads and committed in ``year``'s plan, worked out from the YAML."""
    data = plan_data(plan)
    figures = {
        entry["id"]
        for entry in data["indicators"]
        if (entry.get("owner") or {}).get("partner") == partner
        and entry.get("frequency") not in ("annual", "biennial")
    }
    progress = {entry["id"] for entry in data["actions"] if entry["lead"]["partner"] == partner}
    resources = {
        entry["id"]
        for entry in data["actions"]
        if any(r["partner"] == partner for r in entry.get("resources", []))
    } | {
        entry["id"]
        for entry in data["priorities"]
        for budget in entry.get("budgets", [])
        if budget["year"] == year and any(c["partner"] == partner for c in budget["commitments"])
    }
    return {"figure": figures, "progress": progress, "resource": resources}


def by_kind(rows: list[dict[str, str]]) -> dict[str, set[str]]:
    """The ids in a return's rows, per kind."""
    found: dict[str, set[str]] = {"figure": set(), "progress": set(), "resource": set()}
    for row in rows:
        found[row["Kind"]].add(row["ID"])
    return found


# -- what a return holds ------------------------------------------------------


def test_the_polices_return_holds_only_what_the_police_own(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "police.csv"

    result = generate(run_cli, plan, "--partner", "police", "--format", "csv", "-o", path)

    assert result.exit_code == 0, result.output
    rows = csv_table(path)
    expected = owed_by(plan, "police")
    assert by_kind(rows) == expected
    assert {"CS-01", "CS-07", "CS-21", "CS-22"} <= expected["figure"]
    ids = {row["ID"] for row in rows}
    assert "CS-13" not in ids, "the fire service's deliberate fires are not the police's to report"
    assert "CS-10" not in ids, "probation's reoffending rate is not the police's to report"
    assert "A2" not in ids, "the ICB leads the navigators and the police committed nothing to it"
    assert "P5" not in ids, "the police committed nothing to working as one partnership"
    assert f"wrote {path}: {len(rows)} rows for police, {QUARTER}" in result.output


def test_a_partner_that_only_committed_resources_gets_only_resource_rows(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "opcc.csv"

    result = generate(run_cli, plan, "--partner", "opcc", "--format", "csv", "-o", path)

    assert result.exit_code == 0, result.output
    rows = csv_table(path)
    assert {row["Kind"] for row in rows} == {"resource"}
    assert (
        by_kind(rows)
        == owed_by(plan, "opcc")
        == {
            "figure": set(),
            "progress": set(),
            "resource": {"A7", "P5"},
        }
    )
    targets = {row["ID"]: row["Target"] for row in rows}
    assert targets == {"A7": "£10,000 committed for 2026/27", "P5": "£10,000 committed for 2026/27"}


def test_each_figure_row_comes_with_what_the_data_lead_needs(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    record(run_cli, plan, "figure", "CS-02", "9.4", "--period", "2026/27 Q1", "--final")
    path = tmp_path / "police.csv"

    generate(run_cli, plan, "--partner", "police", "--format", "csv", "-o", path)

    row = next(row for row in csv_table(path) if row["ID"] == "CS-02")
    definition = plan_data(plan)["indicators"][1]["definition"]["text"]
    assert row == {
        "Kind": "figure",
        "ID": "CS-02",
        "Title": "Neighbourhood crime, rate per 1,000 population",
        "Period": QUARTER,
        "What to give": "Rolling 12 months: October 2025 to September 2026",
        "Unit": "rate per 1,000",
        "Definition": definition,
        "Target": "9.2",
        "Last value": "9.4 (2026/27 Q1)",
        "Value": "",
        "Not available because": "",
        "Numerator": "",
        "Denominator": "",
        "Status": "",
        "Commentary": "",
        "Remedial action": "",
        "Remedial due": "",
    }
    assert definition.startswith("Residential burglary, robbery of personal property")


def test_the_target_is_the_periods_own_as_the_review_judges_it(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "police.csv"

    generate(run_cli, plan, "--partner", "police", "--format", "csv", "-o", path)

    targets = {row["ID"]: row["Target"] for row in csv_table(path) if row["Kind"] == "figure"}
    assert targets["CS-22"] == "38", "a target set for the quarter itself is shown as it is"
    # The target for the figure's own period, as the review judges it: a percentage
    # against the year's target itself.
    assert targets["CS-07"] == "32.5"
    assert targets["CS-14"] == "95"
    assert targets["CS-01"] == "", "CS-01 is contextual: it has no target"
    # CS-12 (a rate to date) with the plan's profile: 53% of 17.0 by Q2, 9.0.
    assert targets["CS-12"] == "9"


def test_last_values_of_progress_and_resources_come_from_the_quarter_before(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    q1 = ("--period", "2026/27 Q1")
    record(run_cli, plan, "progress", "A1", "--status", "on_track", "--percent", "40", *q1)
    record(run_cli, plan, "resource", "P1", "--partner", "police", "--amount", "22500", *q1)
    record(run_cli, plan, "resource", "P2", "--partner", "council", "--amount", "15000", *q1)
    path = tmp_path / "police.csv"

    generate(run_cli, plan, "--partner", "police", "--format", "csv", "-o", path)

    last = {(row["Kind"], row["ID"]): row["Last value"] for row in csv_table(path)}
    assert last[("progress", "A1")] == "On track, 40% (2026/27 Q1)"
    assert last[("resource", "P1")] == "£22,500 (2026/27 Q1)"
    assert last[("resource", "P2")] == "", "the council's £15,000 is not what the police gave"
    assert last[("figure", "CS-07")] == ""


def test_every_fill_in_cell_is_empty_and_every_row_has_its_id_and_unit(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    csv_path, xlsx_path = tmp_path / "police.csv", tmp_path / "police.xlsx"

    generate(run_cli, plan, "--partner", "police", "--format", "csv", "-o", csv_path)
    generate(run_cli, plan, "--partner", "police", "-o", xlsx_path)

    rows = csv_table(csv_path)
    assert len(rows) == 23  # 14 figures (CS-21 monthly: three), 1 action, 8 commitments
    for row in rows:
        assert all(row[name] == "" for name in FILL_IN), row
        assert row["ID"] and row["Title"] and row["Unit"], row
    units = {row["Kind"]: row["Unit"] for row in rows if row["Kind"] != "figure"}
    assert units == {"progress": "percent complete", "resource": "£"}
    sheet_rows = xlsx_rows(xlsx_sheet(xlsx_path))
    assert len(sheet_rows) == len(rows)
    for (_, cells), row in zip(sheet_rows, rows, strict=True):
        assert all(cells[name] is None for name in FILL_IN), cells
        assert {name: as_text(cells[name]) for name in PREFILLED} == {
            name: row[name] for name in PREFILLED
        }


def test_the_partner_and_quarter_are_stated_above_the_table(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    csv_path, xlsx_path = tmp_path / "police.csv", tmp_path / "police.xlsx"

    generate(run_cli, plan, "--partner", "police", "--format", "csv", "-o", csv_path)
    generate(run_cli, plan, "--partner", "police", "-o", xlsx_path)

    grid = csv_grid(csv_path)
    assert grid[0] == ["pmkit partner return", "Safer Kestermoor Partnership"]
    assert grid[1] == ["Partner", "police", "Mereshire Police"]
    assert grid[2] == ["Period", QUARTER, "July to September 2026"]
    assert grid[3][0] == "How to fill it in"
    assert grid[3][1].startswith("Send it back by 31 October 2026. "), "a month after Q2"
    assert grid[5][:2] == ["Kind", "ID"]
    sheet = xlsx_sheet(xlsx_path)
    assert [sheet["A2"].value, sheet["B2"].value, sheet["C2"].value] == [
        "Partner",
        "police",
        "Mereshire Police",
    ]
    assert [sheet["A3"].value, sheet["B3"].value] == ["Period", QUARTER]
    assert sheet["B4"].value == (
        "Send it back by 31 October 2026. Read the Instructions sheet first; type only in the "
        "yellow columns."
    )
    assert header_row(sheet) == 6
    assert sheet.title == "Return"
    assert sheet.parent.sheetnames == ["Return", "Instructions"]


def test_a_monthly_indicator_has_a_row_for_each_month_of_the_quarter(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "police.csv"

    generate(run_cli, plan, "--partner", "police", "--format", "csv", "-o", path)

    months = [row["Period"] for row in csv_table(path) if row["ID"] == "CS-21"]
    assert months == ["2026-07", "2026-08", "2026-09"]
    quarterly = [row["Period"] for row in csv_table(path) if row["ID"] == "CS-07"]
    assert quarterly == [QUARTER]


def test_each_figure_is_asked_for_once_in_the_return_due_after_it_falls_due(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    returns: dict[str, list[dict[str, str]]] = {}

    for quarter in ("2026/27 Q1", "2026/27 Q2", "2026/27 Q3", "2026/27 Q4", "2027/28 Q1"):
        path = tmp_path / f"council-{quarter.replace('/', '-')}.csv"
        result = generate(
            run_cli,
            plan,
            *("--partner", "council", "--period", quarter),
            *("--format", "csv", "-o", path),
        )
        assert result.exit_code == 0, result.output
        returns[quarter] = csv_table(path)

    def asked(quarter: str, indicator: str) -> list[str]:
        return [row["Period"] for row in returns[quarter] if row["ID"] == indicator]

    # Returns are due a month after the quarter. CS-19 (annual, a month's lag): the
    # 2026/27 figure is due 30 April 2027, the day the Q4 return is due.
    assert [asked(q, "CS-19") for q in returns] == [[], [], [], ["2026/27"], []]
    # CS-15 (annual, two months' lag): 2025/26's is due 31 May 2026, after the Q4
    # return (30 April) and by the Q1 return (31 July); 2026/27's likewise a year on.
    assert [asked(q, "CS-15") for q in returns] == [["2025/26"], [], [], [], ["2026/27"]]
    # CS-18 (quarterly, six weeks' lag): each quarter's figure is due after that
    # quarter's return, so it is asked for in the next quarter's.
    assert [asked(q, "CS-18") for q in returns] == [
        ["2025/26 Q4"],
        ["2026/27 Q1"],
        ["2026/27 Q2"],
        ["2026/27 Q3"],
        ["2026/27 Q4"],
    ]
    cs19 = next(row for row in returns["2026/27 Q4"] if row["ID"] == "CS-19")
    assert cs19["Unit"] == "score"
    cs15 = next(row for row in returns["2026/27 Q1"] if row["ID"] == "CS-15")
    assert cs15["Period"] == "2025/26", "the row is for the year, not the quarter"


def test_an_action_asks_for_progress_only_while_it_is_running(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    returns = {}

    for quarter in ("2026/27 Q4", "2027/28 Q1"):
        path = tmp_path / f"council-{quarter.replace('/', '-').replace(' ', '-')}.csv"
        generate(
            run_cli, plan, "--partner", "council", "--period", quarter, "-f", "csv", "-o", path
        )
        returns[quarter] = {row["ID"] for row in csv_table(path) if row["Kind"] == "progress"}

    assert returns["2026/27 Q4"] == {"A4", "A7"}, "A7 ends in January 2027, within Q4"
    assert returns["2027/28 Q1"] == set(), "both actions ended in 2026/27"


def test_all_writes_one_return_per_partner_that_owes_anything(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    folder = tmp_path / "returns" / "2026-27-Q2"

    result = generate(run_cli, plan, "--all", "-o", folder)

    assert result.exit_code == 0, result.output
    owing = ["council", "police", "opcc", "fire", "probation", "icb", "yjs", "kdas"]
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        f"{partner}-2026-27-Q2.xlsx" for partner in owing
    )
    assert "bid" not in result.output, "the BID owes nothing, so gets no return"
    for partner in owing:
        sheet = xlsx_sheet(folder / f"{partner}-2026-27-Q2.xlsx")
        assert sheet["B2"].value == partner
        assert sheet["B3"].value == QUARTER
        assert xlsx_rows(sheet), f"{partner}'s return has no rows"


def test_a_partner_that_owes_nothing_is_told_so_and_gets_no_file(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "bid.xlsx"

    result = generate(run_cli, plan, "--partner", "bid", "-o", path)

    assert result.exit_code == 0, result.output
    assert f"bid owes nothing for {QUARTER}: no return written" in result.output
    assert not path.exists()


def test_an_existing_return_is_not_overwritten_without_force(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "police.csv"
    generate(run_cli, plan, "--partner", "police", "--format", "csv", "-o", path)
    filled = path.read_bytes().replace(b",95,,,", b",95,,97.1,", 1)
    assert filled != path.read_bytes()
    path.write_bytes(filled)

    refused = generate(run_cli, plan, "--partner", "police", "--format", "csv", "-o", path)

    assert refused.exit_code == 2
    assert f"{path} already exists" in refused.output
    assert "--force" in refused.output
    assert path.read_bytes() == filled, "the partner's figures were overwritten"

    forced = generate(
        run_cli, plan, "--partner", "police", "--format", "csv", "-o", path, "--force"
    )

    assert forced.exit_code == 0, forced.output
    assert b"97.1" not in path.read_bytes()


def test_all_does_not_overwrite_a_return_already_in_the_folder(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    folder = tmp_path / "returns"
    generate(run_cli, plan, "--all", "-o", folder)
    police = folder / "police-2026-27-Q2.xlsx"
    police.write_bytes(b"the police's filled-in return")
    for other in folder.iterdir():
        if other != police:
            other.unlink()  # sent out; only the police's came back

    refused = generate(run_cli, plan, "--all", "-o", folder)

    assert refused.exit_code == 2
    assert "police-2026-27-Q2.xlsx already exists" in refused.output
    assert police.read_bytes() == b"the police's filled-in return"

    forced = generate(run_cli, plan, "--all", "-o", folder, "--force")

    assert forced.exit_code == 0, forced.output
    assert xlsx_sheet(police)["B2"].value == "police"


# -- the workbook: drop-downs, ranges and protection ---------------------------


def test_status_cells_offer_the_statuses_as_a_drop_down(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "police.xlsx"
    generate(run_cli, plan, "--partner", "police", "-o", path)
    sheet = xlsx_sheet(path)
    status = column_letters(sheet)["Status"]

    seen = set()
    for number, cells in xlsx_rows(sheet):
        rules = validations_at(sheet, f"{status}{number}")
        if cells["Kind"] == "resource":
            assert rules == [], f"row {number}: a resource has no status"
            continue
        assert len(rules) == 1, f"row {number}: {rules}"
        rule = rules[0]
        assert rule.type == "list"
        expected = FIGURE_STATUSES if cells["Kind"] == "figure" else ACTION_STATUSES
        assert rule.formula1 == expected, f"row {number} ({cells['ID']})"
        assert rule.showErrorMessage
        seen.add(cells["Kind"])
    assert seen == {"figure", "progress"}


def test_value_cells_are_checked_against_the_units_range(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    police, council = tmp_path / "police.xlsx", tmp_path / "council.xlsx"
    generate(run_cli, plan, "--partner", "police", "-o", police)
    generate(run_cli, plan, "--partner", "council", "--period", "2026/27 Q4", "-o", council)

    def rule_for(path: Path, kind: str, indicator: str) -> tuple[str | None, ...]:
        sheet = xlsx_sheet(path)
        value = column_letters(sheet)["Value"]
        number = next(n for n, c in xlsx_rows(sheet) if (c["Kind"], c["ID"]) == (kind, indicator))
        rules = validations_at(sheet, f"{value}{number}")
        assert len(rules) == 1, f"{indicator}: {rules}"
        rule = rules[0]
        return rule.type, rule.operator, rule.formula1, rule.formula2

    assert rule_for(police, "figure", "CS-07") == ("decimal", "between", "0", "100")
    assert rule_for(police, "figure", "CS-21") == ("whole", "greaterThanOrEqual", "0", None)
    assert rule_for(police, "figure", "CS-02") == ("decimal", "greaterThanOrEqual", "0", None)
    assert rule_for(police, "progress", "A1") == ("whole", "between", "0", "100")
    assert rule_for(council, "figure", "CS-19") == ("decimal", "between", "1", "4")


def test_the_sheet_is_protected_and_only_the_fill_in_columns_are_unlocked(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "police.xlsx"
    generate(run_cli, plan, "--partner", "police", "-o", path)
    sheet = xlsx_sheet(path)
    letters = column_letters(sheet)

    assert sheet.protection.sheet is True
    rows = xlsx_rows(sheet)
    assert len(rows) == 23
    counted = 0
    for number, cells in rows:
        unit = str(cells["Unit"] or "")
        # A rate or percentage figure takes its counts as well.
        counts = cells["Kind"] == "figure" and (
            unit == "percentage" or unit.startswith("rate per ")
        )
        counted += counts
        for name, letter in letters.items():
            locked = sheet[f"{letter}{number}"].protection.locked
            # Only a figure can be not available; an action or resource row cannot say so.
            figure = cells["Kind"] == "figure"
            free = name in FILL_IN and (name != "Not available because" or figure)
            free = free or (counts and name in ("Numerator", "Denominator"))
            assert locked is not free, f"{letter}{number} ({name}) locked={locked}"
    assert counted > 0
    for number in range(1, header_row(sheet) + 1):
        for letter in letters.values():
            assert sheet[f"{letter}{number}"].protection.locked, f"{letter}{number} is unlocked"


# -- text that looks like a formula --------------------------------------------


def test_formula_like_text_is_text_in_the_workbook(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "fire.xlsx"
    generate(run_cli, plan, "--partner", "fire", "-o", path)
    sheet = xlsx_sheet(path)
    letters = column_letters(sheet)
    numbers = {cells["ID"]: number for number, cells in xlsx_rows(sheet)}

    for indicator, column, text in (
        ("CS-23", "Title", FORMULA_TITLE),
        ("CS-23", "Definition", FORMULA_DEFINITION),
        ("CS-24", "Title", PLUS_TITLE),
        ("CS-24", "Definition", MINUS_DEFINITION),
    ):
        cell = sheet[f"{letters[column]}{numbers[indicator]}"]
        assert cell.data_type == "s", f"{indicator} {column} is stored as {cell.data_type}"
        assert cell.value == text
    target = sheet[f"{letters['Target']}{numbers['CS-23']}"]
    assert target.value == -5, "a negative target is shown as it is, as a number"
    assert target.number_format == "£#,##0", "CS-23 is money"
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml, "the sheet holds a formula"
    assert "HYPERLINK" in xml


def test_formula_like_text_starts_with_an_apostrophe_in_the_csv(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "fire.csv"

    generate(run_cli, plan, "--partner", "fire", "--format", "csv", "-o", path)

    rows = {row["ID"]: row for row in csv_table(path)}
    assert rows["CS-23"]["Title"] == "'" + FORMULA_TITLE
    assert rows["CS-23"]["Definition"] == "'" + FORMULA_DEFINITION
    assert rows["CS-24"]["Title"] == "'" + PLUS_TITLE
    assert rows["CS-24"]["Definition"] == "'" + MINUS_DEFINITION
    assert rows["CS-23"]["Target"] == "-5", "a number is not mangled into text"
    for row in rows.values():
        for name, text in row.items():
            assert not text.startswith(("=", "+", "@")), f"{row['ID']} {name}: {text!r}"
            assert not text.startswith("-") or text == "-5", f"{row['ID']} {name}: {text!r}"
