"""Building blocks shared by every part of the plan model.

The model checks types, ids and references. Whether a framework element is
there at all (an owner, a tolerance, a baseline) is a rule's business, so
almost every field is optional and a missing one becomes a rule finding.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from pmkit.numbers import NUMBER_PATTERN
from pmkit.periods import Calendar, Period, PeriodError, PeriodKind

__all__ = [
    "AudienceRef",
    "Entity",
    "Id",
    "IndicatorRef",
    "Money",
    "Number",
    "OutcomeRef",
    "PartnerRef",
    "PeriodLabel",
    "PositiveWholeNumber",
    "PriorityRef",
    "RefTo",
    "Section",
    "Text",
    "WholeNumber",
    "YearLabel",
]


class Section(BaseModel):
    """A part of the plan: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=False,
        str_strip_whitespace=True,
        use_enum_values=False,
        regex_engine="python-re",
    )


_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 ._/&()+-]{0,62}[A-Za-z0-9)])?")


def _check_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise PydanticCustomError(
            "id",
            "an id is 1 to 64 letters, digits, spaces and . _ / & ( ) + - "
            "starting and ending with a letter or digit, such as CS-01 or PHOF C27",
        )
    return value


def _id_from_number(value: Any) -> Any:
    # "NI 16" is text, but "16" written bare is read as a number: accept it.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


Id = Annotated[
    str,
    BeforeValidator(_id_from_number),
    AfterValidator(_check_id),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": f"^{_ID.pattern}$"},
                {"type": "integer", "minimum": 0},
            ],
            "description": "A stable, human-chosen id that other parts of the plan refer to.",
        }
    ),
]
"""A stable, human-chosen id: ``CS-01``, ``NI 16``, ``police``."""


@dataclass(frozen=True, slots=True)
class RefTo:
    """Marks a field as holding the id of another entity, checked after loading."""

    collection: str


def _ref_schema(collection: str) -> WithJsonSchema:
    return WithJsonSchema(
        {"type": ["string", "integer"], "description": f"The id of one of the {collection}."}
    )


PartnerRef = Annotated[
    str, BeforeValidator(_id_from_number), RefTo("partners"), _ref_schema("partners")
]
OutcomeRef = Annotated[
    str, BeforeValidator(_id_from_number), RefTo("outcomes"), _ref_schema("outcomes")
]
PriorityRef = Annotated[
    str, BeforeValidator(_id_from_number), RefTo("priorities"), _ref_schema("priorities")
]
IndicatorRef = Annotated[
    str, BeforeValidator(_id_from_number), RefTo("indicators"), _ref_schema("indicators")
]
AudienceRef = Annotated[
    str, BeforeValidator(_id_from_number), RefTo("audiences"), _ref_schema("audiences")
]


def _not_bool(value: Any) -> Any:
    # Pydantic reads true as 1 and false as 0; in a plan that is always a slip.
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "expected a whole number, not true or false")
    return value


WholeNumber = Annotated[int, BeforeValidator(_not_bool)]
"""A whole number: a count, a rank, a version. ``true`` and ``false`` are not numbers."""

PositiveWholeNumber = Annotated[int, Field(ge=1), BeforeValidator(_not_bool)]
"""A whole number from 1 up (the bound comes first so that the schema shows it)."""


Text = Annotated[str, Field(min_length=1, max_length=20_000)]
"""Free text written by a person. Empty text counts as missing."""


def _exact_number(value: Any) -> Any:
    """Numbers are kept exact: 0.1 stays 0.1, never 0.1000000000000000055."""
    if isinstance(value, bool):
        raise PydanticCustomError("number", "expected a number, not true or false")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise PydanticCustomError("number", "expected a finite number")
        return Decimal(repr(value))
    if isinstance(value, str):
        from pmkit.numbers import NumberError, read_number

        try:
            read = read_number(value)
        except NumberError as error:
            why = str(error)
            if why.endswith(" is not a number") or why.startswith("the value is empty"):
                why = "expected a number, such as 23.4"  # the value itself is quoted after it
            raise PydanticCustomError("number", "{why}", {"why": why}) from None
        if read.percent:
            raise PydanticCustomError("number", "write the number without the % sign, such as 23.4")
        return read.value
    return value


_NUMBER_SCHEMA = {"anyOf": [{"type": "number"}, {"type": "string", "pattern": NUMBER_PATTERN}]}

Number = Annotated[Decimal, BeforeValidator(_exact_number), WithJsonSchema(_NUMBER_SCHEMA)]
"""An exact number: a figure, a target, a baseline."""

Money = Annotated[
    Decimal,
    BeforeValidator(_exact_number),
    Field(ge=0),
    WithJsonSchema(
        {**_NUMBER_SCHEMA, "description": "Pounds sterling, e.g. 250000 or '£250,000'."}
    ),
]
"""An amount in pounds: ``250000`` or ``'£250,000'``."""


def _period(value: Any, info: ValidationInfo) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PydanticCustomError("period", "expected a period such as 2026/27 or 2026/27 Q2")
    context = info.context or {}
    calendar = context.get("calendar") or Calendar()
    try:
        return calendar.parse(str(value))
    except PeriodError as error:
        raise PydanticCustomError("period", str(error)) from None


def _year_only(value: Period) -> Period:
    if value.kind is not PeriodKind.YEAR:
        raise PydanticCustomError(
            "period", f"expected a whole year such as {value.year.label}, not {value.label}"
        )
    return value


_PERIOD_SCHEMA = {
    "type": ["string", "integer"],
    "pattern": r"^\d{4}(\s?[/-]\s?\d{2,4})?([\s-]?[Qq][1-4])?$",
    "description": "A year (2026/27, or 2026 for calendar years), a quarter (2026/27 Q2) "
    "or a month (2026-08).",
}

PeriodLabel = Annotated[
    Period,
    PlainValidator(_period),
    PlainSerializer(lambda period: period.label, return_type=str),
    WithJsonSchema(_PERIOD_SCHEMA),
]
"""A year, quarter or month, read in the partnership's own calendar."""

YearLabel = Annotated[
    Period,
    PlainValidator(_period),
    AfterValidator(_year_only),
    PlainSerializer(lambda period: period.label, return_type=str),
    WithJsonSchema({**_PERIOD_SCHEMA, "description": "A whole year: 2026/27 (or 2026)."}),
]
"""A whole reporting year."""


class Entity(Section):
    """Anything with a stable id that the rest of the plan can refer to."""

    id: Id
