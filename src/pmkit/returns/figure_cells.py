"""A figure's row of a return: its value, why it is not available, or the counts behind it.

A rate or percentage may come with its Numerator and Denominator (and an
age-standardised rate with its Lower CI and Upper CI). With the counts, Value
may be left empty: recording the figure works it out from them, or checks a
value given too (:mod:`pmkit.monitoring.counts`), by the same rules as
``pmkit record figure --numerator``. A return without these columns reads as
one with them empty.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.numbers import not_available_reason
from pmkit.returns.cells import RowProblem, read
from pmkit.returns.columns import COUNT_FIELDS, COUNTS, NOT_AVAILABLE

if TYPE_CHECKING:
    from pmkit.returns.reading import FilledRow


def figure_value(row: FilledRow, percentage: bool) -> tuple[Decimal | None, str | None]:
    """The value typed, or why there is none; (None, None) when the counts give it."""
    cell, because = row.get("Value"), row.get(NOT_AVAILABLE).text
    if because:
        if cell.text:
            raise RowProblem(NOT_AVAILABLE, "give a value or why there is none, not both")
        return None, because
    reason = not_available_reason(cell.text) if isinstance(cell.value, str) else None
    if reason is not None:
        reason = reason or row.get("Commentary").text
        if not reason:
            raise RowProblem(
                "Value",
                "say why it is not available: 'not available: reason', or the reason in Commentary",
            )
        return None, reason
    found = read(row, "Value")
    if found is None and any(row.get(column).text for column in COUNTS):
        return None, None  # worked out from the counts, or the counts' check says what is missing
    if found is None:
        raise RowProblem("Value", f"no figure: give one, or say why not in '{NOT_AVAILABLE}'")
    value = found.value
    if percentage and cell.percent and not found.percent:
        value *= 100  # Excel stores 45% as 0.45 in a cell formatted as a percentage
    return value, None


def counts(row: FilledRow, percentage: bool) -> dict[str, Decimal | None]:
    """The counts and confidence limits on a figure's row, by the figure's field names."""
    found: dict[str, Decimal | None] = {}
    for column, name in COUNT_FIELDS.items():
        number = read(row, column)
        if number is None:
            found[name] = None
            continue
        # A limit of 45% that Excel keeps as 0.45 in a cell formatted as a percentage.
        scaled = percentage and name.endswith("_ci") and row.get(column).percent
        found[name] = number.value * 100 if scaled and not number.percent else number.value
    return found
