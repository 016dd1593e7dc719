"""Fuzzing: mangled plans, monitoring files and returns never crash pmkit.

The seeds of the corpus are the example plans, the examples' monitoring files
and the returns ``pmkit returns generate --all`` writes for them (CSV and
XLSX, with figures filled in as a partner would). Each case takes one seed
and mangles it with a fixed random seed: flipped bytes, a truncation, deleted
or duplicated lines, wrong indentation, odd unicode (RTL marks, zero-width
joiners, emoji, NUL, lone surrogates written as bytes, invalid UTF-8), YAML
anchors and tags, a 1 MB string or a 10,000-digit number; for a workbook,
also what spreadsheet tools get wrong: a stale ``<dimension>`` record, shared
string indexes that point nowhere, zip members dropped, doubled or reordered. The mangled file
goes through the same entry point as the command line (``pmkit.cli.app``):
``validate`` for a plan or a monitoring file, ``returns import --dry-run``
for a return. Whatever pmkit makes of it, it must exit 0, 1 or 2 and say so
in words, never with a traceback or an "internal error".

``PMKIT_FUZZ_CASES`` (default 60; ``.ci/run`` sets 3,000) sets how many
in-process cases run; the subprocess cases are a slow suite (``--slow``);
``PMKIT_FUZZ_SEED`` (default 20261126) the seed. A failure names the seed, the
case number and its mutations, so ``PMKIT_FUZZ_SEED=S`` reproduces it.
"""

from __future__ import annotations

import csv
import io
import os
import random
import re
import shutil
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from pmkit.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
AS_OF = "2026-11-26"
"""Late November 2026: the returns are for 2026/27 Q2, the latest quarter ended."""

SEED = int(os.environ.get("PMKIT_FUZZ_SEED", "20261126"))
CASES = int(os.environ.get("PMKIT_FUZZ_CASES", "60"))
SUBPROCESS_CASES = int(os.environ.get("PMKIT_FUZZ_SUBPROCESS_CASES", "50"))
SUBPROCESS_TIMEOUT = 60

ENV: dict[str, str | None] = {
    "FORCE_COLOR": None,
    "TTY_COMPATIBLE": None,
    "PMKIT_AS_OF": AS_OF,
    "PMKIT_DEBUG": None,
    "PMKIT_RECORDED_BY": "Fuzzer",
    "COLUMNS": "120",
}

KINDS = ("plan", "monitoring", "csv", "xlsx")
"""The kinds of seed file, and the share of the cases each gets (equal)."""


# -- the seeds ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Seed:
    kind: str
    name: str
    data: bytes
    home: Path
    """For a plan: the example folder. Else: the folder holding the intact plan."""


@dataclass(slots=True)
class Corpus:
    seeds: dict[str, list[Seed]]
    work: Path


