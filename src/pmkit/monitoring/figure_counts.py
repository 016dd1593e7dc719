"""A figure's counts checked against the plan: the value they give, or why they cannot be kept."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pmkit.monitoring.counts import Counts, figure_places, settle

if TYPE_CHECKING:
    from pmkit.model.indicators import Indicator
    from pmkit.monitoring.recording import FigureInput
    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period

RECENT_FOR_PLACES = 4
"""How many recent figures show the decimal places an indicator's figures are written with."""


def counts_of(item: FigureInput) -> Counts:
    """The counts and supplied interval given with ``item``."""
    return Counts(item.numerator, item.denominator, item.lower_ci, item.upper_ci)


def with_counts(
    workspace: Workspace, indicator: Indicator, period: Period, item: FigureInput
) -> tuple[FigureInput, list[tuple[str, str]]]:
    """``item`` with its value worked out from its counts if it had none, and what is wrong.

    The value is rounded to the decimal places of the indicator's baseline and
    recent figures (see :func:`pmkit.monitoring.counts.figure_places`).
    """
    counts = counts_of(item)
    if not counts.any:
        return item, []
    where = f"{indicator.id} {period.label}"
    if item.value is None and item.not_available is not None:
        field = "numerator" if counts.has_counts else "lower_ci"
        return item, [
            (
                field,
                f"{where}: counts and confidence limits come with a figure, not with "
                "'not available': leave them out",
            )
        ]
    places = 0
    if item.value is None and item.numerator is not None and item.denominator is not None:
        baseline = indicator.baseline.value if indicator.baseline is not None else None
        recent = workspace.recent_values(indicator.id, period, RECENT_FOR_PLACES)
        places = figure_places([baseline, *recent])
    definition = indicator.definition
    standardised = bool(definition is not None and definition.standardised)
    value, problems = settle(
        where, indicator.unit, item.value, counts, places=places, standardised=standardised
    )
    return replace(item, value=value), problems
