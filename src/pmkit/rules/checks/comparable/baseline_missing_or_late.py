"""CMP001: a target with no baseline to measure progress from, or a baseline that comes too late."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context

_PLAN = """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    outcomes: [O1]
{baseline}    targets:
      - {{period: 2026/27, value: 11.5}}
"""


@rule(
    code="CMP001",
    name="baseline-missing-or-late",
    criteria=(Criterion.COMPARABLE,),
    severity=Severity.WARNING,
    summary="An indicator with targets has no baseline, or its baseline period does not "
    "end before the first target period starts.",
    rationale="""
        The framework asks for measures "comparable over time", and of every action:
        "What is the current situation/baseline data?" A target means something only
        against where the figure started: without a baseline, or with one taken from
        a period the targets already cover, nobody can say whether the partnership
        has moved the figure, and "if you don't measure results, you can't tell
        success from failure". Record the baseline's period and value, from a period
        that ends before the first target period.
    """,
    bad=example(OUTCOMES, _PLAN.format(baseline="")),
    good=example(OUTCOMES, _PLAN.format(baseline="    baseline: {period: 2025/26, value: 12.0}\n")),
)
def baseline_missing_or_late(context: Context) -> Iterator[Hit]:
    """Indicators with targets but no complete baseline, or a baseline that overlaps them."""
    for index, indicator in enumerate(context.plan.indicators):
        if not indicator.targets:
            continue
        baseline = indicator.baseline
        if baseline is None or baseline.period is None or baseline.value is None:
            missing = "baseline" if baseline is None else "complete baseline"
            yield Hit(
                ("indicators", index, "id"),
                f"indicator {indicator.id} has targets but no {missing}: record the "
                "baseline's period and value, so progress can be measured from it",
            )
            continue
        first = min((target.period for target in indicator.targets), key=lambda p: p.first)
        if baseline.period.last >= first.first:
            yield Hit(
                ("indicators", index, "baseline", "period"),
                f"indicator {indicator.id}'s baseline ({baseline.period.label}) does not end "
                f"before its first target period ({first.label}) starts: take the "
                "baseline from a period before the targets begin",
            )
