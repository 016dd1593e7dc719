"""Partners, and responsibility cascaded to them."""

from __future__ import annotations

from enum import StrEnum

from pmkit.model.base import Entity, Money, PartnerRef, Section, Text


class PartnerKind(StrEnum):
    """The kind of organisation a partner is."""

    LOCAL_AUTHORITY = "local_authority"
    POLICE = "police"
    POLICE_AND_CRIME_COMMISSIONER = "police_and_crime_commissioner"
    FIRE_AND_RESCUE = "fire_and_rescue"
    PROBATION = "probation"
    INTEGRATED_CARE_BOARD = "integrated_care_board"
    NHS_TRUST = "nhs_trust"
    PRIMARY_CARE = "primary_care"
    PUBLIC_HEALTH = "public_health"
    YOUTH_JUSTICE = "youth_justice"
    HOUSING = "housing"
    EDUCATION = "education"
    VOLUNTARY_SECTOR = "voluntary_sector"
    BUSINESS = "business"
    OTHER = "other"


class Partner(Entity):
    """An organisation in the partnership."""

    name: Text | None = None
    kind: PartnerKind | None = None
    performance_system: Text | None = None
    """The partner's own performance framework, where partnership work is embedded."""


class Responsibility(Section):
    """Who answers for something: a partner and a role, never a named person.

    ``embedded_in`` says where the responsibility lives in the partner's own
    performance system (a plan, a scorecard, a job description): the framework's
    cascade.
    """

    partner: PartnerRef | None = None
    role: Text | None = None
    embedded_in: Text | None = None


class ContributionKind(StrEnum):
    """Cash, or staff time, premises and the like given a money value."""

    CASH = "cash"
    IN_KIND = "in_kind"


class Contribution(Section):
    """Money or resources a partner puts in: cash, or in kind at a money value."""

    partner: PartnerRef
    kind: ContributionKind | None = None
    value: Money | None = None
    description: Text | None = None
