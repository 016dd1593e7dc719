"""Findings as JSON, for dashboards, editors and other tools."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from pmkit import __version__
from pmkit.findings import Finding, Severity
from pmkit.plaintext import json_text

if TYPE_CHECKING:
    from pmkit.validate import ValidationResult


def finding_json(finding: Finding) -> dict[str, Any]:
    """One finding as a JSON object."""
    return {
        "path": finding.file,
        "line": finding.line,
        "column": finding.column,
        "pointer": finding.where,
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "fatal": finding.fatal,
    }


def result_json(result: ValidationResult) -> dict[str, Any]:
    """The whole result as a JSON-ready dict."""
    counts = result.counts()
    return {
        "pmkit": __version__,
        "as_of": result.as_of.isoformat(),
        "findings": [finding_json(finding) for finding in result.findings],
        "scorecards": {
            file.file: [
                {
                    "criterion": score.criterion.value,
                    "rules": score.rules,
                    "passed": score.passed,
                    "findings": score.findings,
                    "met": score.met,
                }
                for score in file.scorecard
            ]
            for file in result.files
            if file.scorecard is not None
        },
        "summary": {
            "files": len(result.files),
            "unreadable": sum(file.unreadable for file in result.files),
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "info": counts[Severity.INFO],
            "exit_code": result.exit_code(),
        },
    }


def write_json(result: ValidationResult, out: TextIO) -> None:
    """Write the result as indented JSON."""
    out.write(json_text(json.dumps(result_json(result), indent=2, ensure_ascii=False)))
    out.write("\n")
