"""An indicator's statistical process control (XmR) chart, as the review shows it.

Plain data, like the rest of the review: every renderer reads this. Each
judgement is carried in words and a symbol, after the icons of NHS England's
*Making Data Count*: variation (common cause, or special cause improving,
concerning, or neither, high or low) and assurance (consistently passes,
consistently fails, hit and miss).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

METHOD = "statistical process control (XmR)"
"""The heading in the methodology that explains the chart."""

VARIATION_WORDS = {
    "common_cause": "Common cause",
    "special_cause_improving": "Special cause, improving",
    "special_cause_concerning": "Special cause, concerning",
    "special_cause_high": "Special cause, high",
    "special_cause_low": "Special cause, low",
}
"""Each kind of variation in words."""

ASSURANCE_WORDS = {
    "consistently_meets": "Consistently passes the target",
    "consistently_misses": "Consistently fails the target",
    "hit_and_miss": "Hit and miss",
}
"""Each kind of assurance in words."""

ASSURANCE_SYMBOLS = {
    "consistently_meets": "(P)",
    "consistently_misses": "(F)",
    "hit_and_miss": "(?)",
}
"""Each kind of assurance as a symbol: the letter on the *Making Data Count* icon."""

RULE_WORDS = {
    "outside_limits": "beyond a process limit",
    "trend": "a run of seven rising or falling",
    "two_of_three": "two of three near a limit",
    "shift": "seven or more on one side of the mean",
}
"""Each special-cause rule in words."""


def variation_symbol(variation: str | None, direction: int) -> str:
    """The variation as a symbol: '~' for common cause, else an arrow and H or L."""
    if variation is None:
        return ""
    if variation == "common_cause" or direction == 0:
        return "~"
    return "↑(H)" if direction > 0 else "↓(L)"


@dataclass(frozen=True, slots=True)
class SpcPoint:
    """One point on the chart: its period, value, and the special cause found there."""

    period: str
    value: Decimal
    variation: str | None
    """None on trial limits: too few points since the break to judge the point by them."""
    special_cause: str | None = None
    """The rule that decides the point's variation (outside_limits, trend, two_of_three, shift)."""
    direction: int = 0
    """1 special cause upwards, -1 downwards, 0 common cause."""


@dataclass(frozen=True, slots=True)
class SpcSegment:
    """A stretch of the chart between breaks, with its mean and process limits."""

    first: str
    """The period of the segment's first point."""
    last: str
    points: int
    mean: Decimal
    lower_limit: Decimal | None
    upper_limit: Decimal | None
    trial: bool
    """Fewer points than the minimum: the limits are trial limits."""
    lower_shown: Decimal | None = None
    """The lower limit as drawn: cut at the lowest figure the measure can take."""
    upper_shown: Decimal | None = None
    """The upper limit as drawn: cut at the highest figure the measure can take."""


@dataclass(frozen=True, slots=True)
class SpcChange:
    """A change the plan declares, from which the chart's limits are calculated afresh."""

    period: str
    """The first period of the new stretch."""
    change: str
    """The plan's own words for what changed."""
    kind: str
    """'definition' (a definition change) or 'process' (a change in process)."""

    @property
    def words(self) -> str:
        """The change as the review says it: 'from 2026/27 Q1: <what changed>'."""
        said = self.change.rstrip(". ")
        return f"from {self.period}: {said}" + (
            " (a change of definition)" if self.kind == "definition" else ""
        )


@dataclass(slots=True)
class SpcReview:
    """The XmR chart of an indicator's own figures, or why there is none.

    ``refused`` says why the series cannot be charted at all (a year-to-date
    figure, too few figures); then there are no points. ``variation`` and
    ``assurance`` are None when not judged, with ``note`` and
    ``assurance_reason`` saying why.
    """

    frequency: str
    minimum_points: int
    points: list[SpcPoint] = field(default_factory=list)
    segments: list[SpcSegment] = field(default_factory=list)
    breaks: list[str] = field(default_factory=list)
    """The periods from which the plan says the process changed (limits start afresh)."""
    changes: list[SpcChange] = field(default_factory=list)
    """What changed at each break, in the plan's words, oldest first."""
    variation: str | None = None
    variation_words: str = ""
    variation_symbol: str = ""
    assurance: str | None = None
    assurance_words: str = ""
    assurance_symbol: str = ""
    target: Decimal | None = None
    """The constant target assurance is judged against."""
    refused: str | None = None
    note: str | None = None
    """Why variation is not judged, when the series is charted but not judged."""
    assurance_reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    limit_notes: list[str] = field(default_factory=list)
    """Where a process limit is drawn cut at the lowest or highest figure the measure can take."""

    @property
    def notes(self) -> list[str]:
        """Everything said beneath the chart: why limits were recalculated, cut limits, warnings."""
        recalculated = (
            ["limits recalculated " + "; ".join(change.words for change in self.changes)]
            if self.changes
            else []
        )
        return recalculated + self.limit_notes + self.warnings

    @property
    def judged(self) -> bool:
        """Whether the chart has enough points since the latest break to be read."""
        return self.variation is not None

    @property
    def special_cause_runs(self) -> list[str]:
        """The special causes in words, neighbouring points under one rule taken together."""
        runs: list[tuple[str, str, str, int]] = []
        for index, point in enumerate(self.points):
            rule = point.special_cause
            if rule is None:
                continue
            if runs and runs[-1][2] == rule and runs[-1][3] == index - 1:
                runs[-1] = (runs[-1][0], point.period, rule, index)
            else:
                runs.append((point.period, point.period, rule, index))
        return [
            f"{first}{'' if first == last else ' to ' + last} ({RULE_WORDS[rule]})"
            for first, last, rule, _ in runs
        ]

    @property
    def special_causes(self) -> list[SpcPoint]:
        """The points where a special-cause rule fired, oldest first."""
        return [point for point in self.points if point.special_cause is not None]
