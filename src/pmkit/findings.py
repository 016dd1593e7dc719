"""Findings: what a check has to say about one place in one file.

A finding names its place twice: as a *pointer* into the plan (the path of
keys and list positions, ``indicators[3].targets[0].value``) and, once it is
located, as a line and column in the file. Checks produce pointers; the
line and column are looked up only when there is something to report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

__all__ = ["Finding", "Pointer", "Severity", "format_pointer"]

Pointer = tuple[str | int, ...]
"""A path into the plan: mapping keys and list indexes, outermost first."""


class Severity(StrEnum):
    """How much a finding matters. Errors fail a run; warnings fail ``--strict`` runs."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more serious."""
        return {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}[self]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place.

    ``fatal`` marks a file that could not be read at all (exit code 2): there
    is nothing further to check in it. ``key`` is the finding's place by
    identity rather than by line, ``indicators[CS-01].targets[0].value``: it
    survives lines moving, so baselines and code-scanning alerts follow it.
    """

    code: str
    message: str
    severity: Severity
    file: str
    pointer: Pointer = ()
    line: int | None = None
    column: int | None = None
    fatal: bool = False
    key: str = ""

    @property
    def where(self) -> str:
        """The pointer in the plan's own words, ``indicators[3].owner``."""
        return format_pointer(self.pointer)

    @property
    def location(self) -> str:
        """``path:line:col``, or just the path when the place is unknown."""
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"

    def at(self, line: int, column: int) -> Finding:
        """The same finding, placed at ``line`` and ``column`` (both 1-based)."""
        return replace(self, line=line, column=column)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, then by place in the file, then by code."""
        return (self.file, self.line or 0, self.column or 0, self.code)


def format_pointer(pointer: Pointer) -> str:
    """Write a pointer as ``indicators[3].targets[0].value``."""
    out: list[str] = []
    for part in pointer:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(f".{part}" if out else str(part))
    return "".join(out)
