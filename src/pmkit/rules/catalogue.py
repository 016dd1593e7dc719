"""The one catalogue of rules: every module under :mod:`pmkit.rules.checks`, found at run time.

Adding a rule touches one module there and one case file in the tests; no
list elsewhere needs to know.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from pmkit.rules.base import Criterion, Rule


@cache
def catalogue() -> tuple[Rule, ...]:
    """Every rule, in the framework's order of criteria, then by code."""
    from pmkit.rules import checks

    found: list[Rule] = []
    for module_info in pkgutil.walk_packages(checks.__path__, prefix=f"{checks.__name__}."):
        module = importlib.import_module(module_info.name)
        found.extend(value for value in vars(module).values() if isinstance(value, Rule))
    order = list(Criterion)
    return tuple(sorted(found, key=lambda rule: (order.index(rule.group), rule.code)))


def by_code(code: str) -> Rule | None:
    """The rule with ``code`` (or readable name), if there is one."""
    wanted = code.strip()
    for rule in catalogue():
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            return rule
    return None


def matches(selector: str, rule: Rule) -> bool:
    """Whether ``selector`` (a code, code prefix, rule name or group) picks ``rule``."""
    text = selector.strip()
    if not text:
        return False
    if text.lower() == rule.name or text.lower().replace(" ", "_") == rule.group.value:
        return True
    return rule.code.startswith(text.upper())


def specificity(selector: str) -> int:
    """How narrowly a selector picks rules: a group or prefix 0-1, a whole code or name 2."""
    text = selector.strip()
    if by_code(text) is not None:
        return 2
    if text.lower().replace(" ", "_") in Criterion.__members__.values():
        return 0
    return 1 if len(text) > 3 else 0
