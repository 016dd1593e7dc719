"""ACT003: an indicator with neither a target nor a stated purpose."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="ACT003",
    name="figure-without-target-or-purpose",
    criteria=(Criterion.ACTIONABLE,),
    severity=Severity.WARNING,
    summary="An indicator has no targets and no contextual purpose explaining why it is reported.",
    rationale="""
        "If you don't measure results, you can't tell success from failure", and
        without a target no one can tell whether a figure is good news or bad. Some
        figures rightly carry no target (demand, or context the partnership cannot
        steer), but then the plan should say why they are reported and what action
        they could prompt: the framework's test is "what action could the
        recipient of the information take on the basis of the information". Set
        targets, or state the figure's contextual purpose.
    """,
    bad=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-04
    title: Calls for service to the police
    outcomes: [O1]
""",
    ),
    good=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-04
    title: Calls for service to the police
    outcomes: [O1]
    contextual_purpose: Demand context for the board when it weighs patrol funding
""",
    ),
)
def figure_without_target_or_purpose(context: Context) -> Iterator[Hit]:
    """Indicators with no ``targets`` and no ``contextual_purpose``."""
    for index, indicator in enumerate(context.plan.indicators):
        if not indicator.targets and indicator.contextual_purpose is None:
            yield Hit(
                ("indicators", index, "id"),
                f"indicator {indicator.id} has no target and no contextual purpose: set "
                "'targets', or say under 'contextual_purpose' why the figure is reported "
                "and what action it could prompt",
            )
