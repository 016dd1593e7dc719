"""The plan as it stood at each commit that changed it, and at any commit or date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pmkit.plan_history.git import (
    Commit,
    GitError,
    Repository,
    RevisionError,
    check_revision,
    open_repository,
)
from pmkit.plan_history.lenient import UnreadablePlan, read_plan_text

if TYPE_CHECKING:
    from pathlib import Path

    from pmkit.model.plan import Plan


class HistoryError(Exception):
    """The plan's history cannot be read: one clear message for the user."""


class BadRevision(HistoryError):
    """A commit, tag or branch someone named is unsafe or does not exist."""


def _history_error(error: GitError) -> HistoryError:
    if isinstance(error, RevisionError):
        return BadRevision(str(error))
    return HistoryError(str(error))


@dataclass(frozen=True, slots=True)
class PlanVersion:
    """One version of the plan: at a commit, or the working copy (``commit`` is ``None``)."""

    plan: Plan
    commit: Commit | None = None

    @property
    def label(self) -> str:
        """How the version is named in a report: ``3f2a9c1 (1 April 2026)`` or the working copy."""
        if self.commit is None:
            return "the working copy"
        return f"{self.commit.short} ({spoken_date(self.commit.day)})"

    def named(self, name: str) -> str:
        """``NAME (3f2a9c1 of 1 April 2026)``: a version a person named, with its commit."""
        if self.commit is None:
            return name
        return f"{name} ({self.commit.short} of {spoken_date(self.commit.day)})"

    @property
    def commit_sha(self) -> str | None:
        """The full commit id (``None`` for the working copy)."""
        return None if self.commit is None else self.commit.sha

    @property
    def day(self) -> date | None:
        """The day of the commit (``None`` for the working copy)."""
        return None if self.commit is None else self.commit.day


@dataclass(frozen=True, slots=True)
class PlanHistory:
    """Every committed version of a plan that could be read, oldest first.

    ``base`` is the commit a pull request is compared with: changes made by
    it and before are taken as already accepted.
    """

    versions: tuple[PlanVersion, ...]
    base: str | None = None

    def since_base(self) -> int:
        """The position of the first version made after ``base`` (0 without one)."""
        for number, version in enumerate(self.versions):
            if self.base is not None and version.commit_sha == self.base:
                return number + 1
        return 0

    def before(self, day: date) -> PlanVersion | None:
        """The plan as at the last commit made before ``day``."""
        found = None
        for version in self.versions:
            if version.day is not None and version.day < day:
                found = version
        return found

    def on(self, day: date) -> PlanVersion | None:
        """The plan as it stood at the end of ``day``."""
        found = None
        for version in self.versions:
            if version.day is not None and version.day <= day:
                found = version
        return found


def spoken_date(day: date) -> str:
    """``1 April 2026``."""
    return f"{day.day} {day:%B %Y}"


def repository_for(plan: Path) -> tuple[Repository, str]:
    """The repository holding ``plan``, and the plan's path inside it."""
    try:
        repository = open_repository(plan.parent if plan.parent.parts else plan.resolve().parent)
        return repository, repository.relative(plan)
    except GitError as error:
        raise _history_error(error) from None


def read_history(
    repository: Repository, path: str, *, until: str = "HEAD", since: date | None = None
) -> PlanHistory:
    """Every version of the plan at ``path`` committed up to ``until``, oldest first.

    With ``since``, only the versions from the last one before that day
    onwards (what is needed to know the plan as at ``since`` and after).
    Versions that cannot be read as a plan at all are left out.
    """
    try:
        commits = repository.plan_commits(path, until=until)
        if since is not None:
            keep = next(
                (n for n, commit in enumerate(commits) if commit.day < since), len(commits) - 1
            )
            commits = commits[: keep + 1]
        contents = repository.read_files([(commit.sha, commit.path) for commit in commits])
    except GitError as error:
        raise _history_error(error) from None
    versions = []
    for commit, content in zip(reversed(commits), reversed(contents), strict=True):
        if content is None:
            continue
        try:
            plan = read_plan_text(content.decode("utf-8-sig", errors="replace"))
        except UnreadablePlan:
            continue
        versions.append(PlanVersion(plan, commit))
    return PlanHistory(tuple(versions))


def history_for_checks(plan: Path, *, base: str | None = None) -> PlanHistory:
    """The history of ``plan`` for the checks that need it; ``base`` a pull request's base."""
    from dataclasses import replace

    repository, path = repository_for(plan)
    history = read_history(repository, path)
    if base is None:
        return history
    return replace(history, base=version_at(repository, path, base).commit_sha)


def history_of_texts(versions: list[tuple[date, str]]) -> PlanHistory:
    """A history made of plans written out as text, each with the day it was committed.

    For examples and tests: each version gets a made-up commit id, ``example-1``
    and so on, and no author.
    """
    from datetime import datetime, time

    made = []
    for number, (day, text) in enumerate(versions, start=1):
        commit = Commit(
            f"example-{number}",
            datetime.combine(day, time(12)),
            "",
            "",
            "",
            "plan.yaml",
        )
        made.append(PlanVersion(read_plan_text(text), commit))
    return PlanHistory(tuple(made))


def version_at(repository: Repository, path: str, revision: str) -> PlanVersion:
    """The plan as it stood at ``revision`` (a commit, tag or branch)."""
    try:
        check_revision(revision)
        commits = repository.plan_commits(path, until=revision)
        if not commits:
            raise HistoryError(f"the plan {path} was not yet committed at {revision}")
        (content,) = repository.read_files([(commits[0].sha, commits[0].path)])
    except GitError as error:
        raise _history_error(error) from None
    if content is None:
        raise HistoryError(f"the plan {path} is not in commit {commits[0].short}")
    try:
        plan = read_plan_text(content.decode("utf-8-sig", errors="replace"))
    except UnreadablePlan as error:
        raise HistoryError(f"the plan at {commits[0].short} cannot be read: {error}") from None
    return PlanVersion(plan, commits[0])


def version_before(repository: Repository, path: str, day: date) -> PlanVersion:
    """The plan as at the last commit that changed it before ``day``."""
    found = read_history(repository, path, since=day).before(day)
    if found is None:
        raise HistoryError(f"the plan {path} had not been committed before {spoken_date(day)}")
    return found


def working_copy(plan: Path) -> PlanVersion:
    """The plan as it is on disk now."""
    from pmkit.load.problems import LoadProblem
    from pmkit.load.text import read_text

    try:
        text = read_text(plan)
    except FileNotFoundError:
        raise HistoryError(f"no such file: {plan}") from None
    except (OSError, LoadProblem) as error:
        raise HistoryError(f"cannot read {plan}: {error}") from None
    try:
        return PlanVersion(read_plan_text(text))
    except UnreadablePlan as error:
        raise HistoryError(f"{plan} cannot be read as a plan: {error}") from None
