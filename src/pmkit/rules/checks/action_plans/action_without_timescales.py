"""APL006: an action with no timescales, or no start or end date (element 6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, rule
from pmkit.rules.checks.action_plans._elements import action_example, actions_where

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.model.actions import Action
    from pmkit.rules.base import Context, Hit


@rule(
    code="APL006",
    name="action-without-timescales",
    criteria=(Criterion.ACTION_PLANS,),
    severity=Severity.WARNING,
    summary="An action has no timescales, or no start or no end date.",
    rationale="""
        The framework's sixth element of an action plan asks "what are the timescales?". An
        action with no start date cannot be late and one with no end date never finishes:
        at the quarterly review the partnership cannot tell whether "agreed activities are
        taking place", nor take "remedial action" in time. Give every action a start
        date and an end date, with milestones for anything that runs longer than a
        quarter.
    """,
    bad=action_example("timescales: {start: 2026-04-01}"),
    good=action_example("timescales: {start: 2026-04-01, end: 2027-03-31}"),
)
def action_without_timescales(context: Context) -> Iterator[Hit]:
    """Actions with no ``timescales``, or timescales lacking ``start`` or ``end``."""
    yield from actions_where(context, _gap)


def _gap(action: Action) -> str | None:
    """What is missing from the action's timescales, and what to do."""
    timescales = action.timescales
    if timescales is None:
        return "has no timescales: give its 'start' and 'end' dates under 'timescales'"
    if timescales.start is None and timescales.end is None:
        return "has no start or end date: give both under 'timescales'"
    if timescales.start is None:
        return "has no start date: give its 'start' under 'timescales'"
    if timescales.end is None:
        return "has no end date: give its 'end' under 'timescales'"
    return None
