"""SARIF 2.1.0, for GitHub code scanning and other tools that read static-analysis results.

Each result's ``partialFingerprints`` come from the rule code and the
finding's identity in the plan (``indicators[CS-01].owner``), never from line
numbers, so an alert follows its entity when lines above it move.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from pmkit import __version__
from pmkit.findings import Finding, Severity
from pmkit.plaintext import json_text

if TYPE_CHECKING:
    from pmkit.validate import ValidationResult

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://pmkit.invalid/docs/rules"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def fingerprint(finding: Finding) -> str:
    """A stable hash of the code and the entity path (not the line)."""
    identity = f"{finding.file}\n{finding.code}\n{finding.key or finding.where}"
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]


def rule_descriptors() -> list[dict[str, Any]]:
    """Every code pmkit can report, checks that cannot be switched off first, as descriptors."""
    from pmkit.code_registry import registry

    descriptors = []
    for entry in registry():
        rule = entry.rule
        if rule is None:
            descriptors.append(
                _descriptor(
                    entry.code,
                    entry.name,
                    entry.summary,
                    entry.explanation,
                    severity=entry.severity,
                    tags=[entry.group],
                )
            )
            continue
        help_text = f"{rule.summary}\n\n{rule.rationale}\n\nBest practice:\n\n{rule.good}"
        descriptor = _descriptor(
            rule.code,
            rule.name,
            rule.summary,
            rule.rationale,
            severity=rule.severity,
            tags=["framework", *(criterion.value for criterion in rule.criteria)],
        )
        descriptor["help"] = {
            "text": help_text,
            "markdown": (
                f"**{rule.summary}**\n\n{rule.rationale}\n\nAnti-pattern:\n\n```yaml\n{rule.bad}```"
                f"\n\nBest practice:\n\n```yaml\n{rule.good}```\n"
            ),
        }
        descriptors.append(descriptor)
    return descriptors


def _descriptor(
    code: str, name: str, short: str, full: str, *, severity: Severity, tags: list[str]
) -> dict[str, Any]:
    return {
        "id": code,
        "name": "".join(part.capitalize() for part in name.split("-")),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": full},
        "helpUri": f"{INFORMATION_URI}#{code.lower()}",
        "defaultConfiguration": {"level": _LEVEL[severity]},
        "properties": {"tags": tags},
    }


def sarif_log(result: ValidationResult) -> dict[str, Any]:
    """The whole result as a SARIF log with one run."""
    rules = rule_descriptors()
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    results = []
    for finding in result.findings:
        entry: dict[str, Any] = {
            "ruleId": finding.code,
            "level": _LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [_location(finding)],
            "partialFingerprints": {"pmkitFindingHash/v1": fingerprint(finding)},
        }
        if finding.code in index:
            entry["ruleIndex"] = index[finding.code]
        results.append(entry)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pmkit",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "automationDetails": {"id": "pmkit/"},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _location(finding: Finding) -> dict[str, Any]:
    path = PurePath(finding.file)
    artifact: dict[str, Any] = {"uri": quote(path.as_posix())}
    if not path.is_absolute():
        artifact["uriBaseId"] = "%SRCROOT%"
    physical: dict[str, Any] = {
        "artifactLocation": artifact,
        "region": {"startLine": finding.line or 1, "startColumn": finding.column or 1},
    }
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding.key:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.key, "kind": "object"}]
    return location


def write_sarif(result: ValidationResult, out: TextIO) -> None:
    """Write the SARIF log as indented JSON."""
    out.write(json_text(json.dumps(sarif_log(result), indent=2, ensure_ascii=False)))
    out.write("\n")
