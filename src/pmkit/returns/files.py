"""Where returns go and where they are found: file names, folders, and never losing a figure.

A blank return is named after its partner and quarter
(``police-2026-27-Q2.xlsx``). A return file that already exists may hold a
partner's figures, so it is overwritten only when asked to. Importing takes
files and folders; a folder gives its ``.xlsx`` and ``.csv`` files, without
the lock files Excel leaves beside an open workbook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period

ReturnFormat = Literal["xlsx", "csv"]

DEFAULT_FOLDER = Path("returns")
"""Where every partner's return goes when no folder is named."""

RETURN_SUFFIXES = (".xlsx", ".csv")


class ReturnFileError(Exception):
    """A return cannot be written or found; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Generated:
    """One partner's blank return: where it was written, or ``None`` if it owes nothing."""

    partner: str
    path: Path | None
    rows: int


def file_name(partner: str, period: Period, extension: str) -> str:
    """The return's file name: the partner's id made safe for any file system, and the quarter."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", partner).strip("-.") or "partner"
    return f"{safe}-{period.file_stem}.{extension}"


def generate_returns(
    workspace: Workspace,
    partners: Sequence[str],
    quarter: Period,
    *,
    file_format: ReturnFormat = "xlsx",
    output: Path | None = None,
    into_folder: bool = False,
    force: bool = False,
) -> Iterator[Generated]:
    """Write each partner's blank return for ``quarter``, yielding each as it is written.

    With ``into_folder``, or when ``output`` is a folder that exists,
    ``output`` is a folder (default ``returns/``, created if missing) and each
    return is named after its partner; otherwise ``output`` is the one file
    to write (default: the return's name, here). A partner that owes nothing
    gets no file. Raises :class:`ReturnFileError` before overwriting a file,
    unless ``force``.
    """
    from pmkit.outputs import OutputError
    from pmkit.returns.content import build_return
    from pmkit.returns.writing import WRITERS

    if output is not None and output.is_dir():
        into_folder = True  # one partner's return, into the folder named
    folder = (output or DEFAULT_FOLDER) if into_folder else None
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ReturnFileError(f"cannot write {folder}: {error.strerror or error}") from None
    write = WRITERS[file_format]
    for partner in partners:
        submission = build_return(workspace, partner, quarter)
        if not submission.rows:
            yield Generated(partner, None, 0)
            continue
        name = file_name(partner, quarter, file_format)
        target = folder / name if folder is not None else (output or Path(name))
        if target.exists() and not force:
            raise ReturnFileError(
                f"{target} already exists (it may hold figures): use --force to overwrite it"
            )
        try:
            write(submission, target, overwrite=force)
        except OutputError as error:
            raise ReturnFileError(str(error)) from None
        yield Generated(partner, target, len(submission.rows))


def return_files(given: Sequence[Path]) -> list[Path]:
    """The returns named, with each folder's .xlsx and .csv files (not Excel's lock files)."""
    found: list[Path] = []
    for path in given:
        if path.is_dir():
            found.extend(
                child
                for child in sorted(path.iterdir())
                if child.suffix.lower() in RETURN_SUFFIXES
                and not child.name.startswith(("~$", "."))
            )
        elif path.exists():
            found.append(path)
        else:
            raise ReturnFileError(f"no such file: {path}")
    if not found:
        raise ReturnFileError("no returns (.xlsx or .csv files) to import")
    return found
