"""``pmkit review``: the quarterly performance review, in Markdown or JSON."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pmkit.cli.app import app, fail
from pmkit.cli.output import open_output
from pmkit.cli.record import PlanOption, workspace


class ReviewFormat(StrEnum):
    """Output formats of the review."""

    MD = "md"
    JSON = "json"


@app.command()
def review(
    ctx: typer.Context,
    quarter: Annotated[
        str | None,
        typer.Option(help="The quarter to review, such as 2026/27 Q2. Default: the latest ended."),
    ] = None,
    output_format: Annotated[
        ReviewFormat, typer.Option("--format", "-f", help="md (Markdown) or json.")
    ] = ReviewFormat.MD,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option(
            "--template-dir",
            help="Templates that override the built-in ones. Default: templates/ beside the plan.",
        ),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="STATUS",
            help="Exit 1 if any indicator has this status (red, amber, no_data), for CI.",
        ),
    ] = None,
    plan: PlanOption = Path("plan.yaml"),
) -> None:
    """Render the quarterly review of performance against the plan.

    Every indicator against its target (status by symbol and word), direction
    of travel and forecast; actions against their timescales; resources
    committed and provided; exceptions needing remedial action; and the
    remedial actions agreed. Exit 0 whatever the statuses, unless --fail-on.
    """
    from pmkit.monitoring.store import StoreError
    from pmkit.review.quarter import review_quarter
    from pmkit.review.render import TemplateProblem, render, to_json
    from pmkit.review.result import Rag

    if fail_on is not None and fail_on not in {status.value for status in Rag}:
        fail(f"--fail-on takes one of {', '.join(s.value for s in Rag)}, not {fail_on!r}")
    space = workspace(ctx, plan)
    from pmkit.cli.returns import _quarter

    period = _quarter(space, quarter)
    try:
        result = review_quarter(space, period)
    except StoreError as error:
        fail(str(error))
    override = template_dir if template_dir is not None else space.plan_path.parent / "templates"
    if template_dir is not None and not template_dir.is_dir():
        fail(f"no such folder: {template_dir}")
    try:
        text = (
            to_json(result)
            if output_format is ReviewFormat.JSON
            else render(result, "quarter.md.j2", override=override)
        )
    except TemplateProblem as error:
        fail(str(error))
    with open_output(output) as out:
        out.write(text)
    if fail_on is not None and any(i.status.value == fail_on for i in result.indicators):
        raise typer.Exit(1)
