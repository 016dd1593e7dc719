"""The README's tour, run as written: every command, in a fresh copy of the repository.

Each ``console`` block under "A tour" is a little script: lines starting with
``$ `` are commands, the lines after a command are what it prints. The test
copies the repository's examples and schemas into a temporary folder, runs
each command there (``uv run pmkit ...`` through pmkit's own entry point,
``uv run python ...`` as a subprocess, ``cd`` and ``export`` as a shell would)
and checks that what the README shows is what pmkit prints: each shown line
must appear, in order; a line that is only ``…`` stands for any number of
lines, and ``…`` inside a line for any text. Dates, times and commit ids are
normalised, since a figure is stamped with the time it was recorded.

An HTML comment before a block (invisible on a git host) sets up its state:
``<!-- tour: cwd=FOLDER as-of=DATE copy=FROM:TO trees=FROM:TO,… fill=FILE,… -->``.
``copy`` puts a file from the repository (a plan with typing mistakes, say)
where the block expects it, ``trees`` whole folders (plans for a portfolio);
``fill`` fills in every empty row of the named returns, as a partner would.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmkit.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
AS_OF = "2026-11-26"
COLUMNS = "120"
_DIRECTIVE = re.compile(r"<!--\s*tour:(?P<body>.*?)-->")
_TIMESTAMP = re.compile(r"\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z)?|\d{4}-\d{2}-\d{2}T?")


@dataclass
class Command:
    line: str
    shown: list[str] = field(default_factory=list)


@dataclass
class Block:
    number: int
    settings: dict[str, str]
    commands: list[Command]


def tour_blocks(text: str) -> list[Block]:
    """The console blocks of the README's tour, with the directive before each."""
    section = text.split("\n## A tour\n", 1)[1].split("\n## ", 1)[0]
    blocks: list[Block] = []
    settings: dict[str, str] = {}
    lines = iter(section.splitlines())
    for line in lines:
        found = _DIRECTIVE.search(line)
        if found is not None:
            settings = dict(part.split("=", 1) for part in found["body"].split())
            continue
        if line.strip() != "```console":
            continue
        commands: list[Command] = []
        for inner in lines:
            if inner.strip() == "```":
                break
            if inner.startswith("$ "):
                commands.append(Command(inner[2:]))
            elif commands:
                commands[-1].shown.append(inner)
        blocks.append(Block(len(blocks) + 1, settings, commands))
        settings = {}
    return blocks


_COMMIT = re.compile(r"\b[0-9a-f]{7}\b")


def normalise(line: str) -> str:
    """The line without what changes from run to run: times, dates and commit ids."""
    return _COMMIT.sub("<commit>", _TIMESTAMP.sub("<when>", line.rstrip()))


def matches(shown: str, printed: str) -> bool:
    if "…" not in shown:
        return normalise(shown) == normalise(printed)
    pattern = ".*".join(re.escape(part) for part in normalise(shown).split("…"))
    return re.fullmatch(pattern, normalise(printed)) is not None


def check_output(shown: list[str], printed: list[str], where: str) -> None:
    """Each shown line appears in order; a lone ``…`` skips any lines."""
    position = 0
    skipping = False
    for expected in shown:
        if expected.strip() == "…":
            skipping = True
            continue
        while position < len(printed) and not matches(expected, printed[position]):
            if not skipping:
                context = "\n".join(printed[max(0, position - 2) : position + 3])
                pytest.fail(
                    f"{where}: the README shows\n  {expected}\nbut pmkit printed\n{context}",
                    pytrace=False,
                )
            position += 1
        if position == len(printed):
            pytest.fail(
                f"{where}: the README shows\n  {expected}\nwhich pmkit never printed\n"
                + "\n".join(printed),
                pytrace=False,
            )
        position += 1
        skipping = False


def strip_comment(command: str) -> str:
    """The command without a trailing ``# comment`` (outside quotes)."""
    words = shlex.split(command, comments=True)
    return shlex.join(words)


