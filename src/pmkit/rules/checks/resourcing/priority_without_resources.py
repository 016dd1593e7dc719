"""RES001: a priority with no resources allocated or committed to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.checks.resourcing._budgets import is_resourced
from pmkit.rules.examples import OUTCOMES, PARTNERS, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="RES001",
    name="priority-without-resources",
    criteria=(Criterion.RESOURCING,),
    severity=Severity.WARNING,
    summary="A priority has no pooled allocation and no partner commitment with a value.",
    rationale="""
        The framework observes that "many partnership plans are vast in size and scope however
        very few have dedicated resources to realise these outcomes", and asks "how
        realistic is this?". Setting priorities is meant to target resources "where they
        can be most effective": a priority with no resources is an aspiration, not a plan.
        Where there is a pooled budget, allocate a proportion of it to the priority; where
        there is not, ask partners to commit resources, cash or in kind, and record their
        value.
    """,
    bad=example(
        PARTNERS,
        OUTCOMES,
        """\
priorities:
  - id: P1
    title: Reduce neighbourhood crime
    outcomes: [O1]
    budgets:
      - year: 2026/27
        commitments: [{partner: police, kind: in_kind}]
""",
    ),
    good=example(
        PARTNERS,
        OUTCOMES,
        """\
priorities:
  - id: P1
    title: Reduce neighbourhood crime
    outcomes: [O1]
    budgets:
      - year: 2026/27
        commitments: [{partner: police, kind: in_kind, value: 50000}]
""",
    ),
)
def priority_without_resources(context: Context) -> Iterator[Hit]:
    """Priorities with no budget entry giving a pooled allocation or a valued commitment."""
    for index, priority in enumerate(context.plan.priorities):
        if not is_resourced(priority):
            yield Hit(
                ("priorities", index, "id"),
                f"priority {priority.id} has no resources: under 'budgets', allocate part of "
                "the pooled budget to it or record the value of partners' commitments",
            )
