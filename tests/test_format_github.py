"""`pmkit validate --format github`: workflow annotations and the job summary.

A partnership's pull request shows each finding as an annotation on its line,
and every finding in the job summary. Annotations are GitHub workflow commands,
escaped exactly as GitHub's toolkit escapes them; the summary is a Markdown
table that no text in a plan can break out of.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pmkit.findings import Finding, Severity
from pmkit.report.github import annotation

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

ROOT = Path(__file__).resolve().parent.parent
FIRST_DRAFT = "examples/first-draft/plan.yaml"
AS_OF = "2026-11-26"

# The grammar of a workflow command as the runner reads it: `::`, the command,
# a space, the properties up to the next `::`, then the data to the end of the line.
_COMMAND = re.compile(r"::(?P<level>[a-z]+) (?P<properties>[^:\r\n]*)::(?P<data>[^\r\n]*)")
_UNESCAPE = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}


def unescape(text: str) -> str:
    """Undo the toolkit's escaping (all five sequences, in one pass)."""
    return re.sub("%25|%0D|%0A|%3A|%2C", lambda match: _UNESCAPE[match[0]], text)


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """The level, the (unescaped) properties and the (unescaped) message of one annotation."""
    match = _COMMAND.fullmatch(line)
    assert match is not None, f"not a workflow command: {line!r}"
    properties: dict[str, str] = {}
    for part in match["properties"].split(","):
        key, equals, value = part.partition("=")
        assert equals, f"property without a value in {line!r}"
        assert key not in properties, f"{key} given twice in {line!r}"
        properties[key] = unescape(value)
    return match["level"], properties, unescape(match["data"])


def misspell_title(text: str) -> str:
    old = "    title: Neighbourhood crime"
    assert text.count(old) == 1
    return text.replace(old, "    titel: Neighbourhood crime")


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def table_cells(row: str) -> list[str]:
    """The cells of a Markdown table row, splitting on `|` that no backslash escapes."""
    assert row.startswith("|") and row.endswith("|"), row
    cells: list[str] = []
    current: list[str] = []
    escaped = False
    for char in row[1:-1]:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    assert not escaped, f"a row ends in a lone backslash: {row!r}"
    cells.append("".join(current).strip())
    return cells


def summary_rows(text: str) -> list[list[str]]:
    """Every finding row of every table in a job summary, as cells."""
    rows = [line for line in text.splitlines() if line.startswith("|")]
    return [
        table_cells(row)
        for row in rows
        if row not in {"|---|---|---|---|", "| Where | Check | Severity | What to do |"}
    ]


def owner_missing(severity: Severity = Severity.ERROR, **changes: Any) -> Finding:
    """An indicator without an owner at plans/plan.yaml:12:5, with any field changed."""
    finding = Finding(
        "ACC001", "indicator CS-01 has no owner", severity, "plans/plan.yaml", line=12, column=5
    )
    return replace(finding, **changes)


# -- one annotation ---------------------------------------------------------


@pytest.mark.parametrize(
    ("severity", "command"),
    [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "notice")],
)
def test_each_severity_has_its_workflow_command(severity: Severity, command: str) -> None:
    assert annotation(owner_missing(severity)) == (
        f"::{command} file=plans/plan.yaml,line=12,col=5,"
        "title=ACC001 indicator-without-owner::indicator CS-01 has no owner"
    )


def test_a_message_is_escaped_as_the_toolkit_escapes_data() -> None:
    finding = owner_missing(message="Target: 95%, up from 90%\r\nthen: 97%0A, done")

    # Data escapes %, CR and LF only: commas and colons stay as they are.
    assert annotation(finding).endswith("::Target: 95%25, up from 90%25%0D%0Athen: 97%250A, done")


def test_a_file_path_is_escaped_as_the_toolkit_escapes_properties() -> None:
    finding = owner_missing(file="north, east: 100%\r\nplans::a,b/plan.yaml")

    assert annotation(finding) == (
        "::error file=north%2C east%3A 100%25%0D%0Aplans%3A%3Aa%2Cb/plan.yaml,line=12,col=5,"
        "title=ACC001 indicator-without-owner::indicator CS-01 has no owner"
    )


