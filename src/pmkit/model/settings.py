"""Settings kept in the plan itself: rules, severities, thresholds, and the review's scheme."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from pmkit.findings import Severity
from pmkit.limits import MAX_CELL_CHARS, MAX_RETURN_ROWS, MAX_WORKBOOK_BYTES
from pmkit.model.base import Number, Section, Text, WholeNumber
from pmkit.model.durations import Lag


class RagScheme(Section):
    """When a figure short of its target is amber rather than red.

    By default a figure within the indicator's tolerance of its target is
    amber. A partnership may also count as amber a figure that misses but is
    better than the same period last year.
    """

    within_tolerance: bool = True
    better_than_last_year: bool = False


class ReturnBounds(Section):
    """How large a partner's return pmkit reads; larger ones are refused unread.

    The defaults are far beyond any real return; the caps are what Excel
    itself allows.
    """

    rows: WholeNumber = Field(
        default=MAX_RETURN_ROWS,
        ge=1,
        le=1_048_576,
        description="The most rows with anything in them a return may have.",
    )
    cell_characters: WholeNumber = Field(
        default=MAX_CELL_CHARS,
        ge=1,
        le=32_767,
        description="The longest text one cell of a return may hold.",
    )
    workbook_mb: WholeNumber = Field(
        default=MAX_WORKBOOK_BYTES // 1024 // 1024,
        ge=1,
        le=500,
        description="The most an Excel return may unpack to, in MB (a zip bomb is refused).",
    )


CONFIDENCE_LEVELS = (Decimal(95), Decimal("99.8"))
"""The confidence levels the public-health profiles publish, in percent."""


class StatisticsSettings(Section):
    """How the review shows the uncertainty in a figure: its interval and small numbers.

    The profiles publish 95% and 99.8% intervals; 95% is their default. A
    figure whose count of events is below ``unreliable_below`` is flagged
    *small numbers: unreliable*: the profiles do not publish a directly
    standardised rate from fewer than 10 events, which is also where their
    crude-rate interval changes to the exact method (ONS, stricter, marks
    rates from fewer than 20 deaths unreliable; a plan may follow it).
    """

    confidence: Number = Field(
        default=Decimal(95),
        description="The confidence level of the intervals shown, in percent: 95 or 99.8.",
        json_schema_extra={"enum": [95, 99.8]},
    )
    unreliable_below: WholeNumber = Field(
        default=10,
        ge=1,
        description=(
            "A figure from fewer events than this (its numerator) is flagged as small "
            "numbers, unreliable; and so is a baseline when a target is judged against it."
        ),
    )

    @field_validator("confidence")
    @classmethod
    def _level(cls, value: Decimal) -> Decimal:
        if value not in CONFIDENCE_LEVELS:
            raise PydanticCustomError(
                "confidence", "the confidence level is 95 or 99.8 (percent), as the profiles use"
            )
        return value

    @property
    def level(self) -> float:
        """The confidence level as a fraction: 0.95 or 0.998."""
        return float(self.confidence) / 100


class SpcSettings(Section):
    """How the review reads a series as a statistical process control (XmR) chart."""

    minimum_points: WholeNumber = Field(
        default=12,
        ge=2,
        description=(
            "Points since the latest break before the chart's limits are more than trial "
            "limits and its variation and assurance are judged (default 12, as NHSRplotthedots)."
        ),
    )


class Settings(Section):
    """Rule selection and thresholds, the review's RAG scheme, and small-number suppression."""

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    thresholds: dict[str, Number] = Field(default_factory=dict)
    rag: RagScheme = Field(default_factory=RagScheme)
    return_deadline: Lag | None = Field(
        default=None,
        description=(
            "How long after a quarter ends partners' returns are due (default '1 month'); a "
            "return asks for every figure that falls due by then and after the last one."
        ),
    )
    return_contact: Text | None = Field(
        default=None,
        description=(
            "Whom partners ask about their return: a name with an email address or phone "
            "number. Shown on the return's Instructions sheet."
        ),
    )
    plausibility_ratio: Number = Field(
        default=Decimal(5),
        gt=1,
        description=(
            "A figure more than this many times (or less than this fraction of) the figure "
            "before it, its target or its baseline is queried as a likely error when recorded."
        ),
    )
    suppress_below: WholeNumber | None = Field(
        default=None,
        ge=1,
        description="In reviews, counts below this are shown as '<N' so no one can be identified.",
    )
    returns: ReturnBounds = Field(default_factory=ReturnBounds)
    statistics: StatisticsSettings = Field(default_factory=StatisticsSettings)
    spc: SpcSettings = Field(default_factory=SpcSettings)
