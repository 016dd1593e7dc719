"""Reading an indicator's own figures as an XmR chart for the review.

The chart takes every figure the workspace holds for the indicator at its own
frequency (months for a monthly indicator, quarters for a quarterly one,
years for an annual one), oldest first, up to the end of the review's period.
Only each period's own figure will do: a year-to-date or rolling twelve-month
figure shares most of its months with the one before, so its points are not
independent, and is refused with that reason.

The whole history is needed, so it is read cheaply: each monitoring file's
plain data, picking out just this indicator's figures (the files the review
reads anyway are cached on the workspace).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from pmkit.model.indicators import Accumulation
from pmkit.periods import PeriodError, PeriodKind
from pmkit.review.spc_result import (
    ASSURANCE_SYMBOLS,
    ASSURANCE_WORDS,
    METHOD,
    VARIATION_WORDS,
    SpcPoint,
    SpcReview,
    SpcSegment,
    variation_symbol,
)

if TYPE_CHECKING:
    from pmkit.model.indicators import Indicator
    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period
    from pmkit.review.result import IndicatorReview

_REFUSED = {
    Accumulation.YEAR_TO_DATE: (
        "a year-to-date figure adds each period to the ones before it, so its "
        "points are not independent; statistical process control needs each period's own figure"
    ),
    Accumulation.ROLLING_12_MONTHS: (
        "a rolling twelve-month figure shares most of its months with the one "
        "before, so its points are not independent; statistical process control needs each "
        "period's own figure"
    ),
}


def attach_spc(workspace: Workspace, indicator: Indicator, period: Period, review: Any) -> None:
    """Set ``review.spc`` (an indicator's review line) and name the method when it is judged."""
    review.spc = review_spc(workspace, indicator, period)
    if review.spc.judged and isinstance(getattr(review, "methods", None), dict):
        review.methods["variation"] = METHOD


def review_spc(workspace: Workspace, indicator: Indicator, up_to: Period) -> SpcReview:
    """The XmR chart of ``indicator``'s own figures up to the end of ``up_to``, or why not."""
    kind = frequency_kind(indicator)
    minimum = workspace.plan.settings.spc.minimum_points
    found = SpcReview(frequency=kind.value, minimum_points=minimum)
    accumulation = indicator.accumulation or Accumulation.DISCRETE
    if accumulation in _REFUSED:
        found.refused = _REFUSED[accumulation]
        return found
    series = recorded_series(workspace, indicator, kind, up_to)
    threshold = workspace.plan.settings.suppress_below
    counted = indicator.unit is not None and indicator.unit.kind.value == "count"
    if threshold is not None and counted and any(value < threshold for _, value in series):
        found.refused = f"not shown for small numbers (counts below {threshold} are not shown)"
        return found
    if len(series) < 2:
        have = "no figure" if not series else "one figure"
        found.refused = f"{have} recorded; a chart needs at least two"
        return found
    return chart(indicator, series, minimum, found)


def chart(
    indicator: Indicator, series: list[tuple[Period, Decimal]], minimum: int, found: SpcReview
) -> SpcReview:
    """Run the XmR chart over ``series`` (oldest first) and fill in ``found``."""
    from pmkit.review.spc_limits import cut_at_bounds, declared_changes
    from pmkit.statistics.spc import xmr

    periods = [period for period, _ in series]
    breaks, found.changes = declared_changes(indicator, periods)
    start = max(breaks, default=0)
    target, target_reason = constant_target(indicator, periods[start:])
    result = xmr(
        [float(value) for _, value in series],
        polarity=indicator.polarity,
        target=float(target) if target is not None else None,
        breaks=breaks,
        minimum_points=minimum,
    )
    found.breaks = [periods[index].label for index in breaks]
    # On trial limits no point is judged: its special cause and variation are left out.
    found.points = [
        SpcPoint(period=periods[point.index].label, value=series[point.index][1], variation=None)
        if result.segments[point.segment].trial
        else SpcPoint(
            period=periods[point.index].label,
            value=series[point.index][1],
            variation=point.variation.value,
            special_cause=point.special_cause.value if point.special_cause else None,
            direction=point.direction,
        )
        for point in result.points
    ]
    segments = [
        SpcSegment(
            first=periods[segment.start].label,
            last=periods[segment.stop - 1].label,
            points=segment.stop - segment.start,
            mean=_exact(segment.mean) or Decimal(0),
            lower_limit=_exact(segment.lower_limit),
            upper_limit=_exact(segment.upper_limit),
            trial=segment.trial,
        )
        for segment in result.segments
    ]
    found.segments, found.limit_notes = cut_at_bounds(segments, indicator)
    found.warnings = _warnings(found, periods)
    if result.variation is None:
        latest = found.segments[-1]
        found.note = (
            f"only {_points(latest.points)} since {latest.first}; {minimum} are needed, "
            "so the limits are trial limits and no point is judged by them"
        )
        return found
    found.variation = result.variation.value
    found.variation_words = VARIATION_WORDS[found.variation]
    found.variation_symbol = variation_symbol(found.variation, result.points[-1].direction)
    if result.assurance is not None:
        found.assurance = result.assurance.value
        found.assurance_words = ASSURANCE_WORDS[found.assurance]
        found.assurance_symbol = ASSURANCE_SYMBOLS[found.assurance]
        found.target = target
    elif indicator.polarity is None:
        found.assurance_reason = result.assurance_reason
    else:
        found.assurance_reason = target_reason or result.assurance_reason
    return found


def frequency_kind(indicator: Indicator) -> PeriodKind:
    """The periods an indicator's figures are recorded for: months, quarters or years."""
    from pmkit.model.series import chart_kind

    return chart_kind(indicator.frequency)


def recorded_series(
    workspace: Workspace, indicator: Indicator, kind: PeriodKind, up_to: Period
) -> list[tuple[Period, Decimal]]:
    """Every figure recorded for ``indicator`` for periods of ``kind`` ending by ``up_to``'s end.

    Figures marked not available have no value and are left out, as are
    figures a broken file holds ('pmkit validate' reports those).
    """
    from pmkit.monitoring.files import period_files

    calendar = workspace.calendar
    files, _ = period_files(workspace.folder, calendar)
    wanted_file = PeriodKind.YEAR if kind is PeriodKind.YEAR else PeriodKind.QUARTER
    found: dict[Period, Decimal] = {}
    for held in files:
        if held.period.kind is not wanted_file or held.period.first > up_to.last:
            continue
        for label, entry in _entries(workspace.peek(held.period), indicator.id):
            try:
                period = calendar.parse(label)
            except PeriodError:
                continue
            value = _value(entry)
            if period.kind is kind and period.last <= up_to.last and value is not None:
                found[period] = value
    return sorted(found.items(), key=lambda item: item[0].first)


def _entries(data: Any, indicator_id: str) -> list[tuple[str, Any]]:
    try:
        figures = data["figures"][indicator_id]
    except (KeyError, TypeError, IndexError):
        return []
    return [(str(label), entry) for label, entry in figures.items()] if _mapping(figures) else []


def _mapping(value: Any) -> bool:
    return hasattr(value, "items") and hasattr(value, "get")


def _value(entry: Any) -> Decimal | None:
    if not _mapping(entry):
        return None
    value = entry.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        found = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return found if found.is_finite() else None


def constant_target(
    indicator: Indicator, periods: list[Period]
) -> tuple[Decimal | None, str | None]:
    """The one target the periods since the latest break share, or why there is none.

    Periods before the plan set any target are passed over: assurance asks
    whether the process will meet the target it now has. A target that
    changes over the periods, or a target range, gives no assurance.
    """
    from pmkit.judgement.targets import period_target

    values: set[Decimal] = set()
    for period in periods:
        target = period_target(indicator, period)
        if not target.usable:
            continue
        if target.is_range:
            return None, "the target is a range; assurance needs a single figure"
        if target.value is not None:
            values.add(target.value)
    if not values:
        return None, "there is no target for the periods since the latest break"
    if len(values) > 1:
        shown = ", ".join(format(value.normalize(), "f") for value in sorted(values))
        return None, (
            f"the target changes over the periods since the latest break ({shown}); "
            "assurance needs a target that stays the same while the limits do"
        )
    return values.pop(), None


def _warnings(found: SpcReview, periods: list[Period]) -> list[str]:
    warnings = [
        f"only {_points(segment.points)} from {segment.first}: fewer than the "
        f"{found.minimum_points} a chart needs, so its limits are trial limits and no "
        "special cause is read there"
        for segment in found.segments[:-1]
        if segment.trial
    ]
    span = periods[-1].first - periods[0].first if periods else -1
    expected = span // periods[0].kind.months + 1 if periods else 0
    missing = expected - len(periods)
    if missing > 0:
        warnings.append(
            f"{missing} period{'s' if missing != 1 else ''} between {periods[0].label} and "
            f"{periods[-1].label} {'have' if missing != 1 else 'has'} no figure and "
            f"{'are' if missing != 1 else 'is'} left out"
        )
    return warnings


def _points(count: int) -> str:
    return f"{count} point{'' if count == 1 else 's'}"


def _exact(value: float | None) -> Decimal | None:
    """A calculated figure as an exact number, to six decimals (as the JSON gives figures)."""
    return None if value is None else Decimal(repr(round(value, 6))).normalize()


def spc_lines(indicators: list[IndicatorReview]) -> list[str]:
    """One line for each indicator whose chart is judged: for the terminal."""
    lines = []
    for item in indicators:
        spc = item.spc
        if spc is None or not spc.judged:
            continue
        assurance = (
            f"{spc.assurance_symbol} {spc.assurance_words}"
            if spc.assurance
            else f"no assurance: {spc.assurance_reason}"
        )
        lines.append(
            f"{item.id}: {spc.variation_symbol} {spc.variation_words}; {assurance} "
            f"({len(spc.points)} points, {spc.points[0].period} to {spc.points[-1].period})"
        )
    return lines
