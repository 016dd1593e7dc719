"""One write to one period file: lock, read afresh, edit, check, replace atomically.

Edits run on the file as it is *inside* the lock, so two people recording at
the same moment both see the other's figure, and any rule about what may be
replaced is judged on the current file. The edited text is read back and
checked before it replaces the original: pmkit never writes a file it could
not read again.
"""

from __future__ import annotations

import re
from bisect import bisect
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pmkit.monitoring.files import file_period
from pmkit.monitoring.store import RoundTrip, StoreError, atomic_write, check_writable, locked

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period

Edit = Callable[[Any], bool]
"""Changes a period file's round-trip data in place; says whether anything changed."""

SECTIONS: tuple[str, ...] = (
    "format_version",
    "period",
    "figures",
    "actions",
    "resources",
    "remedial_actions",
    "self_assessment",
)


def write_period(workspace: Workspace, period: Period, edits: Sequence[Edit]) -> bool:
    """Apply ``edits`` to the file holding ``period``; return whether it changed."""
    from pmkit.load.problems import LoadProblem
    from pmkit.load.text import read_text

    target = file_period(period)
    path = workspace.path_for(target)
    folder = workspace.folder
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create {folder}: {error.strerror or error}") from None
    check_writable(path, folder)
    with locked(path):
        try:
            text = read_text(path) if path.exists() else None
        except LoadProblem as problem:
            raise StoreError(f"{path}: {problem.message}; fix the file by hand first") from None
        except OSError as error:
            raise StoreError(f"cannot read {path}: {error.strerror or error}") from None
        if text is not None:
            workspace.forget(target)
            workspace.read(target)  # refuses a file broken by hand, naming where
        document = RoundTrip(text or "")
        if document.data is None:
            document.data = new_file(workspace, target)
        changed = False
        for edit in edits:
            changed = edit(document.data) or changed
        if changed:
            updated = document.dump()
            _check_readable(workspace, target, updated, path)
            atomic_write(path, updated)
    workspace.forget(target)
    return changed


def new_file(workspace: Workspace, period: Period) -> Any:
    """A new period file: its header, and the open remedial actions carried forward."""
    from ruamel.yaml.comments import CommentedMap

    from pmkit.monitoring.model import MONITORING_FORMAT

    data = CommentedMap()
    data["format_version"] = MONITORING_FORMAT
    data["period"] = period.label
    data.yaml_set_start_comment(
        f"Monitoring data for {period.label}, kept by pmkit. Record with 'pmkit record';\n"
        "a hand edit is fine, and 'pmkit validate' checks it."
    )
    from pmkit.monitoring.remedial import carried_forward

    carried = carried_forward(workspace, period)
    if carried:
        data["remedial_actions"] = carried
    return data


def section(data: Any, name: str) -> Any:
    """The named section of a period file, added in its place if it is not there yet."""
    from ruamel.yaml.comments import CommentedMap

    if name not in data:
        order = [key for key in SECTIONS if key in data or key == name]
        data.insert(order.index(name), name, CommentedMap())
    return data[name]


def put_sorted(mapping: Any, key: str, value: Any, *, order: Callable[[str], Any]) -> None:
    """Insert ``key`` where it belongs among keys kept in ``order`` (at the end if they are not)."""
    keys = list(mapping.keys())
    ranked = [order(existing) for existing in keys]
    position = bisect(ranked, order(key)) if ranked == sorted(ranked) else len(keys)
    mapping.insert(position, key, value)


def natural(key: str) -> tuple[Any, ...]:
    """Ids in the order people expect: CS-2 before CS-10."""
    return tuple(int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", key))


def plain(value: Decimal) -> int | Decimal:
    """A number as it should appear in the file: whole numbers without a decimal point."""
    return int(value) if value == value.to_integral_value() and abs(value) < 10**15 else value


def _check_readable(workspace: Workspace, period: Period, text: str, path: Any) -> None:
    from pmkit.load.problems import LoadProblem
    from pmkit.load.reader import parse_yaml
    from pmkit.monitoring.model import MONITORING_FORMAT, MonitoringFile
    from pmkit.structure.check import check_model

    try:
        data = parse_yaml(text)
    except LoadProblem as problem:
        raise StoreError(f"pmkit made {path} unreadable ({problem.message}); not written") from None
    checked = check_model(
        MonitoringFile,
        data,
        str(path),
        context={"calendar": workspace.calendar},
        version=MONITORING_FORMAT,
        what="monitoring file",
    )
    if checked.plan is None:
        raise StoreError(f"the new {path} would not be valid ({checked.findings[0].message})")
