"""Inline suppressions: ``# pmkit: ignore[CODE]`` silences that rule on that line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pmkit.codes import UNKNOWN_SELECTOR
from pmkit.findings import Finding, Severity
from pmkit.rules.catalogue import catalogue, matches

if TYPE_CHECKING:
    from collections.abc import Iterable

_IGNORE = re.compile(r"#\s*pmkit:\s*ignore\[([^\]]*)\]")


def suppressions(text: str, file: str) -> tuple[dict[int, list[str]], list[Finding]]:
    """The codes silenced on each line, and findings for codes that name no rule."""
    silenced: dict[int, list[str]] = {}
    problems: list[Finding] = []
    if "pmkit:" not in text:
        return silenced, problems
    for number, line in enumerate(text.splitlines(), start=1):
        for found in _IGNORE.finditer(line):
            for code in filter(None, (part.strip() for part in found[1].split(","))):
                if any(matches(code, rule) for rule in catalogue()):
                    silenced.setdefault(number, []).append(code)
                else:
                    problems.append(
                        Finding(
                            UNKNOWN_SELECTOR,
                            f"'# pmkit: ignore[{code}]' names no rule: 'pmkit rules' lists them",
                            Severity.ERROR,
                            file,
                            line=number,
                            column=found.start() + 1,
                        )
                    )
    return silenced, problems


def apply(findings: Iterable[Finding], silenced: dict[int, list[str]]) -> list[Finding]:
    """Drop rule findings silenced on their line. Structural findings always stay."""
    if not silenced:
        return list(findings)
    from pmkit.rules.catalogue import by_code

    kept = []
    for finding in findings:
        rule = by_code(finding.code)
        codes = silenced.get(finding.line or 0, [])
        if rule is not None and any(matches(code, rule) for code in codes):
            continue
        kept.append(finding)
    return kept
