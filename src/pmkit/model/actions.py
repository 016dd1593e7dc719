"""Action plans, with the nine elements the framework asks of each."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from pmkit.model.base import (
    Entity,
    IndicatorRef,
    OutcomeRef,
    PartnerRef,
    PriorityRef,
    Section,
    Text,
    YearLabel,
)
from pmkit.model.partners import Contribution, Responsibility


class Milestone(Section):
    """A dated step on the way."""

    title: Text
    due: date


class Timescales(Section):
    """When the action starts and ends, and its milestones."""

    start: date | None = None
    end: date | None = None
    milestones: list[Milestone] = Field(default_factory=list)


class ActionResource(Contribution):
    """Resources allocated to an action, and from whom."""

    year: YearLabel | None = None


class Monitoring(Section):
    """How the action is monitored and evaluated."""

    indicators: list[IndicatorRef] = Field(default_factory=list)
    evaluation: Text | None = None


class Action(Entity):
    """An action plan entry. Its fields follow the framework's nine elements, in order.

    1 description; 2 the aim or objective (``objective``, and the priorities
    and outcomes it serves); 3 the current situation (``baseline``); 4
    ``outputs``; 5 ``expected_outcomes``; 6 ``timescales``; 7 the ``lead``
    partner, others ``involved`` and how they ``communicate``; 8 the
    ``resources`` allocated and from whom; 9 how it is ``monitoring``-ed and
    evaluated.
    """

    title: Text | None = None
    description: Text | None = None
    objective: Text | None = None
    priorities: list[PriorityRef] = Field(default_factory=list)
    outcomes: list[OutcomeRef] = Field(default_factory=list)
    baseline: Text | None = None
    outputs: list[Text] = Field(default_factory=list)
    expected_outcomes: list[Text] = Field(default_factory=list)
    timescales: Timescales | None = None
    lead: Responsibility | None = None
    involved: list[PartnerRef] = Field(default_factory=list)
    communication: Text | None = None
    resources: list[ActionResource] = Field(default_factory=list)
    monitoring: Monitoring | None = None
