"""Performance indicators: what is measured, for whom, how, and against what."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    Field,
    GetJsonSchemaHandler,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
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
from pmkit.model.series import ActivePeriods, DefinitionChange, ProcessChange, check_process_changes
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
    denominator_fixed: bool | None = Field(
        default=None,
        description=(
            "Whether the denominator stays the same all year (a resident population), so a "
            "rate builds up through the year like a count. A year-to-date rate is taken to "
            "be over a fixed population unless this says false."
        ),
    )
    standardised: bool | None = Field(
        default=None,
        description="True for a rate standardised for age (or another factor): its "
        "confidence interval is not the crude rate's.",
    )


class QuarterFigure(StrEnum):
    """How a quarter's figure is made from an indicator's monthly figures."""

    LATEST = "latest"
    """The quarter's last month: year to date, rolling twelve months, snapshots."""
    MEAN = "mean"
    """The average of the quarter's months: percentages, rates, averages."""
    SUM = "sum"
    """The months added up: counts and money in the month."""


class Profile(StrEnum):
    """How an annual target is shared out through the year, when no period has its own target."""

    EVEN = "even"
    """Each month carries the same share."""
    LAST_YEAR = "last_year"
    """The year follows the shape of last year's figures."""


class CompareWith(StrEnum):
    """What a figure's direction of travel is judged against."""

    PREVIOUS = "previous"
    """The period before: for figures with no seasonal pattern."""
    LAST_YEAR = "last_year"
    """The same period last year: for seasonal and year-to-date figures."""


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
    numerator: Number | None = Field(
        default=None,
        ge=0,
        description="For a rate or percentage: the events counted (gives the baseline's interval).",
    )
    denominator: Number | None = Field(
        default=None,
        gt=0,
        description="For a rate or percentage: the people (or population) the events are out of.",
    )


class Target(Section):
    """The figure the partnership aims for in a period, or a range it aims to stay within."""

    period: PeriodLabel
    value: Number | None = None
    low: Number | None = Field(
        default=None, description="For a target range: the lowest figure that is on target."
    )
    high: Number | None = Field(
        default=None, description="For a target range: the highest figure that is on target."
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _value_or_range(self) -> Target:
        ranged = self.low is not None or self.high is not None
        if self.value is None and not ranged:
            raise PydanticCustomError(
                "target", "a target needs a value, or a range given as low and high"
            )
        if self.value is not None and ranged:
            raise PydanticCustomError(
                "target", "a target is a value or a range (low and high), not both"
            )
        if ranged and (self.low is None or self.high is None):
            raise PydanticCustomError("target", "a target range needs both low and high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise PydanticCustomError("target", "the target range's low is above its high")
        return self

    @property
    def values(self) -> tuple[Decimal, ...]:
        """The figures the target names: its value, or the two ends of its range."""
        return tuple(v for v in (self.value, self.low, self.high) if v is not None)


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
    published_period: Text | None = Field(
        default=None,
        description="The period as the publisher labels it, when it is not one of the plan's "
        "own periods (pooled years such as '2021 - 23', or a calendar year in a plan that "
        "reports on financial years); 'period' is then the plan's year in which it ends.",
    )
    source: Text | None = None


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
    profile: Profile | list[Number] | None = Field(
        default=None,
        description=(
            "How the annual target is shared out through the year: even (the default), "
            "last_year (the shape of last year's figures), or each quarter's (or month's) "
            "share in percent, summing to 100."
        ),
    )
    quarter_figure: QuarterFigure | None = Field(
        default=None,
        description="For a monthly indicator: how the quarter's figure is made from its months.",
    )
    compare_with: CompareWith | None = Field(
        default=None,
        description="What the direction of travel compares with (default: by accumulation).",
    )
    tolerance: Tolerance | None = None
    comparators: list[Comparator] = Field(default_factory=list)
    in_year_proxy: IndicatorRef | None = None
    contextual_purpose: Text | None = Field(
        default=None, description="Why a figure with no target is reported."
    )
    active: ActivePeriods | None = None
    definition_changes: list[DefinitionChange] = Field(default_factory=list)
    process_changes: list[ProcessChange] = Field(
        default_factory=list,
        description="Changes in how the service works that are not changes of definition "
        "(a new service model, a re-based baseline): the control chart's limits start afresh.",
    )
    expected_range: ExpectedRange | None = None
    notes: Text | None = None

    @field_validator("process_changes")
    @classmethod
    def _process_changes(
        cls, changes: list[ProcessChange], info: ValidationInfo
    ) -> list[ProcessChange]:
        return check_process_changes(changes, info.data.get("frequency"), info.data.get("active"))

    @field_validator("profile")
    @classmethod
    def _shares(cls, profile: Profile | list[Decimal] | None) -> Profile | list[Decimal] | None:
        if not isinstance(profile, list):
            return profile
        if len(profile) not in (4, 12):
            raise PydanticCustomError(
                "profile",
                "a profile gives each quarter's share (4 numbers) or each month's (12), "
                "in percent; got {count}",
                {"count": len(profile)},
            )
        if any(share < 0 for share in profile):
            raise PydanticCustomError("profile", "a profile's shares cannot be negative")
        total = sum(profile, Decimal(0))
        if total != 100:
            raise PydanticCustomError(
                "profile",
                "a profile's shares must add up to 100 (percent); these add up to {total}",
                {"total": format(total.normalize(), "f")},
            )
        return profile
