"""Comparing the plan at two points: the library side of ``pmkit diff``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.plan_history.diff import PlanDiff, diff_plans
from pmkit.plan_history.targets import TimelineEntry, indicator_timeline
from pmkit.plan_history.versions import (
    HistoryError,
    PlanVersion,
    read_history,
    repository_for,
    spoken_date,
    version_at,
    version_before,
    working_copy,
)

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path


def compare(
    plan: Path,
    old: str | None = None,
    new: str | None = None,
    *,
    since: date | None = None,
) -> PlanDiff:
    """What changed in ``plan`` from ``old`` to ``new``.

    ``old`` defaults to the last commit that changed the plan (or, with
    ``since``, the last commit before that day); ``new`` to the working copy.
    Each may be any commit, tag or branch. :class:`HistoryError` says why
    the comparison cannot be made.
    """
    if since is not None and old is not None:
        raise HistoryError("give an OLD revision or --since, not both")
    repository, path = repository_for(plan)
    if since is not None:
        before = version_before(repository, path, since)
        label = before.named(spoken_date(since))
    elif old is not None:
        before = version_at(repository, path, old)
        label = before.named(old)
    else:
        before = version_at(repository, path, "HEAD")
        label = before.label
    after: PlanVersion = working_copy(plan) if new is None else version_at(repository, path, new)
    after_label = after.label if new is None else after.named(new)
    return diff_plans(before.plan, after.plan, old_label=label, new_label=after_label)


def timeline(plan: Path, indicator: str) -> list[TimelineEntry]:
    """Each commit that changed ``indicator``'s targets or definition, oldest first."""
    repository, path = repository_for(plan)
    history = read_history(repository, path)
    if not any(
        candidate.id == indicator
        for version in history.versions
        for candidate in version.plan.indicators
    ):
        raise HistoryError(f"no committed version of the plan has an indicator '{indicator}'")
    return indicator_timeline(history, indicator)
