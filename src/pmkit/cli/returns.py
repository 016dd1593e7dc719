"""``pmkit returns``: each partner's blank return, importing them back, and who is missing."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmkit.cli.app import Commands, PmkitGroup, app, fail, refuse_controls, say
from pmkit.cli.record import ByOption, PlanOption, known_id, quarter_of, recorder, workspace

if TYPE_CHECKING:
    from pmkit.periods import Period
    from pmkit.returns.completeness import PartnerReturn
    from pmkit.returns.importing import ImportReport

returns_app = Commands(
    cls=PmkitGroup,
    name="returns",
    help="Partner returns: write the blank return each partner fills in, import the "
    "filled-in ones, and see who has not reported.",
    no_args_is_help=True,
)
app.add_typer(returns_app)

QuarterOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        metavar="PERIOD",
        help="The quarter, such as 2026/27 Q2. Default: the latest that has ended.",
    ),
]


class ReturnFormat(StrEnum):
    """File formats of a return."""

    XLSX = "xlsx"
    CSV = "csv"


class StatusFormat(StrEnum):
    """Output formats of ``returns status``."""

    TEXT = "text"
    JSON = "json"


@returns_app.command("generate")
def generate(
    ctx: typer.Context,
    partner: Annotated[
        str | None,
        typer.Option(metavar="PARTNER", help="The partner whose return to write (its id)."),
    ] = None,
    all_partners: Annotated[
        bool, typer.Option("--all", help="Write a return for every partner that owes one.")
    ] = False,
    period: QuarterOption = None,
    file_format: Annotated[
        ReturnFormat, typer.Option("--format", "-f", help="xlsx (with drop-downs) or csv.")
    ] = ReturnFormat.XLSX,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The file to write, or a folder to write PARTNER-PERIOD.xlsx into (with "
            "--all: the folder, created if missing). Default: PARTNER-PERIOD.xlsx here.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite a return file that already exists.")
    ] = False,
    plan: PlanOption = Path("plan.yaml"),
) -> None:
    """Write the blank return a partner fills in: only what that partner owns.

    Each return states its partner, quarter and deadline, lists the
    partner's figures due, the actions it leads and the resources it
    committed, with which figure each row wants, the target for its own
    period and the last value filled in, and leaves Value (or why it is not
    available), Status, Commentary and Remedial action to fill in. A
    workbook opens on an Instructions sheet for the partner's analyst.
    """
    from pmkit.returns.files import ReturnFileError, generate_returns

    if (partner is None) == (not all_partners):
        fail("say whose return to write: --partner ID, or --all")
    space = workspace(ctx, plan)
    quarter = quarter_of(space, period)
    if partner is not None:
        partner = known_id(space, partner, "partner")
    partners = [p.id for p in space.plan.partners] if all_partners else [str(partner)]
    written = 0
    try:
        for done in generate_returns(
            space,
            partners,
            quarter,
            file_format=file_format.value,
            output=output,
            into_folder=all_partners,
            force=force,
        ):
            if done.path is None:
                if not all_partners:
                    say(f"{done.partner} owes nothing for {quarter.label}: no return written")
                continue
            written += 1
            say(f"wrote {done.path}: {done.rows} rows for {done.partner}, {quarter.label}")
    except ReturnFileError as error:
        fail(str(error))
    if all_partners and not written:
        say(f"no partner owes anything for {quarter.label}")


@returns_app.command("import")
def import_(
    ctx: typer.Context,
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Returns (.xlsx, .csv) or folders.")
    ],
    partner: Annotated[
        str | None,
        typer.Option(metavar="PARTNER", help="Refuse a return that is not from this partner."),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(metavar="PERIOD", help="Refuse a return that is not for this quarter."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    replace_final: Annotated[
        bool, typer.Option("--replace-final", help="Let returns replace final figures.")
    ] = False,
    reason: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Why final figures are replaced.")
    ] = None,
    accept_unusual: Annotated[
        bool, typer.Option("--accept-unusual", help="Accept figures far outside recent ones.")
    ] = False,
    plan: PlanOption = Path("plan.yaml"),
    by: ByOption = None,
) -> None:
    """Import filled-in returns. Every row is checked first; if any is wrong, nothing is written.

    Problems are reported as the partner sees the file ("row 7, column
    Value"). Importing the same return again changes nothing.
    """
    from pmkit.monitoring.figures import FigureOptions
    from pmkit.monitoring.store import StoreError
    from pmkit.monitoring.workspace import Recorder
    from pmkit.returns.files import ReturnFileError, return_files
    from pmkit.returns.importing import ReturnsRejected, import_returns

    refuse_controls(reason=reason)
    space = workspace(ctx, plan)
    if partner is not None:
        partner = known_id(space, partner, "partner")
    try:
        paths = return_files(files)
    except ReturnFileError as error:
        fail(str(error))
    base = recorder(by, space.plan_path)

    def who(name: str) -> Recorder:
        return Recorder(base.by, base.at, name)

    options = FigureOptions(
        replace_final=replace_final, reason=reason, accept_unusual=accept_unusual
    )
    try:
        with _progress() as step:
            report = import_returns(
                space,
                paths,
                who,
                partner=partner,
                period=period,
                options=options,
                dry_run=dry_run,
                on_row=step,
            )
    except ReturnsRejected as error:
        say("pmkit: nothing imported, because:", err=True)
        for problem in error.problems:
            say(f"  {problem}", err=True)
        raise typer.Exit(2) from None
    except StoreError as error:
        fail(f"nothing imported: {error}")
    _report(report, dry_run=dry_run)


@contextmanager
def _progress() -> Iterator[Callable[[], None]]:
    """A progress bar on standard error while rows are checked, on a terminal only."""
    import sys

    if not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from pmkit.cli.show import console

    with Progress(
        SpinnerColumn(),
        TextColumn("checking rows: {task.completed}"),
        console=console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("rows")
        yield lambda: bar.advance(task)


def _report(report: ImportReport, *, dry_run: bool) -> None:
    from rich.table import Table

    from pmkit.cli.show import console, plain

    changed = [change for change in report.changes if change.action != "unchanged"]
    for name, rows in report.read:
        typer.echo(f"read {name}: {rows} rows")
    if dry_run:
        table = Table(title="What importing would change", title_justify="left")
        for heading in ("File", "Row", "Kind", "ID", "Period", "Value", "Change"):
            table.add_column(heading, overflow="fold")
        for change in report.changes:
            action = "would be " + change.action if change.action != "unchanged" else "unchanged"
            table.add_row(
                *(
                    plain(cell)
                    for cell in (
                        change.file,
                        change.row,
                        change.kind,
                        change.id,
                        change.period,
                        change.shown,
                        action,
                    )
                )
            )
        console().print(table)
        say(f"dry run: {len(changed)} of {len(report.changes)} rows would change; nothing written")
        return
    files = ", ".join(period.file_stem + ".yaml" for period in sorted(report.written)) or "no file"
    say(
        f"imported {len(report.changes)} rows: {len(changed)} changed, "
        f"{len(report.changes) - len(changed)} unchanged; wrote {files}"
    )
    for note in report.notes:
        typer.echo(
            f"note: {note}. The Board will ask why: ask the partner for commentary, and "
            "agree a remedial action where one is needed",
            err=True,
        )


@returns_app.command("status")
def status(
    ctx: typer.Context,
    period: QuarterOption = None,
    output_format: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="text or json.")
    ] = StatusFormat.TEXT,
    plan: PlanOption = Path("plan.yaml"),
) -> None:
    """Show which partners have not reported for a quarter, and which figures are provisional."""
    from pmkit.monitoring.store import StoreError
    from pmkit.returns.completeness import completeness

    space = workspace(ctx, plan)
    quarter = quarter_of(space, period)
    try:
        states = completeness(space, quarter)
    except StoreError as error:
        fail(str(error))
    if output_format is StatusFormat.JSON:
        rows = [
            {
                "partner": state.partner,
                "name": state.name,
                "complete": state.complete,
                **{
                    kind: {
                        "expected": tally.expected,
                        "received": tally.received,
                        "missing": tally.missing,
                    }
                    for kind, tally in (
                        ("figures", state.figures),
                        ("progress", state.progress),
                        ("resources", state.resources),
                    )
                },
                "provisional": state.provisional,
            }
            for state in states
        ]
        typer.echo(json.dumps({"period": quarter.label, "partners": rows}, indent=2))
        return
    _status_table(quarter, states)


def _status_table(quarter: Period, states: list[PartnerReturn]) -> None:
    from rich.table import Table

    from pmkit.cli.show import console, plain

    table = Table(
        title=plain(f"Returns for {quarter.label}"), title_justify="left", header_style="bold"
    )
    for heading in ("Partner", "Figures", "Progress", "Resources", "Provisional", "Status"):
        table.add_column(heading, overflow="fold")
    for state in states:
        table.add_row(
            plain(state.name),
            *(
                f"{tally.received} of {tally.expected}" if tally.expected else "-"
                for tally in (state.figures, state.progress, state.resources)
            ),
            str(len(state.provisional)),
            "✓ complete" if state.complete else "✗ missing",
        )
    out = console()
    out.print(table)
    for state in states:
        if state.figures.missing:
            out.print(plain(f"{state.partner} has not sent: {', '.join(state.figures.missing)}"))
    waiting = [state.name for state in states if not state.complete]
    out.print(
        plain(f"Still to report: {'; '.join(waiting)}.")
        if waiting
        else "Every partner has reported."
    )
