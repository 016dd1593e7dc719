"""FOC001: an indicator that evidences no outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="FOC001",
    name="indicator-evidences-no-outcome",
    criteria=(Criterion.FOCUSED,),
    severity=Severity.WARNING,
    summary="An indicator evidences none of the partnership's outcomes.",
    rationale="""
        A measure that shows progress on no outcome of the joint vision is measured
        because it is there, not because the partnership needs it: it takes
        collection effort and board attention from the core objectives. Link it to
        the outcome it evidences, or drop it.
    """,
    bad=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-09
    title: Number of partnership newsletters issued
""",
    ),
    good=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    outcomes: [O1]
""",
    ),
)
def indicator_evidences_no_outcome(context: Context) -> Iterator[Hit]:
    """Indicators with an empty ``outcomes`` list."""
    for index, indicator in enumerate(context.plan.indicators):
        if not indicator.outcomes:
            yield Hit(
                ("indicators", index, "id"),
                f"indicator {indicator.id} evidences no outcome: list the outcome(s) it "
                "shows progress on under 'outcomes', or drop it",
            )
