"""Reading YAML without yaml-rs: ruamel.yaml's parser events, built into plain data.

pmkit reads with yaml-rs when it is installed (``pmkit[fast]``) and with this
reader otherwise, or when ``PMKIT_YAML_READER=ruamel`` asks for it. Both give
the same data and refuse the same files: scalars resolved as the fast reader
resolves them (YAML 1.2's core schema, with its leniency about ``_`` in
numbers), dates kept as the text they were written as, and the same refusals
— duplicate keys, tags outside the core schema, alias expansion beyond a
budget, nesting too deep, several documents. It walks the parser's events
(libyaml's, through ruamel.yaml.clib, where installed) with an explicit
stack, so it never recurses, and an alias is the anchored object itself, so
nothing is expanded in memory: what an alias *would* expand to is counted,
and a file whose aliases add up to too much is refused before it is built.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from pmkit.codes import (
    DUPLICATE_KEY,
    FORBIDDEN_CONSTRUCT,
    NESTING_TOO_DEEP,
    NOT_YAML,
    SEVERAL_DOCUMENTS,
)
from pmkit.load.problems import LoadProblem

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_DECIMAL = re.compile(r"[0-9]+")
_RADIX = {"x": (16, re.compile(r"[0-9a-fA-F]+")), "o": (8, re.compile(r"[0-7]+"))}
_RADIX["b"] = (2, re.compile(r"[01]+"))
_FLOAT = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_CORE = "tag:yaml.org,2002:"
_MISSING = object()


class _Unparsable(Exception):
    """The parser gave up: the text is not YAML (tried again with the pure-Python parser)."""

    def __init__(self, problem: LoadProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(slots=True)
class _Collection:
    """A mapping or list being built, with what is needed to finish it."""

    value: Any
    anchor: str | None
    events: int = 1  # its own start event; what it holds is added as it comes
    key: Any = _MISSING
    key_line: dict[Any, int] = field(default_factory=dict)


def read(text: str, *, max_depth: int, max_alias_events: int) -> Any:
    """Parse one YAML document into dicts, lists and scalars, as the fast reader would.

    Raises :class:`LoadProblem` for anything that is not a single, safe YAML document.
    """
    try:
        return _Reader(max_depth, max_alias_events).read(text, pure=False)
    except _Unparsable:
        # libyaml keeps YAML 1.1's rule against ':' inside a plain scalar in [ ] or { }
        # (a time such as 10:00:00 in a flow mapping); YAML 1.2 allows it.
        pass
    try:
        return _Reader(max_depth, max_alias_events).read(text, pure=True)
    except _Unparsable as failure:
        raise failure.problem from None


class _Reader:
    def __init__(self, max_depth: int, max_alias_events: int) -> None:
        self.max_depth = max_depth
        self.max_alias_events = max_alias_events
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.replayed = 0

    def read(self, text: str, *, pure: bool) -> Any:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import MarkedYAMLError, YAMLError

        stack: list[_Collection] = []
        documents = 0
        root: Any = None
        try:
            for event in YAML(typ="safe", pure=pure).parse(text):
                name = type(event).__name__
                if name == "DocumentStartEvent":
                    documents += 1
                    continue
                if documents > 1:
                    continue  # only counted: the file is refused whatever the rest holds
                if name in ("MappingStartEvent", "SequenceStartEvent"):
                    self._check_tag(event, text)
                    if len(stack) >= self.max_depth:
                        raise _too_deep(self.max_depth, text)
                    value: Any = {} if name == "MappingStartEvent" else []
                    stack.append(_Collection(value, event.anchor))
                    continue
                if name in ("MappingEndEvent", "SequenceEndEvent"):
                    done = stack.pop()
                    size = done.events + 1
                    if done.anchor is not None:
                        self.anchors[done.anchor] = (done.value, size)
                    root = self._add(stack, done.value, size, event)
                    continue
                if name == "ScalarEvent":
                    scalar = self._scalar(event, text)
                    if event.anchor is not None:
                        self.anchors[event.anchor] = (scalar, 1)
                    root = self._add(stack, scalar, 1, event)
                elif name == "AliasEvent":
                    root = self._alias(stack, event, text)
        except MarkedYAMLError as error:
            raise _Unparsable(_not_yaml(error)) from None
        except YAMLError as error:
            raise _Unparsable(LoadProblem(NOT_YAML, f"not valid YAML: {error}")) from None
        if documents > 1:
            raise LoadProblem(
                SEVERAL_DOCUMENTS,
                f"the file holds {documents} YAML documents; a plan is a single document",
            )
        return root

    def _alias(self, stack: list[_Collection], event: Any, text: str) -> Any:
        found = self.anchors.get(event.anchor)
        if found is None:
            mark = event.start_mark
            raise LoadProblem(
                NOT_YAML,
                f"not valid YAML: the alias *{event.anchor} names no anchor before it",
                mark.line + 1,
                mark.column + 1,
            )
        value, size = found
        self.replayed += size
        if self.replayed > self.max_alias_events:
            from pmkit.load.placing import alias_bomb

            raise alias_bomb(text)
        return self._add(stack, value, size, event)

    def _add(self, stack: list[_Collection], value: Any, size: int, event: Any) -> Any:
        """Put a finished node into the collection it belongs to; return it when it is the root."""
        if not stack:
            return value
        top = stack[-1]
        top.events += size
        if isinstance(top.value, list):
            top.value.append(value)
            return None
        if top.key is _MISSING:
            key = _hashable(value)
            line = event.start_mark.line + 1
            if key in top.key_line:
                raise _duplicate(key, top.key_line[key], event)
            top.key_line[key] = line
            top.key = key
            return None
        top.value[top.key] = value
        top.key = _MISSING
        return None

    def _scalar(self, event: Any, text: str) -> Any:
        value: str = event.value
        tag = _tag(event)
        if tag is None:
            return resolve(value) if not event.style and event.implicit[0] else value
        self._check_tag(event, text)
        return _tagged(tag[len(_CORE) :], value)

    def _check_tag(self, event: Any, text: str) -> None:
        tag = _tag(event)
        if tag is None or (tag.startswith(_CORE) and tag[len(_CORE) :] in _CORE_NAMES):
            return
        mark = event.start_mark
        shown = tag.replace(_CORE, "!!")
        raise LoadProblem(
            FORBIDDEN_CONSTRUCT,
            f"the tag {shown} is not allowed: plans hold plain text, numbers, lists and "
            "mappings only",
            mark.line + 1,
            mark.column + 1,
        )


_CORE_NAMES = frozenset(("str", "int", "float", "bool", "null", "map", "seq"))


def _tag(event: Any) -> str | None:
    """The node's explicit tag as text (ruamel gives text or a Tag object), or ``None``."""
    tag = getattr(event, "tag", None)
    return None if tag is None else str(getattr(tag, "value", tag))


