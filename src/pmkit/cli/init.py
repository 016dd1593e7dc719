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
        Path,
        typer.Argument(metavar="FOLDER", help="The plan repository's folder (created if missing)."),
    ] = Path(),
    name: Annotated[
        str, typer.Option("--name", metavar="NAME", help="The partnership's name.")
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
    """Start a plan repository, or add to an existing one what it lacks.

    Writes a commented starter plan, the plan's schema, a .gitignore and,
    with --install-from, a CI workflow that validates every change. A file
    that is already there is never overwritten: init says what it added and
    what it left as it was. The starter plan passes 'pmkit validate' as it
    stands; replace its examples with the partnership's own.
    """
    from pmkit.scaffold import WORKFLOW, ScaffoldError, scaffold

    try:
        done = scaffold(folder, name=name, as_of=today(ctx), install_from=install_from)
    except ScaffoldError as error:
        fail(str(error))
    for path in done.written:
        say(f"wrote {path}")
    for path in done.kept:
        say(f"left {path} as it was (already there)")
    if not done.written:
        say(f"Nothing to add: {done.folder} already has everything init writes.")
    plan = done.folder / "plan.yaml"
    workflow = done.folder / WORKFLOW
    if install_from is None and not workflow.exists():
        say("No CI workflow written: add --install-from SOURCE to get one.")
    if plan in done.written:
        say(f"Next: edit {plan}, then run: pmkit validate {plan}")
    else:
        say(f"Next: run pmkit validate {plan}")
