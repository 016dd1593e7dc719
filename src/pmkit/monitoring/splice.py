"""Recording into a large period file by rewriting only the lines that change.

Loading and dumping a whole file in ruamel.yaml's round-trip mode costs
seconds once it holds thousands of figures, yet recording one figure changes
one indicator's lines. So the lines of each entry an edit touches (say
``figures: CS-01:`` and everything under it) are cut out of the file, edited
as a small document of their own with the same round-trip settings, and put
back where they were; a new entry goes where the whole-file edit would put
it, straight after the entry before it in order and ahead of the blank lines
and comments that introduce the next. The result is read again with the fast
reader and must hold exactly the data expected, in the same order.

Anything unusual (flow style, document markers or directives, anchors, tabs
in indentation, an entry written on one line, indentation other than the
file's own) and the caller is told to edit the whole file instead, as before.
"""

from __future__ import annotations

import re
from bisect import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pmkit.load.problems import LoadProblem
from pmkit.load.reader import parse_yaml
from pmkit.monitoring.store import RoundTrip

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


@dataclass(frozen=True, slots=True)
class Scoped:
    """An edit that reads and changes only ``data[section][key]``.

    If the entry is not there, the edit adds it with
    :func:`pmkit.monitoring.writer.put_sorted` in ``order``, and adds nothing
    else; that is what lets the entry alone be edited, and put in its place.
    """

    section: str
    key: str
    order: Callable[[str], Any]
    edit: Callable[[Any], bool]

    def __call__(self, data: Any) -> bool:
        """Apply the edit to a period file's round-trip data; say whether it changed."""
        return self.edit(data)


@dataclass(frozen=True, slots=True)
class Spliced:
    """A file's text after its edits (unchanged when ``changed`` is false), and its data."""

    text: str
    changed: bool
    data: Any


def sorted_position(keys: Sequence[str], key: str, order: Callable[[str], Any]) -> int:
    """Where ``key`` goes among ``keys``: by ``order`` if they keep it, else at the end."""
    ranked = [order(existing) for existing in keys]
    return bisect(ranked, order(key)) if ranked == sorted(ranked) else len(keys)


class _Unusual(Exception):
    """The file is laid out in a way the splice does not handle: edit it whole instead."""


# Document markers and directives, a tab among a line's indentation, an anchor
# or an alias: each can make a part of the file mean something on its own that
# it does not mean in place. Patterns start at a line feed or a literal
# character, which Python's regular expressions find fast.
_MARKER = re.compile(r"\n(?:---|\.\.\.|%)")
_TAB_INDENT = re.compile(r"\n *\t")
_ANCHOR_OR_ALIAS = re.compile(r"[&*][^\s,\]}]")
_TOP_LEVEL = re.compile(r"\n([^\s#][^\n]*)")
_SECTION_HEAD = re.compile(r":[ \t]*(?:#.*)?")
_CONTENT = re.compile(r"\n *[^ #\n]")
# A key whose value is a block below it, perhaps with a comment: "CS-01:", "'NI 16':  # …"
_KEY = re.compile(
    r"""(?P<key>'(?:[^']|'')*'|"[^"\\]*"|[^\s'"#?:&*!|>%@`{}\[\],-][^#]*?)"""
    r"""[ \t]*:(?:[ \t]+#.*)?[ \t]*"""
)


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    start: int  # the line of its key
    end: int  # one past its last line that is not blank or a comment


@dataclass(frozen=True, slots=True)
class _Block:
    lines: list[str]
    data: Any


def splice(
    text: str, edits: Sequence[Scoped], indentation: tuple[int, int], *, before: Any = None
) -> Spliced | None:
    """Apply ``edits`` to ``text`` (line feeds only) by rewriting only the entries they touch.

    ``indentation`` is the file's own (:func:`pmkit.monitoring.store.guess_indentation`);
    ``before`` is ``text`` as plain data, if it has been read already.
    ``None`` means the file must be edited whole: its layout is unusual, or
    the spliced text did not read back as expected. An edit's own refusal
    (:class:`pmkit.monitoring.recording.RecordError`) is raised as it is.
    """
    from ruamel.yaml.error import YAMLError

    try:
        return _splice(text, edits, indentation, before)
    except (_Unusual, YAMLError):
        return None


