"""Direction of travel: whether a figure is getting better, compared like with like.

A year-to-date figure (and any indicator the plan marks ``compare_with:
last_year``, such as a seasonal count) is compared with the same period last
year; every other figure with the period before. The arrow shows which way
the figure itself moved, so it agrees with the trend line; the words say
whether that is better or worse, by the indicator's polarity.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from pmkit.judgement.due import previous_period
from pmkit.model.indicators import Accumulation, CompareWith, Polarity

if TYPE_CHECKING:
    from pmkit.judgement.targets import Lookup
    from pmkit.model.indicators import Indicator
    from pmkit.periods import Period


class Direction(StrEnum):
    """Whether a figure is getting better, judged by the indicator's polarity."""

    IMPROVING = "improving"
    NO_CHANGE = "no_change"
    WORSENING = "worsening"
    NO_SIGNIFICANT_CHANGE = "no_significant_change"
    """The figure moved, but the counts behind it show the change could be chance."""

    @property
    def words(self) -> str:
        """The direction in words."""
        return self.value.replace("_", " ")


@dataclass(frozen=True, slots=True)
class Travel:
    """A figure's direction of travel, what it was compared with, and which way it moved."""

    direction: Direction
    against: str
    """The label of the period compared with."""
    basis: CompareWith
    moved: str
    """Which way the figure moved: ``up``, ``down`` or ``level``."""
    significance: str | None = None
    """The test that judged whether the change is significant, where both figures have counts."""

    @property
    def arrow(self) -> str:
        """An arrow for the figure's movement: up, down or level."""
        return {"up": "↑", "down": "↓", "level": "→"}[self.moved]

    @property
    def words(self) -> str:
        """``↓ improving on 2025/26 Q2``: movement, verdict and comparison."""
        return f"{self.arrow} {self.direction.words} on {self.against}"


def compared_with(indicator: Indicator) -> CompareWith:
    """What the indicator's direction compares with: the plan's choice, else by accumulation."""
    if indicator.compare_with is not None:
        return indicator.compare_with
    if indicator.accumulation is Accumulation.YEAR_TO_DATE:
        return CompareWith.LAST_YEAR
    return CompareWith.PREVIOUS


def direction(polarity: Polarity | None, now: Decimal, then: Decimal) -> Direction | None:
    """Improving, no change or worsening from ``then`` to ``now`` (``None`` without polarity)."""
    if polarity is None:
        return None
    if now == then:
        return Direction.NO_CHANGE
    better = now > then if polarity is Polarity.HIGHER else now < then
    return Direction.IMPROVING if better else Direction.WORSENING


def travel(
    indicator: Indicator,
    now: Decimal | None,
    then: Decimal | None,
    against: str,
    basis: CompareWith,
) -> Travel | None:
    """The direction of travel from ``then`` (for period ``against``) to ``now``."""
    if now is None or then is None:
        return None
    found = direction(indicator.polarity, now, then)
    if found is None:
        return None
    moved = "up" if now > then else "down" if now < then else "level"
    return Travel(found, against, basis, moved)


def like_for_like(
    indicator: Indicator, period: Period, value: Decimal | None, figure: Lookup
) -> tuple[Travel | None, Period, Decimal | None]:
    """The direction of the figure for ``period``, the period compared with, and its figure.

    Where the period before has no figure, the same period last year is used,
    and the direction says so.
    """
    basis = compared_with(indicator)
    then = (
        period.same_period_last_year()
        if basis is CompareWith.LAST_YEAR
        else previous_period(indicator, period)
    )
    before = figure(then)
    if before is None and basis is CompareWith.PREVIOUS:
        basis, then = CompareWith.LAST_YEAR, period.same_period_last_year()
        before = figure(then)
    return travel(indicator, value, before, then.label, basis), then, before


def improving_on_last_year(
    indicator: Indicator, period: Period, value: Decimal | None, figure: Lookup
) -> bool:
    """Whether the figure is better than the same period's last year (for the RAG scheme)."""
    moved = travel(
        indicator, value, figure(period.same_period_last_year()), "", CompareWith.LAST_YEAR
    )
    return moved is not None and moved.direction is Direction.IMPROVING
