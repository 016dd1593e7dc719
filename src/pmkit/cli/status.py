"""``pmkit status``: the quarter's picture in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmkit.cli.app import app, fail
from pmkit.cli.record import PlanOption, workspace

if TYPE_CHECKING:
    from rich.console import Console

    from pmkit.review.result import IndicatorReview, QuarterReview


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
) -> None:
    """Show the quarter at a glance in the terminal: each outcome's indicators, then exceptions."""
    from pmkit.cli.record import quarter_of
    from pmkit.monitoring.store import StoreError
    from pmkit.review.quarter import review_quarter

    space = workspace(ctx, plan)
    period = quarter_of(space, quarter)
    try:
        result = review_quarter(space, period)
    except StoreError as error:
        fail(str(error))
    _show(result)


def _show(result: QuarterReview) -> None:
    from rich.table import Table
    from rich.text import Text

    from pmkit.cli.show import console, plain
    from pmkit.review.sparkline import trend_line

    out = console()
    out.print(plain(f"{result.partnership}: {result.period}", style="bold"))
    for outcome in result.by_outcome:
        members = [i for i in result.indicators if i.id in outcome.indicators]
        if not members:
            continue
        # Text, not a string: a title is never read as rich markup.
        table = Table(title=plain(f"{outcome.id}: {outcome.title}"), title_justify="left")
        for heading in ("Status", "Indicator", "Actual", "Target", "Trend", "Direction"):
            table.add_column(heading, overflow="fold")
        for item in members:
            state = Text(
                f"{item.status.symbol} {item.status.words}", style=item.status.look.terminal
            )
            table.add_row(
                state,
                plain(f"{item.id} {item.title}"),
                "\n".join(
                    ["suppressed" if item.suppressed else _figure(item)]
                    + (item.statistics.brief if item.statistics else [])
                ),
                item.target_shown,
                trend_line(item),
                item.direction_words or "-",
            )
        out.print(table)
    _show_spc(out, result)
    if result.exceptions:
        out.print(Text("Exceptions needing remedial action", style="bold"))
        for issue in result.exceptions:
            flags = f" [{'; '.join(issue.flags)}]" if issue.flags else ""
            out.print(plain(f"  {issue.kind}: {issue.id} {issue.title}: {issue.detail}{flags}"))


def _show_spc(out: Console, result: QuarterReview) -> None:
    """The indicators whose XmR chart is read: variation and assurance, in symbols and words."""
    from rich.text import Text

    from pmkit.cli.show import plain
    from pmkit.review.spc_review import spc_lines

    lines = spc_lines(result.indicators)
    if lines:
        out.print(Text("Statistical process control (XmR)", style="bold"))
        for line in lines:
            out.print(plain(f"  {line}"))


def _figure(item: IndicatorReview) -> str:
    """The figure, or for one not due yet the latest figure in and its period."""
    from pmkit.review.numbers import number

    if item.actual is not None:
        return number(item.actual)
    if item.latest is not None:
        return f"{number(item.latest.value)} ({item.latest.period})"
    return "-"
