"""Importing returns: the filled-in spreadsheets come back, and the officer loads them.

It is late November 2026. The performance officer of the Safer Kestermoor
Partnership sent every partner its 2026/27 Q2 return; the police's data lead
sent back the workbook, the council's sent a CSV. Returns are filled in here
the way a data lead would: in the workbook with openpyxl (typing a number,
letting Excel keep 45% as 0.45, typing a date), in the CSV with the csv
module (as Excel saves it: with a byte-order mark, or in Windows-1252, with
"1,250" and "45%"). Then ``pmkit returns import`` loads them, or refuses
them with the row and column to fix, writing nothing.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from openpyxl import load_workbook
from ruamel.yaml import YAML

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = "2026-11-26"
QUARTER = "2026/27 Q2"
OFFICER = "Performance officer"
PARTNERS = ("council", "police", "opcc", "fire", "probation", "icb", "yjs", "kdas")
POLICE_XLSX = "police-2026-27-Q2.xlsx"
COUNCIL_CSV = "council-2026-27-Q2.csv"

Key = tuple[str, str]
"""A row of a return: its kind and id (``("figure", "CS-07")``)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """What a partner's data lead types into one row."""

    value: Any = None
    status: str | None = None
    commentary: str | None = None
    remedy: str | None = None
    due: Any = None
    number_format: str | None = None


FILL_IN = {
    "Value": "value",
    "Status": "status",
    "Commentary": "commentary",
    "Remedial action": "remedy",
    "Remedial due": "due",
}


# -- helpers ----------------------------------------------------------------


@pytest.fixture
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal wide enough that no table cell wraps (rich reads COLUMNS)."""
    monkeypatch.setenv("COLUMNS", "200")


def copy_plan(folder: Path) -> Path:
    """The community-safety example, unchanged, as ``folder/plan.yaml``."""
    plan = folder / "plan.yaml"
    plan.write_bytes(EXAMPLE.read_bytes())
    return plan


def pmkit(run_cli: RunCli, plan: Path, *args: str | Path) -> Result:
    """``pmkit --as-of 2026-11-26 ARGS --plan PLAN``."""
    return run_cli("--as-of", AS_OF, *args, "--plan", plan)


def import_returns(run_cli: RunCli, plan: Path, *args: str | Path) -> Result:
    """``pmkit returns import ARGS`` as the officer."""
    return pmkit(run_cli, plan, "returns", "import", *args, "--by", OFFICER)


def generate_all(run_cli: RunCli, plan: Path, file_format: str = "xlsx") -> Path:
    """Every partner's blank return for the quarter, in ``returns/`` beside the plan."""
    folder = plan.parent / "returns"
    result = pmkit(run_cli, plan, "returns", "generate", "--all", "-f", file_format, "-o", folder)
    assert result.exit_code == 0, result.output
    return folder


def blank(run_cli: RunCli, plan: Path, partner: str, file_format: str) -> Path:
    """One partner's blank return, as the officer emails it."""
    name = f"{partner}-2026-27-Q2.{file_format}"
    path = plan.parent / "sent" / name
    path.parent.mkdir(exist_ok=True)
    result = pmkit(
        run_cli, plan, "returns", "generate", "--partner", partner, "-f", file_format, "-o", path
    )
    assert result.exit_code == 0, result.output
    return path


def received(path: Path, folder: Path) -> Path:
    """The return saved into the officer's ``received`` folder, as the partner sent it."""
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    target.write_bytes(path.read_bytes())
    return target


def monitoring(plan: Path) -> Path:
    return plan.parent / "monitoring" / "2026-27-Q2.yaml"


def load(path: Path) -> Any:
    """A monitoring file as data."""
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]] | None:
    """Every file in ``folder`` (dot files too): its bytes and modification time."""
    if not folder.exists():
        return None
    return {
        path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in sorted(folder.iterdir())
    }


def csv_grid(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))


def write_grid(path: Path, grid: list[list[str]], encoding: str = "utf-8-sig") -> None:
    """Save a CSV as Excel does: CRLF line ends, in ``encoding``."""
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(grid)


def header_index(grid: list[list[str]]) -> int:
    return next(number for number, row in enumerate(grid) if "Kind" in row and "ID" in row)


