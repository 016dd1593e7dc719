"""APL004: an action with no outputs (element 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, rule
from pmkit.rules.checks.action_plans._elements import action_example, actions_missing

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context, Hit


@rule(
    code="APL004",
    name="action-without-outputs",
    criteria=(Criterion.ACTION_PLANS,),
    severity=Severity.WARNING,
    summary="An action does not say what it will produce.",
    rationale="""
        The framework's fourth element of an action plan asks "what will be the outputs of the
        action/activity?". Outputs (homes made secure, sessions run, people referred) are
        how partners "understand if agreed activities are taking place" long before any
        change in outcomes shows. List what the action will deliver, with numbers where
        possible, so that progress can be monitored.
    """,
    bad=action_example(),
    good=action_example("outputs: [400 homes made secure within two weeks of a burglary]"),
)
def action_without_outputs(context: Context) -> Iterator[Hit]:
    """Actions with an empty ``outputs`` list."""
    yield from actions_missing(
        context,
        lambda action: action.outputs,
        "has no outputs: list under 'outputs' what it will deliver, with numbers where possible",
    )
