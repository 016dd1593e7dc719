"""``pmkit review``: the quarterly performance review, in Markdown or JSON."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pmkit.cli.app import app, fail
from pmkit.cli.output import open_output
from pmkit.cli.record import PlanOption, workspace

if TYPE_CHECKING:
    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period


class ReviewFormat(StrEnum):
    """Output formats of the review."""

    MD = "md"
    HTML = "html"
    JSON = "json"


@app.command()
def review(
    ctx: typer.Context,
    quarter: Annotated[
        str | None,
        typer.Option(help="The quarter to review, such as 2026/27 Q2. Default: the latest ended."),
    ] = None,
    year: Annotated[
        str | None,
        typer.Option(
            help="Review a whole year instead, such as 2025/26: the year against baselines and "
            "targets, the partnership's self-assessment, prompts for next year."
        ),
    ] = None,
    output_format: Annotated[
        ReviewFormat,
        typer.Option(
            "--format", "-f", help="md (Markdown), html (one self-contained file) or json."
        ),
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
    from pmkit.review.year import review_year

    if fail_on is not None and fail_on not in {status.value for status in Rag}:
        fail(f"--fail-on takes one of {', '.join(s.value for s in Rag)}, not {fail_on!r}")
    space = workspace(ctx, plan)
    if year is not None and quarter is not None:
        fail("review a --quarter or a --year, not both")
    try:
        if year is not None:
            if output_format is ReviewFormat.HTML:
                fail("the annual review is available as md or json")
            result: Any = review_year(space, _year(space, year))
            template = "year.md.j2"
        else:
            from pmkit.cli.record import quarter_of

            result = review_quarter(space, quarter_of(space, quarter))
            template = "quarter.html.j2" if output_format is ReviewFormat.HTML else "quarter.md.j2"
    except StoreError as error:
        fail(str(error))
    override = template_dir if template_dir is not None else space.plan_path.parent / "templates"
    if template_dir is not None and not template_dir.is_dir():
        fail(f"no such folder: {template_dir}")
    try:
        text = (
            to_json(result)
            if output_format is ReviewFormat.JSON
            else render(
                result,
                template,
                override=override,
                # templates/ beside the plan is the repository's: it must stay inside it
                within=space.plan_path.parent if template_dir is None else None,
            )
        )
    except TemplateProblem as error:
        fail(str(error))
    with open_output(output) as out:
        out.write(text)
    if fail_on is not None and any(i.status.value == fail_on for i in result.indicators):
        raise typer.Exit(1)


def _year(space: Workspace, label: str) -> Period:
    from pmkit.periods import PeriodError, PeriodKind

    try:
        period = space.calendar.parse(label)
    except PeriodError as error:
        fail(str(error))
    if period.kind is not PeriodKind.YEAR:
        fail(f"--year takes a year, such as {period.year.label}, not {period.label}")
    return period
