"""``pmkit history``: every figure (or progress report) recorded, and every change to it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmkit.cli.app import app, fail, say
from pmkit.cli.record import PlanOption, known_id, workspace

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from pmkit.monitoring.history import Entry


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
    replaced them, when, and why. A table where the terminal is wide enough;
    otherwise each version on a few lines of its own. Dates, figures, ids and
    addresses are never split across lines.
    """
    from pmkit.cli.show import console
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
    out = console()
    title = f"History of {entity}"
    table = _table(title, entries, out.width)
    if table is not None:
        out.print(table)
    else:
        _stacked(out, title, entries)


_HEADINGS = ("Period", "Figure", "Status", "Recorded by", "At", "Source", "Note")
_NOTE = len(_HEADINGS) - 1
"""The one column that wraps (at spaces); every other cell stays on one line."""


def _note(entry: Entry) -> str:
    if entry.current:
        return "current"
    return "replaced" + (f": {entry.reason}" if entry.reason else "")


def _cells(entry: Entry) -> tuple[str, ...]:
    from pmkit.plaintext import visible

    shown = (
        entry.period,
        entry.what,
        entry.status,
        entry.recorded_by,
        entry.recorded_at,
        entry.source,
        _note(entry),
    )
    return tuple(visible(cell) for cell in shown)


def _table(title: str, entries: list[Entry], width: int) -> Table | None:
    """The history as a table, or ``None`` if it cannot fit ``width`` without splitting a word."""
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from pmkit.cli.show import plain
    from pmkit.fitting import longest_word, share

    rows = [_HEADINGS, *(_cells(entry) for entry in entries)]
    natural = [max(cell_len(row[i]) for row in rows) for i in range(len(_HEADINGS))]
    least = list(natural)
    least[_NOTE] = max(longest_word(row[_NOTE], cell_len) for row in rows)
    # Each column has a space either side and a rule after it; the table a rule before.
    widths = share(natural, least, width - 3 * len(_HEADINGS) - 1)
    if widths is None:
        return None
    table = Table(title=plain(title), title_justify="left", header_style="bold")
    for index, (heading, column) in enumerate(zip(_HEADINGS, widths, strict=True)):
        table.add_column(
            heading,
            width=column,
            no_wrap=index != _NOTE,
            justify="right" if heading == "Figure" else "left",
        )
    for row in rows[1:]:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _stacked(out: Console, title: str, entries: list[Entry]) -> None:
    """Each version on lines of its own, for a terminal too narrow for the table.

    Lines wrap only at spaces; a single word wider than the terminal (a very
    long address, say) is cut with an ellipsis rather than split.
    """
    from rich.padding import Padding
    from rich.text import Text

    from pmkit.cli.show import plain
    from pmkit.plaintext import visible

    out.print(plain(title, style="bold"))
    for entry in entries:
        period, what, status, recorded_by, recorded_at, source, _ = _cells(entry)
        kept = "current" if entry.current else "replaced"
        first = "  ".join(part for part in (period, what, status, kept) if part)
        out.print(Text(first, style="bold" if entry.current else "", overflow="ellipsis"))
        details = [f"recorded {recorded_at} by {recorded_by}"]
        if source:
            details.append(f"from {source}")
        if entry.reason and not entry.current:
            details.append(f"why: {visible(entry.reason)}")
        for detail in details:
            text = Text(detail, overflow="ellipsis")
            out.print(Padding(text, (0, 0, 0, 2), expand=False))
