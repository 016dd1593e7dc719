"""CLR004: an indicator produced for no audience."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="CLR004",
    name="indicator-without-audience",
    criteria=(Criterion.CLEAR, Criterion.ACTIONABLE),
    severity=Severity.WARNING,
    summary="An indicator names no audience that receives its figures.",
    rationale="""
        A clear framework builds "on an understanding of who will use the
        information and why", and an actionable one asks "what action could the
        recipient of the information take on the basis of the information". An
        indicator with no audience has no recipient: no board or group is
        expected to read it, so no one is placed to act on it. Name the
        audiences that receive it, or stop producing it.
    """,
    bad="""\
format_version: 1
partnership:
  name: Northbridge Community Safety Partnership
  audiences:
    - {id: board, name: Partnership board, kind: board}
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
""",
    good="""\
format_version: 1
partnership:
  name: Northbridge Community Safety Partnership
  audiences:
    - {id: board, name: Partnership board, kind: board}
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    audience: [board]
""",
)
def indicator_without_audience(context: Context) -> Iterator[Hit]:
    """Indicators with an empty ``audience`` list."""
    for index, indicator in enumerate(context.plan.indicators):
        if not indicator.audience:
            yield Hit(
                ("indicators", index, "id"),
                f"indicator {indicator.id} has no audience: list under 'audience' who "
                "receives the figure (one of partnership.audiences), so it is clear who "
                "will use it and act on it",
            )
