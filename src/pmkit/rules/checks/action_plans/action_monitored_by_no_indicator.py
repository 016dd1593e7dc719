"""APL010: an action that no performance indicator monitors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, rule
from pmkit.rules.checks.action_plans._elements import action_example, actions_missing

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context, Hit

_INDICATOR = "indicators:\n  - {id: CS-02, title: Repeat burglary victims}\n"


@rule(
    code="APL010",
    name="action-monitored-by-no-indicator",
    criteria=(Criterion.ACTION_PLANS, Criterion.FOCUSED),
    severity=Severity.WARNING,
    summary="An action is not monitored by any of the partnership's indicators.",
    rationale="""
        "During and following implementation it is essential to monitor performance
        against plan and outcomes", and the framework adds that "good performance indicators
        will help this". An action that no indicator monitors is cut off from the
        performance framework: the board sees the figures move but cannot connect them to
        the work meant to move them, and the action is not kept focused on the outcomes
        it serves. List under monitoring the indicators that will show whether it is
        working.
    """,
    bad=action_example("monitoring: {evaluation: Review at year end}", before=_INDICATOR),
    good=action_example("monitoring: {indicators: [CS-02]}", before=_INDICATOR),
)
def action_monitored_by_no_indicator(context: Context) -> Iterator[Hit]:
    """Actions with no ``monitoring.indicators``."""
    yield from actions_missing(
        context,
        lambda action: action.monitoring and action.monitoring.indicators,
        "is monitored by no indicator: list under 'monitoring: indicators' the indicators "
        "that show whether it is working",
    )
