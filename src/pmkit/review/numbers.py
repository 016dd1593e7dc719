"""Figures as people read them: thousands separated, a few decimals, a dash for none."""

from __future__ import annotations

from decimal import Decimal


def number(value: Decimal | None, places: int = 2) -> str:
    """A figure for people: thousands separated, its own decimals up to ``places``, '-' for none.

    A figure keeps the decimals it was written with (9.30 reads 9.3, 0.96 reads
    0.96), so what is shown is what was judged.
    """
    if value is None:
        return "-"
    if value == value.to_integral_value():
        return f"{int(value):,}"
    exponent = value.normalize().as_tuple().exponent
    own = -exponent if isinstance(exponent, int) else places
    return f"{value:,.{min(own, places)}f}"