def _unusual(text: str) -> bool:
    scan = "\n" + text
    return bool(
        _MARKER.search(scan)
        or ("\t" in text and _TAB_INDENT.search(scan))
        or any(scan[found.start() - 1] in " \t\n[{,:" for found in _ANCHOR_OR_ALIAS.finditer(scan))
    )


def _splice(
    text: str, edits: Sequence[Scoped], indentation: tuple[int, int], before: Any
) -> Spliced:
    if not edits or _unusual(text):
        raise _Unusual
    section, order = edits[0].section, edits[0].order
    if any(edit.section != section or edit.order is not order for edit in edits):
        raise _Unusual
    before = _parsed(text) if before is None else before
    if not isinstance(before, dict) or not isinstance(before.get(section), dict):
        raise _Unusual
    lines = text.split("\n")
    width = indentation[0]
    entries = _entries(text, section, width)
    if not entries or [entry.key for entry in entries] != list(before[section]):
        raise _Unusual
    present = {entry.key for entry in entries}
    wanted = {edit.key for edit in edits}
    touched = [entry for entry in entries if entry.key in wanted]
    old = RoundTrip(_document(section, lines, touched), indentation=indentation)
    fresh = RoundTrip("", indentation=indentation)
    fresh.data = _round_trip_section(section)
    changed = False
    for edit in edits:
        changed = edit((old if edit.key in present else fresh).data) or changed
    if not changed:
        return Spliced(text, False, before)
    new_keys = list(dict.fromkeys(edit.key for edit in edits if edit.key not in present))
    blocks = _blocks(old.dump(), section, width) if touched else {}
    if list(blocks) != [entry.key for entry in touched]:
        raise _Unusual
    if new_keys:
        added = _blocks(fresh.dump(), section, width)
        if set(added) != set(new_keys):
            raise _Unusual
        blocks.update(added)
    keys = [entry.key for entry in entries]
    if new_keys:
        keys = _final_order(keys, new_keys, order)
    spliced = "\n".join(_assembled(lines, entries, keys, blocks))
    spliced += "" if spliced.endswith("\n") else "\n"  # as the whole-file edit ends it
    after = _parsed(spliced)
    now = {key: blocks[key].data if key in blocks else before[section][key] for key in keys}
    expected = {name: now if name == section else value for name, value in before.items()}
    # The same data, and in the same order wherever the text was rewritten.
    if not (
        after == expected
        and list(after) == list(expected)
        and isinstance(after.get(section), dict)
        and list(after[section]) == keys
        and all(_same(after[section][key], blocks[key].data) for key in blocks)
    ):
        raise _Unusual
    return Spliced(spliced, True, after)


def _parsed(text: str) -> Any:
    try:
        return parse_yaml(text)
    except LoadProblem:
        raise _Unusual from None


def _entries(text: str, section: str, width: int) -> list[_Entry]:
    """The entries of the top-level block mapping ``section``, each at indentation ``width``.

    Line numbers count from 0, as the lines of ``text`` split at line feeds.
    Regular expressions that start at a line feed find the few lines that
    matter (the top-level keys, the entries' keys), at the speed of C.
    """
    scan = "\n" + text  # every line, the first too, follows a line feed
    heads = [found for found in _TOP_LEVEL.finditer(scan) if found[1].startswith(f"{section}:")]
    if len(heads) != 1 or _SECTION_HEAD.fullmatch(heads[0][1], len(section)) is None:
        raise _Unusual
    start = heads[0].end()
    following = _TOP_LEVEL.search(scan, start)
    end = following.start() if following is not None else len(scan)
    if width < 1 or re.compile(rf"\n {{1,{width - 1}}}[^ #\n]").search(scan, start, end):
        raise _Unusual  # a line less indented than the entries: not a layout to splice
    keys = list(re.compile(rf"\n {{{width}}}([^ #\n][^\n]*)").finditer(scan, start, end))
    if not keys or _CONTENT.search(scan, start, keys[0].start()):
        raise _Unusual  # something before the first entry that is not a comment
    entries: list[_Entry] = []
    line = counted = 0  # a line's number: the line feeds before it, counted as we go
    for number, found in enumerate(keys):
        key = _KEY.fullmatch(found[1])
        if key is None:
            raise _Unusual
        line += scan.count("\n", counted, found.start())
        counted = found.start()
        stop = keys[number + 1].start() if number + 1 < len(keys) else end
        last = _content_end(scan, found.start() + 1, stop)
        lines = scan.count("\n", found.start(), last)
        entries.append(_Entry(_key_text(key["key"]), line, line + lines))
    return entries


