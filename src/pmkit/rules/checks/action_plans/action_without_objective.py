"""APL002: an action with no aim or objective (element 2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, rule
from pmkit.rules.checks.action_plans._elements import action_example, actions_missing

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context, Hit


@rule(
    code="APL002",
    name="action-without-objective",
    criteria=(Criterion.ACTION_PLANS,),
    severity=Severity.WARNING,
    summary="An action does not state the aim or objective it is meant to help address.",
    rationale="""
        The framework's second element of an action plan is "details of the aim/objective it is
        intended to help address". Without a stated objective an action cannot be judged:
        the framework asks partners to understand "if these activities are delivering the
        expected objectives", and there is nothing to judge it against. State, in a
        sentence, what the action is meant to change.
    """,
    bad=action_example(),
    good=action_example("objective: Reduce repeat burglary victimisation"),
)
def action_without_objective(context: Context) -> Iterator[Hit]:
    """Actions with no ``objective``."""
    yield from actions_missing(
        context,
        lambda action: action.objective,
        "has no objective: state under 'objective' the aim it is meant to help address",
    )
