"""ACC005: a target made less ambitious after its period began, with no change log entry."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule

if TYPE_CHECKING:
    from collections.abc import Iterator
    from decimal import Decimal

    from pmkit.model.indicators import Indicator
    from pmkit.model.plan import Plan
    from pmkit.rules.base import Context

_EARLIER = """\
format_version: 1
partnership:
  name: Northbridge Community Safety Partnership
  change_log:
    - {date: 2026-03-19, change: Plan for 2026/27 agreed}
indicators:
  - id: CS-08
    title: Repeat referrals to MARAC (percentage)
    unit: percentage
    polarity: higher
    targets:
      - {period: 2026/27, value: 28}
"""


@rule(
    code="ACC005",
    name="target-eased-without-reason",
    criteria=(Criterion.ACCOUNTABILITY, Criterion.REGULARLY_REFINED),
    severity=Severity.WARNING,
    summary="A target was made less ambitious after its period began, and the change log "
    "does not say why.",
    rationale="""
        A framework that improves accountability lets the board, partners and
        the public see what the partnership committed to and hold it to that.
        Refining targets in the light of the quarterly review is right, but a
        target lowered once its year is under way, with no record of when,
        why and on whose decision, quietly moves the goalposts: the figure then
        "meets" a target nobody agreed. This check reads the plan's history
        from git (pmkit validate --history) and asks for a change_log entry
        that names the indicator for each target eased in-period.
    """,
    bad="""\
# Committed on 19 March 2026 with a 2026/27 target of 28; lowered in July.
format_version: 1
partnership:
  name: Northbridge Community Safety Partnership
  change_log:
    - {date: 2026-03-19, change: Plan for 2026/27 agreed}
indicators:
  - id: CS-08
    title: Repeat referrals to MARAC (percentage)
    unit: percentage
    polarity: higher
    targets:
      - {period: 2026/27, value: 26}
""",
    good="""\
# Committed on 19 March 2026 with a 2026/27 target of 28; lowered in July.
format_version: 1
partnership:
  name: Northbridge Community Safety Partnership
  change_log:
    - {date: 2026-03-19, change: Plan for 2026/27 agreed}
    - date: 2026-07-16
      change: >-
        Quarter 1 review: CS-08 lowered from 28% to 26% after the MARAC audit
        found repeat referrals had been under-recorded.
      by: Partnership Board
indicators:
  - id: CS-08
    title: Repeat referrals to MARAC (percentage)
    unit: percentage
    polarity: higher
    targets:
      - {period: 2026/27, value: 26}
""",
    history=(("2026-03-19", _EARLIER),),
)
def target_eased_without_reason(context: Context) -> Iterator[Hit]:
    """Targets eased after their period began, with no change log entry naming the indicator."""
    from pmkit.plan_history.diff import figure, less_ambitious
    from pmkit.plan_history.targets import names

    if context.history is None:
        return
    versions = [
        (version.day, version.plan)
        for version in context.history.versions
        if version.day is not None
    ]
    judged_from = context.history.since_base()
    versions.append((context.as_of, context.plan))
    entries = context.plan.partnership.change_log
    for index, indicator in enumerate(context.plan.indicators):
        if indicator.polarity is None:
            continue
        for number, target in enumerate(indicator.targets):
            start = target.period.start
            explained = any(
                entry.date >= start and names(entry.change, indicator.id) for entry in entries
            )
            if explained:
                continue
            eased = _eased(versions, judged_from, indicator, target.period.label, start)
            if eased is None:
                continue
            old, new, day = eased
            if not less_ambitious(indicator.polarity, old, new):
                continue
            yield Hit(
                ("indicators", index, "targets", number, "value"),
                f"indicator {indicator.id}'s target for {target.period.label} was made less "
                f"ambitious after the period began ({figure(old, indicator.unit)} → "
                f"{figure(new, indicator.unit)} on {day.day} {day:%B %Y}), and no "
                f"change_log entry names {indicator.id}: record under partnership.change_log "
                "when and why it was revised, and on whose decision",
            )


def _eased(
    versions: list[tuple[date, Plan]],
    judged_from: int,
    indicator: Indicator,
    period: str,
    start: date,
) -> tuple[Decimal, Decimal, date] | None:
    """The first revision after ``start`` that asked less: (before, after, day)."""
    from pmkit.plan_history.diff import less_ambitious

    previous: Decimal | None = None
    for number, (day, plan) in enumerate(versions):
        value = _value(plan, indicator.id, period)
        if (
            number >= judged_from
            and day > start
            and previous is not None
            and value is not None
            and less_ambitious(indicator.polarity, previous, value)
        ):
            return previous, value, day
        if value is not None:
            previous = value
    return None


def _value(plan: Plan, indicator: str, period: str) -> Decimal | None:
    for candidate in plan.indicators:
        if candidate.id == indicator:
            found = [target.value for target in candidate.targets if target.period.label == period]
            return found[-1] if found else None
    return None
