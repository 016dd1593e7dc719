"""``pmkit init``: start a new plan repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pmkit.cli.app import app, fail, today


@app.command()
def init(
    ctx: typer.Context,
    folder: Annotated[
        Path, typer.Argument(help="The folder to set up (created if missing).")
    ] = Path(),
    name: Annotated[
        str, typer.Option("--name", help="The partnership's name.")
    ] = "Our Community Safety Partnership",
) -> None:
    """Start a plan repository: a commented starter plan, the schema and a .gitignore.

    The starter plan passes 'pmkit validate' as it stands; replace its
    examples with the partnership's own. Nothing is ever overwritten.
    """
    from pmkit.scaffold import ScaffoldError, scaffold

    try:
        done = scaffold(folder, name=name, as_of=today(ctx))
    except ScaffoldError as error:
        fail(str(error))
    for path in done.written:
        typer.echo(f"wrote {path}")
    plan = done.folder / "plan.yaml"
    typer.echo(f"Next: edit {plan}, then run: pmkit validate {plan}")
