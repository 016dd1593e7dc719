"""A return's rows as a table of text: the layout that CSV and Excel returns share.

The first rows say what the return is, for which partner and which quarter,
so a return can be imported without naming them; then the header; then a row
per figure, action and commitment. Text that a spreadsheet would take for a
formula (starting ``=``, ``+``, ``-`` or ``@``) is written with a leading
apostrophe, which reading a return takes off again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmkit.returns.content import Return

TITLE = "pmkit partner return"
INSTRUCTIONS = (
    "Fill in Value, Status and Commentary for each row (and a remedial action, with its due "
    "date as dd/mm/yyyy, for anything off target). Leave the other columns and the rows "
    "above the table as they are. Value: a figure, or 'not available: reason'."
)
COUNTS_INSTRUCTIONS = (
    " Numerator and Denominator (for a rate or percentage): the counts behind the figure; "
    "with them, Value can be left empty and is worked out."
)
INTERVAL_INSTRUCTIONS = (
    " Lower CI and Upper CI (for an age-standardised rate): the 95% confidence limits "
    "published with it."
)
_NUMBER = re.compile(r"-?\d[\d,]*(\.\d+)?")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def table(submission: Return) -> list[list[str]]:
    """Every row of the return, as text cells, metadata first."""
    rows = [
        [TITLE, submission.partnership],
        ["Partner", submission.partner, submission.partner_name],
        ["Period", submission.period.label],
        ["How to fill it in", INSTRUCTIONS + _counts_instructions(submission)],
        [],
        list(submission.columns),
    ]
    rows.extend(row.cells(submission.columns) for row in submission.rows)
    return rows


def _counts_instructions(submission: Return) -> str:
    columns = submission.columns
    return (COUNTS_INSTRUCTIONS if "Numerator" in columns else "") + (
        INTERVAL_INSTRUCTIONS if "Lower CI" in columns else ""
    )


def neutralise(text: str) -> str:
    """``text`` made safe to put in a spreadsheet cell: never read as a formula."""
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def restore(text: str) -> str:
    """Undo :func:`neutralise` on a cell read back from a return."""
    if text.startswith("'") and text[1:2] in _FORMULA_START:
        return text[1:]
    return text
