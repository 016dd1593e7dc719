"""Lengths of time written as people write them: ``6 weeks``, ``3 months``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

_DAYS_PER = {"day": 1.0, "week": 7.0, "month": 30.4375, "year": 365.25}
_LAG = re.compile(r"(\d+(?:\.\d+)?)\s*(day|week|month|year)s?", re.IGNORECASE | re.ASCII)


@dataclass(frozen=True, slots=True)
class Duration:
    """An amount of days, weeks, months or years."""

    amount: float
    unit: str

    @property
    def days(self) -> float:
        """The length in days (a month is 30.4 days on average)."""
        return self.amount * _DAYS_PER[self.unit]

    @property
    def months(self) -> float:
        """The length in months."""
        return self.days / _DAYS_PER["month"]

    def __str__(self) -> str:
        amount = int(self.amount) if self.amount == int(self.amount) else self.amount
        return f"{amount} {self.unit}{'' if amount == 1 else 's'}"


def _parse(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    if isinstance(value, str):
        found = _LAG.fullmatch(value.strip())
        if found is not None:
            return Duration(float(found[1]), found[2].lower())
    raise PydanticCustomError(
        "duration", "expected a length of time such as '6 weeks', '3 months' or '1 year'"
    )


Lag = Annotated[
    Duration,
    PlainValidator(_parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\s*\d+(\.\d+)?\s*([Dd]ay|[Ww]eek|[Mm]onth|[Yy]ear)s?\s*$",
            "description": "How long after a period ends its figure is available: '6 weeks'.",
        }
    ),
]
"""How long after a period ends its figure is available."""