def fill_csv(
    path: Path,
    entries: dict[Key, Entry],
    *,
    encoding: str = "utf-8-sig",
    saved_as: str = "utf-8-sig",
) -> Path:
    """Type ``entries`` into a CSV return's rows, then save it in ``saved_as``."""
    grid = csv_grid(path, encoding)
    header = header_index(grid)
    names = grid[header]
    kind, ident = names.index("Kind"), names.index("ID")
    left = dict(entries)
    for row in grid[header + 1 :]:
        if len(row) <= ident:
            continue
        entry = left.pop((row[kind], row[ident]), None)
        if entry is None:
            continue
        for column, field in FILL_IN.items():
            value = getattr(entry, field)
            if value is not None:
                row[names.index(column)] = str(value)
    assert not left, f"no rows for {sorted(left)} in {path.name}"
    write_grid(path, grid, saved_as)
    return path


def fill_xlsx(path: Path, entries: dict[Key, Entry]) -> Path:
    """Type ``entries`` into a workbook return's rows, as the data lead would in Excel."""
    workbook = load_workbook(path)
    sheet = workbook["Return"]
    header = next(row[0].row for row in sheet.iter_rows() if row[0].value == "Kind")
    letters = {str(cell.value): cell.column_letter for cell in sheet[header] if cell.value}
    left = dict(entries)
    for row in sheet.iter_rows(min_row=header + 1):
        number = row[0].row
        key = (sheet[f"{letters['Kind']}{number}"].value, sheet[f"{letters['ID']}{number}"].value)
        entry = left.pop((str(key[0]), str(key[1])), None)
        if entry is None:
            continue
        for column, field in FILL_IN.items():
            value = getattr(entry, field)
            if value is not None:
                sheet[f"{letters[column]}{number}"].value = value
        if entry.number_format is not None:
            sheet[f"{letters['Value']}{number}"].number_format = entry.number_format
    assert not left, f"no rows for {sorted(left)} in {path.name}"
    workbook.save(path)
    return path


def row_numbers(path: Path) -> dict[Key, int]:
    """Each row's number as the partner sees it in the spreadsheet (1 is the first line)."""
    if path.suffix == ".csv":
        grid = csv_grid(path)
        header = header_index(grid)
        names = grid[header]
        return {
            (row[names.index("Kind")], row[names.index("ID")]): number
            for number, row in enumerate(grid[header + 1 :], start=header + 2)
            if row
        }
    sheet = load_workbook(path)["Return"]
    return {
        (str(row[0].value), str(row[1].value)): row[0].row
        for row in sheet.iter_rows(min_row=7)
        if row[0].value
    }


def rows_of(path: Path) -> list[tuple[str, str, str]]:
    """Every row of a blank return: kind, id, unit."""
    grid = csv_grid(path) if path.suffix == ".csv" else _xlsx_grid(path)
    header = header_index(grid)
    names = grid[header]
    at = {name: names.index(name) for name in ("Kind", "ID", "Unit")}
    return [
        (row[at["Kind"]], row[at["ID"]], row[at["Unit"]])
        for row in grid[header + 1 :]
        if row and row[0]
    ]


def _xlsx_grid(path: Path) -> list[list[str]]:
    sheet = load_workbook(path)["Return"]
    return [["" if cell.value is None else str(cell.value) for cell in row] for row in sheet]


SAMPLE = {"percentage": 41.5, "rate per 1,000": 9.1, "rate per 100,000": 61, "£": 20000}
BY_ID = {"CS-01": 88.2}
"""Where the unit's sample would be implausible for the indicator (all crime, per 1,000)."""


def complete(path: Path, status: str = "final") -> dict[Key, Entry]:
    """A full set of plausible figures, progress and spend for every row of a return."""
    entries = {}
    for kind, ident, unit in rows_of(path):
        if kind == "figure":
            value = BY_ID.get(ident, SAMPLE.get(unit, 12.5))
            entries[(kind, ident)] = Entry(value, status, "Checked by the analyst")
        elif kind == "progress":
            entries[(kind, ident)] = Entry(60, "on_track", "Milestones met so far")
        else:
            entries[(kind, ident)] = Entry(20000, None, "Officer time, from timesheets")
    return entries


def problems(result: Result) -> list[str]:
    """The problems a refused import lists, one a line."""
    return [line.strip() for line in result.output.splitlines() if line.startswith("  ")]


# -- the officer's quarter ------------------------------------------------------


