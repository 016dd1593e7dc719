"""``pmkit record progress|resource|score|remedial|close``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmkit.cli.app import fail, refuse_controls, say, today
from pmkit.cli.record import (
    ByOption,
    PlanOption,
    known_id,
    number,
    record_app,
    recorder,
    whole_number,
    workspace,
)
from pmkit.dates import DATE_FORMS, DateError, parse_date
from pmkit.monitoring.statuses import ActionStatus, RemedialStatus

if TYPE_CHECKING:
    from collections.abc import Callable

    from pmkit.monitoring.entries import Written
    from pmkit.monitoring.workspace import Workspace

PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        metavar="PERIOD",
        help="The quarter, such as 2026/27 Q2. Default: the latest that has ended.",
    ),
]
PartnerOption = Annotated[
    str, typer.Option("--partner", metavar="PARTNER", help="The partner's id, such as police.")
]
NOT_RECORDED = "not recorded"


def _run(space: Workspace, what: str, write: Callable[[], Written]) -> None:
    from pmkit.monitoring.figures import RecordError
    from pmkit.monitoring.store import StoreError

    try:
        done = write()
    except RecordError as error:
        fail("not recorded: " + "; ".join(error.problems))
    except StoreError as error:
        fail(f"not recorded: {error}")
    verb = "recorded" if done.changed else "unchanged"
    named = f" ({done.key})" if done.key and done.key not in what else ""
    say(f"{verb}: {what}{named} for {done.period.label} in {space.path_for(done.period)}")


@record_app.command("progress")
def record_progress(
    ctx: typer.Context,
    action: Annotated[
        str, typer.Argument(metavar="ACTION", help="The action's id, such as A1 (in any case).")
    ],
    status: Annotated[ActionStatus, typer.Option(help="How the action is going.")],
    percent: Annotated[
        int | None,
        typer.Option(metavar="PERCENT", help="Percent complete, 0 to 100.", parser=whole_number),
    ] = None,
    commentary: Annotated[
        str | None, typer.Option(metavar="TEXT", help="What lies behind it.")
    ] = None,
    period: PeriodOption = None,
    plan: PlanOption = Path("plan.yaml"),
    by: ByOption = None,
) -> None:
    """Record an action's progress at the end of a quarter."""
    from pmkit.monitoring.entries import quarter
    from pmkit.monitoring.entries import record_progress as record

    refuse_controls(commentary=commentary)
    space = workspace(ctx, plan)
    action = known_id(space, action, "action", doing=NOT_RECORDED)
    who = recorder(by, space.plan_path)
    _run(
        space,
        f"progress of {action} ({status.words})",
        lambda: record(
            space,
            action,
            period=quarter(space, period),
            status=status,
            percent=percent,
            commentary=commentary,
            recorder=who,
        ),
    )


@record_app.command("resource")
def record_resource(
    ctx: typer.Context,
    entity: Annotated[
        str,
        typer.Argument(metavar="ID", help="The action or priority the resources went to."),
    ],
    partner: PartnerOption,
    amount: Annotated[
        str,
        typer.Option(metavar="AMOUNT", help="What was provided, in pounds (in kind: its value)."),
    ],
    commentary: Annotated[
        str | None, typer.Option(metavar="TEXT", help="What was provided.")
    ] = None,
    period: PeriodOption = None,
    plan: PlanOption = Path("plan.yaml"),
    by: ByOption = None,
) -> None:
    """Record resources a partner actually provided, against its commitment in the plan."""
    from pmkit.monitoring.entries import quarter
    from pmkit.monitoring.entries import record_resource as record

    refuse_controls(commentary=commentary)
    space = workspace(ctx, plan)
    entity = known_id(space, entity, "action", "priority", doing=NOT_RECORDED)
    partner = known_id(space, partner, "partner", doing=NOT_RECORDED)
    who = recorder(by, space.plan_path)
    value = number(amount)
    _run(
        space,
        f"£{value:,} from {partner} to {entity}",
        lambda: record(
            space,
            entity,
            partner=partner,
            amount=value,
            period=quarter(space, period),
            commentary=commentary,
            recorder=who,
        ),
    )


