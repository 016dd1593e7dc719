"""Budget arithmetic shared by the resourcing rules: sums, years, and pounds."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmkit.model.vision import Priority, PriorityBudget
    from pmkit.periods import Period

ZERO = Decimal(0)


def pounds(amount: Decimal) -> str:
    """An amount as the plan's readers write it: ``£250,000`` or ``£1,250.50``."""
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


def budget_total(budget: PriorityBudget) -> Decimal:
    """A priority's resources for one year: its pooled allocation plus partners' commitments."""
    committed = sum((c.value for c in budget.commitments if c.value is not None), ZERO)
    return (budget.pooled or ZERO) + committed


def budget_for(priority: Priority, year: Period) -> Decimal:
    """A priority's resources for ``year`` (zero when it has no budget entry for it)."""
    return sum((budget_total(b) for b in priority.budgets if b.year == year), ZERO)


def is_resourced(priority: Priority) -> bool:
    """Whether any budget entry gives the priority a pooled allocation or a valued commitment."""
    return any(
        (budget.pooled or ZERO) > ZERO
        or any(c.value is not None and c.value > ZERO for c in budget.commitments)
        for budget in priority.budgets
    )
