"""Importing filled-in returns: every row checked first, then one write per period file.

If any row of any return is wrong, nothing is written, and each problem is
reported as the partner sees it: "police-2026-27-Q2.xlsx: sheet Return, row 7, column
Value: 140 is above 100, the highest a percentage can be". Importing the same
return again changes nothing, not even a timestamp.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pmkit.limits import ReturnLimits
from pmkit.monitoring.figures import (
    FigureInput,
    FigureOptions,
    FigureRecorded,
    RecordError,
    check_figure,
)
from pmkit.monitoring.files import file_period
from pmkit.monitoring.recording import RecordAction
from pmkit.monitoring.remedial import RemedialInput
from pmkit.monitoring.statuses import FigureStatus
from pmkit.periods import PeriodError
from pmkit.plaintext import control_problem
from pmkit.returns.cells import RowProblem, action_status, due_date, number, percent_complete
from pmkit.returns.columns import COUNT_FIELDS, FILLED_IN, NOT_AVAILABLE
from pmkit.returns.content import FIGURE, PROGRESS, RESOURCE
from pmkit.returns.figure_cells import counts, figure_value
from pmkit.returns.header import check_header as _check_header
from pmkit.returns.labels import stored
from pmkit.returns.reading import FilledRow, ReturnError, ReturnFile, read_return

if TYPE_CHECKING:
    from pathlib import Path

    from pmkit.model.indicators import Indicator
    from pmkit.monitoring.workspace import Recorder, Workspace
    from pmkit.monitoring.writer import Edit
    from pmkit.periods import Period

_COLUMN = {"id": "ID", "period": "Period", "value": "Value", "status": "Status"}
_COLUMN["reason"] = "Commentary"
_COLUMN.update({field: column for column, field in COUNT_FIELDS.items()})
_FILLED_IN = FILLED_IN


class ReturnsRejected(Exception):
    """Rows that cannot be imported, each in the file's own terms; nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass(slots=True)
class Change:
    """What importing one row does."""

    file: str
    row: int
    kind: str
    id: str
    period: str
    action: RecordAction = RecordAction.UNCHANGED
    shown: str = ""


@dataclass(slots=True)
class ImportReport:
    """Every row imported, and the period files written."""

    changes: list[Change] = field(default_factory=list)
    written: list[Period] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Figures off or near target that came with no commentary: the Board will ask why."""
    read: list[tuple[str, int]] = field(default_factory=list)
    """Each file's name and its rows with anything in them (the rows above the table too)."""


def import_returns(
    workspace: Workspace,
    paths: list[Path],
    recorder: Callable[[str], Recorder],
    *,
    partner: str | None = None,
    period: str | None = None,
    options: FigureOptions | None = None,
    dry_run: bool = False,
    on_row: Callable[[], None] | None = None,
) -> ImportReport:
    """Import ``paths``; raise :class:`ReturnsRejected` (writing nothing) if anything is wrong.

    ``recorder`` gives the recorder for a file name (the source of its figures).
    """
    from pmkit.monitoring.writer import write_period, write_periods

    importer = _Importer(workspace, options or FigureOptions(), on_row)
    bounds = workspace.plan.settings.returns
    limits = ReturnLimits(bounds.rows, bounds.cell_characters, bounds.workbook_mb * 1024 * 1024)
    for path in paths:
        try:
            submission = read_return(path, limits)
        except ReturnError as error:
            importer.problems.append(str(error))
            continue
        importer.read.append((path.name, submission.rows_read))
        quarter = _check_header(workspace, submission, partner, period, importer.problems)
        if quarter is not None:
            importer.plan_file(submission, quarter, recorder(path.name))
    if importer.problems:
        raise ReturnsRejected(importer.problems)
    report = ImportReport(read=importer.read)
    try:
        if dry_run:
            for target, edits in importer.edits.items():
                if write_period(workspace, target, edits, dry_run=True):
                    report.written.append(target)
        else:
            # Every file is edited and checked before any is replaced, and all are
            # replaced as one change: a refusal or a crash leaves every file as it was.
            report.written.extend(write_periods(workspace, importer.edits))
    except RecordError as error:
        raise ReturnsRejected(error.problems) from None
    for change, outcome in importer.changes:
        if outcome is not None:
            change.action = outcome.action
        report.changes.append(change)
    report.notes = importer.notes
    return report


