"""GRD002: a partner's responsibility not embedded in its own performance system."""

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
    code="GRD002",
    name="responsibility-not-embedded",
    criteria=(Criterion.GROUNDED,),
    severity=Severity.WARNING,
    summary="A responsibility names a partner but not where that partner's own system holds it.",
    rationale="""
        Partners "see partnership work as separate from the day to day
        responsibilities"; the framework's remedy is that "partnership objectives need
        to be embedded within roles and responsibilities and measured through
        individual partner organisation performance systems". Naming the partner
        is not enough: say where the responsibility lives in that partner's own
        plan, scorecard or role description, so the system encourages the right
        behaviour inside each organisation.
    """,
    bad=example(
        PARTNERS,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    owner:
      partner: police
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
      embedded_in: Force performance framework, neighbourhood priorities
""",
    ),
)
def responsibility_not_embedded(context: Context) -> Iterator[Hit]:
    """Owner, lead and accountable blocks with a ``partner`` but no ``embedded_in``."""
    systems = {partner.id: partner.performance_system for partner in context.plan.partners}
    for assigned in responsibilities(context.plan):
        partner = assigned.responsibility.partner
        if partner is None or assigned.responsibility.embedded_in is not None:
            continue
        system = systems.get(partner)
        where = "that partner's own performance system" + (f" ({system})" if system else "")
        yield Hit(
            assigned.pointer,
            f"{assigned.holder} names partner '{partner}' but not where the responsibility is "
            f"embedded: say under 'embedded_in' which plan, scorecard or role in {where} "
            "carries it",
        )
