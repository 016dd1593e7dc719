"""A YAML file read into plain data, that can say where any part of it is."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pmkit.codes import FILE_UNREADABLE
from pmkit.findings import Finding, Severity
from pmkit.load.problems import LoadProblem
from pmkit.load.reader import parse_yaml
from pmkit.load.text import read_text

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from pmkit.findings import Pointer


@dataclass(slots=True)
class Document:
    """A parsed YAML file: its display name, text and data.

    Positions are computed on the first call to :meth:`locate`, so a file
    with nothing to report never pays for them.
    """

    file: str
    text: str
    data: Any
    _positions: dict[Pointer, tuple[int, int]] | None = field(default=None, repr=False)

    def locate(self, pointer: Pointer) -> tuple[int, int]:
        """The line and column of ``pointer``, or of its nearest ancestor that exists.

        A mapping entry is placed at its key; a list item at its first
        character. Something missing is placed at the entity that lacks it.
        """
        positions = self._index()
        for end in range(len(pointer), -1, -1):
            found = positions.get(pointer[:end])
            if found is not None:
                return found
        return 1, 1

    def place(self, findings: Iterable[Finding]) -> list[Finding]:
        """Give each finding its line and column (unless it has them) and its identity key."""
        placed = []
        for finding in findings:
            if finding.line is None:
                finding = finding.at(*self.locate(finding.pointer))  # noqa: PLW2901
            placed.append(replace(finding, key=entity_path(finding.pointer, self.data)))
        return placed

    def _index(self) -> dict[Pointer, tuple[int, int]]:
        if self._positions is None:
            from pmkit.load.scan import scan

            try:
                self._positions = scan(self.text).positions
            except LoadProblem:
                self._positions = {}
        return self._positions


def entity_path(pointer: Pointer, data: Any) -> str:
    """``pointer`` with list positions replaced by the ids of the entities there.

    ``("indicators", 3, "targets", 0)`` becomes ``indicators[CS-01].targets[0]``:
    the same entity keeps the same path when others are added or moved.
    """
    out: list[str] = []
    node = data
    for part in pointer:
        child: Any = None
        if isinstance(part, int):
            if isinstance(node, list) and 0 <= part < len(node):
                child = node[part]
            entity = child.get("id") if isinstance(child, dict) else None
            out.append(f"[{entity}]" if isinstance(entity, str | int) else f"[{part}]")
        else:
            child = node.get(part) if isinstance(node, dict) else None
            out.append(f".{part}" if out else part)
        node = child
    return "".join(out)


def load_document(path: Path, *, display: str | None = None) -> Document | Finding:
    """Read and parse ``path``; a file that cannot be read comes back as a fatal finding."""
    name = display if display is not None else str(path)
    try:
        text = read_text(path)
        data = parse_yaml(text)
    except LoadProblem as problem:
        return problem_finding(name, problem)
    except FileNotFoundError:
        return Finding(FILE_UNREADABLE, "no such file", Severity.ERROR, name, fatal=True)
    except IsADirectoryError:
        return Finding(
            FILE_UNREADABLE, "this is a folder, not a file", Severity.ERROR, name, fatal=True
        )
    except (OSError, MemoryError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        return Finding(
            FILE_UNREADABLE, f"cannot read the file: {reason}", Severity.ERROR, name, fatal=True
        )
    return Document(name, text, data)


def problem_finding(file: str, problem: LoadProblem) -> Finding:
    """A fatal finding for a file that could not be read."""
    return Finding(
        problem.code,
        problem.message,
        Severity.ERROR,
        file,
        line=problem.line,
        column=problem.column,
        fatal=True,
    )
