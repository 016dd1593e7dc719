"""Building the export's tables from the plan and its monitoring files.

Every judgement is the review's own: a figure's target, status and direction
come from :func:`pmkit.judgement.figure.judge_figure` (the targets, status
and direction functions the quarterly review uses), an action's state from
:func:`pmkit.review.actions.review_actions`, and what a partner committed
from the same view partners' returns use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pmkit.export.columns import TABLES, Column, Optional_
from pmkit.periods import Period, PeriodError, PeriodKind

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pmkit.model.indicators import Indicator
    from pmkit.monitoring.model import Figure, MonitoringFile, Stamp
    from pmkit.monitoring.workspace import Workspace

Cell = str | int | bool | Decimal | date | datetime | None
"""A value in a table: empty (``None``), text, a number, a truth value or a date."""
Row = dict[str, Cell]


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Which tables, which periods, and what may be shown."""

    tables: tuple[str, ...] = tuple(TABLES)
    first: Period | None = None
    """The earliest period whose rows are exported (``None``: from the start)."""
    last: Period | None = None
    """The latest period whose rows are exported (``None``: to the end)."""
    suppress: bool = True
    """Hide counts below the plan's ``suppress_below``, as the public review does."""
    recorders: bool = False
    commentary: bool = False

    def columns(self, table: str) -> list[Column]:
        """The columns of ``table`` these options export."""
        wanted = {
            Optional_.COMMENTARY: self.commentary,
            Optional_.RECORDERS: self.recorders,
        }
        return [c for c in TABLES[table] if c.only_with is None or wanted[c.only_with]]

    def within(self, period: Period) -> bool:
        """Whether rows for ``period`` are exported."""
        if self.first is not None and period.first < self.first.first:
            return False
        return self.last is None or period.last <= self.last.last


@dataclass(slots=True)
class Table:
    """One tidy table: its name, columns, and rows in column order."""

    name: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)

    def records(self) -> Iterator[dict[str, Cell]]:
        """Each row as a mapping from column name to value."""
        names = [column.name for column in self.columns]
        for row in self.rows:
            yield dict(zip(names, row, strict=True))


@dataclass(slots=True)
class ExportResult:
    """The tables exported from one plan."""

    partnership: str
    tables: list[Table]


def export_plan(workspace: Workspace, options: ExportOptions) -> ExportResult:
    """The plan and its recorded data as tables; a broken monitoring file raises ``StoreError``."""
    builders = {
        "figures": _figures,
        "actions": _actions,
        "resources": _resources,
        "remedial_actions": _remedial,
        "self_assessment": _self_assessment,
    }
    name = workspace.plan.partnership.name
    tables = []
    for table in options.tables:
        columns = options.columns(table)
        rows = [
            [row.get(column.name) for column in columns]
            for row in (
                {**found, "partnership": name} for found in builders[table](workspace, options)
            )
        ]
        tables.append(Table(table, columns, rows))
    return ExportResult(name, tables)


def _files(workspace: Workspace) -> Iterator[tuple[Period, MonitoringFile]]:
    """Every monitoring file in time order, read and checked."""
    from pmkit.monitoring.files import period_files

    found, _ = period_files(workspace.folder, workspace.calendar)
    for item in found:
        record = workspace.read(item.period)
        if record is not None:
            yield item.period, record


def _period(period: Period) -> Row:
    return {"period": period.label, "period_start": period.start, "period_end": period.end}


def _stamp(stamp: Stamp) -> Row:
    return {"recorded_at": stamp.recorded_at, "recorded_by": stamp.recorded_by}


def _figures(workspace: Workspace, options: ExportOptions) -> list[Row]:
    from pmkit.judgement.assess import figure_lookup
    from pmkit.judgement.figure import judge_figure

    order = {indicator.id: place for place, indicator in enumerate(workspace.plan.indicators)}
    found: list[tuple[int, str, Period, Row]] = []
    for _, record in _files(workspace):
        for indicator_id, by_period in record.figures.items():
            indicator = workspace.indicator(indicator_id)
            for label, figure in by_period.items():
                try:
                    period = workspace.calendar.parse(label)
                except PeriodError:  # 'pmkit validate' reports it
                    continue
                if not options.within(period):
                    continue
                row = _indicator_fields(indicator) if indicator else {}
                row |= {"indicator_id": indicator_id, **_period(period)}
                row |= {
                    "period_kind": period.kind.value,
                    "value": figure.value,
                    "numerator": getattr(figure, "numerator", None),
                    "denominator": getattr(figure, "denominator", None),
                    "lower_ci": figure.lower_ci,
                    "upper_ci": figure.upper_ci,
                    "not_available": figure.not_available,
                    "suppressed": False,
                    "commentary_present": bool(figure.commentary),
                    "commentary": figure.commentary,
                    "figure_status": figure.status.value,
                    "source": figure.source,
                    **_stamp(figure),
                }
                if indicator is not None:
                    recorded = _recorded(workspace, indicator_id)
                    lookup = figure_lookup(indicator, recorded)
                    settings = workspace.plan.settings
                    judged = judge_figure(
                        indicator,
                        period,
                        lookup,
                        settings.rag,
                        record=recorded,
                        confidence=settings.statistics.level,
                    )
                    target = judged.target
                    row |= {
                        "target": target.value,
                        "target_low": target.low,
                        "target_high": target.high,
                        "target_method": target.method.value,
                        "status": judged.status.value,
                        "direction": judged.travel.direction.value if judged.travel else None,
                        "compared_with": judged.travel.against if judged.travel else None,
                    }
                    if options.suppress:
                        _suppress(workspace, indicator, row)
                place = order.get(indicator_id, len(order))
                found.append((place, indicator_id, period, row))
    found.sort(key=lambda item: (item[0], item[1], item[2].first, item[2].kind.months))
    return [row for *_, row in found]


