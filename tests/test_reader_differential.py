"""pmkit's two readers and ruamel.yaml's safe YAML 1.2 loader read plans alike.

pmkit reads with yaml-rs when it is installed and with its own ruamel.yaml
reader otherwise (or with ``PMKIT_YAML_READER=ruamel``); every test here runs
both. Where a reader may not agree with ruamel's loader (tags beyond the core
schema, merge keys), it must refuse the file rather than read it differently.
The differences that remain are pinned in ``KNOWN_DIFFERENCES``, each with
the reason, and the two readers are checked against each other on the same
mutated plans.
"""

from __future__ import annotations

import datetime
import math
import random
import re
import time
import warnings
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from pmkit.load.problems import LoadProblem
from pmkit.load.reader import key_text, parse_yaml
from pmkit.load.scan import scan
from pmkit.scaffold import starter_plan

ROOT = Path(__file__).resolve().parents[1]

VALUES = (
    "1", "-2", "+1", "0", "-0", "007", "1_000", "0o17", "0x1F", "0b11",
    "1.5", "1.", ".5", "1e3", "1.5e-3", "12e03", ".inf", "-.inf", ".nan",
    "no", "yes", "on", "off", "y", "n", "NO", "Yes",
    "true", "True", "FALSE", "~", "null", "Null", "",
    "'1'", '"2"', "'yes'", '"~"', '"1e3"', "'0o17'", '".inf"',
    "2026-04-01", "2026-04-01 10:00:00", "2026-04-01T10:00:00Z", "12:30", "2026/27",
    "text with spaces", '"quoted: colon"', "'it''s'", '"tab\\there"',
)  # fmt: skip
CONTEXTS = ("key: {}", "- {}", "[{}]", "{{k: {}}}", "{}: value")
FORBIDDEN_TAGS = ("!!python/object:os.system", "!!set", "!custom")

READERS = ("yaml-rs", "ruamel")
both_readers = pytest.mark.parametrize("reader", READERS)
# The long randomised comparisons against ruamel's (slow, pure-Python) loader run
# for pmkit's own reader only with --slow; test_the_two_readers_agree_on_mutated_plans
# compares the two readers in every run.
both_readers_slowly = pytest.mark.parametrize(
    "reader", ["yaml-rs", pytest.param("ruamel", marks=pytest.mark.slow)]
)

# Where the readers legitimately differ; each entry is (text, what ruamel's
# loader does, what parse_yaml does with yaml-rs, what it does without).
KNOWN_DIFFERENCES: dict[str, tuple[str, str, str, str]] = {
    # ruamel resolves a plain '=' to YAML 1.1's 'value' type even in a 1.2
    # document, and has no constructor for it; in YAML 1.2 it is the text '='.
    "equals_sign": ("a: =\n", "refuses", "reads", "reads"),
    # YAML 1.2 allows tabs as separation and inside plain scalars; ruamel's
    # pure-Python scanner refuses them where yaml-rs and libyaml do not. A line
    # holding only a tab stops libyaml too, so pmkit's own reader refuses it.
    "tab_in_plain_scalar": ("a: x\tb\nc\td: 1\n", "refuses", "reads", "reads"),
    "tab_only_line": ("a: 1\n\t\nb: 2\n", "refuses", "reads", "refuses"),
    # YAML 1.2 wants a quoted scalar's continuation lines indented inside its
    # block collection; yaml-rs holds to that, ruamel does not.
    # pmkit's own reader is ruamel's parser, so it reads it as ruamel does.
    "quoted_scalar_under_indented": ('a:\n  - "x\ny"\n', "reads", "refuses", "reads"),
    # ruamel builds a set, binary data or a date from these core-schema-less
    # tags; a plan holds none of them, so parse_yaml refuses the tag (YML005).
    "set_tag": ("a: !!set {x, y}\n", "reads", "refuses", "refuses"),
    "binary_tag": ("a: !!binary aGVsbG8=\n", "reads", "refuses", "refuses"),
    "timestamp_tag": ("a: !!timestamp 2026-04-01\n", "reads", "refuses", "refuses"),
    # A merge key: ruamel copies the anchored mapping in, even in YAML 1.2,
    # which has no merge keys. yaml-rs cannot (it would keep a key named
    # '<<'), so parse_yaml refuses the file (YML005) instead of reading it
    # differently. A quoted '<<' is an ordinary key to both.
    "merge_key": ("base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n", "reads", "refuses", "refuses"),
}


