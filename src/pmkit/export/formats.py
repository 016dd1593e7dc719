"""Writing the export's tables: CSV, JSON Lines, and a Frictionless Data Package (v2).

Each format turns an :class:`~pmkit.export.tables.ExportResult` into files
(name and text); nothing here touches the disk. CSV is UTF-8 with no byte
order mark and LF line ends unless made for Excel (a BOM and CRLF, which
Excel needs to read UTF-8). Dates are ISO 8601 throughout, so plans on
different reporting years line up by date.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pmkit.export.columns import TITLES, ColumnType

if TYPE_CHECKING:
    from pmkit.export.tables import Cell, ExportResult, Table

DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
DESCRIPTOR = "datapackage.json"

Files = dict[str, str]
"""File names (within the output folder) and their text, in the order to write them."""


def cell_text(value: Cell) -> str:
    """A value as CSV text: empty for none, ``true``/``false``, exact decimals, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def csv_text(table: Table, *, excel: bool = False) -> str:
    """One table as CSV with a header row (for Excel: a BOM and CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if excel else "\n")
    writer.writerow(column.name for column in table.columns)
    for row in table.rows:
        writer.writerow(cell_text(value) for value in row)
    return ("\ufeff" if excel else "") + buffer.getvalue()


def _json_value(value: Cell) -> Any:
    if isinstance(value, Decimal):
        # Exact: an integer stays one, a decimal keeps the digits it was written with.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def jsonl_text(tables: list[Table]) -> str:
    """Every row of every table as one JSON object a line, its table named first."""
    lines = []
    for table in tables:
        for record in table.records():
            data = {"table": table.name} | {k: _json_value(v) for k, v in record.items()}
            lines.append(json.dumps(data, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


def csv_files(result: ExportResult, *, excel: bool = False) -> Files:
    """One CSV file per table."""
    return {f"{table.name}.csv": csv_text(table, excel=excel) for table in result.tables}


def jsonl_files(result: ExportResult, *, excel: bool = False) -> Files:
    """One JSON Lines file per table."""
    return {f"{table.name}.jsonl": jsonl_text([table]) for table in result.tables}


def datapackage_files(result: ExportResult, *, excel: bool = False) -> Files:
    """A Data Package: one CSV per table and ``datapackage.json`` describing them."""
    files = csv_files(result, excel=excel)
    files[DESCRIPTOR] = json.dumps(descriptor(result, excel=excel), indent=2) + "\n"
    return files


def descriptor(result: ExportResult, *, excel: bool = False) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor (Data Package v2)."""
    return {
        "$schema": DATA_PACKAGE_PROFILE,
        "name": _slug(result.partnership) + "-performance",
        "title": f"{result.partnership}: performance data",
        "description": (
            "The partnership's plan and recorded monitoring data, exported by pmkit. "
            "The columns are documented in pmkit's docs/export.md."
        ),
        "resources": [_resource(table, excel=excel) for table in result.tables],
    }


def _resource(table: Table, *, excel: bool) -> dict[str, Any]:
    fields = []
    for column in table.columns:
        spec: dict[str, Any] = {
            "name": column.name,
            "type": column.type.value,
            "description": column.description,
        }
        if column.categories:
            spec["categories"] = list(column.categories)
        if column.type is ColumnType.DATETIME:
            spec["format"] = "any"
        fields.append(spec)
    return {
        "name": table.name.replace("_", "-"),
        "type": "table",
        "path": f"{table.name}.csv",
        "title": TITLES[table.name],
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig" if excel else "utf-8",
        "dialect": {"header": True, "delimiter": ",", "lineTerminator": "\r\n" if excel else "\n"},
        "schema": {
            "$schema": TABLE_SCHEMA_PROFILE,
            "fields": fields,
            "missingValues": [""],
        },
    }


def _slug(text: str) -> str:
    kept = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in kept.split("-") if part) or "partnership"


FORMATS: dict[str, Callable[..., Files]] = {
    "csv": csv_files,
    "jsonl": jsonl_files,
    "datapackage": datapackage_files,
}
"""Each export format and how it turns the tables into files."""
