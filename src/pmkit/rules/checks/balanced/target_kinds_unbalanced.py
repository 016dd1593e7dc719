"""BAL004: a kind of target the plan should measure progress on but does not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.model.partnership import TargetKind
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.findings import Pointer
    from pmkit.rules.base import Context

_KIND_NAMES = {
    TargetKind.FLOOR: "floor (minimum standard)",
    TargetKind.NATIONAL_PRIORITY: "national priority",
}


@rule(
    code="BAL004",
    name="target-kinds-unbalanced",
    criteria=(Criterion.BALANCED,),
    severity=Severity.WARNING,
    summary="No indicator has a locally defined target, or a kind of target the "
    "partnership says applies has no indicator.",
    rationale="""
        The framework says performance indicators should measure progress on "relevant
        floor targets", "other national priority targets" and "locally defined
        targets". Today the first two are statutory minimum standards and the
        national outcomes frameworks; the third is what makes the plan the
        partnership's own. A plan with no local targets only reports against other
        people's priorities, and a kind of target the partnership lists in
        target_kinds with no indicator behind it is a commitment nobody measures.
    """,
    bad=example(
        OUTCOMES,
        """\
indicators:
  - id: PH-01
    title: Hospital admissions for violence per 100,000 population
    target_kind: national_priority
    outcomes: [O1]
    targets:
      - {period: 2026/27, value: 40}
""",
    ),
    good=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    target_kind: local
    outcomes: [O1]
    targets:
      - {period: 2026/27, value: 11.5}
""",
    ),
)
def target_kinds_unbalanced(context: Context) -> Iterator[Hit]:
    """No indicator with a local target, and each listed target kind no indicator uses.

    A plan with no indicators at all gets no finding: its gap is the missing
    indicators, which other rules report.
    """
    partnership = context.plan.partnership
    indicators = context.plan.indicators
    if not indicators:
        return
    pointer: Pointer = (
        ("partnership", "target_kinds") if partnership.target_kinds else ("partnership",)
    )
    if not any(i.target_kind is TargetKind.LOCAL and i.targets for i in indicators):
        yield Hit(
            pointer,
            "no indicator has a locally defined target: set target_kind: local and "
            "targets on the indicators of the partnership's own priorities",
        )
    used = {indicator.target_kind for indicator in indicators}
    for kind in dict.fromkeys(partnership.target_kinds):
        if kind is not TargetKind.LOCAL and kind not in used:
            yield Hit(
                pointer,
                f"target_kinds lists {kind.value} but no indicator has target_kind "
                f"{kind.value}: measure progress on the {_KIND_NAMES[kind]} targets that "
                f"apply, or take {kind.value} out of target_kinds",
            )
