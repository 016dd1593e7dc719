"""CMP002: an indicator compared with no one else."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="CMP002",
    name="no-comparator",
    criteria=(Criterion.COMPARABLE,),
    severity=Severity.INFO,
    summary="An indicator has no comparator: no national, regional or similar-area figure.",
    rationale="""
        The framework asks for measures "comparable over time and where possible with
        other organisation[s]", and for a framework that improves performance "by
        identifying good practice, encouraging shared learning". A partnership's own
        trend shows whether a figure is moving; only a comparison with England, the
        region, a family group or statistical neighbours shows whether it is good,
        and who is doing better and might be learned from. Where a like-for-like
        figure exists, name it; where none does, silence this finding for the
        indicator with an inline ignore.
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
    comparators:
      - {kind: family_group, name: Most similar group of community safety partnerships}
""",
    ),
)
def no_comparator(context: Context) -> Iterator[Hit]:
    """Indicators with an empty ``comparators`` list."""
    for index, indicator in enumerate(context.plan.indicators):
        if not indicator.comparators:
            yield Hit(
                ("indicators", index, "id"),
                f"indicator {indicator.id} is compared with no one: where a like-for-like "
                "figure exists, add a national, regional, family group or statistical "
                "neighbours comparator under comparators",
            )
