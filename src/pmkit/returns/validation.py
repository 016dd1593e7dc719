"""The Return sheet's data validation: what each cell the partner fills in will take.

A numeric column refuses text (a validation of whole or decimal numbers with
the "stop" error style), within the range the row's unit allows; a status is
chosen from a drop-down of labels; a due date must be a date; every cell the
partner fills in shows its column's help when selected. Cells with the same
rule share one validation, so a long return stays small.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from pmkit.returns.columns import COUNTED, NOT_AVAILABLE, TABLE, Column, Entry
from pmkit.returns.content import FIGURE, PROGRESS, RESOURCE
from pmkit.returns.labels import ACTION_LABELS, FIGURE_LABELS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    from pmkit.returns.content import Row

LISTS = {
    FIGURE: ",".join(FIGURE_LABELS.values()),
    PROGRESS: ",".join(ACTION_LABELS.values()),
}
"""The drop-down of statuses each kind of row offers, as labels."""
_VALUE_HELP = {
    FIGURE: "The figure 'What to give' asks for, as a number only.",
    PROGRESS: "How much of the action is done, in percent.",
    RESOURCE: "The amount in pounds provided in this quarter alone, not the year's total.",
    f"{FIGURE} {COUNTED}": "The figure 'What to give' asks for, as a number only; or leave it "
    "empty and give Numerator and Denominator, and it is worked out from them.",
}
"""What Value wants, by the kind of row."""
_WIDEST = Decimal("1E15")
"""The bounds of a number with no range of its own: any number, but never text."""

Rule = tuple[str, ...]


def add_validations(
    sheet: Worksheet, rows: list[Row], first: int, columns: Sequence[Column]
) -> None:
    """Validate each cell the partner fills in on ``rows`` (the first on sheet row ``first``).

    ``columns`` are the sheet's columns, in order.
    """
    from openpyxl.utils import get_column_letter

    groups: dict[Rule, list[str]] = {}
    for place, column in enumerate(columns, start=1):
        if not column.filled_in:
            continue
        letter = get_column_letter(place)
        for number, row in enumerate(rows, start=first):
            rule = _rule_for(column, row)
            if rule is not None:
                groups.setdefault(rule, []).append(f"{letter}{number}")
    for rule, cells in groups.items():
        validation = _validation(rule)
        for cell in cells:
            validation.add(cell)
        sheet.add_data_validation(validation)


def _rule_for(column: Column, row: Row) -> Rule | None:
    """The rule a cell follows, as a key that cells with the same rule share."""
    if not row.takes(column.name):
        return None
    if column.entry is Entry.CHOICE:
        return ("list", column.name, LISTS[row.kind]) if row.kind in LISTS else None
    if column.entry is Entry.DATE:
        return ("date", column.name)
    if column.entry is Entry.NUMBER:
        if column.name == "Value":
            kind = "whole" if row.whole else "decimal"
            for_row = f"{row.kind} {COUNTED}" if row.counts else row.kind
            return (kind, column.name, _text(row.low), _text(row.high), for_row)
        return ("decimal", column.name, "0" if column.needs else "", "")
    return ("prompt", column.name)


def _validation(rule: Rule) -> DataValidation:
    from openpyxl.worksheet.datavalidation import DataValidation

    kind, name = rule[0], rule[1]
    help_text = next(column.help for column in TABLE if column.name == name)[:255]
    if kind == "prompt":
        return DataValidation(
            allow_blank=True, showInputMessage=True, promptTitle=name[:32], prompt=help_text
        )
    if kind == "list":
        return DataValidation(
            type="list",
            formula1=f'"{rule[2]}"',
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle=name[:32],
            error=f"Choose from the list: {rule[2].replace(',', ', ')}.",
            showInputMessage=True,
            promptTitle=name[:32],
            prompt=help_text,
        )
    if kind == "date":
        return DataValidation(
            type="date",
            operator="greaterThan",
            formula1="DATE(2000,1,1)",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle=name[:32],
            error="Enter a date, such as 31/03/2027.",
            showInputMessage=True,
            promptTitle=name[:32],
            prompt=help_text,
        )
    if name == "Value":
        help_text = _VALUE_HELP.get(rule[4], help_text)
    return _number(kind, name, rule[2], rule[3], help_text)


def _number(kind: str, name: str, low: str, high: str, help_text: str) -> DataValidation:
    """Numbers only (whole numbers for a count), within ``low`` to ``high`` where given."""
    from openpyxl.worksheet.datavalidation import DataValidation

    operator: Literal["between", "greaterThanOrEqual", "lessThanOrEqual"] = "between"
    first, second = low, high
    if not low and not high:
        first, second = str(-_WIDEST), str(_WIDEST)
    elif not high:
        operator, first, second = "greaterThanOrEqual", low, ""
    elif not low:
        operator, first, second = "lessThanOrEqual", high, ""
    what = "a whole number" if kind == "whole" else "a number"
    bounds = f"{f' from {low}' if low else ''}{f' up to {high}' if high else ''}"
    why = (
        f" If there is no figure, leave it empty and say why in '{NOT_AVAILABLE}'."
        if name == "Value"
        else ""
    )
    return DataValidation(
        type="whole" if kind == "whole" else "decimal",
        operator=operator,
        formula1=first,
        formula2=second or None,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=name[:32],
        error=f"Type {what}{bounds}, with no words.{why}"[:225],  # Excel's most
        showInputMessage=True,
        promptTitle=name[:32],
        prompt=f"{what.capitalize()}{bounds}. {help_text}"[:255],
    )


def _text(value: Decimal | None) -> str:
    return "" if value is None else str(value)
