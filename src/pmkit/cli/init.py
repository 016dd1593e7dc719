"""``pmkit init``: start a new plan repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pmkit.cli.app import app, fail, say, today


@app.command()
def init(
    ctx: typer.Context,
    folder: Annotated[
        Path, typer.Argument(help="The folder to set up (created if missing).")
    ] = Path(),
    name: Annotated[
        str, typer.Option("--name", help="The partnership's name.")
    ] = "Our Community Safety Partnership",
    install_from: Annotated[
        str | None,
        typer.Option(
            "--install-from",
            metavar="SOURCE",
            help="Also write a GitHub Actions workflow that installs pmkit from SOURCE: a git "
            "URL pinned to a tag (git+https://host/org/pmkit@v0.1.0) or a wheel in the repository.",
        ),
    ] = None,
) -> None:
    """Start a plan repository: a commented starter plan, the schema and a .gitignore.

    The starter plan passes 'pmkit validate' as it stands; replace its
    examples with the partnership's own. Nothing is ever overwritten.
    """
    from pmkit.scaffold import ScaffoldError, scaffold

    try:
        done = scaffold(folder, name=name, as_of=today(ctx), install_from=install_from)
    except ScaffoldError as error:
        fail(str(error))
    for path in done.written:
        say(f"wrote {path}")
    plan = done.folder / "plan.yaml"
    if install_from is None:
        say("No CI workflow written: add --install-from SOURCE to get one.")
    say(f"Next: edit {plan}, then run: pmkit validate {plan}")
