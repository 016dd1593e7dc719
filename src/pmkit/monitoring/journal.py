"""Committing several monitoring files as one change: all of them, or none.

Importing returns can change a quarter's file and its year's file. Each is
prepared in full first (edited, checked, written to a temporary file beside
it and flushed to disk) while pmkit holds every file's lock, taken in name
order so that two writers never wait on each other in a circle. Then a small
journal naming the renames is written and flushed: that is the moment the
change is made. Each temporary file is renamed over its file, and the journal
is removed.

A process killed before the journal exists leaves only temporary files: the
files are as they were, and the next write removes the leftovers. One killed
after it leaves the journal: the next write finishes the renames it names
before doing anything else. Either way every file ends up old, or every file
new.
"""

from __future__ import annotations

import contextlib
import json
import re
from typing import TYPE_CHECKING

from pmkit.monitoring.store import StoreError, locked, sync_folder, write_temporary

if TYPE_CHECKING:
    from pathlib import Path

JOURNAL = ".pmkit-journal.json"
"""The journal of a change to several files, in the monitoring folder while it is made."""

_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\.yaml")
_LEFTOVER = re.compile(
    r"\.(?P<file>[A-Za-z0-9][A-Za-z0-9_-]*\.yaml|\.pmkit-journal\.json)\.[A-Za-z0-9_]+\.tmp"
)


def commit(folder: Path, prepared: list[tuple[Path, Path]]) -> None:
    """Rename each prepared temporary file over its file: all of them, or none.

    ``prepared`` pairs each file with its temporary file; the caller holds
    every file's lock. If this fails before the journal is written, the
    temporary files are removed and nothing has changed.
    """
    if not prepared:
        return
    if len(prepared) == 1:  # one rename is atomic by itself
        path, temporary = prepared[0]
        try:
            _rename(temporary, path)
        except OSError as error:
            discard(prepared)
            raise StoreError(f"cannot write {path}: {error.strerror or error}") from None
        sync_folder(folder)
        return
    journal = folder / JOURNAL
    renames = [{"temporary": temporary.name, "file": path.name} for path, temporary in prepared]
    text = json.dumps({"format": 1, "renames": renames}, indent=2) + "\n"
    with locked(journal):
        try:
            staged = write_temporary(journal, text)
            _rename(staged, journal)
            sync_folder(folder)  # from here on, the change is made
        except OSError as error:
            discard(prepared)
            raise StoreError(f"cannot write {journal}: {error.strerror or error}") from None
        try:
            _finish(folder, journal, renames)
        except OSError as error:
            raise StoreError(
                f"the change to {', '.join(path.name for path, _ in prepared)} was "
                f"interrupted ({error.strerror or error}); the next pmkit write finishes it"
            ) from None


def discard(prepared: list[tuple[Path, Path]]) -> None:
    """Remove prepared temporary files that were not committed."""
    for _, temporary in prepared:
        with contextlib.suppress(OSError):
            temporary.unlink()


def recover(folder: Path) -> None:
    """Finish a change to several files that was interrupted, and remove killed writers' leftovers.

    Call before taking any lock: it takes the locks it needs, and gives them back.
    """
    if not folder.is_dir() or folder.is_symlink():
        return
    journal = folder / JOURNAL
    if journal.exists() and not journal.is_symlink():
        names = [entry["file"] for entry in _read(journal)]
        with contextlib.ExitStack() as stack:
            for name in sorted(set(names)):
                stack.enter_context(locked(folder / name))
            stack.enter_context(locked(journal))
            if journal.exists():
                try:
                    _finish(folder, journal, _read(journal))
                except OSError as error:
                    raise StoreError(
                        f"cannot finish the interrupted change that {journal} records: "
                        f"{error.strerror or error}"
                    ) from None
    _remove_leftovers(folder)


def _finish(folder: Path, journal: Path, renames: list[dict[str, str]]) -> None:
    for entry in renames:
        temporary = folder / entry["temporary"]
        if temporary.exists():  # else it was renamed before the interruption
            _rename(temporary, folder / entry["file"])
    sync_folder(folder)
    journal.unlink()
    sync_folder(folder)


def _rename(source: Path, target: Path) -> None:
    source.replace(target)


def _read(journal: Path) -> list[dict[str, str]]:
    """The renames a journal names, each checked to stay inside the folder."""
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        renames = data["renames"]
        entries = [{"temporary": str(e["temporary"]), "file": str(e["file"])} for e in renames]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise StoreError(
            f"{journal} is damaged ({error}): if no import was interrupted, remove it"
        ) from None
    for entry in entries:
        found = _LEFTOVER.fullmatch(entry["temporary"])
        if (
            _FILE.fullmatch(entry["file"]) is None
            or found is None
            or found["file"] != entry["file"]
        ):
            raise StoreError(f"{journal} names files pmkit does not write: remove it")
    return entries


def _remove_leftovers(folder: Path) -> None:
    """Remove temporary files whose writer died: those of files no one holds the lock of."""
    try:
        names = [path.name for path in folder.iterdir()]
    except OSError:
        return
    for name in names:
        found = _LEFTOVER.fullmatch(name)
        if found is None:
            continue
        # A live writer holds the file's lock, and its temporary file is kept.
        with contextlib.suppress(StoreError, OSError), locked(folder / found["file"], timeout=0):
            (folder / name).unlink()
