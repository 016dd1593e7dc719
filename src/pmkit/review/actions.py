"""Each action's progress against its timescale and milestones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.monitoring.statuses import ActionStatus
from pmkit.review.board import partner_name
from pmkit.review.result import ActionReview, ActionState

if TYPE_CHECKING:
    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period


def review_actions(workspace: Workspace, quarter: Period) -> list[ActionReview]:
    """Every action: complete, overdue, at risk, on track, not started, or not reported."""
    record = workspace.read(quarter)
    today = min(workspace.as_of, quarter.end) if workspace.as_of > quarter.end else workspace.as_of
    reviews = []
    for action in workspace.plan.actions:
        progress = record.actions.get(action.id) if record is not None else None
        timescales = action.timescales
        start = timescales.start if timescales else None
        end = timescales.end if timescales else None
        missed = [
            f"{milestone.title} ({milestone.due:%d %b %Y})"
            for milestone in (timescales.milestones if timescales else [])
            if milestone.due <= quarter.end
        ]
        reported = progress.status if progress is not None else None
        if start is not None and end is not None and end < start:
            state = ActionState.PLAN_PROBLEM
        elif reported is ActionStatus.COMPLETE:
            state = ActionState.COMPLETE
        elif end is not None and end < today:
            state = ActionState.OVERDUE
        elif start is not None and start > quarter.end:
            state = ActionState.NOT_STARTED
        elif reported in (ActionStatus.AT_RISK, ActionStatus.OFF_TRACK):
            state = ActionState.AT_RISK
        elif reported is ActionStatus.NOT_STARTED:
            state = ActionState.AT_RISK if missed else ActionState.NOT_STARTED
        elif reported is ActionStatus.ON_TRACK:
            state = ActionState.ON_TRACK
        else:
            state = ActionState.NO_REPORT
        reviews.append(
            ActionReview(
                id=action.id,
                title=action.title or action.id,
                lead=action.lead.partner if action.lead else None,
                lead_name=partner_name(workspace.plan, action.lead.partner)
                if action.lead
                else None,
                state=state,
                reported=reported.value if reported is not None else None,
                percent_complete=progress.percent_complete if progress is not None else None,
                commentary=progress.commentary if progress is not None else None,
                end=end.isoformat() if end else None,
                milestones_due=missed if reported is not ActionStatus.COMPLETE else [],
            )
        )
    return reviews
