"""``pmkit diff``: what changed in the plan between two commits, or since a date."""

from __future__ import annotations

import os
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pmkit.cli.app import app, fail
from pmkit.cli.output import open_output
from pmkit.cli.record import PlanOption


class DiffFormat(StrEnum):
    """Output formats of ``diff``."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    GITHUB = "github"


class FailOn(StrEnum):
    """What makes ``diff`` exit 1."""

    LESS_AMBITIOUS = "less-ambitious"


def _date(value: str | None) -> date | None:
    from pmkit.dates import DateError, parse_date

    if value is None:
        return None
    try:
        return parse_date(value, "--since")
    except DateError as error:
        raise typer.BadParameter(str(error), param_hint="'--since'") from None


@app.command("diff")
def plan_diff(
    old: Annotated[
        str | None,
        typer.Argument(
            help="A commit, tag or branch. Default: the last commit that changed the plan."
        ),
    ] = None,
    new: Annotated[
        str | None,
        typer.Argument(help="A commit, tag or branch. Default: the working copy."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Compare with the plan as at the last commit before DATE "
            "(31/01/2027 or 2027-01-31).",
        ),
    ] = None,
    indicator: Annotated[
        str | None,
        typer.Option(
            "--indicator",
            metavar="ID",
            help="Show one indicator's targets and definition across every commit instead.",
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            "-f",
            help="text for people; markdown; json for tools; github for workflow notices "
            "(and $GITHUB_STEP_SUMMARY).",
        ),
    ] = DiffFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Exit 1 if any target was made less ambitious."),
    ] = None,
    plan: PlanOption = Path("plan.yaml"),
) -> None:
    """List what changed in the plan: targets, indicators, outcomes, budgets, actions.

    Compares the plan at OLD with the plan at NEW, read from git, and lists the
    change log entries made in between. Exit 0 whatever changed, unless
    --fail-on less-ambitious finds a target made less ambitious.
    """
    from pmkit.plan_history.compare import compare, timeline
    from pmkit.plan_history.render import DIFF_FORMATS, markdown, write_timeline
    from pmkit.plan_history.versions import HistoryError

    if not plan.is_file():
        fail(f"no such file: {plan}")
    try:
        if indicator is not None:
            if old is not None or new is not None or since is not None:
                fail("--indicator shows every commit: give no OLD, NEW or --since with it")
            entries = timeline(plan, indicator)
            with open_output(output) as out:
                write_timeline(indicator, entries, out, as_json=output_format is DiffFormat.JSON)
            return
        diff = compare(plan, old, new, since=_date(since))
    except HistoryError as error:
        fail(str(error))
    with open_output(output) as out:
        DIFF_FORMATS[output_format.value](diff, out)
    if output_format is DiffFormat.GITHUB and os.environ.get("GITHUB_STEP_SUMMARY"):
        target = Path(os.environ["GITHUB_STEP_SUMMARY"])
        try:
            with target.open("a", encoding="utf-8") as summary:
                summary.write(markdown(diff))
        except OSError as error:
            fail(f"cannot write the step summary {target}: {error.strerror or error}")
    if fail_on is FailOn.LESS_AMBITIOUS and diff.less_ambitious:
        raise typer.Exit(1)
