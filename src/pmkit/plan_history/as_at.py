"""The plan as it stood at a commit, tag, branch or date a person names.

``pmkit review --plan-at`` takes one word: ``v2026.1``, ``3f2a9c1``,
``main``, ``2026-04-01`` or ``01/04/2026``. Something written like a date is
read as one (the plan as it stood at the end of that day); anything else is a
commit, tag or branch, checked before git sees it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pmkit.plan_history.versions import (
    BadRevision,
    PlanVersion,
    read_history,
    repository_for,
    spoken_date,
    version_at,
)

if TYPE_CHECKING:
    from pathlib import Path

    from pmkit.model.plan import Plan

_LIKE_A_DATE = re.compile(
    r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4}"
)


def version_as_at(plan: Path, when: str) -> PlanVersion:
    """The committed version of ``plan`` at ``when`` (a commit, tag, branch or date).

    :class:`~pmkit.plan_history.versions.BadRevision` when ``when`` is unsafe,
    names nothing, or is a date before the plan was first committed;
    :class:`~pmkit.plan_history.versions.HistoryError` when the history
    cannot be read at all (no git, not a repository, a shallow clone).
    """
    from pmkit.dates import DateError, parse_date

    repository, path = repository_for(plan)
    text = when.strip()
    if not _LIKE_A_DATE.fullmatch(text):
        return version_at(repository, path, text)
    try:
        day = parse_date(text, "--plan-at")
    except DateError as error:
        raise BadRevision(str(error)) from None
    found = read_history(repository, path).on(day)
    if found is None:
        raise BadRevision(f"the plan {path} had not been committed by {spoken_date(day)}")
    return found


def plan_as_at(now: Plan, version: PlanVersion, name: str) -> tuple[Plan, list[str]]:
    """``version``'s plan for the review, and what the review says about it.

    ``name`` is what the person typed. Indicators the working copy holds that
    the plan did not yet hold are named: they are not reviewed.
    """
    then = {indicator.id for indicator in version.plan.indicators}
    later = [indicator.id for indicator in now.indicators if indicator.id not in then]
    notes = [
        f"Judged against the plan as it stood at {version.named(name)}: its indicators and "
        "targets, not the working copy's"
    ]
    if later:
        notes.append(f"Not yet in the plan then, so not reviewed: {', '.join(later)}")
    return version.plan, notes
