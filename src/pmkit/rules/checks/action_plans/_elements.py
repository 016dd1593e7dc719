"""What the action-plan rules share: finding actions that lack an element, and examples."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pmkit.model.actions import Action
from pmkit.rules.base import Hit
from pmkit.rules.examples import PARTNERS, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context

Gap = Callable[[Action], str | None]
"""Given an action, what it lacks and what to do about it, or ``None`` if nothing."""


def actions_where(context: Context, gap: Gap) -> Iterator[Hit]:
    """A hit at the id of each action for which ``gap`` has something to say.

    The message is ``action ID`` followed by what ``gap`` returns, such as
    ``has no objective: state ...``.
    """
    for index, action in enumerate(context.plan.actions):
        advice = gap(action)
        if advice is not None:
            yield Hit(("actions", index, "id"), f"action {action.id} {advice}")


def actions_missing(
    context: Context, element: Callable[[Action], object], advice: str
) -> Iterator[Hit]:
    """A hit at the id of each action whose ``element`` is missing or empty."""
    return actions_where(context, lambda action: None if element(action) else advice)


def action_example(*fields: str, before: str = "") -> str:
    """An example plan with two partners and one action, A1, with ``fields`` added to it.

    Each field is one line of the action, without indentation; ``before``
    goes between the partners and the actions (an indicators block, say).
    """
    lines = "".join(f"    {field}\n" for field in fields)
    return example(
        PARTNERS,
        before,
        "actions:\n  - id: A1\n    title: Target hardening for repeat burglary victims\n",
        lines,
    )