def _content_end(scan: str, begin: int, stop: int) -> int:
    """Where the last line of content in ``scan[begin:stop]`` ends (``begin``: a content line).

    ``stop`` is the line feed that starts the next line, or the end of ``scan``.
    """
    while True:
        start = max(scan.rfind("\n", begin, stop) + 1, begin)
        content = scan[start:stop].lstrip(" ")
        if start == begin or (content and not content.startswith("#")):
            return stop
        stop = start - 1


def _key_text(written: str) -> str:
    if written.startswith("'"):
        return written[1:-1].replace("''", "'")
    if written.startswith('"'):
        return written[1:-1]
    return written


def _document(section: str, lines: list[str], entries: list[_Entry]) -> str:
    """A small document holding only ``entries`` of ``section``, as the file writes them."""
    body = [line for entry in entries for line in lines[entry.start : entry.end]]
    return "\n".join([f"{section}:", *body, ""]) if body else ""


def _round_trip_section(section: str) -> Any:
    from ruamel.yaml.comments import CommentedMap

    data = CommentedMap()
    data[section] = CommentedMap()
    return data


def _blocks(dumped: str, section: str, width: int) -> dict[str, _Block]:
    """Each entry of a small document as dumped: its lines, and the data they hold."""
    lines = dumped.split("\n")
    if lines[-1] == "":
        lines.pop()
    entries = _entries(dumped, section, width)
    if sum(entry.end - entry.start for entry in entries) != len(lines) - 1:
        raise _Unusual  # a line outside every entry: a comment the edit moved
    parsed = _parsed(dumped)
    data = parsed.get(section) if isinstance(parsed, dict) else None
    if not isinstance(data, dict) or [entry.key for entry in entries] != list(data):
        raise _Unusual  # a key that reads back as something else (``~``, ``0x1A``)
    return {entry.key: _Block(lines[entry.start : entry.end], data[entry.key]) for entry in entries}


def _final_order(keys: list[str], new_keys: list[str], order: Callable[[str], Any]) -> list[str]:
    """Every key once the new ones are in, each put as :func:`sorted_position` puts it."""
    keys = list(keys)
    ranked = [order(key) for key in keys]
    in_order = ranked == sorted(ranked)  # and stays so, or stays not so, as keys go in
    for key in new_keys:
        rank = order(key)
        position = bisect(ranked, rank) if in_order else len(keys)
        keys.insert(position, key)
        ranked.insert(position, rank)
    return keys


def _assembled(
    lines: list[str], entries: list[_Entry], keys: list[str], blocks: dict[str, _Block]
) -> list[str]:
    """The file's lines with each edited entry's block in place, and new ones after theirs.

    A new entry follows the last line of the entry before it, so the blank
    lines and comments that introduced the next entry still do; one that
    comes first goes just ahead of the first entry, after the comments under
    the section's own key.
    """
    following: dict[str | None, list[str]] = {}
    previous: str | None = None
    old = {entry.key for entry in entries}
    for key in keys:
        if key in old:
            previous = key
        else:
            following.setdefault(previous, []).extend(blocks[key].lines)
    out: list[str] = []
    cursor = 0
    for number, entry in enumerate(entries):
        out += lines[cursor : entry.start]
        if number == 0:
            out += following.get(None, [])
        out += blocks[entry.key].lines if entry.key in blocks else lines[entry.start : entry.end]
        out += following.get(entry.key, [])
        cursor = entry.end
    out += lines[cursor:]
    return out


def _same(found: Any, wanted: Any) -> bool:
    """Equal, with every mapping's keys in the same order."""
    if isinstance(wanted, dict):
        return (
            isinstance(found, dict)
            and list(found) == list(wanted)
            and all(_same(found[key], value) for key, value in wanted.items())
        )
    if isinstance(wanted, list):
        return (
            isinstance(found, list)
            and len(found) == len(wanted)
            and all(_same(a, b) for a, b in zip(found, wanted, strict=True))
        )
    return type(found) is type(wanted) and bool(found == wanted)
