"""The review's use of the plan's history: ``--history`` and ``--plan-at``.

With ``--history`` each figure is judged against the target in force when
its period began; with ``--plan-at`` against the plan as it stood at a
commit, tag, branch or date. Where the history cannot be read (git missing,
not a repository, a shallow clone) the review goes on against the working
copy and says so; a revision or date that is unsafe or names nothing is a
mistake in the command, so it stops with exit 2.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pmkit.cli.app import fail

if TYPE_CHECKING:
    from pathlib import Path

    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period
    from pmkit.plan_history.versions import PlanHistory

IN_FORCE = "Judged against the targets in force when each period began"


def as_then(space: Workspace, year: Period) -> tuple[Workspace, PlanHistory | None, list[str]]:
    """The workspace with its targets as they stood when their periods began, from git."""
    from pmkit.plan_history.in_force import plan_in_force

    past, notes = _history(space.plan_path)
    if past is None:
        return space, None, notes
    plan_then, notes = plan_in_force(space.plan, past, year)
    return replace(space, plan=plan_then), past, [IN_FORCE, *notes]


def as_at(space: Workspace, when: str) -> tuple[Workspace, list[str]]:
    """The workspace with the plan as it stood at ``when``, from git."""
    from pmkit.plan_history.as_at import plan_as_at, version_as_at
    from pmkit.plan_history.versions import BadRevision, HistoryError

    try:
        version = version_as_at(space.plan_path, when)
    except BadRevision as error:
        fail(f"--plan-at: {error}")
    except HistoryError as error:
        return space, [_unread(error, f"the plan as it stood at {when.strip()}")]
    plan, notes = plan_as_at(space.plan, version, when.strip())
    return replace(space, plan=plan), notes


def _history(plan: Path) -> tuple[PlanHistory | None, list[str]]:
    """The plan's history from git; without it, a note saying why (the review goes on)."""
    from pmkit.plan_history.versions import HistoryError, history_for_checks

    try:
        return history_for_checks(plan), []
    except HistoryError as error:
        return None, [_unread(error, "the targets in force when each period began")]


def _unread(error: Exception, wanted: str) -> str:
    return (
        f"the plan's history could not be read ({error}), so {wanted} could not be found: "
        "figures are judged against the plan's current targets"
    )
