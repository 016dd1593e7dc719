"""Writing a blank return as CSV or Excel (.xlsx).

The Excel return has drop-down lists for the status, data validation for the
range the unit allows, and the columns pmkit filled in protected, so a
partner's data lead can type only where a figure belongs. openpyxl is
imported only here and in reading, so other commands never load it.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Literal

from pmkit.monitoring.statuses import ActionStatus, FigureStatus
from pmkit.outputs import write_output
from pmkit.returns.content import COUNTS, FIGURE, INTERVAL, PROGRESS
from pmkit.returns.sheet import neutralise, table

if TYPE_CHECKING:
    from pathlib import Path

    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    from pmkit.returns.content import Return, Row

HEADER_ROW = 6
"""The spreadsheet row (1-based) of the column headings."""

_WIDTHS = {"Title": 40, "Definition": 50, "Commentary": 40, "Remedial action": 35}


def csv_text(submission: Return) -> str:
    """The return as CSV text (UTF-8, with a byte-order mark so Excel reads £ correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in table(submission):
        writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()


def write_csv(submission: Return, path: Path, *, overwrite: bool = True) -> None:
    """Write the return as a CSV file, all at once (:class:`OutputError` if it cannot be)."""
    write_output(path, csv_text(submission), overwrite=overwrite)


def write_xlsx(submission: Return, path: Path, *, overwrite: bool = True) -> None:
    """Write the return as an Excel workbook with validation and protection, all at once."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "Return"
    for number, cells in enumerate(table(submission), start=1):
        for column, text in enumerate(cells, start=1):
            cell = sheet.cell(row=number, column=column)
            cell.value = text
            cell.data_type = "s"  # text, always: never a formula
    sheet["A1"].font = Font(bold=True, size=14)
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    columns = submission.columns
    for number, row in enumerate(submission.rows, start=HEADER_ROW + 1):
        for column, name in enumerate(columns, start=1):
            cell = sheet.cell(row=number, column=column)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if row.takes(name):
                cell.protection = Protection(locked=False)
                cell.fill = fill
                cell.value = None
    _validate(sheet, submission.rows, columns)
    for name in columns:
        sheet.column_dimensions[_letter(name, columns)].width = _WIDTHS.get(name, 14)
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_output(path, buffer.getvalue(), overwrite=overwrite)


def _validate(sheet: Worksheet, rows: list[Row], columns: tuple[str, ...]) -> None:
    """Drop-down lists for Status, and the unit's range for Value, row by row."""
    status_column = _letter("Status", columns)
    value_column = _letter("Value", columns)
    due_column = _letter("Remedial due", columns)
    lists = {
        FIGURE: ",".join(status.value for status in FigureStatus),
        PROGRESS: ",".join(status.value for status in ActionStatus),
    }
    groups: dict[tuple[str, ...], list[str]] = {}
    for offset, row in enumerate(rows, start=HEADER_ROW + 1):
        if row.kind in lists:
            groups.setdefault(("list", lists[row.kind]), []).append(f"{status_column}{offset}")
        low = "" if row.low is None else str(row.low)
        high = "" if row.high is None else str(row.high)
        if low or high:
            kind = "whole" if row.whole else "decimal"
            groups.setdefault((kind, low, high), []).append(f"{value_column}{offset}")
        groups.setdefault(("date",), []).append(f"{due_column}{offset}")
        for name in (*COUNTS, *INTERVAL):
            if row.takes(name):
                groups.setdefault(("count",), []).append(f"{_letter(name, columns)}{offset}")
    for rule, cells in groups.items():
        validation = _rule(rule)
        for cell in cells:
            validation.add(cell)
        sheet.add_data_validation(validation)


def _rule(rule: tuple[str, ...]) -> DataValidation:
    from openpyxl.worksheet.datavalidation import DataValidation

    kind = rule[0]
    if kind == "list":
        return DataValidation(
            type="list",
            formula1=f'"{rule[1]}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Status",
            error="Choose a status from the list.",
        )
    if kind == "date":
        return DataValidation(
            type="date",
            operator="greaterThan",
            formula1="DATE(2000,1,1)",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Remedial due",
            error="Enter a date, such as 31/03/2027.",
        )
    if kind == "count":
        return DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Counts",
            error="Enter a number, 0 or more.",
        )
    low, high = rule[1], rule[2]
    operator: Literal["between", "greaterThanOrEqual", "lessThanOrEqual"] = "between"
    first, second = low, high
    if not high:
        operator, first, second = "greaterThanOrEqual", low, ""
    elif not low:
        operator, first, second = "lessThanOrEqual", high, ""
    return DataValidation(
        type="whole" if kind == "whole" else "decimal",
        operator=operator,
        formula1=first,
        formula2=second or None,
        allow_blank=True,
        showErrorMessage=False,  # 'not available: reason' is text, so only guide
        showInputMessage=True,
        promptTitle="Value",
        prompt=f"A number{f' from {low}' if low else ''}{f' up to {high}' if high else ''}, "
        "or 'not available: reason'.",
    )


def _letter(name: str, columns: tuple[str, ...]) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(columns.index(name) + 1)


WRITERS = {"xlsx": write_xlsx, "csv": write_csv}
"""The formats a return is written in, each with its writer."""
