"""ACC004: no board or group receives the partnership's performance reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="ACC004",
    name="no-board-receives-reports",
    criteria=(Criterion.ACCOUNTABILITY,),
    severity=Severity.WARNING,
    summary="No audience of the partnership receives its performance reports.",
    rationale="""
        Accountability needs someone to account to. The framework asks that performance be
        reviewed "regularly, ideally quarterly, to allow remedial action to be taken if
        all is not according to plan", and that "areas of poor performance are
        questioned": that happens only when a board or group receives the performance
        report and questions it. Mark the audience that receives the regular report
        (usually the partnership board) with receives_reports: true.
    """,
    bad="""\
format_version: 1
partnership:
  name: Northbridge Community Safety Partnership
  audiences:
    - {id: board, name: Partnership board, kind: board}
    - {id: public, name: Residents, kind: public}
""",
    good="""\
format_version: 1
partnership:
  name: Northbridge Community Safety Partnership
  audiences:
    - {id: board, name: Partnership board, kind: board, receives_reports: true}
    - {id: public, name: Residents, kind: public}
""",
)
def no_board_receives_reports(context: Context) -> Iterator[Hit]:
    """A plan-wide hit when no audience has ``receives_reports: true``."""
    audiences = context.plan.partnership.audiences
    if any(audience.receives_reports for audience in audiences):
        return
    if audiences:
        yield Hit(
            ("partnership", "audiences"),
            "none of the partnership's audiences receives its performance reports: mark the "
            "board or group that reviews performance with 'receives_reports: true'",
        )
    else:
        yield Hit(
            ("partnership",),
            "the partnership names no audience to receive its performance reports: add the "
            "board that reviews performance under 'audiences', with 'receives_reports: true'",
        )
