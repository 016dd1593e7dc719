"""Fuzzing the command line: generated option values for every command never crash pmkit.

Each case picks a command and fills its arguments and options from lists of
values a user (or a script gone wrong) might give: periods and dates that do
not exist, ids with markup, paths or control characters in them, numbers too
big or not numbers at all, ``--by`` values full of markup, bracketed paths.
Run in-process against a copy of the Safer Kestermoor example, every case
must exit 0, 1 or 2 with words, never an internal error or a traceback, and
never print a raw escape character.

The quick run tries 30 cases; the slow suite (``--slow``) tries
``PMKIT_FUZZ_CLI_CASES`` (default 500). ``PMKIT_FUZZ_SEED`` (default
20261126) sets the seed; a failure names it, the case and the command line,
so the case can be run again by hand.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmkit.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety"
SEED = int(os.environ.get("PMKIT_FUZZ_SEED", "20261126"))
QUICK_CASES = 30
CASES = int(os.environ.get("PMKIT_FUZZ_CLI_CASES", "500"))

ENV: dict[str, str | None] = {
    "FORCE_COLOR": None,
    "TTY_COMPATIBLE": None,
    "PMKIT_AS_OF": "2026-11-26",
    "PMKIT_DEBUG": None,
    "PMKIT_RECORDED_BY": "Fuzzer",
    "COLUMNS": "120",
}

MARKUP = ["[/x]", "[bold]x[/bold]", "[link=https://evil.example]x[/link]", ":smile:", "[", "]"]
CONTROL = ["\x1b[2J", "\x1b]8;;http://x\x07y", "\u202eevil", "\x00", "\x9b", "a\nb", "\t", "\r"]
TEXT = [*MARKUP, *CONTROL, "", " ", "ok", "x" * 5000, "Café £5", "=SUM(A1)", "%s{}{0}"]
PERIODS = [
    "2026/27 Q2", "2026/27Q2", "2026-27-Q2", "2026/27", "2026-08", "2026 Q3", "2025/26 Q4",
    "2026/27 Q5", "2026/27 Q0", "9999/00 Q1", "0000/01", "-1", "2026-13", "1" * 400,
    "2026/28", "Q2", "2026/27 Q2 ", *MARKUP, *CONTROL,
]  # fmt: skip
DATES = [
    "2026-11-26", "2026-02-30", "0001-01-01", "9999-12-31", "99999-01-01", "2026-11-26T00:00",
    "26/11/2026", "", "today", *MARKUP, *CONTROL,
]  # fmt: skip
IDS = [
    "CS-01", "CS-06", "A1", "A2", "police", "council", "need", "RA-2026-27-Q2-1", "nope",
    "../x", "/etc/passwd", "", *MARKUP, *CONTROL,
]  # fmt: skip
NUMBERS = [
    "80", "0", "-1", "100", "101", "1e999999", "NaN", "inf", "-0", "1,234", "£5", "45%",
    "9" * 400, "0x10", "1_000", "0.000001", "", *MARKUP, *CONTROL,
]  # fmt: skip
QUARTERS = ["2026/27 Q2", "2026/27 Q1", "2025/26 Q4", "2026-27-Q2"]
YEARS = ["2025/26", "2026/27"]
FORMATS = ["text", "json", "github", "sarif", "junit", "md", "html", "csv", "xlsx", "markdown"]
STATUSES = ["on_track", "at_risk", "complete", "late", "", *MARKUP]


Args = list[str]


def _path(rng: random.Random, work: Path) -> str:
    if rng.random() < 0.4:
        return str(work / "plan.yaml")
    return rng.choice(
        [
            str(work / "plan.yaml"),
            str(work),
            str(work / f"out{rng.choice(MARKUP)}.file"),
            str(work / "no[/x]where" / "plan.yaml"),
            str(work / "monitoring"),
            str(work / f"c{rng.choice(CONTROL)}.yaml"),
            "",
        ]
    )


def _maybe(
    rng: random.Random, option: str, values: list[str], good: list[str] | None = None
) -> Args:
    """The option with a value, six times in ten; half of those a sound value, when given."""
    if rng.random() >= 0.6:
        return []
    return [option, rng.choice(good if good and rng.random() < 0.5 else values)]


def _pick(rng: random.Random, values: list[str], good: list[str]) -> str:
    return rng.choice(good if rng.random() < 0.5 else values)


def _command(rng: random.Random, work: Path) -> Args:
    plan = (
        ["--plan", str(work / "plan.yaml")] if rng.random() < 0.9 else ["--plan", _path(rng, work)]
    )
    out = str(work / f"out{rng.randrange(1000)}.file")
    by = _maybe(rng, "--by", TEXT)
    odd = str(work / "[x" / "]")
    makers: list[Callable[[], Args]] = [
        lambda: ["validate", _path(rng, work) or str(work),
                 *_maybe(rng, "-f", FORMATS, ["text", "json", "github", "sarif", "junit"]),
                 *_maybe(rng, "--select", IDS), *_maybe(rng, "--ignore", IDS)],
        lambda: ["review", *_maybe(rng, "--quarter", PERIODS, QUARTERS),
                 *(_maybe(rng, "--year", PERIODS, YEARS) if rng.random() < 0.3 else []),
                 *_maybe(rng, "-f", FORMATS, ["md", "html", "json"]),
                 *_maybe(rng, "--fail-on", TEXT, ["red", "amber"]), *plan],
        lambda: ["status", *_maybe(rng, "--quarter", PERIODS, QUARTERS), *plan],
        lambda: ["history", _pick(rng, IDS, ["CS-01", "CS-02", "A1"]), *plan],
        lambda: ["record", "figure", _pick(rng, IDS, ["CS-01", "CS-06"]),
                 _pick(rng, NUMBERS, ["80", "12.5"]), *_maybe(rng, "--period", PERIODS, QUARTERS),
                 *_maybe(rng, "--commentary", TEXT),
                 *_maybe(rng, "--not-available", TEXT), *_maybe(rng, "--reason", TEXT),
                 "--dry-run", *by, *plan],
        lambda: ["record", "progress", _pick(rng, IDS, ["A1", "A2"]),
                 "--status", _pick(rng, STATUSES, ["on_track", "at_risk"]),
                 *_maybe(rng, "--percent", NUMBERS), *_maybe(rng, "--commentary", TEXT),
                 *_maybe(rng, "--period", PERIODS), *by, *plan],
        lambda: ["record", "resource", rng.choice(IDS), "--partner", rng.choice(IDS),
                 "--amount", rng.choice(NUMBERS), *_maybe(rng, "--period", PERIODS), *by, *plan],
        lambda: ["record", "score", rng.choice(IDS), "--partner", rng.choice(IDS),
                 "--score", rng.choice(NUMBERS), *_maybe(rng, "--year", PERIODS),
                 *_maybe(rng, "--comment", TEXT), *by, *plan],
        lambda: ["record", "remedial", rng.choice(IDS), "--action", rng.choice(TEXT),
                 "--owner", rng.choice(IDS), "--due", rng.choice(DATES),
                 *_maybe(rng, "--role", TEXT), *by, *plan],
        lambda: ["record", "close", rng.choice(IDS), *_maybe(rng, "--note", TEXT),
                 *_maybe(rng, "--period", PERIODS), *by, *plan],
        lambda: ["returns", "generate", "--partner", _pick(rng, IDS, ["police", "council"]),
                 *_maybe(rng, "--period", PERIODS, QUARTERS),
                 *_maybe(rng, "-f", FORMATS, ["csv", "xlsx"]), "-o", out,
                 *plan],
        lambda: ["returns", "import", _path(rng, work), "--dry-run",
                 *_maybe(rng, "--period", PERIODS), *_maybe(rng, "--partner", IDS),
                 *_maybe(rng, "--reason", TEXT), *by, *plan],
        lambda: ["returns", "status", *_maybe(rng, "--period", PERIODS, QUARTERS),
                 *_maybe(rng, "-f", FORMATS, ["text", "json"]), *plan],
        lambda: ["baseline", _path(rng, work) or str(work), "-o", out],
        lambda: ["schema", "-o", rng.choice([out, str(work / "monitoring"), odd])],
        lambda: ["rules", *_maybe(rng, "--group", TEXT), *_maybe(rng, "--format", FORMATS)],
        lambda: ["explain", rng.choice([*IDS, "TIM001", "tim001"])],
    ]  # fmt: skip
    args = rng.choice(makers)()
    if rng.random() < 0.1:
        args = ["--as-of", rng.choice(DATES), *args]
    return args


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz-cli") / "repo"
    shutil.copytree(EXAMPLE, folder)
    return folder


def test_generated_command_lines_never_crash(work: Path) -> None:
    fuzz(work, QUICK_CASES, SEED)


@pytest.mark.slow
def test_generated_command_lines_never_crash_at_length(work: Path) -> None:
    fuzz(work, CASES, SEED + 1)


def fuzz(work: Path, cases: int, seed: int) -> None:
    """Run ``cases`` generated command lines; each must end in words and exit 0, 1 or 2."""
    rng = random.Random(seed)
    runner = CliRunner(env=ENV)
    for number in range(cases):
        args = _command(rng, work)
        result = runner.invoke(app, args)
        where = f"seed {seed}, case {number}: pmkit {args!r}"
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"{where} raised {result.exception!r}") from result.exception
        output = result.output
        assert result.exit_code in (0, 1, 2), f"{where} exited {result.exit_code}:\n{output}"
        assert "internal error" not in output and "Traceback" not in output, f"{where}\n{output}"
        assert "\x1b" not in output and "\u202e" not in output, f"{where}\n{output!r}"
