"""``pmkit status``: the quarter's picture in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pmkit.cli.app import app, fail
from pmkit.cli.record import PlanOption, workspace


@app.command()
def status(
    ctx: typer.Context,
    quarter: Annotated[
        str | None,
        typer.Option(
            "--period",
            "--quarter",
            metavar="PERIOD",
            help="The quarter, such as 2026/27 Q2. Default: the latest that has ended.",
        ),
    ] = None,
    plan: PlanOption = Path("plan.yaml"),
    wide: Annotated[
        bool,
        typer.Option(
            "--wide",
            help="Show every title in full, however long the lines (by default each line is "
            "cut to the terminal's width, with an ellipsis).",
        ),
    ] = False,
) -> None:
    """Show the quarter at a glance in the terminal: counts, exceptions, then every indicator.

    First how many indicators have each status, then the exceptions (and the
    indicators near target) with their owners, then every indicator under
    its outcome. Each line fits the terminal; status is shown by a symbol
    and a word as well as colour.
    """
    from pmkit.cli.record import quarter_of
    from pmkit.monitoring.store import StoreError
    from pmkit.review.quarter import review_quarter

    space = workspace(ctx, plan)
    period = quarter_of(space, quarter)
    try:
        result = review_quarter(space, period)
    except StoreError as error:
        fail(str(error))
    from pmkit.cli.status_view import show

    show(result, wide=wide)
