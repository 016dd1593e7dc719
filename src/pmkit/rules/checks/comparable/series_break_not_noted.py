"""CMP003: a change of definition that does not say whether the series was revised."""

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
    definition_changes:
      - from: 2025/26
        change: Theft of bicycles added to neighbourhood crime
"""


@rule(
    code="CMP003",
    name="series-break-not-noted",
    criteria=(Criterion.COMPARABLE,),
    severity=Severity.WARNING,
    summary="A change to an indicator's definition does not say whether the back series "
    "was revised.",
    rationale="""
        The framework asks for measures "comparable over time". When what is counted
        changes, figures before and after the change are comparable only if the
        earlier ones were recalculated on the new definition; otherwise the series
        is broken and a jump in the trend may be nothing but the new definition.
        Say, for each change, whether the back series was revised, so that readers
        know whether they are looking at like for like.
    """,
    bad=example(OUTCOMES, _PLAN),
    good=example(OUTCOMES, _PLAN + "        back_series_revised: true\n"),
)
def series_break_not_noted(context: Context) -> Iterator[Hit]:
    """Definition changes with no ``back_series_revised``."""
    for index, indicator in enumerate(context.plan.indicators):
        for number, change in enumerate(indicator.definition_changes):
            if change.back_series_revised is None:
                yield Hit(
                    ("indicators", index, "definition_changes", number),
                    f"indicator {indicator.id}'s definition changed from "
                    f"{change.start.label} without saying whether earlier figures were "
                    "recalculated: add back_series_revised: true or false, so readers know "
                    "whether the series is like for like",
                )
