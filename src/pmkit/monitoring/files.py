"""Where monitoring data lives: ``monitoring/`` beside the plan, one file per period.

Monthly and quarterly figures go in their quarter's file
(``monitoring/2026-27-Q2.yaml``); annual figures and the self-assessment in
the year's file (``monitoring/2026-27.yaml``). File names come only from
period labels, never from ids or anything else a user typed, so no record can
land outside the folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmkit.periods import Calendar, Period, PeriodError, PeriodKind

if TYPE_CHECKING:
    from pathlib import Path

FOLDER = "monitoring"
_STEM = re.compile(r"\d{4}(-\d{2})?(-Q[1-4])?")


@dataclass(frozen=True, slots=True)
class PeriodFile:
    """A monitoring file and the period it holds."""

    period: Period
    path: Path


def folder_for(plan: Path) -> Path:
    """The monitoring folder of the plan at ``plan``."""
    return plan.parent / FOLDER


def file_period(period: Period) -> Period:
    """The period whose file holds figures for ``period``: its quarter, or its year."""
    if period.kind is PeriodKind.YEAR:
        return period
    return period.calendar.containing(period.start, PeriodKind.QUARTER)


def path_for(folder: Path, period: Period) -> Path:
    """The file that holds figures for ``period``."""
    return folder / f"{file_period(period).file_stem}.yaml"


def period_of_file(path: Path, calendar: Calendar) -> Period | None:
    """The period a monitoring file's name says it holds, or ``None`` if it names none."""
    if path.suffix not in (".yaml", ".yml") or not _STEM.fullmatch(path.stem):
        return None
    try:
        period = calendar.parse(path.stem)
    except PeriodError:
        return None
    if period.kind is PeriodKind.MONTH or period.file_stem != path.stem:
        return None
    return period


def period_files(folder: Path, calendar: Calendar) -> tuple[list[PeriodFile], list[Path]]:
    """The period files in ``folder`` in time order, and the YAML files that name no period."""
    found: list[PeriodFile] = []
    strays: list[Path] = []
    if not folder.is_dir():
        return found, strays
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix not in (".yaml", ".yml"):
            continue
        period = period_of_file(path, calendar)
        if period is None:
            strays.append(path)
        else:
            found.append(PeriodFile(period, path))
    found.sort(key=lambda item: (item.period.first, item.period.kind != PeriodKind.YEAR))
    return found, strays
