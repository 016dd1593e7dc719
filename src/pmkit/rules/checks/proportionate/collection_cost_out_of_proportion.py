"""PRO003: collecting the indicators costs too large a share of the partnership's resources."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.model.plan import Plan
    from pmkit.periods import Period
    from pmkit.rules.base import Context

_PLAN = """\
format_version: 1
partnership:
  name: Northbridge Community Safety Partnership
  pooled_budget:
    - {{year: 2026/27, total: 60000}}
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    cost_to_collect: 500
  - id: CS-02
    title: Residents who feel safe outside after dark
    cost_to_collect: {{amount: {survey}, basis: {basis}}}
"""


@rule(
    code="PRO003",
    name="collection-cost-out-of-proportion",
    criteria=(Criterion.PROPORTIONATE,),
    severity=Severity.WARNING,
    summary="Collecting the indicators costs more than the threshold share of the "
    "partnership's resources for the current year.",
    rationale="""
        The framework asks for measures that are "proportionate and cost effective to
        collect", and notes that "very few" partnerships "have dedicated resources
        to realise these outcomes". Money spent counting is money not spent on
        delivery: when collecting and reporting the indicators takes more than a
        small share of the pooled budget and partners' commitments for the year,
        the framework has become an end in itself rather than "a tool for improving
        services". Draw figures from partners' existing systems, collect expensive
        ones less often, or drop those that inform no decision.
    """,
    bad=_PLAN.format(survey=18000, basis="A bespoke telephone survey each quarter"),
    good=_PLAN.format(survey=2000, basis="Four questions in the council's residents' survey"),
    thresholds={"max_collection_cost_percent": 5},
    uses_today=True,
)
def collection_cost_out_of_proportion(context: Context) -> Iterator[Hit]:
    """Total ``cost_to_collect`` above ``max_collection_cost_percent`` of this year's resources.

    Resources are the pooled budget totals for the year containing today plus
    every priority's commitments for that year; with none, there is no finding.
    """
    year = context.current_year
    resources = _resources(context.plan, year)
    costs = _costs(context.plan)
    cost = sum(costs.values(), Decimal(0))
    limit = context.threshold("max_collection_cost_percent")
    if resources <= 0 or cost * 100 <= limit * resources:
        return
    costliest = max(costs, key=lambda name: costs[name])
    yield Hit(
        ("indicators",),
        f"collecting the indicators costs {_pounds(cost)} a year, "
        f"{cost * 100 / resources:.1f}% of the {_pounds(resources)} the partnership has "
        f"for {year.label} (pooled budget and partners' commitments), more than the "
        f"{limit.normalize():f}% allowed (max_collection_cost_percent); the costliest is "
        f"{costliest} at {_pounds(costs[costliest])}: draw figures from partners' existing "
        "systems, collect costly ones less often, or drop those that inform no decision",
    )


def _resources(plan: Plan, year: Period) -> Decimal:
    """The pooled budget for ``year`` plus every priority's commitments for it."""
    pooled = sum(
        (budget.total for budget in plan.partnership.pooled_budget if budget.year == year),
        Decimal(0),
    )
    committed = sum(
        (
            commitment.value
            for priority in plan.priorities
            for budget in priority.budgets
            if budget.year == year
            for commitment in budget.commitments
            if commitment.value is not None
        ),
        Decimal(0),
    )
    return pooled + committed


def _costs(plan: Plan) -> dict[str, Decimal]:
    """Each indicator's yearly collection cost, where it gives one."""
    return {
        indicator.id: indicator.cost_to_collect.amount
        for indicator in plan.indicators
        if indicator.cost_to_collect is not None and indicator.cost_to_collect.amount is not None
    }


def _pounds(amount: Decimal) -> str:
    """``£12,500``, or ``£12,500.50`` when there are pence."""
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"
