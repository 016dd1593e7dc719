"""Reading the cells a partner fills in on a return's row: numbers, statuses and dates.

A cell that cannot be read raises :class:`RowProblem`, naming its column, so
import can say where it is as the partner sees it (file, sheet, row, column).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.dates import DateError, parse_date
from pmkit.monitoring.statuses import ActionStatus
from pmkit.numbers import NumberError, ReadNumber, check_digits, read_number
from pmkit.periods import PeriodError, check_day
from pmkit.returns.labels import ACTION_LABELS, stored

if TYPE_CHECKING:
    from pmkit.periods import Period
    from pmkit.returns.reading import FilledRow


class RowProblem(Exception):
    """What is wrong with a row, and the column it is in."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def number(row: FilledRow, column: str) -> Decimal | None:
    found = read(row, column)
    return None if found is None else found.value


def read(row: FilledRow, column: str) -> ReadNumber | None:
    """The number in ``column``, read by the one number reader; ``None`` if the cell is empty."""
    cell = row.get(column)
    if cell.value is None or cell.text == "":
        return None
    if isinstance(cell.value, bool):
        raise RowProblem(column, "expected a number, not TRUE or FALSE")
    try:
        if isinstance(cell.value, int | float):
            value = (
                Decimal(repr(cell.value)) if isinstance(cell.value, float) else Decimal(cell.value)
            )
            check_digits(value, f"'{cell.text[:40]}'")
            return ReadNumber(value)
        return read_number(cell.text)
    except NumberError as error:
        raise RowProblem(column, str(error)) from None


def percent_complete(row: FilledRow) -> int | None:
    value = number(row, "Value")
    if value is None:
        return None
    if row.get("Value").percent and value <= 1:
        value *= 100
    if value != value.to_integral_value() or not 0 <= value <= 100:
        raise RowProblem("Value", f"{value} is not a whole percentage from 0 to 100")
    return int(value)


def action_status(text: str) -> ActionStatus:
    try:
        return ActionStatus(stored(text))
    except ValueError:
        choices = ", ".join(ACTION_LABELS.values())
        raise RowProblem("Status", f"'{text}' is not one of {choices}") from None


def due_date(row: FilledRow, quarter: Period) -> date:
    cell = row.get("Remedial due")
    if isinstance(cell.value, datetime):
        return _in_range(cell.value.date())
    if isinstance(cell.value, date):
        return _in_range(cell.value)
    text = cell.text
    if not text:
        return quarter.next().end  # by the end of the next quarter, unless the partner says
    try:
        return parse_date(text, "the due date")
    except DateError as error:
        raise RowProblem("Remedial due", str(error)) from None


def _in_range(day: date) -> date:
    try:
        return check_day(day, "the due date")
    except PeriodError as error:
        raise RowProblem("Remedial due", str(error)) from None