def officers_quarter(folder: Path, run_cli: RunCli) -> tuple[Path, Result, int]:
    """Returns sent to every partner; the police's workbook and council's CSV come back filled.

    Gives the plan, the result of importing the ``received`` folder, and how
    many rows the two returns had.
    """
    plan = copy_plan(folder)
    sent = generate_all(run_cli, plan)
    assert sorted(path.name for path in sent.iterdir()) == sorted(
        f"{partner}-2026-27-Q2.xlsx" for partner in PARTNERS
    )
    council = blank(run_cli, plan, "council", "csv")  # the council asked for a CSV
    police = sent / POLICE_XLSX
    entries = complete(police)
    entries[("figure", "CS-16")] = Entry(53.5, "provisional", "Survey wave 3 not yet weighted")
    entries[("progress", "A1")] = Entry(55, "at_risk", "Two hotspots lost their problem-solver")
    fill_xlsx(police, entries)
    council_entries = complete(council)
    fill_csv(council, council_entries)
    inbox = folder / "received"
    received(police, inbox)
    received(council, inbox)
    result = import_returns(run_cli, plan, inbox)
    return plan, result, len(entries) + len(council_entries)


def test_the_officer_imports_the_returns_received_this_quarter(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan, result, rows = officers_quarter(tmp_path, run_cli)

    assert result.exit_code == 0, result.output
    assert f"imported {rows} rows: {rows} changed, 0 unchanged" in result.output
    # CS-18's Q1 figure (six weeks' lag) came with the Q2 return, into Q1's file.
    assert "wrote 2026-27-Q1.yaml, 2026-27-Q2.yaml" in result.output
    data = load(monitoring(plan))
    cs07 = data["figures"]["CS-07"][QUARTER]
    assert (cs07["value"], cs07["status"], cs07["source"]) == (41.5, "final", POLICE_XLSX)
    assert cs07["recorded_by"] == OFFICER
    assert data["figures"]["CS-16"][QUARTER]["status"] == "provisional"
    assert data["figures"]["CS-20"][QUARTER]["source"] == COUNCIL_CSV
    first = load(monitoring(plan).with_name("2026-27-Q1.yaml"))
    assert first["figures"]["CS-18"]["2026/27 Q1"]["source"] == COUNCIL_CSV
    assert data["actions"]["A1"]["status"] == "at_risk"
    assert data["actions"]["A1"]["percent_complete"] == 55
    assert data["actions"]["A4"]["status"] == "on_track"
    assert data["resources"]["P1"]["police"]["amount"] == 20000
    assert data["resources"]["P2"]["council"]["amount"] == 20000
    assert "CS-13" not in data["figures"], "the fire service has not sent its return"


def test_status_then_shows_the_police_and_council_complete_and_the_rest_missing(
    tmp_path: Path, run_cli: RunCli, wide_terminal: None
) -> None:
    plan, imported, _ = officers_quarter(tmp_path, run_cli)
    assert imported.exit_code == 0, imported.output

    text = pmkit(run_cli, plan, "returns", "status")

    assert text.exit_code == 0, text.output
    lines = text.output.splitlines()
    assert any("Mereshire Police" in line and "10 of 10" in line for line in lines)
    assert any("Mereshire Police" in line and "✓ complete" in line for line in lines)
    assert any("Kestermoor Council" in line and "✓ complete" in line for line in lines)
    assert sum("✗ missing" in line for line in lines) == 6
    assert "police has not sent" not in text.output
    assert "fire has not sent: CS-13 (2026/27 Q2)" in text.output
    still = text.output.split("Still to report: ")[1]
    assert "Mereshire Fire and Rescue Service" in still
    assert "Mereshire Police" not in still

    report = json.loads(pmkit(run_cli, plan, "returns", "status", "--format", "json").output)

    assert report["period"] == QUARTER
    states = {entry["partner"]: entry for entry in report["partners"]}
    assert list(states) == list(PARTNERS)
    assert {name for name, state in states.items() if state["complete"]} == {"police", "council"}
    assert states["police"]["figures"] == {"expected": 10, "received": 10, "missing": []}
    assert states["police"]["progress"] == {"expected": 1, "received": 1, "missing": []}
    assert states["police"]["resources"] == {"expected": 8, "received": 8, "missing": []}
    assert states["police"]["provisional"] == ["CS-16 (2026/27 Q2)"]
    assert states["council"]["resources"] == {"expected": 10, "received": 10, "missing": []}
    assert states["yjs"]["figures"]["missing"] == ["CS-09 (2026/27 Q2)", "CS-17 (2026/27 Q2)"]
    assert states["kdas"]["progress"] == {"expected": 1, "received": 0, "missing": ["A3"]}


def test_single_returns_can_be_imported_by_name(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    police = blank(run_cli, plan, "police", "xlsx")
    council = blank(run_cli, plan, "council", "csv")
    fill_xlsx(police, complete(police))
    fill_csv(council, complete(council))

    first = import_returns(run_cli, plan, police)
    second = import_returns(run_cli, plan, council)

    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    data = load(monitoring(plan))
    assert data["figures"]["CS-01"][QUARTER]["source"] == POLICE_XLSX
    assert data["figures"]["CS-20"][QUARTER]["source"] == COUNCIL_CSV
    assert set(data["resources"]["P3"]) == {"police", "council"}


def test_importing_the_same_returns_again_changes_nothing(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    police = blank(run_cli, plan, "police", "xlsx")
    council = blank(run_cli, plan, "council", "csv")
    entries = complete(council)
    entries[("figure", "CS-18")] = Entry(
        80, "final", "Probation's return was late", "Chair to write to the PDU head", "31/01/2027"
    )
    fill_xlsx(police, complete(police))
    fill_csv(council, entries)
    first = import_returns(run_cli, plan, police, council)
    assert first.exit_code == 0, first.output
    before = snapshot(monitoring(plan).parent)
    assert before is not None

    again = import_returns(run_cli, plan, police, council)

    assert again.exit_code == 0, again.output
    rows = len(complete(police)) + len(entries)
    assert f"imported {rows} rows: 0 changed, {rows} unchanged; wrote no file" in again.output
    assert snapshot(monitoring(plan).parent) == before
    assert len(load(monitoring(plan))["remedial_actions"]) == 1


def test_a_dry_run_shows_what_would_change_and_writes_nothing(
    tmp_path: Path, run_cli: RunCli, wide_terminal: None
) -> None:
    plan = copy_plan(tmp_path)
    police = blank(run_cli, plan, "police", "xlsx")
    fill_xlsx(
        police,
        {("figure", "CS-07"): Entry(33.1, "final"), ("progress", "A1"): Entry(50, "on_track")},
    )

    result = import_returns(run_cli, plan, police, "--dry-run")

    assert result.exit_code == 0, result.output
    assert "What importing would change" in result.output
    for heading in ("File", "Row", "Kind", "ID", "Period", "Value", "Change"):
        assert heading in result.output
    line = next(line for line in result.output.splitlines() if "CS-07" in line)
    assert "33.1" in line and "would be added" in line
    assert "dry run: 2 of 2 rows would change; nothing written" in result.output
    assert snapshot(tmp_path / "monitoring") in (None, {})


# -- spreadsheets as they come back ---------------------------------------------


def import_one(run_cli: RunCli, plan: Path, path: Path) -> Any:
    """Import one return, which must succeed, and give the quarter's file as data."""
    result = import_returns(run_cli, plan, path)
    assert result.exit_code == 0, result.output
    return load(monitoring(plan))


def test_a_percentage_typed_as_45_is_45(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    police = fill_xlsx(blank(run_cli, plan, "police", "xlsx"), {("figure", "CS-07"): Entry(45)})

    data = import_one(run_cli, plan, police)

    assert data["figures"]["CS-07"][QUARTER]["value"] == 45


def test_a_percentage_excel_keeps_as_0_45_with_a_percent_format_is_45(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    police = fill_xlsx(
        blank(run_cli, plan, "police", "xlsx"),
        {
            ("figure", "CS-07"): Entry(0.45, number_format="0%"),
            ("figure", "CS-08"): Entry(0.263, number_format="0.0%"),
        },
    )

    data = import_one(run_cli, plan, police)

    assert data["figures"]["CS-07"][QUARTER]["value"] == 45
    assert data["figures"]["CS-08"][QUARTER]["value"] == 26.3
    assert "26.3" in monitoring(plan).read_text(encoding="utf-8")


def test_a_percentage_typed_with_a_percent_sign_in_a_csv_is_45(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    police = fill_csv(blank(run_cli, plan, "police", "csv"), {("figure", "CS-07"): Entry("45%")})

    data = import_one(run_cli, plan, police)

    assert data["figures"]["CS-07"][QUARTER]["value"] == 45


def test_a_uk_date_in_remedial_due_records_the_remedial_action(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    council = fill_csv(
        blank(run_cli, plan, "council", "csv"),
        {
            ("figure", "CS-18"): Entry(
                75,
                "final",
                "Two returns late",
                "Chase late returns at the analysts' network",
                "07/02/2027",
            )
        },
    )

    data = import_one(run_cli, plan, council)

    remedies = list(data["remedial_actions"].values())
    assert len(remedies) == 1
    assert remedies[0]["about"] == "CS-18"
    assert remedies[0]["action"] == "Chase late returns at the analysts' network"
    assert remedies[0]["due"] == "2027-02-07", "07/02 is the 7th of February, not July"
    assert remedies[0]["owner"]["partner"] == "council"
    assert remedies[0]["agreed_in"] == QUARTER


def test_a_date_typed_into_the_workbook_records_the_remedial_action(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    police = fill_xlsx(
        blank(run_cli, plan, "police", "xlsx"),
        {
            ("figure", "CS-14"): Entry(
                88, "final", None, "Victim hub audit of late referrals", datetime(2027, 1, 15)
            )
        },
    )

    data = import_one(run_cli, plan, police)

    (remedy,) = data["remedial_actions"].values()
    assert remedy["due"] == "2027-01-15"
    assert remedy["about"] == "CS-14"


def test_numbers_with_thousands_separators_are_read(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    yjs = fill_csv(
        blank(run_cli, plan, "yjs", "csv"),
        {("figure", "CS-17"): Entry("1,250"), ("resource", "A5"): Entry("£35,000")},
    )

    # 1,250 is far above CS-17's profile (60 by Q2): accepted as it is, to test the reading.
    result = import_returns(run_cli, plan, yjs, "--accept-unusual")
    assert result.exit_code == 0, result.output
    data = load(monitoring(plan))

    assert data["figures"]["CS-17"][QUARTER]["value"] == 1250
    assert data["resources"]["A5"]["yjs"]["amount"] == 35000


def test_a_csv_saved_with_a_byte_order_mark_is_read(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    council = fill_csv(
        blank(run_cli, plan, "council", "csv"),
        {("figure", "CS-20"): Entry(47, "provisional", "£58,000 spent by the end of September")},
    )
    assert council.read_bytes().startswith(b"\xef\xbb\xbf")

    data = import_one(run_cli, plan, council)

    figure = data["figures"]["CS-20"][QUARTER]
    assert figure["value"] == 47
    assert figure["commentary"] == "£58,000 spent by the end of September"


def test_a_whole_csv_return_with_quotation_marks_far_down_it_is_read(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    police = blank(run_cli, plan, "police", "csv")
    entries = complete(police)
    entries[("resource", "P4")] = Entry(30000, None, 'IOM officer time; see the "Turnaround" bid')
    fill_csv(police, entries)
    text = police.read_text(encoding="utf-8-sig")
    assert '""Your Mereshire Voice""' in text, "CS-16's definition quotes the survey's name"
    assert text.find('""') > 4096, "the first quoted quotation mark is well into the file"

    data = import_one(run_cli, plan, police)

    assert data["figures"]["CS-16"][QUARTER]["value"] == 41.5
    assert data["figures"]["CS-16"][QUARTER]["commentary"] == "Checked by the analyst"
    assert data["resources"]["P4"]["police"]["commentary"] == (
        'IOM officer time; see the "Turnaround" bid'
    )


def test_a_commentary_on_several_lines_keeps_its_line_breaks(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    commentary = "Two returns were late.\nBoth were chased on 3 October."
    council = fill_csv(
        blank(run_cli, plan, "council", "csv"),
        {("figure", "CS-20"): Entry(80, "final", commentary)},
    )
    assert b'"Two returns were late.\nBoth were chased on 3 October."' in council.read_bytes()

    data = import_one(run_cli, plan, council)

    assert data["figures"]["CS-20"][QUARTER]["commentary"] == commentary


def test_a_csv_saved_in_windows_1252_keeps_its_pound_signs_and_accents(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    commentary = "£58,000 spent \u2013 Zoë Brontë\u2019s team confirmed the café lease"
    council = fill_csv(
        blank(run_cli, plan, "council", "csv"),
        {("figure", "CS-20"): Entry(47, "final", commentary)},
        saved_as="cp1252",
    )
    raw = council.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\xa3" in raw and b"\xeb" in raw, "the file is in Windows-1252, not UTF-8"
    assert b"\x96" in raw and b"\x92" in raw, "Word's dash and apostrophe, which Latin-1 lacks"

    data = import_one(run_cli, plan, council)

    assert data["figures"]["CS-20"][QUARTER]["commentary"] == commentary


def test_blank_rows_at_the_end_are_ignored(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    council = fill_csv(blank(run_cli, plan, "council", "csv"), {("figure", "CS-20"): Entry(47)})
    grid = csv_grid(council)
    width = len(grid[header_index(grid)])
    write_grid(council, [*grid, [""] * width, [""] * width, [], [" "] * width])
    police = fill_xlsx(blank(run_cli, plan, "police", "xlsx"), {("figure", "CS-07"): Entry(33)})
    workbook = load_workbook(police)
    sheet = workbook["Return"]
    for number in range(sheet.max_row + 1, sheet.max_row + 6):
        sheet[f"K{number}"].value = None
        sheet[f"I{number}"].number_format = "0%"
    workbook.save(police)
    assert load_workbook(police)["Return"].max_row > len(rows_of(police)) + 6

    result = import_returns(run_cli, plan, council, police)

    assert result.exit_code == 0, result.output
    assert "imported 2 rows: 2 changed" in result.output


def test_columns_a_partner_added_before_and_after_the_table_are_ignored(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    council = fill_csv(
        blank(run_cli, plan, "council", "csv"),
        {
            ("figure", "CS-20"): Entry(47, "final", "From the ledger"),
            ("progress", "A4"): Entry(70, "on_track"),
        },
    )
    grid = csv_grid(council)
    header = header_index(grid)
    widened = []
    for number, row in enumerate(grid):
        if not row:
            widened.append(row)
        elif number == header:
            widened.append(["Our ref", *row, "Checked by", "Notes"])
        elif number < header:
            widened.append(["", *row])  # inserting column A moves everything right
        else:
            widened.append([f"KC-{number}", *row, "JB", "see ledger"])
    write_grid(council, widened)

    data = import_one(run_cli, plan, council)

    assert data["figures"]["CS-20"][QUARTER]["value"] == 47
    assert data["figures"]["CS-20"][QUARTER]["commentary"] == "From the ledger"
    assert data["actions"]["A4"]["percent_complete"] == 70


def test_columns_added_to_the_workbook_are_ignored(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    police = fill_xlsx(
        blank(run_cli, plan, "police", "xlsx"), {("figure", "CS-07"): Entry(33, "final")}
    )
    workbook = load_workbook(police)
    sheet = workbook["Return"]
    sheet.protection.sheet = False
    sheet.insert_cols(1)
    sheet["A6"].value = "Force ref"
    added = sheet.max_column + 1  # a column of its own after the table's last
    sheet.cell(row=6, column=added).value = "Checked by"
    sheet.cell(row=7, column=added).value = "DS Patel"
    workbook.save(police)

    data = import_one(run_cli, plan, police)

    assert data["figures"]["CS-07"][QUARTER]["value"] == 33


# -- returns refused, and why ------------------------------------------------------


def assert_refused(result: Result, plan: Path, *expected: str) -> None:
    """Exit 2, each expected problem listed, no traceback, and no monitoring file."""
    assert result.exit_code == 2, result.output
    assert "nothing imported" in result.output
    for text in expected:
        assert text in result.output, result.output
    assert "Traceback" not in result.output
    assert snapshot(plan.parent / "monitoring") in (None, {})


def test_a_return_from_another_partner_is_refused(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    police = blank(run_cli, plan, "police", "xlsx")
    fill_xlsx(police, complete(police))

    result = import_returns(run_cli, plan, police, "--partner", "council")

    assert_refused(
        result,
        plan,
        f"{POLICE_XLSX}: this is police's return, not council's: check you have the right file",
    )


def test_a_return_for_another_quarter_is_refused(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    police = blank(run_cli, plan, "police", "xlsx")
    fill_xlsx(police, complete(police))

    result = import_returns(run_cli, plan, police, "--period", "2026/27 Q3")

    assert_refused(
        result,
        plan,
        f"{POLICE_XLSX}: this return is for 2026/27 Q2, not 2026/27 Q3: check you have the right",
    )


def test_a_return_naming_a_partner_the_plan_lacks_is_refused(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    council = fill_csv(blank(run_cli, plan, "council", "csv"), {("figure", "CS-20"): Entry(47)})
    grid = csv_grid(council)
    assert grid[1][:2] == ["Partner", "council"]
    grid[1][1] = "kestermoor-bc"
    write_grid(council, grid)

    result = import_returns(run_cli, plan, council)

    assert_refused(
        result,
        plan,
        f"{COUNCIL_CSV}: the return says it is from partner 'kestermoor-bc', which the plan does "
        "not have",
    )


def test_bad_rows_are_reported_where_the_partner_sees_them_and_nothing_is_written(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    earlier = pmkit(
        run_cli, plan, "record", "figure", "CS-18", "90", "--period", QUARTER, "--by", OFFICER
    )
    assert earlier.exit_code == 0, earlier.output
    file_before = snapshot(monitoring(plan).parent)
    police = blank(run_cli, plan, "police", "xlsx")
    entries = complete(police)
    entries[("figure", "CS-07")] = Entry(140, "final")
    entries[("figure", "CS-08")] = Entry("about a quarter", "final")
    entries[("figure", "CS-14")] = Entry(96, "done")
    fill_xlsx(police, entries)
    council = blank(run_cli, plan, "council", "csv")
    fill_csv(council, complete(council))
    at = row_numbers(police)

    result = import_returns(run_cli, plan, police, council)

    assert result.exit_code == 2, result.output
    assert problems(result) == [
        f"{POLICE_XLSX}: sheet Return, row {at['figure', 'CS-07']}, column Value: 140 is above "
        "100, the highest a percentage can be",
        f"{POLICE_XLSX}: sheet Return, row {at['figure', 'CS-08']}, column Value: 'about a "
        "quarter' is not a number",
        f"{POLICE_XLSX}: sheet Return, row {at['figure', 'CS-14']}, column Status: 'done' is not "
        "Provisional or Final",
    ]
    assert at["figure", "CS-07"] == 12, "CS-07 is the sixth figure, under the header on row 6"
    assert snapshot(monitoring(plan).parent) == file_before, "the good rows were written"


def test_a_bad_row_in_a_csv_is_reported_by_its_line(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    council = blank(run_cli, plan, "council", "csv")
    entries = complete(council)
    entries[("progress", "A7")] = Entry(40, "nearly there")
    fill_csv(council, entries)
    line = row_numbers(council)["progress", "A7"]

    result = import_returns(run_cli, plan, council)

    assert_refused(result, plan, f"{COUNCIL_CSV}: row {line}, column Status: 'nearly there' is")
    assert len(problems(result)) == 1
    with council.open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle))[line - 1][:2] == ["progress", "A7"]


def test_not_available_with_a_reason_is_recorded_as_not_available(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    police = fill_xlsx(
        blank(run_cli, plan, "police", "xlsx"),
        {
            ("figure", "CS-16"): Entry(
                "not available: survey contract re-let, no fieldwork in Q2", "final"
            )
        },
    )

    data = import_one(run_cli, plan, police)

    figure = data["figures"]["CS-16"][QUARTER]
    assert "value" not in figure
    assert figure["not_available"] == "survey contract re-let, no fieldwork in Q2"


def test_not_available_without_a_reason_is_refused(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    police = fill_xlsx(
        blank(run_cli, plan, "police", "xlsx"), {("figure", "CS-16"): Entry("not available")}
    )

    result = import_returns(run_cli, plan, police)

    assert_refused(result, plan, "column Value: say why it is not available")


def test_random_bytes_named_xlsx_are_not_a_return(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    fake = tmp_path / POLICE_XLSX
    fake.write_bytes(os.urandom(4096))

    result = import_returns(run_cli, plan, fake)

    assert_refused(result, plan, f"{fake} is not a readable Excel file")


def test_a_csv_without_the_returns_header_is_not_a_return(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    export = tmp_path / "council-2026-27-Q2.csv"
    write_grid(export, [["Indicator", "Q2 value"], ["CS-18", "95"], ["CS-20", "47"]])

    result = import_returns(run_cli, plan, export)

    assert_refused(result, plan, f"{export} has no table of the return: its header row")
