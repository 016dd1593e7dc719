"""BAL001: an outcome measured only by inputs, processes or outputs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.model.indicators import MeasureType
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="BAL001",
    name="outcome-measured-only-by-process",
    criteria=(Criterion.BALANCED,),
    severity=Severity.WARNING,
    summary="An outcome is measured only by input, process or output indicators.",
    rationale="""
        Developing performance management in partnerships asks for a framework that is
        balanced, "reflecting main aspects, including outcomes", and for indicators
        "that show the contribution that is being made". Counting meetings held,
        referrals made or leaflets issued shows that activity is taking place, not
        whether it is "delivering the expected objectives": an outcome measured only
        that way cannot tell success from failure. Add at least one indicator with
        measure_type outcome that shows the difference made for people in the area.
    """,
    bad=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-05
    title: Multi-agency problem-solving meetings held
    measure_type: process
    outcomes: [O1]
""",
    ),
    good=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-05
    title: Multi-agency problem-solving meetings held
    measure_type: process
    outcomes: [O1]
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    measure_type: outcome
    outcomes: [O1]
""",
    ),
)
def outcome_measured_only_by_process(context: Context) -> Iterator[Hit]:
    """Outcomes whose typed indicators are all inputs, processes or outputs.

    Indicators without a ``measure_type`` are left out; an outcome none of
    whose indicators has one gets no finding.
    """
    indicators = context.plan.indicators
    by_outcome = context.indicators_by_outcome()
    for index, outcome in enumerate(context.plan.vision.outcomes):
        types = [
            indicators[position].measure_type
            for position in by_outcome.get(outcome.id, [])
            if indicators[position].measure_type is not None
        ]
        if types and MeasureType.OUTCOME not in types:
            kinds = [kind.value for kind in MeasureType if kind in types]
            named = " and ".join([", ".join(kinds[:-1]), kinds[-1]] if len(kinds) > 1 else kinds)
            yield Hit(
                ("vision", "outcomes", index, "id"),
                f"outcome {outcome.id} is measured only by {named} indicators: add an "
                "indicator with measure_type outcome that shows the difference made, "
                "not just the activity",
            )
