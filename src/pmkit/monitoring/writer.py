"""One write to one period file: lock, read afresh, edit, check, replace atomically.

Edits run on the file as it is *inside* the lock, so two people recording at
the same moment both see the other's figure, and any rule about what may be
replaced is judged on the current file. The edited text is read back and
checked before it replaces the original: pmkit never writes a file it could
not read again.
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pmkit.monitoring.files import file_period
from pmkit.monitoring.journal import commit, discard, recover
from pmkit.monitoring.store import (
    RoundTrip,
    StoreError,
    atomic_write,
    check_writable,
    locked,
    write_temporary,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

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


def write_period(
    workspace: Workspace, period: Period, edits: Sequence[Edit], *, dry_run: bool = False
) -> bool:
    """Apply ``edits`` to the file holding ``period``; return whether it changed.

    A dry run applies the edits to the file as it is and reports, writing nothing.
    """
    target = file_period(period)
    path = workspace.path_for(target)
    folder = workspace.folder
    if dry_run:
        return _apply(workspace, target, path, edits) is not None
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create {folder}: {error.strerror or error}") from None
    check_writable(path, folder)
    recover(folder)
    with locked(path):
        updated = _apply(workspace, target, path, edits)
        if updated is not None:
            _check_readable(workspace, target, updated, path)
            atomic_write(path, updated)
    workspace.forget(target)
    return updated is not None


def _apply(workspace: Workspace, target: Period, path: Path, edits: Sequence[Edit]) -> str | None:
    """The file's new text after ``edits``, or ``None`` when they change nothing."""
    from pmkit.load.problems import LoadProblem
    from pmkit.load.text import read_text

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
    return document.dump() if changed else None


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
    if position > 0:
        _carry_tail(mapping, keys[position - 1], key)


def set_key(mapping: Any, key: str, value: Any) -> None:
    """Set ``mapping[key]`` where it stands (keeping its comments and quoting), or add it last."""
    if key in mapping:
        if mapping[key] != value:
            mapping[key] = value
        return
    keys = list(mapping.keys())
    mapping[key] = value
    if keys:
        _carry_tail(mapping, keys[-1], key)


def update_in_place(mapping: Any, fresh: Any, removable: Sequence[str]) -> None:
    """Make ``mapping`` say what ``fresh`` says, keeping its own key order and comments.

    Keys in ``removable`` that ``fresh`` lacks are removed; a key ``mapping``
    lacks goes after the key that comes before it in ``fresh``.
    """
    for key in removable:
        if key not in fresh:
            remove_key(mapping, key)
    previous: str | None = None
    for key, value in fresh.items():
        if key in mapping:
            set_key(mapping, key, value)
        else:
            keys = list(mapping.keys())
            position = keys.index(previous) + 1 if previous in keys else 0
            mapping.insert(position, key, value)
            if position > 0:
                _carry_tail(mapping, keys[position - 1], key)
        previous = key


def remove_key(mapping: Any, key: str) -> None:
    """Remove ``key``, keeping the blank lines and comments that followed it."""
    keys = list(mapping.keys())
    if key not in mapping:
        return
    if keys[-1] == key and len(keys) > 1:
        _carry_tail(mapping, key, keys[-2])
    del mapping[key]
    mapping.ca.items.pop(key, None)  # or its comments would come back with the key


def append_item(sequence: Any, item: Any) -> None:
    """Add ``item`` at the end of a list, after the lines that ended the list before."""
    sequence.append(item)
    if len(sequence) > 1:
        _carry_tail(sequence, len(sequence) - 2, len(sequence) - 1)


def _carry_tail(container: Any, before: Any, after: Any) -> None:
    """Move the blank lines and comments that follow ``before`` to follow ``after`` instead.

    ruamel.yaml keeps the lines between two entries with the end of the first;
    an entry inserted after it would otherwise land below them, and a comment
    that introduced the next entry would end up above the new one.
    """
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    source, source_key = _deepest_last(container, before)
    slot = _comment_slot(source)
    entry = source.ca.items.get(source_key)
    token = entry[slot] if entry is not None and len(entry) > slot else None
    if token is None:
        return
    end_of_line = token.value.find("\n") + 1
    following = token.value[end_of_line:]
    if end_of_line == 0 or not following:
        return
    token.value = token.value[:end_of_line]
    target, target_key = _deepest_last(container, after)
    slot = _comment_slot(target)
    entry = target.ca.items.setdefault(target_key, [None] * (slot + 2))
    if entry[slot] is None:
        entry[slot] = CommentToken("\n" + following, CommentMark(0))
    else:
        entry[slot].value += following


def _deepest_last(container: Any, key: Any) -> tuple[Any, Any]:
    """The mapping or list holding the last scalar written under ``container[key]``, and its key."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    while True:
        value = container[key]
        if isinstance(value, CommentedMap) and len(value):
            container, key = value, list(value.keys())[-1]
        elif isinstance(value, CommentedSeq) and len(value):
            container, key = value, len(value) - 1
        else:
            return container, key


def _comment_slot(container: Any) -> int:
    """Where ruamel.yaml keeps the comment after an entry: 2 in a mapping, 0 in a list."""
    from ruamel.yaml.comments import CommentedMap

    return 2 if isinstance(container, CommentedMap) else 0


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


def write_periods(workspace: Workspace, edits: Mapping[Period, Sequence[Edit]]) -> list[Period]:
    """Apply each period file's edits and commit every changed file together, or none.

    Every file is locked (in name order), edited, checked and written to a
    temporary file before any is replaced; :mod:`pmkit.monitoring.journal`
    then replaces them all as one change. Gives the periods whose files changed.
    """
    folder = workspace.folder
    files: dict[Path, tuple[Period, list[Edit]]] = {}
    for period, period_edits in edits.items():
        target = file_period(period)
        entry = files.setdefault(workspace.path_for(target), (target, []))
        entry[1].extend(period_edits)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create {folder}: {error.strerror or error}") from None
    for path in files:
        check_writable(path, folder)
    recover(folder)
    prepared: list[tuple[Path, Path]] = []
    written: list[Period] = []
    with contextlib.ExitStack() as locks:
        for path in sorted(files, key=lambda path: path.name):
            locks.enter_context(locked(path))
        try:
            for path, (target, period_edits) in files.items():
                updated = _apply(workspace, target, path, period_edits)
                if updated is None:
                    continue
                _check_readable(workspace, target, updated, path)
                try:
                    prepared.append((path, write_temporary(path, updated)))
                except OSError as error:
                    raise StoreError(f"cannot write {path}: {error.strerror or error}") from None
                written.append(target)
        except BaseException:
            discard(prepared)
            raise
        commit(folder, prepared)
    for target, _ in files.values():
        workspace.forget(target)
    return written
