"""REF003: a plan that keeps no record of how it has been refined."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context

_HEAD = """\
format_version: 1
partnership:
  name: Northbridge Community Safety Partnership
  last_refined: 2026-04-01
"""


@rule(
    code="REF003",
    name="no-change-log",
    criteria=(Criterion.REGULARLY_REFINED,),
    severity=Severity.WARNING,
    summary="The plan keeps no change log.",
    rationale="""
        Developing performance management in partnerships asks for a framework that is
        "regularly refined", revisiting "the right strategies, plans and indicators"
        after each review and evaluation. A change log shows that this happens and why:
        which indicators were dropped or redefined, which targets were reset, and on
        whose decision. Without it the partnership cannot show the learning its reviews
        produced, and readers cannot tell whether a change in a figure reflects
        performance or a change in the plan.
    """,
    bad=_HEAD,
    good=_HEAD
    + """\
  change_log:
    - date: 2026-04-01
      change: Repeat burglary indicator added after the annual review.
      by: Partnership board
""",
)
def no_change_log(context: Context) -> Iterator[Hit]:
    """A plan whose ``partnership.change_log`` is empty or missing."""
    if not context.plan.partnership.change_log:
        yield Hit(
            ("partnership",),
            "the plan keeps no change log: record each refinement under "
            "partnership.change_log (date, change and whose decision it was), starting "
            "with the current version",
        )
