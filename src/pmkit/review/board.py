"""The review as a board pack: the first page (summary, changes, asks) and the resources' totals.

Everything here is worked out from the review itself (and, for the change of
status, from the same judgement applied to the quarter before), so every
format shows the same thing.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.review.result import (
    BoardItem,
    BoardSummary,
    Rag,
    ResourceTotals,
    StatusChange,
)

if TYPE_CHECKING:
    from pmkit.model.plan import Plan
    from pmkit.review.result import Exception_, QuarterReview, ResourceLine

TOP_EXCEPTIONS = 3
"""Exceptions the first page lists beyond the indicators off target (which it always lists)."""


def partner_name(plan: Plan, partner: str | None) -> str | None:
    """The partner's name as people read it ("Kestermoor Domestic Abuse Service", not "kdas")."""
    if partner is None:
        return None
    for known in plan.partners:
        if known.id == partner:
            return known.name or known.id
    return partner


def shortfalls_first(
    lines: list[ResourceLine],
) -> tuple[list[ResourceLine], ResourceTotals]:
    """The lines with a shortfall first (largest first), then the rest; and the totals."""
    short = sorted((line for line in lines if line.short > 0), key=lambda line: -line.short)
    rest = [line for line in lines if line.short <= 0]
    zero = Decimal(0)
    totals = ResourceTotals(
        committed=sum((line.committed for line in lines), zero),
        due=sum((line.due for line in lines), zero),
        provided=sum((line.provided for line in lines), zero),
        short=sum((line.short for line in lines), zero),
        lines_short=len(short),
    )
    return [*short, *rest], totals


def board_summary(review: QuarterReview, previous_period: str) -> BoardSummary:
    """The first page of the quarter's review: what the board needs first.

    A change of status is one between two judged statuses: an indicator whose
    figure is not due (this quarter or last) has nothing new to compare.
    """
    indicators = review.indicators
    recorded = [item.recorded_on for item in indicators if item.recorded_on]
    shown = [item for item in indicators if item.figure_status is not None]
    counts = Counter(item.status.value for item in indicators)
    before = Counter(
        item.previous_status.value for item in indicators if item.previous_status is not None
    )
    changes = [
        StatusChange(
            item.id, item.title, item.previous_status, item.status, item.owner, item.owner_name
        )
        for item in indicators
        if item.previous_status is not None
        and item.previous_status is not item.status
        and Rag.NOT_DUE not in (item.previous_status, item.status)
    ]
    red = [item for item in review.exceptions if item.kind == "off target"]
    others = [item for item in review.exceptions if item.kind != "off target"]
    top = red + others[:TOP_EXCEPTIONS]
    return BoardSummary(
        data_as_at=max(recorded) if recorded else None,
        provisional=sum(item.figure_status == "provisional" for item in shown),
        figures=len(shown),
        counts=dict(counts),
        previous_period=previous_period,
        previous_counts=dict(before),
        changes=changes,
        asks=asks(review),
        top=top,
        more=len(review.exceptions) - len(top),
    )


def asks(review: QuarterReview) -> list[BoardItem]:
    """What the board is asked to decide or note, most pressing first.

    The exceptions' asks (most severe first), the remedial actions past their
    due date, then the plan's errors.
    """
    found = [
        BoardItem("decide", item.id, text) for item in review.exceptions if (text := _ask(item))
    ]
    found += [
        BoardItem(
            "decide",
            remedy.id,
            f"Remedial action {remedy.id} ({remedy.action}) for {remedy.about} was due "
            f"{remedy.due} and is still open: {remedy.owner_name or remedy.owner} to "
            "report, or agree a new date",
        )
        for remedy in review.remedial_actions
        if remedy.overdue
    ]
    for problem in review.plan_problems:
        found.append(
            BoardItem(
                "note", "plan", f"The plan has an error, so a figure may be misjudged: {problem}"
            )
        )
    return found


def _ask(item: Exception_) -> str:
    """What the board is asked to decide about an exception ("" for nothing)."""
    if item.kind == "off target" and not item.remedial:
        return (
            f"{item.id} {item.title} is off target with no remedial action: agree one{_with(item)}"
        )
    if item.kind == "overdue":
        return (
            f"Action {item.id} {item.title} is overdue ({item.detail}): agree what happens "
            f"next{_with(item)}"
        )
    if item.kind == "under-resourced":
        return f"{item.title} is under-resourced: {item.detail}"
    return ""


def _with(item: Exception_) -> str:
    return f" with {item.owner_name}" if item.owner_name else ""


def moved(change: StatusChange) -> str:
    """A change of status in words: from what, to what."""
    return f"{change.before.symbol} {change.before.words} to {change.now.symbol} {change.now.words}"


__all__ = ["Rag", "board_summary", "moved", "partner_name", "shortfalls_first"]
