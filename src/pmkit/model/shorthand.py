"""Sections that may be written as a single value: ``definition: Crimes per 1,000``."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from pmkit.model.base import Section


class Shorthand(Section):
    """A section whose bare scalar form means ``{shorthand_key: value}``."""

    shorthand_key: ClassVar[str]

    def __init_subclass__(cls, *, shorthand_key: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if shorthand_key:
            cls.shorthand_key = shorthand_key

    @model_validator(mode="before")
    @classmethod
    def _expand(cls, data: Any) -> Any:
        if isinstance(data, str | int | float) and not isinstance(data, bool):
            return {cls.shorthand_key: data}
        return data

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        key_schema = handler.resolve_ref_schema(schema).get("properties", {}).get(cls.shorthand_key)
        return scalar_or(schema, dict(key_schema) if key_schema else {"type": "string"})


def scalar_or(schema: JsonSchemaValue, scalar: JsonSchemaValue) -> JsonSchemaValue:
    """A JSON Schema accepting ``scalar`` as well as the full ``schema``."""
    return {"anyOf": [scalar, schema]}
