"""The return's columns, in one table: heading, width, what a cell takes, and help.

Every layout of a return (the CSV, the workbook's sheet, its drop-downs and
checks, the import) reads its columns from :data:`TABLE`, so a column added
here appears everywhere. A column the partner fills in is unlocked in the
workbook; a numeric one refuses text (a data validation that stops it). The
count columns (Numerator, Denominator, Lower CI, Upper CI) appear only in a
return with a row that takes them, and are open only on those rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Entry(StrEnum):
    """What a cell of a column takes."""

    TEXT = "text"
    NUMBER = "number"
    """A number: the workbook refuses anything else."""
    CHOICE = "choice"
    """One of a drop-down list (the row's statuses)."""
    DATE = "date"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a return."""

    name: str
    """The heading, which import finds the column by."""
    width: int
    """The column's width in the workbook, in characters."""
    entry: Entry = Entry.TEXT
    filled_in: bool = False
    """Whether the partner fills it in (unlocked in the workbook); otherwise pmkit does."""
    help: str = ""
    """What goes in it, for the Instructions sheet and the cell's prompt (up to 255 characters)."""
    number_format: str | None = None
    """The workbook's number format for its cells, if not the row's own (money)."""
    needs: str = ""
    """Which rows the column is for, if not every row: :data:`COUNTED` or :data:`INTERVAL`.

    A return has such a column only if one of its rows takes it, and it is
    open only on those rows.
    """


COUNTED = "counts"
"""A column for the rows of a rate or percentage, which take the counts behind it."""
INTERVAL_ROWS = "interval"
"""A column for the rows of an age-standardised rate, which take its confidence limits."""


TABLE: tuple[Column, ...] = (
    Column("Kind", 8, help="figure, progress (on an action you lead) or resource (money)."),
    Column("ID", 8, help="The plan's reference for the indicator, action or priority."),
    Column("Title", 20, help="What the indicator, action or priority is."),
    Column("Period", 10, help="The period the figure is for: a month, quarter or year."),
    Column(
        "What to give",
        18,
        help="Which figure is wanted: for the period alone, the year so far, a snapshot at "
        "the period's end, or the twelve months to its end.",
    ),
    Column("Unit", 9, help="The unit the value is in."),
    Column("Definition", 26, help="Exactly what is counted, as the plan defines it."),
    Column(
        "Target",
        10,
        help="The target for this row's own period: the one the review judges the figure "
        "against (for a resource, what you committed for the year).",
    ),
    Column("Last value", 12, help="The last figure recorded, and its period."),
    Column(
        "Value",
        11,
        Entry.NUMBER,
        filled_in=True,
        help="The figure, as a number only. For a resource, the amount in pounds provided "
        "this quarter; for an action, its percent complete.",
    ),
    Column(
        "Not available because",
        16,
        filled_in=True,
        help="Only if there is no figure: leave Value empty and say why (data not yet "
        "published, system change...).",
    ),
    Column(
        "Numerator",
        11,
        Entry.NUMBER,
        filled_in=True,
        help="For a rate or percentage only: the count the figure is worked out from (the "
        "people, offences or events counted). With Numerator and Denominator given, Value may "
        "be left empty: it is worked out from them, or checked against them if given too.",
        needs=COUNTED,
    ),
    Column(
        "Denominator",
        11,
        Entry.NUMBER,
        filled_in=True,
        help="For a rate or percentage only: the total the numerator is out of (the "
        "population, or everyone eligible). With Numerator and Denominator given, Value may "
        "be left empty.",
        needs=COUNTED,
    ),
    Column(
        "Lower CI",
        10,
        Entry.NUMBER,
        filled_in=True,
        help="For an age-standardised rate only: the lower 95% confidence limit published "
        "with it, in the same unit as Value.",
        needs=INTERVAL_ROWS,
    ),
    Column(
        "Upper CI",
        10,
        Entry.NUMBER,
        filled_in=True,
        help="For an age-standardised rate only: the upper 95% confidence limit published "
        "with it, in the same unit as Value.",
        needs=INTERVAL_ROWS,
    ),
    Column(
        "Status",
        12,
        Entry.CHOICE,
        filled_in=True,
        help="For a figure: Provisional (may still change) or Final. For an action: how it "
        "is going.",
    ),
    Column(
        "Commentary",
        24,
        filled_in=True,
        help="What lies behind the figure, above all if it is off target or has moved.",
    ),
    Column(
        "Remedial action",
        18,
        filled_in=True,
        help="For anything off target: what will be done to bring it back on track.",
    ),
    Column(
        "Remedial due",
        10,
        Entry.DATE,
        filled_in=True,
        help="The date the remedial action is due, as dd/mm/yyyy.",
    ),
)
"""The return's columns, in order."""

ALL_COLUMNS = tuple(column.name for column in TABLE)
"""Every heading a return can have, in order (import finds any of them)."""

COLUMNS = tuple(column.name for column in TABLE if not column.needs)
"""The headings every return has, in order (a return adds the count columns its rows need)."""

FILLED_IN = tuple(column.name for column in TABLE if column.filled_in)
"""The columns the partner fills in (the count columns on the rows that take them)."""

COUNTS = tuple(column.name for column in TABLE if column.needs == COUNTED)
"""For a rate or percentage: the counts behind the value (given, Value may be left empty)."""
INTERVAL = tuple(column.name for column in TABLE if column.needs == INTERVAL_ROWS)
"""For an age-standardised rate: the 95% confidence limits published with it."""
COUNT_FIELDS = {
    "Numerator": "numerator",
    "Denominator": "denominator",
    "Lower CI": "lower_ci",
    "Upper CI": "upper_ci",
}
"""Each count column, and the monitoring figure's field it fills."""

NOT_AVAILABLE = "Not available because"
"""The column giving why a figure is not available (instead of a value)."""


def column(name: str) -> Column:
    """The column headed ``name``."""
    return next(found for found in TABLE if found.name == name)
