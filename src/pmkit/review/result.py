"""The quarterly review as plain data: what the board sees, computed once, rendered many ways.

Every renderer (Markdown, JSON, HTML, the terminal) reads this and nothing
else. Numbers stay exact (``Decimal``) until a renderer formats them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from pmkit.judgement.direction import Direction
from pmkit.judgement.status import Rag
from pmkit.review.figure_statistics import FigureStatistics
from pmkit.review.numbers import number
from pmkit.review.spc_result import SpcReview

__all__ = ["Direction", "Rag"]


class ActionState(StrEnum):
    """An action's progress against its timescale."""

    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"
    COMPLETE = "complete"
    NO_REPORT = "no_report"
    PLAN_PROBLEM = "plan_problem"
    """The plan's timescales cannot be right (it ends before it starts): not judged."""


@dataclass(frozen=True, slots=True)
class Point:
    """One figure in a series: its period label and value (``None`` if not available)."""

    period: str
    value: Decimal | None


@dataclass(frozen=True, slots=True)
class Forecast:
    """Where the year is heading: the projected year-end figure and its verdict.

    ``outlook`` is the verdict in words (likely to meet, likely to be near
    target, likely to miss); ``likely_to_meet`` the same as true, false or
    unknown (near target counts as neither).
    """

    method: str
    value: Decimal | None = None
    target: Decimal | None = None
    likely_to_meet: bool | None = None
    outlook: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Comparison:
    """A figure to compare with: its name (England, a family group), value and period."""

    name: str
    value: Decimal | None
    period: str | None


@dataclass(slots=True)
class IndicatorReview:
    """One indicator in the period: its figure, target, status, direction and forecast.

    ``period`` is the period of the figure the status is about. When that
    figure is not due yet, ``status`` is not due, ``target`` is the target the
    coming figure will be judged against, and ``latest`` (with
    ``latest_target`` and ``latest_status``) is the most recent figure in.
    """

    id: str
    title: str
    unit: str
    polarity: str | None
    accumulation: str | None
    owner: str | None
    outcomes: list[str]
    priorities: list[str]
    period: str
    actual: Decimal | None
    target: Decimal | None
    target_basis: str
    status: Rag
    forecast: Forecast
    series: list[Point]
    methods: dict[str, str] = field(default_factory=dict)
    """The method behind each judgement: target, status, direction, forecast, quarter figure."""
    target_low: Decimal | None = None
    target_high: Decimal | None = None
    target_problem: str | None = None
    status_note: str = ""
    due: str | None = None
    direction: Direction | None = None
    direction_words: str = ""
    compared_with: Point | None = None
    last_year: Point | None = None
    baseline: Point | None = None
    latest: Point | None = None
    latest_target: Decimal | None = None
    latest_status: Rag | None = None
    figure_status: str | None = None
    not_available: str | None = None
    commentary: str | None = None
    proxy: str | None = None
    suppressed: bool = False
    unusual: str | None = None
    """Why the figure is implausible (it was accepted as it is when recorded), if it is."""
    statistics: FigureStatistics | None = None
    """The latest figure's interval, small numbers and comparators (see figure_statistics)."""
    spc: SpcReview | None = None
    """The indicator's own figures as an XmR chart (statistical process control), or why not."""
    near_zones: list[tuple[Decimal, Decimal]] = field(default_factory=list)
    """The bands (low, high) where a figure would be near target: the chart's shaded zone."""
    year_start: int = 4
    """The month the reporting year begins (4, April): where the chart's years start."""
    owner_name: str | None = None
    """The owning partner's name, as people read it (``owner`` is its id)."""
    comparators: list[Comparison] = field(default_factory=list)
    """The plan's comparators for the indicator: England, the region, a family group."""
    recorded_on: str | None = None
    """The date the figure shown was recorded."""
    previous_status: Rag | None = None
    """The status the same judgement gives the quarter before, for the change since then."""

    @property
    def target_shown(self) -> str:
        """The target as people read it: a value, a range (low to high), or impossible."""
        if self.target_low is not None and self.target_high is not None:
            shown = f"{number(self.target_low)} to {number(self.target_high)}"
        else:
            shown = number(self.target)
        return f"{shown} (impossible)" if self.target_problem else shown


