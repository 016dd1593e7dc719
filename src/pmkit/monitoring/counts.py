"""The counts behind a rate or percentage: the value they give, and whether a value agrees.

A percentage is ``numerator / denominator x 100``; a rate per 100,000 is
``numerator / denominator x 100,000``. Given the counts and no value, the value
is worked out and rounded half up to the decimal places the indicator's figures
are written with. Given both, they must agree at the value's own written
precision: 12.4 agrees with 31 / 250,100 x 100,000 = 12.3950…, 12.3 does not.

An age-standardised rate (``definition: {standardised: true}``) is not its
crude numerator over its denominator, so its value is never worked out or
checked from the counts; the counts are kept as the return gave them. The
95% limits supplied with a figure (``lower_ci``, ``upper_ci``) come both or
neither, and must hold the value between them. Pure: numbers in, messages out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from pmkit.model.units import UnitKind

Problem = tuple[str, str]
"""The field a problem is in (``numerator``, ``value``, ``lower_ci``…), and what it is."""

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pmkit.model.units import Unit

__all__ = [
    "DEFAULT_PLACES",
    "Counts",
    "counts_problems",
    "multiplier",
    "places_of",
    "settle",
    "value_from_counts",
]

DEFAULT_PLACES = 1
"""Decimal places of a worked-out value when the indicator has no figure to copy."""

_HUNDRED = Decimal(100)
_TIMES = "\u00d7"  # the multiplication sign, as a person writes the sum


@dataclass(frozen=True, slots=True)
class Counts:
    """The counts and supplied interval given with one figure (any of them may be missing)."""

    numerator: Decimal | None = None
    denominator: Decimal | None = None
    lower_ci: Decimal | None = None
    upper_ci: Decimal | None = None

    @property
    def any(self) -> bool:
        """Whether anything at all was given."""
        return self.has_counts or self.lower_ci is not None or self.upper_ci is not None

    @property
    def has_counts(self) -> bool:
        """Whether a numerator or a denominator was given."""
        return self.numerator is not None or self.denominator is not None


def multiplier(unit: Unit | None) -> Decimal | None:
    """What ``numerator / denominator`` is multiplied by: 100 for a percentage, N for a rate per N.

    ``None`` for any other unit: its figures are not made from counts.
    """
    if unit is None:
        return None
    if unit.kind is UnitKind.PERCENTAGE:
        return _HUNDRED
    if unit.kind is UnitKind.RATE and unit.per is not None:
        return Decimal(unit.per)
    return None


def places_of(value: Decimal) -> int:
    """The decimal places ``value`` is written with (12.40 has 2, 12 and 1E+2 have 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def figure_places(written: Iterable[Decimal | None]) -> int:
    """The decimal places of the indicator's figures: the most any of ``written`` has.

    ``written`` are the figures the indicator already has (its baseline, its
    recent figures); with none, :data:`DEFAULT_PLACES`.
    """
    known = [places_of(value) for value in written if value is not None]
    return max(known) if known else DEFAULT_PLACES


def exact_value(unit: Unit | None, numerator: Decimal, denominator: Decimal) -> Decimal:
    """``numerator / denominator x multiplier``, unrounded (to 28 significant figures)."""
    scale = multiplier(unit)
    if scale is None:
        raise ValueError("the unit is not a rate or a percentage")
    return numerator * scale / denominator


def value_from_counts(
    unit: Unit | None, numerator: Decimal, denominator: Decimal, places: int
) -> Decimal:
    """The value the counts give, rounded half up to ``places`` decimal places."""
    return _rounded(exact_value(unit, numerator, denominator), places)


def settle(
    where: str,
    unit: Unit | None,
    value: Decimal | None,
    counts: Counts,
    *,
    places: int,
    standardised: bool = False,
) -> tuple[Decimal | None, list[Problem]]:
    """The figure's value (worked out from the counts if not given), and what is wrong.

    With a numerator and denominator and no value, the value is the counts'
    rounded to ``places``; for an age-standardised rate it cannot be, and the
    published value is asked for.
    """
    worked = value
    complete = counts.numerator is not None and counts.denominator is not None
    if value is None and complete and multiplier(unit) is not None:
        if standardised:
            return None, [
                (
                    "value",
                    f"{where}: an age-standardised rate is not its numerator over its "
                    "denominator: give the value as published, with the counts",
                )
            ]
        assert counts.numerator is not None and counts.denominator is not None
        if counts.denominator > 0 and counts.numerator >= 0:
            worked = value_from_counts(unit, counts.numerator, counts.denominator, places)
    return worked, counts_problems(where, unit, worked, counts, standardised=standardised)


def counts_problems(
    where: str,
    unit: Unit | None,
    value: Decimal | None,
    counts: Counts,
    *,
    standardised: bool = False,
) -> list[Problem]:
    """Everything wrong with ``counts`` given with ``value`` (nothing, if they can be recorded).

    ``where`` starts each message (``HW-03 2026/27 Q2``). ``value`` is the
    figure as given (``None`` if it is to be worked out from the counts).
    """
    problems: list[Problem] = []
    numerator, denominator = counts.numerator, counts.denominator
    if counts.has_counts:
        scale = multiplier(unit)
        if scale is None:
            shown = unit.label if unit is not None else "no unit"
            field = "numerator" if numerator is not None else "denominator"
            problems.append(
                (
                    field,
                    f"{where}: the indicator's unit is {shown}, not a rate or a percentage, so "
                    "its figures have no numerator and denominator: leave them out",
                )
            )
        elif numerator is None or denominator is None:
            missing = "denominator" if denominator is None else "numerator"
            problems.append(
                (missing, f"{where}: give the {missing} too: the counts come as a pair")
            )
        else:
            problems.extend(_count_problems(where, unit, value, numerator, denominator))
            if not problems and value is not None and not standardised:
                mismatch = _mismatch(where, unit, value, numerator, denominator)
                if mismatch is not None:
                    problems.append(("value", mismatch))
    problems.extend(_interval_problems(where, value, counts.lower_ci, counts.upper_ci))
    return problems


def _count_problems(
    where: str, unit: Unit | None, value: Decimal | None, numerator: Decimal, denominator: Decimal
) -> list[Problem]:
    problems: list[Problem] = []
    if numerator < 0:
        problems.append(("numerator", f"{where}: the numerator {_shown(numerator)} is below 0"))
    if denominator <= 0:
        problems.append(
            ("denominator", f"{where}: the denominator {_shown(denominator)} is not above 0")
        )
    if problems:
        return problems
    if unit is not None and unit.kind is UnitKind.PERCENTAGE and numerator > denominator:
        problems.append(
            (
                "numerator",
                f"{where}: the numerator {_shown(numerator)} is more than the denominator "
                f"{_shown(denominator)}, so it cannot be part of it: a percentage is at most 100",
            )
        )
    return problems


def _mismatch(
    where: str, unit: Unit | None, value: Decimal, numerator: Decimal, denominator: Decimal
) -> str | None:
    exact = exact_value(unit, numerator, denominator)
    places = places_of(value)
    if _rounded(exact, places) == value:
        return None
    scale = multiplier(unit)
    assert scale is not None  # checked by the caller
    shortened = _rounded(exact, places + 4)
    worked = f"{shortened:,f}".rstrip("0").rstrip(".") + ("…" if shortened != exact else "")
    decimals = "a whole number" if places == 0 else f"{places} decimal place" + "s" * (places > 1)
    return (
        f"{where}: value {_shown(value)} does not match {_shown(numerator)} / "
        f"{_shown(denominator)} {_TIMES} {_shown(scale)} = {worked}, which is "
        f"{_shown(_rounded(exact, places))} to {decimals}: check the value and the counts"
    )


def _interval_problems(
    where: str, value: Decimal | None, lower: Decimal | None, upper: Decimal | None
) -> list[Problem]:
    if lower is None and upper is None:
        return []
    if lower is None or upper is None:
        missing = "lower" if lower is None else "upper"
        return [
            (
                f"{missing}_ci",
                f"{where}: give the {missing} confidence limit too: the limits come as a pair",
            )
        ]
    if lower > upper:
        return [
            (
                "lower_ci",
                f"{where}: the lower confidence limit {_shown(lower)} is above the upper "
                f"{_shown(upper)}",
            )
        ]
    if value is not None and not lower <= value <= upper:
        return [
            (
                "value",
                f"{where}: value {_shown(value)} is outside its confidence interval "
                f"{_shown(lower)} to {_shown(upper)}",
            )
        ]
    return []


def _rounded(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _shown(value: Decimal) -> str:
    """A number as people read it: thousands separated, the decimals it was written with."""
    return f"{value:,f}"
