"""The committed JSON Schema: current, valid, and true of the plans we ship."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from pmkit.load.reader import parse_yaml
from pmkit.schema import plan_schema_text

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "schemas" / "plan.schema.json"
REGENERATE = "run `uv run pmkit schema -o schemas/plan.schema.json`"


def schema_errors(plan_text: str) -> list[str]:
    """Each way the plan breaks the committed schema, as ``where: what``."""
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    data: Any = parse_yaml(plan_text)
    return [
        f"{'.'.join(str(part) for part in error.absolute_path) or '(top)'}: {error.message}"
        for error in validator.iter_errors(data)
    ]


def test_the_committed_schema_is_up_to_date() -> None:
    committed = COMMITTED.read_text(encoding="utf-8")

    assert committed == plan_schema_text(), f"schemas/plan.schema.json is out of date: {REGENERATE}"


def test_the_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))

    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert {"format_version", "partnership"} <= set(schema["required"])


def test_the_starter_plan_matches_the_schema(starter_plan_text: str) -> None:
    assert schema_errors(starter_plan_text) == []


def test_the_schema_catches_a_misspelt_key(starter_plan_text: str) -> None:
    text = starter_plan_text.replace(
        "    title: Neighbourhood crime", "    titel: Neighbourhood crime"
    )

    errors = schema_errors(text)

    assert len(errors) == 1
    assert errors[0].startswith("indicators.0: ")
    assert "'titel'" in errors[0]


def test_every_example_plan_matches_the_schema() -> None:
    examples = sorted(ROOT.glob("examples/*/plan.yaml"))
    if not examples:
        pytest.skip("no examples/*/plan.yaml yet")

    failures = {
        str(path.relative_to(ROOT)): errors
        for path in examples
        if (errors := schema_errors(path.read_text(encoding="utf-8")))
    }

    assert failures == {}
