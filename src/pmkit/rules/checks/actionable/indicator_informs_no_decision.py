"""ACT001: an indicator that informs no decision."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="ACT001",
    name="indicator-informs-no-decision",
    criteria=(Criterion.ACTIONABLE,),
    severity=Severity.WARNING,
    summary="An indicator does not say what decision its figure informs.",
    rationale="""
        The framework asks that performance information be actionable: "rather
        than questions being asked because it is nice to know the answer, the
        determining factor should be 'what action could the recipient of the
        information take on the basis of the information'". An indicator that
        informs no decision is nice to know; it costs partners effort to collect
        and the board time to read. State the decision it informs, or stop
        collecting it.
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
    decision: Where to focus neighbourhood patrols and prevention next quarter
""",
    ),
)
def indicator_informs_no_decision(context: Context) -> Iterator[Hit]:
    """Indicators with no ``decision``."""
    for index, indicator in enumerate(context.plan.indicators):
        if indicator.decision is None:
            yield Hit(
                ("indicators", index, "id"),
                f"indicator {indicator.id} informs no decision: say under 'decision' what "
                "its recipients could decide or do on the strength of the figure, or stop "
                "collecting it",
            )
