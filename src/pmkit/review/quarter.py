"""Computing the quarterly review from the plan and the recorded data.

Only the periods the review shows are read: the quarter, the periods in each
indicator's series before it, and the same period last year. Ten years of
history cost nothing extra.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.judgement.plausibility import implausible
from pmkit.model.indicators import CompareWith
from pmkit.periods import PeriodKind
from pmkit.review.actions import review_actions
from pmkit.review.board import board_summary, partner_name, shortfalls_first
from pmkit.review.exceptions import exceptions
from pmkit.review.result import (
    Comparison,
    Forecast,
    IndicatorReview,
    Point,
    QuarterReview,
    Rag,
    RemedialReview,
    ResourceLine,
    Rollup,
)
from pmkit.review.review_statistics import attach_statistics, judge_indicator
from pmkit.review.spc_review import attach_spc
from pmkit.review.zones import near_zones

if TYPE_CHECKING:
    from pmkit.model.indicators import Indicator
    from pmkit.monitoring.model import Figure
    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period

SERIES_LENGTH = 8
"""How many periods an indicator's trend shows."""


def review_quarter(workspace: Workspace, quarter: Period) -> QuarterReview:
    """The review of ``quarter``: every indicator, action, resource and exception."""
    plan = workspace.plan
    indicators = [_indicator(workspace, indicator, quarter) for indicator in plan.indicators]
    actions = review_actions(workspace, quarter)
    resources = _resources(workspace, quarter)
    remedial = _remedial(workspace, quarter)
    found = exceptions(workspace, indicators, actions, resources, remedial)
    summary = Counter(review.status.value for review in indicators)
    summary["improved"] = sum(r.direction == "improving" for r in indicators)
    summary["worsened"] = sum(r.direction == "worsening" for r in indicators)
    result = QuarterReview(
        partnership=plan.partnership.name,
        period=quarter.label,
        as_of=workspace.as_of.isoformat(),
        indicators=indicators,
        actions=actions,
        resources=resources,
        exceptions=found,
        remedial_actions=remedial,
        by_outcome=_rollups(
            [(o.id, o.title or o.id) for o in plan.vision.outcomes],
            indicators,
            lambda review, key: key in review.outcomes,
        ),
        by_priority=_rollups(
            [(p.id, p.title or p.id) for p in plan.priorities],
            indicators,
            lambda review, key: key in review.priorities,
        ),
        by_partner=_rollups(
            [(p.id, p.name or p.id) for p in plan.partners],
            indicators,
            lambda review, key: review.owner == key,
        ),
        summary=dict(summary),
        methods=_methods(indicators),
        plan_problems=plan_problems(workspace),
    )
    result.resources, result.resource_totals = shortfalls_first(resources)
    result.board = board_summary(result, quarter.shift(-1).label)
    return result


def _methods(indicators: list[IndicatorReview]) -> dict[str, list[str]]:
    """Each kind of judgement with the methods used for it, in order of first use."""
    found: dict[str, list[str]] = {}
    for review in indicators:
        for kind, method in review.methods.items():
            known = found.setdefault(kind, [])
            if method not in known:
                known.append(method)
    return found


def plan_problems(workspace: Workspace) -> list[str]:
    """The plan's error-level findings, so a review never hides that its plan is wrong."""
    from pmkit.findings import Severity
    from pmkit.rules.engine import run_rules

    run = run_rules(workspace.plan, str(workspace.plan_path), as_of=workspace.as_of)
    return [
        f"{finding.code}: {finding.message}"
        for finding in run.findings
        if finding.severity is Severity.ERROR
    ]


