"""What changed between two versions of the plan, in the plan's own words.

:func:`diff_plans` is pure: two plans in, a :class:`PlanDiff` out. Renderers
(:mod:`pmkit.plan_history.render`) turn the result into text, Markdown, JSON
or a GitHub step summary. The indicators, their targets and tolerances are
compared here; the plan's other sections in
:mod:`~pmkit.plan_history.diff_sections`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.model.indicators import Polarity
from pmkit.model.units import UnitKind
from pmkit.plan_history import diff_sections
from pmkit.plan_history.change import Change

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.model.indicators import Indicator, Target
    from pmkit.model.partnership import ChangeLogEntry
    from pmkit.model.plan import Plan
    from pmkit.model.units import Unit

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
        *diff_sections.outcomes(old, new),
        *diff_sections.priorities(old, new),
        *diff_sections.pooled_budget(old, new),
        *diff_sections.actions(old, new),
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
