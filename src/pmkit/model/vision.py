"""The joint vision and the outcomes it is stated in, and the priorities that serve them."""

from __future__ import annotations

from pydantic import Field

from pmkit.model.base import (
    Entity,
    Money,
    OutcomeRef,
    PositiveWholeNumber,
    Section,
    Text,
    YearLabel,
)
from pmkit.model.partners import Contribution, Responsibility


class Outcome(Entity):
    """An outcome of the vision, stated as clearly as possible."""

    title: Text | None = None
    success: Text | None = Field(default=None, description="What success looks like.")
    description: Text | None = None


class Vision(Section):
    """A joint vision: why the partnership exists, not an amalgam of partners' visions."""

    statement: Text | None = None
    outcomes: list[Outcome] = Field(default_factory=list)


class PriorityBudget(Section):
    """A priority's resources for one year: a pooled allocation and partners' commitments."""

    year: YearLabel
    pooled: Money | None = Field(default=None, description="Allocation from the pooled budget.")
    commitments: list[Contribution] = Field(default_factory=list)


class Priority(Entity):
    """Where the partnership targets its resources, rather than spreading them thinly."""

    title: Text | None = None
    description: Text | None = None
    outcomes: list[OutcomeRef] = Field(default_factory=list)
    rank: PositiveWholeNumber | None = None
    accountable: Responsibility | None = None
    budgets: list[PriorityBudget] = Field(default_factory=list)
