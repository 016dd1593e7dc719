"""Where an indicator's XmR limits start afresh, and where they are drawn cut.

Limits start afresh at each change the plan declares: a change of definition
whose back series was not revised, or a change in process (a new service
model, a re-based baseline). They are calculated as NHSRplotthedots does,
without bounds; a limit beyond what the measure can take (below 0 for a
count, rate or percentage, above 100 for a percentage) is drawn at that
bound, with a note saying what it was.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pmkit.review.numbers import number
from pmkit.review.spc_result import SpcChange, SpcSegment

if TYPE_CHECKING:
    from decimal import Decimal

    from pmkit.model.indicators import Indicator
    from pmkit.periods import Period


def declared_changes(
    indicator: Indicator, periods: list[Period]
) -> tuple[list[int], list[SpcChange]]:
    """The indices where limits start afresh, and the plan's changes that put them there.

    A definition change whose back series was revised onto the new definition
    does not break the series. A change at or before the first point, or after
    the last, has nothing to split and is left out.
    """
    declared = [
        (change.start, change.change, "definition")
        for change in indicator.definition_changes
        if not change.back_series_revised
    ] + [(change.start, change.change, "process") for change in indicator.process_changes]
    found: list[tuple[int, SpcChange]] = []
    for start, words, kind in declared:
        index = next((i for i, period in enumerate(periods) if period.first >= start.first), None)
        if index is not None and 0 < index < len(periods):
            found.append((index, SpcChange(periods[index].label, words, kind)))
    found.sort(key=lambda item: item[0])
    return sorted({index for index, _ in found}), [change for _, change in found]


def cut_at_bounds(
    segments: list[SpcSegment], indicator: Indicator
) -> tuple[list[SpcSegment], list[str]]:
    """Each segment with its limits as drawn, cut at the measure's bounds; a note for each cut."""
    unit = indicator.unit
    low, high = unit.bounds if unit is not None else (None, None)
    label = unit.label if unit is not None else ""
    drawn: list[SpcSegment] = []
    notes: list[str] = []
    for segment in segments:
        lower = _cut(segment.lower_limit, low, below=True)
        upper = _cut(segment.upper_limit, high, below=False)
        for which, calculated, shown, side in (
            ("lower", segment.lower_limit, lower, "lowest"),
            ("upper", segment.upper_limit, upper, "highest"),
        ):
            if calculated is not None and shown != calculated:
                notes.append(
                    f"the {which} process limit from {segment.first}, {number(calculated)}, "
                    f"is drawn at {number(shown)}, the {side} a {label} can be"
                )
        drawn.append(replace(segment, lower_shown=lower, upper_shown=upper))
    return drawn, notes


def _cut(limit: Decimal | None, bound: Decimal | None, *, below: bool) -> Decimal | None:
    if limit is None or bound is None:
        return limit
    return max(limit, bound) if below else min(limit, bound)
