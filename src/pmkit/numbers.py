"""Reading a number a person typed: exactly, or not at all.

One reader for every figure, amount and percentage pmkit is given as text (on
the command line, in a partner's return, as a quoted number in a plan). It
reads these forms, and refuses everything else with a message that says what
it read:

- ``1234``, ``1234.5``, ``0.25``, ``.25``, ``-3``, ``+3``;
- thousands separated by commas, every group of three: ``1,234,567.5``;
- a leading pound sign for money: ``£2,500``, ``-£20``, ``£-20``;
- a trailing percent sign for percentages: ``45%``, ``45 %``;
- spaces around any of these.

Refused, because a reader cannot be sure what was meant: a comma anywhere but
between groups of three (``12,5`` and ``1,5`` are decimal commas in much of
Europe, ``1.234,5`` too); digits other than 0-9 (Arabic-Indic, mathematical
bold and the like, which Python itself would read); ``NaN``, ``Infinity`` and
exponents (``1e3``); a point with no digit after it (``5.``); more than
:data:`MAX_DIGITS` digits.

"Not available" is written only as ``not available`` or ``n/a`` (any case),
alone or followed by a reason (``n/a: no survey this quarter``); ``NaN``,
``na`` and ``nan…`` are not among them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = [
    "MAX_DIGITS",
    "NOT_AVAILABLE_FORMS",
    "NUMBER_PATTERN",
    "NumberError",
    "ReadNumber",
    "check_digits",
    "not_available_reason",
    "parse_number",
    "read_number",
]

MAX_DIGITS = 30
"""No figure a partnership reports has more digits than this."""

MAX_LENGTH = 100
"""Text longer than this is not a number anyone typed; it is refused unread."""

NUMBER_PATTERN = r"^\s*[-+]?£?[-+]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?|\.[0-9]+)\s*$"
"""The accepted forms without a percent sign, as a JSON Schema pattern (for editors)."""

NOT_AVAILABLE_FORMS = ("not available", "n/a")
"""How "there is no figure" is written, in any case, alone or before a reason."""

_SHAPE = re.compile(
    r"""
    (?P<sign1>[-+])?
    (?P<pound>£)?
    (?P<sign2>[-+])?
    (?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?
    (?:\.(?P<fraction>[0-9]+))?
    (?:\s*(?P<percent>%))?
    """,
    re.VERBOSE | re.ASCII,
)
_NOT_AVAILABLE = re.compile(
    r"(?P<form>not\s+available|n/a)(?:(?:\s*[:\-\u2013\u2014]\s*|\s+)(?P<reason>.*))?",
    re.IGNORECASE | re.DOTALL,
)


class NumberError(ValueError):
    """Text that is not a number in one of the accepted forms; the message says why."""


@dataclass(frozen=True, slots=True)
class ReadNumber:
    """A number as read, and whether it was written as money or as a percentage."""

    value: Decimal
    pounds: bool = False
    percent: bool = False


def parse_number(text: str) -> Decimal:
    """The exact value of ``text``, or :class:`NumberError` saying why it is not a number."""
    return read_number(text).value


def read_number(text: str) -> ReadNumber:
    """Read ``text`` in an accepted form (see the module), or raise :class:`NumberError`."""
    shown = _shown(text)
    if len(text) > MAX_LENGTH:
        raise NumberError(f"{shown} is too long to be a figure")
    cleaned = text.strip()
    if not cleaned:
        raise NumberError("the value is empty: write a number")
    match = _SHAPE.fullmatch(cleaned)
    if match is None or (match["whole"] is None and match["fraction"] is None):
        raise NumberError(_why_not(cleaned, shown))
    if match["sign1"] and match["sign2"]:
        raise NumberError(f"{shown} has two signs: write one, as in -£20")
    if match["pound"] and match["percent"]:
        raise NumberError(f"{shown} is both money and a percentage: write one of £ or %")
    sign = "-" if "-" in (match["sign1"] or "", match["sign2"] or "") else ""
    whole = (match["whole"] or "0").replace(",", "")
    literal = f"{sign}{whole}" + (f".{match['fraction']}" if match["fraction"] else "")
    try:
        value = Decimal(literal)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        raise NumberError(f"{shown} is not a number") from None
    check_digits(value, shown)
    return ReadNumber(value, pounds=bool(match["pound"]), percent=bool(match["percent"]))


def check_digits(value: Decimal, shown: str | None = None) -> None:
    """Refuse a value that is not finite, or has more than :data:`MAX_DIGITS` digits."""
    if not value.is_finite():
        raise NumberError(f"{shown or value} is not a number")
    if value.adjusted() >= MAX_DIGITS or len(value.as_tuple().digits) > MAX_DIGITS:
        raise NumberError(
            f"{shown or format(value, '.3E')} has more digits than a plausible figure "
            f"(at most {MAX_DIGITS})"
        )


def not_available_reason(text: str) -> str | None:
    """For "not available" written in an accepted form, the reason given ('' if none).

    ``None`` when ``text`` is not one of the forms: then it should be a number.
    """
    match = _NOT_AVAILABLE.fullmatch(text.strip())
    if match is None:
        return None
    return (match["reason"] or "").strip()


def _shown(text: str) -> str:
    """The text as it is quoted in a message: short, and with invisible characters visible."""
    short = text if len(text) <= 40 else text[:40] + "…"
    return repr(short) if not short.isascii() or not short.isprintable() else f"'{short}'"


def _why_not(cleaned: str, shown: str) -> str:
    """What is wrong with text that is not in an accepted form, as specifically as possible."""
    lowered = cleaned.lower().lstrip("+-£")
    if lowered.startswith(("nan", "inf", "infinity", "snan")):
        return f"{shown} is not a number: write the figure, or 'n/a: reason' if there is none"
    foreign = next((c for c in cleaned if c.isdigit() and not ("0" <= c <= "9")), None)
    if foreign is not None:
        return (
            f"{shown} has the digit {foreign!a} ({_unicode_name(foreign)}): write figures "
            "with the digits 0-9"
        )
    if re.search(r"[0-9.][eE][-+]?[0-9]", cleaned):
        return f"{shown} is in exponent notation: write the number out in full"
    if "," in cleaned:
        if "." in cleaned and cleaned.rfind(",") > cleaned.rfind("."):
            return (
                f"{shown} has a decimal comma: write the decimal point as '.', and commas "
                "only between thousands (1,234.5)"
            )
        return (
            f"{shown} is ambiguous: a comma separates thousands, in groups of three "
            "(1,234), and a point marks decimals (12.5)"
        )
    if cleaned.endswith("."):
        return f"{shown} ends with a point: write the decimals after it, or leave it out"
    return f"{shown} is not a number"


def _unicode_name(character: str) -> str:
    import unicodedata

    return unicodedata.name(character, "a digit that is not 0-9")
