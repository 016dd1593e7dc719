"""The readable name and summary of any finding code, from the one registry of codes."""

from __future__ import annotations


def check_name(code: str) -> str:
    """``indicator-without-owner`` for ACC001, ``unknown-key`` for STR002."""
    return describe(code)[0]


def describe(code: str) -> tuple[str, str]:
    """The code's name and one-sentence summary."""
    from pmkit.code_registry import lookup

    entry = lookup(code)
    if entry is not None and entry.code == code:
        return entry.name, entry.summary
    return code.lower(), code
