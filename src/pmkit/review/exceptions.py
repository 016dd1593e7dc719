"""The exceptions a board triages: what is off target, late or short, most severe first."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.review.result import Exception_, Rag

if TYPE_CHECKING:
    from pmkit.monitoring.workspace import Workspace
    from pmkit.review.result import ActionReview, IndicatorReview, RemedialReview, ResourceLine

SEVERITY = ("off target", "overdue", "under-resourced", "near target", "at risk", "no data")
"""Kinds of exception, most severe first: the order the board triages them in."""


def severity(item: Exception_) -> tuple[int, int, int]:
    """Where ``item`` comes in the triage: its kind, then worsening, then no remedial action."""
    rank = SEVERITY.index(item.kind) if item.kind in SEVERITY else len(SEVERITY)
    return (rank, 0 if item.worsening else 1, 0 if not item.remedial else 1)


def exceptions(
    workspace: Workspace,
    indicators: list[IndicatorReview],
    actions: list[ActionReview],
    resources: list[ResourceLine],
    remedial: list[RemedialReview],
) -> list[Exception_]:
    """Red and worsening amber figures, missing data, late actions and under-resourced work.

    Each with what is being said and done about it (the open remedial actions,
    each with its due date), most severe first; ties keep the plan's order.
    Whether a remedial action is missing shows in the remedial column ("none"),
    the same on every row, rather than as a flag.
    """
    open_about: dict[str, list[str]] = {}
    for remedy in remedial:
        if remedy.status == "open":
            open_about.setdefault(remedy.about, []).append(
                f"{remedy.id}: {remedy.action} (due {remedy.due})"
            )
    actions_for_outcome: dict[str, list[str]] = {}
    for planned in workspace.plan.actions:
        for outcome in planned.outcomes:
            actions_for_outcome.setdefault(outcome, []).append(planned.id)
    found: list[Exception_] = []
    for review in indicators:
        worsening = review.direction == "worsening"
        if review.status is Rag.AMBER and not worsening:
            continue
        if review.status not in (Rag.RED, Rag.AMBER, Rag.NO_DATA):
            continue
        flags = []
        if review.status is Rag.NO_DATA:
            detail = review.not_available or review.status_note
            kind = "no data"
        else:
            detail = f"{_shown(review.actual)} against a target of {_shown(review.target)}"
            if not review.commentary:
                flags.append("no commentary")
            if not any(actions_for_outcome.get(outcome) for outcome in review.outcomes):
                flags.append("no action addresses its outcome")
            kind = "off target" if review.status is Rag.RED else "near target"
        found.append(
            Exception_(
                kind,
                review.id,
                review.title,
                detail,
                review.commentary,
                open_about.get(review.id, []),
                flags,
                status=review.status,
                owner=review.owner,
                owner_name=review.owner_name,
                worsening=worsening,
            )
        )
    for action in actions:
        if action.state.value not in ("overdue", "at_risk"):
            continue
        flags = [] if action.commentary else ["no commentary"]
        found.append(
            Exception_(
                action.state.value.replace("_", " "),
                action.id,
                action.title,
                f"due {action.end}" if action.end else "",
                action.commentary,
                open_about.get(action.id, []),
                flags,
                owner=action.lead,
                owner_name=action.lead_name,
            )
        )
    for line in resources:
        if line.short > 0:
            found.append(
                Exception_(
                    "under-resourced",
                    line.entity,
                    f"{line.title} ({line.partner_name or line.partner}'s commitment)",
                    f"£{line.provided:,.0f} provided of £{line.due:,.0f} due by now "
                    f"(£{line.committed:,.0f} committed for the year)",
                    None,
                    open_about.get(line.entity, []),
                    [],
                    owner=line.partner,
                    owner_name=line.partner_name or line.partner,
                )
            )
    return sorted(found, key=severity)


def _shown(value: Decimal | None) -> str:
    return "no figure" if value is None else format(value.normalize(), "f")
