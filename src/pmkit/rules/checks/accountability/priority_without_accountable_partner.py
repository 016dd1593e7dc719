"""ACC003: a priority with no partner accountable for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, PARTNERS, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="ACC003",
    name="priority-without-accountable-partner",
    criteria=(Criterion.ACCOUNTABILITY,),
    severity=Severity.WARNING,
    summary="A priority has nobody accountable for delivering it.",
    rationale="""
        Setting priorities "ensures that resources are targeted to where they can be most
        effective", but a priority for which no partner is accountable has resources and
        no one to answer for how they are used. The framework asks that responsibility for the
        delivery of outcomes be "cascaded out to those who are responsible for delivery";
        for a priority that starts with one accountable partner, who reports on its
        progress to the board. Name the partner and role accountable for each priority.
    """,
    bad=example(
        PARTNERS,
        OUTCOMES,
        """\
priorities:
  - id: P1
    title: Reduce neighbourhood crime
    outcomes: [O1]
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
    accountable: {partner: police, role: Neighbourhood policing lead}
""",
    ),
)
def priority_without_accountable_partner(context: Context) -> Iterator[Hit]:
    """Priorities with no ``accountable`` block at all."""
    for index, priority in enumerate(context.plan.priorities):
        if priority.accountable is None:
            yield Hit(
                ("priorities", index, "id"),
                f"priority {priority.id} has nobody accountable for it: add 'accountable' "
                "naming the partner and role that answer for its delivery",
            )
