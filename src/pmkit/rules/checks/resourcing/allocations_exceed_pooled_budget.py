"""RES002: priorities allocated more of the pooled budget than there is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.checks.resourcing._budgets import ZERO, pounds

if TYPE_CHECKING:
    from collections.abc import Iterator
    from decimal import Decimal

    from pmkit.findings import Pointer
    from pmkit.periods import Period
    from pmkit.rules.base import Context

_PLAN = """\
format_version: 1
partnership:
  name: Northbridge Community Safety Partnership
  pooled_budget: [{{year: 2026/27, total: 400000}}]
vision:
  outcomes: [{{id: O1, title: People are safer in their neighbourhoods}}]
priorities:
  - id: P1
    outcomes: [O1]
    budgets: [{{year: 2026/27, pooled: 250000}}]
  - id: P2
    outcomes: [O1]
    budgets: [{{year: 2026/27, pooled: {second}}}]
"""


@rule(
    code="RES002",
    name="allocations-exceed-pooled-budget",
    criteria=(Criterion.RESOURCING,),
    severity=Severity.ERROR,
    summary="In a year, the priorities' pooled allocations add up to more than the pooled budget.",
    rationale="""
        "Where a partnership has a pooled budget they can allocate a proportion of this
        against individual priorities." The proportions cannot add up to more than the
        whole: allocations beyond the pooled budget are resources that do not exist, and
        the framework warns that "many partnership activities fail because they are not
        adequately resourced". The question it asks, "will the partnership be able to
        realise their objectives and outcomes from the available resources?", has a
        plain no. Reduce the allocations, or record the larger pooled budget the partners
        have agreed.
    """,
    bad=_PLAN.format(second=200000),
    good=_PLAN.format(second=150000),
)
def allocations_exceed_pooled_budget(context: Context) -> Iterator[Hit]:
    """Years whose pooled allocations to priorities exceed the pooled budget for that year."""
    partnership = context.plan.partnership
    allocated: dict[Period, Decimal] = {}
    for priority in context.plan.priorities:
        for budget in priority.budgets:
            if budget.pooled:
                allocated[budget.year] = allocated.get(budget.year, ZERO) + budget.pooled
    pooled: dict[Period, tuple[Decimal, Pointer]] = {}
    for number, entry in enumerate(partnership.pooled_budget):
        total, pointer = pooled.get(
            entry.year, (ZERO, ("partnership", "pooled_budget", number, "total"))
        )
        pooled[entry.year] = (total + entry.total, pointer)
    for year in sorted(allocated):
        if year not in pooled:
            yield Hit(
                ("partnership",),
                f"priorities are allocated {pounds(allocated[year])} of pooled budget for "
                f"{year.label}, but the partnership declares no pooled budget for that year: "
                "add it under 'pooled_budget', or move the allocations to partners' commitments",
            )
        elif allocated[year] > pooled[year][0]:
            total, pointer = pooled[year]
            yield Hit(
                pointer,
                f"priorities are allocated {pounds(allocated[year])} of pooled budget for "
                f"{year.label}, more than the {pounds(total)} pooled: reduce the allocations "
                "or record the larger pooled budget the partners have agreed",
            )
