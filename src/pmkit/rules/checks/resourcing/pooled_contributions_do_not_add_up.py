"""RES005: partners' contributions to the pooled budget that do not add up to its total."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.checks.resourcing._budgets import ZERO, pounds

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context

_PLAN = """\
format_version: 1
partnership:
  name: Northbridge Community Safety Partnership
  pooled_budget:
    - year: 2026/27
      total: 400000
      host: council
      contributions:
        - {{partner: council, kind: cash, value: 250000}}
        - {{partner: police, kind: cash, value: {second}}}
partners:
  - {{id: council, name: Northbridge District Council}}
  - {{id: police, name: Northshire Police}}
"""


@rule(
    code="RES005",
    name="pooled-contributions-do-not-add-up",
    criteria=(Criterion.RESOURCING,),
    severity=Severity.WARNING,
    summary="Partners' contributions to a pooled budget do not add up to its total.",
    rationale="""
        The framework's question about resources is "how do you ensure that the resource
        commitment is made real". A pooled budget is real only when each partner's share
        of it is agreed: when the contributions listed do not add up to the total, either a
        partner's share is missing or the total promises money nobody has committed, and
        priorities allocated from it may go unresourced. Record every partner's
        contribution, or correct the total.
    """,
    bad=_PLAN.format(second=100000),
    good=_PLAN.format(second=150000),
)
def pooled_contributions_do_not_add_up(context: Context) -> Iterator[Hit]:
    """Pooled budgets whose listed contributions sum to more or less than the total."""
    for number, entry in enumerate(context.plan.partnership.pooled_budget):
        if not entry.contributions:
            continue
        paid_in = sum((c.value for c in entry.contributions if c.value is not None), ZERO)
        if paid_in != entry.total:
            yield Hit(
                ("partnership", "pooled_budget", number, "total"),
                f"the {entry.year.label} pooled budget totals {pounds(entry.total)}, but the "
                f"partners' contributions listed add up to {pounds(paid_in)}: record every "
                "partner's contribution, or correct the total",
            )
