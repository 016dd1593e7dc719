"""ACC001: an indicator that nobody owns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import PARTNERS, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="ACC001",
    name="indicator-without-owner",
    criteria=(Criterion.ACCOUNTABILITY,),
    severity=Severity.WARNING,
    summary="An indicator has no owner to answer for it.",
    rationale="""
        Performance management is "a tool for improving services and supporting
        accountability", and an indicator that no partner owns supports none: when it
        turns red, nobody is expected to explain it or to act. The framework asks that
        "responsibility for delivery of outcomes and performance indicators" be
        "cascaded out to those who are responsible for delivery". Give every indicator
        an owner: the partner, and the role within it, that answers for the figure.
    """,
    bad=example(
        PARTNERS,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
""",
    ),
    good=example(
        PARTNERS,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    owner: {partner: police, role: Neighbourhood policing lead}
""",
    ),
)
def indicator_without_owner(context: Context) -> Iterator[Hit]:
    """Indicators with no ``owner`` block at all."""
    for index, indicator in enumerate(context.plan.indicators):
        if indicator.owner is None:
            yield Hit(
                ("indicators", index, "id"),
                f"indicator {indicator.id} has no owner: add an 'owner' naming the partner "
                "and role that answer for the figure",
            )
