"""Structural checks: the plan's shape, ids and references. These cannot be switched off.

Codes: ``STR001`` not a plan at all, ``STR002`` unknown key, ``STR003`` wrong
type or value, ``STR004`` missing required key, ``STR005`` duplicate id,
``STR006`` dangling reference, ``STR007`` malformed period, ``STR008``
unsupported format version.
"""

from __future__ import annotations

from pmkit.structure.check import StructureResult, check_structure

__all__ = ["StructureResult", "check_structure"]
