"""BAL003: no indicator measures what the partnership achieves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.model.indicators import Focus
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="BAL003",
    name="partnership-working-only",
    criteria=(Criterion.BALANCED,),
    severity=Severity.WARNING,
    summary="No indicator is declared to measure what the partnership achieves.",
    rationale="""
        This is the framework's central warning: partnerships "have generally focused
        their effort on establishing how well the partnership itself is working
        without assessing their achievement or the difference they are making. This
        must be the focus for the partnership and indicators developed that show the
        contribution that is being made." How well partners work together matters,
        but it belongs in the less frequent review of the partnership; the
        performance indicators must show what the partnership achieves. Declare
        measures: achievement on the indicators that do.
    """,
    bad=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-07
    title: Partner attendance at board meetings
    measures: partnership_working
    outcomes: [O1]
""",
    ),
    good=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-07
    title: Partner attendance at board meetings
    measures: partnership_working
    outcomes: [O1]
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    measures: achievement
    outcomes: [O1]
""",
    ),
)
def partnership_working_only(context: Context) -> Iterator[Hit]:
    """A plan with indicators, none of which declares ``measures: achievement``."""
    indicators = context.plan.indicators
    if not indicators or any(i.measures is Focus.ACHIEVEMENT for i in indicators):
        return
    working = sum(1 for i in indicators if i.measures is Focus.PARTNERSHIP_WORKING)
    yield Hit(
        ("indicators",),
        "no indicator declares measures: achievement (partnership_working: "
        f"{working}, not declared: {len(indicators) - working}), so nothing shows what "
        "the partnership achieves: add indicators of the difference it makes and mark "
        "them measures: achievement",
    )
