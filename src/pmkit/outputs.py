"""Writing an output file all at once: a review, findings, a schema, a baseline, a return.

The new content goes to a temporary file beside the target, created
exclusively (so it can be no one else's file, nor a link), is flushed to
disk, and then replaces the target in one step. A full disk, a read-only
folder or a killed process leaves the old file as it was and no temporary
file behind. pmkit does not write through a symbolic link.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_CREATE |= getattr(os, "O_NOFOLLOW", 0)


class OutputError(Exception):
    """An output file that could not be written; the old file, if any, is untouched."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path
        self.reason = reason


def write_output(path: Path, content: str | bytes, *, overwrite: bool = True) -> None:
    """Replace ``path`` with ``content`` (text is written as UTF-8), or raise :class:`OutputError`.

    With ``overwrite`` false, a file already at ``path`` is an error and is left alone.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise OutputError(path, error.strerror or str(error)) from None
    if found is not None:
        if stat.S_ISLNK(found.st_mode):
            raise OutputError(path, "it is a symbolic link, and pmkit does not write through one")
        if not stat.S_ISREG(found.st_mode):
            raise OutputError(path, "it is not a regular file")
        if not overwrite:
            raise OutputError(path, "it already exists")
    folder = path.parent
    temporary = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    created = False
    try:
        descriptor = os.open(temporary, _CREATE, 0o666)
        created = True
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if found is not None:
            temporary.chmod(stat.S_IMODE(found.st_mode))
        if overwrite or not _link(temporary, path):
            temporary.replace(path)
            created = False
    except FileExistsError:
        raise OutputError(path, "it already exists") from None
    except OSError as error:
        raise OutputError(path, error.strerror or str(error)) from None
    finally:
        if created:
            with contextlib.suppress(OSError):
                temporary.unlink()
    _sync_folder(folder)


def _link(temporary: Path, path: Path) -> bool:
    """Give the new file its name only if nothing has that name yet; ``False`` if unsupported.

    Raises ``FileExistsError`` when something has appeared at ``path`` meanwhile.
    """
    try:
        path.hardlink_to(temporary)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: replace after the check above
        return False
    return True


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the new file (where the platform can open a folder)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
