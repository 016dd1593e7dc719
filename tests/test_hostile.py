"""Hostile input: plans, templates, ids and text written to attack pmkit or its readers.

Each test copies the Safer Kestermoor example (plan and monitoring) into its
own folder and plants one attack: YAML tags that would build Python objects,
alias bombs and deep nesting, a review template that tries to leave Jinja's
sandbox, ids and periods that would become paths, a symbolic link out of
monitoring/, and markup or spreadsheet formulas in text that every output
must carry as inert text.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from ruamel.yaml import YAML

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety"
AS_OF = "2026-11-26"
QUARTER = "2026/27 Q2"
OFFICER = "Performance officer"
TIMEOUT = 60
MB = 1024 * 1024

EVIL_TITLE = '=HYPERLINK("http://evil","x") <script>alert(1)</script> | [x](javascript:alert(1))'
EVIL_DEFINITION = "+1+1 | <img src=x onerror=alert(2)> [y](javascript:alert(2)) | |"
EVIL_COMMENTARY = "@SUM(A1) <script>alert(3)</script> | [z](javascript:alert(3)) -2+3"
UNKNOWN_KEY = "<script>alert(4)</script>|=cmd|\n::error::pwned"


# -- helpers ----------------------------------------------------------------


def copy_example(folder: Path) -> Path:
    """The community-safety example, plan and monitoring, as ``folder/plan.yaml``."""
    shutil.copytree(EXAMPLE, folder, dirs_exist_ok=True)
    return folder / "plan.yaml"


def pmkit(run_cli: RunCli, *args: str | Path) -> Result:
    return run_cli("--as-of", AS_OF, *args)


def no_crash(result: Result) -> None:
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    assert "internal error" not in result.output


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file() or path.is_symlink()}


def run_pmkit(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], int, float]:
    """Run ``pmkit ARGS`` in a fresh Python, which reports its child's peak memory (bytes)."""
    probe = (
        "import resource, subprocess, sys, json\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps([done.returncode, done.stdout, done.stderr, peak]))\n"
    )
    env = {**os.environ, "PMKIT_AS_OF": AS_OF}
    env.pop("PMKIT_DEBUG", None)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", probe, sys.executable, "-m", "pmkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=TIMEOUT,
        check=True,
    )
    elapsed = time.monotonic() - started
    code, out, err, peak = json.loads(done.stdout)
    factor = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is in KiB on Linux
    return subprocess.CompletedProcess(args, code, out, err), peak * factor, elapsed


# -- YAML that would build objects -------------------------------------------------


@pytest.fixture(params=["yaml-rs", "ruamel"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each YAML reader in turn: yaml-rs, then pmkit's own (``PMKIT_YAML_READER=ruamel``)."""
    reader = str(request.param)
    monkeypatch.setenv("PMKIT_YAML_READER", reader)
    return reader


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
        "!!python/module:os",
    ],
)
@pytest.mark.usefixtures("reader")
def test_yaml_tags_that_build_objects_are_refused(
    tmp_path: Path, run_cli: RunCli, tagged: str
) -> None:
    plan = copy_example(tmp_path / "plan")
    marker = tmp_path / "MARKER"
    text = plan.read_text(encoding="utf-8")
    value = tagged.format(marker=marker)
    plan.write_text(text.replace("  name: Safer Kestermoor Partnership\n", f"  name: {value}\n", 1))
    assert value in plan.read_text(encoding="utf-8")

    result = pmkit(run_cli, "validate", plan)

    no_crash(result)
    assert result.exit_code in (1, 2), result.output
    assert not marker.exists(), "the YAML tag ran a command"
    # A monitoring file with the same tag is refused as well.
    clean = copy_example(tmp_path / "monitoring")
    quarter = clean.parent / "monitoring" / "2026-27-Q2.yaml"
    quarter.write_text(f"format_version: 1\nperiod: {value}\n", encoding="utf-8")
    result = pmkit(run_cli, "validate", clean)
    no_crash(result)
    assert result.exit_code in (1, 2), result.output
    assert not marker.exists()


# -- alias bombs and deep nesting -----------------------------------------------------

