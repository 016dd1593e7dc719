"""Writing monitoring files so that a figure is never lost or half-written.

Every write takes a lock on the file, writes a temporary file in the same
folder, flushes it to disk, and atomically replaces the original; the folder
is flushed too, so the rename itself survives a power cut. A process killed at
any point leaves either the old file or the new one, never a mixture.
Comments and key order that people wrote are kept: files are read and written
with ruamel.yaml's round-trip mode, in the indentation and line endings the
file already uses. Nothing here is POSIX-only: locks are the operating
system's own (through filelock), and the safeguards only POSIX has (refusing
a link when opening, flushing a folder) are used where they exist.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

LOCK_TIMEOUT_SECONDS = 60.0
REPLACE_ATTEMPTS_ON_WINDOWS = 50

_POSIX = os.name == "posix"
_WINDOWS = os.name == "nt"


class StoreError(Exception):
    """A monitoring file that cannot be read, locked or written; nothing was changed."""


@contextlib.contextmanager
def locked(path: Path, *, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold an exclusive lock for writing ``path`` (a ``.name.lock`` file beside it).

    The lock is the operating system's own (``flock`` on Linux and macOS,
    ``LockFileEx`` on Windows, through filelock), so it dies with the process
    that held it. The lock file is created exclusively and is never opened
    through a symbolic link.
    """
    lock_path = path.with_name(f".{path.name}.lock")
    handle = _open_lock_file(lock_path, path)
    try:
        _acquire(handle, path, timeout)
        yield
    finally:
        os.close(handle)  # closing the descriptor releases the lock


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""Refuses a symbolic link where the system can (not on Windows, which checks by identity)."""

_BINARY = getattr(os, "O_BINARY", 0)


def _open_lock_file(lock_path: Path, path: Path) -> int:
    """A descriptor for the lock file: created new if it can be, or the real file already there."""
    for _attempt in range(3):
        try:
            return os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_EXCL | _BINARY, 0o644)
        except FileExistsError:
            pass  # an earlier write left it (pmkit keeps lock files): open it, unless it is a link
        except OSError as error:
            raise StoreError(f"cannot lock {path}: {error.strerror or error}") from None
        try:
            seen = os.lstat(lock_path)
            if not stat.S_ISREG(seen.st_mode) or _is_link(seen):
                raise StoreError(
                    f"{lock_path} is not a plain file (a symbolic link?): pmkit will not "
                    f"lock through it; delete it and record again"
                )
            handle = os.open(lock_path, os.O_RDWR | _NO_FOLLOW | _BINARY)
        except FileNotFoundError:
            continue  # removed in between: create it afresh
        except StoreError:
            raise
        except OSError as error:
            raise StoreError(
                f"cannot lock {path}: {lock_path} cannot be opened as a plain file "
                f"({error.strerror or error})"
            ) from None
        opened = os.fstat(handle)
        if (opened.st_dev, opened.st_ino) == (seen.st_dev, seen.st_ino):
            return handle
        os.close(handle)  # swapped for something else between the look and the open
    raise StoreError(f"cannot lock {path}: {lock_path} keeps changing; try again")


def _is_link(seen: os.stat_result) -> bool:
    """A symbolic link, or on Windows any reparse point (a junction, a mount point)."""
    if stat.S_ISLNK(seen.st_mode):
        return True
    attributes = getattr(seen, "st_file_attributes", 0)
    return bool(attributes & getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0))


def _acquire(handle: int, path: Path, timeout: float) -> None:
    from filelock import lock_descriptor

    deadline = time.monotonic() + timeout
    while True:
        try:
            if lock_descriptor(handle, blocking=False):
                return
        except OSError as error:
            raise StoreError(f"cannot lock {path}: {error.strerror or error}") from None
        if time.monotonic() > deadline:
            raise StoreError(
                f"{path} is being written by another pmkit for more than {timeout:.0f} s: "
                "try again when it has finished"
            )
        time.sleep(0.02)


def check_writable(path: Path, folder: Path) -> None:
    """Refuse to write through a symbolic link, or anywhere outside ``folder``."""
    if path.is_symlink():
        raise StoreError(f"{path} is a symbolic link: pmkit writes only real files in {folder}")
    if path.parent.resolve() != folder.resolve():
        raise StoreError(f"{path} is outside {folder}: pmkit writes only there")
    if folder.is_symlink():
        raise StoreError(f"{folder} is a symbolic link: pmkit writes only into a real folder")


def atomic_write(path: Path, text: str) -> None:
    r"""Replace ``path`` with ``text`` all at once, or leave it untouched and raise.

    The new file keeps the line endings the old one had (a file saved on
    Windows with CRLF stays CRLF); a new file gets ``\n``.
    """
    folder = path.parent
    if line_ending(path) == "\r\n":
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    temporary: Path | None = None
    try:
        # mkstemp creates the file exclusively (O_EXCL), so never through a link.
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        temporary = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            temporary.chmod(path.stat().st_mode & 0o777)
        else:  # mkstemp makes it private (0600); a new file gets the usual permissions
            temporary.chmod(0o666 & ~_umask())
        _replace(temporary, path)
        temporary = None
        _sync_folder(folder)
    except OSError as error:
        raise StoreError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()


def _replace(temporary: Path, path: Path) -> None:
    """Rename ``temporary`` over ``path``.

    Windows refuses the rename while another program has the file open (a
    colleague's pmkit reading it, a virus scanner, a sync client), usually for
    a moment: there pmkit tries again for up to a second before giving up.
    """
    attempts = REPLACE_ATTEMPTS_ON_WINDOWS if _WINDOWS else 1
    for attempt in range(1, attempts + 1):
        try:
            temporary.replace(path)
            return
        except PermissionError:
            if attempt == attempts:
                raise
            time.sleep(0.02)


def line_ending(path: Path) -> str:
    r"""The line ending ``path`` uses, judged by its first line: ``\r\n`` or ``\n``.

    A file that does not exist, or has a single line, counts as ``\n``.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return "\n"
    end = head.find(b"\n")
    return "\r\n" if end > 0 and head[end - 1 : end] == b"\r" else "\n"


def _umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Flush the folder, so that the rename survives a power cut, where the system allows it.

    Only POSIX systems can open a folder to flush it; elsewhere this step is
    skipped (the file's own contents were flushed before the rename).
    """
    if not _POSIX:
        return
    with contextlib.suppress(OSError):  # some file systems refuse to flush a folder
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


class RoundTrip:
    """A YAML file's data, loaded so that dumping it again keeps comments, order and quoting."""

    def __init__(self, text: str, *, indentation: tuple[int, int] | None = None) -> None:
        """Load ``text``; dump in ``indentation`` (mapping, dash offset), else the text's own."""
        from ruamel.yaml import YAML

        self._yaml = YAML(typ="rt")
        self._yaml.width = 4096
        self._yaml.preserve_quotes = True
        self._yaml.representer.add_representer(Decimal, _represent_decimal)
        self.data: Any = None
        mapping, offset = indentation or guess_indentation(text)
        if text.strip():
            self.data = self._yaml.load(text)
        self._yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)

    def dump(self) -> str:
        """The data as YAML text."""
        buffer = io.StringIO()
        self._yaml.dump(self.data, buffer)
        return buffer.getvalue()


def guess_indentation(text: str) -> tuple[int, int]:
    """How the file indents nested mappings, and how far list dashes sit under their key.

    pmkit's own style (2 and 2: dashes indented under their key) where the
    file does not show its own.
    """
    mapping: int | None = None
    offset: int | None = None
    parent: int | None = None  # the indentation of the last "key:" line with nothing after it
    for line in text.splitlines():
        content = line.lstrip(" ")
        if not content or content.startswith("#"):
            continue
        indent = len(line) - len(content)
        dash = content.startswith("- ") or content == "-"
        if parent is not None and dash and indent >= parent:  # dashes may sit at the key's column
            offset = indent - parent if offset is None else offset
        elif parent is not None and not dash and indent > parent and mapping is None:
            mapping = indent - parent
        parent = indent if content.rstrip().endswith(":") and not content.startswith("- ") else None
        if mapping is not None and offset is not None:
            break
    return mapping or 2, 2 if offset is None else offset


def _represent_decimal(representer: Any, value: Decimal) -> Any:
    """Write a number exactly as it is (``23.40`` stays ``23.40``), never through a float."""
    if value == value.to_integral_value():
        return representer.represent_int(int(value))
    return representer.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


def write_temporary(path: Path, text: str) -> Path:
    """Write ``text`` to a new temporary file beside ``path``, flushed to disk.

    The file gets the permissions ``path`` has (or would get); the caller
    renames it over ``path`` or removes it. Used to prepare several files that
    are then committed together.
    """
    folder = path.parent
    handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            temporary.chmod(path.stat().st_mode & 0o777)
        else:
            temporary.chmod(0o666 & ~_umask())
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return temporary


def sync_folder(folder: Path) -> None:
    """Flush ``folder`` itself to disk, so that renames in it survive a power cut."""
    _sync_folder(folder)
