"""A return's rows as a table of text: the layout that CSV and Excel returns share.

The first rows say what the return is, for which partner and which quarter,
so a return can be imported without naming them, and when it is due back;
then the header, on the sixth row; then a row per figure, action and
commitment. Text that a spreadsheet would take for a formula (starting
``=``, ``+``, ``-`` or ``@``) is written with a leading apostrophe, which
reading a return takes off again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pmkit.returns.instructions import note
from pmkit.returns.labels import span

if TYPE_CHECKING:
    from pmkit.returns.content import Return

TITLE = "pmkit partner return"
HOW = "How to fill it in"
_NUMBER = re.compile(r"-?\d[\d,]*(\.\d+)?")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def table(submission: Return, *, workbook: bool = False) -> list[list[str]]:
    """Every row of the return, as text cells, the rows about it first.

    The header is always on the sixth row. A workbook's note points to its
    Instructions sheet; a CSV's says which columns to fill in.
    """
    rows = [
        [TITLE, submission.partnership],
        ["Partner", submission.partner, submission.partner_name],
        ["Period", submission.period.label, span(submission.period)],
        [HOW, note(submission, workbook=workbook)],
        [],
        list(submission.columns),
    ]
    rows.extend(row.cells(submission.columns) for row in submission.rows)
    return rows


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
