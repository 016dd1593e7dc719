"""Where the plan assigns responsibility: shared by the grounded rules.

Responsibility blocks are an indicator's ``owner``, an action's ``lead`` and a
priority's ``accountable``. A block that is missing entirely is the
accountability rules' business; the grounded rules look at the blocks that
are there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.findings import Pointer
    from pmkit.model.partners import Responsibility
    from pmkit.model.plan import Plan


@dataclass(frozen=True, slots=True)
class Assigned:
    """One responsibility block, where it is, and whose it is."""

    pointer: Pointer
    """The block's key: ``("indicators", 3, "owner")``."""
    holder: str
    """The block in words: ``indicator CS-01's 'owner'``."""
    responsibility: Responsibility


def responsibilities(plan: Plan) -> Iterator[Assigned]:
    """Every responsibility block present in ``plan``: owners, leads, then accountables."""
    for index, indicator in enumerate(plan.indicators):
        if indicator.owner is not None:
            yield Assigned(
                ("indicators", index, "owner"),
                f"indicator {indicator.id}'s 'owner'",
                indicator.owner,
            )
    for index, action in enumerate(plan.actions):
        if action.lead is not None:
            yield Assigned(
                ("actions", index, "lead"),
                f"action {action.id}'s 'lead'",
                action.lead,
            )
    for index, priority in enumerate(plan.priorities):
        if priority.accountable is not None:
            yield Assigned(
                ("priorities", index, "accountable"),
                f"priority {priority.id}'s 'accountable'",
                priority.accountable,
            )
