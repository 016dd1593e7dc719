"""ROB001: an indicator with no named data source, or no check on its data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import PARTNERS, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="ROB001",
    name="source-or-verification-missing",
    criteria=(Criterion.ROBUST,),
    severity=Severity.WARNING,
    summary="An indicator does not say where its figures come from or how they are checked.",
    rationale="""
        The Audit Commission calls performance measurement "the essential foundation on
        which performance management can be built", and a robust foundation is one whose
        figures can be traced and trusted. A figure with no named source cannot be
        reproduced next quarter, and one that nobody checks can mislead the board into the
        wrong remedial action. Name the source of each indicator and say how its data are
        verified (an audit, a reconciliation, a sign-off).
    """,
    bad=example(
        PARTNERS,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    source: {name: Police recorded crime, supplier: police}
""",
    ),
    good=example(
        PARTNERS,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    source:
      name: Police recorded crime
      supplier: police
      verification: Force crime data integrity audit
""",
    ),
)
def source_or_verification_missing(context: Context) -> Iterator[Hit]:
    """Indicators with no ``source``, or a source lacking its name or its verification."""
    for index, indicator in enumerate(context.plan.indicators):
        source = indicator.source
        if source is None:
            yield Hit(
                ("indicators", index, "id"),
                f"indicator {indicator.id} has no data source: add a 'source' giving its 'name' "
                "and, under 'verification', how its data are checked",
            )
            continue
        gaps: list[tuple[str, str]] = []
        if source.name is None:
            gaps.append(
                ("no name", "give under 'name' the dataset or system the figures come from")
            )
        if source.verification is None:
            gaps.append(("no verification", "say under 'verification' how the data are checked"))
        if gaps:
            yield Hit(
                ("indicators", index, "source"),
                f"indicator {indicator.id}'s source has {' and '.join(g for g, _ in gaps)}: "
                f"{', and '.join(advice for _, advice in gaps)}",
            )
