"""Drawing the quarter at a glance in the terminal: counts, exceptions, then the indicators.

The content and its order come from :mod:`pmkit.review.glance`; the widths
from :mod:`pmkit.fitting`. This module only draws: each line fits the
terminal (its width, or ``COLUMNS``), every status carries a symbol and a
word as well as a colour (so ``NO_COLOR`` loses nothing), and ``wide`` keeps
every title whole, however long the lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from pmkit.fitting import fit_columns, shorten
from pmkit.plaintext import visible
from pmkit.review.glance import (
    Attention,
    changes_since_last_quarter,
    figure_shown,
    groups,
    needing_attention,
    short_direction,
    status_counts,
)
from pmkit.review.sparkline import direction_series, sparkline, trend_line

if TYPE_CHECKING:
    from pmkit.review.result import IndicatorReview, QuarterReview

_HEADINGS = ("Status", "Indicator", "Actual", "Target", "Trend", "Direction")
_NUMBERS = {2, 3}
"""The columns of numbers, set to the right."""
_LEAST_TITLE = 20
"""The narrowest an indicator's or action's id and title is cut to."""
_LEAST_DIRECTION = len("↓ improving")
"""The narrowest the direction is cut to ("↓ no significant change" gives way first)."""
_FULL_DIRECTION_FROM = 40
"""Below this many cells for the title, the direction drops what it was compared with."""
_HUGE = 10**6


def show(result: QuarterReview, *, wide: bool = False) -> None:
    """Print the quarter at a glance: counts, what needs attention, every indicator."""
    width = Console().width
    attention = needing_attention(result)
    if wide:
        rows = [_HEADINGS, *(_indicator_cells(item, full=True) for item in result.indicators)]
        natural = fit_columns(rows, _HUGE, {}, measure=cell_len)
        width = max(width, sum(natural) + len(_HEADINGS) - 1)
    out = Console(highlight=False, markup=False, emoji=False, width=width, soft_wrap=False)
    fit = _Fit(width, wide)
    title = f"{result.partnership}: {result.period}"
    out.print(Text(fit.line(title), style="bold"), soft_wrap=wide)
    out.print()
    _counts(out, result, fit)
    out.print()
    _attention(out, attention, fit)
    out.print()
    _indicators(out, result, fit)
    _statistics(out, result, fit)


def _statistics(out: Console, result: QuarterReview, fit: _Fit) -> None:
    """Intervals and comparisons, then the XmR charts' readings, a line each."""
    from pmkit.review.spc_review import spc_lines

    intervals = [
        f"{item.id}: {'; '.join(item.statistics.brief)}"
        for item in result.indicators
        if item.statistics is not None and item.statistics.brief
    ]
    for heading, lines in (
        ("Confidence intervals and comparisons", intervals),
        ("Statistical process control (XmR)", spc_lines(result.indicators)),
    ):
        if lines:
            out.print()
            out.print(Text(fit.line(heading), style="bold"), soft_wrap=fit.wide)
            for line in lines:
                out.print(Text("  " + fit.line(line, indent=2)), soft_wrap=fit.wide)


class _Fit:
    """Shortening to the terminal's width, or (wide) not at all."""

    def __init__(self, width: int, wide: bool) -> None:
        self.width = width
        self.wide = wide

    def line(self, text: str, indent: int = 0) -> str:
        shown = visible(text)
        return shown if self.wide else shorten(shown, self.width - indent, cell_len)

    def columns(self, rows: list[tuple[str, ...]], shrink: dict[int, int]) -> list[int]:
        available = _HUGE if self.wide else self.width
        return fit_columns(rows, available, {} if self.wide else shrink, measure=cell_len)


