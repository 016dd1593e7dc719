"""APL009: an action that ends before it starts, or a milestone outside the action's dates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.checks.action_plans._elements import action_example

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date

    from pmkit.rules.base import Context


@rule(
    code="APL009",
    name="timescales-inconsistent",
    criteria=(Criterion.ACTION_PLANS,),
    severity=Severity.ERROR,
    summary="An action ends before it starts, or has a milestone outside its start and end.",
    rationale="""
        The framework asks of every action "what are the timescales?", and monitoring depends
        on the answer: partners "need to understand if agreed activities are taking
        place". Dates that contradict each other (an end before the start, a milestone due
        before the action begins or after it ends) cannot all be met, so progress against
        them cannot be judged. They are almost always a typing slip: correct the year or
        the date.
    """,
    bad=action_example(
        "timescales:",
        "  start: 2026-04-01",
        "  end: 2027-03-31",
        "  milestones: [{title: Scheme launched, due: 2025-06-30}]",
    ),
    good=action_example(
        "timescales:",
        "  start: 2026-04-01",
        "  end: 2027-03-31",
        "  milestones: [{title: Scheme launched, due: 2026-06-30}]",
    ),
)
def timescales_inconsistent(context: Context) -> Iterator[Hit]:
    """Ends before starts, and milestones due before the start or after the end.

    When the end is before the start, the milestones are not checked: the
    window itself is wrong, and every milestone would fall outside it.
    """
    for index, action in enumerate(context.plan.actions):
        timescales = action.timescales
        if timescales is None:
            continue
        start, end = timescales.start, timescales.end
        where = ("actions", index, "timescales")
        if start is not None and end is not None and end < start:
            yield Hit(
                (*where, "end"),
                f"action {action.id} ends on {_day(end)}, before it starts on "
                f"{_day(start)}: correct the start or end date",
            )
            continue
        for number, milestone in enumerate(timescales.milestones):
            if start is not None and milestone.due < start:
                problem = f"before the action starts on {_day(start)}"
            elif end is not None and milestone.due > end:
                problem = f"after the action ends on {_day(end)}"
            else:
                continue
            yield Hit(
                (*where, "milestones", number, "due"),
                f"action {action.id}'s milestone '{milestone.title}' is due on "
                f"{_day(milestone.due)}, {problem}: correct the date, or the action's "
                "timescales",
            )


def _day(day: date) -> str:
    """A date as a report reads it: ``1 April 2026``."""
    return f"{day.day} {day:%B %Y}"
