"""``pmkit portfolio``: many partnerships' plans reviewed side by side for one quarter."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pmkit.cli.app import app, fail, today
from pmkit.cli.output import open_output


class PortfolioFormat(StrEnum):
    """Output formats of the portfolio."""

    MD = "md"
    HTML = "html"
    JSON = "json"


@app.command()
def portfolio(
    ctx: typer.Context,
    plans: Annotated[
        list[Path],
        typer.Argument(
            metavar="PLAN... | FOLDER",
            help="Plans, plans' folders, or a folder holding one folder per plan.",
        ),
    ],
    period: Annotated[
        str | None,
        typer.Option(help="The quarter to review, such as 2026/27 Q2. Default: the latest ended."),
    ] = None,
    output_format: Annotated[
        PortfolioFormat,
        typer.Option("--format", "-f", help="md (Markdown), html (one file) or json."),
    ] = PortfolioFormat.MD,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-j", min=1, help="Review plans in this many processes. Default: CPUs."
        ),
    ] = None,
) -> None:
    """Validate and review many partnerships' plans for the same quarter.

    One table of partnerships by shared indicators (matched by national_id,
    units checked to agree): each plan's status and figure, ranked among
    peers where unit, accumulation and definition agree and at least five
    plans have a figure. Then a scorecard of the framework's criteria per
    partnership. A plan that cannot be read is a row saying why.
    """
    from pmkit.portfolio.compare import find_plans, review_plans
    from pmkit.portfolio.render import FORMATS

    if period is not None:
        _check_quarter(period)
    missing = [path for path in plans if not path.exists()]
    if missing:
        fail(f"no such file or folder: {missing[0]}")
    found = find_plans(plans)
    if not found:
        fail("no plans found: give plan files, or folders holding plan.yaml")
    count = workers if workers is not None else min(os.cpu_count() or 1, len(found))
    result = review_plans(found, period=period, as_of=today(ctx), workers=count)
    with open_output(output) as out:
        out.write(FORMATS[output_format.value](result))


def _check_quarter(label: str) -> None:
    """Exit 2 unless ``label`` is a quarter in a financial or a calendar year."""
    from pmkit.periods import Calendar, PeriodError, PeriodKind

    problems = []
    for calendar in (Calendar(4), Calendar(1)):
        try:
            quarter = calendar.parse(label)
        except PeriodError as error:
            problems.append(str(error))
            continue
        if quarter.kind is PeriodKind.QUARTER:
            return
        fail(f"--period takes a quarter, such as 2026/27 Q2, not {quarter.label}")
    fail(problems[0])
