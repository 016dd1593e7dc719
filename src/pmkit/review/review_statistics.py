"""Attaching the statistics to a review's indicator: which figure, which methods, what to hide.

The statistics themselves are worked out in :mod:`pmkit.review.figure_statistics`;
this module picks the figure they are about, judges the indicator with changes
tested at the plan's confidence level, names each method the review used, and
hides every figure that rests on fewer events than the plan's
``suppress_below``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pmkit.periods import PeriodKind
from pmkit.review.figure_statistics import (
    COMPARISON,
    SMALL_NUMBERS,
    figure_statistics,
)
from pmkit.statistics.comparison import Comparison

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

    from pmkit.judgement.assess import Assessment
    from pmkit.model.indicators import Indicator
    from pmkit.monitoring.model import Figure
    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period
    from pmkit.review.result import IndicatorReview


def latest_record(
    indicator: Indicator, judged: Assessment, record: Callable[[Period], Figure | None]
) -> tuple[Period, Decimal | None, Figure | None]:
    """The figure the statistics are about: the period's, or the latest in when it is not due.

    A monthly indicator's quarter is made from its months, so its counts are
    the last month's only when the quarter's figure is that month's.
    """
    period, value = judged.period, judged.value
    if value is None and judged.latest is not None:
        period, value = judged.latest
    if period.kind is PeriodKind.QUARTER and judged.quarter_figure is not None:
        if judged.quarter_figure != "latest":
            return period, value, None
        return period, value, record(period.parts(PeriodKind.MONTH)[-1])
    return period, value, record(period)


def judge_indicator(
    workspace: Workspace,
    indicator: Indicator,
    quarter: Period,
    record: Callable[[Period], Figure | None],
) -> Assessment:
    """Judge ``indicator`` for the review of ``quarter``, changes tested at the plan's level."""
    from pmkit.judgement.assess import assess

    settings = workspace.plan.settings
    return assess(
        indicator,
        quarter,
        record,
        today=workspace.as_of,
        scheme=settings.rag,
        confidence=settings.statistics.level,
    )


def attach_statistics(
    workspace: Workspace,
    indicator: Indicator,
    judged: Assessment,
    record: Callable[[Period], Figure | None],
    review: IndicatorReview,
) -> None:
    """Give ``review`` its figure's statistics, name their methods, and hide small counts."""
    settings = workspace.plan.settings
    period, value, figure = latest_record(indicator, judged, record)
    stats = figure_statistics(indicator, settings, period, value, figure)
    review.statistics = stats
    if judged.travel is not None and judged.travel.significance is not None:
        review.methods["significance of change"] = judged.travel.significance
    if stats is not None:
        if stats.method is not None:
            review.methods["interval"] = stats.method
        if stats.comparison != Comparison.NOT_COMPARED.value:
            review.methods["comparison"] = COMPARISON
        if stats.unreliable:
            review.methods["small numbers"] = SMALL_NUMBERS
    if settings.suppress_below is not None:
        _hide_small_counts(indicator, judged, record, review, settings.suppress_below)


def _hide_small_counts(
    indicator: Indicator,
    judged: Assessment,
    record: Callable[[Period], Figure | None],
    review: IndicatorReview,
    threshold: int,
) -> None:
    """Hide every figure the review shows that rests on fewer events than ``threshold``."""
    from pmkit.review.result import Point

    def small(period: Period) -> bool:
        found = record(period)
        return found is not None and found.numerator is not None and found.numerator < threshold

    if small(judged.period):
        review.suppressed = True
        review.actual = None
        review.forecast = replace(review.forecast, value=None, note="not shown: small numbers")
        review.unusual = None if review.unusual is None else "far from what was expected"
    count = len(review.series)
    periods = [judged.period.shift(step) for step in range(1 - count, 1)]
    review.series = [
        Point(point.period, None if small(when) else point.value)
        for point, when in zip(review.series, periods, strict=True)
    ]
    for name, when in (
        ("compared_with", judged.compared_period),
        ("last_year", judged.period.same_period_last_year()),
        ("latest", judged.latest[0] if judged.latest else None),
    ):
        point = getattr(review, name)
        if point is not None and when is not None and small(when):
            setattr(review, name, Point(point.period, None))
    baseline = indicator.baseline
    if (
        review.baseline is not None
        and baseline is not None
        and baseline.numerator is not None
        and baseline.numerator < threshold
    ):
        review.baseline = Point(review.baseline.period, None)
