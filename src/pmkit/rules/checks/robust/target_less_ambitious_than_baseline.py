"""ROB004: a target set on the wrong side of the baseline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.model.indicators import Polarity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="ROB004",
    name="target-less-ambitious-than-baseline",
    criteria=(Criterion.ROBUST,),
    severity=Severity.WARNING,
    summary="A target is worse than the indicator's baseline, given which way is better.",
    rationale="""
        A target is the partnership's statement of the difference it means to make. One
        set below the baseline where higher is better (or above it where lower is better)
        plans for decline: the indicator will show green while things get worse, so the
        partnership cannot "tell success from failure" or "recognise failure" and "correct
        it". Sometimes that is deliberate (containing a rise that cannot be stopped), but
        more often the polarity or a figure is wrong. Check the polarity, the baseline and
        the target, and say in the target's note why any planned deterioration is right.
    """,
    bad=example(
        """\
indicators:
  - id: CS-02
    title: Repeat burglary victims
    unit: count
    polarity: lower
    baseline: {period: 2025/26, value: 140}
    targets:
      - {period: 2026/27, value: 155}
""",
    ),
    good=example(
        """\
indicators:
  - id: CS-02
    title: Repeat burglary victims
    unit: count
    polarity: lower
    baseline: {period: 2025/26, value: 140}
    targets:
      - {period: 2026/27, value: 125}
""",
    ),
)
def target_less_ambitious_than_baseline(context: Context) -> Iterator[Hit]:
    """Targets worse than the baseline value, for indicators with a polarity and a baseline.

    Only targets for the same kind of period as the baseline compare with it (a
    year-to-date quarter's target is not a year's), and a target whose ``note``
    says why it is lower is taken as meant.
    """
    for index, indicator in enumerate(context.plan.indicators):
        baseline = indicator.baseline.value if indicator.baseline else None
        if indicator.polarity is None or baseline is None or indicator.baseline is None:
            continue
        kind = indicator.baseline.period.kind if indicator.baseline.period else None
        lower_is_better = indicator.polarity is Polarity.LOWER
        for number, target in enumerate(indicator.targets):
            if target.value is None or target.note:
                continue
            if kind is not None and target.period.kind is not kind:
                continue
            worse = target.value > baseline if lower_is_better else target.value < baseline
            if worse:
                direction = "above" if lower_is_better else "below"
                yield Hit(
                    ("indicators", index, "targets", number, "value"),
                    f"indicator {indicator.id}'s target for {target.period.label} ({target.value})"
                    f" is {direction} its baseline ({baseline}) although {indicator.polarity} "
                    "is better: check the polarity and the figures, or say in the target's "
                    "'note' why a worse figure is the aim",
                )
