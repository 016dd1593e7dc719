"""The plan model (Pydantic): types, ids and references; presence is for the rules."""

from __future__ import annotations

from pmkit.model.plan import FORMAT_VERSION, Plan

__all__ = ["FORMAT_VERSION", "Plan"]
