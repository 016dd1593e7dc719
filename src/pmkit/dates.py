"""Dates as people type them: ISO (2027-01-31) or the UK's day first (31/01/2027).

One reader for every date pmkit is given, on the command line or in a
partner's return. Day-first is the only numeric order read besides ISO, so
``01/02/2027`` is the first of February, never the second of January.
"""

from __future__ import annotations

import re
from datetime import date

from pmkit.limits import MAX_YEAR, MIN_YEAR
from pmkit.plaintext import visible

__all__ = ["DATE_FORMS", "DateError", "parse_date"]

DATE_FORMS = "31/01/2027 or 2027-01-31"
"""How to write a date, for messages and help."""

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})")
_IN_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS = {
    **{name.lower(): number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3].lower(): number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}


class DateError(ValueError):
    """Text that is not a date; the message says how to write one."""


def parse_date(text: str, what: str = "the date") -> date:
    """The date ``text`` names: ``2027-01-31``, ``31/01/2027``, ``31/01/27``, ``31 January 2027``.

    ``-`` and ``.`` may stand for ``/``; a two-digit year is in this century
    up to 68, as Python's ``%y`` reads it. A year outside those pmkit works
    with is refused, naming the date as ``what``. Raises :class:`DateError`.
    """
    shown = visible(text)
    cleaned = " ".join(text.split()).lower()
    parts: tuple[int, int, int] | None = None
    hint = "write it as"
    if found := _ISO.fullmatch(cleaned):
        parts = (int(found[1]), int(found[2]), int(found[3]))
    elif found := _DAY_FIRST.fullmatch(cleaned):
        hint = "write the day first, as"
        year = int(found[4])
        if len(found[4]) == 2:
            year += 2000 if year < 69 else 1900
        parts = (year, int(found[3]), int(found[1]))
    elif (found := _IN_WORDS.fullmatch(cleaned)) and found[2] in _MONTHS:
        parts = (int(found[3]), _MONTHS[found[2]], int(found[1]))
    if parts is None:
        raise DateError(f"'{shown}' is not a date: write it as {DATE_FORMS}")
    year, month, day = parts
    if not 1 <= month <= 12:
        raise DateError(f"'{shown}' is not a date: there is no month {month}; {hint} {DATE_FORMS}")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(
            f"{what} {year:04d}-{month:02d}-{day:02d} is out of range: pmkit works with "
            f"years from {MIN_YEAR} to {MAX_YEAR}"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(
            f"'{shown}' is not a date: {_MONTH_NAMES[month - 1]} {year} has no day {day}"
        ) from None
