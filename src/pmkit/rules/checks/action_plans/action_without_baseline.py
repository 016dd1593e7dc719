"""APL003: an action with no statement of the current situation (element 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, rule
from pmkit.rules.checks.action_plans._elements import action_example, actions_missing

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context, Hit


@rule(
    code="APL003",
    name="action-without-baseline",
    criteria=(Criterion.ACTION_PLANS,),
    severity=Severity.WARNING,
    summary="An action does not describe the current situation or baseline it starts from.",
    rationale="""
        The framework's third element of an action plan asks "what is the current
        situation/baseline data?". Without a baseline the difference the action makes
        cannot be seen: "if you don't measure results, you can't tell success from
        failure". Record where things stand before the action starts, with figures
        where there are any.
    """,
    bad=action_example(),
    good=action_example(
        "baseline: Last year one in eight burglary victims was burgled again within a year."
    ),
)
def action_without_baseline(context: Context) -> Iterator[Hit]:
    """Actions with no ``baseline``."""
    yield from actions_missing(
        context,
        lambda action: action.baseline,
        "has no baseline: describe under 'baseline' the current situation, with figures "
        "where there are any",
    )