def test_the_title_is_escaped_as_a_property() -> None:
    # A code pmkit does not know is named after itself, so its title holds what it holds.
    finding = owner_missing(code="X,Y:1%")

    assert ",title=X%2CY%3A1%25 x%2Cy%3A1%25::" in annotation(finding)


@pytest.mark.parametrize(
    ("file", "message"),
    [
        ("plans/north, east: 2026/plan.yaml", "50%, then 60%: rising\nslowly"),
        ("a::b,,c%2C/plan.yaml", "::warning file=x::injected"),
        ("plan.yaml", "%0A%25%3A literal escapes, not new lines\r\n"),
        ("Ünïcödé 100%/plan.yaml", "£1,000 — 5% more: ok"),
    ],
)
def test_an_annotation_reads_back_as_it_was_written(file: str, message: str) -> None:
    finding = owner_missing(Severity.WARNING, file=file, message=message)

    level, properties, data = parse_command(annotation(finding))

    assert level == "warning"
    assert properties == {
        "file": file,
        "line": "12",
        "col": "5",
        "title": "ACC001 indicator-without-owner",
    }
    assert data == message


def test_a_finding_without_a_line_has_no_line_or_column() -> None:
    unreadable = Finding("YML000", "no such file", Severity.ERROR, "plans/plan.yaml", fatal=True)

    assert annotation(unreadable) == (
        "::error file=plans/plan.yaml,title=YML000 file-unreadable::no such file"
    )


def test_a_line_without_a_column_is_placed_at_column_one() -> None:
    assert ",line=12,col=1," in annotation(owner_missing(column=None))


# -- the command line ---------------------------------------------------------


def test_a_plan_in_a_folder_with_a_comma_and_a_colon(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str
) -> None:
    text = misspell_title(starter_plan_text)
    plan = write_plan(text, "north, east: 2026/plan.yaml")

    result = run_cli("validate", "--format", "github", plan)

    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines, "no annotations"
    parsed = [parse_command(line) for line in lines]
    typos = [(level, props, data) for level, props, data in parsed if data.startswith("unknown")]
    assert typos == [
        (
            "error",
            {
                "file": str(plan),
                "line": str(line_of(text, "titel:")),
                "col": "5",
                "title": "STR002 unknown-key",
            },
            "unknown key 'titel': did you mean 'title'?",
        )
    ]
    assert all(props["file"] == str(plan) for _, props, _ in parsed)
    assert "north%2C east%3A 2026" in lines[0]


def test_an_unreadable_file_among_several_is_annotated_without_a_line(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str, tmp_path: Path
) -> None:
    good = write_plan(starter_plan_text)
    missing = tmp_path / "gone, again.yaml"

    result = run_cli("validate", "--format", "github", missing, good)

    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == (
        f"::error file={str(missing).replace(',', '%2C')},title=YML000 file-unreadable"
        "::no such file"
    )


# -- the job summary ----------------------------------------------------------