def _indicator(workspace: Workspace, indicator: Indicator, quarter: Period) -> IndicatorReview:
    def record(period: Period) -> Figure | None:
        return workspace.figure(indicator.id, period)

    judged = judge_indicator(workspace, indicator, quarter, record)
    period = judged.period
    monthly_quarter = _monthly(indicator) and period.kind is PeriodKind.QUARTER
    current = record(period.parts(PeriodKind.MONTH)[-1] if monthly_quarter else period)
    series = [Point(p.label, judged.figure(p)) for p in _series_periods(period)]
    target = judged.target
    outlook = judged.outlook
    methods = {
        "target": target.method.value,
        "status": _status_method(judged.status),
        "forecast": outlook.method.value,
    }
    if judged.travel is not None:
        methods["direction"] = _DIRECTION_METHODS[judged.travel.basis]
    if judged.quarter_figure is not None:
        methods["quarter figure"] = _QUARTER_METHODS[judged.quarter_figure]
    baseline = indicator.baseline
    review = IndicatorReview(
        id=indicator.id,
        title=indicator.title or indicator.id,
        unit=indicator.unit.label if indicator.unit is not None else "",
        polarity=indicator.polarity.value if indicator.polarity else None,
        accumulation=indicator.accumulation.value if indicator.accumulation else None,
        owner=indicator.owner.partner if indicator.owner else None,
        outcomes=list(indicator.outcomes),
        priorities=[
            p.id for p in workspace.plan.priorities if set(p.outcomes) & set(indicator.outcomes)
        ],
        period=period.label,
        actual=judged.value,
        target=target.value,
        target_basis=target.basis,
        status=judged.status,
        forecast=Forecast(
            outlook.method.value,
            outlook.value,
            outlook.target.value,
            {Rag.GREEN: True, Rag.RED: False}.get(outlook.verdict)
            if outlook.verdict is not None
            else None,
            outlook.words,
            outlook.note,
        ),
        series=series,
        near_zones=near_zones(indicator, target, workspace.plan.settings.rag),
        year_start=period.start_month,
        methods=methods,
        target_low=target.low,
        target_high=target.high,
        target_problem=target.problem,
        status_note=judged.note,
        due=judged.due.isoformat(),
        direction=judged.travel.direction if judged.travel is not None else None,
        direction_words=judged.travel.words if judged.travel is not None else "",
        compared_with=Point(judged.compared_period.label, judged.compared_value),
        last_year=Point(period.same_period_last_year().label, judged.last_year_value),
        baseline=Point(baseline.period.label if baseline.period else "", baseline.value)
        if baseline is not None and baseline.value is not None
        else None,
        latest=Point(judged.latest[0].label, judged.latest[1]) if judged.latest else None,
        latest_target=judged.latest_target.value if judged.latest_target else None,
        latest_status=judged.latest_status,
        figure_status=current.status.value if current is not None else None,
        not_available=current.not_available if current is not None else None,
        commentary=current.commentary if current is not None else None,
        proxy=indicator.in_year_proxy,
        unusual=implausible(
            indicator,
            period,
            judged.value,
            judged.figure,
            workspace.plan.settings.plausibility_ratio,
        )
        if judged.value is not None
        else None,
    )
    attach_spc(workspace, indicator, quarter, review)
    review.owner_name = partner_name(workspace.plan, review.owner)
    review.comparators = [
        Comparison(
            c.name or c.kind.value.replace("_", " "),
            c.value,
            c.period.label if c.period is not None else None,
        )
        for c in indicator.comparators
    ]
    review.recorded_on = current.recorded_at.date().isoformat() if current is not None else None
    before = judge_indicator(workspace, indicator, quarter.shift(-1), record)
    review.previous_status = before.status
    _suppress(workspace, indicator, review)
    attach_statistics(workspace, indicator, judged, record, review)
    return review


def _monthly(indicator: Indicator) -> bool:
    return indicator.frequency is not None and indicator.frequency.value == "monthly"


def _series_periods(period: Period) -> list[Period]:
    """The periods of the trend: the figure's own and the seven before it."""
    return [period.shift(step) for step in range(1 - SERIES_LENGTH, 1)]


def _status_method(status: Rag) -> str:
    """The heading in the methodology that explains the status."""
    return "on, near or off target" if status.judged else status.words.lower()


_DIRECTION_METHODS = {
    CompareWith.PREVIOUS: "previous period",
    CompareWith.LAST_YEAR: "same period last year",
}
_QUARTER_METHODS = {
    "latest": "latest month",
    "mean": "mean of the months",
    "sum": "sum of the months",
}


