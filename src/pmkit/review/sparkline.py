"""Sparklines: a series of figures as a line of block characters, for terminals and Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decimal import Decimal

_BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[Decimal | None]) -> str:
    """One character per value, its height the value's place between the lowest and highest.

    A missing value is a space, so gaps in the data show as gaps.
    """
    known = [value for value in values if value is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = high - low
    out = []
    for value in values:
        if value is None:
            out.append(" ")
        elif not span:
            out.append(_BLOCKS[len(_BLOCKS) // 2])
        else:
            out.append(_BLOCKS[round((value - low) / span * (len(_BLOCKS) - 1))])
    return "".join(out)
