"""Writing monitoring files so that a figure is never lost or half-written.

Every write takes a lock on the file, writes a temporary file in the same
folder, flushes it to disk, and atomically replaces the original; the folder
is flushed too, so the rename itself survives a power cut. A process killed at
any point leaves either the old file or the new one, never a mixture.
Comments and key order that people wrote are kept: files are read and written
with ruamel.yaml's round-trip mode, in the indentation the file already uses.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

LOCK_TIMEOUT_SECONDS = 60.0


class StoreError(Exception):
    """A monitoring file that cannot be read, locked or written; nothing was changed."""


@contextlib.contextmanager
def locked(path: Path, *, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold an exclusive lock for writing ``path`` (a ``.name.lock`` file beside it)."""
    lock_path = path.with_name(f".{path.name}.lock")
    try:
        handle = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise StoreError(f"cannot lock {path}: {error.strerror or error}") from None
    try:
        _acquire(handle, path, timeout)
        yield
    finally:
        os.close(handle)  # closing the descriptor releases the lock


def _acquire(handle: int, path: Path, timeout: float) -> None:
    import fcntl

    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise StoreError(
                    f"{path} is being written by another pmkit for more than {timeout:.0f} s: "
                    "try again when it has finished"
                ) from None
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
    """Replace ``path`` with ``text`` all at once, or leave it untouched and raise."""
    folder = path.parent
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        temporary = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            temporary.chmod(path.stat().st_mode & 0o777)
        else:  # mkstemp makes it private (0600); a new file gets the usual permissions
            temporary.chmod(0o666 & ~_umask())
        temporary.replace(path)
        temporary = None
        _sync_folder(folder)
    except OSError as error:
        raise StoreError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()


def _umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a folder
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


class RoundTrip:
    """A YAML file's data, loaded so that dumping it again keeps comments, order and quoting."""

    def __init__(self, text: str) -> None:
        from ruamel.yaml import YAML

        self._yaml = YAML(typ="rt")
        self._yaml.width = 4096
        self._yaml.preserve_quotes = True
        self._yaml.representer.add_representer(Decimal, _represent_decimal)
        self.data: Any = None
        mapping, offset = guess_indentation(text)
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
