"""ROB003: a baseline or target figure that the indicator's unit cannot hold."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import example

if TYPE_CHECKING:
    from collections.abc import Iterator
    from decimal import Decimal

    from pmkit.findings import Pointer
    from pmkit.model.indicators import Indicator
    from pmkit.rules.base import Context


@rule(
    code="ROB003",
    name="figure-does-not-fit-unit",
    criteria=(Criterion.ROBUST,),
    severity=Severity.ERROR,
    summary="A baseline or target is a figure the indicator's unit cannot hold.",
    rationale="""
        A percentage above 100, a negative count or a count of half a person is not a
        figure, it is a slip: a misplaced decimal point, a rate keyed in as a percentage,
        a baseline copied from another indicator. If the foundation of performance
        measurement is to be robust, the baseline the partnership starts from and the
        targets it aims for must at least be possible values, or every red, amber or
        green rating computed from them is meaningless. Correct the figure, or the unit.
    """,
    bad=example(
        """\
indicators:
  - id: HW-03
    title: Adults who are physically active
    unit: percentage
    baseline: {period: 2025/26, value: 64.5}
    targets:
      - {period: 2026/27, value: 665}
""",
    ),
    good=example(
        """\
indicators:
  - id: HW-03
    title: Adults who are physically active
    unit: percentage
    baseline: {period: 2025/26, value: 64.5}
    targets:
      - {period: 2026/27, value: 66.5}
""",
    ),
)
def figure_does_not_fit_unit(context: Context) -> Iterator[Hit]:
    """Baseline and target values for which ``Unit.problem_with`` names a problem."""
    for index, indicator in enumerate(context.plan.indicators):
        unit = indicator.unit
        if unit is None:
            continue
        for pointer, what, value in _figures(index, indicator):
            problem = unit.problem_with(value)
            if problem is not None:
                yield Hit(
                    pointer,
                    f"indicator {indicator.id}'s {what} does not fit its unit: {problem}; "
                    "correct the figure or the unit",
                )


def _figures(index: int, indicator: Indicator) -> Iterator[tuple[Pointer, str, Decimal]]:
    """Each baseline and target value of the indicator, with its pointer and a label."""
    baseline = indicator.baseline
    if baseline is not None and baseline.value is not None:
        yield ("indicators", index, "baseline", "value"), "baseline", baseline.value
    for number, target in enumerate(indicator.targets):
        for field in ("value", "low", "high"):
            value = getattr(target, field)
            if value is not None:
                yield (
                    ("indicators", index, "targets", number, field),
                    f"target for {target.period.label}",
                    value,
                )
