"""``pmkit schema``: the JSON Schema of the plan, for editors and other tools."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pmkit.cli.app import app
from pmkit.cli.output import open_output


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
) -> None:
    """Print the plan's JSON Schema, for editors that check the YAML as you type.

    Point your editor at it (the examples' first line does this for the YAML
    language server) to get completion and checking as you type.
    """
    from pmkit.schema import plan_schema_text

    with open_output(output) as out:
        out.write(plan_schema_text())