BILLION_LAUGHS = "".join(
    [
        'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n',
        *(f"a{n}: &a{n} [{','.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 10)),
        "format_version: 1\npartnership: {name: *a9}\n",
    ]
)

HOSTILE_DOCUMENTS = {
    "billion laughs": BILLION_LAUGHS,
    "deep flow lists": "format_version: 1\nindicators: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "deep flow maps": "format_version: 1\nindicators: " + "{a: " * 50_000 + "1" + "}" * 50_000,
    "deep block maps": "format_version: 1\nindicators:\n"
    + "".join(" " * (n + 1) + "k:\n" for n in range(5_000))
    + " " * 5_001
    + "v\n",
    "deep block lists": "format_version: 1\nindicators:\n"
    + "".join(" " * (2 * n + 1) + "-\n" for n in range(3_000)),
    "merge key bomb": "base: &b {"
    + ", ".join(f"k{n}: {n}" for n in range(1_000))
    + "}\nformat_version: 1\nindicators:\n"
    + "".join(f"  - <<: *b\n    id: X{n}\n" for n in range(2_000)),
}


def test_an_ordinary_plan_sets_the_memory_baseline(tmp_path: Path) -> None:
    plan = copy_example(tmp_path)
    done, peak, _ = run_pmkit(["validate", str(plan)], tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert peak > 0


@pytest.mark.parametrize("name", sorted(HOSTILE_DOCUMENTS))
@pytest.mark.parametrize(
    "reader", ["yaml-rs", pytest.param("ruamel", marks=pytest.mark.slow)], indirect=True
)
@pytest.mark.usefixtures("reader")
def test_alias_bombs_and_deep_nesting_are_refused_quickly(tmp_path: Path, name: str) -> None:
    baseline_plan = copy_example(tmp_path / "ordinary")
    ordinary, ordinary_peak, _ = run_pmkit(["validate", str(baseline_plan)], tmp_path)
    assert ordinary.returncode in (0, 1), ordinary.stderr
    hostile = tmp_path / "hostile" / "plan.yaml"
    hostile.parent.mkdir()
    hostile.write_text(HOSTILE_DOCUMENTS[name], encoding="utf-8")

    done, peak, elapsed = run_pmkit(["validate", str(hostile)], tmp_path)

    output = done.stdout + done.stderr
    assert done.returncode in (1, 2), output
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]
    assert elapsed < 20, f"{name}: took {elapsed:.1f} s"
    grown = peak - ordinary_peak
    assert grown < 50 * MB, f"{name}: peak memory {peak / MB:.0f} MB, {grown / MB:.0f} MB more"


# -- templates that try to leave the sandbox ---------------------------------------------

ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ review.__class__.__init__.__globals__['os'].system('touch PWNED') }}",
    "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}",
    "{{ joiner.__init__.__globals__.os.system('touch PWNED') }}",
    "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
    "{% set x = review|attr('__class__') %}"
    "{{ x.__init__.__globals__['os'].system('touch PWNED') }}",
    "{{ ''|attr('__class__')|attr('__mro__') }}{{ self._TemplateReference__context }}",
    "{{ namespace.__init__.__globals__.os.system('touch PWNED') }}",
]


