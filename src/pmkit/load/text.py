"""Turning a file's bytes into text, refusing what is not a text file.

Checks here are cheap and happen before any YAML is parsed, so that a 50 MB
upload or a spreadsheet saved as ``plan.yaml`` is refused at once.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from pmkit.codes import FILE_TOO_LARGE, NOT_UTF8
from pmkit.limits import MAX_SCALAR_CHARS
from pmkit.load.problems import LoadProblem

if TYPE_CHECKING:
    from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024
"""Plans and monitoring files larger than this are refused unread."""

# YAML allows tab, line feed and carriage return among the C0 controls, and
# NEL among the C1 controls; anything else is a sign of a binary file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")

_LONG_RUN = re.compile(rf"(?:^|\r)[^\r\n]{{{MAX_SCALAR_CHARS + 1}}}", re.MULTILINE)

_UTF16_32_BOMS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """Read ``path`` as UTF-8 text, or raise :class:`LoadProblem` or ``OSError``."""
    size = path.stat().st_size
    if size > max_bytes:
        raise LoadProblem(
            FILE_TOO_LARGE,
            f"the file is {size / 1024 / 1024:.1f} MB; pmkit reads files of up to "
            f"{max_bytes // 1024 // 1024} MB",
        )
    with path.open("rb") as handle:
        # Read one byte more than the cap in case the file grew since stat().
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise LoadProblem(FILE_TOO_LARGE, f"the file is over {max_bytes // 1024 // 1024} MB")
    return decode(data)


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without a byte-order mark) and refuse binary content."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith(_UTF16_32_BOMS):
        raise LoadProblem(NOT_UTF8, "the file is UTF-16 or UTF-32: save it as UTF-8", 1, 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = position_of_offset(data, error.start)
        raise LoadProblem(
            NOT_UTF8,
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02X} cannot be read): "
            "save it as UTF-8",
            line,
            column,
        ) from None
    _check_long_runs(text)
    bad = _CONTROL.search(text)
    if bad is not None:
        line, column = position_of_offset(text, bad.start())
        raise LoadProblem(
            NOT_UTF8,
            f"the file contains the control character U+{ord(bad.group()):04X}, "
            "so it is not a text file a plan could be kept in",
            line,
            column,
        )
    return text


def _check_long_runs(text: str) -> None:
    """Refuse a run of more than MAX_SCALAR_CHARS characters without a line break.

    Checked on the text before any parsing: a scalar that long (a 19 MB integer,
    say) would otherwise cost minutes in the parser. Anchored at line starts,
    the search reads each character once.
    """
    if len(text) <= MAX_SCALAR_CHARS:
        return
    found = _LONG_RUN.search(text)
    if found is not None:
        start = found.start() + (1 if text[found.start()] == "\r" else 0)
        line, column = position_of_offset(text, start)
        raise LoadProblem(
            FILE_TOO_LARGE,
            f"line {line} runs to more than {MAX_SCALAR_CHARS:,} characters without a break; "
            "pmkit reads no longer value (a number or text pasted in by mistake?)",
            line,
            column,
        )


def position_of_offset(text: str | bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text``."""
    if isinstance(text, bytes):
        line = text.count(b"\n", 0, offset) + 1
        start = text.rfind(b"\n", 0, offset) + 1
    else:
        line = text.count("\n", 0, offset) + 1
        start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1
