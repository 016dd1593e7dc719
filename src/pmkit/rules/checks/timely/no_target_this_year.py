"""TIM002: an indicator with targets, but none for the current year."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context

_PLAN = """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    outcomes: [O1]
    targets:
      - {{period: 2025/26, value: 12.0}}
{this_year}"""


@rule(
    code="TIM002",
    name="no-target-this-year",
    criteria=(Criterion.TIMELY,),
    severity=Severity.WARNING,
    summary="An indicator has targets, but none for the current year.",
    rationale="""
        The framework's monitoring step is "to monitor performance against plan and
        outcomes", and its review step is meant "to allow remedial action to be
        taken if all is not according to plan". An indicator whose targets have all
        run out, or start only in a later year, leaves this year's figures with
        nothing to be judged against: the board sees a number but cannot tell
        whether it is on track. Set a target for the current year (or its quarters)
        so that performance can be judged while there is still time to act.
    """,
    bad=example(OUTCOMES, _PLAN.format(this_year="")),
    good=example(OUTCOMES, _PLAN.format(this_year="      - {period: 2026/27, value: 11.5}\n")),
    uses_today=True,
)
def no_target_this_year(context: Context) -> Iterator[Hit]:
    """Indicators with targets, none of them within the year containing today.

    An indicator not in use this year (``active`` ends before it or starts
    after it) is left alone.
    """
    year = context.current_year
    for index, indicator in enumerate(context.plan.indicators):
        if not indicator.targets:
            continue
        active = indicator.active
        if active is not None and (
            (active.end is not None and active.end.last < year.first)
            or (active.start is not None and active.start.first > year.last)
        ):
            continue
        if not any(year.contains(target.period) for target in indicator.targets):
            yield Hit(
                ("indicators", index, "targets"),
                f"indicator {indicator.id} has no target for {year.label}, the current "
                f"year: set a target for {year.label} (or its quarters), so this year's "
                "figures can be judged against it",
            )
