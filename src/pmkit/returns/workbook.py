"""The Excel return: the Return sheet that import reads, and an Instructions sheet it opens on.

The Return sheet has the columns of :data:`pmkit.returns.columns.TABLE` its rows need:
pmkit's in grey and locked, the partner's in yellow and unlocked. Numeric
cells refuse text, statuses are drop-downs of labels ("On track"), money is
shown as £3,100,000, the header row stays in view, and the sheet prints
landscape, one page wide, with the header on every page. openpyxl is imported
only here and in reading, so other commands never load it.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING

from pmkit.outputs import write_output
from pmkit.returns.columns import Entry, column
from pmkit.returns.instructions import column_help, paragraphs
from pmkit.returns.sheet import table
from pmkit.returns.validation import add_validations

if TYPE_CHECKING:
    from pathlib import Path

    from openpyxl.worksheet.worksheet import Worksheet

    from pmkit.returns.content import Return

HEADER_ROW = 6
"""The Return sheet's row (1-based) of the column headings."""
MONEY = "£#,##0"
"""How money is shown: £3,100,000."""
INSTRUCTIONS = "Instructions"
RETURN = "Return"
_GUIDE_WIDTHS = (24, 100)
_LINE = 15.0
"""The height of one line of text, in points."""
_PREFILLED = "F2F2F2"
_TO_FILL = "FFF2CC"
_HEADING = "D9E1F2"


def write_xlsx(submission: Return, path: Path, *, overwrite: bool = True) -> None:
    """Write the return as an Excel workbook, all at once (:class:`OutputError` if it cannot be)."""
    from openpyxl import Workbook

    workbook = Workbook()
    data = workbook.active
    assert data is not None  # a new workbook always has one sheet
    data.title = RETURN
    _return(data, submission)
    guide = workbook.create_sheet(INSTRUCTIONS)
    _instructions(guide, submission)
    # It opens on the instructions; one tab selected only, or Excel would group the two.
    workbook.active = 1
    data.sheet_view.tabSelected = False
    guide.sheet_view.tabSelected = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_output(path, buffer.getvalue(), overwrite=overwrite)


def _instructions(sheet: Worksheet, submission: Return) -> None:
    """One paragraph a row, wrapped in a wide column, its heading beside it."""
    from openpyxl.styles import Alignment, Font

    sheet["A1"] = "How to fill in this return"
    sheet["A1"].font = Font(bold=True, size=14)
    columns = column_help(submission.columns)
    rows = [*paragraphs(submission), ("", ""), ("The columns", ""), *columns]
    for number, (heading, text) in enumerate(rows, start=3):
        head, body = sheet.cell(row=number, column=1), sheet.cell(row=number, column=2)
        head.value, body.value = heading or None, text or None
        head.data_type = body.data_type = "s"
        head.font = Font(bold=True)
        for cell in (head, body):
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        sheet.row_dimensions[number].height = _height(
            [(heading, _GUIDE_WIDTHS[0]), (text, _GUIDE_WIDTHS[1])]
        )
    for letter, width in zip("AB", _GUIDE_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    _print_setup(sheet, landscape=False)


def _return(sheet: Worksheet, submission: Return) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    for number, cells in enumerate(table(submission, workbook=True), start=1):
        for place, text in enumerate(cells, start=1):
            cell = sheet.cell(row=number, column=place)
            cell.value = text
            cell.data_type = "s"  # text, always: never a formula
    sheet["A1"].font = Font(bold=True, size=14)
    for number in range(2, HEADER_ROW):
        sheet.cell(row=number, column=1).font = Font(bold=True)
    heading = PatternFill("solid", fgColor=_HEADING)
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.fill = heading
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    layout = [column(name) for name in submission.columns]
    sheet.row_dimensions[HEADER_ROW].height = _height([(c.name, c.width) for c in layout])
    prefilled, to_fill = (
        PatternFill("solid", fgColor=_PREFILLED),
        PatternFill("solid", fgColor=_TO_FILL),
    )
    for number, row in enumerate(submission.rows, start=HEADER_ROW + 1):
        texts = row.cells(submission.columns)
        for place, entry in enumerate(layout, start=1):
            cell = sheet.cell(row=number, column=place)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if row.takes(entry.name):
                cell.protection = Protection(locked=False)
                cell.fill = to_fill
                cell.value = None
                if entry.entry is Entry.NUMBER:
                    money = row.money and entry.name == "Value"
                    cell.number_format = MONEY if money else entry.number_format or "General"
                elif entry.entry is Entry.DATE:
                    cell.number_format = "dd/mm/yyyy"
            else:
                cell.fill = prefilled
        if row.target_number is not None:
            target = sheet.cell(row=number, column=1 + submission.columns.index("Target"))
            target.value = row.target_number
            target.number_format = MONEY if row.money else "General"
        sheet.row_dimensions[number].height = _height(
            [(text, entry.width) for text, entry in zip(texts, layout, strict=True)]
        )
    add_validations(sheet, submission.rows, HEADER_ROW + 1, layout)
    for place, entry in enumerate(layout, start=1):
        sheet.column_dimensions[get_column_letter(place)].width = entry.width
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    _print_setup(sheet, landscape=True)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _print_setup(sheet: Worksheet, *, landscape: bool) -> None:
    """A4, one page wide and as many pages long as it needs."""
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5


def _height(cells: list[tuple[str, int]]) -> float:
    """A row's height for its tallest wrapped cell (Excel does not work it out on opening)."""
    lines = 1
    for text, width in cells:
        room = max(width - 1, 1)
        wrapped = sum(max(1, math.ceil(len(part) / room)) for part in text.split("\n"))
        lines = max(lines, wrapped)
    return min(_LINE * lines + 3, 409.0)
