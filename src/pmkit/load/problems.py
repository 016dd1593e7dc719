"""A file that cannot be read, as a value rather than a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LoadProblem(Exception):
    """Why a YAML file cannot be read (exit code 2), and where, when known.

    Codes: ``YML001`` not YAML, ``YML002`` not UTF-8 text, ``YML003`` too
    large, ``YML004`` too many aliases, ``YML005`` a forbidden tag, ``YML006``
    nesting too deep, ``YML007`` a duplicate key, ``YML008`` more than one
    document.
    """

    code: str
    message: str
    line: int | None = None
    column: int | None = None
