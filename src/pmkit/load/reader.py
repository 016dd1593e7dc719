"""Reading YAML text into plain data, fast and safely.

The fast path is yaml-rs, a YAML 1.2 parser written in Rust: it resolves
scalars by the 1.2 core schema (so ``no`` stays a string), refuses duplicate
keys and stops alias expansion at a budget before memory grows. It does not
report positions, so whatever it cannot place, and the few things it lets
through that a plan must not hold (a local tag, a second document), are
settled by the exact scan in :mod:`pmkit.load.scan`, which runs only then.

yaml-rs is optional (``pmkit[fast]``). Without it, or with
``PMKIT_YAML_READER=ruamel``, :mod:`pmkit.load.fallback` reads the same files
into the same data, and refuses the same ones, through ruamel.yaml.
"""

from __future__ import annotations

import functools
import os
import re
from typing import Any

from pmkit.codes import (
    FILE_UNREADABLE,
    FORBIDDEN_CONSTRUCT,
    NESTING_TOO_DEEP,
    NOT_YAML,
    SEVERAL_DOCUMENTS,
)
from pmkit.load.placing import alias_bomb, deepest_line, first_match
from pmkit.load.problems import LoadProblem

MAX_DEPTH = 64
"""Deeper nesting than this is refused: no plan needs it, and it is a known attack."""

MAX_ALIAS_EVENTS = 100_000
"""Alias expansion stops here: enough for any honest reuse of an anchor."""

MAX_DIGITS = 4300
"""Whole numbers longer than this are refused: Python will not turn them into text."""

_MAX_BITS = int(MAX_DIGITS * 3.3219280948873626)  # log2(10) bits per decimal digit

_POSITIONED = re.compile(r"YAML parse error at line (\d+), column (\d+)")
# A tag starts a node: at the start of a line, after indentation, or after a
# flow indicator. ``!`` inside ordinary text does not match.
_MAYBE_TAG = re.compile(r"(?:^|[\s\[\{,])!", re.MULTILINE)
_DOCUMENT_MARKER = re.compile(r"^(?:---|\.\.\.)(?:\s|$)", re.MULTILINE)
# A plain '<<' key is YAML 1.1's merge key. ruamel.yaml and most YAML tools
# merge the mapping it names, even in a 1.2 document; yaml-rs keeps it as an
# ordinary key. Rather than read such a plan differently, it is refused.
_MERGE_KEY = re.compile(r"(?:^|[\s\[{,?])(<<)[ \t]*:(?=\s|$)", re.MULTILINE)


READER_VARIABLE = "PMKIT_YAML_READER"
"""Names the reader: ``ruamel`` turns the fast one off; ``yaml-rs`` or ``auto`` (the default)
use it when it is installed."""


def reader_in_use() -> str:
    """``yaml-rs`` or ``ruamel``: the reader :func:`parse_yaml` uses, as configured and installed.

    Raises :class:`LoadProblem` when ``PMKIT_YAML_READER`` names no reader.
    """
    wanted = os.environ.get(READER_VARIABLE, "").strip().lower()
    if wanted == "ruamel":
        return "ruamel"
    if wanted not in ("", "auto", "yaml-rs"):
        raise LoadProblem(
            FILE_UNREADABLE,
            f"{READER_VARIABLE} is {wanted!r}: set it to ruamel (to read without yaml-rs), "
            "yaml-rs or auto, or leave it unset",
        )
    return "yaml-rs" if fast_reader_installed() else "ruamel"


@functools.cache
def fast_reader_installed() -> bool:
    """Whether yaml-rs can be imported here."""
    try:
        import yaml_rs  # noqa: F401
    except (ImportError, OSError):  # not installed, or a build that cannot load here
        return False
    return True


def parse_yaml(text: str, *, reader: str | None = None) -> Any:
    """Parse one YAML 1.2 document into dicts, lists and scalars.

    ``reader`` (``yaml-rs`` or ``ruamel``) overrides :func:`reader_in_use`;
    both give the same data and the same refusals. Raises
    :class:`LoadProblem` for anything that is not a single, safe YAML document.
    """
    chosen = reader or reader_in_use()
    try:
        if chosen == "ruamel":
            from pmkit.load.fallback import read

            data = read(text, max_depth=MAX_DEPTH, max_alias_events=MAX_ALIAS_EVENTS)
        else:
            data = _read_fast(text)
        _check_shape(data, text)
    except ValueError as error:
        if "integer string conversion" not in str(error):
            raise
        raise number_too_long(text) from None
    return data