@pytest.mark.parametrize("template", ESCAPES)
def test_a_template_cannot_leave_the_sandbox(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    plan = copy_example(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "quarter.md.j2").write_text(
        f"# Review\n\n{template}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)

    result = pmkit(run_cli, "review", "--quarter", QUARTER, "--plan", plan)

    no_crash(result)
    assert result.exit_code == 2, result.output
    assert "template" in result.output.lower(), result.output
    assert "subclasses" not in result.output or "unsafe" in result.output, result.output
    assert "<class '" not in result.output, "the template listed Python's classes"
    assert not list(tmp_path.rglob("PWNED")), "the template ran a command"
    assert not (ROOT / "PWNED").exists()


# -- ids, periods and partners that would become paths --------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["record", "figure", "../../x", "1"],
        ["record", "figure", "/tmp/x", "1"],
        ["record", "figure", "CS-07", "1", "--period", "../2026"],
        ["record", "figure", "CS-07", "1", "--period", "../../outside/2026-27-Q2"],
        ["record", "figure", "CS-07", "1", "--period", "/etc/passwd"],
        ["record", "figure", "CS-07", "1", "--period", "2026/27 Q2\x00../x"],
        ["record", "figure", "x\x00/../../y", "1"],
        ["record", "progress", "../A1", "50", "--status", "on_track"],
        ["returns", "generate", "--partner", "../../evil", "-f", "csv"],
        ["returns", "generate", "--partner", "/tmp/evil", "-f", "csv"],
        ["returns", "generate", "--partner", "po/lice", "-f", "csv"],
        ["returns", "generate", "--partner", "police\x00/../x", "-f", "csv"],
        ["returns", "generate", "--partner", "police", "--period", "../../2026", "-f", "csv"],
    ],
)
def test_ids_periods_and_partners_never_become_paths(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    repository = tmp_path / "repo" / "plans"
    plan = copy_example(repository)
    before = files_under(tmp_path)
    monkeypatch.chdir(repository)

    result = pmkit(run_cli, *args, "--plan", plan, *(["--by", OFFICER] if "record" in args else []))

    no_crash(result)
    assert result.exit_code in (1, 2), f"{args} was accepted: {result.output}"
    assert files_under(tmp_path) == before, f"{args} wrote {files_under(tmp_path) - before}"


def test_a_figure_lands_only_in_the_monitoring_folder(tmp_path: Path, run_cli: RunCli) -> None:
    repository = tmp_path / "repo"
    plan = copy_example(repository)
    before = files_under(tmp_path)

    result = pmkit(
        run_cli, "record", "figure", "CS-07", "33", "--period", "2027/28 Q1", "--plan", plan,
        "--by", OFFICER,
    )  # fmt: skip

    no_crash(result)
    new = files_under(tmp_path) - before
    assert result.exit_code == 0, result.output
    assert new, "nothing was recorded"
    for path in new:
        assert path.parent == repository / "monitoring", path


def test_generate_all_writes_only_inside_its_folder(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_example(tmp_path / "repo")
    out = tmp_path / "out" / "returns"
    before = files_under(tmp_path)

    result = pmkit(run_cli, "returns", "generate", "--all", "-f", "csv", "-o", out, "--plan", plan)

    no_crash(result)
    assert result.exit_code == 0, result.output
    new = files_under(tmp_path) - before
    assert new
    for path in new:
        assert path.parent == out, path


def test_a_symbolic_link_out_of_monitoring_is_not_written_through(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_example(tmp_path / "repo")
    outside = tmp_path / "outside.yaml"
    quarter = plan.parent / "monitoring" / "2026-27-Q2.yaml"
    shutil.move(quarter, outside)
    quarter.symlink_to(outside)
    original = outside.read_bytes()

    result = pmkit(
        run_cli, "record", "figure", "CS-07", "31", "--period", QUARTER, "--final",
        "--replace-final", "--reason", "corrected", "--plan", plan, "--by", OFFICER,
    )  # fmt: skip

    no_crash(result)
    assert result.exit_code in (1, 2), result.output
    assert outside.read_bytes() == original
    assert quarter.is_symlink()


def test_a_monitoring_folder_that_is_a_link_is_not_written_through(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_example(tmp_path / "repo")
    elsewhere = tmp_path / "elsewhere"
    shutil.move(plan.parent / "monitoring", elsewhere)
    (plan.parent / "monitoring").symlink_to(elsewhere, target_is_directory=True)
    before = {path: path.read_bytes() for path in elsewhere.iterdir()}

    result = pmkit(
        run_cli, "record", "figure", "CS-07", "33", "--period", "2027/28 Q1", "--plan", plan,
        "--by", OFFICER,
    )  # fmt: skip

    no_crash(result)
    assert result.exit_code in (1, 2), result.output
    assert {path: path.read_bytes() for path in elsewhere.iterdir()} == before


# -- markup and formulas in text ----------------------------------------------------------


@pytest.fixture
def evil_plan(tmp_path: Path) -> Path:
    """The example with CS-07's title, definition and Q2 commentary full of markup and formulas.

    An unknown key with markup, a newline and a workflow command in it gives
    validate a finding that carries hostile text.
    """
    plan = copy_example(tmp_path / "repo")
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    data = yaml.load(plan)
    indicator = next(item for item in data["indicators"] if item["id"] == "CS-07")
    indicator["title"] = EVIL_TITLE
    indicator["definition"]["text"] = EVIL_DEFINITION
    indicator[UNKNOWN_KEY] = "x"
    with plan.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    quarter = plan.parent / "monitoring" / "2026-27-Q2.yaml"
    monitoring = yaml.load(quarter)
    monitoring["figures"]["CS-07"][QUARTER]["commentary"] = EVIL_COMMENTARY
    with quarter.open("w", encoding="utf-8") as handle:
        yaml.dump(monitoring, handle)
    return plan


def clean_plan(plan: Path) -> None:
    """Drop the unknown key again, so that review and returns accept the plan."""
    yaml = YAML()
    yaml.width = 4096
    data = yaml.load(plan)
    indicator = next(item for item in data["indicators"] if item["id"] == "CS-07")
    del indicator[UNKNOWN_KEY]
    with plan.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_review_neutralises_markup(
    evil_plan: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    clean_plan(evil_plan)
    result = pmkit(run_cli, "review", "--quarter", QUARTER, "--plan", evil_plan)
    no_crash(result)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "alert(1)" in text, "the hostile title is missing from the review"
    assert "<script" not in text.lower()
    assert "<img" not in text.lower()
    assert not re.search(r"(?<!\\)\]\(javascript:", text), "a javascript: link survived"
    table: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            table.append(line)
            continue
        if table:
            counts = {unescaped_pipes(row) for row in table}
            assert len(counts) == 1, "a table row has the wrong number of cells:\n" + "\n".join(
                table
            )
            table = []


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_html_review_neutralises_markup(evil_plan: Path, run_cli: RunCli, tmp_path: Path) -> None:
    clean_plan(evil_plan)
    out = tmp_path / "review.html"
    result = pmkit(
        run_cli, "review", "--quarter", QUARTER, "-f", "html", "-o", out, "--plan", evil_plan
    )
    no_crash(result)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "alert(1)" in html
    parser = _Elements()
    parser.feed(html)
    assert "script" not in {tag for tag, _ in parser.tags}
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.lower().startswith("on"), f"<{tag} {name}={value!r}>"
            if name.lower() in ("href", "src", "xlink:href", "action", "formaction"):
                assert not (value or "").strip().lower().startswith("javascript:"), (tag, value)


def _strings(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [s for key, value in data.items() for s in (*_strings(key), *_strings(value))]
    if isinstance(data, list):
        return [s for item in data for s in _strings(item)]
    return [data] if isinstance(data, str) else []


def test_json_review_keeps_the_text_as_data(evil_plan: Path, run_cli: RunCli) -> None:
    clean_plan(evil_plan)
    result = pmkit(run_cli, "review", "--quarter", QUARTER, "-f", "json", "--plan", evil_plan)
    no_crash(result)
    assert result.exit_code == 0, result.output
    strings = _strings(json.loads(result.stdout))
    for text in (EVIL_TITLE, EVIL_COMMENTARY):
        assert text in strings, f"{text!r} is not intact in the JSON"


def test_validate_outputs_parse_with_hostile_text(
    evil_plan: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    outputs = {}
    for kind in ("json", "sarif", "junit", "github"):
        out = tmp_path / f"findings.{kind}"
        result = pmkit(run_cli, "validate", "-f", kind, "-o", out, evil_plan)
        no_crash(result)
        assert result.exit_code == 1, result.output
        outputs[kind] = out.read_text(encoding="utf-8")

    findings = json.loads(outputs["json"])
    assert any("<script>alert(4)</script>" in s for s in _strings(findings))
    sarif = json.loads(outputs["sarif"])
    messages = [r["message"]["text"] for run in sarif["runs"] for r in run["results"]]
    assert any("<script>alert(4)</script>" in message for message in messages)
    junit = ElementTree.fromstring(outputs["junit"])
    assert "alert(4)" in ElementTree.tostring(junit, encoding="unicode")
    for line in outputs["github"].splitlines():
        assert not line.startswith("::error::pwned"), "a newline in the text began a command"
        if line.startswith("::"):
            assert re.match(r"^::(error|warning|notice)( [^:]*)?::", line), line


def test_returns_neutralise_formulas(evil_plan: Path, run_cli: RunCli, tmp_path: Path) -> None:
    clean_plan(evil_plan)
    out = tmp_path / "returns"
    out.mkdir()
    for file_format in ("csv", "xlsx"):
        result = pmkit(
            run_cli, "returns", "generate", "--partner", "police", "-f", file_format,
            "-o", out / f"police.{file_format}", "--plan", evil_plan,
        )  # fmt: skip
        no_crash(result)
        assert result.exit_code == 0, result.output

    with (out / "police.csv").open(encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    found = [cell for cell in cells if "alert(1)" in cell or "alert(2)" in cell]
    assert len(found) >= 2, "the hostile title and definition are missing from the CSV"
    for cell in cells:
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
            assert re.fullmatch(r"-?[\d.,]+( \(.*\))?", cell), f"a formula in the CSV: {cell!r}"
    for cell in found:
        assert cell.startswith("'"), cell

    workbook = load_workbook(out / "police.xlsx")
    seen = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
                if isinstance(cell.value, str) and ("alert(1)" in cell.value):
                    seen += 1
                    assert cell.data_type == "s"
                    assert EVIL_TITLE in cell.value
    assert seen, "the hostile title is missing from the workbook"


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
