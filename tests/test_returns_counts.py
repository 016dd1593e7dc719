"""Returns with the counts behind a rate or percentage, and the limits of a standardised rate.

The police's 2026/27 Q2 return for the Safer Kestermoor example, with one
age-standardised rate added to the plan. A data lead types the counts, with
or without the value; pmkit works the value out or checks it, and an old
return without the count columns still imports. Values are worked out by hand.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import load_workbook
from ruamel.yaml import YAML

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = "2026-11-26"
OFFICER = "Performance officer"

STANDARDISED = """
  - id: CS-93
    title: Hospital admissions for violence, directly age-standardised rate per 100,000
    definition: {text: "Admissions for violence, age-standardised", standardised: true}
    unit: rate per 100,000
    polarity: lower
    frequency: quarterly
    outcomes: [O2]
    owner: {partner: police}
"""


def copy_plan(folder: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    plan = folder / "plan.yaml"
    plan.write_text(text.replace("\nactions:\n", STANDARDISED + "\nactions:\n", 1), "utf-8")
    return plan


def pmkit(run_cli: RunCli, plan: Path, *args: str | Path) -> Result:
    return run_cli("--as-of", AS_OF, *args, "--plan", plan)


def blank(run_cli: RunCli, plan: Path, file_format: str) -> Path:
    path = plan.parent / f"police-2026-27-Q2.{file_format}"
    result = pmkit(
        run_cli, plan, "returns", "generate", "--partner", "police", "-f", file_format, "-o", path
    )
    assert result.exit_code == 0, result.output
    return path


def grid(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def fill_csv(path: Path, entries: dict[str, dict[str, str]], *, drop: tuple[str, ...] = ()) -> None:
    """Type ``entries`` (figure id: column: text) into the CSV; remove the ``drop`` columns."""
    rows = grid(path)
    header = next(number for number, row in enumerate(rows) if row[:2] == ["Kind", "ID"])
    names = rows[header]
    for row in rows[header + 1 :]:
        if row and row[0] == "figure" and row[1] in entries:
            for column, text in entries[row[1]].items():
                row[names.index(column)] = text
    keep = [index for index, name in enumerate(names) if name not in drop]
    rows[header:] = [[row[i] for i in keep if i < len(row)] for row in rows[header:]]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)


def import_returns(run_cli: RunCli, plan: Path, path: Path) -> Result:
    return pmkit(run_cli, plan, "returns", "import", path, "--by", OFFICER)


def figures(plan: Path) -> Any:
    path = plan.parent / "monitoring" / "2026-27-Q2.yaml"
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))["figures"]


def test_the_return_has_count_columns_for_rates_and_limits_for_a_standardised_rate(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    rows = grid(blank(run_cli, plan, "csv"))
    header = next(row for row in rows if row[:2] == ["Kind", "ID"])
    at = header.index("Value")
    assert header[at : at + 7] == [
        "Value",
        "Not available because",
        "Numerator",
        "Denominator",
        "Lower CI",
        "Upper CI",
        "Status",
    ]
    instructions = next(row[1] for row in rows if row and row[0] == "How to fill it in")
    assert "Numerator and Denominator" in instructions
    assert "Lower CI and Upper CI" in instructions


def test_a_return_with_no_rate_or_percentage_has_no_count_columns(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "opcc.csv"
    result = pmkit(
        run_cli, plan, "returns", "generate", "--partner", "opcc", "-f", "csv", "-o", path
    )
    assert result.exit_code == 0, result.output
    header = next(row for row in grid(path) if row[:2] == ["Kind", "ID"])
    assert "Numerator" not in header
    assert "Lower CI" not in header


def test_counts_round_trip_through_a_csv_return(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    path = blank(run_cli, plan, "csv")
    fill_csv(
        path,
        {
            # 1,412 / 153,600 x 1,000 = 9.1927… -> 9.2 (the baseline 9.6 has one place).
            "CS-02": {"Numerator": "1,412", "Denominator": "153,600", "Status": "final"},
            # 51 / 151 x 100 = 33.77…% -> 33.8, typed as well and checked.
            "CS-07": {"Value": "33.8", "Numerator": "51", "Denominator": "151"},
            "CS-93": {
                "Value": "52.3",
                "Numerator": "437",
                "Denominator": "899,100",
                "Lower CI": "47.4",
                "Upper CI": "57.6",
            },
        },
    )
    result = import_returns(run_cli, plan, path)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    recorded = figures(plan)
    cs02 = recorded["CS-02"]["2026/27 Q2"]
    assert (str(cs02["value"]), cs02["numerator"], cs02["denominator"]) == ("9.2", 1412, 153600)
    assert cs02["status"] == "final"
    cs07 = recorded["CS-07"]["2026/27 Q2"]
    assert (str(cs07["value"]), cs07["numerator"], cs07["denominator"]) == ("33.8", 51, 151)
    cs93 = recorded["CS-93"]["2026/27 Q2"]
    assert [str(cs93[key]) for key in ("value", "lower_ci", "upper_ci")] == ["52.3", "47.4", "57.6"]
    again = import_returns(run_cli, plan, path)
    assert again.exit_code in (0, 1), again.output
    assert figures(plan) == recorded


def test_counts_round_trip_through_a_workbook(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    path = blank(run_cli, plan, "xlsx")
    book = load_workbook(path)
    sheet = book["Return"]
    header = next(row[0].row for row in sheet.iter_rows() if row[0].value == "Kind")
    letters = {str(cell.value): cell.column_letter for cell in sheet[header] if cell.value}
    for row in sheet.iter_rows(min_row=header + 1):
        if row[1].value == "CS-07":
            number = row[0].row
            sheet[f"{letters['Numerator']}{number}"].value = 51
            sheet[f"{letters['Denominator']}{number}"].value = 151
    book.save(path)
    result = import_returns(run_cli, plan, path)
    assert result.exit_code in (0, 1), result.output
    # 51 / 151 x 100 = 33.774…% -> 33.8.
    assert str(figures(plan)["CS-07"]["2026/27 Q2"]["value"]) == "33.8"


def test_counts_that_disagree_with_the_value_are_refused_naming_the_cell(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = blank(run_cli, plan, "csv")
    fill_csv(path, {"CS-07": {"Value": "35.0", "Numerator": "51", "Denominator": "151"}})
    result = import_returns(run_cli, plan, path)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert (
        "police-2026-27-Q2.csv: row " in result.output
        and ", column Value: CS-07 2026/27 Q2: value 35.0 does not match 51 / 151 \u00d7 100 = "
        "33.77483…, which is 33.8 to 1 decimal place"
        in result.output
    )
    assert not (tmp_path / "monitoring").exists()


def test_a_numerator_above_the_denominator_is_refused_in_its_column(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = blank(run_cli, plan, "csv")
    fill_csv(path, {"CS-07": {"Numerator": "160", "Denominator": "151"}})
    result = import_returns(run_cli, plan, path)
    assert result.exit_code == 2
    assert ", column Numerator: CS-07 2026/27 Q2: the numerator 160 is more than" in result.output


def test_a_count_that_is_not_a_number_is_refused_in_its_column(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = blank(run_cli, plan, "csv")
    fill_csv(path, {"CS-07": {"Numerator": "51", "Denominator": "15l"}})
    result = import_returns(run_cli, plan, path)
    assert result.exit_code == 2
    assert ", column Denominator: '15l' is not a number" in result.output


def test_an_old_return_without_the_count_columns_still_imports(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = blank(run_cli, plan, "csv")
    fill_csv(
        path,
        {"CS-07": {"Value": "33.8", "Status": "final"}},
        drop=("Numerator", "Denominator", "Lower CI", "Upper CI"),
    )
    header = next(row for row in grid(path) if row[:2] == ["Kind", "ID"])
    assert "Numerator" not in header
    result = import_returns(run_cli, plan, path)
    assert result.exit_code in (0, 1), result.output
    cs07 = figures(plan)["CS-07"]["2026/27 Q2"]
    assert str(cs07["value"]) == "33.8"
    assert "numerator" not in cs07


def test_the_workbooks_count_cells_are_open_and_take_numbers_only_on_the_rows_that_take_them(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    sheet = load_workbook(blank(run_cli, plan, "xlsx"))["Return"]
    header = next(row[0].row for row in sheet.iter_rows() if row[0].value == "Kind")
    letters = {str(cell.value): cell.column_letter for cell in sheet[header] if cell.value}
    named = list(letters)
    at = named.index("Not available because")
    assert named[at + 1 : at + 5] == ["Numerator", "Denominator", "Lower CI", "Upper CI"]
    seen = {"counts": 0, "interval": 0, "neither": 0}
    for row in sheet.iter_rows(min_row=header + 1):
        number = row[0].row
        kind = sheet[f"{letters['Kind']}{number}"].value
        if not kind:
            continue
        unit = str(sheet[f"{letters['Unit']}{number}"].value or "")
        counts = kind == "figure" and (unit == "percentage" or unit.startswith("rate per "))
        interval = sheet[f"{letters['ID']}{number}"].value == "CS-93"
        seen["interval" if interval else "counts" if counts else "neither"] += 1
        for name, takes in (
            ("Numerator", counts),
            ("Denominator", counts),
            ("Lower CI", interval),
            ("Upper CI", interval),
        ):
            cell = f"{letters[name]}{number}"
            assert sheet[cell].protection.locked is not takes, f"{cell} ({name})"
            rules = [r for r in sheet.data_validations.dataValidation if cell in r.sqref]
            if not takes:
                assert rules == [], f"{cell} ({name}) has a check on a row that cannot take it"
                continue
            assert len(rules) == 1, f"{cell} ({name}): {rules}"
            rule = rules[0]
            # A number, 0 or more; anything else (text) is stopped.
            assert (rule.type, rule.operator, rule.formula1) == (
                "decimal",
                "greaterThanOrEqual",
                "0",
            )
            assert rule.errorStyle == "stop" and rule.showErrorMessage
            assert rule.prompt.startswith("A number from 0.")
    assert seen["counts"] >= 2 and seen["interval"] == 1 and seen["neither"] >= 1, seen


def test_the_instructions_say_what_the_counts_are_only_when_the_return_has_them(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    guide = load_workbook(blank(run_cli, plan, "xlsx"))["Instructions"]
    entries = {
        str(row[0].value): str(row[1].value)
        for row in guide.iter_rows(min_row=3)
        if row[0].value and row[1].value
    }
    assert "Value may be left empty: it is worked out from the counts" in entries["Counts"]
    assert "95% confidence limits" in entries["Confidence limits"]
    for name in ("Numerator", "Denominator", "Lower CI", "Upper CI"):
        assert entries[name].startswith("For a"), name
    assert "Value may be left empty" in entries["Numerator"]

    opcc = tmp_path / "opcc.xlsx"
    result = pmkit(
        run_cli, plan, "returns", "generate", "--partner", "opcc", "-f", "xlsx", "-o", opcc
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(opcc)
    words = [str(cell.value) for row in book["Instructions"].iter_rows() for cell in row]
    assert not any("Numerator" in text or "Lower CI" in text for text in words)
    assert "Numerator" not in [cell.value for row in book["Return"].iter_rows() for cell in row]