@dataclass(slots=True)
class ActionReview:
    """One action's progress against its timescale."""

    id: str
    title: str
    lead: str | None
    state: ActionState
    reported: str | None
    percent_complete: int | None
    commentary: str | None
    end: str | None
    milestones_due: list[str] = field(default_factory=list)
    lead_name: str | None = None


@dataclass(slots=True)
class ResourceLine:
    """Resources a partner committed for the year, what was due by now, and what it provided."""

    partner: str
    entity: str
    title: str
    committed: Decimal
    due: Decimal
    provided: Decimal
    partner_name: str = ""

    JSON_PROPERTIES: ClassVar[tuple[str, ...]] = ("short",)
    """The properties the JSON shows beside the fields."""

    @property
    def short(self) -> Decimal:
        """How far provision falls short of what was due by now (never negative)."""
        return max(self.due - self.provided, Decimal(0))


@dataclass(slots=True)
class RemedialReview:
    """A remedial action the board agreed, and where it has got to."""

    id: str
    about: str
    action: str
    owner: str
    due: str
    agreed_in: str
    status: str
    overdue: bool
    note: str | None = None
    owner_name: str = ""


@dataclass(slots=True)
class Exception_:
    """Something needing remedial action, with what is being said and done about it."""

    kind: str
    id: str
    title: str
    detail: str
    commentary: str | None
    remedial: list[str]
    flags: list[str]
    status: Rag | None = None
    """An indicator's status (``None`` for an action or a resource)."""
    owner: str | None = None
    owner_name: str | None = None
    worsening: bool = False


@dataclass(slots=True)
class Rollup:
    """Counts of indicator statuses for an outcome, a priority or a partner."""

    id: str
    title: str
    counts: dict[str, int]
    indicators: list[str]


@dataclass(slots=True)
class QuarterReview:
    """Everything the quarterly review shows."""

    partnership: str
    period: str
    as_of: str
    indicators: list[IndicatorReview]
    actions: list[ActionReview]
    resources: list[ResourceLine]
    exceptions: list[Exception_]
    remedial_actions: list[RemedialReview]
    by_outcome: list[Rollup]
    by_priority: list[Rollup]
    by_partner: list[Rollup]
    summary: dict[str, int]
    methods: dict[str, list[str]] = field(default_factory=dict)
    """The methods behind the review's judgements, by kind (each explained in the methodology)."""
    plan_problems: list[str] = field(default_factory=list)
    """The plan's error-level findings: figures may be judged against a wrong target."""
    in_force: list[str] = field(default_factory=list)
    """With the plan's history: targets judged as they stood when their periods began."""
    board: BoardSummary | None = None
    """The first page: what the board needs first."""
    resource_totals: ResourceTotals | None = None


@dataclass(frozen=True, slots=True)
class StatusChange:
    """An indicator whose status moved since the quarter before: from what, to what."""

    id: str
    title: str
    before: Rag
    now: Rag
    owner: str | None = None
    owner_name: str | None = None


@dataclass(frozen=True, slots=True)
class BoardItem:
    """Something the board is asked to decide or to note, and what it is about."""

    ask: str
    """``decide`` or ``note``."""
    about: str
    text: str


@dataclass(slots=True)
class BoardSummary:
    """The first page: figures' date, headline counts and their change, decisions, top items."""

    data_as_at: str | None
    provisional: int
    """How many of the figures shown are provisional (they may still change)."""
    figures: int
    """How many figures are shown."""
    counts: dict[str, int]
    previous_period: str | None = None
    previous_counts: dict[str, int] = field(default_factory=dict)
    changes: list[StatusChange] = field(default_factory=list)
    asks: list[BoardItem] = field(default_factory=list)
    top: list[Exception_] = field(default_factory=list)
    """Every indicator off target, then the next most severe exceptions."""
    more: int = 0
    """How many exceptions the summary leaves to the exceptions section."""


@dataclass(frozen=True, slots=True)
class ResourceTotals:
    """All partners' resources together: committed, due by now, provided and short."""

    committed: Decimal
    due: Decimal
    provided: Decimal
    short: Decimal
    lines_short: int
