"""APL001: an action with no description (element 1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, rule
from pmkit.rules.checks.action_plans._elements import action_example, actions_missing

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context, Hit


@rule(
    code="APL001",
    name="action-without-description",
    criteria=(Criterion.ACTION_PLANS,),
    severity=Severity.WARNING,
    summary="An action has no description of what will be done.",
    rationale="""
        The first of the framework's key elements of an action plan is "a description of the
        action/activity". A title alone leaves each partner to imagine its own version of
        the work; when the action is reviewed, nobody can say whether what was done is
        what was agreed. Describe the action plainly enough that a board member who was
        not in the room could tell whether it is happening.
    """,
    bad=action_example(),
    good=action_example(
        "description: Free locks and door chains fitted for every repeat burglary victim."
    ),
)
def action_without_description(context: Context) -> Iterator[Hit]:
    """Actions with no ``description``."""
    yield from actions_missing(
        context,
        lambda action: action.description,
        "has no description: say under 'description' what will be done",
    )
