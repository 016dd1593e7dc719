"""Reading a filled-in return (CSV or Excel) into rows, in the file's own terms.

Spreadsheets arrive as people and Excel leave them: a byte-order mark or
Windows-1252 in a CSV, extra columns a partner added, columns moved, blank
rows at the end, percentages stored as 0.45 with a % format. Problems are
reported as "row 7, column Value", the way the partner sees the file.
"""

from __future__ import annotations

import csv
import io
import stat
import warnings
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import dropwhile
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import ParseError
from zipfile import BadZipFile, ZipFile

from pmkit.limits import ReturnLimits
from pmkit.returns.columns import ALL_COLUMNS, COUNTS, NOT_AVAILABLE
from pmkit.returns.sheet import restore

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

REQUIRED = ("Kind", "ID", "Period", "Value", "Status", "Commentary")
MAX_BYTES = 20 * 1024 * 1024
MAX_BLANK_RUN = 10_000
"""After this many blank rows in a row, a sheet is not read further (its rows are counted)."""


class ReturnError(Exception):
    """A file that cannot be read as a return at all."""


@dataclass(frozen=True, slots=True)
class Cell:
    """What a partner typed in one cell, and how Excel kept it.

    ``percent``: shown as a percentage; ``formula``: a formula, whose computed
    value pmkit never imports as if it had been typed.
    """

    value: Any
    percent: bool = False
    formula: bool = False

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
        filled_in = ("Value", NOT_AVAILABLE, *COUNTS, "Status", "Commentary")
        return any(self.get(name).text for name in filled_in)

    @property
    def formulas(self) -> list[str]:
        """The columns of this row that hold a formula."""
        return [name for name, cell in self.cells.items() if cell.formula]


@dataclass(slots=True)
class ReturnFile:
    """A return as read: who it is from, for which period, and its rows."""

    path: Path
    partner: str
    period: str
    rows: list[FilledRow] = field(default_factory=list)
    rows_read: int = 0
    """Every row of the file with anything in it, the rows above the table included."""
    sheet: str = ""
    """The workbook's sheet the table was read from ('' for a CSV)."""


NumberedRow = tuple[int, list[Cell]]
"""A row with something in it, and its number as the partner sees it (1 is the first)."""


def read_return(path: Path, limits: ReturnLimits | None = None) -> ReturnFile:
    """Read a CSV or .xlsx return; raise :class:`ReturnError` if it is not one.

    A return larger than ``limits`` (the defaults, unless the plan sets them)
    is refused, a workbook before it is unpacked.
    """
    limits = limits or ReturnLimits()
    try:
        found = path.stat()
    except OSError as error:
        raise ReturnError(f"cannot read {path}: {error.strerror or error}") from None
    if not stat.S_ISREG(found.st_mode):
        # A FIFO or a device would hang the read or never end: returns are files.
        raise ReturnError(f"{path} is not a regular file: a return is a .csv or .xlsx file")
    size = found.st_size
    if size > MAX_BYTES:
        raise ReturnError(f"{path} is over {MAX_BYTES // 1024 // 1024} MB: not a return")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _parse(path, _csv_rows(path, limits), limits)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_return(path, limits)
    raise ReturnError(f"{path} is neither a .csv nor an .xlsx file")


def _csv_rows(path: Path, limits: ReturnLimits) -> Iterator[NumberedRow]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything; latin-1 then does
        text = data.decode("latin-1")
    del data
    if "\x00" in text:
        raise ReturnError(f"{path} is not a text file: save the return as CSV or .xlsx")
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    # Only the delimiter is guessed: a sample without a doubled quote would make
    # the sniffer turn doubled quotes off for the whole file, and splitting lines
    # first would lose the line breaks inside a quoted cell.
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    try:
        # Rows are numbered as a spreadsheet shows them: a line break inside a quoted
        # cell does not start a new row.
        for number, row in enumerate(reader, start=1):
            if any(value.strip() for value in row):
                cells = [Cell(value) for value in row]
                _check_lengths(path, number, cells, limits)
                yield number, cells
    except csv.Error as error:
        raise ReturnError(f"{path} is not a readable CSV file: {error}") from None


