"""Statistical process control: the XmR chart as NHS England's *Making Data Count* reads it.

The calculations follow NHSRplotthedots (the NHS-R Community's 'plot the dots'
package, MIT licence): the mean, the moving ranges between consecutive points,
process limits at the mean ± 2.66 times the mean moving range (after setting
aside moving ranges of 3.267 times the mean moving range or more, as outliers), and four
special-cause rules:

- a point beyond a process limit;
- a run of seven or more consecutive points on one side of the mean (a point
  exactly on the mean breaks the run);
- seven or more consecutive points each higher (or each lower) than the last
  (an equal pair breaks the trend);
- two of three consecutive points beyond two sigma (between the mean ± 1.77
  times the mean moving range and the process limit) with all three on the same
  side of the mean.

A point that several rules flag takes the first in that order, as in the
reference. The series' variation is the latest point's; its assurance compares a
constant target with the latest process limits. Limits are recalculated from
each declared break, where the process changed. Pure functions: no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from pmkit.model.indicators import Polarity

LIMIT_FACTOR = 2.66
"""Process limits lie this many mean moving ranges from the mean (3 sigma)."""
NEAR_LIMIT_FACTOR = 2 * LIMIT_FACTOR / 3
"""Two sigma, in mean moving ranges: the band the two-of-three rule looks at."""
OUTLIER_FACTOR = 3.267
"""Moving ranges at or above this many mean moving ranges are set aside as outliers."""
RUN_LENGTH = 7
"""Points in a row on one side of the mean that signal a shift (the reference's default)."""
TREND_LENGTH = 7
"""Points in a row, each above (or below) the last, that signal a trend."""
MINIMUM_POINTS = 12
"""Points a segment needs before its limits are more than trial limits.

NHSRplotthedots documents and tests 12 ("Some groups have 'n < 12'
observations"; the vignette *number-of-points-required*); the default of its
``ptd_spc.warning_threshold`` option in code is 13, which disagrees with its own
message, so 12 is taken here.
"""


class Rule(StrEnum):
    """A special-cause rule, in order of precedence."""

    OUTSIDE_LIMITS = "outside_limits"
    TREND = "trend"
    TWO_OF_THREE = "two_of_three"
    SHIFT = "shift"


class Variation(StrEnum):
    """What the variation at a point says, given which way is better."""

    COMMON_CAUSE = "common_cause"
    IMPROVING = "special_cause_improving"
    CONCERNING = "special_cause_concerning"
    HIGH = "special_cause_high"
    """Special cause upwards where neither direction is better."""
    LOW = "special_cause_low"
    """Special cause downwards where neither direction is better."""


class Assurance(StrEnum):
    """Whether the process can be relied on to meet a target."""

    CONSISTENTLY_MEETS = "consistently_meets"
    CONSISTENTLY_MISSES = "consistently_misses"
    HIT_AND_MISS = "hit_and_miss"


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the series between breaks, with its own mean and limits."""

    start: int
    stop: int
    """One past the last index, as in ``range(start, stop)``."""
    mean: float
    mean_moving_range: float | None
    """None for a segment of one point, which has no moving range."""
    lower_limit: float | None
    upper_limit: float | None
    trial: bool
    """True when the segment has fewer than the minimum number of points."""


@dataclass(frozen=True, slots=True)
class Point:
    """One value on the chart and what the rules found there."""

    index: int
    value: float
    segment: int
    moving_range: float | None
    side: int
    """1 above the mean, -1 below it, 0 exactly on it."""
    near_limit: bool
    """Beyond two sigma but within the process limits."""
    rules: frozenset[Rule]
    """Every rule whose pattern the point is part of."""
    special_cause: Rule | None
    """The rule that decides the point's variation: the first of ``rules`` by precedence."""
    direction: int
    """1 for special cause upwards, -1 downwards, 0 for common cause."""
    variation: Variation


@dataclass(frozen=True, slots=True)
class SpcResult:
    """The chart: every point, every segment, and the judgements on the latest."""

    points: tuple[Point, ...]
    segments: tuple[Segment, ...]
    variation: Variation | None
    """The latest point's variation; None below the minimum number of points."""
    assurance: Assurance | None
    assurance_reason: str | None
    """Why there is no assurance, when there is none."""
    warnings: tuple[str, ...]


def xmr(
    values: Sequence[float],
    *,
    polarity: Polarity | None = None,
    target: float | Sequence[float | None] | None = None,
    breaks: Sequence[int] = (),
    minimum_points: int = MINIMUM_POINTS,
    screen_outliers: bool = True,
    fix_after: int | None = None,
) -> SpcResult:
    """Compute an XmR chart over ``values`` (oldest first).

    ``target`` is one figure for the whole series or one per value (None where
    there is none); assurance needs it constant over the latest segment.
    ``breaks`` are the indices where the process changed: limits are calculated
    afresh from each. ``fix_after`` calculates each segment's limits from its first
    so many points only. Below ``minimum_points`` in the latest segment the
    limits are trial limits and there is no variation or assurance judgement.
    """
    series = [float(value) for value in values]
    if not all(math.isfinite(value) for value in series):
        raise ValueError("every value must be a finite number")
    if minimum_points < 2:
        raise ValueError("the minimum number of points must be at least 2")
    if fix_after is not None and fix_after < 2:
        raise ValueError("limits need at least 2 points to be fixed from")
    bounds = _segment_bounds(len(series), breaks)
    segments = tuple(
        _segment(
            series,
            start,
            stop,
            minimum_points=minimum_points,
            screen_outliers=screen_outliers,
            fix_after=fix_after,
        )
        for start, stop in bounds
    )
    points: list[Point] = []
    for number, segment in enumerate(segments):
        points.extend(_points(series, number, segment, polarity))
    warnings = tuple(
        f"only {segment.stop - segment.start} points from index {segment.start}: "
        f"the limits are trial limits until there are {minimum_points}"
        for segment in segments
        if segment.trial
    )
    if not points:
        return SpcResult((), (), None, None, "there are no values", warnings)
    latest = segments[-1]
    if latest.trial or latest.lower_limit is None or latest.upper_limit is None:
        short = f"fewer than {minimum_points} points since the latest break"
        return SpcResult(tuple(points), segments, None, None, short, warnings)
    assurance, reason = _assurance(latest, polarity, target, len(series))
    return SpcResult(tuple(points), segments, points[-1].variation, assurance, reason, warnings)


def _segment_bounds(length: int, breaks: Sequence[int]) -> list[tuple[int, int]]:
    starts = sorted(set(breaks))
    if any(start <= 0 or start >= length for start in starts):
        raise ValueError(f"a break must be an index from 1 to {length - 1}")
    edges = [0, *starts, length]
    return [(edges[i], edges[i + 1]) for i in range(len(edges) - 1) if length]


def _segment(
    series: list[float],
    start: int,
    stop: int,
    *,
    minimum_points: int,
    screen_outliers: bool,
    fix_after: int | None,
) -> Segment:
    basis = (
        series[start:stop] if fix_after is None else series[start : min(stop, start + fix_after)]
    )
    mean = sum(basis) / len(basis)
    trial = stop - start < minimum_points
    ranges = [abs(b - a) for a, b in pairwise(basis)]
    if not ranges:
        return Segment(start, stop, mean, None, None, None, trial)
    average = sum(ranges) / len(ranges)
    if screen_outliers and average > 0:
        kept = [moving for moving in ranges if moving < OUTLIER_FACTOR * average]
        average = sum(kept) / len(kept)
    spread = LIMIT_FACTOR * average
    return Segment(start, stop, mean, average, mean - spread, mean + spread, trial)


def _points(
    series: list[float], number: int, segment: Segment, polarity: Polarity | None
) -> list[Point]:
    values = series[segment.start : segment.stop]
    mean = segment.mean
    sides = [(value > mean) - (value < mean) for value in values]
    outside = [False] * len(values)
    near = [False] * len(values)
    if segment.lower_limit is not None and segment.upper_limit is not None:
        assert segment.mean_moving_range is not None
        band = NEAR_LIMIT_FACTOR * segment.mean_moving_range
        for i, value in enumerate(values):
            outside[i] = value > segment.upper_limit or value < segment.lower_limit
            near[i] = not outside[i] and (value > mean + band or value < mean - band)
    shift = run_marks(sides, RUN_LENGTH)
    steps = [(b > a) - (b < a) for a, b in pairwise(values)]
    trend = trend_marks(steps, TREND_LENGTH) or [0] * len(values)  # one point: no steps
    two_of_three = two_of_three_marks(near, sides)
    points = []
    for i, value in enumerate(values):
        found = {
            Rule.OUTSIDE_LIMITS: outside[i] if outside[i] else None,
            Rule.TREND: trend[i] or None,
            Rule.TWO_OF_THREE: two_of_three[i] or None,
            Rule.SHIFT: shift[i] or None,
        }
        rules = frozenset(rule for rule, hit in found.items() if hit)
        special = next((rule for rule in Rule if rule in rules), None)
        direction = 0
        if special is Rule.TREND:
            direction = trend[i]
        elif special is not None:
            direction = 1 if sides[i] > 0 else -1
        index = segment.start + i
        points.append(
            Point(
                index=index,
                value=value,
                segment=number,
                moving_range=abs(value - values[i - 1]) if i else None,
                side=sides[i],
                near_limit=near[i],
                rules=rules,
                special_cause=special,
                direction=direction,
                variation=_variation(direction, polarity),
            )
        )
    return points


def run_marks(signs: list[int], length: int) -> list[int]:
    """For each position, the sign of a run of ``length`` or more equal non-zero signs it is in."""
    marks = [0] * len(signs)
    start = 0
    for end in range(1, len(signs) + 1):
        if end == len(signs) or signs[end] != signs[start]:
            if signs[start] != 0 and end - start >= length:
                marks[start:end] = [signs[start]] * (end - start)
            start = end
    return marks


def trend_marks(steps: list[int], length: int) -> list[int]:
    """For each point, the direction of a trend of ``length`` points or more it is in.

    ``steps`` are the signs of the differences between consecutive points; a
    trend of ``length`` points is ``length - 1`` equal non-zero steps. A point at
    which one trend ends and the next begins takes the later one's direction,
    as the reference does.
    """
    marks = [0] * (len(steps) + 1 if steps else 0)
    for step_index, sign in enumerate(run_marks(steps, length - 1)):
        if sign:
            marks[step_index] = sign
            if not marks[step_index + 1]:
                marks[step_index + 1] = sign
    return marks


def two_of_three_marks(near: list[bool], sides: list[int]) -> list[bool]:
    """Points near a limit in any three in a row with two or more near and all on one side."""
    marks = [False] * len(near)
    for start in range(len(near) - 2):
        window = range(start, start + 3)
        if sum(near[i] for i in window) >= 2 and abs(sum(sides[i] for i in window)) == 3:
            for i in window:
                marks[i] = marks[i] or near[i]
    return marks


def _variation(direction: int, polarity: Polarity | None) -> Variation:
    if direction == 0:
        return Variation.COMMON_CAUSE
    if polarity is None:
        return Variation.HIGH if direction > 0 else Variation.LOW
    better = 1 if polarity is Polarity.HIGHER else -1
    return Variation.IMPROVING if direction == better else Variation.CONCERNING


def _assurance(
    latest: Segment,
    polarity: Polarity | None,
    target: float | Sequence[float | None] | None,
    length: int,
) -> tuple[Assurance | None, str | None]:
    if polarity is None:
        return None, "the indicator has no polarity, so meeting a target has no direction"
    if target is None:
        return None, "there is no target"
    if isinstance(target, int | float):
        constant = float(target)
    else:
        if len(target) != length:
            raise ValueError("give one target per value, or a single target")
        targets = set(target[latest.start : latest.stop])
        if None in targets:
            return None, "some periods since the latest break have no target"
        if len(targets) != 1:
            return None, (
                "the target changes over the periods since the latest break; assurance "
                "needs a target that stays the same while the limits do"
            )
        constant = float(targets.pop())  # type: ignore[arg-type]
    assert latest.lower_limit is not None and latest.upper_limit is not None
    return assurance_against(constant, latest.lower_limit, latest.upper_limit, polarity), None


def assurance_against(
    target: float, lower_limit: float, upper_limit: float, polarity: Polarity
) -> Assurance:
    """Where a constant target lies against the process limits, given which way is better.

    A target beyond the upper limit is missed every time if higher is better
    (and met every time if lower is better); beyond the lower limit the other
    way round; between or on the limits, the process will sometimes meet it and
    sometimes not.
    """
    higher_is_better = polarity is Polarity.HIGHER
    if target > upper_limit:
        return Assurance.CONSISTENTLY_MISSES if higher_is_better else Assurance.CONSISTENTLY_MEETS
    if target < lower_limit:
        return Assurance.CONSISTENTLY_MEETS if higher_is_better else Assurance.CONSISTENTLY_MISSES
    return Assurance.HIT_AND_MISS
