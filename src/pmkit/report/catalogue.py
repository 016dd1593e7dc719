"""The registry of finding codes for people at a terminal: a table, and one code explained."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pmkit.code_registry import CodeEntry


def write_rules_table(entries: Sequence[CodeEntry], out: TextIO) -> None:
    """A table of codes: code, default severity, name, criteria (or group), summary."""
    table = Table(header_style="bold")
    table.add_column("Code", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Rule", overflow="fold")
    for entry in entries:
        description = Text(entry.name, style="bold")
        description.append(f" ({_filed_under(entry)})\n", style="dim")
        description.append(entry.summary)
        table.add_row(entry.code, entry.severity.value, description)
    Console(file=out, highlight=False, markup=False, emoji=False).print(table)


def _filed_under(entry: CodeEntry) -> str:
    return ", ".join(entry.criteria) if entry.criteria else entry.heading


def write_explanation(entry: CodeEntry, out: TextIO) -> None:
    """One code: its summary and explanation; for a rule, its bad and good examples too."""
    console = Console(file=out, highlight=False, markup=False, emoji=False)
    console.print(Text(f"{entry.code} {entry.name}", style="bold"))
    if entry.switchable:
        console.print(Text(f"{_filed_under(entry)} · default severity {entry.severity.value}"))
    else:
        console.print(Text(f"{entry.heading} · always an error; cannot be switched off"))
    console.print()
    console.print(Text(entry.summary))
    console.print()
    console.print(Text(entry.explanation))
    rule = entry.rule
    if rule is None:
        return
    if rule.thresholds:
        console.print()
        for name, value in rule.thresholds.items():
            console.print(Text(f"Threshold {name}: {value} (settings.thresholds.{name})"))
    examples = (("Anti-pattern (gets a finding):", rule.bad), ("Best practice:", rule.good))
    for title, example in examples:
        console.print()
        console.print(Text(title, style="bold"))
        console.print(Syntax(example.rstrip("\n"), "yaml", background_color="default"))