def _fill_csv(path: Path) -> None:
    """Type a figure, a status and commentary into every figure row, as a partner would."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        grid = list(csv.reader(handle))
    header = next(n for n, row in enumerate(grid) if "Kind" in row and "ID" in row)
    names = grid[header]
    for number, row in enumerate(grid[header + 1 :]):
        if len(row) == len(names) and row[names.index("Kind")] == "figure":
            row[names.index("Value")] = str(10 + number)
            row[names.index("Status")] = "provisional"
            row[names.index("Commentary")] = "Filled in by the fuzzer."
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(grid)


def _fill_xlsx(path: Path) -> None:
    workbook = load_workbook(path)
    sheet = workbook["Return"]
    header = next(row[0].row for row in sheet.iter_rows() if row[0].value == "Kind")
    letters = {str(cell.value): cell.column_letter for cell in sheet[header] if cell.value}
    for row in sheet.iter_rows(min_row=header + 1):
        number = row[0].row
        if sheet[f"{letters['Kind']}{number}"].value == "figure":
            sheet[f"{letters['Value']}{number}"].value = 10 + number
            sheet[f"{letters['Status']}{number}"].value = "provisional"
            sheet[f"{letters['Commentary']}{number}"].value = "Filled in by the fuzzer."
    workbook.save(path)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Every seed file, and a copy of each example to run the mangled files against."""
    base = tmp_path_factory.mktemp("fuzz")
    runner = CliRunner(env=ENV)
    seeds: dict[str, list[Seed]] = {kind: [] for kind in KINDS}
    for plan in sorted(EXAMPLES.glob("*/plan.yaml")):
        example = plan.parent
        seeds["plan"].append(Seed("plan", f"{example.name}/plan.yaml", plan.read_bytes(), example))
        if not (example / "monitoring").is_dir():
            continue
        home = base / "intact" / example.name
        shutil.copytree(example, home)
        for path in sorted((example / "monitoring").glob("*.yaml")):
            name = f"{example.name}/monitoring/{path.name}"
            seeds["monitoring"].append(Seed("monitoring", name, path.read_bytes(), home))
        for file_format, fill in (("csv", _fill_csv), ("xlsx", _fill_xlsx)):
            out = base / "returns" / example.name / file_format
            args = ["returns", "generate", "--all", "-f", file_format, "-o", str(out)]
            result = runner.invoke(app, [*args, "--plan", str(home / "plan.yaml")])
            assert result.exit_code == 0, result.output
            for path in sorted(out.iterdir()):
                fill(path)
                name = f"{example.name}/returns/{path.name}"
                seeds[file_format].append(Seed(file_format, name, path.read_bytes(), home))
    for kind in KINDS:
        assert seeds[kind], f"no seed files of kind {kind}"
    work = base / "work"
    work.mkdir()
    return Corpus(seeds, work)


# -- the mutations --------------------------------------------------------------

ODD_UNICODE: tuple[bytes, ...] = (
    "\u202e".encode(),  # right-to-left override
    "\u200f".encode(),  # right-to-left mark
    "\u200d".encode(),  # zero-width joiner
    "\u200b".encode(),  # zero-width space
    "\ufeff".encode(),  # a byte order mark, mid-file
    "\u2028".encode(),  # line separator
    "\u0085".encode(),  # next line
    "\ufffe".encode(),  # a non-character
    "👩\u200d👩\u200d👧".encode(),
    "🏳️\u200d🌈".encode(),
    "e\u0301\u0301\u0301".encode(),  # stacked combining marks
    "\U0001d7d7".encode(),  # MATHEMATICAL BOLD DIGIT NINE
    "١٢٣".encode(),  # Arabic-Indic digits
    b"\x00",
    b"\x1b[31m",
    b"\xed\xa0\x80",  # a lone high surrogate, as UTF-8-style bytes
    b"\xed\xbf\xbf",  # a lone low surrogate
    b"\xff\xfe",
    b"\xc0\xaf",  # an overlong '/'
    b"\x80",
    b"\r",
    b"\t",
)

YAML_SPECIALS: tuple[bytes, ...] = (
    b"&a ",
    b"*a",
    b"*nowhere",
    b"!!binary ",
    b"!!python/object/apply:os.system ['true'] ",
    b"!custom ",
    b"<<: *a\n",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\n---\n",
    b"\n...\n",
    b"%YAML 1.1\n",
    b"? ",
    b": ",
    b"- ",
    b"|",
    b">-",
    b"'",
    b'"',
    b"#",
    b"~",
    b"null",
    b".inf",
    b".nan",
    b"0x1F",
    b"1_000",
    b"2026-13-45",
    b"yes",
    b"no",
    b"=1+1",
    b",",
    b";",
)

HUGE_NUMBERS: tuple[bytes, ...] = (
    b"9" * 10_000,
    b"-" + b"9" * 10_000,
    b"0." + b"1" * 10_000,
    b"1e999999",
    b"-1e-999999",
    b"1" + b"0" * 400,
    b"NaN",
    b"-inf",
    b"-0",
)

