"""Importing a profiles data download into the plan: read, choose, edit, check.

Nothing here writes: the caller gets the plan's new text (checked to be a
valid plan) and a report of what changed and what did not match, and writes
the text itself, all at once, unless it is a dry run.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pmkit.comparator_import.choose import Choice, choose
from pmkit.comparator_import.edit import Action, Change, PlanEditError, edit_plan

if TYPE_CHECKING:
    from pmkit.model.plan import Plan
    from pmkit.periods import Calendar
    from pmkit.statistics.comparators import ComparatorImport, RowProblem

__all__ = ["SOURCE", "DownloadError", "ImportOutcome", "PlanEditError", "import_download"]

SOURCE = "OHID Fingertips data download, {file}"
"""The source written with each comparator, naming the file it came from."""


class DownloadError(Exception):
    """The download cannot be read as a profiles data download; the message says why."""


@dataclass(frozen=True, slots=True)
class Unmatched:
    """Rows for a profiles indicator that no plan indicator names as its national_id."""

    indicator_id: str
    name: str
    rows: int
    first_line: int


@dataclass(slots=True)
class ImportOutcome:
    """What importing a download would do (or did) to the plan."""

    text: str
    """The plan's new text (the old text when nothing changed)."""
    changes: list[Change] = field(default_factory=list)
    choice: Choice = field(default_factory=Choice)
    unmatched: list[Unmatched] = field(default_factory=list)
    unreadable: list[RowProblem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether the plan's text changes."""
        return any(change.action in (Action.ADDED, Action.REPLACED) for change in self.changes)

    @property
    def complete(self) -> bool:
        """Whether every indicator with a national_id got its comparators from readable rows."""
        return not self.choice.problems and not self.unreadable


def import_download(
    plan: Plan,
    calendar: Calendar,
    plan_text: str,
    download_text: str,
    file_name: str,
    *,
    area: str,
    sex: str = "Persons",
    age: str | None = None,
) -> ImportOutcome:
    """What importing ``download_text`` does to ``plan_text``.

    Raises :class:`DownloadError` if the download is not one, and
    :class:`PlanEditError` if the plan cannot be edited or would not stay valid.
    """
    from pmkit.statistics.comparators import ComparatorFileError, read_profile_download

    wanted = {i.national_id for i in plan.indicators if i.national_id is not None}
    try:
        imported = read_profile_download(download_text, sex=sex, wanted=wanted)
    except ComparatorFileError as error:
        raise DownloadError(str(error)) from None
    except csv.Error as error:
        raise DownloadError(f"not a readable CSV file: {error}") from None
    choice = choose(imported, plan.indicators, area, calendar, age)
    if imported.figures and not choice.area_found:
        raise DownloadError(
            f"no row is for the area '{area}': give the area's code as the download's Area "
            "Code column writes it (such as E06000047), or its Area Name"
        )
    source = SOURCE.format(file=file_name)
    text, changes = edit_plan(plan_text, choice.proposed, source, calendar)
    if text != plan_text:
        _check_still_valid(text)
    return ImportOutcome(text, changes, choice, _unmatched(imported), list(imported.unreadable))


def _unmatched(imported: ComparatorImport) -> list[Unmatched]:
    """The rows of indicators the plan does not use, one entry per indicator."""
    found: dict[str, Unmatched] = {}
    for row in imported.unmatched:
        earlier = found.get(row.indicator_id)
        if earlier is None:
            found[row.indicator_id] = Unmatched(row.indicator_id, row.indicator_name, 1, row.line)
        else:
            found[row.indicator_id] = Unmatched(
                row.indicator_id, earlier.name, earlier.rows + 1, earlier.first_line
            )
    return list(found.values())


def _check_still_valid(text: str) -> None:
    from pmkit.load.problems import LoadProblem
    from pmkit.load.reader import parse_yaml
    from pmkit.structure import check_structure

    try:
        data = parse_yaml(text)
    except LoadProblem as problem:  # pragma: no cover - ruamel wrote it
        raise PlanEditError(f"the edited plan would not read back: {problem.message}") from None
    result = check_structure(data, "plan.yaml")
    if result.plan is None or result.findings:
        first = result.findings[0].message if result.findings else "it is not a plan"
        raise PlanEditError(f"the edited plan would not be valid ({first}); nothing was written")
