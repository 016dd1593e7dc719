"""What changed between two versions of the plan, in the plan's own words.

:func:`diff_plans` is pure: two plans in, a :class:`PlanDiff` out. Renderers
(:mod:`pmkit.plan_history.render`) turn the result into text, Markdown, JSON
or a GitHub step summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.model.indicators import Polarity
from pmkit.model.units import UnitKind

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.model.actions import Action
    from pmkit.model.indicators import Indicator, Target
    from pmkit.model.partnership import ChangeLogEntry
    from pmkit.model.plan import Plan
    from pmkit.model.units import Unit
    from pmkit.model.vision import Priority

SECTIONS: dict[str, str] = {
    "targets": "Targets",
    "tolerances": "Tolerances",
    "indicators": "Indicators",
    "outcomes": "Outcomes",
    "priorities": "Priorities",
    "budgets": "Budgets and commitments",
    "actions": "Actions",
}
"""The sections of a diff, in the order they are reported, with their headings."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change to the plan.

    ``less_ambitious`` is set for a revised target: ``True`` when the new
    value asks less, given the indicator's polarity; ``None`` when the
    polarity is not stated.
    """

    section: str
    kind: str
    subject: str
    message: str
    period: str | None = None
    old: str | None = None
    new: str | None = None
    less_ambitious: bool | None = None


@dataclass(frozen=True, slots=True)
class PlanDiff:
    """Every change between two versions of the plan, and the change log entries between."""

    old: str
    new: str
    changes: tuple[Change, ...]
    change_log: tuple[ChangeLogEntry, ...]

    @property
    def less_ambitious(self) -> tuple[Change, ...]:
        """The target revisions that ask less than before."""
        return tuple(change for change in self.changes if change.less_ambitious)

    def in_section(self, section: str) -> tuple[Change, ...]:
        """The changes in one of :data:`SECTIONS`."""
        return tuple(change for change in self.changes if change.section == section)


def diff_plans(old: Plan, new: Plan, *, old_label: str = "old", new_label: str = "new") -> PlanDiff:
    """Every change from ``old`` to ``new``, section by section."""
    changes = [
        *_indicators(old, new),
        *_outcomes(old, new),
        *_priorities(old, new),
        *_pooled(old, new),
        *_actions(old, new),
    ]
    order = list(SECTIONS)
    changes.sort(key=lambda change: order.index(change.section))
    seen = {(entry.date, entry.change) for entry in old.partnership.change_log}
    logged = tuple(
        entry for entry in new.partnership.change_log if (entry.date, entry.change) not in seen
    )
    return PlanDiff(old_label, new_label, tuple(changes), logged)


def figure(value: Decimal, unit: Unit | None = None) -> str:
    """A value as the plan's readers write it: ``2,500``, ``26.0%``, ``£40,000``."""
    text = f"{value:,}"
    if unit is not None and unit.kind is UnitKind.PERCENTAGE:
        return f"{text}%"
    if unit is not None and unit.kind is UnitKind.MONEY:
        return f"£{text}"
    return text


def money(value: Decimal | None) -> str:
    """An amount in pounds, or "none" when not stated."""
    return "none" if value is None else f"£{value:,}"


def less_ambitious(polarity: Polarity | None, old: Decimal, new: Decimal) -> bool | None:
    """Whether moving a target from ``old`` to ``new`` asks less (``None``: polarity unknown)."""
    if polarity is None or old == new:
        return None if polarity is None else False
    return new < old if polarity is Polarity.HIGHER else new > old


def named(indicator: Indicator) -> str:
    """``CS-08 Repeat referrals to the MARAC``, or the id alone when it has no title."""
    return f"{indicator.id} {indicator.title}" if indicator.title else indicator.id


def _indicators(old: Plan, new: Plan) -> Iterator[Change]:
    before = {indicator.id: indicator for indicator in old.indicators}
    for indicator in new.indicators:
        key = indicator.id
        if key in before:
            yield from _indicator(before[key], indicator)
            continue
        yield Change("indicators", "added", key, f"{named(indicator)} added")
        for target in indicator.targets:
            value = aim(target, indicator.unit)
            yield Change(
                "targets",
                "added",
                key,
                f"{key}: target for {target.period.label} set at {value}",
                target.period.label,
                new=value,
            )
    after = {indicator.id for indicator in new.indicators}
    for indicator in old.indicators:
        if indicator.id not in after:
            yield Change(
                "indicators",
                "removed",
                indicator.id,
                f"{named(indicator)} removed from the plan",
            )