def fill(path: Path) -> None:
    """Fill in every empty row of a return, as a partner would.

    A figure: the row's target, else its last value; progress: on track,
    half done; a resource: a quarter of what was committed for the year.
    """
    from openpyxl import load_workbook

    from pmkit.returns.content import COLUMNS as HEADINGS

    book = load_workbook(path)
    sheet = book.worksheets[0]
    header_row = next(row[0].row for row in sheet.iter_rows() if row[0].value == HEADINGS[0])
    index = {cell.value: cell.column - 1 for cell in sheet[header_row]}
    for row in sheet.iter_rows(min_row=header_row + 1):
        kind, value = row[index["Kind"]].value, row[index["Value"]]
        if value.value not in (None, ""):
            continue
        first = {
            name: str(row[index[name]].value or "").split(" ")[0].replace(",", "").lstrip("£")
            for name in ("Target", "Last value")
        }
        if kind == "figure":
            value.value = float(first["Target"] or first["Last value"] or "1")
            row[index["Status"]].value = "final"
            row[index["Commentary"]].value = "As reported by the partner's own system."
        elif kind == "progress":
            value.value = 50
            row[index["Status"]].value = "on_track"
        elif kind == "resource":
            value.value = round(float(first["Target"] or "4000") / 4)
    book.save(path)


def prepare(block: Block, root: Path) -> None:
    """The state a block's directive asks for: files copied into place."""
    if "copy" in block.settings:
        source, target = block.settings["copy"].split(":", 1)
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / source, root / target)
    for pair in filter(None, block.settings.get("trees", "").split(",")):
        source, target = pair.split(":", 1)
        shutil.copytree(ROOT / source, root / target, dirs_exist_ok=True)


def test_the_readme_tour_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for folder in ("examples", "schemas"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    env = {
        "PMKIT_AS_OF": AS_OF,
        "COLUMNS": COLUMNS,
        "NO_COLOR": "1",
        "FORCE_COLOR": None,
        "TTY_COMPATIBLE": None,
        "PMKIT_DEBUG": None,
        "PMKIT_RECORDED_BY": None,
    }
    blocks = tour_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 10
    for block in blocks:
        prepare(block, tmp_path)
        cwd = tmp_path / block.settings.get("cwd", ".")
        env["PMKIT_AS_OF"] = block.settings.get("as-of", AS_OF)
        for name in filter(None, block.settings.get("fill", "").split(",")):
            fill(cwd / name)
        for command in block.commands:
            where = f"tour block {block.number}: $ {command.line}"
            words = shlex.split(command.line, comments=True)
            if words[0] == "cd":
                cwd = cwd / words[1]
                continue
            if words[0] == "export":
                key, value = words[1].split("=", 1)
                env[key] = value
                continue
            assert words[:2] == ["uv", "run"], where
            monkeypatch.chdir(cwd)
            into = None
            if ">" in words:  # a shell's redirection of standard output to a file
                into = cwd / words[words.index(">") + 1]
                words = words[: words.index(">")]
            if words[2] == "pmkit":
                result = CliRunner(env=env).invoke(app, words[3:])
                if result.exception is not None and not isinstance(result.exception, SystemExit):
                    raise result.exception
                printed, code = result.output, result.exit_code
                if into is not None:
                    into.write_text(result.stdout, encoding="utf-8")
                    printed = result.stderr
            else:
                done = subprocess.run(
                    [sys.executable, *words[3:]],
                    cwd=cwd,
                    capture_output=True,
                    text=True,
                    env={**os.environ, **{k: v for k, v in env.items() if v is not None}},
                    timeout=300,
                    check=False,
                )
                printed, code = done.stdout + done.stderr, done.returncode
            refused = any(line.startswith("pmkit: ") for line in command.shown)
            assert code in ((2,) if refused else (0, 1)), f"{where}\n{printed}"
            check_output(command.shown, printed.splitlines(), where)


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
