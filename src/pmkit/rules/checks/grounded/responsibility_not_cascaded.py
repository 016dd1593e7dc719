"""GRD001: a responsibility that names no partner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.checks.grounded.responsibilities import responsibilities
from pmkit.rules.examples import PARTNERS, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="GRD001",
    name="responsibility-not-cascaded",
    criteria=(Criterion.GROUNDED,),
    severity=Severity.WARNING,
    summary="An owner, lead or accountable block names a role but no partner organisation.",
    rationale="""
        The framework: "responsibility for delivery of outcomes and performance
        indicators needs to be cascaded out to those who are responsible for
        delivery". A role with no partner behind it ("performance lead") leaves
        every partner free to assume another will act, so partnership work stays
        "something that is added on if there is time and resource available".
        Name the partner organisation that answers for it.
    """,
    bad=example(
        PARTNERS,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    owner:
      role: Neighbourhood policing lead
""",
    ),
    good=example(
        PARTNERS,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    owner:
      partner: police
      role: Neighbourhood policing lead
      embedded_in: Force performance framework
""",
    ),
)
def responsibility_not_cascaded(context: Context) -> Iterator[Hit]:
    """Owner, lead and accountable blocks that are present but have no ``partner``."""
    for assigned in responsibilities(context.plan):
        if assigned.responsibility.partner is None:
            yield Hit(
                assigned.pointer,
                f"{assigned.holder} names no partner: say under 'partner' which partner "
                "organisation is responsible for delivery, so the responsibility is "
                "cascaded to it",
            )
