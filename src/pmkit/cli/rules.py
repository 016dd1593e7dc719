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
            help="Only this group: a criterion (timely) or a code prefix (TIM).",
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
    """List the framework rules: code, name, criterion, default severity and summary."""
    from pmkit.rules.catalogue import catalogue, matches

    rules = [rule for rule in catalogue() if group is None or matches(group, rule)]
    if not rules:
        fail(f"no rules in group {group!r}: give a criterion such as 'timely' or a prefix")
    with open_output(output) as out:
        if output_format is RulesFormat.MARKDOWN:
            from pmkit.rules.reference import reference_markdown

            out.write(reference_markdown())
        elif output_format is RulesFormat.JSON:
            rows = [
                {
                    "code": rule.code,
                    "name": rule.name,
                    "criterion": rule.group.value,
                    "criteria": [criterion.value for criterion in rule.criteria],
                    "severity": rule.severity.value,
                    "summary": rule.summary,
                }
                for rule in rules
            ]
            out.write(json.dumps(rows, indent=2) + "\n")
        else:
            from pmkit.report.catalogue import write_rules_table

            write_rules_table(rules, out)


@app.command()
def explain(
    code: Annotated[str, typer.Argument(metavar="RULE", help="A rule code (TIM001) or name.")],
) -> None:
    """Explain a rule: why it matters in the framework, and a bad and a good example."""
    from pmkit.report.catalogue import write_explanation
    from pmkit.rules.catalogue import by_code

    rule = by_code(code)
    if rule is None:
        fail(f"no rule {code!r}: 'pmkit rules' lists them")
    import sys

    write_explanation(rule, sys.stdout)
