"""Where a command's output goes: standard output, or a file named with ``--output``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from pmkit.cli.app import fail


@contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """Yield a stream for ``path`` (standard output when ``None``)."""
    if path is None:
        yield sys.stdout
        return
    try:
        handle = path.open("w", encoding="utf-8", newline="\n")
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}")
    with handle:
        yield handle