Mutation = Callable[[random.Random, bytes], tuple[bytes, str]]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def byte_flips(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    buffer = bytearray(data)
    places = []
    for _ in range(rng.randint(1, 8)):
        if not buffer:
            break
        at = rng.randrange(len(buffer))
        bit = 1 << rng.randrange(8)
        buffer[at] ^= bit
        places.append(f"{at}^{bit}")
    return bytes(buffer), f"byte flips at {', '.join(places)}"


def truncate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    return data[:at], f"truncated to {at} bytes"


def delete_lines(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    count = rng.randint(1, 4)
    del lines[at : at + count]
    return b"".join(lines), f"deleted lines {at + 1}-{at + count}"


def duplicate_lines(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    count = rng.randint(1, 4)
    times = rng.choice((1, 2, 50))
    lines[at:at] = lines[at : at + count] * times
    return b"".join(lines), f"lines {at + 1}-{at + count} repeated {times} more times"


def reindent(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    how = rng.choice(("add", "remove", "tab", "nbsp"))
    line = lines[at]
    if how == "add":
        lines[at] = b" " * rng.randint(1, 5) + line
    elif how == "remove":
        lines[at] = line.lstrip(b" ")
    elif how == "tab":
        lines[at] = b"\t" + line.lstrip(b" ")
    else:
        lines[at] = "\u00a0".encode() + line
    return b"".join(lines), f"indentation of line {at + 1}: {how}"


def insert_unicode(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    odd = rng.choice(ODD_UNICODE)
    at = rng.randrange(len(data) + 1)
    return data[:at] + odd + data[at:], f"inserted {odd!r} at byte {at}"


def insert_yaml_special(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    special = rng.choice(YAML_SPECIALS)
    at = rng.randrange(len(data) + 1)
    return data[:at] + special + data[at:], f"inserted {special!r} at byte {at}"


def _replace_scalar(rng: random.Random, data: bytes, new: bytes) -> tuple[bytes, int]:
    """Put ``new`` in place of a value: after ': ' in a line, or a comma-separated cell."""
    lines = _lines(data)
    at = rng.randrange(len(lines))
    line = lines[at]
    end = line[len(line.rstrip(b"\r\n")) :]
    body = line[: len(line) - len(end)]
    if b": " in body:
        key = body.split(b": ", 1)[0]
        lines[at] = key + b": " + new + end
    elif b"," in body:
        cells = body.split(b",")
        cells[rng.randrange(len(cells))] = new
        lines[at] = b",".join(cells) + end
    else:
        lines[at] = new + end
    return b"".join(lines), at + 1


def huge_string(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    unit = rng.choice((b"x", "\u202e".encode(), "😀".encode(), b"ab "))
    new = unit * (1_000_000 // len(unit))
    mutated, line = _replace_scalar(rng, data, new)
    return mutated, f"a 1 MB string of {unit!r} as the value on line {line}"


def huge_number(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    new = rng.choice(HUGE_NUMBERS)
    mutated, line = _replace_scalar(rng, data, new)
    return mutated, f"{new[:12]!r}... ({len(new)} bytes) as the value on line {line}"


MUTATIONS: tuple[Mutation, ...] = (
    byte_flips,
    truncate,
    delete_lines,
    duplicate_lines,
    reindent,
    insert_unicode,
    insert_yaml_special,
    huge_string,
    huge_number,
)
RARE = (huge_string, huge_number)
"""Slow to run, so drawn less often than the rest."""


def mutate_bytes(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    """One to three mutations, the big ones at most once."""
    done: list[str] = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        mutation = rng.choice(MUTATIONS)
        if mutation in RARE and (
            rng.random() < 0.6 or any("MB" in d or "bytes)" in d for d in done)
        ):
            mutation = rng.choice([m for m in MUTATIONS if m not in RARE])
        data, description = mutation(rng, data)
        done.append(f"{mutation.__name__}: {description}")
    return data, done


XLSX_CELL_VALUES: tuple[object, ...] = (
    "=1/0",
    '=HYPERLINK("http://evil","x")',
    "not available:",
    "not available: " + "x" * 30_000,
    "1e999999",
    "9" * 10_000,
    "-",
    "",
    " ",
    "\u202e12",
    "١٢",
    "12\u200d",
    "12 %",
    "£1,000,000",
    "final\u200b",
    "FINAL",
    "31/02/2027",
    "2026-13-01",
    10**40,
    -1e308,
    float("inf"),
    float("nan"),
    True,
    0,
)


_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')
_SHARED_INDEX = re.compile(rb'(<c [^>]*t="s"[^>]*>\s*<v>)(\d+)(</v>)')


def mutate_xlsx_structure(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    """What spreadsheet tools get wrong: a stale dimension record, shared strings, the zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = [(info.filename, source.read(info)) for info in source.infolist()]
    done: list[str] = []
    sheets = [i for i, (name, _) in enumerate(members) if name.startswith("xl/worksheets/")]
    change = rng.choice(("dimension", "shared", "drop", "duplicate", "reorder"))
    if change == "dimension" and sheets:
        index = rng.choice(sheets)
        name, body = members[index]
        ref = rng.choice((b"A1:M10", b"A1", b"A1:XFD1048576", b"Z9:A1", b"", b"nonsense"))
        tag = b'<dimension ref="' + ref + b'"/>'
        body = _DIMENSION.sub(tag, body) if _DIMENSION.search(body) else body
        members[index] = (name, body)
        done.append(f"{name}: dimension record {ref.decode()!r}")
    elif change == "shared" and sheets:
        index = rng.choice(sheets)
        name, body = members[index]
        bad = str(rng.choice((999_999, -1, 0, 10**12))).encode()
        body = _SHARED_INDEX.sub(lambda m: m[1] + bad + m[3], body, count=rng.randint(1, 3))
        members[index] = (name, body)
        done.append(f"{name}: shared-string index {bad.decode()}")
    elif change == "drop":
        index = rng.randrange(len(members))
        done.append(f"zip member {members[index][0]} removed")
        del members[index]
    elif change == "duplicate":
        index = rng.randrange(len(members))
        members.append(members[index])
        done.append(f"zip member {members[index][0]} stored twice")
    else:
        rng.shuffle(members)
        done.append("zip members reordered")
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: that is the point
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name, body in members:
                target.writestr(name, body)
    return out.getvalue(), done


def mutate_xlsx(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    """Raw bytes, the XML inside the zip, or the cells as Excel would save them."""
    how = rng.choice(("bytes", "xml", "xml", "structure", "structure", "cells", "cells"))
    if how == "bytes":
        return mutate_bytes(rng, data)
    if how == "structure":
        return mutate_xlsx_structure(rng, data)
    if how == "xml":
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            members = [(info, source.read(info)) for info in source.infolist()]
        pick = rng.randrange(len(members))
        mutated, done = mutate_bytes(rng, members[pick][1])
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for number, (info, body) in enumerate(members):
                target.writestr(info.filename, mutated if number == pick else body)
        return out.getvalue(), [f"in {members[pick][0].filename}: {d}" for d in done]
    workbook = load_workbook(io.BytesIO(data))
    done = []
    for _ in range(rng.randint(1, 4)):
        sheet = rng.choice(workbook.worksheets)
        action = rng.choice(("set", "set", "set", "delete_rows", "insert_rows", "rename"))
        if action == "rename":
            sheet.title = rng.choice(("Sheet1", "Return ", "retUrn", "x" * 31))
            done.append(f"sheet renamed {sheet.title!r}")
            continue
        row = rng.randint(1, max(sheet.max_row, 1) + 1)
        if action == "delete_rows":
            sheet.delete_rows(row, rng.randint(1, 3))
            done.append(f"{sheet.title}: rows deleted from {row}")
            continue
        if action == "insert_rows":
            sheet.insert_rows(row, rng.randint(1, 3))
            done.append(f"{sheet.title}: rows inserted at {row}")
            continue
        column = rng.randint(1, max(sheet.max_column, 1) + 1)
        value = rng.choice(XLSX_CELL_VALUES)
        try:
            sheet.cell(row=row, column=column).value = value
        except (ValueError, TypeError):  # openpyxl refuses some values itself
            continue
        shown = value[:20] if isinstance(value, str) else value
        done.append(f"{sheet.title}!R{row}C{column} set to {shown!r}")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), done or ["cells: no change"]


# -- running a case --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Case:
    number: int
    seed: Seed
    data: bytes
    mutations: list[str]

    def describe(self) -> str:
        return (
            f"PMKIT_FUZZ_SEED={SEED}, case {self.number}, {self.seed.kind} seed "
            f"{self.seed.name}, mutations: {'; '.join(self.mutations)}"
        )


def make_case(corpus: Corpus, kind: str, number: int) -> Case:
    rng = random.Random(f"{SEED}:{kind}:{number}")
    seed = rng.choice(corpus.seeds[kind])
    if kind == "xlsx":
        data, done = mutate_xlsx(rng, seed.data)
    else:
        data, done = mutate_bytes(rng, seed.data)
    return Case(number, seed, data, done)


def stage(case: Case, folder: Path) -> list[str]:
    """Write the case into ``folder``; the arguments that run it."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    seed = case.seed
    if seed.kind == "plan":
        (folder / "plan.yaml").write_bytes(case.data)
        return ["validate", str(folder)]
    plan = folder / "plan.yaml"
    shutil.copyfile(seed.home / "plan.yaml", plan)
    if seed.kind == "monitoring":
        (folder / "monitoring").mkdir()
        (folder / "monitoring" / Path(seed.name).name).write_bytes(case.data)
        return ["validate", str(folder)]
    (folder / "monitoring").symlink_to(seed.home / "monitoring", target_is_directory=True)
    path = folder / Path(seed.name).name
    path.write_bytes(case.data)
    return ["returns", "import", "--dry-run", "--plan", str(plan), str(path)]


def check(case: Case, exit_code: int, output: str, exception: BaseException | None) -> None:
    where = case.describe()
    if exception is not None and not isinstance(exception, SystemExit):
        raise AssertionError(f"{where}: raised {exception!r}\n{output[-3000:]}") from exception
    assert exit_code in (0, 1, 2), f"{where}: exit code {exit_code}\n{output[-3000:]}"
    for bad in ("Traceback", "internal error"):
        assert bad not in output, f"{where}: {bad!r} in the output\n{output[-3000:]}"


def share(kind: str, total: int) -> int:
    index = KINDS.index(kind)
    return total // len(KINDS) + (1 if index < total % len(KINDS) else 0)


@pytest.mark.parametrize("kind", KINDS)
def test_mangled_files_in_process(corpus: Corpus, kind: str) -> None:
    """Each kind gets a quarter of PMKIT_FUZZ_CASES, run through ``pmkit.cli.app``."""
    runner = CliRunner(env=ENV)
    folder = corpus.work / f"in-process-{kind}"
    failures: list[str] = []
    for number in range(share(kind, CASES)):
        case = make_case(corpus, kind, number)
        args = stage(case, folder)
        result = runner.invoke(app, args)
        try:
            check(case, result.exit_code, result.output, result.exception)
        except AssertionError as error:
            failures.append(str(error))
            if len(failures) >= 5:
                break
    assert not failures, "\n\n".join(failures)


@pytest.mark.slow
def test_mangled_files_as_subprocesses(corpus: Corpus) -> None:
    """About fifty cases through the installed pmkit, as a user would run it."""
    cases = [
        make_case(corpus, KINDS[number % len(KINDS)], 1_000_000 + number)
        for number in range(SUBPROCESS_CASES)
    ]
    env = {key: value for key, value in os.environ.items() if key not in ENV}
    env.update({key: value for key, value in ENV.items() if value is not None})

    def run(item: tuple[int, Case]) -> tuple[Case, int, str]:
        index, case = item
        args = stage(case, corpus.work / f"subprocess-{index}")
        try:
            done = subprocess.run(
                [sys.executable, "-m", "pmkit", *args],
                capture_output=True,
                timeout=SUBPROCESS_TIMEOUT,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return case, -1, f"timed out after {SUBPROCESS_TIMEOUT} s"
        output = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
        return case, done.returncode, output

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(run, enumerate(cases)))
    failures = []
    for case, code, output in results:
        try:
            check(case, code, output, None)
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n\n".join(failures[:5])


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
