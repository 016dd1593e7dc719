"""Every figure and every change, found again: the audit trail an indicator or action left."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmkit.monitoring.files import folder_for, period_files

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pmkit.monitoring.model import Figure, FigureVersion, ProgressVersion
    from pmkit.monitoring.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Entry:
    """One version of a figure or progress report, as recorded."""

    period: str
    what: str
    """The figure, ``not available``, or an action's progress in words (``on track 45%``)."""
    status: str
    """The figure's status in words (provisional, final); empty for progress reports."""
    recorded_by: str
    recorded_at: str
    source: str
    current: bool
    reason: str | None
    file: Path


def history(workspace: Workspace, entity: str) -> Iterator[Entry]:
    """Every version of every figure (or progress report) of ``entity``, oldest period first."""
    files, _ = period_files(folder_for(workspace.plan_path), workspace.calendar)
    for period_file in files:
        record = workspace.read(period_file.period)
        if record is None:
            continue
        for label, figure in record.figures.get(entity, {}).items():
            for version in figure.history:
                yield Entry(
                    label,
                    figure_shown(version),
                    version.status.words,
                    version.recorded_by,
                    version.recorded_at.strftime("%Y-%m-%d %H:%M"),
                    version.source or "",
                    False,
                    version.reason,
                    period_file.path,
                )
            yield Entry(
                label,
                figure_shown(figure),
                figure.status.words,
                figure.recorded_by,
                figure.recorded_at.strftime("%Y-%m-%d %H:%M"),
                figure.source or "",
                True,
                None,
                period_file.path,
            )
        progress = record.actions.get(entity)
        if progress is not None:
            reports: list[ProgressVersion] = [*progress.history, progress]
            for old in reports:
                percent = f" {old.percent_complete}%" if old.percent_complete is not None else ""
                yield Entry(
                    record.period.label,
                    f"{old.status.words}{percent}",
                    "",
                    old.recorded_by,
                    old.recorded_at.strftime("%Y-%m-%d %H:%M"),
                    old.source or "",
                    old is progress,
                    None,
                    period_file.path,
                )


def figure_shown(figure: Figure | FigureVersion) -> str:
    """A figure as the history lists it: its value, then any counts and interval behind it.

    ``12.4 (31 / 250,100; 95% CI 10.1 to 15.2)``; ``not available`` when there is none.
    """
    if figure.value is None:
        return "not available"
    behind: list[str] = []
    if figure.numerator is not None and figure.denominator is not None:
        behind.append(f"{figure.numerator:,f} / {figure.denominator:,f}")
    if figure.lower_ci is not None and figure.upper_ci is not None:
        behind.append(f"95% CI {figure.lower_ci:,f} to {figure.upper_ci:,f}")
    return str(figure.value) + (f" ({'; '.join(behind)})" if behind else "")
