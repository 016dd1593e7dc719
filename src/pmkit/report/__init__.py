"""Renderers: a validation result in text, JSON and other formats.

A renderer writes one :class:`~pmkit.validate.ValidationResult` to a text
stream. The registry is a plain dict, so adding a format touches one module
and one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from pmkit.validate import ValidationResult

Renderer = Callable[["ValidationResult", TextIO], None]

FORMATS: dict[str, str] = {
    "text": "pmkit.report.text:write_text",
    "json": "pmkit.report.json_format:write_json",
    "github": "pmkit.report.github:write_github",
    "sarif": "pmkit.report.sarif:write_sarif",
    "junit": "pmkit.report.junit:write_junit",
}
"""Each format's renderer, as ``module:function``, imported only when used."""


def renderer(name: str) -> Renderer:
    """The renderer for format ``name`` (one of :data:`FORMATS`)."""
    module, _, function = FORMATS[name].partition(":")
    found: Renderer = getattr(import_module(module), function)
    return found
