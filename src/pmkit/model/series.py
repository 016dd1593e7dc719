"""An indicator's series over time: when it is in use, and where it changes.

A change of definition alters what is counted; a change in process alters the
service that produces the figures (a new service model, a re-based baseline)
while the definition stays the same. Both start the statistical process
control chart's limits afresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field
from pydantic_core import PydanticCustomError

from pmkit.model.base import PeriodLabel, Section, Text
from pmkit.periods import PeriodKind

if TYPE_CHECKING:
    from pmkit.model.partnership import Frequency


class ActivePeriods(Section):
    """When an indicator is in use; a retired one keeps its history."""

    start: PeriodLabel | None = Field(default=None, alias="from")
    end: PeriodLabel | None = Field(default=None, alias="to")


class DefinitionChange(Section):
    """A change to how an indicator is defined, which may break its series."""

    start: PeriodLabel = Field(alias="from")
    change: Text
    back_series_revised: bool | None = None


class ProcessChange(Section):
    """A change in how the service works, from a period on: its figures are a new process."""

    start: PeriodLabel = Field(
        alias="from",
        description="The first period of the new process, at the indicator's own frequency "
        "(a month for a monthly indicator, a quarter for a quarterly or six-monthly one, a "
        "year for an annual one).",
    )
    change: Text = Field(
        description="What changed, in the partnership's words: 'Integrated neighbourhood "
        "teams took over hospital discharge'."
    )


def chart_kind(frequency: Frequency | None) -> PeriodKind:
    """The periods an indicator's figures are charted by: months, quarters or years.

    Six-monthly figures are recorded against quarters; with no frequency, quarters.
    """
    months = frequency.months if frequency is not None else 3
    if months == 1:
        return PeriodKind.MONTH
    return PeriodKind.YEAR if months >= 12 else PeriodKind.QUARTER


def check_process_changes(
    changes: list[ProcessChange], frequency: Frequency | None, active: ActivePeriods | None
) -> list[ProcessChange]:
    """Each change starts at a period of the indicator's frequency, while it is in use."""
    for number, change in enumerate(changes, start=1):
        start = change.start
        if frequency is not None and start.kind is not chart_kind(frequency):
            wanted = chart_kind(frequency).value
            raise PydanticCustomError(
                "process_change",
                "process change {number} is from {period}, a {kind}; the indicator is "
                "{frequency}, so write the {wanted} the new process starts in",
                {
                    "number": number,
                    "period": start.label,
                    "kind": start.kind.value,
                    "frequency": frequency.value.replace("_", "-"),
                    "wanted": wanted,
                },
            )
        if active is not None and active.start is not None and start.last < active.start.first:
            raise PydanticCustomError(
                "process_change",
                "process change {number} is from {period}, before the indicator is in use "
                "(from {first})",
                {"number": number, "period": start.label, "first": active.start.label},
            )
        if active is not None and active.end is not None and start.first > active.end.last:
            raise PydanticCustomError(
                "process_change",
                "process change {number} is from {period}, after the indicator's last "
                "period in use ({last})",
                {"number": number, "period": start.label, "last": active.end.label},
            )
    return changes
