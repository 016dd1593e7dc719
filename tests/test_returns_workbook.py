"""The Excel return as a partner's analyst meets it, filling it in without help.

It is late November 2026; the Safer Kestermoor Partnership's performance
officer sends the police their 2026/27 Q2 return. The example plan gains four
police indicators that show what a row can ask for (a year-to-date count with
a profile, a count for the quarter alone, a snapshot, and money for the
quarter) and a contact for questions. The workbook is read back with
openpyxl: its Instructions sheet, the Return sheet's columns, drop-downs,
checks, number formats and print set-up; then it is filled in with the
drop-downs' labels and imported, as is a return made by an earlier pmkit.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from openpyxl import Workbook, load_workbook
from ruamel.yaml import YAML

if TYPE_CHECKING:
    from click.testing import Result
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = "2026-11-26"
QUARTER = "2026/27 Q2"
OFFICER = "Performance officer"
CONTACT = "Priya Shah, Community Safety Performance Officer, 01632 960123"

EXTRA_INDICATORS = """
  - id: CS-31
    title: Stop and search encounters with a positive outcome, year to date
    unit: count
    polarity: higher
    frequency: quarterly
    accumulation: year_to_date
    outcomes: [O1]
    owner: {partner: police, role: Chief Inspector}
    targets:
      - {period: 2026/27, value: 1200}
    profile: [10, 20, 30, 40]
  - id: CS-32
    title: Hate crimes recorded in the quarter
    unit: count
    polarity: lower
    frequency: quarterly
    accumulation: discrete
    outcomes: [O1]
    owner: {partner: police, role: Chief Inspector}
    targets:
      - {period: 2026/27, value: 1000}
  - id: CS-33
    title: Offenders managed under Integrated Offender Management at the quarter end
    unit: count
    polarity: higher
    frequency: quarterly
    accumulation: snapshot
    outcomes: [O1]
    owner: {partner: police, role: Chief Inspector}
    targets:
      - {period: 2026/27, value: 80}
  - id: CS-34
    title: Proceeds of crime recovered in Kestermoor
    unit: money
    polarity: higher
    frequency: quarterly
    outcomes: [O1]
    owner: {partner: police, role: Detective Chief Inspector}
    targets:
      - {period: 2026/27, value: 400000}
    profile: [10, 20, 30, 40]
"""


# -- helpers -----------------------------------------------------------------------------


def copy_plan(folder: Path) -> Path:
    """The example plan with the four indicators and a contact, as ``folder/plan.yaml``."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count("\nactions:\n") == 1
    assert "\nsettings:" not in text
    text = text.replace("\nactions:\n", EXTRA_INDICATORS + "\nactions:\n")
    text += f"\nsettings:\n  return_contact: {CONTACT}\n"
    plan = folder / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    return plan


def pmkit(run_cli: RunCli, plan: Path, *args: str | Path) -> Result:
    return run_cli("--as-of", AS_OF, *args, "--plan", plan)


def police_return(run_cli: RunCli, plan: Path, file_format: str = "xlsx") -> Path:
    path = plan.parent / f"police.{file_format}"
    result = pmkit(
        run_cli, plan, "returns", "generate", "--partner", "police", "-f", file_format, "-o", path
    )
    assert result.exit_code == 0, result.output
    return path


def header(sheet: Worksheet) -> dict[str, str]:
    """Each heading of the Return sheet's table (on row 6) and its column letter."""
    return {str(cell.value): cell.column_letter for cell in sheet[6] if cell.value is not None}


def rows(sheet: Worksheet) -> dict[tuple[str, str], int]:
    """Each row's kind and id, and its row number."""
    return {
        (str(row[0].value), str(row[1].value)): row[0].row
        for row in sheet.iter_rows(min_row=7)
        if row[0].value
    }


def validations_at(sheet: Worksheet, coordinate: str) -> list[DataValidation]:
    return [rule for rule in sheet.data_validations.dataValidation if coordinate in rule.sqref]


def monitoring(plan: Path) -> Any:
    path = plan.parent / "monitoring" / "2026-27-Q2.yaml"
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


# -- the Instructions sheet ----------------------------------------------------------------


