"""``pmkit comparators import``: England's and the region's figures from a national download."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmkit.cli.app import Commands, PmkitGroup, app, fail, say
from pmkit.cli.record import PlanOption, workspace

if TYPE_CHECKING:
    from pmkit.comparator_import.run import ImportOutcome

comparators_app = Commands(
    cls=PmkitGroup,
    name="comparators",
    help="Comparator figures: England's and the region's, from a national data download.",
    no_args_is_help=True,
)
app.add_typer(comparators_app)

MAX_BYTES = 200 * 1024 * 1024
"""A profiles download for every area of a large profile runs to tens of megabytes."""


@comparators_app.command("import")
def import_comparators(
    ctx: typer.Context,
    download: Annotated[
        Path,
        typer.Argument(
            metavar="DOWNLOAD",
            help="The public-health profiles' (Fingertips) data download, a .csv file.",
        ),
    ],
    area: Annotated[
        str,
        typer.Option(
            "--area",
            metavar="AREA",
            help="The partnership's area, by its code in the download's Area Code column "
            "(such as E06000047) or its Area Name.",
        ),
    ],
    sex: Annotated[
        str, typer.Option("--sex", metavar="SEX", help="The rows for this sex.")
    ] = "Persons",
    age: Annotated[
        str | None,
        typer.Option(
            "--age",
            metavar="AGE",
            help="For an indicator the file has for several age bands, the band to take, "
            "as the download writes it (such as '65+ yrs').",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; write nothing.")
    ] = False,
    plan: PlanOption = Path("plan.yaml"),
) -> None:
    """Write England's and the region's figures into the plan's comparators.

    Each indicator whose national_id names a profiles indicator (such as
    fingertips:22401) gets, from the latest period the download has for the
    area, a national comparator (England) and a regional one (the area's
    region), replacing the comparator of the same kind and name. plan.yaml
    keeps its comments and layout, and is replaced all at once.

    Exit 0 when every such indicator got its comparators; 1 when some did not
    (no row, no value, several age bands), a row could not be read (the rest
    are written all the same), or no indicator names a national_id; 2 when the
    file or the plan cannot be read.
    Rows for indicators the plan does not use are listed, and do not count
    against it: a download usually holds a whole profile.
    """
    from pmkit.comparator_import.run import DownloadError, PlanEditError, import_download
    from pmkit.outputs import OutputError, write_output

    space = workspace(ctx, plan)
    if not any(indicator.national_id for indicator in space.plan.indicators):
        say(
            f"{space.plan_path}: no indicator names a national_id (such as "
            "fingertips:22401), so there is nothing to import",
            err=True,
        )
        raise typer.Exit(1)
    text = _read_download(download)
    plan_path = space.plan_path
    plan_text = plan_path.read_bytes().decode("utf-8-sig")
    try:
        outcome = import_download(
            space.plan,
            space.calendar,
            plan_text,
            text,
            download.name,
            area=area,
            sex=sex,
            age=age,
        )
    except DownloadError as error:
        fail(f"{download}: {error}")
    except PlanEditError as error:
        fail(f"{plan_path}: {error}")
    _report(outcome, download.name)
    if outcome.changed and not dry_run:
        try:
            write_output(plan_path, outcome.text)
        except OutputError as error:
            fail(str(error))
    verb = "would write" if dry_run else "wrote"
    written = sum(change.action in ("added", "replaced") for change in outcome.changes)
    if outcome.changed:
        say(f"{verb} {plan_path}: {written} comparator{'s' * (written != 1)} added or replaced")
    else:
        say(f"{plan_path} unchanged")
    if not outcome.complete:
        raise typer.Exit(1)


def _read_download(path: Path) -> str:
    """The download's text, or exit 2 saying why it cannot be read."""
    try:
        if not path.is_file():
            fail(f"no such file: {path}" if not path.exists() else f"not a regular file: {path}")
        if path.stat().st_size > MAX_BYTES:
            fail(f"{path} is over {MAX_BYTES // 1024 // 1024} MB: not a profiles data download")
        data = path.read_bytes()
    except OSError as error:
        fail(f"cannot read {path}: {error.strerror or error}")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    fail(f"{path} is not a text file: save the download as CSV")  # pragma: no cover


def _report(outcome: ImportOutcome, file_name: str) -> None:
    for change in outcome.changes:
        wanted = change.proposed
        shown = f"{wanted.value:,f} ({wanted.published_period or wanted.period.label})"
        what = f"{wanted.indicator}: {wanted.kind.value} {wanted.name} {shown}"
        if change.action == "replaced":
            what += f", replacing {change.before}"
        elif change.action == "kept":
            what += f": the plan's {change.before} is for a later period, and stays"
        say(f"{change.action.value}: {what}")
    for problem in outcome.choice.problems:
        say(f"not imported: {problem}", err=True)
    for row in outcome.unreadable:
        say(f"not imported: {file_name}:{row.line}: {row.reason}", err=True)
    for unmatched in outcome.unmatched:
        rows = f"{unmatched.rows} row{'s' * (unmatched.rows != 1)}"
        say(
            f"no indicator in the plan has national_id fingertips:{unmatched.indicator_id} "
            f"({unmatched.name}): {rows} left out, the first on line {unmatched.first_line}",
            err=True,
        )
