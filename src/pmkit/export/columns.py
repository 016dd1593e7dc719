"""The columns of every exported table, declared once: names, types and meanings.

The Data Package's ``datapackage.json`` is written from these declarations,
and ``docs/export.md`` documents each of them (a test keeps the two
together). Column names are stable: a warehouse loads them by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from pmkit.judgement.direction import Direction
from pmkit.judgement.status import Rag
from pmkit.judgement.targets import TargetMethod
from pmkit.monitoring.statuses import ActionStatus, FigureStatus, RemedialStatus
from pmkit.periods import PeriodKind
from pmkit.review.result import ActionState


class ColumnType(StrEnum):
    """A column's type, as the Table Schema names it."""

    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"


class Optional_(StrEnum):
    """Why a column is left out unless asked for."""

    COMMENTARY = "commentary"
    RECORDERS = "recorders"


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, type and meaning, and the option it needs, if any."""

    name: str
    type: ColumnType
    description: str
    only_with: Optional_ | None = None
    categories: tuple[str, ...] = ()
    """The only values the column takes (besides empty), where there are few."""


def _values(members: Iterable[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in members)


S, INT, N, B, D, T = (
    ColumnType.STRING,
    ColumnType.INTEGER,
    ColumnType.NUMBER,
    ColumnType.BOOLEAN,
    ColumnType.DATE,
    ColumnType.DATETIME,
)

PARTNERSHIP = Column("partnership", S, "The partnership's name, as the plan gives it.")
PERIOD = (
    Column("period", S, "The period's label: 2026/27 Q2, 2026/27, 2026-08."),
    Column("period_start", D, "The first day of the period (ISO 8601)."),
    Column("period_end", D, "The last day of the period (ISO 8601)."),
)
RECORDED_AT = Column("recorded_at", T, "When it was recorded (ISO 8601, with the UTC offset).")
RECORDED_BY = Column(
    "recorded_by", S, "Who recorded it (only with --recorders).", Optional_.RECORDERS
)

FIGURES = (
    PARTNERSHIP,
    Column("indicator_id", S, "The indicator's id in the plan."),
    Column("national_id", S, "The indicator's id in a national set, such as fingertips:93014."),
    Column("title", S, "The indicator's title."),
    Column("unit", S, "The unit in words: count, percentage, rate per 1,000."),
    Column("unit_kind", S, "The kind of unit: count, percentage, rate, money, days, ..."),
    Column("per", INT, "For a rate: per how many."),
    Column("polarity", S, "Whether higher or lower is better: higher, lower."),
    Column("accumulation", S, "How figures add up through the year: discrete, year_to_date, ..."),
    Column("frequency", S, "How often a figure is due: monthly, quarterly, annual, ..."),
    Column("target_kind", S, "The kind of target: floor, national_priority, local."),
    Column("measure_type", S, "What the indicator measures: input, process, output, outcome."),
    Column("owner_partner", S, "The id of the partner that owns the indicator."),
    Column("outcomes", S, "The ids of the outcomes it evidences, separated by semicolons."),
    *PERIOD,
    Column("period_kind", S, "month, quarter or year.", categories=_values(PeriodKind)),
    Column("value", N, "The figure, in the indicator's unit (empty if not available or hidden)."),
    Column("numerator", N, "The figure's numerator, where recorded."),
    Column("denominator", N, "The figure's denominator, where recorded."),
    Column("lower_ci", N, "The lower 95% confidence limit published with the figure, if any."),
    Column("upper_ci", N, "The upper 95% confidence limit published with the figure, if any."),
    Column("not_available", S, "Why the figure is not available, when it is not."),
    Column(
        "suppressed",
        B,
        "Whether the figure is hidden as a small number (below the plan's suppress_below).",
    ),
    Column("target", N, "The target for the period (shared out from the year's where needed)."),
    Column("target_low", N, "For a target range: its lowest figure on target."),
    Column("target_high", N, "For a target range: its highest figure on target."),
    Column(
        "target_method",
        S,
        "How the target was arrived at: explicit target, cumulative "
        "share, period share, annual target, no target.",
        categories=_values(TargetMethod),
    ),
    Column(
        "status",
        S,
        "green, amber, red, no_data or no_target (see the methodology).",
        categories=_values(s for s in Rag if s is not Rag.NOT_DUE),
    ),
    Column(
        "direction",
        S,
        "improving, no_change, worsening, or no_significant_change where both figures "
        "have counts and the change is not significant (empty when it cannot be said).",
        categories=_values(Direction),
    ),
    Column("compared_with", S, "The period the direction compares with."),
    Column("commentary_present", B, "Whether the figure has commentary."),
    Column("commentary", S, "The commentary (only with --commentary).", Optional_.COMMENTARY),
    Column("figure_status", S, "provisional or final.", categories=_values(FigureStatus)),
    RECORDED_AT,
    RECORDED_BY,
    Column("source", S, "Where it was recorded from: command line, or the return's file name."),
)

ACTIONS = (
    PARTNERSHIP,
    Column("action_id", S, "The action's id in the plan."),
    Column("title", S, "The action's title."),
    Column("lead_partner", S, "The id of the lead partner."),
    Column("start", D, "When the action starts, per the plan."),
    Column("end", D, "When the action ends, per the plan."),
    *PERIOD,
    Column(
        "progress_status",
        S,
        "The status reported: not_started, on_track, at_risk, off_track, complete (empty if none).",
        categories=_values(ActionStatus),
    ),
    Column("percent_complete", INT, "The percentage complete reported."),
    Column(
        "state",
        S,
        "The review's judgement against the timescale: on_track, at_risk, "
        "overdue, complete, not_started, no_report, plan_problem.",
        categories=_values(ActionState),
    ),
    Column("commentary_present", B, "Whether the progress report has commentary."),
    Column("commentary", S, "The commentary (only with --commentary).", Optional_.COMMENTARY),
    RECORDED_AT,
    RECORDED_BY,
)

RESOURCES = (
    PARTNERSHIP,
    Column("entity_id", S, "The action or priority the resources are for."),
    Column("entity_title", S, "Its title."),
    Column("partner", S, "The id of the partner committing and providing."),
    *PERIOD,
    Column("committed", N, "What the partner committed for the period's year, in pounds."),
    Column("provided", N, "What the partner provided in the period, in pounds."),
    Column("commentary_present", B, "Whether the entry has commentary."),
    Column("commentary", S, "The commentary (only with --commentary).", Optional_.COMMENTARY),
    RECORDED_AT,
    RECORDED_BY,
)

REMEDIAL_ACTIONS = (
    PARTNERSHIP,
    Column("remedial_id", S, "The remedial action's id."),
    Column("about", S, "The indicator or action it addresses."),
    Column("action", S, "What is to be done."),
    Column("owner_partner", S, "The id of the partner carrying it out."),
    Column("owner_role", S, "The role carrying it out."),
    Column("due", D, "When it is due."),
    Column(
        "status",
        S,
        "open, done or dropped, as last recorded (in any period).",
        categories=_values(RemedialStatus),
    ),
    Column("closed_on", D, "When it was closed."),
    Column("period", S, "The quarter it was agreed in."),
    Column("period_start", D, "The first day of that quarter (ISO 8601)."),
    Column("period_end", D, "The last day of that quarter (ISO 8601)."),
    RECORDED_AT,
    RECORDED_BY,
)

SELF_ASSESSMENT = (
    PARTNERSHIP,
    Column("principle", S, "The principle assessed (an id from the plan's partnership review)."),
    Column("partner", S, "The id of the partner scoring."),
    *PERIOD,
    Column("score", INT, "The score given."),
    Column("comment_present", B, "Whether the score has a comment."),
    Column("comment", S, "The comment (only with --commentary).", Optional_.COMMENTARY),
    RECORDED_AT,
    RECORDED_BY,
)

TABLES: dict[str, tuple[Column, ...]] = {
    "figures": FIGURES,
    "actions": ACTIONS,
    "resources": RESOURCES,
    "remedial_actions": REMEDIAL_ACTIONS,
    "self_assessment": SELF_ASSESSMENT,
}
"""Every table an export can hold, in the order they are written."""

TITLES = {
    "figures": "Recorded figures, each judged against its period's target",
    "actions": "Actions and their progress, quarter by quarter",
    "resources": "Resources committed and provided",
    "remedial_actions": "Remedial actions agreed",
    "self_assessment": "The partnership's self-assessment scores",
}
