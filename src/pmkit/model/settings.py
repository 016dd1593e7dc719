"""Settings kept in the plan itself: which rules run, how severe, with what thresholds."""

from __future__ import annotations

from pydantic import Field

from pmkit.findings import Severity
from pmkit.model.base import Number, Section


class Settings(Section):
    """Rule selection and thresholds. Codes, prefixes and groups are checked by the rules."""

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    thresholds: dict[str, Number] = Field(default_factory=dict)
