"""Units of measure: a closed list, each with the values it can hold."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from pmkit.model.base import Number, PositiveWholeNumber, Section
from pmkit.model.shorthand import scalar_or


class UnitKind(StrEnum):
    """What a figure counts or measures."""

    COUNT = "count"
    PERCENTAGE = "percentage"
    RATE = "rate"
    MONEY = "money"
    DAYS = "days"
    YEARS = "years"
    RATIO = "ratio"
    SCORE = "score"
    INDEX = "index"


_SHORTHAND = re.compile(r"rate\s+per\s+(\S+)", re.IGNORECASE)


class Unit(Section):
    """A unit, with its bounds: ``percentage``, ``rate per 100,000``, ``{kind: score, max: 10}``."""

    kind: UnitKind
    per: PositiveWholeNumber | None = Field(default=None, description="For a rate: per how many.")
    min: Number | None = None
    max: Number | None = None

    @model_validator(mode="before")
    @classmethod
    def _expand(cls, data: Any) -> Any:
        if not isinstance(data, str):
            return data
        text = " ".join(data.split()).lower()
        rate = _SHORTHAND.fullmatch(text)
        if rate is not None:
            return {"kind": "rate", "per": _per(rate[1])}
        if text in {"%", "percent"}:
            return {"kind": "percentage"}
        if text in {"£", "pounds", "gbp"}:
            return {"kind": "money"}
        if text in UnitKind.__members__.values():
            return {"kind": text}
        raise PydanticCustomError(
            "unit",
            "expected a unit: count, percentage, rate per N (e.g. 'rate per 100,000'), "
            "money, days, years, ratio, score or index",
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        scalar = {
            "type": "string",
            "description": "count, percentage, 'rate per 100,000', money, days, years, "
            "ratio, score or index",
        }
        return scalar_or(handler(core_schema), scalar)

    @model_validator(mode="after")
    def _check(self) -> Unit:
        if self.kind is UnitKind.RATE and self.per is None:
            raise PydanticCustomError("unit", "a rate needs 'per': write 'rate per 1,000'")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise PydanticCustomError("unit", "the unit's min is above its max")
        return self

    @property
    def bounds(self) -> tuple[Decimal | None, Decimal | None]:
        """The lowest and highest values a figure in this unit can take."""
        low, high = _NATURAL.get(self.kind, (None, None))
        return (
            self.min if self.min is not None else low,
            self.max if self.max is not None else high,
        )

    @property
    def whole_numbers(self) -> bool:
        """Whether figures must be whole numbers (counts)."""
        return self.kind is UnitKind.COUNT

    def problem_with(self, value: Decimal) -> str | None:
        """Why ``value`` cannot be a figure in this unit, or ``None`` if it can."""
        low, high = self.bounds
        if self.whole_numbers and value != value.to_integral_value():
            return f"{value} is not a whole number, and a count must be"
        if low is not None and value < low:
            return f"{value} is below {low}, the lowest a {self.label} can be"
        if high is not None and value > high:
            return f"{value} is above {high}, the highest a {self.label} can be"
        return None

    @property
    def label(self) -> str:
        """How the unit reads in a sentence: ``rate per 100,000``."""
        if self.kind is UnitKind.RATE:
            return f"rate per {self.per:,}"
        return self.kind.value


_ZERO = Decimal(0)
_NATURAL: dict[UnitKind, tuple[Decimal | None, Decimal | None]] = {
    UnitKind.COUNT: (_ZERO, None),
    UnitKind.PERCENTAGE: (_ZERO, Decimal(100)),
    UnitKind.RATE: (_ZERO, None),
    UnitKind.MONEY: (None, None),
    UnitKind.DAYS: (_ZERO, None),
    UnitKind.YEARS: (_ZERO, None),
    UnitKind.RATIO: (_ZERO, None),
}


def _per(text: str) -> int | Decimal:
    """The base of a rate ("rate per 1,000"), read by the one number reader."""
    from pmkit.numbers import NumberError, parse_number

    try:
        value = parse_number(text)
    except NumberError as error:
        raise PydanticCustomError("unit", "{why}", {"why": str(error)}) from None
    return int(value) if value == value.to_integral_value() else value