def _ruamel(text: str) -> Any:
    """``text`` read by ruamel.yaml's safe YAML 1.2 loader, as plain Python data."""
    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a reused anchor is legal YAML, and warned about
        return _plain(yaml.load(text))


def _plain(value: Any) -> Any:
    """Dicts, lists and scalars only, with dates and times as ISO text.

    pmkit keeps a date or time as the text it was written as; ruamel makes it
    an object. Both become the same ISO text here, so that ``2026-04-01
    10:00:00`` read as text and as a datetime compare equal. pmkit also makes
    every mapping key text (a plan looks keys up by name), so keys are
    compared as the text pmkit gives them.
    """
    if isinstance(value, dict):
        return {key_text(_plain(key)): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_plain(item) for item in value)
    if isinstance(value, datetime.date | datetime.datetime):
        value = value.isoformat()
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value).isoformat()
        except ValueError:
            return value
    return value


def _same(ours: Any, theirs: Any) -> bool:
    """Equal after :func:`_plain`, with the same types all the way down.

    ``True`` is not ``1`` here, and NaN is NaN.
    """
    return _equal(_plain(ours), _plain(theirs))


def _equal(ours: Any, theirs: Any) -> bool:
    if type(ours) is not type(theirs):
        return False
    if isinstance(ours, dict):
        return len(ours) == len(theirs) and all(
            key in theirs and _equal(item, theirs[key]) for key, item in ours.items()
        )
    if isinstance(ours, list | tuple):
        return len(ours) == len(theirs) and all(map(_equal, ours, theirs))
    if isinstance(ours, float) and math.isnan(ours):
        return math.isnan(theirs)
    return bool(ours == theirs)


def _outcome(text: str, reader: str) -> tuple[str, Any]:
    """('reads', data) or ('refuses', code) for parse_yaml with ``reader``."""
    try:
        return "reads", parse_yaml(text, reader=reader)
    except LoadProblem as problem:
        return "refuses", problem.code


def _placed_outcome(text: str, reader: str) -> tuple[Any, ...]:
    """('reads', data) or ('refuses', code, line, column) for parse_yaml with ``reader``."""
    try:
        return "reads", parse_yaml(text, reader=reader)
    except LoadProblem as problem:
        return "refuses", problem.code, problem.line, problem.column


def _ruamel_outcome(text: str) -> tuple[str, Any]:
    """('reads', data) or ('refuses', exception name) for ruamel."""
    try:
        return "reads", _ruamel(text)
    except Exception as error:
        return "refuses", type(error).__name__


def _example_files() -> list[Path]:
    return sorted({*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("examples/**/*.yml")})


def _starter() -> str:
    return starter_plan(name="Differential", as_of=datetime.date(2026, 5, 1))


def _bases() -> list[str]:
    """Plans to mutate: the starter plan and the smaller examples (ruamel is slow)."""
    texts = [path.read_text(encoding="utf-8") for path in _example_files()]
    return [_starter(), *(text for text in texts if len(text) < 40_000)]


def _key_lines(text: str) -> list[tuple[int, int]]:
    """(line index, column) of every plain block key that starts its line, not a '- ' item."""
    positions = scan(text).positions
    lines = text.split("\n")
    found = []
    for pointer, (line, column) in positions.items():
        content = lines[line - 1]
        indent = len(content) - len(content.lstrip(" "))
        plain = content[column - 1 : column] not in ('"', "'")
        if pointer and isinstance(pointer[-1], str) and column == indent + 1 and plain:
            found.append((line - 1, column - 1))
    return sorted(found)


