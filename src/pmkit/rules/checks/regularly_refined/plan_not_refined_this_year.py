"""REF001: a plan not refined within the refinement interval."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context

_PLAN = """\
format_version: 1
partnership:
  name: Northbridge Community Safety Partnership
  last_refined: {last_refined}
"""

_DAYS_PER_MONTH = Decimal("30.4375")


@rule(
    code="REF001",
    name="plan-not-refined-this-year",
    criteria=(Criterion.REGULARLY_REFINED,),
    severity=Severity.WARNING,
    summary="The plan does not say when it was last refined, or was last refined longer "
    "ago than the refinement interval.",
    rationale="""
        Developing performance management in partnerships asks for a framework that is
        "regularly refined": performance management "is an ongoing activity that runs
        through the full planning cycle", and "following review and evaluation there may
        be a need to revisit early stages of the process to ensure the right strategies,
        plans and indicators are in place". A plan left untouched for more than a year
        is likely to measure last year's priorities. Revisit it at least yearly, after
        the annual review, and record the date in last_refined.
    """,
    bad=_PLAN.format(last_refined="2024-04-01"),
    good=_PLAN.format(last_refined="2026-04-01"),
    thresholds={"refinement_interval_months": 12},
    uses_today=True,
)
def plan_not_refined_this_year(context: Context) -> Iterator[Hit]:
    """No ``last_refined``, or one more than ``refinement_interval_months`` before today."""
    last = context.plan.partnership.last_refined
    interval = context.threshold("refinement_interval_months")
    if last is None:
        yield Hit(
            ("partnership",),
            "the plan does not say when it was last refined: revisit it after each "
            "annual review and record the date under partnership.last_refined",
        )
    elif last < _months_before(context.as_of, interval):
        yield Hit(
            ("partnership", "last_refined"),
            f"the plan was last refined on {_spoken(last)}, more than "
            f"{interval.normalize():f} months (refinement_interval_months) before "
            f"{_spoken(context.as_of)}: revisit its priorities, indicators and targets "
            "in the light of the last review, then update last_refined and change_log",
        )


def _months_before(day: date, months: Decimal) -> date:
    """The date ``months`` calendar months before ``day`` (a fraction counts as days).

    An interval reaching beyond the dates Python can hold stops at the earliest
    or latest of them, so an outlandish threshold never crashes the run.
    """
    whole = int(months)
    year, month = divmod(day.year * 12 + day.month - 1 - whole, 12)
    if year < date.min.year:
        return date.min
    if year > date.max.year:
        return date.max
    shifted = date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
    try:
        return shifted - timedelta(days=round((months - whole) * _DAYS_PER_MONTH))
    except OverflowError:
        return date.min if months > 0 else date.max


def _spoken(day: date) -> str:
    """``1 April 2026``."""
    return f"{day.day} {day:%B %Y}"