def _recorded(workspace: Workspace, indicator_id: str) -> Callable[[Period], Figure | None]:
    def record(period: Period) -> Figure | None:
        return workspace.figure(indicator_id, period)

    return record


def _indicator_fields(indicator: Indicator) -> Row:
    unit = indicator.unit
    return {
        "national_id": indicator.national_id,
        "title": indicator.title,
        "unit": unit.label if unit else None,
        "unit_kind": unit.kind.value if unit else None,
        "per": unit.per if unit else None,
        "polarity": _value(indicator.polarity),
        "accumulation": _value(indicator.accumulation),
        "frequency": _value(indicator.frequency),
        "target_kind": _value(indicator.target_kind),
        "measure_type": _value(indicator.measure_type),
        "owner_partner": indicator.owner.partner if indicator.owner else None,
        "outcomes": ";".join(indicator.outcomes) or None,
    }


def _value(member: Any) -> str | None:
    return None if member is None else str(member.value)


def _suppress(workspace: Workspace, indicator: Indicator, row: Row) -> None:
    """Hide a count below the plan's threshold, as the review does, so no one is identified."""
    threshold = workspace.plan.settings.suppress_below
    if threshold is None or indicator.unit is None or indicator.unit.kind.value != "count":
        return
    value = row["value"]
    if isinstance(value, Decimal) and value < threshold:
        hidden = ("value", "numerator", "denominator", "lower_ci", "upper_ci")
        row |= {**dict.fromkeys(hidden), "suppressed": True}


def _actions(workspace: Workspace, options: ExportOptions) -> list[Row]:
    from pmkit.review.actions import review_actions

    rows: list[Row] = []
    for period, record in _files(workspace):
        if period.kind is not PeriodKind.QUARTER or not options.within(period):
            continue
        reviews = {review.id: review for review in review_actions(workspace, period)}
        for action in workspace.plan.actions:
            progress = record.actions.get(action.id)
            timescales = action.timescales
            row: Row = {
                "action_id": action.id,
                "title": action.title,
                "lead_partner": action.lead.partner if action.lead else None,
                "start": timescales.start if timescales else None,
                "end": timescales.end if timescales else None,
                **_period(period),
                "state": reviews[action.id].state.value,
                "commentary_present": False,
            }
            if progress is not None:
                row |= {
                    "progress_status": progress.status.value,
                    "percent_complete": progress.percent_complete,
                    "commentary_present": bool(progress.commentary),
                    "commentary": progress.commentary,
                    **_stamp(progress),
                }
            rows.append(row)
    return rows


def _resources(workspace: Workspace, options: ExportOptions) -> list[Row]:
    from pmkit.returns.content import commitments

    rows: list[Row] = []
    for period, record in _files(workspace):
        if not options.within(period):
            continue
        lines: dict[tuple[str, str], Row] = {}
        for partner in workspace.plan.partners:
            for entity, title, committed in commitments(workspace, partner.id, period):
                lines[(entity, partner.id)] = {
                    "entity_title": title or None,
                    "committed": committed,
                }
        for entity, by_partner in sorted(record.resources.items()):
            for partner_id, given in sorted(by_partner.items()):
                line = lines.setdefault((entity, partner_id), {})
                line |= {
                    "provided": given.amount,
                    "commentary_present": bool(given.commentary),
                    "commentary": given.commentary,
                    **_stamp(given),
                }
        for (entity, partner_id), line in lines.items():
            rows.append(
                {
                    "entity_id": entity,
                    "partner": partner_id,
                    **_period(period),
                    "provided": Decimal(0),
                    "commentary_present": False,
                    **line,
                }
            )
    return rows


def _remedial(workspace: Workspace, options: ExportOptions) -> list[Row]:
    latest: dict[str, tuple[Period, Row]] = {}
    for _, record in _files(workspace):
        for key, remedy in record.remedial_actions.items():
            agreed = remedy.agreed_in
            latest[key] = (
                agreed,
                {
                    "remedial_id": key,
                    "about": remedy.about,
                    "action": remedy.action,
                    "owner_partner": remedy.owner.partner,
                    "owner_role": remedy.owner.role,
                    "due": remedy.due,
                    "status": remedy.status.value,
                    "closed_on": remedy.closure.closed_on if remedy.closure else None,
                    **_period(agreed),
                    **_stamp(remedy),
                },
            )
    kept = sorted(
        ((agreed, key, row) for key, (agreed, row) in latest.items() if options.within(agreed)),
        key=lambda item: (item[0].first, len(item[1]), item[1]),
    )
    return [row for *_, row in kept]


def _self_assessment(workspace: Workspace, options: ExportOptions) -> list[Row]:
    rows: list[Row] = []
    for period, record in _files(workspace):
        if period.kind is not PeriodKind.YEAR or not options.within(period):
            continue
        for principle, by_partner in record.self_assessment.items():
            for partner_id, score in by_partner.items():
                rows.append(
                    {
                        "principle": principle,
                        "partner": partner_id,
                        **_period(period),
                        "score": score.score,
                        "comment_present": bool(score.comment),
                        "comment": score.comment,
                        **_stamp(score),
                    }
                )
    return rows
