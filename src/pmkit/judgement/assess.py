"""An indicator's standing in a quarter: which figure counts, whether it is due, and its status.

The figure a quarterly review is about is the indicator's figure for the
quarter (a monthly indicator's is made from its months; a six-monthly or
annual one's is for the half or year the quarter falls in). When that figure
is in, it is judged against its period's target. When it is not, it is *not
due* until the day it falls due (the period's end plus the data lag) and
*no data* (overdue) from the day after; a figure that is not due is never
"no data". While a figure is not due, the latest figure in is shown with its
own period, target and status, and the target the coming figure will be
judged against.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from pmkit.judgement import due
from pmkit.judgement.direction import Travel, improving_on_last_year, like_for_like
from pmkit.judgement.forecast import Outlook, forecast
from pmkit.judgement.months import quarter_from_months, quarter_method
from pmkit.judgement.significance import with_significance
from pmkit.judgement.status import Rag, judge
from pmkit.judgement.targets import PeriodTarget, period_target
from pmkit.model.partnership import Frequency
from pmkit.periods import Period, PeriodKind

if TYPE_CHECKING:
    from pmkit.judgement.targets import Lookup
    from pmkit.model.indicators import Indicator
    from pmkit.model.settings import RagScheme

LOOK_BACK = 12
"""How many earlier periods are searched for the latest figure in."""


class Recorded(Protocol):
    """A recorded figure, as far as judgement needs it."""

    @property
    def value(self) -> Decimal | None:
        """The figure, or ``None`` when recorded as not available."""

    @property
    def not_available(self) -> str | None:
        """Why the figure is not available, when it is not."""


RecordLookup = Callable[[Period], "Recorded | None"]


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything judged about one indicator in one quarter."""

    period: Period
    """The period of the figure this is about."""
    value: Decimal | None
    recorded: bool
    """Whether a figure (or an explicit "not available") is recorded for ``period``."""
    target: PeriodTarget
    status: Rag
    note: str
    due: date
    travel: Travel | None
    compared_period: Period
    compared_value: Decimal | None
    last_year_value: Decimal | None
    outlook: Outlook
    figure: Lookup
    """The indicator's figures by period (a monthly one's quarters made from its months)."""
    latest: tuple[Period, Decimal] | None = None
    latest_target: PeriodTarget | None = None
    latest_status: Rag | None = None
    quarter_figure: str | None = None


def figure_lookup(indicator: Indicator, record: RecordLookup) -> Lookup:
    """The indicator's values by period; a monthly indicator's quarters made from its months."""

    def value(period: Period) -> Decimal | None:
        if indicator.frequency is Frequency.MONTHLY and period.kind is PeriodKind.QUARTER:
            return quarter_from_months(indicator, period, value).value
        found = record(period)
        return found.value if found is not None else None

    return value


def assess(
    indicator: Indicator,
    quarter: Period,
    record: RecordLookup,
    *,
    today: date,
    scheme: RagScheme,
    confidence: float = 0.95,
) -> Assessment:
    """Judge ``indicator`` in the review of ``quarter``, as things stand on ``today``.

    Where both figures a direction compares carry their counts, the change is
    tested for significance at ``confidence``.
    """
    figure = figure_lookup(indicator, record)
    period = due.current_period(indicator, quarter)
    monthly = indicator.frequency is Frequency.MONTHLY
    falls_due = _due(indicator, period)
    found = _last_month(period, record) if monthly else record(period)
    value = figure(period)
    recorded = value is not None or (found is not None and found.not_available is not None)
    target = period_target(indicator, period, figure)
    last_year_value = figure(period.same_period_last_year())
    status, note = _status(
        indicator,
        period,
        quarter=quarter,
        value=value,
        recorded=recorded,
        target=target,
        today=today,
        scheme=scheme,
        improving=improving_on_last_year(indicator, period, value, figure),
    )
    moved, then, compared_value = like_for_like(indicator, period, value, figure)
    moved = with_significance(indicator, moved, record(period), record(then), confidence=confidence)
    assessment = Assessment(
        period=period,
        value=value,
        recorded=recorded,
        target=target,
        status=status,
        note=note,
        due=falls_due,
        travel=moved,
        compared_period=then,
        compared_value=compared_value,
        last_year_value=last_year_value,
        outlook=forecast(indicator, period, figure, scheme),
        figure=figure,
        quarter_figure=quarter_method(indicator).value if monthly else None,
    )
    if status is not Rag.NOT_DUE:
        return assessment
    before = due.previous_period(indicator, period)
    missing = figure(before) is None and record(before) is None
    if missing and due.is_overdue(indicator, before, today) and _active(indicator, before):
        return assess(
            indicator,
            _quarter_of(before),
            record,
            today=today,
            scheme=scheme,
            confidence=confidence,
        )
    return _with_latest(indicator, assessment, scheme)


