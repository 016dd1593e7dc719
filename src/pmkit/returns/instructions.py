"""How to fill in a return, for a partner's analyst who has not seen one before.

The workbook's Instructions sheet shows these paragraphs one a row; above
the table, on the Return sheet and in a CSV, one short line says when the
return is due and where to start. Each is short and says one thing: what the
return is, the deadline, which figure each row wants, what provisional and
final mean, how to say a figure is not available, and whom to ask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.returns.columns import COLUMNS, COUNTS, INTERVAL, NOT_AVAILABLE, TABLE
from pmkit.returns.labels import day, span

if TYPE_CHECKING:
    from pmkit.returns.content import Return

Paragraph = tuple[str, str]
"""A heading and its text."""


def note(submission: Return, *, workbook: bool) -> str:
    """The one line above the table on how to fill it in, with the deadline."""
    deadline = (
        f"Send it back by {day(submission.deadline)}. " if submission.deadline is not None else ""
    )
    if workbook:
        return f"{deadline}Read the Instructions sheet first; type only in the yellow columns."
    return (
        f"{deadline}Fill in Value (or Not available because) to Remedial due; "
        "'What to give' says which figure a row wants." + _counts_note(submission)
    )


def _counts_note(submission: Return) -> str:
    """What the count columns are, for a CSV (which has no Instructions sheet)."""
    columns = submission.columns
    found = ""
    if COUNTS[0] in columns:
        found += (
            " Numerator and Denominator (for a rate or percentage): the counts behind the "
            "figure; with them, Value may be left empty and is worked out."
        )
    if INTERVAL[0] in columns:
        found += (
            " Lower CI and Upper CI (for an age-standardised rate): the 95% confidence "
            "limits published with it."
        )
    return found


def paragraphs(submission: Return, *, workbook: bool = True) -> list[Paragraph]:
    """The instructions for ``submission``, in order: for its workbook, or else its CSV."""
    quarter = submission.period
    who = submission.partner_name
    found: list[Paragraph] = [
        (
            "What this is",
            f"{who}'s performance return to the {submission.partnership} for "
            f"{quarter.label} ({span(quarter)}). It asks only for what {who} is responsible "
            "for in the partnership's plan: figures for the indicators it owns, progress on "
            "the actions it leads and the money it committed.",
        ),
        (
            "Who fills it in",
            "The analyst or data lead who holds these figures."
            + (" Fill in the Return sheet; this sheet only explains it." if workbook else ""),
        ),
    ]
    if submission.deadline is not None:
        found.append(
            (
                "Deadline",
                f"Send it back by {day(submission.deadline)}. Send the file itself, with its "
                f"name unchanged{' and all its sheets' if workbook else ', saved as CSV'}: it "
                "is read back automatically.",
            )
        )
    found.extend(
        [
            (
                "Each row",
                "One figure, action or resource. "
                + (
                    "The grey columns are filled in for you; type only in the yellow ones."
                    if workbook
                    else "Fill in Value to Remedial due; leave the other columns as they are."
                )
                + " Do not change the rows above the table.",
            ),
            (
                "Which figure",
                "Read 'What to give' before typing a value. Year to date means the "
                "cumulative figure for the year so far (at Q2: April to September), not the "
                "quarter alone. A snapshot is the position on the period's last day; "
                "rolling 12 months is the twelve months to the period's end.",
            ),
            (
                "Target",
                "The target for that row's own period, the one the review judges the figure "
                "against: for a year-to-date count, the share of the year's target due by "
                "the period's end.",
            ),
            (
                "Resources",
                "For a resource row, give the amount in pounds provided in this quarter "
                "alone, not the year's total. Target shows what was committed for the year.",
            ),
            (
                "Provisional or final",
                "Provisional: the figure may still change (records still coming in, not yet "
                "validated); the review shows it as provisional and a later return can "
                "revise it. Left empty, a figure counts as provisional. Final: checked and "
                "will not change; a final figure is replaced "
                "only with the performance officer's agreement and a reason.",
            ),
            (
                "Not available",
                f"If there is no figure, leave Value empty and say why in '{NOT_AVAILABLE}' "
                "(for example, survey results not yet published). The Board then sees why "
                "there is a gap, rather than a late return.",
            ),
            *_count_paragraphs(submission),
            (
                "Numbers",
                "Value takes a number only: type 45 or 45% for a percentage and 20000 for "
                "£20,000." + (" The workbook refuses text there." if workbook else ""),
            ),
            (
                "Off target",
                "Give commentary on any figure off target or that has moved a lot: the "
                "Board will ask why. Add a remedial action, with the date it is due, for "
                "anything off target.",
            ),
            (
                "Questions",
                f"Ask {submission.contact}."
                if submission.contact
                else "Ask the partnership's performance officer, who sent you this return.",
            ),
        ]
    )
    return found


def _count_paragraphs(submission: Return) -> list[Paragraph]:
    """What the count columns are, if the return has them."""
    columns = submission.columns
    found: list[Paragraph] = []
    if COUNTS[0] in columns:
        found.append(
            (
                "Counts",
                "For a rate or a percentage, Numerator and Denominator take the counts the "
                "figure is worked out from (for example, 51 people out of 151). With them, "
                "Value may be left empty: it is worked out from the counts. If you give Value "
                "as well, it is checked against them. Other rows leave these columns empty.",
            )
        )
    if INTERVAL[0] in columns:
        found.append(
            (
                "Confidence limits",
                "For an age-standardised rate, Lower CI and Upper CI take the 95% confidence "
                "limits published with it, in the same unit as Value.",
            )
        )
    return found


def column_help(columns: tuple[str, ...] = COLUMNS) -> list[Paragraph]:
    """Each of ``columns``' headings and what goes in it."""
    return [
        (column.name, column.help) for column in TABLE if column.help and column.name in columns
    ]
