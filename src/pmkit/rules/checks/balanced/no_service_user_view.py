"""BAL002: no indicator gives the service user's view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="BAL002",
    name="no-service-user-view",
    criteria=(Criterion.BALANCED,),
    severity=Severity.WARNING,
    summary="No indicator reflects the view of service users or residents.",
    rationale="""
        Developing performance management in partnerships asks for a framework that is
        balanced, "reflecting main aspects, including outcomes and the user's
        perspective", and reminds partnerships that they exist to add value for "local
        communities and service users". A set of indicators drawn only from partners'
        own records sees the partnership from the inside; without at least one measure
        of how residents or service users experience it (a survey, feedback, a
        complaints measure) the board cannot tell whether the difference it reports is
        the difference people feel.
    """,
    bad=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    outcomes: [O1]
""",
    ),
    good=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    outcomes: [O1]
  - id: CS-02
    title: Residents who feel safe outside after dark (residents' survey)
    service_user_view: true
    outcomes: [O1]
""",
    ),
)
def no_service_user_view(context: Context) -> Iterator[Hit]:
    """A plan with indicators, none of which has ``service_user_view: true``."""
    indicators = context.plan.indicators
    if indicators and not any(indicator.service_user_view for indicator in indicators):
        yield Hit(
            ("indicators",),
            "no indicator gives the service user's view: add "
            "a measure of how residents or service users experience the partnership's "
            "work (a survey or feedback measure) and mark it service_user_view: true",
        )
