"""One change to the plan, as :mod:`~pmkit.plan_history.diff` reports it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Change:
    """One change to the plan.

    ``less_ambitious`` is set for a revised target: ``True`` when the new
    value asks less, given the indicator's polarity; ``None`` when the
    polarity is not stated.
    """

    section: str
    kind: str
    subject: str
    message: str
    period: str | None = None
    old: str | None = None
    new: str | None = None
    less_ambitious: bool | None = None


def money(value: Decimal | None) -> str:
    """An amount in pounds, or "none" when not stated."""
    return "none" if value is None else f"£{value:,}"
