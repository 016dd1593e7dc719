"""PRO002: an outcome with more indicators than the board can act on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="PRO002",
    name="too-many-indicators-for-outcome",
    criteria=(Criterion.PROPORTIONATE,),
    severity=Severity.WARNING,
    summary="An outcome is measured by more indicators than the threshold allows.",
    rationale="""
        The framework asks for measures that are "proportionate and cost effective to
        collect", and warns against asking questions "because it is nice to know
        the answer". Every indicator has a collection cost for some partner, and a
        long list for one outcome dilutes the board's attention: the few figures
        that would prompt action are lost among the rest. Keep the indicators that
        inform a decision and report the others, if at all, as background.
    """,
    bad=example(
        OUTCOMES,
        """\
indicators:
  - {id: CS-01, title: Burglary recorded, outcomes: [O1]}
  - {id: CS-02, title: Robbery recorded, outcomes: [O1]}
  - {id: CS-03, title: Theft from the person recorded, outcomes: [O1]}
  - {id: CS-04, title: Vehicle crime recorded, outcomes: [O1]}
  - {id: CS-05, title: Criminal damage recorded, outcomes: [O1]}
  - {id: CS-06, title: Shoplifting recorded, outcomes: [O1]}
  - {id: CS-07, title: Bicycle theft recorded, outcomes: [O1]}
  - {id: CS-08, title: Arson recorded, outcomes: [O1]}
  - {id: CS-09, title: Other theft recorded, outcomes: [O1]}
""",
    ),
    good=example(
        OUTCOMES,
        """\
indicators:
  - {id: CS-01, title: Neighbourhood crime rate, outcomes: [O1]}
  - {id: CS-02, title: Repeat victims of neighbourhood crime, outcomes: [O1]}
  - {id: CS-03, title: Residents who feel safe after dark, outcomes: [O1]}
""",
    ),
    thresholds={"max_indicators_per_outcome": 8},
)
def too_many_indicators_for_outcome(context: Context) -> Iterator[Hit]:
    """Outcomes evidenced by more than ``max_indicators_per_outcome`` indicators."""
    limit = context.threshold("max_indicators_per_outcome")
    by_outcome = context.indicators_by_outcome()
    for index, outcome in enumerate(context.plan.vision.outcomes):
        count = len(by_outcome.get(outcome.id, []))
        if count > limit:
            yield Hit(
                ("vision", "outcomes", index, "id"),
                f"outcome {outcome.id} has {count} indicators, more than the "
                f"{limit.normalize():f} allowed (max_indicators_per_outcome): keep the "
                "ones that inform a decision and drop or demote the rest",
            )