def resolve(value: str) -> Any:
    """A plain scalar's value: null, a boolean, a whole number, a number, or the text itself.

    YAML 1.2's core schema, as the fast reader applies it: ``_`` may group
    digits (``1_000``), ``0x``, ``0o`` and ``0b`` mark other bases, and
    ``.inf`` and ``.nan`` are infinity and not-a-number (``.nan`` unsigned).
    """
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    number = _number(value)
    return value if number is None else number


def _number(value: str) -> int | float | None:
    sign, body = (value[0], value[1:]) if value[:1] in ("+", "-") else ("", value)
    lowered = body.lower()
    if lowered == ".inf":
        return -math.inf if sign == "-" else math.inf
    if lowered == ".nan":
        return math.nan if not sign else None
    if body[:1] == "0" and body[1:2] in ("x", "X", "o", "O", "b", "B"):
        base, pattern = _RADIX[body[1].lower()]
        digits = body[2:].replace("_", "")
        if pattern.fullmatch(digits):
            return int(sign + digits, base)
        return None
    digits = body.replace("_", "")
    if _DECIMAL.fullmatch(digits):
        return int(sign + digits)  # over 4,300 digits: ValueError
    if _FLOAT.fullmatch(digits):
        return float(sign + digits)
    return None


def _tagged(name: str, value: str) -> Any:
    """A scalar with an explicit core tag (``!!str 12``, ``!!float 3``)."""
    if name == "str":
        return value
    if name in ("map", "seq"):
        return value  # as the fast reader does: a collection tag on a scalar is ignored
    resolved = resolve(value)
    if name == "null" and resolved is None:
        return None
    if name == "bool" and isinstance(resolved, bool):
        return resolved
    if name == "int" and isinstance(resolved, int) and not isinstance(resolved, bool):
        return resolved
    if name == "float" and isinstance(resolved, int | float) and not isinstance(resolved, bool):
        return float(resolved)
    raise LoadProblem(NOT_YAML, f"not valid YAML: Invalid value '{value}' for '!!{name}' tag")


def _hashable(key: Any) -> Any:
    """A key as the fast reader gives it: a list becomes a tuple, a mapping a frozenset."""
    if isinstance(key, list):
        return tuple(_hashable(item) for item in key)
    if isinstance(key, dict):
        return frozenset((_hashable(name), _hashable(item)) for name, item in key.items())
    return key


def _duplicate(key: Any, first: int, event: Any) -> LoadProblem:
    mark = event.start_mark
    shown = event.value if type(event).__name__ == "ScalarEvent" else key
    return LoadProblem(
        DUPLICATE_KEY,
        f"the key {str(shown)!r} appears twice in the same mapping (first at line {first}): "
        "keep one",
        mark.line + 1,
        mark.column + 1,
    )


def _not_yaml(error: Any) -> LoadProblem:
    """Where and why the parser gave up, in the words a person fixing the file needs."""
    mark = error.problem_mark or error.context_mark
    reason = str(error.problem or error)
    if "<stream end>" in reason and error.context_mark is not None and error.context:
        # The file ended inside something never closed: point at where it opened.
        mark = error.context_mark
        reason = f"{reason} ({error.context}, which starts here)"
    elif "'\\t'" in reason:
        reason = f"a tab where YAML allows only spaces ({reason})"
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return LoadProblem(NOT_YAML, f"not valid YAML: {reason}", line, column)


def _too_deep(max_depth: int, text: str) -> LoadProblem:
    from pmkit.load.placing import deepest_line

    line, column = deepest_line(text)
    return LoadProblem(
        NESTING_TOO_DEEP, f"the YAML nests deeper than {max_depth} levels", line, column
    )