def _indicator(old: Indicator, new: Indicator) -> Iterator[Change]:
    key = new.id
    if old.title != new.title:
        yield Change(
            "indicators",
            "renamed",
            key,
            f"{key} renamed from '{old.title or 'no title'}' to '{new.title or 'no title'}'",
            old=old.title,
            new=new.title,
        )
    ended = new.active.end if new.active is not None else None
    was_ended = old.active.end if old.active is not None else None
    if ended is not None and ended != was_ended:
        yield Change(
            "indicators",
            "retired",
            key,
            f"{named(new)} retired after {ended.label}",
            ended.label,
            new=ended.label,
        )
    if _definition(old) != _definition(new) or len(new.definition_changes) > len(
        old.definition_changes
    ):
        note = ""
        if len(new.definition_changes) > len(old.definition_changes):
            latest = new.definition_changes[-1]
            note = f" from {latest.start.label}: {latest.change}"
        yield Change("indicators", "redefined", key, f"{named(new)} redefined{note}")
    if old.polarity != new.polarity:
        yield Change(
            "indicators",
            "polarity changed",
            key,
            f"{key}: {_polarity(old.polarity)} is now {_polarity(new.polarity)}",
            old=_polarity(old.polarity),
            new=_polarity(new.polarity),
        )
    yield from _targets(old, new)
    if old.tolerance != new.tolerance:
        was, now = _tolerance(old), _tolerance(new)
        yield Change(
            "tolerances", "changed", key, f"{key}: tolerance {was} → {now}", old=was, new=now
        )


def _targets(old: Indicator, new: Indicator) -> Iterator[Change]:
    key = new.id
    before = {target.period.label: target for target in old.targets}
    after = {target.period.label: target for target in new.targets}
    order = {target.period.label: target.period.first for target in [*old.targets, *new.targets]}
    for period in sorted(before.keys() | after.keys(), key=lambda label: order[label]):
        was, now = before.get(period), after.get(period)
        if _same(was, now):
            continue
        if was is None and now is not None:
            value = aim(now, new.unit)
            yield Change(
                "targets",
                "added",
                key,
                f"{key}: target for {period} set at {value}",
                period,
                new=value,
            )
        elif now is None and was is not None:
            value = aim(was, old.unit)
            yield Change(
                "targets",
                "removed",
                key,
                f"{key}: target for {period} ({value}) removed",
                period,
                old=value,
            )
        elif was is not None and now is not None:
            easier = (
                less_ambitious(new.polarity, was.value, now.value)
                if was.value is not None and now.value is not None
                else None
            )
            old_text, new_text = aim(was, old.unit), aim(now, new.unit)
            judged = {
                True: f", less ambitious ({_polarity(new.polarity)})",
                False: f", more ambitious ({_polarity(new.polarity)})",
                None: " (polarity not stated)"
                if new.polarity is None
                else " (a range: ambition not compared)",
            }[easier]
            yield Change(
                "targets",
                "revised",
                key,
                f"{key}: target for {period} revised {old_text} → {new_text}{judged}",
                period,
                old=old_text,
                new=new_text,
                less_ambitious=easier,
            )


def aim(target: Target, unit: Unit | None) -> str:
    """A target as people write it: a value, or a range ``28% to 40%``."""
    if target.value is not None:
        return figure(target.value, unit)
    low = figure(target.low, unit) if target.low is not None else "?"
    high = figure(target.high, unit) if target.high is not None else "?"
    return f"{low} to {high}"


def _same(was: Target | None, now: Target | None) -> bool:
    if was is None or now is None:
        return was is now
    return (was.value, was.low, was.high) == (now.value, now.low, now.high)


def _definition(indicator: Indicator) -> tuple[str | None, ...]:
    found = indicator.definition
    if found is None:
        return (None, None, None)
    return (found.text, found.numerator, found.denominator)