@both_readers
@pytest.mark.parametrize("path", _example_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_example_files_read_alike(path: Path, reader: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert _same(parse_yaml(text, reader=reader), _ruamel(text))


@both_readers
def test_starter_plan_reads_alike(reader: str) -> None:
    text = _starter()
    assert _same(parse_yaml(text, reader=reader), _ruamel(text))


# As a key, an empty value is a different construct and NaN never equals
# itself, so those two pairs are left out rather than compared.
_PAIRS = [
    (value, context)
    for context in CONTEXTS
    for value in VALUES
    if not (context.startswith("{}") and value in ("", ".nan"))
]


@both_readers
@pytest.mark.parametrize(("value", "context"), _PAIRS)
def test_values_read_alike(value: str, context: str, reader: str) -> None:
    text = context.format(value) + "\n"
    ours, theirs = _outcome(text, reader), _ruamel_outcome(text)
    assert ours[0] == theirs[0] == "reads", (ours, theirs)
    assert _same(ours[1], theirs[1]), (ours, theirs)


# Scalars where yaml-rs is more lenient than YAML 1.2's core schema (digits
# grouped by '_' anywhere, upper-case base prefixes) or stricter (a signed
# NaN is text): pmkit's own reader must read them the same.
EDGE_VALUES = (
    "_1", "1_", "1__0", "0x_1F", "0X1F", "0O17", "0B11", "+0b11", "-0x1F", "0x", "0o8", "0b2",
    "12_3.4", "1e3_0", "-.5e2", "1_e3", "._5", "_._", ".e3", "1e", "1.e3", "0.", "+.5",
    ".iNf", "+.INF", "-.Inf", ".nAn", "-.nan", "+.NaN", "inf", "nan", "1e999", "-1e999",
    "99999999999999999999999", "0xFFFFFFFFFFFFFFFFFFFFFF", "nULL", "tRUE", "-_", "00x1", "1 2",
)  # fmt: skip


@pytest.mark.parametrize("value", EDGE_VALUES)
def test_edge_values_read_the_same_with_either_reader(value: str) -> None:
    for context in ("k: {}", "- {}", "{}: v"):
        text = context.format(value) + "\n"
        fast, fallback = _outcome(text, "yaml-rs"), _outcome(text, "ruamel")
        assert fast[0] == fallback[0] == "reads", (text, fast, fallback)
        assert _same(fast[1], fallback[1]), (text, fast, fallback)


def _mutations(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    bases = _bases()
    mutated = []
    for _ in range(count):
        text = rng.choice(bases)
        lines = text.split("\n")
        candidates = _key_lines(text)
        for _ in range(rng.randint(1, 4)):
            index, _column = rng.choice(candidates)
            found = re.match(r"( *(?:- )?[^:#]+:) (?![|>\[{&*!])", lines[index])
            if found is not None:
                lines[index] = f"{found.group(1)} {rng.choice(VALUES)}"
        mutated.append("\n".join(lines))
    return mutated


@both_readers_slowly
def test_mutated_values_read_alike(reader: str) -> None:
    agreed = 0
    for mutated in _mutations(20260501, 150):
        ours, theirs = _outcome(mutated, reader), _ruamel_outcome(mutated)
        assert ours[0] == theirs[0], (ours, theirs, mutated)
        if ours[0] == "reads":
            assert _same(ours[1], theirs[1]), mutated
            agreed += 1
    assert agreed >= 100


def test_the_two_readers_agree_on_mutated_plans() -> None:
    for mutated in _mutations(20261206, 60):
        fast, fallback = _placed_outcome(mutated, "yaml-rs"), _placed_outcome(mutated, "ruamel")
        assert fast[0] == fallback[0], (fast, fallback, mutated)
        if fast[0] == "reads":
            assert _same(fast[1], fallback[1]), mutated
        else:
            assert fast == fallback, mutated


def test_the_two_readers_place_duplicate_keys_alike() -> None:
    rng = random.Random(11)
    bases = _bases()
    for _ in range(30):
        text = rng.choice(bases)
        lines = text.split("\n")
        index, _column = rng.choice(_key_lines(text))
        lines.insert(index + 1, lines[index].replace("- ", "  ", 1))
        mutated = "\n".join(lines)
        fast = _placed_outcome(mutated, "yaml-rs")
        assert fast[0] == "refuses", mutated
        assert _placed_outcome(mutated, "ruamel") == fast, mutated


@both_readers_slowly
def test_duplicate_keys_are_refused_by_both(reader: str) -> None:
    rng = random.Random(7)
    bases = _bases()
    for _ in range(60):
        text = rng.choice(bases)
        lines = text.split("\n")
        index, _column = rng.choice(_key_lines(text))
        lines.insert(index + 1, lines[index].replace("- ", "  ", 1))
        mutated = "\n".join(lines)
        ours, theirs = _placed_outcome(mutated, reader), _ruamel_outcome(mutated)
        assert theirs == ("refuses", "DuplicateKeyError"), mutated
        assert ours[0] == "refuses", mutated
        assert ours[1] in ("YML007", "YML001"), mutated
        if ours[1] == "YML007":
            assert ours[2:] == (index + 2, lines[index + 1].index(lines[index + 1].strip()) + 1)


@both_readers
@pytest.mark.parametrize("tag", FORBIDDEN_TAGS)
def test_forbidden_tags_are_refused(tag: str, reader: str) -> None:
    rng = random.Random(tag)
    bases = _bases()
    for _ in range(20):
        text = rng.choice(bases)
        lines = text.split("\n")
        index, column = rng.choice(_key_lines(text))
        line = lines[index]
        colon = line.index(":", column)
        lines[index] = f"{line[: colon + 1]} {tag}{line[colon + 1 :]}"
        mutated = "\n".join(lines)
        assert _placed_outcome(mutated, reader) == ("refuses", "YML005", index + 1, colon + 3)


@both_readers
@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\nc: {k: *x}\n",
        "- &item {id: A, tags: [x, y]}\n- *item\n- [*item, *item]\n",
        "owner: &lead\n  partner: police\n  role: Lead\nother: *lead\n",
        "a: &s text\nb: *s\nc: [*s]\n",
        "a: &n 3\nb: *n\n",
        "a: &first 1\na2: &first 2\nb: *first\n",
    ],
)
def test_legitimate_aliases_read_alike(text: str, reader: str) -> None:
    assert _same(parse_yaml(text, reader=reader), _ruamel(text))


@both_readers
def test_aliases_in_a_plan_read_alike(reader: str) -> None:
    text = _starter().replace("  - id: council\n", "  - &council\n    id: council\n", 1)
    text += "copy_of_council: *council\n"
    assert _same(parse_yaml(text, reader=reader), _ruamel(text))


@both_readers
def test_alias_bomb_is_refused_quickly(reader: str) -> None:
    text = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    previous = "a"
    for name in "bcdefghi":
        text += f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
        previous = name
    started = time.perf_counter()
    assert _placed_outcome(text, reader) == ("refuses", "YML004", 2, 8)
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize("name", sorted(KNOWN_DIFFERENCES))
def test_known_differences_stay_as_documented(name: str) -> None:
    text, theirs, fast, fallback = KNOWN_DIFFERENCES[name]
    assert _ruamel_outcome(text)[0] == theirs
    assert _outcome(text, "yaml-rs")[0] == fast
    assert _outcome(text, "ruamel")[0] == fallback


@both_readers
def test_a_quoted_merge_key_is_an_ordinary_key(reader: str) -> None:
    text = "'<<': {x: 1}\ny: 2\n"
    assert _same(parse_yaml(text, reader=reader), _ruamel(text))


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
