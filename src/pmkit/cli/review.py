"""``pmkit review``: the quarterly or annual review, in Markdown, HTML or JSON."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pmkit.cli.app import app, fail
from pmkit.cli.output import open_output
from pmkit.cli.record import PlanOption, workspace
from pmkit.cli.review_history import as_at, as_then

if TYPE_CHECKING:
    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period
    from pmkit.plan_history.versions import PlanHistory
    from pmkit.review.result import Rag


class ReviewFormat(StrEnum):
    """Output formats of the review."""

    MD = "md"
    HTML = "html"
    JSON = "json"


@app.command()
def review(
    ctx: typer.Context,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "--quarter",
            metavar="PERIOD",
            help="The quarter to review, such as 2026/27 Q2 (default: the latest that has "
            "ended), or a year, such as 2025/26, for the annual review.",
        ),
    ] = None,
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            metavar="YEAR",
            help="The annual review of a year, such as 2025/26: the year against baselines "
            "and targets, the partnership's self-assessment, prompts for next year.",
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
            metavar="FOLDER",
            help="Templates that override the built-in ones. Default: templates/ beside the plan.",
        ),
    ] = None,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            metavar="STATUS",
            help="Exit 1 if any indicator has this status, for CI: off-target, near-target, "
            "no-data, not-due, no-target or on-target (or red, amber, green). Repeat it, or "
            "separate statuses with commas, for several.",
        ),
    ] = None,
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help="Read the plan's git history: judge each figure against the target in force "
            "when its period began, and (in the annual review) list the targets revised "
            "during the year with what the change log says about each.",
        ),
    ] = False,
    plan_at: Annotated[
        str | None,
        typer.Option(
            "--plan-at",
            metavar="REV|DATE",
            help="Judge against the plan as it stood at a commit, tag or branch, or at the end "
            "of a date (2026-04-01 or 01/04/2026), read from git. Not with --history.",
        ),
    ] = None,
    plan: PlanOption = Path("plan.yaml"),
) -> None:
    """Write the quarterly performance review for the board (or, for a year, the annual review).

    A board pack, the same in every format: first a summary (when the figures
    were recorded, counts by status against last quarter (for a year, against
    last year's year end), what moved, what
    the board is asked to decide or note, the indicators off target with their
    owners and remedial actions); then the exceptions, most severe first;
    roll-ups by priority and by partner; every indicator against its target
    (status by symbol and word), direction of travel and forecast; actions
    against their timescales; resources committed and provided, shortfalls
    first; and the remedial actions agreed. Exit 0 whatever the statuses,
    unless --fail-on.
    """
    from pmkit.monitoring.store import StoreError
    from pmkit.review.quarter import review_quarter
    from pmkit.review.render import TemplateProblem, render_review
    from pmkit.review.year import review_year

    failing = _statuses(fail_on)
    space = workspace(ctx, plan)
    if year is not None and period is not None:
        fail("review a --period or a --year, not both")
    annual = _year(space, year) if year is not None else _annual(space, period)
    from pmkit.cli.record import quarter_of

    quarter = None if annual is not None else quarter_of(space, period)
    reviewed = annual if annual is not None else quarter_of(space, period).year
    past: PlanHistory | None = None
    in_force: list[str] = []
    if history and plan_at is not None:
        fail(
            "use --history or --plan-at, not both: --history takes each target as its period "
            "began, --plan-at the whole plan as it stood at one commit or date"
        )
    if history:
        space, past, in_force = as_then(space, reviewed)
    elif plan_at is not None:
        space, in_force = as_at(space, plan_at)
    try:
        result: Any = (
            review_year(space, reviewed, past)
            if quarter is None
            else review_quarter(space, quarter)
        )
    except StoreError as error:
        fail(str(error))
    result.in_force = in_force
    override = template_dir if template_dir is not None else space.plan_path.parent / "templates"
    if template_dir is not None and not template_dir.is_dir():
        fail(f"no such folder: {template_dir}")
    try:
        text = render_review(
            result,
            "year" if annual is not None else "quarter",
            output_format.value,
            override=override,
            # templates/ beside the plan is the repository's: it must stay inside it
            within=space.plan_path.parent if template_dir is None else None,
        )
    except TemplateProblem as error:
        fail(str(error))
    with open_output(output) as out:
        out.write(text)
    if any(item.status in failing for item in result.indicators):
        raise typer.Exit(1)


def _statuses(given: list[str] | None) -> set[Rag]:
    """The statuses ``--fail-on`` names, by the report's words or their colours."""
    from pmkit.review.result import Rag

    found = set()
    for word in (part for value in given or [] for part in value.split(",") if part.strip()):
        try:
            found.add(Rag.from_option(word))
        except ValueError:
            *others, last = [status.option for status in Rag]
            fail(
                f"--fail-on takes {', '.join(others)} or {last} (or red, amber, green), "
                f"not {word.strip()!r}"
            )
    return found


def _annual(space: Workspace, label: str | None) -> Period | None:
    """The year ``--period`` names, when it names a year rather than a quarter."""
    from pmkit.periods import PeriodError, PeriodKind

    if label is None:
        return None
    try:
        period = space.calendar.parse(label)
    except PeriodError:
        return None  # quarter_of says what is wrong with it
    return period if period.kind is PeriodKind.YEAR else None


def _year(space: Workspace, label: str) -> Period:
    from pmkit.periods import PeriodError, PeriodKind

    try:
        period = space.calendar.parse(label)
    except PeriodError as error:
        fail(str(error))
    if period.kind is not PeriodKind.YEAR:
        fail(f"--year takes a year, such as {period.year.label}, not {period.label}")
    return period
