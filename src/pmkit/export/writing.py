"""Putting an export on disk: each file written whole or not at all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.monitoring.store import StoreError, atomic_write

if TYPE_CHECKING:
    from pathlib import Path

    from pmkit.export.formats import Files


def write_folder(files: Files, folder: Path) -> list[Path]:
    """Write ``files`` into ``folder`` (made if need be), each by temporary file and rename.

    The descriptor of a Data Package is last in ``files``, so a folder with a
    ``datapackage.json`` has all its tables. Raises :class:`StoreError`.
    """
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder} is a file: give a folder for several tables")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot make {folder}: {error.strerror or error}") from None
    written = []
    for name, text in files.items():
        path = folder / name
        atomic_write(path, text)
        written.append(path)
    return written


def write_file(text: str, path: Path) -> None:
    """Write one file whole, by temporary file and rename. Raises :class:`StoreError`."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder: give a file name")
    if not path.parent.is_dir():
        raise StoreError(f"no such folder: {path.parent}")
    atomic_write(path, text)
