"""FOC004: more priorities than the partnership can resource."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context

MAX_PRIORITIES = "max_priorities"


@rule(
    code="FOC004",
    name="too-many-priorities",
    criteria=(Criterion.FOCUSED,),
    severity=Severity.WARNING,
    summary="The plan sets more priorities than the threshold max_priorities allows.",
    rationale="""
        The framework warns that "many partnership plans are vast in size and scope
        however very few have dedicated resources to realise these outcomes".
        Setting priorities "ensures that resources are targeted to where they can
        be most effective rather than spread too thinly"; a long list of
        priorities is no priority at all. Keep the few that matter most to the
        joint vision, and merge or drop the rest.
    """,
    bad=example(
        """\
priorities:
  - {id: P1, title: Reduce neighbourhood crime}
  - {id: P2, title: Reduce anti-social behaviour}
  - {id: P3, title: Tackle domestic abuse}
  - {id: P4, title: Reduce reoffending}
  - {id: P5, title: Reduce first-time entrants to youth justice}
  - {id: P6, title: Tackle drug and alcohol misuse}
  - {id: P7, title: Improve road safety}
""",
    ),
    good=example(
        """\
priorities:
  - {id: P1, title: Reduce neighbourhood crime}
  - {id: P2, title: Tackle domestic abuse}
  - {id: P3, title: Reduce reoffending}
""",
    ),
    thresholds={MAX_PRIORITIES: 6},
)
def too_many_priorities(context: Context) -> Iterator[Hit]:
    """The ``priorities`` list, when it is longer than ``max_priorities``."""
    count = len(context.plan.priorities)
    limit = context.threshold(MAX_PRIORITIES)
    if count > limit:
        ranked = any(priority.rank is not None for priority in context.plan.priorities)
        which = "the lower-ranked priorities" if ranked else "the least important (rank them)"
        yield Hit(
            ("priorities",),
            f"the plan has {count} priorities, more than {limit.normalize():f} "
            f"(threshold {MAX_PRIORITIES}): resources risk being spread too thinly; "
            f"merge or drop {which}",
        )
