"""Performance indicators: what is measured, for whom, how, and against what."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    Field,
    GetJsonSchemaHandler,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from pmkit.model.base import (
    AudienceRef,
    Entity,
    IndicatorRef,
    Money,
    Number,
    OutcomeRef,
    PartnerRef,
    PeriodLabel,
    Section,
    Text,
)
from pmkit.model.durations import Lag
from pmkit.model.partners import Responsibility
from pmkit.model.partnership import Frequency, TargetKind
from pmkit.model.shorthand import Shorthand, scalar_or
from pmkit.model.units import Unit


class Polarity(StrEnum):
    """Which way is better."""

    HIGHER = "higher"
    LOWER = "lower"


class Accumulation(StrEnum):
    """How a period's figure relates to the periods before it."""

    DISCRETE = "discrete"
    """Each period on its own: offences in the quarter."""
    YEAR_TO_DATE = "year_to_date"
    """Everything since the start of the year."""
    ROLLING_12_MONTHS = "rolling_12_months"
    """The twelve months to the end of the period."""
    SNAPSHOT = "snapshot"
    """A position at the end of the period: people on a caseload."""


class MeasureType(StrEnum):
    """Where in the chain from resources to results a measure sits."""

    INPUT = "input"
    PROCESS = "process"
    OUTPUT = "output"
    OUTCOME = "outcome"


class Focus(StrEnum):
    """Whether a measure shows what the partnership achieves or how well it works."""

    ACHIEVEMENT = "achievement"
    PARTNERSHIP_WORKING = "partnership_working"


class Collection(StrEnum):
    """Whether data come from a partner's existing system or are collected specially."""

    EXISTING_SYSTEM = "existing_system"
    BESPOKE = "bespoke"


class ComparatorKind(StrEnum):
    """Whom a figure is compared with."""

    NATIONAL = "national"
    REGIONAL = "regional"
    FAMILY_GROUP = "family_group"
    STATISTICAL_NEIGHBOURS = "statistical_neighbours"
    OTHER = "other"


class ToleranceKind(StrEnum):
    """How far off target a figure may be and still be amber."""

    ABSOLUTE = "absolute"
    PERCENT = "percent"


class Definition(Shorthand, shorthand_key="text"):
    """What exactly is counted; for a rate or percentage, its numerator and denominator."""

    text: Text | None = None
    numerator: Text | None = None
    denominator: Text | None = None
    standardised: bool | None = Field(
        default=None,
        description="True for a rate standardised for age (or another factor): its "
        "confidence interval is not the crude rate's.",
    )


_NATIONAL_ID = re.compile(r"[a-z][a-z0-9_-]{0,31}:[A-Za-z0-9][A-Za-z0-9._/-]{0,63}")


def _check_national_id(value: str) -> str:
    if not _NATIONAL_ID.fullmatch(value):
        raise PydanticCustomError(
            "national_id",
            "expected a scheme and the id the scheme gives the indicator, such as fingertips:93014",
        )
    return value


NationalId = Annotated[
    str,
    AfterValidator(_check_national_id),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": f"^{_NATIONAL_ID.pattern}$",
            "description": "The indicator's id in a national set, as scheme:id, such as "
            "fingertips:93014 (the public-health profiles' indicator id).",
        }
    ),
]
"""Where the indicator is published nationally: ``fingertips:93014``."""


class DataSource(Shorthand, shorthand_key="name"):
    """Where the figures come from, who supplies them and on what terms."""

    name: Text | None = None
    collection: Collection | None = None
    supplier: PartnerRef | None = Field(
        default=None, description="The partner that supplies the data."
    )
    verification: Text | None = Field(default=None, description="How the data are checked.")
    sharing: Text | None = Field(default=None, description="The data-sharing arrangement.")


class CostToCollect(Shorthand, shorthand_key="amount"):
    """What collecting and reporting the figure costs each year, in pounds."""

    amount: Money | None = None
    basis: Text | None = None


class Baseline(Section):
    """Where the figure started: the period, the value and where it came from."""

    period: PeriodLabel | None = None
    value: Number | None = None
    source: Text | None = None


class Target(Section):
    """The figure the partnership aims for in a period."""

    period: PeriodLabel
    value: Number
    note: Text | None = None


_TOLERANCE = re.compile(r"\s*([\d.]+)\s*%\s*")


class Tolerance(Section):
    """How far from target a figure may be and still count as amber, not red."""

    kind: ToleranceKind
    value: Number = Field(ge=0)

    @model_validator(mode="before")
    @classmethod
    def _expand(cls, data: Any) -> Any:
        if isinstance(data, str):
            percent = _TOLERANCE.fullmatch(data)
            if percent is None:
                raise PydanticCustomError(
                    "tolerance", "expected a tolerance such as 5% or {kind: absolute, value: 2}"
                )
            return {"kind": "percent", "value": percent[1]}
        if isinstance(data, int | float) and not isinstance(data, bool):
            return {"kind": "absolute", "value": data}
        return data

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        scalar = {
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": r"^\s*[\d.]+\s*%\s*$"},
            ],
            "description": "A number (absolute) or a percentage such as '5%'.",
        }
        return scalar_or(handler(core_schema), scalar)


class Comparator(Section):
    """A figure to compare with: England, the region, a family group, statistical neighbours."""

    kind: ComparatorKind
    name: Text | None = None
    value: Number | None = None
    period: PeriodLabel | None = None
    source: Text | None = None


class ActivePeriods(Section):
    """When an indicator is in use; a retired one keeps its history."""

    start: PeriodLabel | None = Field(default=None, alias="from")
    end: PeriodLabel | None = Field(default=None, alias="to")


class DefinitionChange(Section):
    """A change to how an indicator is defined, which may break its series."""

    start: PeriodLabel = Field(alias="from")
    change: Text
    back_series_revised: bool | None = None


class ExpectedRange(Section):
    """Figures outside this range are refused as likely errors when recorded."""

    min: Number | None = None
    max: Number | None = None


class Indicator(Entity):
    """A performance indicator, with everything the framework asks of it."""

    title: Text | None = None
    national_id: NationalId | None = None
    definition: Definition | None = None
    unit: Unit | None = None
    polarity: Polarity | None = None
    accumulation: Accumulation | None = None
    target_kind: TargetKind | None = None
    measure_type: MeasureType | None = None
    service_user_view: bool | None = None
    measures: Focus | None = None
    outcomes: list[OutcomeRef] = Field(default_factory=list)
    owner: Responsibility | None = None
    audience: list[AudienceRef] = Field(default_factory=list)
    decision: Text | None = Field(default=None, description="The decision the figure informs.")
    frequency: Frequency | None = None
    data_lag: Lag | None = None
    source: DataSource | None = None
    cost_to_collect: CostToCollect | None = None
    baseline: Baseline | None = None
    targets: list[Target] = Field(default_factory=list)
    tolerance: Tolerance | None = None
    comparators: list[Comparator] = Field(default_factory=list)
    in_year_proxy: IndicatorRef | None = None
    contextual_purpose: Text | None = Field(
        default=None, description="Why a figure with no target is reported."
    )
    active: ActivePeriods | None = None
    definition_changes: list[DefinitionChange] = Field(default_factory=list)
    expected_range: ExpectedRange | None = None
    notes: Text | None = None
