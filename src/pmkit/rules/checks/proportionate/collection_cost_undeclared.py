"""PRO001: an indicator that does not say what it costs to collect."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="PRO001",
    name="collection-cost-undeclared",
    criteria=(Criterion.PROPORTIONATE,),
    severity=Severity.WARNING,
    summary="An indicator does not say what collecting it costs each year.",
    rationale="""
        The framework asks for measures that are "proportionate and cost effective to
        collect", which matters most in a partnership "where each partner will
        already have a system in place". Whether an indicator is worth its cost can
        only be judged if the cost is known: staff time to extract, check and report
        the figure, any survey or system change, given a money value. An estimate is
        enough; a cost of 0 for a figure that falls out of an existing system is an
        answer too.
    """,
    bad=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-02
    title: Residents who feel safe outside after dark
    outcomes: [O1]
""",
    ),
    good=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-02
    title: Residents who feel safe outside after dark
    outcomes: [O1]
    cost_to_collect: {amount: 4000, basis: Four questions in the council's residents' survey}
""",
    ),
)
def collection_cost_undeclared(context: Context) -> Iterator[Hit]:
    """Indicators with no ``cost_to_collect`` amount."""
    for index, indicator in enumerate(context.plan.indicators):
        cost = indicator.cost_to_collect
        if cost is None or cost.amount is None:
            yield Hit(
                ("indicators", index, "id"),
                f"indicator {indicator.id} does not say what it costs to collect: give an "
                "estimate of the yearly cost in pounds under cost_to_collect (0 if the "
                "figure comes free from an existing system)",
            )
