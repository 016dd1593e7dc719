"""Findings for people at a terminal: one line each, grouped by file, then a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pmkit.findings import Severity
from pmkit.plaintext import visible

if TYPE_CHECKING:
    from pmkit.rules.scorecard import CriterionScore
    from pmkit.validate import ValidationResult

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def write_text(result: ValidationResult, out: TextIO) -> None:
    """Write ``path:line:col: CODE [severity] message`` lines, then a one-line summary.

    The severity is written in words (error, warning, info) as well as in
    colour, so output without colour (NO_COLOR, a pipe, a log) still says
    which findings are errors.
    """
    # No markup or emoji: paths and messages carry plan text, printed as it is.
    console = Console(file=out, highlight=False, markup=False, emoji=False, soft_wrap=True)
    several = len(result.files) > 1
    for file in result.files:
        if not file.findings:
            continue
        if several:
            console.print(Text(visible(file.file), style="bold underline"))
        for finding in file.findings:
            line = Text()
            line.append(f"{visible(finding.location)}:", style="bold")
            line.append(" ")
            line.append(finding.code, style=_STYLE[finding.severity])
            line.append(" ")
            line.append(f"[{finding.severity.value}]", style=_STYLE[finding.severity])
            line.append(" ")
            # One finding, one line: a line break in plan text cannot start another.
            line.append(visible(finding.message))
            console.print(line)
        if several:
            console.print()
    for file in result.files:
        if not file.scorecard:
            continue
        if all(score.met for score in file.scorecard):
            criteria = len(file.scorecard)
            met = (
                f"Scorecard: {visible(file.file)} meets all {criteria} criteria "
                "it was checked against."
            )
            console.print(Text(met, style="green"))
        else:
            console.print(scorecard_table(file.file, file.scorecard))
    console.print(summary(result))


def scorecard_table(file: str, scores: list[CriterionScore]) -> Table:
    """Each criterion and how many of its rules pass; status in words and symbols, not colour."""
    table = Table(
        title=Text(f"Scorecard: {visible(file)}"), title_justify="left", header_style="bold"
    )
    table.add_column("Criterion", no_wrap=True)
    table.add_column("Rules passed", justify="right", no_wrap=True)
    table.add_column("Findings", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for score in scores:
        status = Text("✓ met", style="green") if score.met else Text("✗ not met", style="yellow")
        table.add_row(
            score.criterion.heading,
            f"{score.passed} of {score.rules}",
            str(score.findings),
            status,
        )
    return table


def summary(result: ValidationResult) -> Text:
    """``Found 2 errors and 1 warning in 1 of 3 files.``, or the all-clear."""
    counts = result.counts()
    files = len(result.files)
    noun = "file" if files == 1 else "files"
    unreadable = sum(file.unreadable for file in result.files)
    if not counts:
        return Text(f"All clear: {files} {noun} checked, nothing to report.", style="green")
    parts = [
        _plural(counts[severity], word)
        for severity, word in (
            (Severity.ERROR, "error"),
            (Severity.WARNING, "warning"),
            (Severity.INFO, "note"),
        )
        if counts[severity]
    ]
    affected = sum(bool(file.findings) for file in result.files)
    where = f"{affected} of {files} {noun}" if files > 1 else f"{files} {noun}"
    text = f"Found {_join(parts)} in {where}."
    if unreadable:
        text += f" {_plural(unreadable, 'file')} could not be read."
    worst = Severity.ERROR if counts[Severity.ERROR] else Severity.WARNING
    return Text(text, style=_STYLE[worst] if counts[worst] else "")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
