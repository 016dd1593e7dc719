"""Files that are not good plans, through `pmkit validate FILE`: a finding, never a crash.

Each test writes what a user might really have on disk (a typo, a spreadsheet
saved as plan.yaml, an attack) and checks the exit code, the finding's code
and, where a position means something, its ``file:line:col``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli, WritePlan

TIMEOUT = 60
"""Seconds a hostile file may take before the test fails: generous, never a benchmark."""


def edit(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (which must occur exactly once) replaced by ``new``."""
    assert text.count(old) == 1, f"the starter plan no longer holds {old!r} exactly once"
    return text.replace(old, new)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line of ``text`` that contains ``needle``."""
    found = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    return found[occurrence - 1]


def column_of(text: str, line: int, needle: str) -> int:
    """The 1-based column where ``needle`` starts on ``line``."""
    return text.splitlines()[line - 1].index(needle) + 1


def assert_no_traceback(output: str) -> None:
    assert "Traceback" not in output
    assert "RecursionError" not in output
    assert "internal error" not in output


def assert_reported(result: Result, exit_code: int, location: str, code: str) -> None:
    """``location: CODE`` is on a line of standard output, and the exit code is right."""
    assert_no_traceback(result.output)
    assert f"{location}: {code} " in result.stdout, result.output
    assert result.exit_code == exit_code, result.output


def run_pmkit_process(path: Path) -> subprocess.CompletedProcess[str]:
    """``pmkit validate PATH`` in a fresh Python process, so a runaway cannot take pytest down."""
    env = {
        key: value for key, value in os.environ.items() if key not in ("PMKIT_DEBUG", "FORCE_COLOR")
    }
    return subprocess.run(
        [sys.executable, "-m", "pmkit", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
        check=False,
    )


@pytest.fixture(params=["yaml-rs", "ruamel"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each YAML reader in turn: yaml-rs, then pmkit's own (``PMKIT_YAML_READER=ruamel``)."""
    reader = str(request.param)
    monkeypatch.setenv("PMKIT_YAML_READER", reader)
    return reader


_MEASURED = """
import atexit, resource, runpy, sys
report = sys.argv.pop(1)
def _peak():
    # VmHWM is this program's own high-water mark; ru_maxrss also counts the parent's
    # memory before the exec (a large pytest worker), so it is only the fallback.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1])
    except OSError:
        pass
    with open(report, "w") as out:
        out.write(str(peak))
atexit.register(_peak)
sys.argv[0] = "pmkit"
runpy.run_module("pmkit", run_name="__main__")
"""


def run_measured(path: Path, report: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """``pmkit validate PATH`` in a fresh process, and that process's own peak memory in MB.

    Measured by the process itself, not as the largest of every child pytest
    has waited for: other tests (in this worker, under xdist) start larger ones.
    """
    env = {
        key: value for key, value in os.environ.items() if key not in ("PMKIT_DEBUG", "FORCE_COLOR")
    }
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(report), "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
        check=False,
    )
    peak = int(report.read_text(encoding="utf-8"))
    return result, peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024


# -- not YAML, not text ---------------------------------------------------


@pytest.mark.usefixtures("reader")
def test_a_file_that_is_not_yaml_at_all(write_plan: WritePlan, run_cli: RunCli) -> None:
    path = write_plan("key: [unclosed\n")

    result = run_cli("validate", path)

    # Column 6 is the bracket that is never closed.
    assert_reported(result, 2, f"{path}:1:6", "YML001")
    assert "not valid YAML" in result.stdout


def test_an_empty_file_is_not_a_plan(write_plan: WritePlan, run_cli: RunCli) -> None:
    path = write_plan("")

    result = run_cli("validate", path)

    assert_reported(result, 1, f"{path}:1:1", "STR001")
    assert "the file is empty" in result.stdout
    assert "pmkit init" in result.stdout


def test_a_list_at_the_top_is_not_a_plan(write_plan: WritePlan, run_cli: RunCli) -> None:
    path = write_plan("- format_version: 1\n- partnership: Riverside\n")

    result = run_cli("validate", path)

    assert_reported(result, 1, f"{path}:1:1", "STR001")
    assert "the file holds a list" in result.stdout


