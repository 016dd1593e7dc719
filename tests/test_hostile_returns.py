"""Hostile returns: formulas, duplicate rows, false dimension records, zip bombs, huge sheets.

A partner's workbook is read for what the partner typed, all of it, or not
at all: a formula's cached value is never imported as if typed, two rows
that disagree are both named, no row is dropped because the sheet's own
record of its size is wrong, and a file built to exhaust memory is refused
before it is unpacked.
"""

from __future__ import annotations

import csv
import io
import re
import time
import tracemalloc
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from openpyxl import load_workbook
from ruamel.yaml import YAML

from pmkit.limits import MAX_CELL_CHARS, MAX_RETURN_ROWS, MAX_WORKBOOK_BYTES
from pmkit.returns.reading import ReturnError, read_return

if TYPE_CHECKING:
    from collections.abc import Callable

    from click.testing import Result

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = "2026-11-26"
QUARTER = "2026/27 Q2"
OFFICER = "Performance officer"
SHEET = "xl/worksheets/sheet1.xml"
"""The Return sheet's part (the Instructions sheet comes after it)."""
VALUE = "J"
"""The Value column's letter."""
POLICE_FIGURES = (
    "CS-01", "CS-02", "CS-12", "CS-03", "CS-04", "CS-07", "CS-08", "CS-14", "CS-11", "CS-16",
)  # fmt: skip
"""The police's figures, in the order its return lists them from row 7."""
VALUES = {"CS-01": 88.2, "CS-02": 9.4, "CS-12": 8.5, "CS-03": 4.1, "CS-04": 30}
VALUES |= {"CS-07": 33, "CS-08": 27, "CS-14": 96, "CS-11": 40, "CS-16": 53.5}


# -- helpers ------------------------------------------------------------------------------


def copy_plan(folder: Path) -> Path:
    plan = folder / "plan.yaml"
    plan.write_bytes(EXAMPLE.read_bytes())
    return plan


