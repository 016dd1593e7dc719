"""The target for any period: set for the period itself, or shared out from the year's.

An explicit target for the period wins. Otherwise the year's target is
brought to the period by how the figure accumulates and what its unit
divides by:

- a year-to-date count or sum of money, and a year-to-date rate over a fixed
  population, take the *cumulative share* of the annual target (even: the
  months elapsed over twelve, so Q2 carries 6/12);
- a count or sum of money for the period alone takes the period's *own
  share* (even: a quarter carries 3/12);
- everything else (percentages, ratios, averages, days, scores, snapshots,
  rolling twelve months) is judged against the *annual* figure itself.

The shares follow the indicator's ``profile``: ``even`` (the default),
``last_year`` (the shape of last year's figures) or each quarter's or month's
share in percent. A shared-out target is rounded (half up) to the decimal
places of the annual target it comes from, so 17.0 shared 53% is 9.0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from pmkit.model.indicators import Accumulation, Profile
from pmkit.model.units import UnitKind
from pmkit.periods import Period, PeriodKind

if TYPE_CHECKING:
    from pmkit.model.indicators import Indicator, Target

Lookup = Callable[[Period], Decimal | None]
"""A recorded figure of one indicator for a period, or ``None``."""


class TargetMethod(StrEnum):
    """How a period's target was arrived at (named in the review's JSON)."""

    EXPLICIT = "explicit target"
    CUMULATIVE_SHARE = "cumulative share"
    OWN_SHARE = "period share"
    ANNUAL = "annual target"
    NONE = "no target"


class Sharing(StrEnum):
    """How an annual target comes down to a part of the year."""

    CUMULATIVE = "cumulative"
    OWN = "own"
    WHOLE = "whole"


@dataclass(frozen=True, slots=True)
class PeriodTarget:
    """The target a figure for a period is judged against, and how it was arrived at."""

    method: TargetMethod
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    source: str | None = None
    """The label of the period whose target in the plan this comes from."""
    profile: str | None = None
    """For a shared-out target: the profile used (even, last year, or the plan's shares)."""
    share: Decimal | None = None
    """For a shared-out target: the fraction of the annual target, before rounding."""
    problem: str | None = None
    """Why the target cannot be judged against (it is impossible in its unit)."""
    months: int = 0
    """For a shared-out target: the months of the year it covers."""

    @property
    def exists(self) -> bool:
        """Whether the plan gives a target for the period at all."""
        return self.method is not TargetMethod.NONE

    @property
    def usable(self) -> bool:
        """Whether a figure can be judged against this target."""
        return self.exists and self.problem is None

    @property
    def is_range(self) -> bool:
        """Whether the target is a range (a band to stay within)."""
        return self.low is not None and self.high is not None

    @property
    def basis(self) -> str:
        """How the target was arrived at, in words."""
        if self.method is TargetMethod.NONE:
            return ""
        if self.method is TargetMethod.EXPLICIT:
            return f"target for {self.source}"
        if self.method is TargetMethod.ANNUAL:
            return f"{self.source} target"
        cumulative = self.method is TargetMethod.CUMULATIVE_SHARE
        if self.profile == "even":
            if cumulative:
                return f"{self.months} months' share of the {self.source} target"
            kind = "quarter" if self.months == 3 else "month" if self.months == 1 else "period"
            return f"{kind}'s share of the {self.source} target"
        percent = ((self.share or Decimal(0)) * 100).quantize(Decimal("0.01")).normalize()
        to_date = "to date" if cumulative else "for the period"
        return f"{percent:f}% of the {self.source} target {to_date} ({self.profile} profile)"


NO_TARGET = PeriodTarget(TargetMethod.NONE)
_ADDITIVE = (UnitKind.COUNT, UnitKind.MONEY)


def sharing(indicator: Indicator) -> Sharing:
    """How the indicator's annual target comes down to a quarter or a month."""
    accumulation = indicator.accumulation or Accumulation.DISCRETE
    kind = indicator.unit.kind if indicator.unit is not None else None
    fixed = indicator.definition.denominator_fixed if indicator.definition else None
    if accumulation is Accumulation.YEAR_TO_DATE:
        if kind in _ADDITIVE or (kind is UnitKind.RATE and fixed is not False):
            return Sharing.CUMULATIVE
    elif accumulation is Accumulation.DISCRETE and (
        kind in _ADDITIVE or (kind is UnitKind.RATE and fixed is True)
    ):
        return Sharing.OWN
    return Sharing.WHOLE


def target_for(indicator: Indicator, period: Period) -> Target | None:
    """The plan's target for exactly ``period``, if it sets one."""
    return next((target for target in indicator.targets if target.period == period), None)


def period_target(
    indicator: Indicator, period: Period, figure: Lookup | None = None
) -> PeriodTarget:
    """The target a figure of ``indicator`` for ``period`` is judged against.

    ``figure`` reads last year's figures for a ``last_year`` profile; without
    it (or without last year's figures) the profile falls back to even.
    """
    exact = target_for(indicator, period)
    if exact is not None:
        return _checked(indicator, _from_plan(exact, TargetMethod.EXPLICIT, period))
    if period.kind is PeriodKind.YEAR:
        return NO_TARGET
    year = period.year
    annual = target_for(indicator, year)
    if annual is None:
        return NO_TARGET
    how = sharing(indicator)
    if how is Sharing.WHOLE or annual.value is None:
        return _checked(indicator, _from_plan(annual, TargetMethod.ANNUAL, year))
    share, profile, months = _share(indicator, period, how, figure)
    method = TargetMethod.CUMULATIVE_SHARE if how is Sharing.CUMULATIVE else TargetMethod.OWN_SHARE
    value = round_like(annual.value * share, annual.value)
    found = PeriodTarget(
        method, value, source=year.label, profile=profile, share=share, months=months
    )
    return _checked(indicator, found)


def _from_plan(target: Target, method: TargetMethod, period: Period) -> PeriodTarget:
    return PeriodTarget(method, target.value, target.low, target.high, source=period.label)


def _checked(indicator: Indicator, target: PeriodTarget) -> PeriodTarget:
    """The target, marked impossible where its unit cannot take it (a percentage over 100)."""
    if indicator.unit is None:
        return target
    for value in (target.value, target.low, target.high):
        if value is None:
            continue
        problem = indicator.unit.problem_with(value)
        # A shared-out count target may be fractional before rounding; only bounds matter.
        if problem is not None and "whole number" not in problem:
            return PeriodTarget(
                target.method,
                target.value,
                target.low,
                target.high,
                target.source,
                target.profile,
                target.share,
                f"an impossible target: {problem}",
                target.months,
            )
    return target


def months_of(period: Period) -> range:
    """The months of its year that ``period`` covers, counted from 0 (the year's first)."""
    start = period.first - period.year.first
    return range(start, start + period.kind.months)


def _share(
    indicator: Indicator, period: Period, how: Sharing, figure: Lookup | None
) -> tuple[Decimal, str, int]:
    """The fraction of the annual target for ``period``, the profile's name, and the months."""
    months = months_of(period)
    counted = range(0, months.stop) if how is Sharing.CUMULATIVE else months
    profile = indicator.profile
    size = len(counted)
    if isinstance(profile, list):
        per_month = _monthly_shares(profile)
        return sum((per_month[m] for m in counted), Decimal(0)) / 100, "the plan's", size
    if profile is Profile.LAST_YEAR and figure is not None:
        shaped = _last_years_share(period, how, figure)
        if shaped is not None:
            return shaped, "last year's", size
        return Decimal(size) / 12, "even, as last year's figures are incomplete,", size
    return Decimal(size) / 12, "even", size


def _monthly_shares(shares: list[Decimal]) -> list[Decimal]:
    """Twelve monthly shares from the plan's four quarterly or twelve monthly ones."""
    if len(shares) == 12:
        return list(shares)
    return [share / 3 for share in shares for _ in range(3)]


def _last_years_share(period: Period, how: Sharing, figure: Lookup) -> Decimal | None:
    """The share ``period`` had of last year's total, from last year's figures."""
    then = period.same_period_last_year()
    parts = then.year.parts(period.kind)
    if how is Sharing.CUMULATIVE:
        to_date, whole = figure(then), figure(parts[-1])
        if to_date is None or whole is None or whole <= 0:
            return None
        return to_date / whole
    values = [figure(part) for part in parts]
    known = [value for value in values if value is not None]
    if len(known) != len(values) or sum(known, Decimal(0)) <= 0:
        return None
    own = values[parts.index(then)]
    assert own is not None
    return own / sum(known, Decimal(0))


def round_like(value: Decimal, model: Decimal) -> Decimal:
    """``value`` rounded half up to the decimal places ``model`` is written with."""
    exponent = model.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
