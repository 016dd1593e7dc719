"""REF002: in the last quarter of the year, an indicator with no target for next year."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context

_PLAN = """\
format_version: 1
partnership:
  name: Northbridge Health and Wellbeing Board
  year_start: January
indicators:
  - id: HW-02
    title: Adults who are physically active (percentage)
    targets:
      - {{period: 2026, value: 64.0}}
{next_year}"""


@rule(
    code="REF002",
    name="no-targets-for-coming-year",
    criteria=(Criterion.REGULARLY_REFINED,),
    severity=Severity.WARNING,
    summary="Once the last quarter of the year has begun, an indicator with targets has "
    "none for the coming year.",
    rationale="""
        Developing performance management in partnerships asks for a framework that is
        "regularly refined", revisiting the plan after review "to ensure the right
        strategies, plans and indicators are in place to support implementation".
        Setting next year's targets is part of that cycle, and it belongs before the
        year starts: a partnership that begins the year without them spends its first
        quarter with nothing to monitor against. Once the final quarter has begun, every
        indicator that has targets should have next year's too.
    """,
    bad=_PLAN.format(next_year=""),
    good=_PLAN.format(next_year="      - {period: 2027, value: 65.0}\n"),
    uses_today=True,
)
def no_targets_for_coming_year(context: Context) -> Iterator[Hit]:
    """In the year's fourth quarter, indicators with targets but none within next year.

    An indicator whose ``active`` period ends before next year is left alone.
    """
    if context.current_quarter.quarter_number != 4:
        return
    year = context.current_year
    coming = year.next()
    for index, indicator in enumerate(context.plan.indicators):
        if not indicator.targets:
            continue
        active = indicator.active
        if active is not None and active.end is not None and active.end.last < coming.first:
            continue
        if not any(coming.contains(target.period) for target in indicator.targets):
            yield Hit(
                ("indicators", index, "targets"),
                f"indicator {indicator.id} has no target for {coming.label}, and the last "
                f"quarter of {year.label} has begun: agree its {coming.label} targets now, "
                "so the partnership starts the year knowing what it is aiming for",
            )
