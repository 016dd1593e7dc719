"""The whole plan, as one model."""

from __future__ import annotations

from pydantic import Field

from pmkit.model.actions import Action
from pmkit.model.base import Section, WholeNumber
from pmkit.model.indicators import Indicator
from pmkit.model.partners import Partner
from pmkit.model.partnership import Partnership
from pmkit.model.review import PartnershipReview
from pmkit.model.settings import Settings
from pmkit.model.vision import Priority, Vision

FORMAT_VERSION = 1
"""The version of the plan format this pmkit reads and writes."""


class Plan(Section):
    """A partnership's performance-management plan."""

    format_version: WholeNumber = Field(description="The plan format version; this pmkit reads 1.")
    partnership: Partnership
    partners: list[Partner] = Field(default_factory=list)
    vision: Vision = Field(default_factory=Vision)
    priorities: list[Priority] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    partnership_review: PartnershipReview = Field(default_factory=PartnershipReview)
    settings: Settings = Field(default_factory=Settings)
