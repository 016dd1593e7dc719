"""``pmkit rules`` and ``pmkit explain``: the catalogue, browsable from the terminal."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pmkit.cli.app import app, fail
from pmkit.cli.output import open_output


class RulesFormat(StrEnum):
    """Output formats of ``rules``."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


@app.command("rules")
def list_rules(
    group: Annotated[
        str | None,
        typer.Option(
            "--group",
            "-g",
            metavar="GROUP",
            help="Only this group: a criterion, structure, reading, monitoring, or a code prefix.",
        ),
    ] = None,
    output_format: Annotated[
        RulesFormat,
        typer.Option("--format", "-f", help="text, json, or markdown (the docs reference)."),
    ] = RulesFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
) -> None:
    """List every finding code: the framework rules and the checks that cannot be switched off."""
    from pmkit.code_registry import in_group, registry

    entries = [entry for entry in registry() if group is None or in_group(group, entry)]
    if not entries:
        fail(f"no rules in group {group!r}: give a criterion such as 'timely' or a prefix")
    with open_output(output) as out:
        if output_format is RulesFormat.MARKDOWN:
            from pmkit.rules.reference import reference_markdown

            out.write(reference_markdown())
        elif output_format is RulesFormat.JSON:
            rows = [
                {
                    "code": entry.code,
                    "name": entry.name,
                    "group": entry.group,
                    "criterion": entry.rule.group.value if entry.rule else None,
                    "criteria": [c.value for c in entry.rule.criteria] if entry.rule else [],
                    "severity": entry.severity.value,
                    "switchable": entry.switchable,
                    "summary": entry.summary,
                }
                for entry in entries
            ]
            out.write(json.dumps(rows, indent=2) + "\n")
        else:
            from pmkit.report.catalogue import write_rules_table

            write_rules_table(entries, out)


@app.command()
def explain(
    code: Annotated[
        str,
        typer.Argument(metavar="CODE", help="A finding code (TIM001, STR003) or a rule's name."),
    ],
) -> None:
    """Explain a finding code: why it matters, and for a rule a bad and a good example."""
    from pmkit.code_registry import lookup
    from pmkit.report.catalogue import write_explanation

    entry = lookup(code)
    if entry is None:
        fail(f"no finding code or rule called {code!r}: 'pmkit rules' lists them")
    import sys

    write_explanation(entry, sys.stdout)
