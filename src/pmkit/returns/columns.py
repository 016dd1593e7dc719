"""The return's columns, in one table: heading, width, what a cell takes, and help.

Every layout of a return (the CSV, the workbook's sheet, its drop-downs and
checks, the import) reads its columns from :data:`TABLE`, so a column added
here appears everywhere. A column the partner fills in is unlocked in the
workbook; a numeric one refuses text (a data validation that stops it).
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

COLUMNS = tuple(column.name for column in TABLE)
"""The columns' headings, in order."""

FILLED_IN = tuple(column.name for column in TABLE if column.filled_in)
"""The columns the partner fills in."""

NOT_AVAILABLE = "Not available because"
"""The column giving why a figure is not available (instead of a value)."""


def column(name: str) -> Column:
    """The column headed ``name``."""
    return next(found for found in TABLE if found.name == name)
