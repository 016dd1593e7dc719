"""Recording figures: checked against the plan first, written per period file, never lost.

Every figure is checked before anything is written, and if any is wrong
nothing is written at all. A final figure is never replaced silently:
replacing it needs ``replace_final`` and a reason, and the earlier version
stays in the figure's ``history``. A figure far outside the indicator's
recent run, or outside the range the plan expects, is refused as a likely
typing error unless ``accept_unusual`` is given. Recording the same figure
again changes nothing, not even its timestamp.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.judgement.due import latest_due
from pmkit.monitoring.figure_edit import figure_edit
from pmkit.monitoring.files import file_period
from pmkit.monitoring.recording import FigureInput, FigureOptions, FigureRecorded, RecordError
from pmkit.monitoring.validity import (
    outside_expected_range,
    period_problem,
    value_problem,
)
from pmkit.periods import PeriodError

if TYPE_CHECKING:
    from pmkit.model.indicators import Indicator
    from pmkit.monitoring.workspace import Recorder, Workspace
    from pmkit.monitoring.writer import Edit
    from pmkit.periods import Period

__all__ = [
    "RECENT_PERIODS",
    "FigureInput",
    "FigureOptions",
    "FigureRecorded",
    "Issue",
    "RecordError",
    "check_figure",
    "check_settled",
    "figure_edits",
    "record_figures",
]

RECENT_PERIODS = 8
"""How many earlier figures an unusual value is judged against."""


Issue = tuple[str, str]
"""A problem with an input: the field it is in (``id``, ``period``, ``value``…) and what."""


def record_figures(
    workspace: Workspace,
    inputs: list[FigureInput],
    recorder: Recorder,
    options: FigureOptions,
    *,
    dry_run: bool = False,
) -> list[FigureRecorded]:
    """Record ``inputs``; raise :class:`RecordError` (writing nothing) if any is wrong."""
    from pmkit.monitoring.writer import write_period

    planned = figure_edits(workspace, inputs, recorder, options)
    by_file: dict[Period, list[Edit]] = {}
    for period, edit, _ in planned:
        by_file.setdefault(file_period(period), []).append(edit)
    for target, edits in by_file.items():
        write_period(workspace, target, edits, dry_run=dry_run)
    return [outcome for _, _, outcome in planned]


def figure_edits(
    workspace: Workspace, inputs: list[FigureInput], recorder: Recorder, options: FigureOptions
) -> list[tuple[Period, Edit, FigureRecorded]]:
    """Check every input, then the edit that records each; :class:`RecordError` if any is wrong."""
    planned: list[tuple[Period, Edit, FigureRecorded]] = []
    problems: list[str] = []
    for number, given in enumerate(inputs, start=1):
        period, item, issues = check_settled(workspace, given, options)
        if issues or period is None:
            prefix = f"figure {number} ({item.indicator}): " if len(inputs) > 1 else ""
            problems.extend(prefix + message for _, message in issues)
            continue
        outcome = FigureRecorded(item.indicator, period, value=item.value)
        planned.append((period, figure_edit(item, outcome, recorder, options), outcome))
    if problems:
        raise RecordError(problems)
    return planned


def check_figure(
    workspace: Workspace, item: FigureInput, options: FigureOptions
) -> tuple[Period | None, list[Issue]]:
    """The figure's period, and everything wrong with it (nothing, if it can be recorded)."""
    period, _, issues = check_settled(workspace, item, options)
    return period, issues


def check_settled(
    workspace: Workspace, given: FigureInput, options: FigureOptions
) -> tuple[Period | None, FigureInput, list[Issue]]:
    """Like :func:`check_figure`, with the figure as it will be recorded.

    A figure given as counts alone has its value worked out from them.
    """
    from pmkit.monitoring.figure_counts import with_counts

    indicator = workspace.indicator(given.indicator)
    if indicator is None:
        return None, given, [("id", f"the plan has no indicator with the id '{given.indicator}'")]
    if given.period is None:
        period = latest_due(indicator, workspace.calendar, workspace.as_of)
    else:
        try:
            period = workspace.calendar.parse(given.period)
        except PeriodError as error:
            return None, given, [("period", str(error))]
    issues: list[Issue] = []
    item = given
    wrong_period = period_problem(indicator, period)
    if wrong_period is not None:
        issues.append(("period", wrong_period))
    else:
        item, counted = with_counts(workspace, indicator, period, given)
        issues.extend(counted)
    if (item.value is None) == (item.not_available is None):
        issues.append(("value", "give either a value or 'not available' with the reason"))
    if item.value is not None:
        unfit = value_problem(indicator, item.value)
        if unfit is not None:
            issues.append(("value", unfit))
        elif not options.accept_unusual:
            unusual = (
                outside_expected_range(indicator, item.value)
                or _unusual(workspace, item.indicator, period, item.value)
                or _implausible(workspace, indicator, period, item.value)
            )
            if unusual is not None:
                issues.append(("value", f"{unusual}: check it, or accept it as it is"))
    if options.replace_final and not options.reason:
        issues.append(
            ("reason", "say why the final figure is being replaced (a reason is required)")
        )
    return period, item, issues


def _unusual(workspace: Workspace, indicator: str, period: Period, value: Decimal) -> str | None:
    """A value far outside the recent run of figures, which is more likely a typing error."""
    recent = workspace.recent_values(indicator, period, RECENT_PERIODS)
    if len(recent) < 3:
        return None
    low, high = min(recent), max(recent)
    middle = sorted(recent)[len(recent) // 2]
    spread = max(high - low, abs(middle) / 10, Decimal("0.000001"))
    if low - 3 * spread <= value <= high + 3 * spread:
        return None
    return (
        f"{value} is far outside the last {len(recent)} figures for {indicator} ({low} to {high})"
    )


def _implausible(
    workspace: Workspace, indicator: Indicator, period: Period, value: Decimal
) -> str | None:
    """A value far from the figure before it, its target or its baseline (see the methodology)."""
    from pmkit.judgement.assess import figure_lookup
    from pmkit.judgement.plausibility import implausible

    figure = figure_lookup(indicator, lambda when: workspace.figure_if_readable(indicator.id, when))
    ratio = workspace.plan.settings.plausibility_ratio
    return implausible(indicator, period, value, figure, ratio)
