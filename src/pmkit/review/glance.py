"""The quarter at a glance: counts first, then what needs attention, then every indicator.

What ``pmkit status`` shows, worked out from the review as plain data so the
terminal only has to draw it: statuses counted in order of need, the
indicators and actions needing attention (off and near target, no data,
overdue or at risk, short of resources) with their owners by partner name,
and the indicators grouped by outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pmkit.judgement.direction import Direction
from pmkit.judgement.status import ORDER, Rag
from pmkit.review.numbers import number

if TYPE_CHECKING:
    from pmkit.review.result import IndicatorReview, QuarterReview


@dataclass(frozen=True, slots=True)
class Attention:
    """One thing needing attention: what it is, how it stands, and whose it is."""

    symbol: str
    words: str
    """The kind in words: Off target, Near target, No data, Overdue, At risk, Under-resourced."""
    id: str
    title: str
    figure: str
    """In short: ``29.6, target 25.2``, ``no figure``, ``due 2027-03-31``, ``£1,900 of £5,000``."""
    owner: str
    """The owner or lead partner, by name (empty when the plan names none)."""
    flags: list[str] = field(default_factory=list)
    """What is missing: no commentary, no remedial action, no action addresses its outcome."""
    status: Rag | None = None
    """The indicator's status, for an indicator (to colour it); ``None`` otherwise."""
    reason: str = ""
    """Why there is no figure, for an indicator without data."""


@dataclass(frozen=True, slots=True)
class Group:
    """An outcome's indicators (or, last, the indicators that serve no outcome)."""

    heading: str
    indicators: list[IndicatorReview]


_ACTION_LOOKS = {
    "overdue": ("✗", "Overdue"),
    "at risk": ("!", "At risk"),
    "under-resourced": ("£", "Under-resourced"),
}


def status_counts(result: QuarterReview) -> list[tuple[Rag, int]]:
    """How many indicators have each status, most in need of attention first (zeros too)."""
    return [(status, sum(i.status is status for i in result.indicators)) for status in ORDER]


def changes_since_last_quarter(result: QuarterReview) -> str | None:
    """How many statuses changed since the quarter before, and which, in words.

    Indicators not due in either quarter are left out, as in the review's
    summary. None when the review has no quarter before to compare with.
    """
    board = result.board
    if board is None or board.previous_period is None:
        return None
    if not board.changes:
        return f"No status changed since {board.previous_period}."
    moves = "; ".join(
        f"{change.id} {change.before.symbol} to {change.now.symbol} {change.now.words.lower()}"
        for change in board.changes
    )
    count = len(board.changes)
    statuses = "status" if count == 1 else "statuses"
    return f"{count} {statuses} changed since {board.previous_period}: {moves}."


def needing_attention(result: QuarterReview) -> list[Attention]:
    """The review's exceptions in its own triage order, then the other near-target indicators.

    The exceptions come as the review orders them (off target, worsening
    first; overdue; under-resourced; near target and worsening; at risk; no
    data), so the terminal and the board pack agree; then the indicators near
    target that are not already listed, then remedial actions past their date.
    """
    names = {rollup.id: rollup.title for rollup in result.by_partner}
    indicators = {item.id: item for item in result.indicators}
    leads = {action.id: action.lead for action in result.actions}
    found: list[Attention] = []
    for issue in result.exceptions:
        item = indicators.get(issue.id) if issue.status is not None else None
        flags = list(issue.flags)
        if item is not None:
            if item.status is Rag.RED and not issue.remedial:
                flags.append("no remedial action")
            found.append(_indicator(item, names, flags))
        elif issue.kind == "under-resourced":
            found.append(_resources(result, issue.id, issue.title, names, issue.owner))
        elif issue.kind in _ACTION_LOOKS:
            symbol, words = _ACTION_LOOKS[issue.kind]
            owner = names.get(leads.get(issue.id) or "", leads.get(issue.id) or "")
            figure = issue.detail or "-"
            found.append(Attention(symbol, words, issue.id, issue.title, figure, owner, flags))
    listed = {attention.id for attention in found if attention.status is not None}
    found.extend(
        _indicator(item, names, [])
        for item in result.indicators
        if item.status is Rag.AMBER and item.id not in listed
    )
    for remedy in result.remedial_actions:
        if remedy.overdue:
            partner = remedy.owner.split(" (", 1)[0]
            found.append(
                Attention(
                    "✗",
                    "Overdue",
                    remedy.id,
                    f"remedial action on {remedy.about}: {remedy.action}",
                    f"due {remedy.due}",
                    names.get(partner, partner),
                )
            )
    return found


def _indicator(item: IndicatorReview, names: dict[str, str], flags: list[str]) -> Attention:
    reason = ""
    if item.status is Rag.NO_DATA:
        figure = "no figure"
        reason = item.not_available or item.status_note
    else:
        figure = f"{number(item.actual)}, target {item.target_shown}"
    owner = names.get(item.owner or "", item.owner or "")
    return Attention(
        item.status.symbol,
        item.status.words,
        item.id,
        item.title,
        figure,
        owner,
        flags,
        item.status,
        reason,
    )


def _resources(
    result: QuarterReview, entity: str, title: str, names: dict[str, str], owner: str | None
) -> Attention:
    for line in result.resources:
        named = (f"{line.title} ({who}'s commitment)" for who in (line.partner, line.partner_name))
        if line.entity == entity and (line.partner == owner or title in named):
            return Attention(
                "£",
                "Under-resourced",
                entity,
                line.title,
                f"£{line.provided:,.0f} of £{line.due:,.0f}",
                names.get(line.partner, line.partner),
            )
    return Attention("£", "Under-resourced", entity, title, "-", "")


def groups(result: QuarterReview) -> list[Group]:
    """The indicators under each outcome they serve, then any that serve none."""
    found = [
        Group(
            f"{outcome.id}: {outcome.title}",
            [item for item in result.indicators if item.id in outcome.indicators],
        )
        for outcome in result.by_outcome
    ]
    served = {item for outcome in result.by_outcome for item in outcome.indicators}
    others = [item for item in result.indicators if item.id not in served]
    if others:
        found.append(Group("Indicators that serve no outcome", others))
    return [group for group in found if group.indicators]


def short_direction(item: IndicatorReview) -> str:
    """``↑ worsening``: the arrow and the verdict, without what it was compared with."""
    if item.direction is None or not item.direction_words:
        return "-"
    arrow = item.direction_words.split(" ", 1)[0]
    if item.direction is Direction.NO_SIGNIFICANT_CHANGE:
        return f"{arrow} not sig."
    return f"{arrow} {item.direction.words}"


def figure_shown(item: IndicatorReview) -> str:
    """The figure, or for one not due yet the latest figure in and its period."""
    if item.suppressed:
        return "suppressed"
    if item.actual is not None:
        return number(item.actual)
    if item.latest is not None:
        return f"{number(item.latest.value)} ({item.latest.period})"
    return "-"
