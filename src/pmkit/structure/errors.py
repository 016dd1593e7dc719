"""Pydantic's validation errors, said in the plan's own words.

Each error becomes a finding with a structural code, the pointer to the
offending key, and a message that says what was expected and what was found.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from pmkit.codes import MALFORMED_PERIOD, MISSING_KEY, UNKNOWN_KEY, WRONG_VALUE
from pmkit.findings import Finding, Pointer, Severity

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails


_EXPECTED = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list (lines starting with '- ')",
    "dict_type": "expected a mapping of keys to values",
    "model_type": "expected a mapping of keys to values",
    "model_attributes_type": "expected a mapping of keys to values",
    "date_type": "expected a date written as YYYY-MM-DD",
    "date_parsing": "expected a date written as YYYY-MM-DD",
    "date_from_datetime_parsing": "expected a date written as YYYY-MM-DD",
    "date_from_datetime_inexact": "expected a date without a time",
    "decimal_type": "expected a number",
    "decimal_parsing": "expected a number",
    "string_too_short": "is empty: write something or leave the key out",
    "string_too_long": "is too long",
}


def error_finding(error: ErrorDetails, file: str, root: type[BaseModel]) -> Finding:
    """One Pydantic error as a structural finding."""
    pointer: Pointer = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return Finding(UNKNOWN_KEY, _unknown_key(pointer, root), Severity.ERROR, file, pointer)
    if kind == "missing":
        return Finding(
            MISSING_KEY,
            f"'{pointer[-1]}' is required here",
            Severity.ERROR,
            file,
            pointer,
        )
    if kind == "period":
        return Finding(MALFORMED_PERIOD, error["msg"], Severity.ERROR, file, pointer)
    return Finding(WRONG_VALUE, _wrong_value(error), Severity.ERROR, file, pointer)


def _wrong_value(error: ErrorDetails) -> str:
    kind = error["type"]
    field = next((str(part) for part in reversed(error["loc"]) if isinstance(part, str)), "value")
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        said = f"expected one of {expected}"
    elif kind in _EXPECTED:
        said = _EXPECTED[kind]
    else:
        said = error["msg"][0].lower() + error["msg"][1:]
        said = said.removeprefix("value error, ")
    found = _describe(error.get("input"))
    if kind not in _EXPECTED and kind != "enum" and isinstance(error.get("input"), list | dict):
        found = ""  # a validator's own message about a whole list or mapping says it all
    if kind in ("string_too_short", "string_too_long"):
        return f"'{field}' {said}"
    return f"'{field}': {said}{found}"


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return ", not a mapping"
    if isinstance(value, list):
        return ", not a list"
    if value is None:
        return ", but it is empty"
    if isinstance(value, bool):
        return f", not {str(value).lower()}"
    if isinstance(value, int) and value.bit_length() > 128:
        # repr() of a huge int is slow, and past 4,300 digits a ValueError.
        return ", not a number that long"
    if isinstance(value, str | int | float):
        text = repr(value) if not isinstance(value, str) else repr(value[:60])
        return f", not {text[:40] + '…' if len(text) > 40 else text}"
    return ""


def _unknown_key(pointer: Pointer, root: type[BaseModel]) -> str:
    key = str(pointer[-1])
    model = model_at(root, pointer[:-1])
    if model is None:
        return f"unknown key '{key}'"
    allowed = [field.alias or name for name, field in model.model_fields.items()]
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f": did you mean '{close[0]}'?" if close else f" (allowed: {', '.join(allowed)})"
    return f"unknown key '{key}'{hint}"


def model_at(root: type[BaseModel], pointer: Pointer) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``pointer``, if any."""
    current: Any = root
    for part in pointer:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if not _is_model(current):
            return None
        fields = {field.alias or name: field for name, field in current.model_fields.items()}
        if part not in fields:
            return None
        current = fields[part].annotation
    current = _unwrap(current)
    return current if _is_model(current) else None


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _unwrap(annotation: Any) -> Any:
    """Strip ``Optional``, ``list[...]`` and ``Annotated`` down to the model inside."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated or origin in (list, tuple):
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            models = [
                arg for arg in options if isinstance(arg, type) and issubclass(arg, BaseModel)
            ]
            annotation = models[0] if models else options[0]
        else:
            return annotation
