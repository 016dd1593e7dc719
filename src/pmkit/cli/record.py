"""``pmkit record``: record monitoring data safely, from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmkit.cli.app import Commands, PmkitGroup, app, fail, refuse_controls, say, today

if TYPE_CHECKING:
    from decimal import Decimal

    from pmkit.ids import IdKind
    from pmkit.monitoring.workspace import Recorder, Workspace
    from pmkit.periods import Period

record_app = Commands(
    cls=PmkitGroup,
    name="record",
    help="Record monitoring data: figures, action progress, resources, scores, remedial actions.",
    no_args_is_help=True,
)
app.add_typer(record_app)

PlanOption = Annotated[
    Path,
    typer.Option(
        "--plan",
        metavar="PLAN",
        help="The plan (or the folder holding plan.yaml) the data belong to.",
    ),
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        metavar="WHO",
        help="Who is recording (a name, an email or a role). Default: PMKIT_RECORDED_BY, "
        "then git's user.email. It is committed to the repository with the data.",
    ),
]


def workspace(ctx: typer.Context, plan: Path) -> Workspace:
    """The plan opened for recording, or a clean exit 2 saying why not."""
    from pmkit.monitoring.workspace import PlanError, open_workspace

    plan = plan / "plan.yaml" if plan.is_dir() else plan
    if plan.exists() and not plan.is_file():
        fail(f"not a regular file: {plan} (give the plan with --plan)")
    if not plan.is_file():
        fail(f"no such file: {plan} (give the plan with --plan)")
    try:
        return open_workspace(plan, as_of=today(ctx))
    except PlanError as error:
        fail(str(error))


def known_id(space: Workspace, given: str, *kinds: IdKind, doing: str = "") -> str:
    """The plan's id that ``given`` names, in any case; exit 2 suggesting the nearest if none.

    ``doing`` starts the message (``not recorded``).
    """
    from pmkit.ids import UnknownId, plan_id

    try:
        return plan_id(space.plan, given, *kinds)
    except UnknownId as error:
        fail(f"{doing}: {error}" if doing else str(error))


def quarter_of(space: Workspace, label: str | None) -> Period:
    """The quarter named on the command line, or the latest that has ended; exit 2 if wrong."""
    from pmkit.monitoring.entries import quarter
    from pmkit.monitoring.figures import RecordError

    try:
        return quarter(space, label)
    except RecordError as error:
        fail("; ".join(error.problems))


def recorder(by: str | None, plan: Path, source: str = "command line") -> Recorder:
    """Who records, now, from where; exit 2 when nobody can be named."""
    from pmkit.monitoring.recorder import NoRecorder, identify

    try:
        return identify(by, plan, source=source)
    except NoRecorder as error:
        fail(str(error))


def number(text: str) -> Decimal:
    """A figure as typed: ``1,234``, ``45%`` or ``£2,500`` are read too (see pmkit.numbers)."""
    from pmkit.numbers import NumberError, parse_number

    try:
        return parse_number(text)
    except NumberError as error:
        raise typer.BadParameter(str(error)) from None


def whole_number(text: str) -> int:
    """A whole number as typed, read by the same reader as figures (``٣`` and ``1_000`` are not)."""
    value = number(text)
    if value != value.to_integral_value():
        raise typer.BadParameter(f"{text!r} is not a whole number")
    return int(value)


@record_app.command("figure")
def record_figure(
    ctx: typer.Context,
    indicator: Annotated[
        str,
        typer.Argument(
            metavar="INDICATOR", help="The indicator's id, such as CS-01 (in any case)."
        ),
    ],
    value: Annotated[
        str | None,
        typer.Argument(metavar="VALUE", help="The figure. Leave out with --not-available."),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="PERIOD",
            help="The period, such as 2026/27 Q2 or 2026-08. Default: the latest one due.",
        ),
    ] = None,
    final: Annotated[
        bool, typer.Option("--final", help="The figure is final (default: provisional).")
    ] = False,
    not_available: Annotated[
        str | None,
        typer.Option("--not-available", metavar="REASON", help="No figure, and why."),
    ] = None,
    commentary: Annotated[
        str | None, typer.Option(metavar="TEXT", help="What lies behind the figure.")
    ] = None,
    replace_final: Annotated[
        bool, typer.Option("--replace-final", help="Replace a final figure (needs --reason).")
    ] = False,
    reason: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Why a final figure is being replaced.")
    ] = None,
    accept_unusual: Annotated[
        bool,
        typer.Option(
            "--accept-unusual",
            help="Record a figure far outside recent figures or the plan's expected range.",
        ),
    ] = False,
    numerator: Annotated[
        str | None,
        typer.Option(
            "--numerator",
            metavar="COUNT",
            help="For a rate or percentage: the events counted (with --denominator). "
            "Without a VALUE, the value is worked out from the two; with one, checked.",
        ),
    ] = None,
    denominator: Annotated[
        str | None,
        typer.Option(
            "--denominator",
            metavar="COUNT",
            help="For a rate or percentage: the population or total the numerator is out of.",
        ),
    ] = None,
    lower_ci: Annotated[
        str | None,
        typer.Option(
            "--lower-ci",
            metavar="LIMIT",
            help="The lower 95% confidence limit published with the figure (with --upper-ci), "
            "for a figure whose interval pmkit cannot work out, such as an "
            "age-standardised rate.",
        ),
    ] = None,
    upper_ci: Annotated[
        str | None,
        typer.Option(
            "--upper-ci", metavar="LIMIT", help="The upper 95% confidence limit (see --lower-ci)."
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would change.")] = False,
    plan: PlanOption = Path("plan.yaml"),
    by: ByOption = None,
) -> None:
    """Record an indicator's figure for a period, or that it is not available and why.

    Nothing is written if anything about the figure is wrong. A final figure
    is replaced only with --replace-final and a --reason; the earlier figure
    stays in the file, in the figure's history. A rate or percentage can be
    given as its counts (--numerator and --denominator) instead of, or as well
    as, its value.
    """
    from pmkit.monitoring.figures import FigureInput, FigureOptions, RecordError, record_figures
    from pmkit.monitoring.statuses import FigureStatus
    from pmkit.monitoring.store import StoreError

    refuse_controls(not_available=not_available, commentary=commentary, reason=reason)
    space = workspace(ctx, plan)
    indicator = known_id(space, indicator, "indicator", doing="not recorded")
    item = FigureInput(
        indicator=indicator,
        period=period,
        value=number(value) if value is not None else None,
        not_available=not_available,
        status=FigureStatus.FINAL if final else FigureStatus.PROVISIONAL,
        commentary=commentary,
        numerator=_optional_number(numerator, "--numerator"),
        denominator=_optional_number(denominator, "--denominator"),
        lower_ci=_optional_number(lower_ci, "--lower-ci"),
        upper_ci=_optional_number(upper_ci, "--upper-ci"),
    )
    options = FigureOptions(
        replace_final=replace_final, reason=reason, accept_unusual=accept_unusual
    )
    who = recorder(by, space.plan_path)
    try:
        outcome = record_figures(space, [item], who, options, dry_run=dry_run)[0]
    except RecordError as error:
        fail("not recorded: " + "; ".join(error.problems))
    except StoreError as error:
        fail(f"not recorded: {error}")
    if outcome.value is not None:
        shown = value if value is not None else _plain(outcome.value)
        shown += _counts_shown(item)
    else:
        shown = f"not available ({not_available})"
    where = space.path_for(outcome.period)
    verb = {"added": "recorded", "replaced": "replaced", "unchanged": "unchanged"}[outcome.action]
    if dry_run:
        verb = f"would be {verb}" if outcome.action != "unchanged" else "would be unchanged"
    line = f"{verb}: {indicator} {outcome.period.label} = {shown} ({item.status.value}) in {where}"
    if outcome.action == "replaced":
        line += f"; the earlier figure ({outcome.before}) is kept in its history"
    say(line)
    from dataclasses import replace

    _off_target_note(space, replace(item, value=outcome.value), outcome.period)


def _optional_number(text: str | None, option: str) -> Decimal | None:
    """An option's number, read by the one number reader; exit 2 naming the option if wrong."""
    if text is None:
        return None
    from pmkit.numbers import NumberError, parse_number

    try:
        return parse_number(text)
    except NumberError as error:
        raise typer.BadParameter(str(error), param_hint=f"'{option}'") from None