@record_app.command("score")
def record_score(
    ctx: typer.Context,
    principle: Annotated[
        str, typer.Argument(metavar="PRINCIPLE", help="The principle's id, such as trust.")
    ],
    partner: PartnerOption,
    score: Annotated[
        int,
        typer.Option(
            metavar="SCORE",
            help="The score, on the plan's scale (default 1 to 4).",
            parser=whole_number,
        ),
    ],
    comment: Annotated[str | None, typer.Option(metavar="TEXT", help="Why this score.")] = None,
    year: Annotated[
        str | None,
        typer.Option(
            "--period",
            "--year",
            metavar="PERIOD",
            help="The year, such as 2026/27. Default: the current one.",
        ),
    ] = None,
    plan: PlanOption = Path("plan.yaml"),
    by: ByOption = None,
) -> None:
    """Record a partner's self-assessment score for a principle of the partnership review."""
    from pmkit.monitoring.entries import record_score as record
    from pmkit.monitoring.entries import year as year_of

    refuse_controls(comment=comment)
    space = workspace(ctx, plan)
    principle = known_id(space, principle, "principle", doing=NOT_RECORDED)
    partner = known_id(space, partner, "partner", doing=NOT_RECORDED)
    who = recorder(by, space.plan_path)
    _run(
        space,
        f"{partner}'s score for {principle} ({score})",
        lambda: record(
            space,
            principle,
            partner=partner,
            score=score,
            comment=comment,
            period=year_of(space, year),
            recorder=who,
        ),
    )


@record_app.command("remedial")
def record_remedial(
    ctx: typer.Context,
    about: Annotated[
        str, typer.Argument(metavar="ID", help="The indicator or action it addresses.")
    ],
    action: Annotated[str, typer.Option(metavar="TEXT", help="What is to be done.")],
    owner: Annotated[str, typer.Option(metavar="PARTNER", help="The partner that will do it.")],
    due: Annotated[str, typer.Option(metavar="DATE", help=f"When it is due: {DATE_FORMS}.")],
    role: Annotated[
        str | None, typer.Option(metavar="ROLE", help="The role that will do it.")
    ] = None,
    period: PeriodOption = None,
    plan: PlanOption = Path("plan.yaml"),
    by: ByOption = None,
) -> None:
    """Record a remedial action the board agreed; it is carried into each quarter until closed."""
    from pmkit.monitoring.entries import agree_remedial, quarter
    from pmkit.monitoring.remedial import RemedialInput

    try:
        due_on = parse_date(due, "the due date")
    except DateError as error:
        raise typer.BadParameter(str(error), param_hint="'--due'") from None
    refuse_controls(action=action, role=role)
    space = workspace(ctx, plan)
    about = known_id(space, about, "indicator", "action", doing=NOT_RECORDED)
    owner = known_id(space, owner, "partner", doing=NOT_RECORDED)
    who = recorder(by, space.plan_path)
    remedy = RemedialInput(about=about, action=action, partner=owner, due=due_on, role=role)
    _run(
        space,
        f"a remedial action on {about}",
        lambda: agree_remedial(space, remedy, period=quarter(space, period), recorder=who),
    )


@record_app.command("close")
def record_close(
    ctx: typer.Context,
    remedial_id: Annotated[str, typer.Argument(metavar="ID", help="The remedial action's id.")],
    dropped: Annotated[
        bool, typer.Option("--dropped", help="Close it as dropped rather than done.")
    ] = False,
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", help="What was done, or why it was dropped.")
    ] = None,
    period: PeriodOption = None,
    plan: PlanOption = Path("plan.yaml"),
    by: ByOption = None,
) -> None:
    """Close a remedial action as done (or --dropped), in the quarter's file that carries it."""
    from pmkit.monitoring.entries import close_remedial, quarter

    refuse_controls(note=note)
    space = workspace(ctx, plan)
    who = recorder(by, space.plan_path)
    status = RemedialStatus.DROPPED if dropped else RemedialStatus.DONE
    _run(
        space,
        f"{remedial_id} closed as {status.value}",
        lambda: close_remedial(
            space,
            remedial_id,
            status=status,
            note=note,
            period=quarter(space, period),
            on=today(ctx),
            recorder=who,
        ),
    )
