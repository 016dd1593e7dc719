"""APL008: an action with no plan for evaluating it (element 9)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, rule
from pmkit.rules.checks.action_plans._elements import action_example, actions_missing

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context, Hit


@rule(
    code="APL008",
    name="action-without-evaluation",
    criteria=(Criterion.ACTION_PLANS,),
    severity=Severity.WARNING,
    summary="An action does not say how it will be evaluated.",
    rationale="""
        The framework's ninth element of an action plan asks "how will the action/activity be
        monitored and evaluated?", and its final stage is to "review and evaluate" so
        that "activities are delivering against expected outcomes". Evaluation is how the
        partnership learns whether an action was worth its resources: "if you can't see
        success, you can't learn from it". Say how the action will be evaluated, against
        what and when.
    """,
    bad=action_example("monitoring: {indicators: []}"),
    good=action_example(
        "monitoring: {evaluation: Repeat burglary rate for treated homes against last year}"
    ),
)
def action_without_evaluation(context: Context) -> Iterator[Hit]:
    """Actions with no ``monitoring.evaluation``."""
    yield from actions_missing(
        context,
        lambda action: action.monitoring and action.monitoring.evaluation,
        "has no evaluation: say under 'monitoring: evaluation' how it will be evaluated, "
        "against what and when",
    )
