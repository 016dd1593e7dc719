"""``pmkit history``: every figure (or progress report) recorded, and every change to it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pmkit.cli.app import app, fail, say
from pmkit.cli.record import PlanOption, known_id, workspace


@app.command("history")
def show_history(
    ctx: typer.Context,
    entity: Annotated[
        str,
        typer.Argument(metavar="ID", help="An indicator's or an action's id (in any case)."),
    ],
    plan: PlanOption = Path("plan.yaml"),
) -> None:
    """Show every figure recorded for an indicator, or every progress report for an action.

    Replaced versions are listed before the figure that replaced them, with who
    replaced them, when, and why.
    """
    from rich.table import Table

    from pmkit.cli.show import console, plain
    from pmkit.monitoring.history import history
    from pmkit.monitoring.store import StoreError

    space = workspace(ctx, plan)
    entity = known_id(space, entity, "indicator", "action")
    try:
        entries = list(history(space, entity))
    except StoreError as error:
        fail(str(error))
    if not entries:
        say(f"nothing recorded for {entity} yet")
        return
    table = Table(title=plain(f"History of {entity}"), title_justify="left", header_style="bold")
    for heading in ("Period", "Figure", "Status", "Recorded by", "At", "Source", "Note"):
        table.add_column(heading, overflow="fold")
    for entry in entries:
        note = (
            "current"
            if entry.current
            else "replaced" + (f": {entry.reason}" if entry.reason else "")
        )
        table.add_row(
            *(
                plain(cell)
                for cell in (
                    entry.period,
                    entry.what,
                    entry.status,
                    entry.recorded_by,
                    entry.recorded_at,
                    entry.source,
                    note,
                )
            )
        )
    console().print(table)