# A damaged workbook fails as it is opened or, read-only, as its sheet is read.
_DAMAGED: tuple[type[BaseException], ...] = (
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


def _xlsx_return(path: Path, limits: ReturnLimits) -> ReturnFile:
    from openpyxl import load_workbook

    _check_unpacked_size(path, limits.workbook_bytes)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about oddities it then reads past; a partner needs only the result.
            warnings.simplefilter("ignore")
            # Not data_only: a formula must be seen as one, never its cached value taken
            # for what the partner typed.
            workbook = load_workbook(path, read_only=True, data_only=False)
    except _DAMAGED as error:
        raise ReturnError(f"{path} is not a readable Excel file: {error}") from None
    try:
        sheet = _data_sheet(workbook)
        # A sheet's <dimension> record may be stale or false; read-only openpyxl would
        # stop at it and drop every row below, so it is ignored.
        sheet.reset_dimensions()
        submission = _parse(path, _xlsx_rows(path, sheet, limits), limits)
        submission.sheet = str(sheet.title)
        present = _rows_present(path, str(getattr(sheet, "_worksheet_path", "")))
    except _DAMAGED as error:
        raise ReturnError(f"{path} is not a readable Excel file: {error}") from None
    finally:
        workbook.close()
    if present is not None and submission.rows_read != present:
        raise ReturnError(
            f"{path}: read {submission.rows_read} rows with something in them, but the "
            f"sheet holds {present}: the file is damaged or written oddly (pmkit stops "
            f"reading after {MAX_BLANK_RUN:,} blank rows in a row); open it in Excel, delete "
            "any blank rows within the table, save it again, and import that"
        )
    return submission


def _data_sheet(workbook: Any) -> Any:
    """The sheet holding the table: Return, or else the first that is not the instructions."""
    if "Return" in workbook.sheetnames:
        return workbook["Return"]
    others = [sheet for sheet in workbook.worksheets if sheet.title != "Instructions"]
    return (others or workbook.worksheets)[0]


def _check_unpacked_size(path: Path, most: int) -> None:
    """Refuse a workbook whose parts unpack to more than the bound, before reading any."""
    try:
        with ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (BadZipFile, OSError, ValueError) as error:
        raise ReturnError(f"{path} is not a readable Excel file: {error}") from None
    if unpacked > most:
        raise ReturnError(
            f"{path} unpacks to {unpacked / 1024 / 1024:.0f} MB; a return unpacks to at most "
            f"{most / 1024 / 1024:.0f} MB (settings.returns.workbook_mb)"
        )


def _xlsx_rows(path: Path, sheet: Any, limits: ReturnLimits) -> Iterator[NumberedRow]:
    blank = 0
    for number, row in enumerate(sheet.iter_rows(min_row=1, min_col=1), start=1):
        if not any(getattr(cell, "value", None) is not None for cell in row):
            blank += 1  # blank rows are not kept; after a long run, not even read
            if blank > MAX_BLANK_RUN:
                return  # the independent count of rows present catches anything further
            continue
        blank = 0
        cells = [
            Cell(
                cell.value,
                "%" in str(getattr(cell, "number_format", "")),
                getattr(cell, "data_type", None) == "f",
            )
            for cell in row
        ]
        _check_lengths(path, number, cells, limits, str(sheet.title))
        yield number, cells


def _rows_present(path: Path, member: str) -> int | None:
    """How many rows of the sheet's XML hold a value, counted without openpyxl.

    A second, independent count: if openpyxl read fewer, rows would be lost.
    Expat's callbacks build nothing, so a million blank rows cost no memory.
    """
    from xml.parsers import expat

    name = member.lstrip("/")
    if not name:
        return None
    state = {"rows": 0, "filled": False, "text": False}

    def start(tag: str, attributes: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "row":
            state["filled"] = False
        elif local in ("v", "f"):
            state["text"] = True
        elif local == "is":
            state["filled"] = True

    def end(tag: str) -> None:
        local = tag.rpartition(":")[2]
        if local == "row":
            state["rows"] += bool(state["filled"])
        elif local in ("v", "f"):
            state["text"] = False

    def text(data: str) -> None:
        if state["text"] and data:
            state["filled"] = True

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    with ZipFile(path) as archive:
        if name not in archive.namelist():
            return None
        with archive.open(name) as source:
            try:
                parser.ParseFile(source)
            except expat.ExpatError as error:
                raise ReturnError(f"{path} is not a readable Excel file: {error}") from None
    return int(state["rows"])


def _check_lengths(
    path: Path, number: int, cells: list[Cell], limits: ReturnLimits, sheet: str = ""
) -> None:
    most = limits.cell_characters
    for index, cell in enumerate(cells):
        if isinstance(cell.value, str) and len(cell.value) > most:
            from openpyxl.utils import get_column_letter

            where = f"sheet {sheet}, " if sheet else ""
            raise ReturnError(
                f"{path}: {where}row {number}, column {get_column_letter(index + 1)}: the cell "
                "holds "
                f"{len(cell.value):,} characters; a return's cells hold at most "
                f"{most:,} (settings.returns.cell_characters)"
            )


def _parse(path: Path, grid: Iterator[NumberedRow], limits: ReturnLimits) -> ReturnFile:
    above: list[list[Cell]] = []
    names: list[str] | None = None
    submission = ReturnFile(path, "", "")
    known: dict[str, int] = {}
    for number, row in grid:
        submission.rows_read += 1
        if submission.rows_read > limits.rows:
            raise ReturnError(
                f"{path} has more than {limits.rows:,} rows with something in them: "
                "not a return (settings.returns.rows)"
            )
        if names is None:
            if {"kind", "id", "value"} <= {cell.text.lower() for cell in row}:
                names = [cell.text for cell in row]
                known = _header(path, names, above, submission)
            else:
                above.append(row)
            continue
        cells = {name: row[index] for name, index in known.items() if index < len(row)}
        if any(cell.text for cell in cells.values()):
            submission.rows.append(FilledRow(number, cells))
    if names is None:
        raise ReturnError(
            f"{path} has no table of the return: its header row (Kind, ID, Title…) is missing"
        )
    return submission


def _header(
    path: Path, names: list[str], above: list[list[Cell]], submission: ReturnFile
) -> dict[str, int]:
    """The table's columns by name; the partner and period from the rows above it."""
    # A column the partner inserted before the table moves these rows right too.
    trimmed = (list(dropwhile(lambda cell: not cell.text, row)) for row in above)
    meta = {row[0].text.lower(): row for row in trimmed if row}
    for key in ("partner", "period"):
        if len(meta.get(key, [])) > 1 and meta[key][1].formula:
            raise ReturnError(
                f"{path}: the {key.title()} row above the table holds a formula: type the "
                f"{key} itself, as the blank return had it"
            )
    submission.partner = meta["partner"][1].text if len(meta.get("partner", [])) > 1 else ""
    submission.period = meta["period"][1].text if len(meta.get("period", [])) > 1 else ""
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise ReturnError(f"{path}'s table has no {', '.join(missing)} column")
    return {name: names.index(name) for name in ALL_COLUMNS if name in names}
