"""The command line as a user meets it: help, validate, schema and init."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pmkit import __version__
from pmkit.cli import app
from pmkit.findings import Finding, Severity
from pmkit.load.reader import parse_yaml
from pmkit.schema import plan_schema_text
from pmkit.validate import FileResult, ValidationResult

if TYPE_CHECKING:
    import pytest

    from conftest import RunCli, WritePlan

ROOT = Path(__file__).resolve().parent.parent
COMMITTED_SCHEMA = ROOT / "schemas" / "plan.schema.json"


def command_names() -> list[str]:
    """Every command registered on the app, by the name a user types."""
    names = []
    for command in app.registered_commands:
        assert command.callback is not None
        names.append(command.name or command.callback.__name__.replace("_", "-"))
    return names


def misspell_title(starter_plan_text: str) -> str:
    """The starter plan with its indicator's ``title`` misspelt ``titel`` (an STR002)."""
    old = "    title: Neighbourhood crime"
    assert starter_plan_text.count(old) == 1
    return starter_plan_text.replace(old, "    titel: Neighbourhood crime")


def line_of_typo(text: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if "titel:" in line)


def python(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """This Python, as a separate process (a fresh interpreter, with nothing imported yet)."""
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=60, cwd=cwd, check=False
    )


# -- help and version -----------------------------------------------------


def test_version(run_cli: RunCli) -> None:
    result = run_cli("--version")

    assert result.exit_code == 0
    assert result.stdout == f"pmkit {__version__}\n"


def test_python_dash_m_pmkit_version() -> None:
    result = python("-m", "pmkit", "--version")

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"pmkit {__version__}\n"


def test_help_lists_every_command_and_each_has_help(run_cli: RunCli) -> None:
    names = command_names()
    assert {"validate", "schema", "init"} <= set(names)

    overview = run_cli("--help")

    assert overview.exit_code == 0
    for command, name in zip(app.registered_commands, names, strict=True):
        assert f"  {name} " in overview.stdout, f"{name} is missing from pmkit --help"
        summary = (command.help or inspect.getdoc(command.callback) or "").strip()
        assert summary, f"pmkit {name} has no help text"
        detail = run_cli(name, "--help")
        assert detail.exit_code == 0, detail.output
        first_paragraph = " ".join(summary.split("\n\n")[0].split())
        assert first_paragraph in " ".join(detail.stdout.split())


def test_help_does_not_load_the_model_or_templates() -> None:
    script = (
        "import runpy, sys\n"
        "sys.argv = ['pmkit', '--help']\n"
        "try:\n"
        "    runpy.run_module('pmkit', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', 'jinja2' in sys.modules, 'pmkit.model' in sys.modules)\n"
    )

    result = python("-c", script)

    assert result.returncode == 0, result.stderr
    assert "Commands:" in result.stdout
    assert result.stdout.splitlines()[-1] == "LOADED False False"


# -- validate: which file -------------------------------------------------


def test_validate_with_no_argument_checks_plan_yaml_here(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    write_plan: WritePlan,
    run_cli: RunCli,
    starter_plan_text: str,
) -> None:
    text = misspell_title(starter_plan_text)
    write_plan(text)
    monkeypatch.chdir(tmp_path)

    result = run_cli("validate")

    assert result.exit_code == 1, result.output
    assert f"plan.yaml:{line_of_typo(text)}:5: STR002 " in result.stdout.splitlines()[0]


