"""The rule catalogue for people at a terminal: a table, and one rule explained."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pmkit.rules.base import Rule


def write_rules_table(rules: Sequence[Rule], out: TextIO) -> None:
    """A table of rules: code, name, criteria, default severity, summary."""
    table = Table(header_style="bold")
    table.add_column("Code", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Rule", overflow="fold")
    for rule in rules:
        criteria = ", ".join(criterion.heading for criterion in rule.criteria)
        description = Text(rule.name, style="bold")
        description.append(f" ({criteria})\n", style="dim")
        description.append(rule.summary)
        table.add_row(rule.code, rule.severity.value, description)
    Console(file=out, highlight=False, markup=False, emoji=False).print(table)


def write_explanation(rule: Rule, out: TextIO) -> None:
    """One rule: its summary, its rationale, and its bad and good examples."""
    console = Console(file=out, highlight=False, markup=False, emoji=False)
    criteria = ", ".join(criterion.heading for criterion in rule.criteria)
    console.print(Text(f"{rule.code} {rule.name}", style="bold"))
    console.print(Text(f"{criteria} · default severity {rule.severity.value}"))
    console.print()
    console.print(Text(rule.summary))
    console.print()
    console.print(Text(rule.rationale))
    if rule.thresholds:
        console.print()
        for name, value in rule.thresholds.items():
            console.print(Text(f"Threshold {name}: {value} (settings.thresholds.{name})"))
    examples = (("Anti-pattern (gets a finding):", rule.bad), ("Best practice:", rule.good))
    for title, example in examples:
        console.print()
        console.print(Text(title, style="bold"))
        console.print(Syntax(example.rstrip("\n"), "yaml", background_color="default"))
