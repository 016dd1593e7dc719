"""The plan as its targets stood: each year judged against the targets it started with.

A target revised part-way through its period (a year's target cut at the
first quarter's review, say) would otherwise judge the whole period against
the new value. Reviewed with the plan's history, each target for a period of
the year under review takes the value it had on the period's first day; one
first set after its period began takes the first value set, and the review
says so. A target the plan has since dropped (last year's, once this year's
plan was agreed) is put back for the review, and so is an indicator removed
from the plan after the year began. A baseline the plan now gives from the
reviewed year itself gives way to the last one from before it. The plan's
other contents are the working copy's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.plan_history.targets import TargetInForce, targets_in_force
from pmkit.plan_history.versions import spoken_date

if TYPE_CHECKING:
    from datetime import date
    from decimal import Decimal

    from pmkit.model.indicators import Indicator, Target
    from pmkit.model.plan import Plan
    from pmkit.periods import Period
    from pmkit.plan_history.versions import PlanHistory


def plan_in_force(plan: Plan, history: PlanHistory, year: Period) -> tuple[Plan, list[str]]:
    """``plan`` with each target for a period within ``year`` as it stood when that period began.

    Gives the plan and a sentence for each target that differs from the
    working copy's, was first set after its period began, or has since been
    removed (those last grouped into one sentence a period), for each
    indicator removed from the plan since the year began, and one naming the
    indicators measured from a baseline the history holds from before the
    year (see :func:`_baseline`).
    """
    notes: list[str] = []
    removed: dict[str, list[str]] = {}
    indicators = [
        _in_force(indicator, history, year, notes, removed) for indicator in plan.indicators
    ]
    for indicator, day in _retired(plan, history, year):
        when = f"on {spoken_date(day)}" if day is not None else "since its last commit"
        notes.append(
            f"{indicator.id} was removed from the plan {when}, after {year.label} began: "
            "it is reviewed as the plan last held it"
        )
        indicators.append(_in_force(indicator, history, year, notes, removed))
    earlier: list[str] = []
    indicators = [_baseline(indicator, history, year, earlier) for indicator in indicators]
    for label, ids in removed.items():
        notes.append(
            f"The {'target' if len(ids) == 1 else 'targets'} for {label} of {_listed(ids)} "
            f"{'has' if len(ids) == 1 else 'have'} since been removed from the plan: "
            f"judged against {'it' if len(ids) == 1 else 'them'} as "
            f"{'it' if len(ids) == 1 else 'they'} stood when the period began"
        )
    if earlier:
        notes.append(
            f"Baselines from before {year.label}, as the plan last had them (the plan now "
            f"gives a baseline from {year.label} or later): {_listed(earlier)}"
        )
    return plan.model_copy(update={"indicators": indicators}), notes


def _baseline(
    indicator: Indicator, history: PlanHistory, year: Period, found: list[str]
) -> Indicator:
    """``indicator`` with a baseline from before ``year``, if it now has only a later one.

    A year cannot be measured against a baseline taken in or after it; the
    history's last baseline from before the year is used instead.
    """
    now = indicator.baseline
    if now is None or now.period is None or now.period.first < year.first:
        return indicator
    before = None
    for version in history.versions:
        for candidate in version.plan.indicators:
            then = candidate.baseline
            if (
                candidate.id == indicator.id
                and then is not None
                and then.period is not None
                and then.value is not None
                and then.period.last < year.first
            ):
                before = then
    if before is None:
        return indicator
    found.append(indicator.id)
    return indicator.model_copy(update={"baseline": before})


def _in_force(
    indicator: Indicator,
    history: PlanHistory,
    year: Period,
    notes: list[str],
    removed: dict[str, list[str]],
) -> Indicator:
    current = {target.period.label: target for target in indicator.targets}
    values: dict[str, Decimal] = {}
    restored: list[Target] = []
    for label, past in _periods(indicator, history, year).items():
        target = current.get(label)
        found = targets_in_force(history, indicator.id, past.period)
        if found is None:
            continue
        if target is None:
            restored.append(past.model_copy(update={"value": found.value}))
        elif target.value != found.value:
            values[label] = found.value
        note = _note(indicator.id, label, found, target, history)
        if note is not None:
            notes.append(note)
        elif target is None:
            removed.setdefault(label, []).append(indicator.id)
    if not values and not restored:
        return indicator
    targets = [
        target.model_copy(update={"value": values[target.period.label]})
        if target.period.label in values and _judged(target, year)
        else target
        for target in indicator.targets
    ]
    return indicator.model_copy(update={"targets": [*targets, *restored]})


def _judged(target: Target, year: Period) -> bool:
    """Whether ``target`` is one the history decides: a value for a period within ``year``."""
    return target.value is not None and year.contains(target.period)


def _periods(indicator: Indicator, history: PlanHistory, year: Period) -> dict[str, Target]:
    """Each period within ``year`` the indicator had a value target for, now or in the past."""
    found: dict[str, Target] = {}
    plans = [version.plan for version in history.versions if version.commit is not None]
    for plan in plans:
        for candidate in plan.indicators:
            if candidate.id == indicator.id:
                found.update({t.period.label: t for t in candidate.targets if _judged(t, year)})
    found.update({t.period.label: t for t in indicator.targets if _judged(t, year)})
    return found


def _note(
    indicator: str,
    label: str,
    found: TargetInForce,
    target: Target | None,
    history: PlanHistory,
) -> str | None:
    """What the review says about a target judged at ``found``, or ``None`` when nothing."""
    value = format(found.value, "f")
    gone = "; it has since been removed from the plan" if target is None else ""
    first = next((v.commit for v in history.versions if v.commit is not None), None)
    if found.set_in_year and first is not None and first.sha == found.commit:
        return (
            f"{indicator}'s target for {label} in force when the period began cannot be "
            f"found: the plan's history begins on {spoken_date(first.day)}, after the period "
            f"began, so it is judged against {value}, the first value committed{gone}"
        )
    if found.set_in_year:
        return (
            f"{indicator}'s target for {label} was set in-year, on {spoken_date(found.day)}, "
            f"after its period began: judged against {value}, the first value set{gone}"
        )
    if target is None:
        last = _last_value(history, indicator, label)
        if last is None or last == found.value:
            return None
        return (
            f"{indicator}'s target for {label} is judged against {value}, the target in "
            f"force when the period began (later {format(last, 'f')}, and since removed "
            "from the plan)"
        )
    if found.value == target.value:
        return None
    return (
        f"{indicator}'s target for {label} is judged against {value}, the target in force "
        f"when the period began (now {format(target.value or 0, 'f')})"
    )


def _last_value(history: PlanHistory, indicator: str, label: str) -> Decimal | None:
    last: Decimal | None = None
    for version in history.versions:
        for candidate in version.plan.indicators:
            if candidate.id == indicator:
                values = [t.value for t in candidate.targets if t.period.label == label]
                last = values[-1] if values else last
    return last


def _retired(plan: Plan, history: PlanHistory, year: Period) -> list[tuple[Indicator, date | None]]:
    """Indicators in the plan during ``year`` that it no longer holds, and when each went.

    Each comes as the last committed version that held it had it; the day is
    that of the commit that removed it (``None`` when only the working copy
    has dropped it).
    """
    versions = [version for version in history.versions if version.day is not None]
    during = [
        version
        for number, version in enumerate(versions)
        if version.day is not None
        and version.day <= year.end
        and (
            version.day > year.start
            or number + 1 == len(versions)
            or (versions[number + 1].day or year.end) > year.start
        )
    ]
    now = {indicator.id for indicator in plan.indicators}
    wanted = [
        indicator.id
        for version in during
        for indicator in version.plan.indicators
        if indicator.id not in now
    ]
    found: list[tuple[Indicator, date | None]] = []
    for key in dict.fromkeys(wanted):
        holders = [
            number
            for number, version in enumerate(versions)
            if any(indicator.id == key for indicator in version.plan.indicators)
        ]
        last = versions[holders[-1]]
        after = versions[holders[-1] + 1].day if holders[-1] + 1 < len(versions) else None
        indicator = next(i for i in last.plan.indicators if i.id == key)
        found.append((indicator, after))
    return found


def _listed(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} and {ids[-1]}"
