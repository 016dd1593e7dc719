"""Fitting text into the columns of a terminal: widths, shortening, and sharing out the space.

Pure arithmetic on text, for any output that lays out columns of a fixed
width: how many cells a string takes, a title cut to fit with an ellipsis,
and column widths that never split a word, a date or a number.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

ELLIPSIS = "…"

Measure = Callable[[str], int]
"""How many terminal cells a string takes."""


def cells(text: str) -> int:
    """The terminal cells ``text`` takes: two for a wide (East Asian) character, none for a mark."""
    total = 0
    for character in text:
        if unicodedata.combining(character) or unicodedata.category(character) in ("Mn", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
    return total


def shorten(text: str, width: int, measure: Measure = cells) -> str:
    """``text`` if it fits in ``width`` cells, else cut to fit with ``…`` at the end.

    The cut falls after the last whole word that fits when that keeps at
    least three quarters of the width; otherwise mid-word (the ellipsis
    shows the cut).
    """
    if measure(text) <= width:
        return text
    if width <= 0:
        return ""
    room = width - measure(ELLIPSIS)
    kept = ""
    for character in text:
        if measure(kept + character) > room:
            break
        kept += character
    if " " in kept:
        at_word = kept[: kept.rindex(" ")].rstrip()
        if measure(at_word) * 4 >= room * 3:
            kept = at_word
    return kept.rstrip() + ELLIPSIS


def longest_word(text: str, measure: Measure = cells) -> int:
    """The widest run of text between spaces: a column narrower than it would split a word."""
    return max((measure(word) for word in text.split()), default=0)


def share(natural: Sequence[int], least: Sequence[int], available: int) -> list[int] | None:
    """Column widths that fit ``available`` cells, or ``None`` if even the least do not.

    Each column starts at its ``natural`` width (its widest content) and, while
    the total is too wide, the widest column that can still give way loses a
    cell, never going below its ``least`` (its longest word, or all of it
    where it must not wrap).
    """
    if sum(least) > available:
        return None
    widths = [max(min(n, available), low) for n, low in zip(natural, least, strict=True)]
    excess = sum(widths) - available
    while excess > 0:
        widest = max(
            (index for index, width in enumerate(widths) if width > least[index]),
            key=lambda index: (widths[index], -index),
        )
        widths[widest] -= 1
        excess -= 1
    return widths


def fit_columns(
    rows: Sequence[Sequence[str]],
    available: int,
    shrink: dict[int, int],
    *,
    gap: int = 1,
    measure: Measure = cells,
) -> list[int]:
    """Widths for a table of one-line cells, ``gap`` cells apart, to fit ``available`` cells.

    Every column is as wide as its widest cell, except that the columns named
    in ``shrink`` may give way down to the width given there (their cells are
    then shortened with an ellipsis). Where even that is too wide, the
    shrinkable columns take what is left, down to their least.
    """
    count = max((len(row) for row in rows), default=0)
    natural = [
        max((measure(row[i]) for row in rows if i < len(row)), default=0) for i in range(count)
    ]
    least = [min(width, shrink[i]) if i in shrink else width for i, width in enumerate(natural)]
    room = available - gap * max(count - 1, 0)
    widths = share(natural, least, room)
    return widths if widths is not None else least
