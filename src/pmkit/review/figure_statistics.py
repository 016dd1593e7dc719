"""The statistics behind an indicator's latest figure: its interval, small numbers, comparators.

For the figure a review is about (or, when that is not due, the latest
figure in) this works out, from the counts recorded with it:

- its **confidence interval**, by the profiles' methods (Wilson for a
  percentage; exact Poisson below 10 events and Byar's from 10 for a crude
  rate), or the interval supplied with the figure for a standardised rate or
  a survey estimate;
- whether it rests on **small numbers** (fewer events than the plan's
  ``statistics.unreliable_below``), and is then flagged unreliable, and
  whether it must be hidden (fewer than ``suppress_below``);
- how it **compares with England** and each other comparator, by whether
  the comparator lies outside the interval, and whether a comparator's
  figure is more than a year older than the local one.

Numbers stay exact (``Decimal``); the interval is rounded to the figure's own
decimals (at least one below 1,000) as the profiles show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.model.indicators import Accumulation, ComparatorKind
from pmkit.model.units import UnitKind
from pmkit.periods import PeriodKind
from pmkit.review.numbers import number
from pmkit.statistics.comparison import Comparison, compare_with_benchmark
from pmkit.statistics.intervals import poisson_method, proportion_interval, rate_interval

if TYPE_CHECKING:
    from pmkit.model.indicators import Comparator, Indicator
    from pmkit.model.settings import Settings
    from pmkit.monitoring.model import Figure
    from pmkit.periods import Period

WILSON = "Wilson score interval, for proportions"
EXACT = "Exact Poisson interval, for small counts"
BYAR = "Byar's method, from 10 events"
SUPPLIED = "Supplied interval"
COMPARISON = "Comparison with England"
SMALL_NUMBERS = "Small numbers"

_VERDICTS = {
    Comparison.BETTER: "Better than",
    Comparison.SIMILAR: "Similar to",
    Comparison.WORSE: "Worse than",
    Comparison.HIGHER: "Higher than",
    Comparison.LOWER: "Lower than",
}
_KIND_NAMES = {
    ComparatorKind.NATIONAL: "England",
    ComparatorKind.REGIONAL: "the region",
    ComparatorKind.FAMILY_GROUP: "the family group",
    ComparatorKind.STATISTICAL_NEIGHBOURS: "statistical neighbours",
    ComparatorKind.OTHER: "the comparator",
}


@dataclass(slots=True)
class ComparatorShown:
    """One comparator beside the local figure: its value and period, and how they compare."""

    kind: str
    name: str
    value: Decimal | None
    period: str | None
    source: str | None
    comparison: str
    """better, similar, worse, higher, lower, or not_compared."""
    words: str
    """``Similar to England (15.1)``, or why it cannot be compared."""
    out_of_date: bool = False
    """Whether its period ended more than a year before the local figure's."""


@dataclass(slots=True)
class FigureStatistics:
    """The uncertainty in a figure, and how it compares: everything a reader needs to weigh it."""

    period: str
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    confidence: Decimal = Decimal(95)
    """The level of the interval, in percent (a supplied interval is 95%)."""
    lower: Decimal | None = None
    upper: Decimal | None = None
    method: str | None = None
    """How the interval was found (a heading in the methodology), or ``None`` if there is none."""
    interval_note: str = ""
    """Why there is no interval, when there is none."""
    unreliable: bool = False
    unreliable_note: str = ""
    suppressed: bool = False
    """Counts below the plan's ``suppress_below``: the figure and its counts are not shown."""
    shown: str = ""
    """The figure with its interval: ``12.4 (95% CI 10.1 to 15.2)``."""
    england: str = ""
    """How the figure compares with England, in words."""
    comparison: str = Comparison.NOT_COMPARED.value
    comparators: list[ComparatorShown] = field(default_factory=list)

    @property
    def weighed(self) -> bool:
        """Whether there is anything to weigh: an interval, counts, or a hidden figure."""
        return self.method is not None or self.numerator is not None or self.suppressed

    @property
    def limits(self) -> str:
        """``95% CI 10.1 to 15.2``: the limits with the decimals they were rounded to."""
        level = f"{self.confidence.normalize():f}% CI"
        if self.lower is None or self.upper is None:
            return f"{level} not known"
        return f"{level} {self.lower:,f} to {self.upper:,f}"

    @property
    def brief(self) -> list[str]:
        """The interval, small numbers and the comparison with England, for the terminal."""
        found = [self.limits] if self.method is not None and self.lower is not None else []
        if self.unreliable:
            found.append(self.unreliable_note)
        if self.comparison != Comparison.NOT_COMPARED.value:
            found.append(self.england)
        return found


