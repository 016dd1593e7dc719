"""Every finding code as one list: the fixed checks of :mod:`pmkit.codes`, then the rules.

:func:`registry` joins the two into :class:`CodeEntry` records, which ``pmkit
rules``, ``pmkit explain``, the rules reference, SARIF and JUnit all read;
:func:`lookup` finds one by code or name, and :func:`in_group` says whether a
selector picks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from pmkit.codes import FIXED_CHECKS, CheckGroup, FixedCheck
from pmkit.findings import Severity

if TYPE_CHECKING:
    from pmkit.rules.base import Rule


@dataclass(frozen=True, slots=True)
class CodeEntry:
    """One finding code as every report describes it, whichever kind of check it is.

    ``group`` is the criterion a rule is filed under (``timely``) or the kind
    of fixed check (``structure``); ``criteria`` lists the headings of every
    criterion a rule serves. ``rule`` is the framework rule itself, with its
    examples and thresholds, or ``None`` for a check that cannot be switched
    off.
    """

    code: str
    name: str
    group: str
    heading: str
    criteria: tuple[str, ...]
    severity: Severity
    summary: str
    explanation: str
    rule: Rule | None = None

    @property
    def switchable(self) -> bool:
        """Whether the plan's settings may switch it off or change its severity."""
        return self.rule is not None

    @property
    def prefix(self) -> str:
        """The three letters its code starts with."""
        return self.code[:3]


def _fixed_entry(check: FixedCheck) -> CodeEntry:
    return CodeEntry(
        code=check.code,
        name=check.name,
        group=check.group.value,
        heading=check.group.heading,
        criteria=(),
        severity=Severity.ERROR,
        summary=check.summary,
        explanation=check.explanation,
    )


def _rule_entry(rule: Rule) -> CodeEntry:
    return CodeEntry(
        code=rule.code,
        name=rule.name,
        group=rule.group.value,
        heading=rule.group.heading,
        criteria=tuple(criterion.heading for criterion in rule.criteria),
        severity=rule.severity,
        summary=rule.summary,
        explanation=rule.rationale,
        rule=rule,
    )


@cache
def registry() -> tuple[CodeEntry, ...]:
    """Every code pmkit can report: reading, structure and monitoring first, then the rules."""
    from pmkit.rules.catalogue import catalogue

    order = list(CheckGroup)
    fixed = sorted(FIXED_CHECKS.values(), key=lambda check: (order.index(check.group), check.code))
    return (*map(_fixed_entry, fixed), *map(_rule_entry, catalogue()))


def lookup(code_or_name: str) -> CodeEntry | None:
    """The entry for a code (``STR003``, any case) or a readable name (``unknown-key``)."""
    wanted = code_or_name.strip()
    for entry in registry():
        if wanted.upper() == entry.code or wanted.lower() == entry.name:
            return entry
    return None


def in_group(selector: str, entry: CodeEntry) -> bool:
    """Whether ``selector`` (a group such as ``timely`` or ``structure``, or a prefix) picks it."""
    text = selector.strip()
    if not text:
        return False
    if entry.rule is not None:
        from pmkit.rules.catalogue import matches

        return matches(text, entry.rule)
    if text.lower() in (entry.group, entry.name):
        return True
    return entry.code.startswith(text.upper())