@dataclass(slots=True)
class _Context:
    """The return being planned: its file name, its partner and quarter, who records."""

    name: str
    owner: str
    quarter: Period
    who: Recorder
    sheet: str = ""
    """The workbook's sheet the rows are on ('' for a CSV)."""

    def at(self, row: int, column: str) -> str:
        """Where a cell is, as the partner finds it: file, sheet, row and column."""
        sheet = f"sheet {self.sheet}, " if self.sheet else ""
        return f"{self.name}: {sheet}row {row}, column {column}"


@dataclass(slots=True)
class _Importer:
    """Checks every row of every return, and collects the edits per period file."""

    workspace: Workspace
    options: FigureOptions
    on_row: Callable[[], None] | None
    edits: dict[Period, list[Edit]] = field(default_factory=dict)
    changes: list[tuple[Change, FigureRecorded | None]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    read: list[tuple[str, int]] = field(default_factory=list)
    seen: dict[tuple[str, str, str, str], tuple[str, FilledRow]] = field(default_factory=dict)

    def plan_file(self, submission: ReturnFile, quarter: Period, who: Recorder) -> None:
        context = _Context(submission.path.name, submission.partner, quarter, who, submission.sheet)
        for row in submission.rows:
            if self.on_row is not None:
                self.on_row()
            if row.formulas:
                column = row.formulas[0]
                self.problems.append(
                    f"{context.at(row.number, column)}: holds a formula "
                    f"({row.get(column).text[:60]}); type the value itself, as pmkit never "
                    "imports what a formula computed"
                )
                continue
            if not row.filled or self.duplicate(row, context):
                continue
            try:
                self.plan_row(row, context)
            except RowProblem as problem:
                self.problems.append(f"{context.at(row.number, problem.column)}: {problem}")

    def duplicate(self, row: FilledRow, context: _Context) -> bool:
        """Whether ``row`` repeats an earlier row; a repeat that differs is a problem."""
        kind, ident = row.get("Kind").text.lower(), row.get("ID").text
        try:
            when = self.workspace.calendar.parse(row.get("Period").text).label
        except PeriodError:
            return False  # the row's own check reports the period
        earlier = self.seen.setdefault((context.owner, kind, ident, when), (context.name, row))
        if earlier[1] is row:
            return False
        name, first = earlier
        if all(first.get(column).text == row.get(column).text for column in _FILLED_IN):
            return True  # the same row twice counts once
        where = f"row {first.number}" if name == context.name else f"{name} row {first.number}"
        differ = [c for c in _FILLED_IN if first.get(c).text != row.get(c).text]
        shown = ", ".join(
            f"{column} '{first.get(column).text[:40]}' and '{row.get(column).text[:40]}'"
            for column in differ
        )
        self.problems.append(
            f"{context.at(row.number, differ[0])}: {ident} for {when} is "
            f"given twice, differently, here and in {where} ({shown}): keep one row"
        )
        return True

    def plan_row(self, row: FilledRow, context: _Context) -> None:
        # What the partner typed is recorded; the rest pmkit wrote and only reads back.
        for column in FILLED_IN:
            problem = control_problem(row.get(column).text, lines=True)
            if problem is not None:
                raise RowProblem(column, problem)
        kind = row.get("Kind").text.lower()
        change = Change(context.name, row.number, kind, row.get("ID").text, row.get("Period").text)
        try:
            period = self.workspace.calendar.parse(change.period)
        except PeriodError as error:
            raise RowProblem("Period", str(error)) from None
        if kind == FIGURE:
            # A figure that fell due late (a data lag) or an earlier one sent late both belong;
            # only a period that has not ended by the return's quarter does not.
            if period.end > context.quarter.end:
                raise RowProblem(
                    "Period",
                    f"{period.label} has not ended by the end of this return's "
                    f"{context.quarter.label}",
                )
        elif file_period(period) != file_period(context.quarter) and period != context.quarter.year:
            raise RowProblem(
                "Period", f"{period.label} is not part of this return's {context.quarter.label}"
            )
        if kind != FIGURE and row.get(NOT_AVAILABLE).text:
            raise RowProblem(NOT_AVAILABLE, "only a figure can be not available: give a value")
        if kind == FIGURE:
            self.figure(row, period, change, context)
        elif kind == PROGRESS:
            self.progress(row, change, context)
        elif kind == RESOURCE:
            self.resource(row, change, context)
        else:
            raise RowProblem(
                "Kind", f"'{row.get('Kind').text}' is not figure, progress or resource"
            )
        remedy = row.get("Remedial action").text
        if remedy:
            self.remedial(row, remedy, change, context)

    def figure(self, row: FilledRow, period: Period, change: Change, context: _Context) -> None:
        from pmkit.monitoring.figures import figure_edits

        indicator = self.workspace.indicator(change.id)
        if indicator is None or indicator.owner is None or indicator.owner.partner != context.owner:
            holder = indicator.owner.partner if indicator and indicator.owner else "no partner"
            raise RowProblem("ID", f"{change.id} is owned by {holder}, not {context.owner}")
        is_percentage = indicator.unit is not None and indicator.unit.kind.value == "percentage"
        value, not_available = figure_value(row, is_percentage)
        status_text = stored(row.get("Status").text) or FigureStatus.PROVISIONAL.value
        if status_text not in {status.value for status in FigureStatus}:
            raise RowProblem("Status", f"'{row.get('Status').text}' is not Provisional or Final")
        item = FigureInput(
            indicator=change.id,
            period=period.label,
            value=value,
            not_available=not_available,
            status=FigureStatus(status_text),
            commentary=row.get("Commentary").text or None,
            **counts(row, is_percentage),
        )
        _, issues = check_figure(self.workspace, item, self.options)
        if issues:
            column, message = issues[0]
            raise RowProblem(_COLUMN.get(column, "Value"), message)
        target, edit, outcome = figure_edits(self.workspace, [item], context.who, self.options)[0]
        self.edits.setdefault(file_period(target), []).append(edit)
        self.changes.append((change, outcome))
        value = outcome.value
        change.shown = str(value) if value is not None else f"not available: {not_available}"
        if value is not None and item.commentary is None:
            self.note_off_target(indicator, period, value, context)

    def note_off_target(
        self, indicator: Indicator, period: Period, value: Decimal, context: _Context
    ) -> None:
        """Ask for commentary on a figure off or near its period's target."""
        from pmkit.judgement.assess import figure_lookup
        from pmkit.monitoring.validity import off_target

        figure = figure_lookup(
            indicator, lambda when: self.workspace.figure_if_readable(indicator.id, when)
        )
        short = off_target(indicator, period, value, figure)
        if short is not None:
            self.notes.append(f"{context.name}: {short}, with no commentary")

    def progress(self, row: FilledRow, change: Change, context: _Context) -> None:
        from pmkit.monitoring.entries import progress_edit

        lead = next((a.lead for a in self.workspace.plan.actions if a.id == change.id), None)
        if lead is None or lead.partner != context.owner:
            raise RowProblem("ID", f"{change.id} is not an action {context.owner} leads")
        status = action_status(row.get("Status").text)
        percent = percent_complete(row)
        try:
            edit = progress_edit(
                self.workspace,
                change.id,
                status=status,
                percent=percent,
                commentary=row.get("Commentary").text or None,
                recorder=context.who,
            )
        except RecordError as error:
            raise RowProblem("Status", "; ".join(error.problems)) from None
        self.edits.setdefault(context.quarter, []).append(_tracking(edit, change))
        self.changes.append((change, None))
        change.shown = status.value + (f" {percent}%" if percent is not None else "")

    def resource(self, row: FilledRow, change: Change, context: _Context) -> None:
        from pmkit.monitoring.entries import resource_edit

        amount = number(row, "Value")
        if amount is None:
            raise RowProblem("Value", "give the amount provided, in pounds")
        try:
            edit = resource_edit(
                self.workspace,
                change.id,
                partner=context.owner,
                amount=amount,
                commentary=row.get("Commentary").text or None,
                recorder=context.who,
            )
        except RecordError as error:
            raise RowProblem("ID", "; ".join(error.problems)) from None
        self.edits.setdefault(context.quarter, []).append(_tracking(edit, change))
        self.changes.append((change, None))
        change.shown = f"£{amount:,}"

    def remedial(self, row: FilledRow, remedy: str, change: Change, context: _Context) -> None:
        from pmkit.monitoring.entries import remedial_edit

        wanted = RemedialInput(
            about=change.id,
            action=remedy,
            partner=context.owner,
            due=due_date(row, context.quarter),
        )
        try:
            _, edit = remedial_edit(
                self.workspace, wanted, period=context.quarter, recorder=context.who
            )
        except RecordError as error:
            raise RowProblem("Remedial action", "; ".join(error.problems)) from None
        self.edits.setdefault(context.quarter, []).append(edit)


def _tracking(edit: Edit, change: Change) -> Edit:
    def tracked(data: Any) -> bool:
        changed = edit(data)
        change.action = RecordAction.RECORDED if changed else RecordAction.UNCHANGED
        return changed

    return tracked
