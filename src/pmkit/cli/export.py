"""``pmkit export``: the plan and its recorded data as tidy tables for analysis."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmkit.cli.app import app, fail
from pmkit.cli.record import PlanOption, workspace

if TYPE_CHECKING:
    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period


class ExportFormat(StrEnum):
    """Output formats of the export."""

    CSV = "csv"
    JSONL = "jsonl"
    DATAPACKAGE = "datapackage"


TABLE_NAMES = ("figures", "actions", "resources", "remedial_actions", "self_assessment")


@app.command()
def export(
    ctx: typer.Context,
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="csv, jsonl (JSON Lines) or datapackage (a folder of CSV files with a "
            "datapackage.json describing them).",
        ),
    ] = ExportFormat.CSV,
    table: Annotated[
        list[str] | None,
        typer.Option(
            "--table",
            "-t",
            metavar="NAME",
            help="Export this table (repeat for more): "
            + ", ".join(TABLE_NAMES)
            + ". Default: all.",
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(help="Only rows for this period (a year includes its quarters and months)."),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", metavar="PERIOD", help="Only rows from this period on.")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", metavar="PERIOD", help="Only rows up to this period.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here: a folder for a datapackage or several tables, else a file. "
            "Default: standard output.",
        ),
    ] = None,
    suppress: Annotated[
        bool,
        typer.Option(
            "--suppress/--no-suppress",
            help="Hide counts below the plan's suppress_below, as public reviews do.",
        ),
    ] = True,
    recorders: Annotated[
        bool, typer.Option("--recorders", help="Include who recorded each entry.")
    ] = False,
    commentary: Annotated[
        bool, typer.Option("--commentary", help="Include the text of commentary and comments.")
    ] = False,
    excel: Annotated[
        bool,
        typer.Option("--excel", help="CSV for Excel: a byte order mark and CRLF line ends."),
    ] = False,
    plan: PlanOption = Path("plan.yaml"),
) -> None:
    """Export the plan and its recorded data as tidy tables.

    figures (one row per indicator and period recorded, judged against the
    period's target as the review judges it), actions, resources,
    remedial_actions and self_assessment. Every column is described in
    docs/export.md; periods carry ISO start and end dates.
    """
    from pmkit.export.formats import FORMATS, jsonl_text
    from pmkit.export.tables import ExportOptions, export_plan
    from pmkit.export.writing import write_file, write_folder
    from pmkit.monitoring.store import StoreError

    chosen = tuple(dict.fromkeys(table or TABLE_NAMES))
    unknown = [name for name in chosen if name not in TABLE_NAMES]
    if unknown:
        fail(f"no table {unknown[0]!r}: choose from {', '.join(TABLE_NAMES)}")
    space = workspace(ctx, plan)
    first, last = _range(space, period, start, end)
    options = ExportOptions(
        tables=chosen,
        first=first,
        last=last,
        suppress=suppress,
        recorders=recorders,
        commentary=commentary,
    )
    try:
        result = export_plan(space, options)
        if output_format is ExportFormat.DATAPACKAGE or (
            output is not None and len(chosen) > 1 and output_format is ExportFormat.CSV
        ):
            if output is None:
                fail("a datapackage is a folder: give one with -o FOLDER")
            write_folder(FORMATS[output_format.value](result, excel=excel), output)
            return
        if output_format is ExportFormat.CSV:
            if len(chosen) > 1:
                fail("several tables need a folder: give -o FOLDER, or choose one with --table")
            from pmkit.export.formats import csv_text

            text = csv_text(result.tables[0], excel=excel)
        else:
            text = jsonl_text(result.tables)
        if output is None:
            _stdout(text)
        elif output.is_dir():
            write_file(text, output / f"{'-'.join(chosen)}.{output_format.value}")
        else:
            write_file(text, output)
    except StoreError as error:
        fail(str(error))


def _stdout(text: str) -> None:
    """Write exactly these bytes: the line ends and BOM chosen, whatever the platform."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def _range(
    space: Workspace, period: str | None, start: str | None, end: str | None
) -> tuple[Period | None, Period | None]:
    from pmkit.periods import PeriodError

    if period is not None and (start is not None or end is not None):
        fail("give --period, or --from and --to, not both")
    try:
        if period is not None:
            chosen = space.calendar.parse(period)
            return chosen, chosen
        first = space.calendar.parse(start) if start is not None else None
        last = space.calendar.parse(end) if end is not None else None
    except PeriodError as error:
        fail(str(error))
    if first is not None and last is not None and last.last < first.first:
        fail(f"--to {last.label} is before --from {first.label}")
    return first, last
