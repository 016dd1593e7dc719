"""What a partner's return holds: only what that partner owns, with what it needs to fill it in.

A return lists, for one partner and one quarter, the figures of the
indicators it owns that fall due after the previous quarter's return deadline
and by this one's (so each figure is asked for once, whatever its data lag),
the actions it leads, and the resources it committed. Each row
comes with its id, title, unit, definition, target and last value filled in,
and empty cells for the partner's figure, status, commentary and remedial
action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.judgement.due import owed_in_return, return_deadline
from pmkit.model.units import UnitKind
from pmkit.monitoring.counts import multiplier
from pmkit.monitoring.validity import period_problem
from pmkit.periods import Period
from pmkit.returns.columns import (
    COLUMNS,
    COUNTS,
    FILLED_IN,
    INTERVAL,
    NOT_AVAILABLE,
    TABLE,
)
from pmkit.returns.labels import ACTION_LABELS, day, money, span, wanted

if TYPE_CHECKING:
    from pmkit.model.actions import Action
    from pmkit.model.indicators import Indicator
    from pmkit.monitoring.workspace import Workspace

FIGURE = "figure"
PROGRESS = "progress"
RESOURCE = "resource"


def columns_for(rows: list[Row]) -> tuple[str, ...]:
    """A return's columns: the count and interval columns only if a row can take them."""
    return tuple(
        column.name
        for column in TABLE
        if not column.needs or any(row.takes(column.name) for row in rows)
    )


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a return, as generated."""

    kind: str
    id: str
    title: str
    period: str
    unit: str
    definition: str
    target: str
    last_value: str
    low: Decimal | None = None
    high: Decimal | None = None
    whole: bool = False
    wanted: str = ""
    """Which figure the row asks for, in words (the year so far, the quarter alone...)."""
    money: bool = False
    """Whether the value is an amount of money (shown as £3,100,000)."""
    target_number: Decimal | None = None
    """The target as a number, when it is a single one (a workbook shows it as a number)."""
    counts: bool = False
    """A rate or percentage: the row takes a numerator and a denominator."""
    interval: bool = False
    """An age-standardised rate: the row takes the published confidence limits."""

    def prefilled(self) -> dict[str, str]:
        """The cells pmkit fills in, by column heading."""
        return {
            "Kind": self.kind,
            "ID": self.id,
            "Title": self.title,
            "Period": self.period,
            "What to give": self.wanted,
            "Unit": self.unit,
            "Definition": self.definition,
            "Target": self.target,
            "Last value": self.last_value,
        }

    def cells(self, columns: tuple[str, ...] = COLUMNS) -> list[str]:
        """The row's cells, in ``columns``' order (the partner's cells empty)."""
        filled = self.prefilled()
        return [filled.get(name, "") for name in columns]

    def takes(self, column: str) -> bool:
        """Whether the partner fills in ``column`` on this row."""
        if column in COUNTS:
            return self.counts
        if column in INTERVAL:
            return self.interval
        if column == NOT_AVAILABLE:
            return self.kind == FIGURE
        return column in FILLED_IN


@dataclass(frozen=True, slots=True)
class Return:
    """A partner's return for a quarter."""

    partner: str
    partner_name: str
    period: Period
    partnership: str
    rows: list[Row]
    deadline: date | None = None
    """The day the return is due back."""
    contact: str | None = None
    """Whom to ask about the return (the plan's ``return_contact``)."""

    @property
    def columns(self) -> tuple[str, ...]:
        """The return's columns, in order (see :func:`columns_for`)."""
        return columns_for(self.rows)


def build_return(workspace: Workspace, partner: str, period: Period) -> Return:
    """The return ``partner`` owes for the quarter ``period``."""
    plan = workspace.plan
    name = next((p.name or p.id for p in plan.partners if p.id == partner), partner)
    rows: list[Row] = []
    for indicator in plan.indicators:
        if indicator.owner is None or indicator.owner.partner != partner:
            continue
        owed = owed_in_return(indicator, period, plan.settings.return_deadline)
        rows.extend(
            _figure_row(workspace, indicator, due)
            for due in owed
            if period_problem(indicator, due) is None
        )
    for action in plan.actions:
        if action.lead is not None and action.lead.partner == partner and _running(action, period):
            rows.append(_progress_row(workspace, action.id, action.title or "", period))
    for entity, title, committed in commitments(workspace, partner, period):
        rows.append(_resource_row(workspace, (entity, title, committed), partner, period))
    deadline = return_deadline(period, plan.settings.return_deadline)
    contact = plan.settings.return_contact
    return Return(partner, name, period, plan.partnership.name, rows, deadline, contact)


def _running(action: Action, quarter: Period) -> bool:
    """Whether an action is under way at some point in ``quarter`` (or has no timescales)."""
    timescales = action.timescales
    if timescales is None:
        return True
    started = timescales.start is None or timescales.start <= quarter.end
    ended = timescales.end is not None and timescales.end < quarter.start
    return started and not ended


def _figure_row(workspace: Workspace, indicator: Indicator, period: Period) -> Row:
    target, number = _target(workspace, indicator, period)
    unit = indicator.unit
    low, high = unit.bounds if unit is not None else (None, None)
    definition = indicator.definition.text if indicator.definition else None
    is_money = unit is not None and unit.kind is UnitKind.MONEY
    return Row(
        FIGURE,
        indicator.id,
        indicator.title or "",
        period.label,
        ("£" if is_money else unit.label) if unit is not None else "",
        definition or "",
        target,
        _last_figure(workspace, indicator.id, period, as_money=is_money),
        low,
        high,
        unit.whole_numbers if unit is not None else False,
        wanted(indicator, period),
        is_money,
        number,
        counts=multiplier(unit) is not None,
        interval=bool(indicator.definition and indicator.definition.standardised),
    )


def _target(
    workspace: Workspace, indicator: Indicator, period: Period
) -> tuple[str, Decimal | None]:
    """The target for the figure's own period, as the review will judge it (and as a number)."""
    from pmkit.judgement.assess import figure_lookup
    from pmkit.judgement.targets import period_target

    figure = figure_lookup(indicator, lambda when: workspace.figure_if_readable(indicator.id, when))
    found = period_target(indicator, period, figure)
    if found.is_range:
        return f"{_number(found.low)} to {_number(found.high)}", None
    return _number(found.value), found.value


def _last_figure(workspace: Workspace, indicator: str, period: Period, *, as_money: bool) -> str:
    earlier = period
    for _ in range(8):
        earlier = earlier.previous()
        found = workspace.figure(indicator, earlier)
        if found is not None:
            shown = (
                _shown(found.value, as_money=as_money)
                if found.value is not None
                else "not available"
            )
            return f"{shown} ({earlier.label})"
    return ""


def _progress_row(workspace: Workspace, action: str, title: str, period: Period) -> Row:
    last = ""
    earlier = period.previous()
    record = workspace.read(earlier)
    if record is not None and action in record.actions:
        progress = record.actions[action]
        percent = f", {progress.percent_complete}%" if progress.percent_complete is not None else ""
        last = f"{ACTION_LABELS[progress.status]}{percent} ({earlier.label})"
    percent_unit = "percent complete"
    return Row(
        PROGRESS,
        action,
        title,
        period.label,
        percent_unit,
        "",
        "",
        last,
        Decimal(0),
        Decimal(100),
        True,
        f"Percent complete on {day(period.end)}, and how it is going",
    )


def commitments(
    workspace: Workspace, partner: str, period: Period
) -> list[tuple[str, str, Decimal | None]]:
    """Actions and priorities ``partner`` committed resources to for ``period``'s year."""
    year = period.year
    found: list[tuple[str, str, Decimal | None]] = []
    for action in workspace.plan.actions:
        mine = [r for r in action.resources if r.partner == partner and r.year in (None, year)]
        if mine:
            total = sum((r.value for r in mine if r.value is not None), Decimal(0))
            found.append((action.id, action.title or "", total))
    for priority in workspace.plan.priorities:
        mine_c = [
            c
            for budget in priority.budgets
            if budget.year == year
            for c in budget.commitments
            if c.partner == partner
        ]
        if mine_c:
            total = sum((c.value for c in mine_c if c.value is not None), Decimal(0))
            found.append((priority.id, priority.title or "", total))
    return found


def _resource_row(
    workspace: Workspace,
    commitment: tuple[str, str, Decimal | None],
    partner: str,
    period: Period,
) -> Row:
    entity, title, committed = commitment
    last = ""
    earlier = period.previous()
    record = workspace.read(earlier)
    if record is not None and partner in record.resources.get(entity, {}):
        last = f"{money(record.resources[entity][partner].amount)} ({earlier.label})"
    target = f"{money(committed)} committed for {period.year.label}" if committed else ""
    given = f"The amount provided in {span(period)} alone, in pounds, not the year's total"
    return Row(
        RESOURCE,
        entity,
        title,
        period.label,
        "£",
        "",
        target,
        last,
        Decimal(0),
        None,
        wanted=given,
        money=True,
    )


def _shown(value: Decimal, *, as_money: bool) -> str:
    return money(value) if as_money else _number(value)


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
