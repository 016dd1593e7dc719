"""The partnership itself: who it is, who it reports to, and its calendar."""

from __future__ import annotations

import calendar
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from pmkit.model.base import Entity, Money, PartnerRef, Section, Text, YearLabel
from pmkit.model.partners import Contribution


class PartnershipKind(StrEnum):
    """The statutory or voluntary form the partnership takes."""

    COMMUNITY_SAFETY_PARTNERSHIP = "community_safety_partnership"
    HEALTH_AND_WELLBEING_BOARD = "health_and_wellbeing_board"
    LOCAL_STRATEGIC_PARTNERSHIP = "local_strategic_partnership"
    CHILDRENS_TRUST = "childrens_trust"
    SAFEGUARDING_PARTNERSHIP = "safeguarding_partnership"
    INTEGRATED_CARE_PARTNERSHIP = "integrated_care_partnership"
    OTHER = "other"


class TargetKind(StrEnum):
    """The framework's three kinds of target, and what they mean today.

    ``floor``: a minimum standard set nationally (once floor targets; today
    statutory minimum standards). ``national_priority``: a nationally set
    priority (once the National Indicator Set; today the national outcomes
    frameworks such as the Public Health Outcomes Framework or the Better Care
    Fund metrics). ``local``: a target the partnership sets for itself.
    """

    FLOOR = "floor"
    NATIONAL_PRIORITY = "national_priority"
    LOCAL = "local"


class Frequency(StrEnum):
    """How often something happens: data arrive, or the partnership reviews."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SIX_MONTHLY = "six_monthly"
    ANNUAL = "annual"
    BIENNIAL = "biennial"

    @property
    def months(self) -> int:
        """Months between one occurrence and the next."""
        return {"monthly": 1, "quarterly": 3, "six_monthly": 6, "annual": 12, "biennial": 24}[
            self.value
        ]


class AudienceKind(StrEnum):
    """Who an audience is."""

    BOARD = "board"
    DELIVERY_GROUP = "delivery_group"
    SCRUTINY = "scrutiny"
    PARTNER = "partner"
    PUBLIC = "public"


class Audience(Entity):
    """A board, group or public that reads the partnership's performance information."""

    name: Text | None = None
    kind: AudienceKind | None = None
    receives_reports: bool = Field(
        default=False, description="Whether this audience receives the quarterly report."
    )


class ChangeLogEntry(Section):
    """One refinement of the plan: when, what, and on whose decision."""

    date: date
    change: Text
    by: Text | None = None


class PooledBudget(Section):
    """The pooled budget for one year: its total, which partner holds it, who pays in."""

    year: YearLabel
    total: Money
    host: PartnerRef | None = None
    contributions: list[Contribution] = Field(
        default_factory=list, description="What each partner pays into the pool."
    )
    notes: Text | None = None


def _month(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("month", "expected a month, such as April or 4")
    if isinstance(value, str):
        names = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
        names.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
        number = names.get(value.strip().lower())
        if number is None:
            raise PydanticCustomError("month", "expected a month, such as April or 4")
        return number
    return value


Month = Annotated[
    int,
    BeforeValidator(_month),
    Field(ge=1, le=12),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 12},
                {"type": "string", "description": "A month name, such as April."},
            ]
        }
    ),
]


class Partnership(Section):
    """Who the partnership is, whom it reports to, and how it keeps its plan fresh."""

    name: Text
    kind: PartnershipKind | None = None
    area: Text | None = None
    audiences: list[Audience] = Field(default_factory=list)
    year_start: Month = Field(
        default=4, description="The month the reporting year starts: April (4) or January (1)."
    )
    review_frequency: Frequency | None = None
    last_refined: date | None = None
    change_log: list[ChangeLogEntry] = Field(default_factory=list)
    target_kinds: list[TargetKind] = Field(
        default_factory=list, description="Which of the three kinds of target apply."
    )
    pooled_budget: list[PooledBudget] = Field(default_factory=list)
