"""The less frequent review of how the partnership itself is working."""

from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from pmkit.model.base import Entity, Section, Text, WholeNumber
from pmkit.model.partnership import Frequency


class Principle(Entity):
    """A principle the partnership assesses itself against."""

    title: Text | None = None
    description: Text | None = None


class Scale(Section):
    """The scoring scale of the self-assessment: 1 to 4 unless the plan says otherwise."""

    min: WholeNumber = 1
    max: WholeNumber = 4

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.min >= self.max:
            raise ValueError("the scale's min must be below its max")
        return self


PARTNERSHIP_ASSESSMENT_TOOL: tuple[tuple[str, str], ...] = (
    ("need", "Recognise and accept the need for partnership"),
    ("purpose", "Develop clarity and realism of purpose"),
    ("commitment", "Ensure commitment and ownership"),
    ("trust", "Develop and maintain trust"),
    ("arrangements", "Create clear and robust partnership arrangements"),
    ("learning", "Monitor, measure and learn"),
)
"""The six principles of the Partnership Assessment Tool, the default."""


def _default_principles() -> list[Principle]:
    return [Principle(id=id_, title=title) for id_, title in PARTNERSHIP_ASSESSMENT_TOOL]


class PartnershipReview(Section):
    """How, and how often, the partnership reviews its own working."""

    principles: list[Principle] = Field(default_factory=_default_principles)
    frequency: Frequency | None = None
    last_review: date | None = None
    scale: Scale = Field(default_factory=Scale)
