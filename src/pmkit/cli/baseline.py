"""``pmkit baseline``: record today's findings, so that only new ones are reported."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pmkit.baseline import DEFAULT_BASELINE
from pmkit.cli.app import app, fail, say, today


@app.command()
def baseline(
    ctx: typer.Context,
    plans: Annotated[
        list[Path] | None,
        typer.Argument(metavar="PLAN", help="Plan files. Default: plan.yaml here."),
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The baseline file to write.")
    ] = DEFAULT_BASELINE,
) -> None:
    """Record the plan's findings today, so that validate reports only new ones from now on.

    Commit it, and run 'pmkit validate --baseline .pmkit-baseline.json' in CI:
    only findings that are not in the baseline are reported, so a partnership
    can adopt pmkit on an existing plan and fix the backlog over time. A
    finding is recorded by its code and the entity it is about, not its line.
    """
    from pmkit.baseline import BaselineError, write_baseline
    from pmkit.validate import validate_paths

    paths = [path / "plan.yaml" if path.is_dir() else path for path in plans or [Path("plan.yaml")]]
    result = validate_paths(paths, as_of=today(ctx))
    unreadable = [file.file for file in result.files if file.unreadable]
    if unreadable:
        fail(f"{unreadable[0]} cannot be read, so no baseline was written: run 'pmkit validate'")
    try:
        count = write_baseline(result, output)
    except BaselineError as error:
        fail(str(error))
    say(f"wrote {output}: {count} finding{'' if count == 1 else 's'} recorded")
