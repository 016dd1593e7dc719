"""TIM001: an indicator too infrequent or too late for the partnership's review cycle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.model.partnership import Frequency
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.findings import Pointer
    from pmkit.rules.base import Context

_PLAN = """\
indicators:
  - id: PH-04
    title: Hospital admissions for violence per 100,000 population
    outcomes: [O1]
    frequency: annual
    data_lag: 6 months
"""


@rule(
    code="TIM001",
    name="too-slow-for-quarterly-review",
    criteria=(Criterion.TIMELY,),
    severity=Severity.WARNING,
    summary="An indicator arrives less often than the partnership reviews, or too long "
    "after its period, and has no in-year proxy.",
    rationale="""
        The framework asks for information that is "timely", reviewed "regularly, ideally
        quarterly, to allow remedial action to be taken if all is not according to
        plan". An annual figure, or one published many months after the period it
        describes, tells the board how things went long after anything could be
        done about them: most quarterly reviews see no new figure at all. Such
        indicators still matter, but they need an in-year proxy, a more frequent or
        faster measure that moves with them, so that the partnership can see
        trouble coming and act.
    """,
    bad=example(OUTCOMES, _PLAN),
    good=example(
        OUTCOMES,
        _PLAN
        + """\
    in_year_proxy: CS-06
  - id: CS-06
    title: Violence with injury recorded by the police
    outcomes: [O1]
    frequency: monthly
    data_lag: 2 weeks
""",
    ),
    thresholds={"max_data_lag_months": 3},
)
def too_slow_for_quarterly_review(context: Context) -> Iterator[Hit]:
    """Indicators slower than the review cycle, or later than ``max_data_lag_months``.

    The review cycle is the partnership's ``review_frequency``, quarterly when
    not given. An indicator with an ``in_year_proxy`` is left alone.
    """
    review = context.plan.partnership.review_frequency or Frequency.QUARTERLY
    limit = context.threshold("max_data_lag_months")
    for index, indicator in enumerate(context.plan.indicators):
        if indicator.in_year_proxy is not None:
            continue
        frequency, lag = indicator.frequency, indicator.data_lag
        reasons: list[str] = []
        pointer: Pointer | None = None
        if frequency is not None and frequency.months > review.months:
            pointer = ("indicators", index, "frequency")
            reasons.append(
                f"its frequency ({_spoken(frequency)}) is longer than the partnership's "
                f"review cycle ({_spoken(review)})"
            )
        if lag is not None and lag.months > float(limit):
            pointer = pointer or ("indicators", index, "data_lag")
            months = f"{limit.normalize():f} month{'' if limit == 1 else 's'}"
            reasons.append(
                f"its figures arrive {lag} after the period ends, more than the {months} "
                "allowed (max_data_lag_months)"
            )
        if pointer is not None:
            yield Hit(
                pointer,
                f"indicator {indicator.id} is too slow for the board to act on: "
                f"{' and '.join(reasons)}; name a more timely indicator that moves with it "
                "under in_year_proxy, so remedial action can be taken in time",
            )


def _spoken(frequency: Frequency) -> str:
    """``six-monthly`` rather than ``six_monthly``."""
    return frequency.value.replace("_", "-")