def generate(run_cli: RunCli, plan: Path, partner: str, file_format: str) -> Path:
    path = plan.parent / f"{partner}-2026-27-Q2.{file_format}"
    result = run_cli(
        "--as-of", AS_OF, "returns", "generate", "--partner", partner, "-f", file_format,
        "-o", path, "--plan", plan,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return path


def import_returns(run_cli: RunCli, plan: Path, *paths: Path) -> Result:
    return run_cli(
        "--as-of", AS_OF, "returns", "import", *paths, "--plan", plan, "--by", OFFICER
    )  # fmt: skip


def monitoring(plan: Path) -> Any:
    path = plan.parent / "monitoring" / "2026-27-Q2.yaml"
    return YAML(typ="safe").load(path.read_text("utf-8")) if path.exists() else None


def fill_police(path: Path, values: dict[str, Any]) -> dict[str, int]:
    """Type values into the police workbook's Value column; give each figure's row."""
    workbook = load_workbook(path)
    sheet = workbook["Return"]
    rows = {}
    for row in sheet.iter_rows(min_row=7):
        if row[0].value == "figure" and row[1].value in values:
            sheet[f"{VALUE}{row[0].row}"].value = values[row[1].value]
            rows[str(row[1].value)] = row[0].row
    workbook.save(path)
    assert sorted(rows) == sorted(values)
    return rows


def rewrite_member(path: Path, member: str, change: Callable[[str], str]) -> None:
    """Rewrite one XML part inside the workbook's zip, as another program might save it."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, body in parts:
            changed = (
                change(body.decode("utf-8")).encode("utf-8") if info.filename == member else body
            )
            target.writestr(info.filename, changed)
    path.write_bytes(out.getvalue())


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)


def problems(result: Result) -> list[str]:
    return [line.strip() for line in result.output.splitlines() if line.startswith("  ")]


# -- formulas -----------------------------------------------------------------------------


def test_a_formula_in_a_value_cell_is_refused_not_its_cached_value_imported(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    police = generate(run_cli, plan, "police", "xlsx")
    rows = fill_police(police, {"CS-07": "=30+3", "CS-14": 96})
    # Excel saves the formula's result beside it: 33, which looks just like a typed figure.
    rewrite_member(police, SHEET, lambda xml: xml.replace("<f>30+3</f><v></v>", "<f>30+3</f>"))
    rewrite_member(police, SHEET, lambda xml: xml.replace("<f>30+3</f>", "<f>30+3</f><v>33</v>"))
    assert "<f>30+3</f><v>33</v>" in zipfile.ZipFile(police).read(SHEET).decode()
    cached = load_workbook(police, data_only=True)["Return"][f"{VALUE}{rows['CS-07']}"].value
    assert cached == 33

    result = import_returns(run_cli, plan, police)

    assert result.exit_code == 2, result.output
    assert problems(result) == [
        f"police-2026-27-Q2.xlsx: sheet Return, row {rows['CS-07']}, column Value: holds a "
        "formula (=30+3); type the value itself, as pmkit never imports what a formula computed"
    ]
    assert rows["CS-07"] == 12
    assert monitoring(plan) is None


def test_text_that_looks_like_a_formula_is_not_one(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    police = generate(run_cli, plan, "police", "xlsx")
    workbook = load_workbook(police)
    sheet = workbook["Return"]
    letters = {cell.value: cell.column_letter for cell in sheet[6] if cell.value}
    commentary = f"{letters['Commentary']}12"
    sheet[f"{letters['Value']}12"].value = 33
    sheet[commentary].value = "=up on Q1"
    sheet[commentary].data_type = "s"
    workbook.save(police)

    result = import_returns(run_cli, plan, police)

    assert result.exit_code == 0, result.output
    assert monitoring(plan)["figures"]["CS-07"][QUARTER]["commentary"] == "=up on Q1"


# -- duplicate rows -------------------------------------------------------------------------


def duplicated_yjs(run_cli: RunCli, plan: Path, first: str, second: str) -> tuple[Path, int, int]:
    """The youth justice service's CSV with its CS-17 row given twice; the two row numbers."""
    path = generate(run_cli, plan, "yjs", "csv")
    grid = csv_rows(path)
    names = grid[5]
    at = next(number for number, row in enumerate(grid) if row[:2] == ["figure", "CS-17"])
    grid[at][names.index("Value")] = first
    copy = list(grid[at])
    copy[names.index("Value")] = second
    grid.append(copy)
    write_csv(path, grid)
    return path, at + 1, len(grid)


def test_two_rows_giving_one_figure_differently_are_both_named(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path, first, second = duplicated_yjs(run_cli, plan, "41", "44")

    result = import_returns(run_cli, plan, path)

    assert result.exit_code == 2, result.output
    assert problems(result) == [
        f"yjs-2026-27-Q2.csv: row {second}, column Value: CS-17 for 2026/27 Q2 is given twice, "
        f"differently, here and in row {first} (Value '41' and '44'): keep one row"
    ]
    assert (first, second) == (8, 12)  # CS-17 is the second figure; 11 rows, then the copy
    assert monitoring(plan) is None


def test_two_identical_rows_count_once(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    path, _, _ = duplicated_yjs(run_cli, plan, "41", "41")

    result = import_returns(run_cli, plan, path)

    assert result.exit_code == 0, result.output
    assert "imported 1 rows: 1 changed, 0 unchanged" in result.output
    assert monitoring(plan)["figures"]["CS-17"][QUARTER]["value"] == 41


def test_the_same_return_given_twice_imports_once(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    path, _, _ = duplicated_yjs(run_cli, plan, "41", "41")
    again = tmp_path / "copy" / path.name
    again.parent.mkdir()
    again.write_bytes(path.read_bytes())

    result = import_returns(run_cli, plan, path, again)

    assert result.exit_code == 0, result.output
    # 4 rows above the table, the header, 5 rows, and the repeated one: 11 each
    assert result.output.count("read yjs-2026-27-Q2.csv: 11 rows\n") == 2
    assert "imported 1 rows: 1 changed" in result.output


# -- nothing dropped silently ------------------------------------------------------------------


def test_a_stale_dimension_record_does_not_hide_rows(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    police = generate(run_cli, plan, "police", "xlsx")
    fill_police(police, VALUES)
    rewrite_member(
        police, SHEET, lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:M10"', xml)
    )
    assert '<dimension ref="A1:M10"' in zipfile.ZipFile(police).read(SHEET).decode()

    result = import_returns(run_cli, plan, police)

    assert result.exit_code == 0, result.output
    assert "read police-2026-27-Q2.xlsx: 24 rows" in result.output  # 4 above, header, 19
    dry = import_returns(run_cli, plan, "--dry-run", police)
    assert "read police-2026-27-Q2.xlsx: 24 rows" in dry.output
    assert "imported 10 rows: 10 changed, 0 unchanged" in result.output
    assert sorted(monitoring(plan)["figures"]) == sorted(POLICE_FIGURES)


def test_a_dimension_record_starting_below_the_table_hides_nothing(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    police = generate(run_cli, plan, "police", "xlsx")
    fill_police(police, VALUES)
    rewrite_member(
        police, SHEET, lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="C9:D9"', xml)
    )

    result = import_returns(run_cli, plan, police)

    assert result.exit_code == 0, result.output
    assert "imported 10 rows: 10 changed" in result.output


def test_rows_out_of_order_in_the_sheet_are_refused_not_dropped(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    police = generate(run_cli, plan, "police", "xlsx")
    fill_police(police, VALUES)

    def swap(xml: str) -> str:
        eight = re.search(r'<row r="8".*?</row>', xml)
        nine = re.search(r'<row r="9".*?</row>', xml)
        assert eight is not None and nine is not None
        return xml[: eight.start()] + nine[0] + eight[0] + xml[nine.end() :]

    rewrite_member(police, SHEET, swap)

    result = import_returns(run_cli, plan, police)

    assert result.exit_code == 2, result.output
    assert (
        "police-2026-27-Q2.xlsx: read 23 rows with something in them, but the sheet holds 24"
        in result.output
    )
    assert monitoring(plan) is None


# -- bounds ------------------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    police = generate(run_cli, plan, "police", "xlsx")
    with zipfile.ZipFile(police, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (MAX_WORKBOOK_BYTES + 1))
    assert police.stat().st_size < 1024 * 1024

    started = time.perf_counter()
    result = import_returns(run_cli, plan, police)
    took = time.perf_counter() - started

    assert result.exit_code == 2, result.output
    assert (
        "police-2026-27-Q2.xlsx unpacks to 50 MB; a return unpacks to at most 50 MB "
        "(settings.returns.workbook_mb)"
    ) in result.output
    assert took < 2.0


def test_a_cell_longer_than_the_bound_is_refused_where_it_is(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = generate(run_cli, plan, "yjs", "csv")
    grid = csv_rows(path)
    grid[6][10] = "x" * (MAX_CELL_CHARS + 1)
    write_csv(path, grid)

    result = import_returns(run_cli, plan, path)

    assert result.exit_code == 2, result.output
    assert (
        "yjs-2026-27-Q2.csv: row 7, column K: the cell holds 10,001 characters; a return's "
        "cells hold at most 10,000 (settings.returns.cell_characters)"
    ) in result.output


@pytest.mark.slow
def test_a_return_of_more_rows_than_the_bound_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    filler = "figure,CS-17,x,2026/27 Q2\n" * MAX_RETURN_ROWS
    path.write_text("Partner,yjs\nKind,ID,Title,Period,Value,Status,Commentary\n" + filler)

    with pytest.raises(ReturnError) as raised:
        read_return(path)

    assert "has more than 100,000 rows with something in them" in str(raised.value)


def test_a_plan_may_set_the_bounds_of_a_return(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    text = (
        plan.read_text("utf-8")
        + "\nsettings:\n  returns:\n    rows: 10\n    cell_characters: 1000\n"
    )
    plan.write_text(text, "utf-8")
    path = generate(run_cli, plan, "yjs", "csv")  # 10 rows with something in them
    grid = csv_rows(path)
    value, commentary = grid[5].index("Value"), grid[5].index("Commentary")
    grid[7][value] = "41"
    grid[7][commentary] = "x" * 1000

    write_csv(path, grid)
    within = import_returns(run_cli, plan, "--dry-run", path)

    write_csv(path, [*grid, ["figure", "CS-17"]])
    too_many = import_returns(run_cli, plan, path)

    grid[7][commentary] = "x" * 1001
    write_csv(path, grid)
    too_long = import_returns(run_cli, plan, path)

    assert within.exit_code == 0, within.output
    assert too_many.exit_code == 2, too_many.output
    assert "has more than 10 rows with something in them: not a return" in too_many.output
    assert too_long.exit_code == 2, too_long.output
    assert (
        f"row 8, column {'ABCDEFGHIJKLMNOP'[commentary]}: the cell holds 1,001 characters; "
        "a return's cells hold at most 1,000 " in (too_long.output)
    )


def test_the_bounds_a_plan_sets_are_capped(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    plan.write_text(
        plan.read_text("utf-8") + "\nsettings:\n  returns:\n    workbook_mb: 100000\n", "utf-8"
    )

    result = run_cli("--as-of", AS_OF, "validate", plan)

    assert result.exit_code == 1, result.output
    assert "workbook_mb" in result.output


def with_blank_rows(path: Path, count: int, then: str = "") -> None:
    """Add ``count`` blank rows after row 25 (the last of the police return), then ``then``."""
    blank = "".join(f'<row r="{number}"/>' for number in range(26, 26 + count))
    rewrite_member(
        path, SHEET, lambda xml: xml.replace("</sheetData>", f"{blank}{then}</sheetData>")
    )


def test_a_million_blank_rows_are_skipped_quickly(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    police = generate(run_cli, plan, "police", "xlsx")
    fill_police(police, VALUES)
    with_blank_rows(police, 1_000_000)

    started = time.perf_counter()
    result = import_returns(run_cli, plan, police)
    took = time.perf_counter() - started

    assert result.exit_code == 0, result.output
    assert "read police-2026-27-Q2.xlsx: 24 rows" in result.output
    assert "imported 10 rows: 10 changed" in result.output
    assert took < 20, f"{took:.1f} s"


@pytest.mark.slow
def test_a_million_blank_rows_take_no_memory(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    police = generate(run_cli, plan, "police", "xlsx")
    fill_police(police, VALUES)
    with_blank_rows(police, 1_000_000)

    tracemalloc.start()
    try:
        submission = read_return(police)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert submission.rows_read == 24
    assert len(submission.rows) == 19
    assert peak < 20 * 1024 * 1024, f"{peak / 1024 / 1024:.0f} MB"


def test_a_row_after_a_long_run_of_blank_rows_is_not_lost(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    police = generate(run_cli, plan, "police", "xlsx")
    fill_police(police, VALUES)
    late = '<row r="20026"><c r="A20026" t="inlineStr"><is><t>figure</t></is></c></row>'
    with_blank_rows(police, 20_000, late)

    result = import_returns(run_cli, plan, police)

    assert result.exit_code == 2, result.output
    assert (
        "police-2026-27-Q2.xlsx: read 24 rows with something in them, but the sheet holds 25"
        in result.output
    )
    assert monitoring(plan) is None


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
