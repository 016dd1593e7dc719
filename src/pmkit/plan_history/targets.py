"""Targets through time: what was in force for a period, and every revision since.

These are library functions for reports: given the plan's history they say
what an indicator's target was at the start of its period (or, where it was
first set part-way through, the first value set), which revisions were made
and which change log entry explains each. Nothing here runs git except
:func:`load_history` and :func:`plan_at`, which read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from pmkit.plan_history.change import Change
from pmkit.plan_history.diff import diff_plans, less_ambitious
from pmkit.plan_history.versions import (
    HistoryError,
    PlanHistory,
    PlanVersion,
    read_history,
    repository_for,
    version_at,
)

if TYPE_CHECKING:
    from decimal import Decimal

    from pmkit.model.partnership import ChangeLogEntry
    from pmkit.model.plan import Plan
    from pmkit.periods import Period


@dataclass(frozen=True, slots=True)
class TargetInForce:
    """An indicator's target for a period, as it stood when the period began.

    ``set_in_year`` marks a target that was first set after the period had
    started: ``value`` is then the first value set, on ``day``.
    """

    indicator: str
    period: str
    value: Decimal
    day: date
    commit: str
    set_in_year: bool = False


@dataclass(frozen=True, slots=True)
class TargetRevision:
    """A target changed from ``old`` to ``new`` by a commit, and the entry that explains it."""

    indicator: str
    period: str
    old: Decimal
    new: Decimal
    day: date
    commit: str
    author: str
    less_ambitious: bool | None
    explanation: ChangeLogEntry | None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One commit's changes to one indicator: its targets, tolerance, title or definition."""

    day: date
    commit: str
    author: str
    changes: tuple[Change, ...]
    explanation: ChangeLogEntry | None


def load_history(repo_path: Path, plan_path: Path | str) -> PlanHistory:
    """Every committed version of the plan at ``plan_path`` in the repository at ``repo_path``."""
    repository, path = repository_for(_plan_file(repo_path, plan_path))
    return read_history(repository, path)


def plan_at(repo_path: Path, plan_path: Path | str, when: date | str) -> Plan:
    """The plan as it stood at the end of day ``when``, or at commit, tag or branch ``when``.

    :class:`~pmkit.plan_history.versions.HistoryError` says why when it cannot be read.
    """
    plan_file = _plan_file(repo_path, plan_path)
    repository, path = repository_for(plan_file)
    if isinstance(when, str):
        return version_at(repository, path, when).plan
    found = read_history(repository, path).on(when)
    if found is None:
        raise HistoryError(f"the plan {path} had not been committed by {when.isoformat()}")
    return found.plan


def _plan_file(repo_path: Path, plan_path: Path | str) -> Path:
    plan = Path(plan_path)
    return plan if plan.is_absolute() else Path(repo_path) / plan


def names(text: str, indicator: str) -> bool:
    """Whether ``text`` names the indicator ``indicator`` (``CS-08``, not ``CS-080``)."""
    pattern = rf"(?<![A-Za-z0-9]){re.escape(indicator)}(?![A-Za-z0-9])"
    return re.search(pattern, text) is not None


def _target(plan: Plan, indicator: str, period: str) -> Decimal | None:
    for candidate in plan.indicators:
        if candidate.id == indicator:
            found = [t.value for t in candidate.targets if t.period.label == period]
            return found[-1] if found else None
    return None


def targets_in_force(history: PlanHistory, indicator: str, period: Period) -> TargetInForce | None:
    """The target for ``indicator`` in ``period`` as the period began.

    That is the value in the last version committed on or before the
    period's first day; where there was none, the first value set afterwards,
    marked ``set_in_year``. ``None`` when no version sets one.
    """
    label = period.label
    at_start: tuple[Decimal, PlanVersion] | None = None
    for version in history.versions:
        commit = version.commit
        if commit is None:
            continue
        value = _target(version.plan, indicator, label)
        if commit.day <= period.start:
            at_start = (value, version) if value is not None else None
            continue
        if at_start is not None:
            break
        if value is not None:
            return TargetInForce(indicator, label, value, commit.day, commit.sha, set_in_year=True)
    if at_start is None:
        return None
    value, version = at_start
    day = version.day or period.start
    sha = version.commit.sha if version.commit is not None else ""
    return TargetInForce(indicator, label, value, day, sha)


