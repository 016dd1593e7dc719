"""What changed in the plan's outcomes, priorities, budgets and actions.

The part of :func:`~pmkit.plan_history.diff.diff_plans` beyond the
indicators: each function compares one section of two plans and yields a
:class:`~pmkit.plan_history.change.Change` for each difference.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.plan_history.change import Change, money

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.model.actions import Action
    from pmkit.model.plan import Plan
    from pmkit.model.vision import Priority


def outcomes(old: Plan, new: Plan) -> Iterator[Change]:
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


def priorities(old: Plan, new: Plan) -> Iterator[Change]:
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


def pooled_budget(old: Plan, new: Plan) -> Iterator[Change]:
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


def actions(old: Plan, new: Plan) -> Iterator[Change]:
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
