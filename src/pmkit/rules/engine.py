"""Running the selected rules over a plan and stamping what they find."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmkit.findings import Finding
from pmkit.periods import Calendar
from pmkit.rules.base import Context
from pmkit.rules.selection import Selection, select_rules

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from pmkit.model.plan import Plan
    from pmkit.plan_history.versions import PlanHistory


@dataclass(frozen=True, slots=True)
class RuleRun:
    """The findings of one run of the rules, and which rules ran."""

    findings: list[Finding]
    selection: Selection


def run_rules(
    plan: Plan,
    file: str,
    *,
    as_of: date,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    history: PlanHistory | None = None,
) -> RuleRun:
    """Run every selected rule over ``plan``; findings are not yet placed in the file.

    Rules that need the plan's history run only when ``history`` is given.
    """
    selection = select_rules(plan.settings, file, select=select, ignore=ignore)
    if history is None:
        selection.rules = [rule for rule in selection.rules if not rule.needs_history]
    calendar = Calendar(plan.partnership.year_start)
    findings = list(selection.problems)
    for rule in selection.rules:
        context = Context(plan, as_of, calendar, selection.thresholds[rule.code], history)
        severity = selection.severity[rule.code]
        findings.extend(
            Finding(rule.code, hit.message, severity, file, hit.pointer)
            for hit in rule.check(context)
        )
    return RuleRun(findings, selection)