def test_a_spreadsheet_saved_as_plan_yaml_is_binary(write_plan: WritePlan, run_cli: RunCli) -> None:
    # The first bytes of an .xlsx file (a zip): "PK", then control bytes and a NUL.
    path = write_plan(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00")

    result = run_cli("validate", path)

    assert_reported(result, 2, f"{path}:1:3", "YML002")
    assert "U+0003" in result.stdout


def test_a_windows_1252_pound_sign_is_not_utf8(write_plan: WritePlan, run_cli: RunCli) -> None:
    text = "format_version: 1\npartnership:\n  name: Riverside £5k fund\n"
    path = write_plan(text.encode("cp1252"))

    result = run_cli("validate", path)

    assert_reported(result, 2, f"{path}:3:{column_of(text, 3, '£')}", "YML002")
    assert "byte 0xA3" in result.stdout
    assert "save it as UTF-8" in result.stdout


def test_a_byte_order_mark_is_fine(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    path = write_plan(b"\xef\xbb\xbf" + starter_plan_text.encode("utf-8"))

    result = run_cli("validate", path)

    assert_no_traceback(result.output)
    assert result.exit_code == 0, result.output
    assert "YML" not in result.stdout
    assert "STR" not in result.stdout


@pytest.mark.usefixtures("reader")
def test_a_byte_order_mark_does_not_shift_columns(write_plan: WritePlan, run_cli: RunCli) -> None:
    path = write_plan(b"\xef\xbb\xbfformat_verison: 1\npartnership: {name: Riverside}\n")

    result = run_cli("validate", path)

    assert_reported(result, 1, f"{path}:1:1", "STR002")
    assert "did you mean 'format_version'?" in result.stdout


@pytest.mark.usefixtures("reader")
def test_tabs_for_indentation(write_plan: WritePlan, run_cli: RunCli) -> None:
    path = write_plan("format_version: 1\npartnership:\n\tname: Riverside\n")

    result = run_cli("validate", path)

    assert_no_traceback(result.output)
    assert result.exit_code == 2
    assert re.search(rf"^{re.escape(str(path))}:3:\d+: YML001 .*tab", result.stdout, re.M)


# -- YAML that a plan must not be ----------------------------------------


@pytest.mark.usefixtures("reader")
def test_a_duplicate_key_is_reported_at_the_second_one(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    text = edit(starter_plan_text, "  area: Our area\n", "  area: Our area\n  area: Riverside\n")
    path = write_plan(text)
    first = line_of(text, "  area: ")

    result = run_cli("validate", path)

    assert_reported(result, 2, f"{path}:{first + 1}:3", "YML007")
    assert f"the key 'area' appears twice in the same mapping (first at line {first})" in (
        result.stdout
    )


@pytest.mark.usefixtures("reader")
def test_several_yaml_documents(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    path = write_plan(starter_plan_text + "---\nformat_version: 1\n")

    result = run_cli("validate", path)

    assert_no_traceback(result.output)
    assert result.exit_code == 2
    assert "YML008 [error] the file holds 2 YAML documents" in result.stdout


@pytest.mark.usefixtures("reader")
def test_a_python_object_tag_is_refused_and_nothing_runs(
    write_plan: WritePlan, run_cli: RunCli, tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    text = f'format_version: 1\npartnership: !!python/object/apply:os.system ["touch {marker}"]\n'
    path = write_plan(text)

    result = run_cli("validate", path)

    assert_reported(result, 2, f"{path}:2:{column_of(text, 2, '!!')}", "YML005")
    assert "!!python/object/apply:os.system is not allowed" in result.stdout
    assert not marker.exists()


@pytest.mark.usefixtures("reader")
def test_a_billion_laughs_is_refused_before_it_expands(
    write_plan: WritePlan, tmp_path: Path
) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghij", "abcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]")
    path = write_plan("\n".join(lines) + "\n")  # 9**9 = 387 million "lol"s if expanded

    result, peak_mb = run_measured(path, tmp_path / "peak.txt")

    assert_no_traceback(result.stdout + result.stderr)
    assert result.returncode == 2, result.stderr
    assert f"{path}:2:8: YML004 " in result.stdout  # the first alias
    assert "billion laughs" in result.stdout
    assert peak_mb < 200


@pytest.mark.usefixtures("reader")
def test_flow_nesting_100000_deep(write_plan: WritePlan) -> None:
    # Two lines, each within the 100,000-character bound on a line.
    path = write_plan("[" * 100_000 + "\n" + "]" * 100_000 + "\n")

    result = run_pmkit_process(path)

    assert_no_traceback(result.stdout + result.stderr)
    assert result.returncode == 2, result.stderr
    assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: YML00[16] ", result.stdout, re.M)


@pytest.mark.usefixtures("reader")
def test_block_nesting_3000_levels(write_plan: WritePlan) -> None:
    text = "".join(" " * level + f"level{level}:\n" for level in range(3000)) + " " * 3000 + "x\n"
    path = write_plan(text)

    result = run_pmkit_process(path)

    assert_no_traceback(result.stdout + result.stderr)
    assert result.returncode == 2, result.stderr
    assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: YML00[16] ", result.stdout, re.M)


@pytest.mark.usefixtures("reader")
def test_block_lists_nested_3000_deep(write_plan: WritePlan) -> None:
    text = "".join(" " * (2 * level) + "-\n" for level in range(3000)) + " " * 6000 + "x\n"
    path = write_plan(text)

    result = run_pmkit_process(path)

    assert_no_traceback(result.stdout + result.stderr)
    assert result.returncode == 2, result.stderr
    assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: YML00[16] ", result.stdout, re.M)


def test_a_50_mb_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk

    result = run_pmkit_process(path)  # fails with TimeoutExpired if it reads it all slowly

    assert_no_traceback(result.stdout + result.stderr)
    assert result.returncode == 2, result.stderr
    assert f"{path}: YML003 [error] the file is 50.0 MB; pmkit reads files of up to 20 MB" in (
        result.stdout
    )


# -- plans with mistakes in them ------------------------------------------


def test_a_misspelt_key_suggests_the_right_one(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    text = edit(
        starter_plan_text, "    title: Neighbourhood crime", "    titel: Neighbourhood crime"
    )
    path = write_plan(text)

    result = run_cli("validate", path)

    assert_reported(result, 1, f"{path}:{line_of(text, 'titel:')}:5", "STR002")
    assert "unknown key 'titel': did you mean 'title'?" in result.stdout


def test_a_word_where_a_number_belongs(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    text = edit(starter_plan_text, "    rank: 1\n", "    rank: first\n")
    path = write_plan(text)

    result = run_cli("validate", path)

    assert_reported(result, 1, f"{path}:{line_of(text, 'rank: first')}:5", "STR003")
    assert "'rank': expected a whole number, not 'first'" in result.stdout


def test_true_is_not_a_format_version(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    text = edit(starter_plan_text, "format_version: 1\n", "format_version: true\n")
    path = write_plan(text)

    result = run_cli("validate", path)

    assert_reported(result, 1, f"{path}:{line_of(text, 'format_version')}:1", "STR003")
    assert "'format_version': expected a whole number, not true" in result.stdout


def test_true_is_not_a_month_to_start_the_year(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    text = edit(starter_plan_text, "  year_start: April ", "  year_start: true  ")
    path = write_plan(text)

    result = run_cli("validate", path)

    assert_reported(result, 1, f"{path}:{line_of(text, 'year_start')}:3", "STR003")
    assert "'year_start': expected a month" in result.stdout


def test_a_reference_to_a_misspelt_partner(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    old = "    accountable:\n      partner: police\n"
    text = edit(starter_plan_text, old, old.replace("police", "polce"))
    path = write_plan(text)
    line = line_of(text, "partner: polce")

    result = run_cli("validate", path)

    assert_reported(result, 1, f"{path}:{line}:{column_of(text, line, 'partner')}", "STR006")
    assert "no partner has the id 'polce': did you mean 'police'?" in result.stdout


def test_two_partners_with_the_same_id(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    text = edit(starter_plan_text, "  - id: police\n", "  - id: council\n")
    path = write_plan(text)

    result = run_cli("validate", path)

    assert_reported(result, 1, f"{path}:{line_of(text, '- id: council', 2)}:5", "STR005")
    assert "the partner id 'council' is used twice" in result.stdout


def test_a_financial_year_that_skips_a_year(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    text = edit(
        starter_plan_text, "{period: 2026/27, value: 11.5}", "{period: 2026/28, value: 11.5}"
    )
    path = write_plan(text)
    line = line_of(text, "2026/28")

    result = run_cli("validate", path)

    assert_reported(result, 1, f"{path}:{line}:{column_of(text, line, 'period')}", "STR007")
    assert "'2026/28' is not a year" in result.stdout
    assert "write 2026/27" in result.stdout


def test_a_plan_from_a_newer_pmkit(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    text = edit(starter_plan_text, "format_version: 1\n", "format_version: 2\n")
    path = write_plan(text)

    result = run_cli("validate", path)

    assert_reported(result, 1, f"{path}:{line_of(text, 'format_version')}:1", "STR008")
    assert "upgrade pmkit" in result.stdout


# -- using the command wrongly --------------------------------------------


def test_a_file_that_does_not_exist(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("validate", tmp_path / "plan-2026.yaml")

    assert_no_traceback(result.output)
    assert result.exit_code == 2
    assert f"no such file: {tmp_path / 'plan-2026.yaml'}" in result.stderr


def test_an_option_that_does_not_exist(write_plan: WritePlan, run_cli: RunCli) -> None:
    path = write_plan("format_version: 1\n")

    result = run_cli("validate", "--fix", path)

    assert_no_traceback(result.output)
    assert result.exit_code == 2
    assert "No such option: --fix" in result.stderr


@pytest.mark.usefixtures("reader")
def test_keys_that_are_numbers_or_null_are_unknown_keys_at_their_lines(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    path = write_plan(starter_plan_text + "2026: extra\nnull: nothing\n")
    lines = starter_plan_text.count("\n")

    result = run_cli("validate", path)

    assert_reported(result, 1, f"{path}:{lines + 1}:1", "STR002")
    assert "unknown key '2026'" in result.stdout
    assert f"{path}:{lines + 2}:1: STR002 [error] unknown key 'null'" in result.stdout


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
