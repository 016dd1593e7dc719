"""Where in the text a problem found while reading is easiest to see."""

from __future__ import annotations

import re

from pmkit.codes import TOO_MANY_ALIASES
from pmkit.load.problems import LoadProblem


def alias_bomb(text: str) -> LoadProblem:
    """The problem with a file whose aliases expand to too much: placed at its first alias."""
    return LoadProblem(
        TOO_MANY_ALIASES,
        "the anchors and aliases expand to too much data (a 'billion laughs' file?); "
        "write the repeated parts out or use fewer aliases",
        *first_match(text, re.compile(r"(?<![\w*])\*[^\s,\[\]{}]+")),
    )


def first_match(text: str, pattern: re.Pattern[str]) -> tuple[int, int] | tuple[None, None]:
    """The line and column of ``pattern``'s first match in ``text``, if any."""
    from pmkit.load.text import position_of_offset

    found = pattern.search(text)
    if found is None:
        return None, None
    return position_of_offset(text, found.start())


def deepest_line(text: str) -> tuple[int, int]:
    """The most indented line: where a block-nesting attack is plainest to see."""
    best_line, best_indent = 1, -1
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" "))
        if indent > best_indent and line.strip():
            best_line, best_indent = number, indent
    return best_line, best_indent + 1
