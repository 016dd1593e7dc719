"""Reading a filled-in return (CSV or Excel) into rows, in the file's own terms.

Spreadsheets arrive as people and Excel leave them: a byte-order mark or
Windows-1252 in a CSV, extra columns a partner added, columns moved, blank
rows at the end, percentages stored as 0.45 with a % format. Problems are
reported as "row 7, column Value", the way the partner sees the file.
"""

from __future__ import annotations

import csv
import io
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import dropwhile
from typing import TYPE_CHECKING, Any

from pmkit.returns.content import COLUMNS
from pmkit.returns.sheet import restore

if TYPE_CHECKING:
    from pathlib import Path

REQUIRED = ("Kind", "ID", "Period", "Value", "Status", "Commentary")
MAX_BYTES = 20 * 1024 * 1024


class ReturnError(Exception):
    """A file that cannot be read as a return at all."""


@dataclass(frozen=True, slots=True)
class Cell:
    """What a partner typed in one cell, and whether Excel showed it as a percentage."""

    value: Any
    percent: bool = False

    @property
    def text(self) -> str:
        """The cell as trimmed text ('' when empty)."""
        if self.value is None:
            return ""
        if isinstance(self.value, datetime | date):
            return self.value.isoformat()
        return restore(str(self.value)).strip()


@dataclass(frozen=True, slots=True)
class FilledRow:
    """One data row of a return: its spreadsheet row number and its cells by column name."""

    number: int
    cells: dict[str, Cell]

    def get(self, column: str) -> Cell:
        """The cell under ``column`` (an empty one if the column is missing)."""
        return self.cells.get(column, Cell(None))

    @property
    def filled(self) -> bool:
        """Whether the partner filled in anything on this row."""
        return any(self.get(name).text for name in ("Value", "Status", "Commentary"))


@dataclass(slots=True)
class ReturnFile:
    """A return as read: who it is from, for which period, and its rows."""

    path: Path
    partner: str
    period: str
    rows: list[FilledRow] = field(default_factory=list)


def read_return(path: Path) -> ReturnFile:
    """Read a CSV or .xlsx return; raise :class:`ReturnError` if it is not one."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ReturnError(f"cannot read {path}: {error.strerror or error}") from None
    if size > MAX_BYTES:
        raise ReturnError(f"{path} is over {MAX_BYTES // 1024 // 1024} MB: not a return")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        grid = _csv_grid(path)
    elif suffix in (".xlsx", ".xlsm"):
        grid = _xlsx_grid(path)
    else:
        raise ReturnError(f"{path} is neither a .csv nor an .xlsx file")
    return _parse(path, grid)


def _csv_grid(path: Path) -> list[list[Cell]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything; latin-1 then does
        text = data.decode("latin-1")
    if "\x00" in text:
        raise ReturnError(f"{path} is not a text file: save the return as CSV or .xlsx")
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        # Only the delimiter is guessed: a sample without a doubled quote would make
        # the sniffer turn doubled quotes off for the whole file, and splitting lines
        # first would lose the line breaks inside a quoted cell.
        rows = list(csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter))
    except csv.Error as error:
        raise ReturnError(f"{path} is not a readable CSV file: {error}") from None
    return [[Cell(value) for value in row] for row in rows]


def _xlsx_grid(path: Path) -> list[list[Cell]]:
    import zlib
    from xml.etree.ElementTree import ParseError
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    # A damaged workbook fails as it is opened or, read-only, as its sheet is read.
    damaged = (
        BadZipFile,
        OSError,
        EOFError,
        KeyError,
        ValueError,
        IndexError,
        TypeError,
        NotImplementedError,  # an unknown compression method
        ParseError,
        zlib.error,
    )
    try:
        with warnings.catch_warnings():
            # openpyxl warns about oddities it then reads past; a partner needs only the result.
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, read_only=True, data_only=True)
    except damaged as error:
        raise ReturnError(f"{path} is not a readable Excel file: {error}") from None
    try:
        sheet = workbook["Return"] if "Return" in workbook.sheetnames else workbook.worksheets[0]
        return [
            [Cell(cell.value, "%" in str(getattr(cell, "number_format", ""))) for cell in row]
            for row in sheet.iter_rows()
        ]
    except damaged as error:
        raise ReturnError(f"{path} is not a readable Excel file: {error}") from None
    finally:
        workbook.close()


def _parse(path: Path, grid: list[list[Cell]]) -> ReturnFile:
    header_at = next(
        (
            index
            for index, row in enumerate(grid)
            if {"kind", "id", "value"} <= {cell.text.lower() for cell in row}
        ),
        None,
    )
    if header_at is None:
        raise ReturnError(
            f"{path} has no table of the return: its header row (Kind, ID, Title…) is missing"
        )
    # A column the partner inserted before the table moves these rows right too.
    above = (list(dropwhile(lambda cell: not cell.text, row)) for row in grid[:header_at])
    meta = {row[0].text.lower(): row for row in above if row}
    partner = meta["partner"][1].text if len(meta.get("partner", [])) > 1 else ""
    period = meta["period"][1].text if len(meta.get("period", [])) > 1 else ""
    names = [cell.text for cell in grid[header_at]]
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise ReturnError(f"{path}'s table has no {', '.join(missing)} column")
    known = {name: names.index(name) for name in COLUMNS if name in names}
    rows = []
    for number, row in enumerate(grid[header_at + 1 :], start=header_at + 2):
        cells = {name: row[index] for name, index in known.items() if index < len(row)}
        if any(cell.text for cell in cells.values()):
            rows.append(FilledRow(number, cells))
    return ReturnFile(path, partner, period, rows)
