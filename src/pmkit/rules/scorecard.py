"""The scorecard: for each criterion, how many of its rules the plan passes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmkit.rules.base import Criterion

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pmkit.findings import Finding
    from pmkit.rules.base import Rule


@dataclass(frozen=True, slots=True)
class CriterionScore:
    """One line of the scorecard."""

    criterion: Criterion
    rules: int
    passed: int
    findings: int

    @property
    def met(self) -> bool:
        """Whether every rule serving this criterion passes."""
        return self.passed == self.rules


def scorecard(rules: Iterable[Rule], findings: Iterable[Finding]) -> list[CriterionScore]:
    """Score each criterion; a rule serving two criteria counts under both."""
    per_rule: dict[str, int] = {}
    for finding in findings:
        per_rule[finding.code] = per_rule.get(finding.code, 0) + 1
    ran = list(rules)
    scores = []
    for criterion in Criterion:
        serving = [rule for rule in ran if criterion in rule.criteria]
        if not serving:
            continue
        failing = [rule for rule in serving if per_rule.get(rule.code)]
        scores.append(
            CriterionScore(
                criterion,
                rules=len(serving),
                passed=len(serving) - len(failing),
                findings=sum(per_rule[rule.code] for rule in failing),
            )
        )
    return scores
