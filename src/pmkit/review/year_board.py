"""The annual review's first page and roll-ups: the year-end statuses, as the board reads them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from pmkit.review.result import BoardItem, BoardSummary, Exception_, Rag, Rollup, StatusChange
from pmkit.review.year_status import year_status

if TYPE_CHECKING:
    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period
    from pmkit.review.result import QuarterReview
    from pmkit.review.year import YearLine, YearReview


def year_board(
    workspace: Workspace, review: YearReview, year: Period, last: QuarterReview | None
) -> None:
    """Fill in ``review``'s summary and roll-ups from its year-end lines.

    The figures' date and provisional count are those of the last quarter
    reviewed; the remedial actions are those still open then. The change
    since last year sets the year-end statuses beside the year before's.
    """
    from pmkit.review.quarter import plan_problems

    lines = review.indicators
    open_about: dict[str, list[str]] = {}
    for remedy in last.remedial_actions if last is not None else []:
        if remedy.status == "open":
            open_about.setdefault(remedy.about, []).append(
                f"{remedy.id}: {remedy.action} (due {remedy.due})"
            )
    top = [
        Exception_(
            "off target",
            line.id,
            line.title,
            f"{_shown(line)} against a target of {_target(line)}",
            None,
            open_about.get(line.id, []),
            [],
            status=line.status,
            owner=line.owner,
            owner_name=line.owner_name,
        )
        for line in lines
        if line.status is Rag.RED
    ]
    review.plan_problems = plan_problems(workspace)
    asks = [
        BoardItem(
            "decide",
            item.id,
            f"{item.id} {item.title} ended the year off target: agree what next year's plan "
            "does about it",
        )
        for item in top
    ]
    asks += [BoardItem("note", "plan", f"The plan has an error: {p}") for p in review.plan_problems]
    board = last.board if last is not None else None
    before = _last_year(workspace, year.previous())
    review.board = BoardSummary(
        data_as_at=board.data_as_at if board is not None else None,
        provisional=board.provisional if board is not None else 0,
        figures=board.figures if board is not None else 0,
        counts=dict(Counter(line.status.value for line in lines)),
        previous_period=year.previous().label,
        previous_counts=dict(Counter(status.value for _, status in before)),
        changes=_changes(lines, before),
        asks=asks,
        top=top,
    )
    plan = workspace.plan
    review.by_priority = _rollups(
        [(p.id, p.title or p.id, set(p.outcomes)) for p in plan.priorities],
        lines,
        lambda line, key: bool(key & set(line.outcomes)),
    )
    review.by_partner = _rollups(
        [(p.id, p.name or p.id, {p.id}) for p in plan.partners],
        lines,
        lambda line, key: line.owner in key,
    )


def _last_year(workspace: Workspace, year: Period) -> list[tuple[bool, Rag]]:
    """Each indicator's year-end status the year before: whether it had a figure, and which.

    Only what the counts and the changes need: no quarters, charts or prompts.
    """
    found = []
    for indicator in workspace.plan.indicators:
        status = year_status(workspace, indicator, year)
        found.append((status.actual is not None, status.status))
    return found


def _changes(lines: list[YearLine], before: list[tuple[bool, Rag]]) -> list[StatusChange]:
    """The indicators whose year-end status moved since last year, from what to what.

    An indicator with no year-end figure, this year or last, has nothing to
    compare: it is left out.
    """
    return [
        StatusChange(line.id, line.title, was, line.status, line.owner, line.owner_name)
        for line, (had, was) in zip(lines, before, strict=True)
        if had and line.actual is not None and was is not line.status
    ]


def _rollups(
    entities: list[tuple[str, str, set[str]]],
    lines: list[YearLine],
    belongs: Callable[[YearLine, set[str]], bool],
) -> list[Rollup]:
    found = []
    for key, title, keys in entities:
        members = [line for line in lines if belongs(line, keys)]
        counts = Counter(line.status.value for line in members)
        found.append(Rollup(key, title, dict(counts), [line.id for line in members]))
    return found


def _shown(line: YearLine) -> str:
    return "no figure" if line.actual is None else format(line.actual.normalize(), "f")


def _target(line: YearLine) -> str:
    return "none" if line.target is None else format(line.target.normalize(), "f")
