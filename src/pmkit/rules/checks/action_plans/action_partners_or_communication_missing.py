"""APL007: an action with nobody involved beside its lead, or no word on communication."""

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
    code="APL007",
    name="action-partners-or-communication-missing",
    criteria=(Criterion.ACTION_PLANS,),
    severity=Severity.WARNING,
    summary="An action names no partner involved beside its lead, or not how they will "
    "communicate.",
    rationale="""
        The framework's seventh element of an action plan asks "which partners will lead the
        activity, who else is involved and how will they communicate?". A partnership
        action that involves only its lead is single-agency work, and the framework's "key
        challenge is proving that added value is being achieved through working in
        partnership". Where others are involved, they need an agreed way of keeping each
        other informed, or the work fragments. Name the partners involved beside the
        lead, and how they will communicate (a delivery group, a shared log, a regular
        meeting).
    """,
    bad=action_example("lead: {partner: council}", "involved: [council]"),
    good=action_example(
        "lead: {partner: council}",
        "involved: [police]",
        "communication: Monthly delivery group; progress to the board each quarter",
    ),
)
def action_partners_or_communication_missing(context: Context) -> Iterator[Hit]:
    """Actions with no partner ``involved`` beside the lead, or no ``communication``."""
    yield from actions_where(context, _gap)


def _gap(action: Action) -> str | None:
    """Which of the others involved and their communication the action lacks, and what to do."""
    lead = action.lead.partner if action.lead else None
    others = [partner for partner in action.involved if partner != lead]
    if not others and action.communication is None:
        return (
            "names no partner involved beside its lead, and no communication: list the "
            "partners under 'involved' and say under 'communication' how they will keep "
            "in touch"
        )
    if not others:
        return "names no partner involved beside its lead: list them under 'involved'"
    if action.communication is None:
        return (
            "does not say how its partners will communicate: say how under 'communication' "
            "(a delivery group, a regular meeting)"
        )
    return None
