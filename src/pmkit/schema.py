"""The plan's JSON Schema, generated from the model so the two cannot drift."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "https://pmkit.invalid/schemas/plan.schema.json"


def plan_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan file."""
    from pmkit.model import Plan

    schema = Plan.model_json_schema(by_alias=True, mode="validation")
    _tidy(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "pmkit partnership performance-management plan",
    }


def plan_schema_text() -> str:
    """The schema as stable, indented JSON text ending in a newline."""
    return json.dumps(plan_schema(), indent=2, ensure_ascii=False) + "\n"


def _tidy(node: Any) -> None:
    """Drop the per-field ``title`` Pydantic adds: the field names already say it."""
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            for value in properties.values():
                if isinstance(value, dict):
                    value.pop("title", None)
        for value in node.values():
            _tidy(value)
    elif isinstance(node, list):
        for value in node:
            _tidy(value)
