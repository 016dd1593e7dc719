"""Writing a blank return as CSV or Excel (.xlsx).

The CSV has the workbook's columns and the line above the table; the workbook
(:mod:`pmkit.returns.workbook`) has an Instructions sheet, drop-downs,
checks on every number and the columns pmkit filled in protected. openpyxl is
imported only when a workbook is written, so other commands never load it.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from pmkit.outputs import write_output
from pmkit.returns.sheet import neutralise, table

if TYPE_CHECKING:
    from pathlib import Path

    from pmkit.returns.content import Return


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
    """Write the return as an Excel workbook with instructions, checks and protection."""
    from pmkit.returns.workbook import write_xlsx as write_workbook

    write_workbook(submission, path, overwrite=overwrite)


WRITERS = {"xlsx": write_xlsx, "csv": write_csv}
"""The formats a return is written in, each with its writer."""