def _suppress(workspace: Workspace, indicator: Indicator, review: IndicatorReview) -> None:
    """Hide counts below the plan's threshold, so that no one can be identified."""
    threshold = workspace.plan.settings.suppress_below
    if threshold is None or indicator.unit is None or indicator.unit.kind.value != "count":
        return
    limit = Decimal(threshold)

    def hide(value: Decimal | None) -> Decimal | None:
        return None if value is not None and value < limit else value

    if review.actual is not None and review.actual < limit:
        review.suppressed = True
    # A forecast is worked out from the series, so it would give hidden figures away
    # (at Q4 a year-to-date run rate is the figure itself).
    if review.suppressed or any(hide(point.value) != point.value for point in review.series):
        review.forecast = replace(review.forecast, value=None, note="not shown: small numbers")
    if review.unusual is not None:
        review.unusual = "far from what was expected"  # the reason quotes the figures
    review.actual = hide(review.actual)
    review.series = [Point(p.period, hide(p.value)) for p in review.series]
    for name in ("compared_with", "last_year", "latest", "baseline"):
        point = getattr(review, name)
        if point is not None:
            setattr(review, name, Point(point.period, hide(point.value)))


def _resources(workspace: Workspace, quarter: Period) -> list[ResourceLine]:
    """For each commitment in the plan this year: what has been provided up to ``quarter``."""
    from pmkit.returns.content import commitments  # the same view of what is owed

    year = quarter.year
    provided: dict[tuple[str, str], Decimal] = {}
    for part in year.parts(quarter.kind):
        if part.first > quarter.first:
            break
        record = workspace.read(part)
        if record is None:
            continue
        for entity, by_partner in record.resources.items():
            for giver, given in by_partner.items():
                key = (entity, giver)
                provided[key] = provided.get(key, Decimal(0)) + given.amount
    # A year's commitment is due evenly through the year, so by the end of Q2 half of it.
    elapsed = Decimal(quarter.last - year.first + 1) / 12
    lines = []
    for partner in workspace.plan.partners:
        for entity, title, committed in commitments(workspace, partner.id, quarter):
            total = committed or Decimal(0)
            lines.append(
                ResourceLine(
                    partner.id,
                    entity,
                    title,
                    total,
                    (total * elapsed).quantize(Decimal("0.01")),
                    provided.get((entity, partner.id), Decimal(0)),
                    partner.name or partner.id,
                )
            )
    return lines


def _remedial(workspace: Workspace, quarter: Period) -> list[RemedialReview]:
    """The quarter's remedial actions: its own, and those still open from earlier quarters."""
    from pmkit.monitoring.remedial import in_force

    return [
        RemedialReview(
            id=key,
            about=remedy.about,
            action=remedy.action,
            owner=remedy.owner.partner + (f" ({remedy.owner.role})" if remedy.owner.role else ""),
            due=remedy.due.isoformat(),
            agreed_in=remedy.agreed_in.label,
            status=remedy.status.value,
            overdue=remedy.status.value == "open" and remedy.due < workspace.as_of,
            note=remedy.closure.note if remedy.closure is not None else None,
            owner_name=(partner_name(workspace.plan, remedy.owner.partner) or "")
            + (f" ({remedy.owner.role})" if remedy.owner.role else ""),
        )
        for key, (remedy, _) in sorted(
            in_force(workspace, quarter).items(),
            key=lambda item: (item[1][0].agreed_in.first, len(item[0]), item[0]),
        )
    ]


def _rollups(
    entities: list[tuple[str, str]],
    indicators: list[IndicatorReview],
    belongs: Callable[[IndicatorReview, str], bool],
) -> list[Rollup]:
    """Status counts of the indicators that belong to each entity."""
    rollups = []
    for key, title in entities:
        members = [review for review in indicators if belongs(review, key)]
        counts = Counter(review.status.value for review in members)
        rollups.append(Rollup(key, title, dict(counts), [review.id for review in members]))
    return rollups