def _quarter_of(period: Period) -> Period:
    """The quarter a period's figure is reviewed in: the one it ends in."""
    return period.calendar.containing(period.end, PeriodKind.QUARTER)


def _active(indicator: Indicator, period: Period) -> bool:
    """Whether the indicator is in use for ``period`` (it may start later or be retired)."""
    active = indicator.active
    if active is None:
        return True
    if active.start is not None and period.last < active.start.first:
        return False
    return not (active.end is not None and period.first > active.end.last)


def _due(indicator: Indicator, period: Period) -> date:
    """When the figure for ``period`` falls due (a monthly quarter's: its last month's)."""
    if indicator.frequency is Frequency.MONTHLY and period.kind is PeriodKind.QUARTER:
        return due.due_date(indicator, period.parts(PeriodKind.MONTH)[-1])
    return due.due_date(indicator, period)


def _last_month(quarter: Period, record: RecordLookup) -> Recorded | None:
    """The quarter's last month's record: its commentary and reason speak for the quarter."""
    return record(quarter.parts(PeriodKind.MONTH)[-1])


def _status(
    indicator: Indicator,
    period: Period,
    *,
    quarter: Period,
    value: Decimal | None,
    recorded: bool,
    target: PeriodTarget,
    today: date,
    scheme: RagScheme,
    improving: bool,
) -> tuple[Rag, str]:
    falls_due = _due(indicator, period)
    if value is not None:
        if target.problem is not None:
            return Rag.NO_TARGET, target.problem
        if not target.usable:
            return Rag.NO_TARGET, f"no target for {period.label}"
        return judge(indicator, value, target, scheme, improving_on_last_year=improving), ""
    if recorded:
        return Rag.NO_DATA, "recorded as not available"
    if period.last > quarter.last:
        return Rag.NOT_DUE, (
            f"not due this quarter: the {period.label} figure is due by {_day(falls_due)}"
        )
    if today <= falls_due:
        return Rag.NOT_DUE, f"not due yet: the {period.label} figure is due by {_day(falls_due)}"
    return Rag.NO_DATA, f"overdue: the {period.label} figure was due by {_day(falls_due)}"


def _day(day: date) -> str:
    """A date as people write it: 31 October 2026."""
    return f"{day.day} {day:%B %Y}"


def _with_latest(indicator: Indicator, assessment: Assessment, scheme: RagScheme) -> Assessment:
    """A figure not yet due, with the latest figure in and its own target and status."""
    earlier = assessment.period
    for _ in range(LOOK_BACK):
        earlier = due.previous_period(indicator, earlier)
        value = assessment.figure(earlier)
        if value is None:
            continue
        target = period_target(indicator, earlier, assessment.figure)
        status = judge(indicator, value, target, scheme) if target.usable else Rag.NO_TARGET
        return replace(
            assessment,
            latest=(earlier, value),
            latest_target=target,
            latest_status=status,
        )
    return assessment