def figure_statistics(
    indicator: Indicator,
    settings: Settings,
    period: Period,
    value: Decimal | None,
    record: Figure | None,
) -> FigureStatistics | None:
    """The statistics of ``indicator``'s figure ``value`` for ``period``, recorded as ``record``.

    ``None`` when there is nothing to show: no counts, no supplied interval
    and no comparator.
    """
    supplied = record is not None and record.lower_ci is not None and record.upper_ci is not None
    counted = record is not None and record.numerator is not None
    if value is None or not (supplied or counted or indicator.comparators):
        return None
    stats = FigureStatistics(period.label, value, confidence=settings.statistics.confidence)
    if record is not None:
        stats.numerator, stats.denominator = record.numerator, record.denominator
    _interval(indicator, settings, stats, record)
    threshold = settings.statistics.unreliable_below
    if stats.numerator is not None and stats.numerator < threshold:
        stats.unreliable = True
        events = number(stats.numerator)
        stats.unreliable_note = (
            f"Small numbers: unreliable ({events} event{'s' if events != '1' else ''}, "
            f"fewer than {threshold})"
        )
    hide = settings.suppress_below
    if hide is not None and stats.numerator is not None and stats.numerator < hide:
        _suppress(stats)
        return stats
    stats.shown = _shown(stats)
    stats.comparators = [
        _comparator(indicator, stats, period, item) for item in indicator.comparators
    ]
    national = next(
        (
            shown
            for shown, item in zip(stats.comparators, indicator.comparators, strict=True)
            if item.kind is ComparatorKind.NATIONAL
        ),
        None,
    )
    if national is not None:
        stats.england, stats.comparison = national.words, national.comparison
    return stats


def _interval(
    indicator: Indicator, settings: Settings, stats: FigureStatistics, record: Figure | None
) -> None:
    """Put the figure's interval (or the reason there is none) into ``stats``."""
    unit = indicator.unit
    standardised = indicator.definition is not None and bool(indicator.definition.standardised)
    supplied = record is not None and record.lower_ci is not None and record.upper_ci is not None
    if supplied and (standardised or stats.numerator is None):
        assert record is not None  # counts of a crude rate take the profiles' own method
        stats.lower, stats.upper = record.lower_ci, record.upper_ci
        stats.confidence, stats.method = Decimal(95), SUPPLIED
        return
    if standardised:
        stats.interval_note = "a standardised rate, and no interval was supplied with it"
        return
    if unit is None or unit.kind not in (UnitKind.PERCENTAGE, UnitKind.RATE):
        stats.interval_note = "an interval is worked out only for a percentage or a rate"
        return
    if stats.numerator is None or stats.denominator is None:
        stats.interval_note = "no counts (numerator and denominator) were recorded with it"
        return
    multiplier = 100 if unit.kind is UnitKind.PERCENTAGE else unit.per or 1
    assert stats.value is not None
    counted = stats.numerator / stats.denominator * Decimal(multiplier)
    own = stats.value.as_tuple().exponent  # the value's own decimals, as recorded
    step = Decimal(1).scaleb(own if isinstance(own, int) else 0)
    places = _places(stats.value)
    if abs(counted - stats.value) > step / 2:
        stats.interval_note = (
            f"its counts ({number(stats.numerator)} of {number(stats.denominator)}) give "
            f"{number(counted, places + 1)}, not the {number(stats.value)} recorded"
        )
        return
    level = settings.statistics.level
    try:
        if unit.kind is UnitKind.PERCENTAGE:
            found = proportion_interval(
                float(stats.numerator), float(stats.denominator), multiplier=100, confidence=level
            )
            stats.method = WILSON
        else:
            found = rate_interval(
                float(stats.numerator),
                float(stats.denominator),
                multiplier=float(multiplier),
                confidence=level,
            )
            stats.method = EXACT if poisson_method(float(stats.numerator)) == "exact" else BYAR
    except ValueError as error:
        stats.method, stats.interval_note = None, str(error)
        return
    shown = Decimal(1).scaleb(-places)
    stats.lower = Decimal(repr(found.lower)).quantize(shown)
    stats.upper = Decimal(repr(found.upper)).quantize(shown)


