"""ACT002: an indicator with targets but no tolerance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="ACT002",
    name="target-without-tolerance",
    criteria=(Criterion.ACTIONABLE,),
    severity=Severity.WARNING,
    summary="An indicator has targets but no tolerance saying when it needs action.",
    rationale="""
        The framework asks for review "regularly, ideally quarterly, to allow remedial
        action to be taken if all is not according to plan". Without a tolerance a
        figure is either on target or missed: nothing marks it amber while there is
        still time to act, so the first signal comes when the target has already
        been lost. Set a tolerance (an absolute amount or a percentage) so that
        drifting off target prompts action before the year is out.
    """,
    bad=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    outcomes: [O1]
    targets:
      - {period: 2026/27, value: 11.5}
""",
    ),
    good=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    outcomes: [O1]
    targets:
      - {period: 2026/27, value: 11.5}
    tolerance: 5%
""",
    ),
)
def target_without_tolerance(context: Context) -> Iterator[Hit]:
    """Indicators with at least one target and no ``tolerance``."""
    for index, indicator in enumerate(context.plan.indicators):
        if indicator.targets and indicator.tolerance is None:
            yield Hit(
                ("indicators", index, "id"),
                f"indicator {indicator.id} has targets but no tolerance: set 'tolerance' "
                "(such as 5% or {kind: absolute, value: 2}) so that a figure drifting off "
                "target prompts remedial action before the target is missed",
            )
