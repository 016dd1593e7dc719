"""The exact scan: every key's and item's line and column, and what YAML forbids here.

This walks ruamel.yaml's parser events (C-accelerated where available) with
an explicit stack, so it never recurses and never expands an alias. It is
the authority on positions, and it finds the problems the fast reader cannot
place (a duplicate key) or lets through (a tag outside the core schema). It
runs only when there is something to report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pmkit.codes import DUPLICATE_KEY, FORBIDDEN_CONSTRUCT, NOT_YAML
from pmkit.load.problems import LoadProblem

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.findings import Pointer

CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
)
_IGNORED: tuple[Any, ...] = ("<ignored>",)


@dataclass(slots=True)
class _Frame:
    path: Pointer | None
    is_map: bool
    is_key: bool = False
    expecting_key: bool = True
    key: str | None = None
    index: int = 0
    keys: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Scan:
    """What the exact scan found: positions by pointer, and problems."""

    positions: dict[Pointer, tuple[int, int]]
    problems: list[LoadProblem]
    documents: int


def scan(text: str) -> Scan:
    """Scan YAML ``text``; raise :class:`LoadProblem` if it does not parse."""
    try:
        return _scan(text, pure=False)
    except LoadProblem:
        # libyaml keeps YAML 1.1's rule against ':' inside a plain scalar in [ ] or { }
        # (a time such as 10:00:00 in a flow mapping); YAML 1.2, and the reader, allow it.
        return _scan(text, pure=True)


def _scan(text: str, *, pure: bool) -> Scan:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    positions: dict[Pointer, tuple[int, int]] = {(): (1, 1)}
    problems: list[LoadProblem] = []
    documents = 0
    stack: list[_Frame] = []
    try:
        for event in _events(text, pure=pure):
            name = type(event).__name__
            if name == "DocumentStartEvent":
                documents += 1
                continue
            if name in ("MappingEndEvent", "SequenceEndEvent"):
                if not stack.pop().is_key:
                    _value_done(stack)
                continue
            if name not in ("ScalarEvent", "MappingStartEvent", "SequenceStartEvent", "AliasEvent"):
                continue
            mark = event.start_mark
            where = (mark.line + 1, mark.column + 1)
            _check_tag(event, name, where, problems)
            is_key = bool(stack) and stack[-1].is_map and stack[-1].expecting_key
            path = _place(stack, event, where=where, positions=positions, problems=problems)
            if name in ("MappingStartEvent", "SequenceStartEvent"):
                stack.append(_Frame(path, is_map=name == "MappingStartEvent", is_key=is_key))
            elif not is_key:
                _value_done(stack)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise LoadProblem(NOT_YAML, str(error.problem or error), line, column) from None
    except YAMLError as error:
        raise LoadProblem(NOT_YAML, str(error)) from None
    return Scan(positions, problems, documents)


def _events(text: str, *, pure: bool) -> Iterator[Any]:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=pure)
    return iter(yaml.parse(text))


def _check_tag(event: Any, name: str, where: tuple[int, int], problems: list[LoadProblem]) -> None:
    tag = getattr(event, "tag", None)
    if tag is None:
        return
    tag = str(getattr(tag, "value", tag))
    if name == "ScalarEvent" and event.implicit and event.implicit[0] and tag in CORE_TAGS:
        return
    if tag not in CORE_TAGS:
        problems.append(
            LoadProblem(
                FORBIDDEN_CONSTRUCT,
                f"the tag {tag.replace('tag:yaml.org,2002:', '!!')} is not allowed: "
                "plans hold plain text, numbers, lists and mappings only",
                *where,
            )
        )


def _place(
    stack: list[_Frame],
    event: Any,
    *,
    where: tuple[int, int],
    positions: dict[Pointer, tuple[int, int]],
    problems: list[LoadProblem],
) -> Pointer | None:
    """Record where the node that ``event`` starts sits, and return its pointer."""
    if not stack:
        return ()
    top = stack[-1]
    if top.path is None:
        return None
    if top.is_map and top.expecting_key:
        top.expecting_key = False
        if type(event).__name__ != "ScalarEvent":
            top.key = None
            return None  # a complex key: nothing in a plan is addressed by one
        key = str(event.value)
        top.key = key
        if key in top.keys:
            problems.append(
                LoadProblem(
                    DUPLICATE_KEY,
                    f"the key {key!r} appears twice in the same mapping "
                    f"(first at line {top.keys[key]}): keep one",
                    *where,
                )
            )
        else:
            top.keys[key] = where[0]
            positions[(*top.path, key)] = where
        return None
    if top.is_map:
        return None if top.key is None else (*top.path, top.key)
    path = (*top.path, top.index)
    positions[path] = where
    top.index += 1
    return path


def _value_done(stack: list[_Frame]) -> None:
    if stack and stack[-1].is_map:
        stack[-1].expecting_key = True
