"""CLR003: an indicator with no unit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="CLR003",
    name="indicator-without-unit",
    criteria=(Criterion.CLEAR,),
    severity=Severity.WARNING,
    summary="An indicator does not say what unit its figures are in.",
    rationale="""
        A figure is clear only when its reader knows what it counts: 12 could be
        crimes, a percentage or a rate per 1,000 population, and each calls for a
        different response. The unit also says which values a figure can hold, so
        that targets and baselines can be checked for slips before they reach the
        board. Give every indicator a unit, so the information is understood by
        those who will use it.
    """,
    bad=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime
    outcomes: [O1]
""",
    ),
    good=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime
    outcomes: [O1]
    unit: rate per 1,000
""",
    ),
)
def indicator_without_unit(context: Context) -> Iterator[Hit]:
    """Indicators with no ``unit``."""
    for index, indicator in enumerate(context.plan.indicators):
        if indicator.unit is None:
            yield Hit(
                ("indicators", index, "id"),
                f"indicator {indicator.id} has no unit: set 'unit' (count, percentage, "
                "'rate per 1,000', money, days, years, ratio, score or index) so readers "
                "know what the figure means",
            )