def _polarity(polarity: Polarity | None) -> str:
    if polarity is None:
        return "polarity not stated"
    return "higher is better" if polarity is Polarity.HIGHER else "lower is better"


def _tolerance(indicator: Indicator) -> str:
    tolerance = indicator.tolerance
    if tolerance is None:
        return "none"
    if tolerance.kind.value == "percent":
        return f"{tolerance.value}%"
    return f"{figure(tolerance.value, indicator.unit)} either side"


def _outcomes(old: Plan, new: Plan) -> Iterator[Change]:
    before = {outcome.id: outcome for outcome in old.vision.outcomes}
    after = {outcome.id: outcome for outcome in new.vision.outcomes}
    for key, outcome in after.items():
        if key not in before:
            yield Change("outcomes", "added", key, f"outcome {key} added: {outcome.title or ''}")
    for key, outcome in before.items():
        if key not in after:
            yield Change(
                "outcomes", "removed", key, f"outcome {key} removed: {outcome.title or ''}"
            )
    for key in [key for key in after if key in before]:
        was, now = before[key], after[key]
        if was.title != now.title:
            yield Change(
                "outcomes",
                "restated",
                key,
                f"outcome {key} restated: '{was.title or ''}' → '{now.title or ''}'",
                old=was.title,
                new=now.title,
            )
        if was.success != now.success:
            yield Change(
                "outcomes", "restated", key, f"outcome {key}: what success looks like changed"
            )


def _priorities(old: Plan, new: Plan) -> Iterator[Change]:
    before = {priority.id: priority for priority in old.priorities}
    after = {priority.id: priority for priority in new.priorities}
    for key, priority in after.items():
        if key not in before:
            yield Change(
                "priorities", "added", key, f"priority {key} added: {priority.title or ''}"
            )
    for key, priority in before.items():
        if key not in after:
            yield Change(
                "priorities", "removed", key, f"priority {key} removed: {priority.title or ''}"
            )
    for key in [key for key in after if key in before]:
        was, now = before[key], after[key]
        if was.title != now.title:
            yield Change(
                "priorities",
                "restated",
                key,
                f"priority {key} restated: '{was.title or ''}' → '{now.title or ''}'",
            )
        if was.rank != now.rank:
            yield Change(
                "priorities",
                "re-ranked",
                key,
                f"priority {key} ranked {now.rank or 'unranked'} (was {was.rank or 'unranked'})",
                old=str(was.rank) if was.rank else None,
                new=str(now.rank) if now.rank else None,
            )
        if set(was.outcomes) != set(now.outcomes):
            yield Change(
                "priorities",
                "re-aimed",
                key,
                f"priority {key} now serves {', '.join(now.outcomes) or 'no outcome'} "
                f"(was {', '.join(was.outcomes) or 'no outcome'})",
            )
        yield from _budgets(was, now)


def _budgets(old: Priority, new: Priority) -> Iterator[Change]:
    key = new.id
    pooled_before = {budget.year.label: budget.pooled for budget in old.budgets}
    pooled_after = {budget.year.label: budget.pooled for budget in new.budgets}
    for year in sorted(pooled_before.keys() | pooled_after.keys()):
        was, now = pooled_before.get(year), pooled_after.get(year)
        if was != now:
            yield Change(
                "budgets",
                _direction(was, now),
                key,
                f"priority {key}: pooled allocation for {year} {money(was)} → {money(now)}",
                year,
                old=money(was),
                new=money(now),
            )
    committed_before = _commitments(old)
    committed_after = _commitments(new)
    for year, partner in sorted(committed_before.keys() | committed_after.keys()):
        was = committed_before.get((year, partner))
        now = committed_after.get((year, partner))
        if was != now:
            yield Change(
                "budgets",
                _direction(was, now),
                key,
                f"priority {key}: {partner}'s commitment for {year} {money(was)} → {money(now)}",
                year,
                old=money(was),
                new=money(now),
            )