def target_revisions(
    history: PlanHistory, indicator: str, year: Period | None = None
) -> list[TargetRevision]:
    """Every revision of ``indicator``'s targets, oldest first.

    With ``year``, only revisions made during that year to targets for
    periods within it.
    """
    found = []
    versions = [version for version in history.versions if version.commit is not None]
    latest = versions[-1].plan if versions else None
    for before, after in pairwise(versions):
        assert after.commit is not None
        if year is not None and not year.start <= after.commit.day <= year.end:
            continue
        polarity = next((i.polarity for i in after.plan.indicators if i.id == indicator), None)
        for change in _indicator_changes(before, after, indicator):
            if change.kind != "revised" or change.section != "targets" or change.period is None:
                continue
            old = _target(before.plan, indicator, change.period)
            new = _target(after.plan, indicator, change.period)
            if old is None or new is None:
                continue
            if year is not None and not _within(year, change.period, after.plan):
                continue
            found.append(
                TargetRevision(
                    indicator,
                    change.period,
                    old,
                    new,
                    after.commit.day,
                    after.commit.sha,
                    after.commit.author,
                    less_ambitious(polarity, old, new),
                    explanation(before, after, indicator, latest),
                )
            )
    return found


def _within(year: Period, label: str, plan: Plan) -> bool:
    for indicator in plan.indicators:
        for target in indicator.targets:
            if target.period.label == label:
                return year.contains(target.period)
    return False


def indicator_timeline(history: PlanHistory, indicator: str) -> list[TimelineEntry]:
    """Each commit that changed ``indicator``'s targets, tolerance, title or definition.

    Within a commit, changes to the indicator itself (its arrival, title or
    definition) come before its targets and tolerance.
    """
    entries = []
    versions = [version for version in history.versions if version.commit is not None]
    latest = versions[-1].plan if versions else None
    previous: PlanVersion | None = None
    for version in versions:
        assert version.commit is not None
        if previous is None:
            present = any(i.id == indicator for i in version.plan.indicators)
            first = _first_appearance(version, indicator) if present else ()
            changes = tuple(sorted(first, key=lambda change: change.section != "indicators"))
        else:
            found = _indicator_changes(previous, version, indicator)
            changes = tuple(sorted(found, key=lambda change: change.section != "indicators"))
        if changes:
            entries.append(
                TimelineEntry(
                    version.commit.day,
                    version.commit.sha,
                    version.commit.author,
                    changes,
                    explanation(previous, version, indicator, latest) if previous else None,
                )
            )
        previous = version
    return entries


def _first_appearance(version: PlanVersion, indicator: str) -> tuple[Change, ...]:
    from pmkit.model.plan import Plan

    empty = Plan.model_validate({"format_version": 1, "partnership": {"name": "-"}})
    diff = diff_plans(empty, version.plan)
    return tuple(change for change in diff.changes if change.subject == indicator)


def _indicator_changes(before: PlanVersion, after: PlanVersion, indicator: str) -> list[Change]:
    diff = diff_plans(before.plan, after.plan)
    return [
        change
        for change in diff.changes
        if change.subject == indicator and change.section in ("targets", "tolerances", "indicators")
    ]


def explanation(
    before: PlanVersion | None, after: PlanVersion, indicator: str, latest: Plan | None = None
) -> ChangeLogEntry | None:
    """The change log entry that explains a change to ``indicator`` made by ``after``.

    First an entry added by that same commit that names the indicator; else
    one written up later (in the latest plan, not in that commit's) that names
    it and is dated between the commit before and this one.
    """
    known = {(e.date, e.change) for e in before.plan.partnership.change_log} if before else set()
    for entry in after.plan.partnership.change_log:
        if (entry.date, entry.change) not in known and names(entry.change, indicator):
            return entry
    if latest is None or after.day is None:
        return None
    since = before.day if before is not None and before.day is not None else date.min
    written = known | {(e.date, e.change) for e in after.plan.partnership.change_log}
    for entry in latest.partnership.change_log:
        if (
            (entry.date, entry.change) not in written
            and since <= entry.date <= after.day
            and names(entry.change, indicator)
        ):
            return entry
    return None
