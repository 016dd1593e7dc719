"""Exit codes and output in CI: --exit-zero, --output for every format, no colour codes.

A CI step relies on the exit code to pass or fail and on the file it asked
for; a CI log is not a terminal and must not fill with escape codes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

ROOT = Path(__file__).resolve().parent.parent
FIRST_DRAFT = "examples/first-draft/plan.yaml"
AS_OF = "2026-11-26"
FORMATS = ["text", "json", "github", "sarif", "junit"]

ANSI = re.compile(r"\x1b\[")
# Select Graphic Rendition codes that set a colour: 30-37, 38;…, 39, 40-47, 48;…, 49, 90-107.
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


def misspell_title(text: str) -> str:
    old = "    title: Neighbourhood crime"
    assert text.count(old) == 1
    return text.replace(old, "    titel: Neighbourhood crime")


def check_readable(output_format: str, text: str) -> None:
    """The text is a document of its format, with the first draft's findings in it."""
    if output_format in {"json", "sarif"}:
        data = json.loads(text)
        assert data
    elif output_format == "junit":
        assert ET.fromstring(text.encode("utf-8")).tag == "testsuites"
    elif output_format == "github":
        assert all(line.startswith("::") for line in text.splitlines())
    assert "ROB003" in text


# -- --exit-zero ----------------------------------------------------------------


def test_exit_zero_turns_findings_into_success(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    failing = run_cli("--as-of", AS_OF, "validate", FIRST_DRAFT)
    assert failing.exit_code == 1

    reported = run_cli("--as-of", AS_OF, "validate", "--exit-zero", FIRST_DRAFT)

    assert reported.exit_code == 0
    assert reported.stdout == failing.stdout  # the same findings, reported all the same


def test_exit_zero_with_strict_warnings(
    run_cli: RunCli, write_plan: WritePlan, starter_plan_text: str
) -> None:
    # A plan whose only finding is a warning: an indicator informs no decision.
    old = "    decision: Where to focus neighbourhood patrols and prevention work next quarter\n"
    assert starter_plan_text.count(old) == 1
    plan = write_plan(starter_plan_text.replace(old, ""))
    assert run_cli("validate", plan).exit_code == 0
    assert run_cli("validate", "--strict", plan).exit_code == 1

    assert run_cli("validate", "--strict", "--exit-zero", plan).exit_code == 0


def test_exit_zero_does_not_hide_an_unreadable_file(
    run_cli: RunCli, write_plan: WritePlan, starter_plan_text: str
) -> None:
    broken = write_plan(misspell_title(starter_plan_text), "broken.yaml")
    binary = write_plan(b"\x00\x01\x02\x03", "binary.yaml")

    for output_format in FORMATS:
        result = run_cli("validate", "--exit-zero", "--format", output_format, broken, binary)
        assert result.exit_code == 2, output_format
        assert "YML002" in result.stdout, output_format


def test_exit_zero_does_not_hide_a_usage_mistake(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("validate", "--exit-zero", tmp_path / "no-such-plan.yaml")

    assert result.exit_code == 2
    assert "no such file" in result.stderr


# -- --output -------------------------------------------------------------------


@pytest.mark.parametrize("output_format", FORMATS)
def test_output_file_for_each_format(
    output_format: str, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    target = tmp_path / f"pmkit.{output_format}"
    printed = run_cli("--as-of", AS_OF, "validate", "--format", output_format, FIRST_DRAFT)

    result = run_cli(
        "--as-of", AS_OF, "validate", "--format", output_format, "-o", target, FIRST_DRAFT
    )

    assert result.exit_code == printed.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == ""
    written = target.read_text(encoding="utf-8")
    check_readable(output_format, written)
    assert written == printed.stdout


@pytest.mark.parametrize("output_format", FORMATS)
def test_output_file_with_exit_zero(
    output_format: str, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the generated workflow does for code scanning: write the file, do not fail.
    monkeypatch.chdir(ROOT)
    target = tmp_path / "out" / f"pmkit.{output_format}"
    target.parent.mkdir()

    result = run_cli(
        "--as-of",
        AS_OF,
        "validate",
        "--format",
        output_format,
        "--exit-zero",
        "--output",
        target,
        FIRST_DRAFT,
    )

    assert result.exit_code == 0
    assert result.stdout == ""
    check_readable(output_format, target.read_text(encoding="utf-8"))


# -- no escape codes where nobody sees colour -------------------------------------


def test_colour_is_possible_so_the_checks_below_can_fail(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)

    # run_cli unsets FORCE_COLOR, so go through Click's runner with it kept.
    from typer.testing import CliRunner

    from pmkit.cli import app

    forced = CliRunner().invoke(app, ["--as-of", AS_OF, "validate", FIRST_DRAFT])

    assert forced.exit_code == 1
    assert COLOUR.search(forced.stdout)


def test_text_output_off_a_terminal_has_no_escape_codes(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)

    result = run_cli("--as-of", AS_OF, "validate", FIRST_DRAFT)

    assert result.exit_code == 1
    assert "ROB003" in result.stdout
    assert "Scorecard" in result.stdout
    assert not ANSI.search(result.output)


def test_no_color_text_output_has_no_escape_codes(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")

    result = run_cli("--as-of", AS_OF, "validate", FIRST_DRAFT)

    assert result.exit_code == 1
    assert "ROB003" in result.stdout
    assert not ANSI.search(result.output)


def test_a_pipe_to_another_process_has_no_escape_codes() -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"}
    }
    env["PMKIT_AS_OF"] = AS_OF

    result = subprocess.run(
        [sys.executable, "-m", "pmkit", "validate", FIRST_DRAFT],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=ROOT,
        env=env,
        check=False,
    )

    assert result.returncode == 1, result.stderr
    assert "ROB003" in result.stdout
    assert not ANSI.search(result.stdout + result.stderr)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_no_color_on_a_terminal_has_no_colour() -> None:
    import pty

    def on_a_terminal(no_color: bool) -> str:
        env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "NO_COLOR"}}
        env["PMKIT_AS_OF"] = AS_OF
        if no_color:
            env["NO_COLOR"] = "1"
        controller, terminal = pty.openpty()
        process = subprocess.Popen(
            [sys.executable, "-m", "pmkit", "validate", FIRST_DRAFT],
            stdout=terminal,
            stderr=terminal,
            cwd=ROOT,
            env=env,
        )
        os.close(terminal)
        chunks: list[bytes] = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed: the process has finished writing
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(controller)
        assert process.wait(timeout=120) == 1
        return b"".join(chunks).decode("utf-8")

    coloured = on_a_terminal(no_color=False)
    plain = on_a_terminal(no_color=True)

    assert "ROB003" in coloured
    assert COLOUR.search(coloured), "a terminal gets colour unless NO_COLOR is set"
    assert "ROB003" in plain
    assert not COLOUR.search(plain)


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
