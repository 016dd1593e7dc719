"""A figure's status against its target, and the one vocabulary every output uses for it.

A figure meets its target (on target), falls short within the indicator's
tolerance (near target), or falls short beyond it (off target). A range
target is met anywhere inside the range; outside it, the distance to the
nearer end is the shortfall. "No data", "not due" and "no target" are states
of their own, never a colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from pmkit.model.indicators import Polarity, ToleranceKind

if TYPE_CHECKING:
    from pmkit.judgement.targets import PeriodTarget
    from pmkit.model.indicators import Indicator
    from pmkit.model.settings import RagScheme


@dataclass(frozen=True, slots=True)
class Look:
    """How a status is shown: words, a symbol, a colour and a chart marker's shape."""

    words: str
    symbol: str
    colour: str
    terminal: str
    shape: str


class Rag(StrEnum):
    """An indicator's status for a period. Each value is also the word used on options."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NO_DATA = "no_data"
    NOT_DUE = "not_due"
    NO_TARGET = "no_target"

    @property
    def look(self) -> Look:
        """Words, symbol, colour and shape: status is never shown by colour alone."""
        return _LOOKS[self]

    @property
    def words(self) -> str:
        """The status in words, for people."""
        return self.look.words

    @property
    def symbol(self) -> str:
        """A character that carries the status without colour."""
        return self.look.symbol

    @property
    def option(self) -> str:
        """The status as written on the command line: ``off-target``, ``no-data``."""
        return _OPTIONS[self]

    @property
    def judged(self) -> bool:
        """Whether the figure was judged against a target (on, near or off target)."""
        return self in (Rag.GREEN, Rag.AMBER, Rag.RED)

    @classmethod
    def from_option(cls, text: str) -> Rag:
        """The status named on the command line, in report words or as a colour."""
        key = "-".join(text.strip().lower().replace("_", " ").split())
        for status in cls:
            if key in (status.option, status.value.replace("_", "-")):
                return status
        raise ValueError(
            f"{text!r} is not a status: use " + ", ".join(status.option for status in cls)
        )


_LOOKS = {
    Rag.GREEN: Look("On target", "✓", "#00703c", "green", "circle"),
    Rag.AMBER: Look("Near target", "!", "#8a4b00", "yellow", "triangle"),
    Rag.RED: Look("Off target", "✗", "#b00020", "bold red", "cross"),
    Rag.NO_DATA: Look("No data", "?", "#505a5f", "magenta", "square"),
    Rag.NOT_DUE: Look("Not due", "…", "#505a5f", "cyan", "square"),
    Rag.NO_TARGET: Look("No target", "-", "#505a5f", "dim", "square"),
}
_OPTIONS = {
    Rag.GREEN: "on-target",
    Rag.AMBER: "near-target",
    Rag.RED: "off-target",
    Rag.NO_DATA: "no-data",
    Rag.NOT_DUE: "not-due",
    Rag.NO_TARGET: "no-target",
}
ORDER = (Rag.RED, Rag.AMBER, Rag.NO_DATA, Rag.GREEN, Rag.NOT_DUE, Rag.NO_TARGET)
"""Statuses from most to least in need of the Board's attention."""


def shortfall(indicator: Indicator, value: Decimal, target: PeriodTarget) -> Decimal | None:
    """How far ``value`` falls short of ``target`` (zero or less when it meets it)."""
    if target.low is not None and target.high is not None:
        if value < target.low:
            return target.low - value
        if value > target.high:
            return value - target.high
        return Decimal(0)
    if target.value is None or indicator.polarity is None:
        return None
    if indicator.polarity is Polarity.HIGHER:
        return target.value - value
    return value - target.value


def allowance(indicator: Indicator, value: Decimal, target: PeriodTarget) -> Decimal | None:
    """How far short a figure may fall and still be near target, or ``None`` with no tolerance."""
    tolerance = indicator.tolerance
    if tolerance is None:
        return None
    if tolerance.kind is ToleranceKind.ABSOLUTE:
        return tolerance.value
    if target.low is not None and target.high is not None:
        end = target.low if value < target.low else target.high
    else:
        end = target.value if target.value is not None else Decimal(0)
    return abs(end) * tolerance.value / 100


def judge(
    indicator: Indicator,
    value: Decimal,
    target: PeriodTarget,
    scheme: RagScheme,
    *,
    improving_on_last_year: bool = False,
) -> Rag:
    """The status of ``value`` against ``target``: on, near or off target (or no target)."""
    if not target.usable:
        return Rag.NO_TARGET
    gap = shortfall(indicator, value, target)
    if gap is None:
        return Rag.NO_TARGET
    if gap <= 0:
        return Rag.GREEN
    allowed = allowance(indicator, value, target)
    if scheme.within_tolerance and allowed is not None and gap <= allowed:
        return Rag.AMBER
    if scheme.better_than_last_year and improving_on_last_year:
        return Rag.AMBER
    return Rag.RED
