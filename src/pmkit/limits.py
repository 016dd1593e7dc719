"""The bounds pmkit holds every untrusted input to, in one place (SECURITY.md names each).

A plan, a monitoring file or a partner's return can be written by anyone; these
bounds keep a hostile or broken one from taking minutes, gigabytes, or a
traceback. Each is far beyond anything a real partnership produces.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_YEAR = 1900
"""The earliest year a period, a date or ``--as-of`` may fall in."""

MAX_YEAR = 2200
"""The latest year a period, a date or ``--as-of`` may fall in."""

MAX_WORKBOOK_BYTES = 50 * 1024 * 1024
"""An Excel return's parts, uncompressed, add up to at most this (a zip bomb is refused unread)."""

MAX_RETURN_ROWS = 100_000
"""A return's rows with anything in them; blank rows are skipped without being kept."""

MAX_CELL_CHARS = 10_000
"""The longest text one cell of a return may hold."""

MAX_SCALAR_CHARS = 100_000
"""The longest run of text without a line break a plan or monitoring file may hold."""


@dataclass(frozen=True, slots=True)
class ReturnLimits:
    """The bounds a return is read within (a plan may set them in ``settings.returns``)."""

    rows: int = MAX_RETURN_ROWS
    cell_characters: int = MAX_CELL_CHARS
    workbook_bytes: int = MAX_WORKBOOK_BYTES