def test_validate_with_no_plan_here_suggests_init(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    monkeypatch.chdir(tmp_path)

    result = run_cli("validate")

    assert result.exit_code == 2
    assert "no such file: plan.yaml" in result.stderr
    assert "run 'pmkit init'" in result.stderr


def test_a_folder_means_the_plan_yaml_in_it(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str, tmp_path: Path
) -> None:
    plan = write_plan(misspell_title(starter_plan_text), "riverside/plan.yaml")

    result = run_cli("validate", plan.parent)

    assert result.exit_code == 1
    assert f"{plan}:" in result.stdout
    assert "STR002" in result.stdout
    (tmp_path / "empty").mkdir()
    missing = run_cli("validate", tmp_path / "empty")
    assert missing.exit_code == 2
    assert f"no such file: {tmp_path / 'empty' / 'plan.yaml'}" in missing.stderr


# -- validate: how it reports ---------------------------------------------


def test_json_output_for_tools(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    text = misspell_title(starter_plan_text)
    path = write_plan(text)

    result = run_cli("--as-of", "2026-06-30", "validate", "--format", "json", path)

    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["as_of"] == "2026-06-30"
    (typo,) = [finding for finding in report["findings"] if finding["code"] == "STR002"]
    assert typo == {
        "path": str(path),
        "line": line_of_typo(text),
        "column": 5,
        "pointer": "indicators[0].titel",
        "code": "STR002",
        "severity": "error",
        "message": "unknown key 'titel': did you mean 'title'?",
        "fatal": False,
    }
    summary = report["summary"]
    assert summary["files"] == 1
    assert summary["unreadable"] == 0
    assert summary["errors"] >= 1
    assert summary["exit_code"] == 1
    assert {"warnings", "info"} <= summary.keys()


def test_output_goes_to_a_file(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str, tmp_path: Path
) -> None:
    plan = write_plan(starter_plan_text)
    out = tmp_path / "findings.json"

    result = run_cli("validate", "--format", "json", "--output", out, plan)

    assert result.exit_code == 0
    assert result.stdout == ""
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    assert (summary["files"], summary["errors"], summary["exit_code"]) == (1, 0, 0)


def test_output_to_a_folder_that_does_not_exist(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str, tmp_path: Path
) -> None:
    plan = write_plan(starter_plan_text)

    result = run_cli("validate", "-o", tmp_path / "no" / "such" / "out.txt", plan)

    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_strict_fails_on_warnings_too(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    starter = write_plan(starter_plan_text, "starter.yaml")
    broken = write_plan(misspell_title(starter_plan_text), "broken.yaml")

    for strict in ([], ["--strict"]):
        result = run_cli("validate", *strict, "--format", "json", starter)
        summary = json.loads(result.stdout)["summary"]
        assert summary["errors"] == 0
        expected = 1 if strict and summary["warnings"] else 0
        assert (result.exit_code, summary["exit_code"]) == (expected, expected), summary
        assert run_cli("validate", *strict, broken).exit_code == 1

    # Whatever the rules say of the starter plan, a warning alone fails only --strict.
    warning = Finding("XYZ001", "a warning", Severity.WARNING, "plan.yaml", line=1, column=1)
    files = [FileResult("plan.yaml", [warning])]
    assert ValidationResult(files, date(2026, 6, 30)).exit_code() == 0
    assert ValidationResult(files, date(2026, 6, 30), strict=True).exit_code() == 1


def test_several_files_one_unreadable(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    good = write_plan(starter_plan_text, "good.yaml")
    typo = write_plan(misspell_title(starter_plan_text), "typo.yaml")
    binary = write_plan(b"\x00\x01\x02\x03", "binary.yaml")

    result = run_cli("validate", good, binary, typo)

    assert result.exit_code == 2
    assert f"{binary}:1:1: YML002 " in result.stdout
    assert f"{typo}:" in result.stdout
    assert "STR002 [error] unknown key 'titel'" in result.stdout
    assert "1 file could not be read" in result.stdout


def test_several_files_one_missing(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str, tmp_path: Path
) -> None:
    typo = write_plan(misspell_title(starter_plan_text), "typo.yaml")
    missing = tmp_path / "gone.yaml"

    result = run_cli("validate", missing, typo)

    assert result.exit_code == 2
    assert f"{missing}: YML000 [error] no such file" in result.stdout
    assert "STR002 [error] unknown key 'titel'" in result.stdout


def test_a_bad_as_of_date(write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str) -> None:
    plan = write_plan(starter_plan_text)

    result = run_cli("--as-of", "2026-13-01", "validate", plan)

    assert result.exit_code == 2
    assert "'2026-13-01' is not a date: there is no month 13" in result.stderr


# -- schema ---------------------------------------------------------------


def test_schema_prints_the_committed_schema(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("schema")

    assert result.exit_code == 0
    assert result.stdout == COMMITTED_SCHEMA.read_text(encoding="utf-8"), (
        "schemas/plan.schema.json is out of date: run "
        "`uv run pmkit schema -o schemas/plan.schema.json`"
    )
    out = tmp_path / "plan.schema.json"
    assert run_cli("schema", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8") == result.stdout


# -- init -----------------------------------------------------------------


def test_init_starts_a_plan_that_validates(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "riverside"
    name = 'Riverside "North": CSP #1'

    result = run_cli("init", folder, "--name", name)

    assert result.exit_code == 0, result.output
    for written in ("plan.yaml", ".gitignore", "schemas/plan.schema.json"):
        assert (folder / written).is_file()
        assert f"wrote {folder / written}" in result.stdout
    plan_text = (folder / "plan.yaml").read_text(encoding="utf-8")
    assert parse_yaml(plan_text)["partnership"]["name"] == name
    schema_text = (folder / "schemas" / "plan.schema.json").read_text(encoding="utf-8")
    assert schema_text == plan_schema_text()
    checked = run_cli("validate", folder / "plan.yaml")
    assert checked.exit_code == 0, checked.output


def test_init_twice_adds_nothing_and_changes_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    assert run_cli("init", tmp_path).exit_code == 0
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# our own notes\n", encoding="utf-8")
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}

    again = run_cli("init", tmp_path)

    assert again.exit_code == 0, again.output
    assert f"left {plan} as it was (already there)" in again.stdout
    assert f"Nothing to add: {tmp_path} already has everything init writes." in again.stdout
    after = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    assert after == before


def test_init_keeps_a_file_already_there_and_adds_the_rest(run_cli: RunCli, tmp_path: Path) -> None:
    gitignore = tmp_path / ".gitignore"
    gitignore.write_text("*.tmp\n", encoding="utf-8")

    result = run_cli("init", tmp_path)

    assert result.exit_code == 0, result.output
    assert f"left {gitignore} as it was (already there)" in result.stdout
    assert f"wrote {tmp_path / 'plan.yaml'}" in result.stdout
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        ".gitignore",
        "plan.yaml",
        "schemas",
    ]
    assert gitignore.read_text(encoding="utf-8") == "*.tmp\n"
