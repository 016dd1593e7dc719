"""Who has not reported: the figures, progress reports and resources still missing for a quarter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pmkit.judgement.due import due_date
from pmkit.monitoring.statuses import FigureStatus
from pmkit.returns.content import FIGURE, PROGRESS, RESOURCE, build_return

if TYPE_CHECKING:
    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period


@dataclass(slots=True)
class Tally:
    """Of one kind of item in a return: how many are owed, and which are missing."""

    expected: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def received(self) -> int:
        """How many of the expected items are recorded."""
        return self.expected - len(self.missing)


@dataclass(slots=True)
class PartnerReturn:
    """How complete one partner's return is for the quarter."""

    partner: str
    name: str
    figures: Tally = field(default_factory=Tally)
    progress: Tally = field(default_factory=Tally)
    resources: Tally = field(default_factory=Tally)
    provisional: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether everything expected is recorded (provisional figures count)."""
        return not (self.figures.missing or self.progress.missing or self.resources.missing)


def completeness(workspace: Workspace, quarter: Period) -> list[PartnerReturn]:
    """For each partner that owes anything in ``quarter``: what is missing or provisional."""
    record = workspace.read(quarter)
    results = []
    for partner in workspace.plan.partners:
        submission = build_return(workspace, partner.id, quarter)
        if not submission.rows:
            continue
        state = PartnerReturn(partner.id, partner.name or partner.id)
        for row in submission.rows:
            if row.kind == FIGURE:
                period = workspace.calendar.parse(row.period)
                indicator = workspace.indicator(row.id)
                if indicator is not None and due_date(indicator, period) > workspace.as_of:
                    continue  # not due yet, given the data lag: nobody is late with it
                state.figures.expected += 1
                label = f"{row.id} ({row.period})"
                figure = workspace.figure(row.id, period)
                if figure is None:
                    state.figures.missing.append(label)
                elif figure.status is FigureStatus.PROVISIONAL:
                    state.provisional.append(label)
            elif row.kind == PROGRESS:
                state.progress.expected += 1
                if record is None or row.id not in record.actions:
                    state.progress.missing.append(row.id)
            elif row.kind == RESOURCE:
                state.resources.expected += 1
                if record is None or partner.id not in record.resources.get(row.id, {}):
                    state.resources.missing.append(row.id)
        results.append(state)
    return results
