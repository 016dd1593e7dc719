"""RES004: actions under a priority that need more than the priority's budget for a year."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.checks.resourcing._budgets import ZERO, budget_for, is_resourced, pounds
from pmkit.rules.examples import OUTCOMES, PARTNERS, example

if TYPE_CHECKING:
    from collections.abc import Iterator
    from decimal import Decimal

    from pmkit.periods import Period
    from pmkit.rules.base import Context

_PLAN = """\
priorities:
  - id: P1
    outcomes: [O1]
    budgets: [{{year: 2026/27, pooled: 30000}}]
actions:
  - id: A1
    priorities: [P1]
    resources:
      - {{partner: council, value: 20000, year: 2026/27}}
      - {{partner: police, value: {police}}}
"""


@rule(
    code="RES004",
    name="action-resources-exceed-priority-budget",
    criteria=(Criterion.RESOURCING,),
    severity=Severity.WARNING,
    summary="In a year, the actions under a priority need more resources than the priority's "
    "budget.",
    rationale="""
        A priority's budget is the resource the partnership has targeted at it; its action
        plans say how that resource will be spent. When the actions need more than the
        budget, either the budget is understated or the actions cannot all be delivered,
        and "many partnership activities fail because they are not adequately resourced".
        The framework asks "will the partnership be able to realise their objectives and
        outcomes from the available resources?": make the two agree, by raising the
        priority's pooled allocation or partners' commitments, or by scaling back the
        actions. An action counts under its first listed priority; a resource with no
        year counts in the current year.
    """,
    bad=example(PARTNERS, OUTCOMES, _PLAN.format(police=15000)),
    good=example(PARTNERS, OUTCOMES, _PLAN.format(police=10000)),
    uses_today=True,
)
def action_resources_exceed_priority_budget(context: Context) -> Iterator[Hit]:
    """Priority-years whose actions' resources exceed the priority's budget for the year.

    Priorities with no resources at all are left to RES001.
    """
    needs = _needs(context)
    for index, priority in enumerate(context.plan.priorities):
        if not is_resourced(priority):
            continue
        for year in sorted(year for first, year in needs if first == priority.id):
            entries = needs[priority.id, year]
            amount = sum((value for _, value in entries), ZERO)
            budget = budget_for(priority, year)
            if amount > budget:
                ids = ", ".join(dict.fromkeys(action for action, _ in entries))
                over = (
                    f"more than its {pounds(budget)} budget" if budget else "but it has no budget"
                )
                yield Hit(
                    ("priorities", index, "id"),
                    f"actions under priority {priority.id} ({ids}) need {pounds(amount)} in "
                    f"{year.label}, {over} for that year: raise its pooled allocation or "
                    "partners' commitments, or scale back the actions",
                )


def _needs(context: Context) -> dict[tuple[str, Period], list[tuple[str, Decimal]]]:
    """For each (first priority, year), the actions' valued resources: (action id, value)."""
    needs: dict[tuple[str, Period], list[tuple[str, Decimal]]] = {}
    for action in context.plan.actions:
        if not action.priorities:
            continue
        for resource in action.resources:
            if resource.value is not None:
                year = resource.year or context.current_year
                needs.setdefault((action.priorities[0], year), []).append(
                    (action.id, resource.value)
                )
    return needs
