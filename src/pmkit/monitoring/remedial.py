"""Remedial actions: agreed for an off-target figure or a late action, carried until closed.

A remedial action lives in the file of the quarter it was agreed in, and is
copied, still open, into each new quarter's file when that file is started,
so the board sees what it asked for last time and whether it happened. One
agreed for an earlier quarter after a later quarter's file was started is
still in force in every later quarter until closed: :func:`in_force` reads
each quarter's actions from the files themselves, and it can be closed from
any later quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pmkit.monitoring.statuses import RemedialStatus
from pmkit.periods import PeriodKind

if TYPE_CHECKING:
    from datetime import date

    from pmkit.monitoring.model import RemedialAction
    from pmkit.monitoring.workspace import Recorder, Workspace
    from pmkit.periods import Period

LOOK_BACK_QUARTERS = 8
"""How far back a new quarter's file looks for the last file to carry actions from."""


@dataclass(frozen=True, slots=True)
class RemedialInput:
    """A remedial action to agree: what it is about, what is to be done, by whom, by when."""

    about: str
    action: str
    partner: str
    due: date
    role: str | None = None


def carried_forward(workspace: Workspace, period: Period) -> Any:
    """The open remedial actions of the latest earlier quarter file, for a new quarter's file."""
    from ruamel.yaml.comments import CommentedMap

    carried = CommentedMap()
    if period.kind is not PeriodKind.QUARTER:
        return carried
    earlier = period
    for _ in range(LOOK_BACK_QUARTERS):
        earlier = earlier.previous()
        record = workspace.read(earlier)
        if record is None:
            continue
        written = workspace.raw(earlier).get("remedial_actions") or {}
        for key, remedy in record.remedial_actions.items():
            if remedy.status is RemedialStatus.OPEN:
                carried[key] = _as_data(written[key])  # as written, in its own order
        break
    return carried


def in_force(workspace: Workspace, quarter: Period) -> dict[str, tuple[RemedialAction, Period]]:
    """The remedial actions of ``quarter``: its own, and any still open from earlier quarters.

    Each action as it stands in the latest file that holds it, with that
    file's period; one closed in a later file than it was agreed in is closed.
    """
    found: dict[str, tuple[RemedialAction, Period]] = {}
    if quarter.kind is not PeriodKind.QUARTER:
        return found
    earlier = quarter
    for _ in range(LOOK_BACK_QUARTERS + 1):
        record = workspace.read(earlier)
        if record is not None:
            for key, remedy in record.remedial_actions.items():
                found.setdefault(key, (remedy, earlier))
        earlier = earlier.previous()
    return {
        key: (remedy, where)
        for key, (remedy, where) in found.items()
        if where == quarter or remedy.status is RemedialStatus.OPEN
    }


def written(workspace: Workspace, key: str, period: Period) -> Any:
    """The remedial action ``key`` as written in ``period``'s file, to copy into a later one."""
    return _as_data(workspace.raw(period)["remedial_actions"][key])


def _as_data(value: Any) -> Any:
    """Plain dicts and lists as round-trip mappings, so they dump in block style."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _as_data(item)
        return mapping
    if isinstance(value, list):
        return CommentedSeq(_as_data(item) for item in value)
    return value


def new_key(taken: Any, period: Period) -> str:
    """An id for a remedial action agreed in ``period``, not in ``taken``: ``RA-2026-27-Q2-3``."""
    number = 1
    while f"RA-{period.file_stem}-{number}" in taken:
        number += 1
    return f"RA-{period.file_stem}-{number}"


def stamp(recorder: Recorder) -> dict[str, str]:
    """Who, when and where, as written in the file."""
    return {
        "recorded_by": recorder.by,
        "recorded_at": recorder.at.isoformat(timespec="seconds"),
        "source": recorder.source,
    }