def _places(value: Decimal | None) -> int:
    """The decimals to show an interval to: the figure's own, at least one below 1,000."""
    if value is None:
        return 1
    exponent = value.normalize().as_tuple().exponent
    own = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return min(max(own, 0 if abs(value) >= 1000 else 1), 3)


def _shown(stats: FigureStatistics) -> str:
    """``12.4 (95% CI 10.1 to 15.2)``, or the figure alone when it has no interval."""
    figure = number(stats.value, 3)
    if stats.method is None or stats.lower is None or stats.upper is None:
        return figure
    return f"{figure} ({stats.limits})"


def _comparator(
    indicator: Indicator, stats: FigureStatistics, period: Period, item: Comparator
) -> ComparatorShown:
    """One comparator, compared with the local figure by whether it lies outside the interval."""
    name = item.name or _KIND_NAMES[item.kind]
    old = item.period is not None and period.last - item.period.last > 12
    verdict = compare_with_benchmark(
        None if stats.value is None else float(stats.value),
        None if stats.lower is None else float(stats.lower),
        None if stats.upper is None else float(stats.upper),
        None if item.value is None else float(item.value),
        indicator.polarity,
    )
    unlike = _unlike(indicator, period, item)
    if unlike is not None:
        verdict = Comparison.NOT_COMPARED
    said = [_written(item.value)]
    if item.period is not None:
        said.append(item.period.label)
    if old:
        said.append("more than a year older")
    shown = f"{name} ({', '.join(said)})"
    if verdict is not Comparison.NOT_COMPARED:
        words = f"{_VERDICTS[verdict]} {shown}"
    elif item.value is None:
        words = f"{shown}: cannot be compared, it has no figure"
    else:
        words = f"{shown}: cannot be compared, {unlike or 'the local figure has no interval'}"
    return ComparatorShown(
        kind=item.kind.value,
        name=name,
        value=item.value,
        period=item.period.label if item.period is not None else None,
        source=item.source,
        comparison=verdict.value,
        words=words,
        out_of_date=old,
    )


def _unlike(indicator: Indicator, period: Period, item: Comparator) -> str | None:
    """Why a whole year's comparator cannot be set beside part of a year's figure, if it cannot.

    A percentage or an average is the same kind of figure for a quarter as for
    a year; a count, a sum or a rate of events in a quarter (or to date) is not.
    """
    if item.period is None or item.period.kind is not PeriodKind.YEAR:
        return None
    if period.kind is PeriodKind.YEAR:
        return None
    kind = indicator.unit.kind if indicator.unit is not None else None
    if kind not in (UnitKind.COUNT, UnitKind.RATE, UnitKind.MONEY):
        return None
    accumulation = indicator.accumulation
    if accumulation is Accumulation.YEAR_TO_DATE:
        return f"the local figure is for the year to {period.label}, not a whole year"
    if accumulation in (Accumulation.DISCRETE, None):
        return f"the local figure is for {period.label} alone, not a whole year"
    return None


def _written(value: Decimal | None) -> str:
    """A comparator's figure with the decimals it was written with: 8.0 stays 8.0."""
    if value is None:
        return "-"
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return f"{value:,.{places}f}"


def _suppress(stats: FigureStatistics) -> None:
    """Hide a figure from counts below ``suppress_below``: no value, counts or interval."""
    stats.suppressed = True
    stats.value = stats.numerator = stats.denominator = stats.lower = stats.upper = None
    stats.shown = "not shown: small numbers"
    stats.england = ""