def _commitments(priority: Priority) -> dict[tuple[str, str], Decimal | None]:
    found: dict[tuple[str, str], Decimal | None] = {}
    for budget in priority.budgets:
        for commitment in budget.commitments:
            place = (budget.year.label, commitment.partner)
            found[place] = (found.get(place) or Decimal(0)) + (commitment.value or Decimal(0))
    return found


def _direction(was: Decimal | None, now: Decimal | None) -> str:
    if (was or Decimal(0)) > (now or Decimal(0)):
        return "cut"
    return "increased"


def _pooled(old: Plan, new: Plan) -> Iterator[Change]:
    before = {budget.year.label: budget for budget in old.partnership.pooled_budget}
    after = {budget.year.label: budget for budget in new.partnership.pooled_budget}
    for year in sorted(before.keys() | after.keys()):
        was, now = before.get(year), after.get(year)
        total_was = was.total if was is not None else None
        total_now = now.total if now is not None else None
        if total_was != total_now:
            yield Change(
                "budgets",
                _direction(total_was, total_now),
                "pooled budget",
                f"pooled budget for {year} {money(total_was)} → {money(total_now)}",
                year,
                old=money(total_was),
                new=money(total_now),
            )
        paid_was = {c.partner: c.value for c in (was.contributions if was else [])}
        paid_now = {c.partner: c.value for c in (now.contributions if now else [])}
        for partner in sorted(paid_was.keys() | paid_now.keys()):
            if paid_was.get(partner) != paid_now.get(partner):
                yield Change(
                    "budgets",
                    _direction(paid_was.get(partner), paid_now.get(partner)),
                    partner,
                    f"{partner}'s contribution to the pooled budget for {year} "
                    f"{money(paid_was.get(partner))} → {money(paid_now.get(partner))}",
                    year,
                    old=money(paid_was.get(partner)),
                    new=money(paid_now.get(partner)),
                )


def _actions(old: Plan, new: Plan) -> Iterator[Change]:
    before = {action.id: action for action in old.actions}
    after = {action.id: action for action in new.actions}
    for key, action in after.items():
        if key not in before:
            yield Change("actions", "added", key, f"action {key} added: {action.title or ''}")
    for key, action in before.items():
        if key not in after:
            yield Change("actions", "removed", key, f"action {key} removed: {action.title or ''}")
    for key in [key for key in after if key in before]:
        yield from _action(before[key], after[key])


def _action(old: Action, new: Action) -> Iterator[Change]:
    key = new.id
    was_start, was_end = _dates(old)
    now_start, now_end = _dates(new)
    if (was_start, was_end) != (now_start, now_end):
        yield Change(
            "actions",
            "re-dated",
            key,
            f"action {key} re-dated: {was_start} to {was_end} → {now_start} to {now_end}",
            old=f"{was_start} to {was_end}",
            new=f"{now_start} to {now_end}",
        )
    milestones_before = {
        m.title: m.due for m in (old.timescales.milestones if old.timescales else [])
    }
    milestones_after = {
        m.title: m.due for m in (new.timescales.milestones if new.timescales else [])
    }
    for title in [title for title in milestones_after if title in milestones_before]:
        if milestones_before[title] != milestones_after[title]:
            yield Change(
                "actions",
                "re-dated",
                key,
                f"action {key}: milestone '{title}' due {milestones_before[title].isoformat()} → "
                f"{milestones_after[title].isoformat()}",
                old=milestones_before[title].isoformat(),
                new=milestones_after[title].isoformat(),
            )
    was_lead, now_lead = _lead(old), _lead(new)
    if was_lead != now_lead:
        yield Change(
            "actions",
            "re-assigned",
            key,
            f"action {key} re-assigned: led by {was_lead} → {now_lead}",
            old=was_lead,
            new=now_lead,
        )


def _dates(action: Action) -> tuple[str, str]:
    timescales = action.timescales
    start = timescales.start if timescales is not None else None
    end = timescales.end if timescales is not None else None
    return (
        start.isoformat() if start else "no start",
        end.isoformat() if end else "no end",
    )


def _lead(action: Action) -> str:
    lead = action.lead
    if lead is None or (lead.partner is None and lead.role is None):
        return "no one"
    if lead.role and lead.partner:
        return f"{lead.partner} ({lead.role})"
    return lead.partner or lead.role or "no one"