def _read_fast(text: str) -> Any:
    import yaml_rs

    limits = yaml_rs.AliasLimits(max_total_replayed_events=MAX_ALIAS_EVENTS)
    try:
        data = yaml_rs.loads(text, parse_datetime=False, alias_limits=limits)
    except yaml_rs.YAMLDecodeError as error:
        raise _explain(str(error), text) from None
    except RecursionError:
        raise LoadProblem(
            NESTING_TOO_DEEP, f"the YAML nests deeper than {MAX_DEPTH} levels"
        ) from None
    if _MAYBE_TAG.search(text) or (
        isinstance(data, list) and _DOCUMENT_MARKER.search(text) is not None
    ):
        _exact_checks(text)
    return data


def _explain(message: str, text: str) -> LoadProblem:
    """Turn a yaml-rs error message into a problem with a place."""
    found = _POSITIONED.search(message)
    reason = message.strip().splitlines()[-1].strip()
    if found is not None:
        line, column = int(found[1]), int(found[2])
        if "recursion limit" in reason:
            return LoadProblem(
                NESTING_TOO_DEEP, "the YAML nests too deeply to be a plan", line, column
            )
        return LoadProblem(NOT_YAML, f"not valid YAML: {reason}", line, column)
    if message.startswith("alias replay limit"):
        return alias_bomb(text)
    if message.startswith("Invalid tag"):
        tag = message.split(":", 1)[1].strip().strip("'\"")
        return LoadProblem(
            FORBIDDEN_CONSTRUCT,
            f"the tag {tag} is not allowed: plans hold plain text, numbers, lists and "
            "mappings only",
            *first_match(text, re.compile(re.escape(tag))),
        )
    # Anything else (a duplicate key, an unknown alias): the exact scan places it.
    _exact_checks(text)
    return LoadProblem(NOT_YAML, f"not valid YAML: {reason}")


def number_too_long(text: str) -> LoadProblem:
    """The problem with a whole number too long to show: placed at the first long run of digits."""
    return LoadProblem(
        NOT_YAML,
        f"a number in the file has more than {MAX_DIGITS:,} digits: no plan needs one that long",
        *first_match(text, re.compile(rf"[0-9][0-9a-fA-FxXoO_]{{{MAX_DIGITS - 1},}}")),
    )


def _exact_checks(text: str) -> None:
    from pmkit.load.scan import scan

    result = scan(text)
    if result.problems:
        raise result.problems[0]
    if result.documents > 1:
        raise LoadProblem(
            SEVERAL_DOCUMENTS,
            f"the file holds {result.documents} YAML documents; a plan is a single document",
        )


def _check_shape(data: Any, text: str) -> None:
    """Refuse deep nesting, merge keys and endless numbers, and make every key text. Never recurses.

    A key written as ``1`` or ``null`` is a number or nothing to YAML, but a
    plan only ever looks keys up by name: as text it gets an "unknown key"
    finding at its own line, like any other stray key.
    """
    merges = _MERGE_KEY.search(text) if "<<" in text else None
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            if not all(isinstance(key, str) for key in node):
                _keys_as_text(node)
            if merges is not None and "<<" in node:
                from pmkit.load.text import position_of_offset

                raise LoadProblem(
                    FORBIDDEN_CONSTRUCT,
                    "the merge key << is not allowed: YAML readers disagree on it (YAML 1.2 "
                    "has none); write the merged keys out in full",
                    *position_of_offset(text, merges.start(1)),
                )
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            if type(node) is int and node.bit_length() > _MAX_BITS:
                raise number_too_long(text)
            continue
        if depth >= MAX_DEPTH:
            line, column = deepest_line(text)
            raise LoadProblem(
                NESTING_TOO_DEEP, f"the YAML nests deeper than {MAX_DEPTH} levels", line, column
            )
        stack.extend((child, depth + 1) for child in children)


def _keys_as_text(mapping: dict[Any, Any]) -> None:
    items = list(mapping.items())
    mapping.clear()
    for key, value in items:
        mapping.setdefault(key_text(key), value)


def key_text(key: Any) -> str:
    """A mapping key as the text a plan would look it up by: ``1``, ``null``, ``true``."""
    if isinstance(key, str):
        return key
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, tuple | frozenset):
        return "[" + ", ".join(key_text(part) for part in key) + "]"
    return str(key)
