"""Checking the rows above a return's table: that it is from a partner, for a quarter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.periods import PeriodError, PeriodKind

if TYPE_CHECKING:
    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period
    from pmkit.returns.reading import ReturnFile


def check_header(
    workspace: Workspace,
    submission: ReturnFile,
    partner: str | None,
    period: str | None,
    problems: list[str],
) -> Period | None:
    """The return's quarter, if its partner and period rows are right; else a problem."""
    name = submission.path.name
    partners = {entry.id for entry in workspace.plan.partners}
    if submission.partner not in partners:
        problems.append(
            f"{name}: the return says it is from partner '{submission.partner}', which the plan "
            "does not have: was the Partner row above the table changed?"
        )
        return None
    if partner is not None and submission.partner != partner:
        problems.append(
            f"{name}: this is {submission.partner}'s return, not {partner}'s: check you have "
            "the right file"
        )
        return None
    try:
        quarter = workspace.calendar.parse(submission.period)
    except PeriodError as error:
        problems.append(f"{name}: the return's Period row does not name a quarter: {error}")
        return None
    if quarter.kind is not PeriodKind.QUARTER:
        problems.append(f"{name}: a return is for a quarter, not {quarter.label}")
        return None
    if period is not None:
        try:
            wanted = workspace.calendar.parse(period)
        except PeriodError as error:
            problems.append(str(error))
            return None
        if wanted != quarter:
            problems.append(
                f"{name}: this return is for {quarter.label}, not {wanted.label}: "
                "check you have the right file"
            )
            return None
    return quarter
