"""APL005: an action with no expected outcomes (element 5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, rule
from pmkit.rules.checks.action_plans._elements import action_example, actions_missing

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context, Hit


@rule(
    code="APL005",
    name="action-without-outcomes",
    criteria=(Criterion.ACTION_PLANS,),
    severity=Severity.WARNING,
    summary="An action does not say what difference it is expected to make.",
    rationale="""
        The framework's fifth element of an action plan asks "what will be the outcomes of the
        action/activity?". The framework warns that partnerships focus on how they work
        "without assessing their achievement or the difference they are making"; an
        action with outputs and no expected outcomes repeats that at the level of a
        single activity. Say what should be different for people if the action works.
    """,
    bad=action_example(),
    good=action_example("expected_outcomes: [Fewer repeat burglaries]"),
)
def action_without_outcomes(context: Context) -> Iterator[Hit]:
    """Actions with an empty ``expected_outcomes`` list."""
    yield from actions_missing(
        context,
        lambda action: action.expected_outcomes,
        "has no expected outcomes: say under 'expected_outcomes' what should be different "
        "for people if it works",
    )