def _plain(value: Decimal) -> str:
    return format(value, ",f")


def _counts_shown(item: object) -> str:
    """The counts and interval recorded with a figure, as they read after it."""
    from pmkit.monitoring.figures import FigureInput

    if not isinstance(item, FigureInput):
        return ""
    parts: list[str] = []
    if item.numerator is not None and item.denominator is not None:
        parts.append(f"{_plain(item.numerator)} / {_plain(item.denominator)}")
    if item.lower_ci is not None and item.upper_ci is not None:
        parts.append(f"95% CI {_plain(item.lower_ci)} to {_plain(item.upper_ci)}")
    return f" ({'; '.join(parts)})" if parts else ""


def _off_target_note(space: Workspace, item: object, period: object) -> None:
    from pmkit.monitoring.figures import FigureInput
    from pmkit.monitoring.validity import off_target
    from pmkit.periods import Period

    if not isinstance(item, FigureInput) or not isinstance(period, Period) or item.value is None:
        return
    indicator = space.indicator(item.indicator)
    if indicator is None:
        return
    short = off_target(indicator, period, item.value)
    if short is None or item.commentary:
        return
    say(
        f"note: {short}. The board will ask why and what is being done: add --commentary, "
        f"and agree a remedial action with 'pmkit record remedial {item.indicator} ...'",
        err=True,
    )