def _counts(out: Console, result: QuarterReview, fit: _Fit) -> None:
    counts = status_counts(result)
    total = sum(count for _, count in counts)
    out.print(Text(f"Indicators by status ({total} in all)", style="bold"))
    words = max(len(status.words) for status, _ in counts)
    digits = max(len(str(count)) for _, count in counts)
    each = 2 + words + 2 + digits
    across = 3 if fit.wide or fit.width >= 2 + 3 * each + 2 * 4 else 1
    lines = -(-len(counts) // across)
    for row in range(lines):
        line = Text("  ")
        for column, (status, count) in enumerate(counts[row::lines]):
            if column:
                line.append("    ")
            line.append(f"{status.symbol} {status.words.ljust(words)}", style=status.look.terminal)
            line.append(f"  {str(count).rjust(digits)}")
        out.print(line)
    changes = changes_since_last_quarter(result)
    if changes:
        out.print(Text(fit.line(changes)), soft_wrap=fit.wide)


def _attention(out: Console, attention: list[Attention], fit: _Fit) -> None:
    if not attention:
        nothing = (
            "Exceptions: none. No indicator is off or near target or without data, "
            "and no action is late or short of resources."
        )
        out.print(Text(nothing, style="bold"), soft_wrap=fit.wide)  # wrapped at spaces
        return
    heading = f"Exceptions, and indicators near target ({len(attention)})"
    out.print(Text(fit.line(heading), style="bold"), soft_wrap=fit.wide)
    kinds = max(cell_len(f"{item.symbol} {item.words}") for item in attention)
    for item in attention:
        style = item.status.look.terminal if item.status is not None else "bold"
        kind = f"{item.symbol} {item.words}"
        line = Text(kind, style=style)
        line.append(" " * (kinds - cell_len(kind) + 1))
        line.append(fit.line(f"{item.id} {item.title}", indent=kinds + 1))
        out.print(line, soft_wrap=fit.wide)
        story = " · ".join(
            part for part in (item.figure, *item.flags, item.owner, item.reason) if part
        )
        out.print(Text(" " * (kinds + 1) + fit.line(story, indent=kinds + 1)), soft_wrap=fit.wide)


def _indicator_cells(item: IndicatorReview, *, full: bool) -> tuple[str, ...]:
    return (
        f"{item.status.symbol} {item.status.words}",
        visible(f"{item.id} {item.title}"),
        figure_shown(item),
        item.target_shown,
        trend_line(item) if full else sparkline(direction_series(item)[0]),
        (item.direction_words or "-") if full else short_direction(item),
    )


def _indicators(out: Console, result: QuarterReview, fit: _Fit) -> None:
    found = groups(result)
    members = [item for group in found for item in group.indicators]
    if not members:
        out.print(Text("The plan has no indicators to show."))
        return
    rows = [_HEADINGS, *(_indicator_cells(item, full=True) for item in members)]
    widths = fit.columns(rows, {1: _LEAST_TITLE})
    full = fit.wide or widths[1] >= min(_FULL_DIRECTION_FROM, max(cell_len(r[1]) for r in rows))
    if not full:
        rows = [_HEADINGS, *(_indicator_cells(item, full=False) for item in members)]
        widths = fit.columns(rows, {1: _LEAST_TITLE, 5: _LEAST_DIRECTION})
    out.print(_row(_HEADINGS, widths, fit, ["bold underline"] * len(widths)), soft_wrap=True)
    for group in found:
        out.print(Text(fit.line(group.heading), style="bold"), soft_wrap=fit.wide)
        for item in group.indicators:
            cells = _indicator_cells(item, full=full)
            out.print(_row(cells, widths, fit, [item.status.look.terminal]), soft_wrap=True)


def _row(cells: tuple[str, ...], widths: list[int], fit: _Fit, styles: list[str]) -> Text:
    """One line of a table: each cell cut to its column and padded, numbers to the right."""
    line = Text()
    for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
        shown = cell if fit.wide else shorten(cell, width, cell_len)
        room = " " * max(width - cell_len(shown), 0)
        if index:
            line.append(" ")
        if index in _NUMBERS:
            line.append(room)
        line.append(shown, style=styles[index] if index < len(styles) else "")
        if index not in _NUMBERS:
            line.append(room)
    line.rstrip()
    return line