def test_the_workbook_opens_on_instructions_for_the_partners_analyst(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    workbook = load_workbook(police_return(run_cli, plan))

    assert workbook.sheetnames == ["Return", "Instructions"], "import reads the first"
    assert workbook.active is not None and workbook.active.title == "Instructions"
    selected = [sheet.title for sheet in workbook.worksheets if sheet.sheet_view.tabSelected]
    assert selected == ["Instructions"], "two selected tabs would be grouped in Excel"
    guide = workbook["Instructions"]
    text = {str(row[0].value or ""): str(row[1].value or "") for row in guide.iter_rows(min_row=3)}
    assert "31 October 2026" in text["Deadline"], "a month after the quarter ends"
    assert "cumulative figure for the year so far" in text["Which figure"]
    assert "this quarter alone, not the year's total" in text["Resources"]
    assert text["Provisional or final"].startswith("Provisional: the figure may still change")
    assert "Final: checked and will not change" in text["Provisional or final"]
    assert "leave Value empty and say why in 'Not available because'" in text["Not available"]
    assert "The Board then sees why there is a gap" in text["Not available"]
    assert text["Questions"] == f"Ask {CONTACT}."
    assert "Mereshire Police" in text["What this is"]
    assert "Safer Kestermoor Partnership" in text["What this is"]
    assert text["Value"].startswith("The figure, as a number only."), "each column explained"


def test_no_instruction_runs_off_the_screen(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    workbook = load_workbook(police_return(run_cli, plan))

    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str) or len(cell.value) <= 120:
                    continue
                where = f"{sheet.title}!{cell.coordinate}"
                assert cell.alignment.wrap_text, f"{where} is long and not wrapped"
                width = sheet.column_dimensions[cell.column_letter].width
                assert width >= 26, f"{where} is in a column {width} wide"
                height = sheet.row_dimensions[cell.row].height
                assert height is not None and height >= 30, f"{where}: row {height} high"
    guide = workbook["Instructions"]
    assert guide.column_dimensions["B"].width == 100
    paragraphs = [row[1] for row in guide.iter_rows(min_row=3) if row[1].value]
    assert len(paragraphs) >= 20
    assert all(cell.alignment.wrap_text for cell in paragraphs)


# -- the Return sheet -------------------------------------------------------------------


def test_each_figure_row_says_which_figure_it_wants_and_its_periods_target(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    sheet = load_workbook(police_return(run_cli, plan))["Return"]
    at, letters = rows(sheet), header(sheet)

    def cell(indicator: str, column: str) -> Any:
        return sheet[f"{letters[column]}{at['figure', indicator]}"]

    assert cell("CS-31", "What to give").value == (
        "Year to date: the cumulative figure for April to September 2026"
    )
    assert cell("CS-32", "What to give").value == (
        "The count for July to September 2026 alone, not the year so far"
    )
    assert cell("CS-33", "What to give").value == "Snapshot: the position on 30 September 2026"
    assert cell("CS-14", "What to give").value == "The percentage for July to September 2026"
    # Year to date with the profile 10/20/30/40: by Q2, 10% + 20% of 1,200.
    assert cell("CS-31", "Target").value == 360
    # The quarter alone, shared evenly: 3 of 12 months of 1,000.
    assert cell("CS-32", "Target").value == 250
    # A snapshot is judged against the year's target itself.
    assert cell("CS-33", "Target").value == 80
    # Money for the quarter alone, profile 10/20/30/40: Q2's 20% of £400,000.
    assert cell("CS-34", "Target").value == 80000
    assert cell("CS-34", "Target").number_format == "£#,##0"
    assert cell("CS-34", "Unit").value == "£"
    assert sheet[f"{letters['What to give']}{at['resource', 'P1']}"].value == (
        "The amount provided in July to September 2026 alone, in pounds, not the year's total"
    )
    assert sheet[f"{letters['What to give']}{at['progress', 'A1']}"].value == (
        "Percent complete on 30 September 2026, and how it is going"
    )
    resource = sheet[f"{letters['Target']}{at['resource', 'P1']}"].value
    assert resource.startswith("£") and resource.endswith(" committed for 2026/27")
    assert "," in resource, "money is written with thousands separators"


def test_the_partners_cells_refuse_what_does_not_belong(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    sheet = load_workbook(police_return(run_cli, plan))["Return"]
    at, letters = rows(sheet), header(sheet)

    for (kind, ident), number in at.items():
        (value,) = validations_at(sheet, f"{letters['Value']}{number}")
        assert value.type in ("decimal", "whole"), f"{ident}: {value.type}"
        assert value.errorStyle == "stop" and value.showErrorMessage, f"{ident} only prompts"
        (status,) = validations_at(sheet, f"{letters['Status']}{number}") or (None,)
        if kind == "resource":
            assert status is None
            assert sheet[f"{letters['Value']}{number}"].number_format == "£#,##0"
            assert value.prompt == (
                "A number from 0. The amount in pounds provided in this quarter alone, not the "
                "year's total."
            )
        else:
            assert status is not None and status.type == "list" and status.errorStyle == "stop"
    cs34 = sheet[f"{letters['Value']}{at['figure', 'CS-34']}"]
    assert cs34.number_format == "£#,##0", "a money indicator's value is shown as money"
    (count,) = validations_at(sheet, f"{letters['Value']}{at['figure', 'CS-32']}")
    assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")
    (due,) = validations_at(sheet, f"{letters['Remedial due']}{at['figure', 'CS-32']}")
    assert due.type == "date"
    assert sheet[f"{letters['Remedial due']}{at['figure', 'CS-32']}"].number_format == "dd/mm/yyyy"


def test_the_return_prints_landscape_one_page_wide_with_its_header_on_every_page(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    workbook = load_workbook(police_return(run_cli, plan))
    sheet = workbook["Return"]

    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9, "A4"
    assert (int(sheet.page_setup.fitToWidth), int(sheet.page_setup.fitToHeight)) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$6:$6"
    assert sheet.freeze_panes == "C7", "the header row and the ids stay in view"
    guide = workbook["Instructions"]
    assert guide.page_setup.orientation == "portrait"
    assert int(guide.page_setup.fitToWidth) == 1
    widths = {letter: sheet.column_dimensions[letter].width for letter in header(sheet).values()}
    assert all(8 <= width <= 40 for width in widths.values()), widths


def test_the_csv_has_the_same_columns_and_says_when_it_is_due(
    tmp_path: Path, run_cli: RunCli
) -> None:
    import csv

    plan = copy_plan(tmp_path)
    workbook = load_workbook(police_return(run_cli, plan))
    with police_return(run_cli, plan, "csv").open(encoding="utf-8-sig", newline="") as handle:
        grid = list(csv.reader(handle))

    assert grid[5] == [cell.value for cell in workbook["Return"][6]]
    assert grid[3] == [
        "How to fill it in",
        "Send it back by 31 October 2026. Fill in Value (or Not available because) to Remedial "
        "due; 'What to give' says which figure a row wants. Numerator and Denominator (for a "
        "rate or percentage): the counts behind the figure; with them, Value may be left empty "
        "and is worked out.",
    ]
    assert grid[2] == ["Period", QUARTER, "July to September 2026"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not here")
def test_the_return_prints_on_few_pages(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    path = police_return(run_cli, plan)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = (tmp_path / "police.pdf").read_bytes()
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type/Page") <= 6


# -- filling it in and importing it --------------------------------------------------------


def test_a_return_filled_in_with_the_drop_downs_labels_imports(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = police_return(run_cli, plan)
    workbook = load_workbook(path)
    sheet = workbook["Return"]
    at, letters = rows(sheet), header(sheet)

    def type_in(key: tuple[str, str], **cells: Any) -> None:
        for column, value in cells.items():
            sheet[f"{letters[column.replace('_', ' ')]}{at[key]}"].value = value

    type_in(("figure", "CS-31"), Value=402, Status="Final", Commentary="Ahead of profile")
    type_in(("figure", "CS-32"), Value=231, Status="Provisional")
    type_in(
        ("figure", "CS-33"),
        Not_available_because="Case management system migration until November",
        Status="Provisional",
    )
    type_in(("progress", "A1"), Value=55, Status="At risk", Commentary="Two hotspots unstaffed")
    type_in(("resource", "P1"), Value=22500, Commentary="Officer time, from timesheets")
    workbook.save(path)

    result = pmkit(run_cli, plan, "returns", "import", path, "--by", OFFICER)

    assert result.exit_code == 0, result.output
    data = monitoring(plan)
    figures = data["figures"]
    assert figures["CS-31"][QUARTER]["value"] == 402
    assert figures["CS-31"][QUARTER]["status"] == "final"
    assert figures["CS-32"][QUARTER]["status"] == "provisional"
    assert figures["CS-33"][QUARTER]["not_available"] == (
        "Case management system migration until November"
    )
    assert "value" not in figures["CS-33"][QUARTER]
    assert data["actions"]["A1"]["status"] == "at_risk"
    assert data["actions"]["A1"]["percent_complete"] == 55
    assert data["resources"]["P1"]["police"]["amount"] == 22500


def test_a_value_and_a_reason_together_or_a_reason_for_a_resource_are_refused(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = police_return(run_cli, plan)
    workbook = load_workbook(path)
    sheet = workbook["Return"]
    at, letters = rows(sheet), header(sheet)
    reason, value = letters["Not available because"], letters["Value"]
    sheet[f"{value}{at['figure', 'CS-32']}"].value = 231
    sheet[f"{reason}{at['figure', 'CS-32']}"].value = "Not yet validated"
    sheet[f"{reason}{at['resource', 'P1']}"].value = "Budget not yet reconciled"
    workbook.save(path)

    result = pmkit(run_cli, plan, "returns", "import", path, "--by", OFFICER)

    assert result.exit_code == 2, result.output
    lines = [line.strip() for line in result.output.splitlines() if line.startswith("  ")]
    assert lines == [
        f"police.xlsx: sheet Return, row {at['figure', 'CS-32']}, column Not available because: "
        "give a value or why there is none, not both",
        f"police.xlsx: sheet Return, row {at['resource', 'P1']}, column Not available because: "
        "only a figure can be not available: give a value",
    ]


def test_a_return_made_by_an_earlier_pmkit_still_imports(tmp_path: Path, run_cli: RunCli) -> None:
    """The previous layout: one sheet, 13 columns, raw statuses, 'not available: reason'."""
    plan = copy_plan(tmp_path)
    columns = (
        "Kind", "ID", "Title", "Period", "Unit", "Definition", "Target", "Last value",
        "Value", "Status", "Commentary", "Remedial action", "Remedial due",
    )  # fmt: skip
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Return"
    for line in (
        ["pmkit partner return", "Safer Kestermoor Partnership"],
        ["Partner", "police", "Mereshire Police"],
        ["Period", QUARTER],
        ["How to fill it in", "Fill in Value, Status and Commentary for each row..."],
        [],
        list(columns),
        ["figure", "CS-32", "Hate crimes", QUARTER, "count", "", "250", "", 231, "final"],
        ["figure", "CS-33", "IOM", QUARTER, "count", "", "80", "", "not available: system"],
        ["progress", "A1", "Hotspots", QUARTER, "percent complete", "", "", "", 60, "on_track"],
        ["resource", "P1", "Violence", QUARTER, "£", "", "10000 committed", "", 22500],
    ):
        sheet.append(line)
    path = tmp_path / "police-2026-27-Q2.xlsx"
    workbook.save(path)

    result = pmkit(run_cli, plan, "returns", "import", path, "--by", OFFICER)

    assert result.exit_code == 0, result.output
    assert "read police-2026-27-Q2.xlsx: 9 rows" in result.output  # the blank row not counted
    data = monitoring(plan)
    assert data["figures"]["CS-32"][QUARTER]["value"] == 231
    assert data["figures"]["CS-32"][QUARTER]["status"] == "final"
    assert data["figures"]["CS-33"][QUARTER]["not_available"] == "system"
    assert data["actions"]["A1"]["status"] == "on_track"
    assert data["resources"]["P1"]["police"]["amount"] == 22500


# -- where the return goes -------------------------------------------------------------------


def test_one_partners_return_goes_into_a_folder_named_with_o(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    folder = tmp_path / "out"
    folder.mkdir()

    first = pmkit(run_cli, plan, "returns", "generate", "--partner", "police", "-o", folder)
    path = folder / "police-2026-27-Q2.xlsx"
    assert first.exit_code == 0, first.output
    assert f"wrote {path}:" in first.output
    path.write_bytes(b"the police's filled-in return")

    again = pmkit(run_cli, plan, "returns", "generate", "--partner", "police", "-o", folder)
    assert again.exit_code == 2, again.output
    assert f"{path} already exists" in again.output and "--force" in again.output
    assert path.read_bytes() == b"the police's filled-in return"

    forced = pmkit(
        run_cli, plan, "returns", "generate", "--partner", "police", "-o", folder, "--force"
    )
    assert forced.exit_code == 0, forced.output
    assert "Is a directory" not in forced.output
    assert load_workbook(path)["Return"]["B2"].value == "police"
    assert sorted(child.name for child in folder.iterdir()) == ["police-2026-27-Q2.xlsx"]
