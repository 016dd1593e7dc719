"""Where a command's output goes: standard output, or a file named with ``--output``."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from pmkit.cli.app import fail


@contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """Yield a stream for ``path`` (standard output when ``None``).

    A file is written only when the command has finished writing to the
    stream, all at once: a failure leaves the old file as it was.
    """
    if path is None:
        yield sys.stdout
        return
    buffer = io.StringIO(newline="\n")
    yield buffer
    save(path, buffer.getvalue())


def save(path: Path, content: str | bytes, *, overwrite: bool = True) -> None:
    """Write ``path`` all at once, or stop with ``pmkit: cannot write PATH: reason`` (exit 2)."""
    from pmkit.outputs import OutputError, write_output

    try:
        write_output(path, content, overwrite=overwrite)
    except OutputError as error:
        fail(str(error))
