"""The plan as its targets stood: each year judged against the targets it started with.

A target revised part-way through its period (a year's target cut at the
first quarter's review, say) would otherwise judge the whole period against
the new value. Reviewed with the plan's history, each target for a period of
the year under review takes the value it had on the period's first day; one
first set after its period began takes the first value set, and the review
says so. The plan's other contents are the working copy's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.plan_history.targets import targets_in_force
from pmkit.plan_history.versions import spoken_date

if TYPE_CHECKING:
    from pmkit.model.indicators import Indicator
    from pmkit.model.plan import Plan
    from pmkit.periods import Period
    from pmkit.plan_history.versions import PlanHistory


def plan_in_force(plan: Plan, history: PlanHistory, year: Period) -> tuple[Plan, list[str]]:
    """``plan`` with each target for a period within ``year`` as it stood when that period began.

    Gives the plan and a sentence for each target that differs from the
    working copy's, or was first set after its period began.
    """
    notes: list[str] = []
    indicators = [_in_force(indicator, history, year, notes) for indicator in plan.indicators]
    return plan.model_copy(update={"indicators": indicators}), notes


def _in_force(
    indicator: Indicator, history: PlanHistory, year: Period, notes: list[str]
) -> Indicator:
    targets = []
    changed = False
    for target in indicator.targets:
        found = (
            targets_in_force(history, indicator.id, target.period)
            if target.value is not None and year.contains(target.period)
            else None
        )
        if found is None or (found.value == target.value and not found.set_in_year):
            targets.append(target)
            continue
        label = target.period.label
        if found.set_in_year:
            notes.append(
                f"{indicator.id}'s target for {label} was set in-year, on "
                f"{spoken_date(found.day)}, after its period began: judged against "
                f"{format(found.value, 'f')}, the first value set"
            )
        else:
            notes.append(
                f"{indicator.id}'s target for {label} is judged against "
                f"{format(found.value, 'f')}, the target in force when the period began "
                f"(now {format(target.value or 0, 'f')})"
            )
        targets.append(target.model_copy(update={"value": found.value}))
        changed = True
    return indicator.model_copy(update={"targets": targets}) if changed else indicator
