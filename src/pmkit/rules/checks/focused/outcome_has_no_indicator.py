"""FOC002: an outcome of the joint vision that no indicator evidences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="FOC002",
    name="outcome-has-no-indicator",
    criteria=(Criterion.FOCUSED,),
    severity=Severity.WARNING,
    summary="An outcome of the joint vision has no indicator that shows progress on it.",
    rationale="""
        The framework asks that the outcomes of the vision be "stated as clearly as
        possible" and that indicators be "developed that show the contribution
        that is being made". An outcome that no indicator evidences cannot be
        monitored: "if you don't measure results, you can't tell success from
        failure". Give every outcome at least one indicator, or ask whether it is
        still one of the partnership's core objectives.
    """,
    bad=example(
        """\
vision:
  outcomes:
    - {id: O1, title: People are safer in their neighbourhoods}
    - {id: O2, title: Fewer young people enter the justice system}
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    outcomes: [O1]
""",
    ),
    good=example(
        """\
vision:
  outcomes:
    - {id: O1, title: People are safer in their neighbourhoods}
    - {id: O2, title: Fewer young people enter the justice system}
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    outcomes: [O1]
  - id: YJ-01
    title: First-time entrants to the youth justice system per 100,000
    outcomes: [O2]
""",
    ),
)
def outcome_has_no_indicator(context: Context) -> Iterator[Hit]:
    """Outcomes of ``vision.outcomes`` that no indicator lists under ``outcomes``."""
    measured = context.indicators_by_outcome()
    for index, outcome in enumerate(context.plan.vision.outcomes):
        if not measured.get(outcome.id):
            yield Hit(
                ("vision", "outcomes", index, "id"),
                f"outcome {outcome.id} has no indicator: add one that shows progress on it "
                f"(listing {outcome.id} under its 'outcomes'), or reconsider whether it is "
                "a core objective of the partnership",
            )
