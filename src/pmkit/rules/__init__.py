"""The framework rule catalogue: one small module per rule, in :mod:`pmkit.rules.checks`."""

from __future__ import annotations

from pmkit.rules.base import Context, Criterion, Hit, Rule, rule
from pmkit.rules.catalogue import by_code, catalogue

__all__ = ["Context", "Criterion", "Hit", "Rule", "by_code", "catalogue", "rule"]
