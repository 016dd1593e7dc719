"""ACC002: an action that no partner leads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import PARTNERS, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="ACC002",
    name="action-without-lead",
    criteria=(Criterion.ACCOUNTABILITY, Criterion.ACTION_PLANS),
    severity=Severity.WARNING,
    summary="An action has no lead partner.",
    rationale="""
        The framework's seventh element of an action plan asks "which partners will lead the
        activity". Partners tend to "see partnership work as separate from the day to day
        responsibilities and something that is added on if there is time", so an action
        that every partner shares and none leads is the one that slips: nobody reports on
        it and nobody is held to account for it. Name the lead partner, and the role that
        will drive the action.
    """,
    bad=example(
        PARTNERS,
        """\
actions:
  - id: A1
    title: Target hardening for repeat burglary victims
    involved: [council, police]
""",
    ),
    good=example(
        PARTNERS,
        """\
actions:
  - id: A1
    title: Target hardening for repeat burglary victims
    lead: {partner: council, role: Community safety manager}
    involved: [police]
""",
    ),
)
def action_without_lead(context: Context) -> Iterator[Hit]:
    """Actions with no ``lead`` block at all."""
    for index, action in enumerate(context.plan.actions):
        if action.lead is None:
            yield Hit(
                ("actions", index, "id"),
                f"action {action.id} has no lead: add a 'lead' naming the partner and role "
                "that will drive it",
            )