def test_the_step_summary_gets_every_finding_and_each_run_appends(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "step_summary.md"
    summary.write_text("## Tests\n\nAll passed.\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(ROOT)

    first = run_cli("--as-of", AS_OF, "validate", "--format", "github", FIRST_DRAFT)

    assert first.exit_code == 1
    annotations = [parse_command(line) for line in first.stdout.splitlines()]
    assert len(annotations) > 100  # GitHub would show only ten of them
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Tests\n\nAll passed.\n")
    levels = [level for level, _, _ in annotations]
    heading = (
        f"## pmkit: {levels.count('error')} errors, {levels.count('warning')} warnings, "
        f"{levels.count('notice')} notes in 1 file"
    )
    assert text.count(heading) == 1
    assert levels.count("error") == 2
    rows = summary_rows(text)
    assert len(rows) == len(annotations)
    for row, (level, props, _) in zip(rows, annotations, strict=True):
        assert row[0] == f"{FIRST_DRAFT}:{props['line']}:{props['col']}"
        assert row[1] == props["title"].split()[0]
        assert row[2] == {"error": "error", "warning": "warning", "notice": "info"}[level]

    second = run_cli("--as-of", AS_OF, "validate", "--format", "github", FIRST_DRAFT)

    assert second.exit_code == 1
    again = summary.read_text(encoding="utf-8")
    assert again.startswith(text)
    assert again.count("## pmkit: ") == 2
    assert summary_rows(again) == rows + rows


def test_hostile_text_cannot_break_the_summary_table(
    write_plan: WritePlan,
    run_cli: RunCli,
    starter_plan_text: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hostile = "A | B <script>alert(1)</script> `rm -rf` **x** [y](z)\\nnext row"
    # An indicator id and a misspelt key that hold it: structural findings quote both.
    ids = starter_plan_text.replace("  - id: IND-01\n", f'  - id: "{hostile}"\n', 1)
    ids = ids.replace("indicators: [IND-01]", "indicators: [IND-02]")
    ids = misspell_title(ids).replace("    titel:", f'    "{hostile}": 1\n    titel:', 1)
    # A milestone title that a framework rule quotes (due before the action starts).
    milestone, count = re.subn(
        r"\{title: Scheme launched, due: [0-9-]+\}",
        f'{{title: "{hostile}", due: 2001-01-01}}',
        starter_plan_text,
    )
    assert count == 1
    plans = [write_plan(ids, "ids/plan.yaml"), write_plan(milestone, "milestone/plan.yaml")]
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    result = run_cli("validate", "--format", "github", *plans)

    assert result.exit_code == 1
    annotations = [parse_command(line) for line in result.stdout.splitlines()]
    quoting = [data for _, _, data in annotations if "<script>" in data]
    assert len(quoting) >= 3, annotations  # the id, the key and the milestone title
    assert any("\n" in data for data in quoting)
    text = summary.read_text(encoding="utf-8")
    rows = summary_rows(text)
    assert len(rows) == len(annotations)
    assert {len(row) for row in rows} == {4}
    assert [row[1] for row in rows] == [props["title"].split()[0] for _, props, _ in annotations]
    assert "<script" not in text.lower()
    assert "&lt;script&gt;" in text
    assert re.search(r"(?<!\\)`", text) is None, "an unescaped backtick opens a code span"
    # Nothing but the heading, blank lines and table rows: no new line escaped a cell.
    for line in text.splitlines():
        assert line == "" or line.startswith(("## pmkit: ", "|")), line


def test_without_the_variable_no_summary_is_written(
    write_plan: WritePlan,
    run_cli: RunCli,
    starter_plan_text: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan = write_plan(misspell_title(starter_plan_text))
    summary = tmp_path / "summary.md"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert run_cli("validate", "--format", "github", plan).exit_code == 1
    written = summary.read_text(encoding="utf-8")
    assert "STR002" in written

    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    unset = run_cli("validate", "--format", "github", plan)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", "")
    empty = run_cli("validate", "--format", "github", plan)

    assert (unset.exit_code, empty.exit_code) == (1, 1)
    assert summary.read_text(encoding="utf-8") == written
    assert sorted(path.name for path in tmp_path.iterdir()) == ["plan.yaml", "summary.md"]
    for result in (unset, empty):
        assert all(line.startswith("::") for line in result.stdout.splitlines())
        assert "| Where |" not in result.output


def test_other_formats_leave_the_summary_alone(
    write_plan: WritePlan,
    run_cli: RunCli,
    starter_plan_text: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The generated workflow runs --format github, then --format sarif: the
    # summary must list the findings once, not once per step.
    plan = write_plan(misspell_title(starter_plan_text))
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    for output_format in ("text", "json", "sarif", "junit"):
        assert run_cli("validate", "--format", output_format, plan).exit_code == 1

    assert not summary.exists()
    assert run_cli("validate", "--format", "github", plan).exit_code == 1
    assert summary.read_text(encoding="utf-8").count("## pmkit: ") == 1
