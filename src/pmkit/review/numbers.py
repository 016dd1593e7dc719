"""Figures as people read them, shared by the review's templates, charts and tables."""

from __future__ import annotations

from decimal import Decimal


def number(value: Decimal | None, places: int = 1) -> str:
    """A figure for people: thousands separated, at most ``places`` decimals, '-' for none."""
    if value is None:
        return "-"
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.{places}f}"
