"""FOC003: an action that serves no priority and no outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="FOC003",
    name="action-serves-no-priority",
    criteria=(Criterion.FOCUSED,),
    severity=Severity.WARNING,
    summary="An action names neither a priority nor an outcome that it serves.",
    rationale="""
        An action plan entry should give "details of the aim/objective it is
        intended to help address", and the partnership's resources should be
        "targeted to where they can be most effective rather than spread too
        thinly". An action tied to no priority and no outcome of the joint vision
        cannot show that it is focused on the core objectives of the partnership.
        Link it to the priorities or outcomes it helps deliver, or drop it.
    """,
    bad=example(
        OUTCOMES,
        """\
actions:
  - id: A7
    title: Refresh the partnership website
""",
    ),
    good=example(
        OUTCOMES,
        """\
actions:
  - id: A1
    title: Target hardening for repeat burglary victims
    outcomes: [O1]
""",
    ),
)
def action_serves_no_priority(context: Context) -> Iterator[Hit]:
    """Actions with empty ``priorities`` and empty ``outcomes``."""
    for index, action in enumerate(context.plan.actions):
        if not action.priorities and not action.outcomes:
            yield Hit(
                ("actions", index, "id"),
                f"action {action.id} serves no priority or outcome: list what it helps "
                "deliver under 'priorities' or 'outcomes', or drop it",
            )
