"""GitHub Actions: one workflow-command annotation per finding, and a step summary.

GitHub shows only the first ten annotations of a step, so the Markdown
summary of every finding goes to ``$GITHUB_STEP_SUMMARY`` as well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from pmkit.findings import Finding, Severity
from pmkit.plaintext import visible
from pmkit.report.escape import command_data, command_property, markdown_cell
from pmkit.report.names import check_name

if TYPE_CHECKING:
    from pmkit.validate import ValidationResult

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def annotation(finding: Finding) -> str:
    """The workflow command for one finding."""
    # Shown, not obeyed: a control character or a line break in plan text stays visible text.
    properties = [f"file={visible(command_property(finding.file))}"]
    if finding.line is not None:
        properties.append(f"line={finding.line}")
        properties.append(f"col={finding.column or 1}")
    title = f"{finding.code} {check_name(finding.code)}"
    properties.append(f"title={command_property(title)}")
    message = visible(command_data(finding.message))
    return f"::{_LEVEL[finding.severity]} {','.join(properties)}::{message}"


def write_github(result: ValidationResult, out: TextIO) -> None:
    """Write an annotation per finding."""
    for finding in result.findings:
        out.write(annotation(finding) + "\n")


def markdown_summary(result: ValidationResult) -> str:
    """Every finding as a Markdown table, for the job summary page."""
    counts = result.counts()
    files = len(result.files)
    heading = (
        f"## pmkit: {counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
        f"{counts[Severity.INFO]} notes in {files} file{'' if files == 1 else 's'}"
    )
    if not result.findings:
        return heading + "\n\nAll clear: nothing to report.\n"
    rows = [heading, "", "| Where | Check | Severity | What to do |", "|---|---|---|---|"]
    rows.extend(
        f"| {markdown_cell(finding.location)} | {finding.code} | {finding.severity.value} "
        f"| {markdown_cell(finding.message)} |"
        for finding in result.findings
    )
    return "\n".join(rows) + "\n"
