"""The states of figures, actions and remedial actions: plain enums, light to import."""

from __future__ import annotations

from enum import StrEnum


class FigureStatus(StrEnum):
    """Whether a figure may still change (provisional) or has gone to the board (final)."""

    PROVISIONAL = "provisional"
    FINAL = "final"

    @property
    def words(self) -> str:
        """The status as people read it."""
        return self.value


class ActionStatus(StrEnum):
    """How an action is going."""

    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    COMPLETE = "complete"

    @property
    def words(self) -> str:
        """The status as people read it: ``on track``, not ``on_track``."""
        return self.value.replace("_", " ")


class RemedialStatus(StrEnum):
    """Where a remedial action the board agreed has got to."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def words(self) -> str:
        """The status as people read it."""
        return self.value
