"""What recording a figure is asked to do, how strictly, what it did, and why it could not.

These are shared by the checks in :mod:`pmkit.monitoring.figures` and the
edit in :mod:`pmkit.monitoring.figure_edit`, which both sit above this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pmkit.monitoring.statuses import FigureStatus

if TYPE_CHECKING:
    from pmkit.periods import Period


class RecordError(Exception):
    """Figures that cannot be recorded, each problem in full; nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class RecordAction(StrEnum):
    """What recording did to a figure or an entry."""

    ADDED = "added"
    REPLACED = "replaced"
    RECORDED = "recorded"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class FigureInput:
    """A figure someone wants recorded. ``period`` ``None`` means the latest one due."""

    indicator: str
    period: str | None = None
    value: Decimal | None = None
    not_available: str | None = None
    status: FigureStatus = FigureStatus.PROVISIONAL
    commentary: str | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    lower_ci: Decimal | None = None
    upper_ci: Decimal | None = None


@dataclass(frozen=True, slots=True)
class FigureOptions:
    """How strict to be: replacing final figures, and accepting unusual values."""

    replace_final: bool = False
    reason: str | None = None
    accept_unusual: bool = False


@dataclass(slots=True)
class FigureRecorded:
    """What recording one figure did (added, replaced or unchanged), and any notes."""

    indicator: str
    period: Period
    action: RecordAction = RecordAction.UNCHANGED
    before: Any = None
    notes: list[str] = field(default_factory=list)
    value: Decimal | None = None
    """The value recorded: as given, or worked out from the counts."""
