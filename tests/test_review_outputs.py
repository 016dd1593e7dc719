"""``pmkit review`` and ``pmkit status`` from the command line: Markdown, JSON, templates, safety.

A small plan is written in ``tmp_path`` with its monitoring files: a quarter
with an indicator off target, one on target and one not available, an action
at risk with remedial action agreed, and a year (2025/26) with four quarters
of figures and the partners' self-assessment. The same plan is written again
with hostile text in every title and commentary, which must not change the
structure of the report.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pmkit.periods import Calendar, Period

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli

APRIL = Calendar(4)
Q1 = APRIL.quarter(2026, 1)
Q2 = APRIL.quarter(2026, 2)
LAST_YEAR = APRIL.year(2025)
AS_OF = "2026-11-26"

HOSTILE = (
    "Evil | pipe\n# heading\r\n<script>alert(1)</script> [link](javascript:alert(1)) "
    "`tick` **bold**\u2028## second | more"
)

PLAN = """\
format_version: 1
partnership:
  name: {name}
partners:
  - {{id: council, name: {council}}}
  - {{id: police, name: Test Police}}
vision:
  outcomes:
    - {{id: O1, title: {outcome}}}
    - {{id: O2, title: Fewer repeat victims}}
priorities:
  - {{id: P1, title: {priority}, outcomes: [O1, O2]}}
indicators:
  - id: I-RED
    title: {indicator}
    unit: percentage
    polarity: higher
    accumulation: snapshot
    outcomes: [O1]
    owner: {{partner: council}}
    targets: [{{period: 2025/26, value: 80}}, {{period: 2026/27, value: 80}}]
    tolerance: 2
  - id: I-GREEN
    title: Crime rate
    unit: rate per 1,000
    polarity: lower
    accumulation: rolling_12_months
    outcomes: [O2]
    owner: {{partner: police}}
    targets: [{{period: 2025/26, value: 10}}, {{period: 2026/27, value: 10}}]
  - id: I-NODATA
    title: Survey
    unit: percentage
    polarity: higher
    outcomes: [O2]
    owner: {{partner: police}}
    targets: [{{period: 2026/27, value: 50}}]
actions:
  - id: A1
    title: {action}
    outcomes: [O1]
    lead: {{partner: council}}
    timescales: {{start: 2026-04-01, end: 2027-03-31}}
    resources:
      - {{partner: council, kind: cash, value: 1000, year: 2026/27}}
partnership_review:
  principles:
    - {{id: need, title: {principle}}}
    - {{id: trust, title: Develop and maintain trust}}
"""

QUARTER_HEADINGS = [
    "## Summary",
    "### Status changes since 2026/27 Q1",
    "### For the board to decide or note",
    "### Top exceptions",
    "## Exceptions needing remedial action",
    "## By priority and by partner",
    "## Indicators by outcome",
    "## Statistical process control",
    "## Actions",
    "## Resources committed and provided this year",
    "## Remedial actions",
    "## How the figures were judged",
]
"""The review's headings: the outcomes' own (###) come after the first seven."""
YEAR_HEADINGS = [
    "## Summary",
    "### Status changes since 2024/25",
    "### For the board to decide or note",
    "### Indicators off target at the year end",
    "## By priority and by partner",
    "## The year against baselines and targets",
    "## Statistical process control",
    "## How the partnership is working: self-assessment",
    "## For next year's plan",
]


# -- building the plan ----------------------------------------------------------------


def yaml_lines(data: dict[str, Any], indent: int = 0) -> list[str]:
    """``data`` as block YAML: text double-quoted (a JSON string is a YAML string)."""
    pad = " " * indent
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{pad}{json.dumps(key)}:")
            lines += yaml_lines(value, indent + 2)
        elif isinstance(value, str):
            lines.append(f"{pad}{json.dumps(key)}: {json.dumps(value)}")
        else:
            lines.append(f"{pad}{json.dumps(key)}: {value}")
    return lines


def stamped(fields: dict[str, Any]) -> dict[str, Any]:
    return {**fields, "recorded_by": "test", "recorded_at": "2026-10-01T09:00:00+01:00"}


def write_file(plan: Path, period: Period, sections: dict[str, dict[str, Any]]) -> None:
    data: dict[str, Any] = {"format_version": 1, "period": period.label, **sections}
    folder = plan.parent / "monitoring"
    folder.mkdir(exist_ok=True)
    text = "\n".join(yaml_lines(data)) + "\n"
    (folder / f"{period.file_stem}.yaml").write_text(text, encoding="utf-8")


def figures(by_indicator: dict[str, dict[Period, dict[str, Any]]]) -> dict[str, Any]:
    return {
        indicator: {period.label: stamped(fields) for period, fields in by_period.items()}
        for indicator, by_period in by_indicator.items()
    }


def build(folder: Path, text: str | None = None) -> Path:
    """The plan and its monitoring files; ``text`` (if given) in every free-text field."""
    folder.mkdir(parents=True, exist_ok=True)
    plain = {
        "name": "Test Partnership",
        "council": "Test Council",
        "outcome": "Safer streets",
        "priority": "Streets",
        "indicator": "Victims supported",
        "action": "Lighting upgrade",
        "principle": "Recognise the need",
    }
    fields = {key: json.dumps(text if text is not None else value) for key, value in plain.items()}
    plan = folder / "plan.yaml"
    plan.write_text(PLAN.format(**fields), encoding="utf-8")
    words = text if text is not None else "Short of staff."
    write_file(
        plan,
        Q2,
        {
            "figures": figures(
                {
                    "I-RED": {Q2: {"value": 70, "commentary": words}},
                    "I-GREEN": {Q2: {"value": 9}},
                    "I-NODATA": {Q2: {"not_available": words}},
                }
            ),
            "actions": {"A1": stamped({"status": "at_risk", "commentary": words})},
            "resources": {"A1": {"council": stamped({"amount": 100})}},
            "remedial_actions": {
                "R1": stamped(
                    {
                        "about": "I-RED",
                        "action": words,
                        "owner": {"partner": "council", "role": words},
                        "due": "2026-12-31",
                        "agreed_in": "2026/27 Q2",
                    }
                )
            },
        },
    )
    write_file(
        plan,
        Q1,
        {"figures": figures({"I-RED": {Q1: {"value": 72}}, "I-GREEN": {Q1: {"value": 10}}})},
    )
    # 2025/26: I-RED off target in Q1, Q2 and Q4; I-GREEN on target throughout.
    for quarter, red in zip(LAST_YEAR.parts(Q2.kind), ("70", "75", "85", "70"), strict=True):
        by: dict[str, dict[Period, dict[str, Any]]] = {
            "I-RED": {quarter: {"value": red}},
            "I-GREEN": {quarter: {"value": 9}},
        }
        write_file(plan, quarter, {"figures": figures(by)})
    write_file(
        plan,
        LAST_YEAR,
        {
            "self_assessment": {
                "need": {
                    "council": stamped({"score": 3, "comment": words}),
                    "police": stamped({"score": 2}),
                },
                "trust": {"council": stamped({"score": 4})},
            }
        },
    )
    write_file(
        plan,
        LAST_YEAR.previous(),
        {
            "self_assessment": {
                "need": {"council": stamped({"score": 2}), "police": stamped({"score": 2})}
            }
        },
    )
    return plan


def review(run_cli: RunCli, plan: Path, *args: str | Path) -> Result:
    return run_cli("--as-of", AS_OF, "review", "--plan", plan, *args)


# -- reading Markdown -----------------------------------------------------------------


def cells(row: str) -> list[str]:
    """A table row's cells, split at pipes that are not escaped (as GitHub splits them)."""
    found, current, index = [], "", 0
    body = row.strip()
    assert body.startswith("|") and body.endswith("|"), row
    body = body[1:-1]
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            current += body[index : index + 2]
            index += 2
            continue
        if char == "|":
            found.append(current)
            current = ""
        else:
            current += char
        index += 1
    found.append(current)
    return found


def tables(text: str) -> list[list[str]]:
    """Each table in ``text``: its lines, header first."""
    found: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.startswith("|"):
            current.append(line)
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def assert_tables_intact(text: str) -> int:
    """Every row has as many cells as its header; returns the number of rows checked."""
    checked = 0
    for table in tables(text):
        width = len(cells(table[0]))
        assert re.fullmatch(r"\|(---\|)+", table[1]), table[1]
        for row in table[1:]:
            assert len(cells(row)) == width, (table[0], row)
            checked += 1
    return checked


def headings(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.startswith("#")]


def row_of(text: str, needle: str) -> list[str]:
    (row,) = [line for line in text.split("\n") if line.startswith("|") and needle in line]
    return [cell.strip() for cell in cells(row)]


# -- the quarter's review in Markdown --------------------------------------------------


def test_markdown_headings_in_order(tmp_path: Path, run_cli: RunCli) -> None:
    result = review(run_cli, build(tmp_path), "--quarter", "2026/27 Q2")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert headings(result.stdout) == [
        "# Test Partnership: performance review, 2026/27 Q2",
        *QUARTER_HEADINGS[:7],
        "### O1: Safer streets",
        "### O2: Fewer repeat victims",
        *QUARTER_HEADINGS[7:],
    ]
    assert "As of 2026-11-26." in result.stdout


def test_markdown_summary_table(tmp_path: Path, run_cli: RunCli) -> None:
    text = review(run_cli, build(tmp_path), "--quarter", "2026/27 Q2").stdout
    summary = text.split("## Summary")[1].split("## Exceptions")[0]
    table = tables(summary)[0]
    # In Q1 the same: I-RED 72 against 80 (off target), I-GREEN 10 against 10 (on
    # target), I-NODATA no figure, due by then; so no status moved.
    assert table == [
        "| Status | 2026/27 Q2 | 2026/27 Q1 | Change |",
        "|---|---|---|---|",
        "| ✓ On target | 1 | 1 | same |",
        "| ! Near target | 0 | 0 | same |",
        "| ✗ Off target | 1 | 1 | same |",
        "| ? No data | 1 | 1 | same |",
        "| … Not due | 0 | 0 | same |",
        "| - No target | 0 | 0 | same |",
    ]
    assert "No indicator's status changed." in summary
    # I-GREEN improved (10 to 9, lower is better); I-RED worsened (72 to 70).
    assert "1 improved and 1 worsened, each compared like with like" in summary


def test_markdown_status_by_symbol_and_word(tmp_path: Path, run_cli: RunCli) -> None:
    text = review(run_cli, build(tmp_path), "--quarter", "2026/27 Q2").stdout
    red = row_of(text, "I-RED Victims supported | Test Council | 2026/27 Q2")
    assert red[0] == "✗ Off target"
    # No baseline and no comparator in this plan: a dash in those columns.
    assert red[3:9] == ["2026/27 Q2", "70", "80", "-", "-", "↓ worsening on 2026/27 Q1"]
    green = row_of(text, "I-GREEN Crime rate")
    assert green[0] == "✓ On target"
    assert green[2] == "Test Police"
    assert green[8] == "↓ improving on 2026/27 Q1"
    survey = row_of(text, "I-NODATA Survey | Test Police | 2026/27 Q2")
    assert survey[0] == "? No data"
    assert survey[4] == "not available"
    action = row_of(text, "A1 Lighting upgrade | Test Council | at risk")
    assert action[2:4] == ["at risk", "at risk"]
    exception = row_of(text, "| 70 against a target of 80 |")
    # 72 in Q1, 70 now, higher is better: worsening.
    assert exception[:3] == ["✗ Off target, worsening", "I-RED Victims supported", "Test Council"]
    assert exception[5] == "R1: Short of staff. (due 2026-12-31)"
    # Every exception without a remedial action says so, in the same words.
    for needle in ("| £100 provided of £500", "| due 2027-03-31 |", "| Short of staff. |  |"):
        assert row_of(text, needle)[5] == "none", needle
    assert assert_tables_intact(text) > 15


def test_json(tmp_path: Path, run_cli: RunCli) -> None:
    result = review(run_cli, build(tmp_path), "--quarter", "2026/27 Q2", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["period"] == "2026/27 Q2"
    assert data["partnership"] == "Test Partnership"
    wanted = ("id", "title", "actual", "target", "polarity", "status", "direction")
    shown = [{key: item[key] for key in wanted} for item in data["indicators"]]
    assert shown == [
        {
            "id": "I-RED",
            "title": "Victims supported",
            "actual": 70,
            "target": 80,
            "polarity": "higher",
            "status": "red",
            "direction": "worsening",
        },
        {
            "id": "I-GREEN",
            "title": "Crime rate",
            "actual": 9,
            "target": 10,
            "polarity": "lower",
            "status": "green",
            "direction": "improving",
        },
        {
            "id": "I-NODATA",
            "title": "Survey",
            "actual": None,
            "target": 50,
            "polarity": "higher",
            "status": "no_data",
            "direction": None,
        },
    ]
    assert [(a["id"], a["state"]) for a in data["actions"]] == [("A1", "at_risk")]
    assert data["resources"] == [
        {
            "partner": "council",
            "entity": "A1",
            "title": "Lighting upgrade",
            "committed": 1000,
            "due": 500,
            "provided": 100,
            "partner_name": "Test Council",
            "short": 400,  # £500 due by now (half of £1,000), £100 provided
        }
    ]
    # Most severe first; ids for machines, names beside them.
    assert [(e["kind"], e["id"], e["owner"], e["owner_name"]) for e in data["exceptions"]] == [
        ("off target", "I-RED", "council", "Test Council"),
        ("under-resourced", "A1", "council", "Test Council"),
        ("at risk", "A1", "council", "Test Council"),
        ("no data", "I-NODATA", "police", "Test Police"),
    ]
    # £500 due by now (half of £1,000), £100 provided: £400 short.
    assert data["resource_totals"] == {
        "committed": 1000,
        "due": 500,
        "provided": 100,
        "short": 400,
        "lines_short": 1,
    }
    assert data["board"]["previous_period"] == "2026/27 Q1"
    assert data["board"]["changes"] == []
    assert [item["id"] for item in data["board"]["top"]] == ["I-RED", "A1", "A1", "I-NODATA"]
    assert [(r["id"], r["about"], r["overdue"]) for r in data["remedial_actions"]] == [
        ("R1", "I-RED", False)
    ]


def test_direction_falls_back_to_last_year_in_json(tmp_path: Path, run_cli: RunCli) -> None:
    plan = build(tmp_path)
    (plan.parent / "monitoring" / "2026-27-Q1.yaml").unlink()  # no previous quarter
    data = json.loads(review(run_cli, plan, "--quarter", "2026/27 Q2", "-f", "json").stdout)
    red = data["indicators"][0]
    # With no figure for the quarter before, the same quarter last year, said as such.
    assert red["direction"] == "worsening"  # 75 in 2025/26 Q2, 70 now
    assert red["direction_words"] == "↓ worsening on 2025/26 Q2"
    assert red["compared_with"] == {"period": "2025/26 Q2", "value": 75}


def test_output_to_a_file(tmp_path: Path, run_cli: RunCli) -> None:
    plan = build(tmp_path / "repo")
    target = tmp_path / "review.md"
    result = review(run_cli, plan, "--quarter", "2026/27 Q2", "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    written = target.read_text(encoding="utf-8")
    assert written.startswith("# Test Partnership: performance review, 2026/27 Q2\n")
    as_json = tmp_path / "review.json"
    assert review(run_cli, plan, "-f", "json", "--output", as_json).exit_code == 0
    assert json.loads(as_json.read_text(encoding="utf-8"))["period"] == "2026/27 Q2"


def test_the_default_quarter_is_the_latest_ended(tmp_path: Path, run_cli: RunCli) -> None:
    text = review(run_cli, build(tmp_path)).stdout  # as of 26 November: Q2 ended
    assert text.startswith("# Test Partnership: performance review, 2026/27 Q2\n")


# -- --fail-on --------------------------------------------------------------------------


def test_fail_on_red(tmp_path: Path, run_cli: RunCli) -> None:
    plan = build(tmp_path)
    assert review(run_cli, plan, "--quarter", "2026/27 Q2").exit_code == 0
    failed = review(run_cli, plan, "--quarter", "2026/27 Q2", "--fail-on", "red")
    assert failed.exit_code == 1
    assert failed.stdout.startswith("# Test Partnership")  # the report is still written
    assert review(run_cli, plan, "--quarter", "2026/27 Q2", "--fail-on", "amber").exit_code == 0
    assert review(run_cli, plan, "--quarter", "2026/27 Q2", "--fail-on", "no_data").exit_code == 1
    # In 2026/27 Q1, I-RED (72) was off target too; with no red, the same flag passes.
    path = plan.parent / "monitoring" / "2026-27-Q1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(": 72", ": 85"), encoding="utf-8")
    assert review(run_cli, plan, "--quarter", "2026/27 Q1", "--fail-on", "red").exit_code == 0


def test_a_bad_fail_on_value(tmp_path: Path, run_cli: RunCli) -> None:
    result = review(run_cli, build(tmp_path), "--fail-on", "purple")
    assert result.exit_code == 2
    assert result.stderr == (
        "pmkit: --fail-on takes on-target, near-target, off-target, no-data, not-due or "
        "no-target (or red, amber, green), not 'purple'\n"
    )
    assert result.stdout == ""


# -- the annual review -----------------------------------------------------------------


def test_year_review(tmp_path: Path, run_cli: RunCli) -> None:
    result = review(run_cli, build(tmp_path), "--year", "2025/26")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert headings(text) == ["# Test Partnership: annual review, 2025/26", *YEAR_HEADINGS]
    red = row_of(text, "I-RED Victims supported | Test Council | -")
    assert red[3:6] == ["70", "80", "✗ Off target"]
    assert red[7] == "off target, off target, on target, off target"
    # The first page lists it, with its owner, and no open remedial action in 2025/26 Q4.
    assert row_of(text, "| ✗ Off target | I-RED") == [
        "✗ Off target",
        "I-RED Victims supported",
        "Test Council",
        "none",
    ]
    assert row_of(text, "Recognise the need") == ["Recognise the need", "2.5", "2", "3", "0.5", "2"]
    # Only the council scored trust; nobody did last year.
    assert row_of(text, "Develop and maintain trust") == [
        "Develop and maintain trust",
        "4",
        "4",
        "4",
        "-",
        "1",
    ]
    prompts = text.split("## For next year's plan")[1]
    assert (
        "- I-RED was off target in 3 of the 4 quarters reviewed: revisit the actions behind it, or "
        "whether its target is realistic" in prompts
    )
    assert "I-GREEN" not in prompts
    assert assert_tables_intact(text) >= 5


def test_year_review_as_json(tmp_path: Path, run_cli: RunCli) -> None:
    result = review(run_cli, build(tmp_path), "--year", "2025/26", "-f", "json")
    data = json.loads(result.stdout)
    assert data["year"] == "2025/26"
    need = data["principles"][0]
    assert (need["average"], need["lowest"], need["highest"], need["last_year_average"]) == (
        2.5,
        2,
        3,
        2,
    )
    assert data["prompts"][0].startswith("I-RED was off target in 3 of the 4 quarters reviewed")


def test_year_and_quarter_together_are_refused(tmp_path: Path, run_cli: RunCli) -> None:
    result = review(run_cli, build(tmp_path), "--year", "2025/26", "--quarter", "2025/26 Q1")
    assert result.exit_code == 2
    assert "not both" in result.stderr
    quarter = review(run_cli, build(tmp_path), "--year", "2025/26 Q1")
    assert quarter.exit_code == 2
    assert "--year takes a year, such as 2025/26" in quarter.stderr


# -- hostile plan text --------------------------------------------------------------------


def assert_structure_unchanged(text: str, expected_headings: list[str]) -> None:
    assert headings(text) == expected_headings
    assert assert_tables_intact(text) > 5
    assert "<script" not in text.lower()
    assert "[link](javascript:" not in text
    assert "\r" not in text
    assert "\u2028" not in text
    # Every backtick is escaped, so none can open a code span or fence.
    assert all(text[i - 1] == "\\" for i, char in enumerate(text) if char == "`")


def test_hostile_text_cannot_change_the_quarter_review(tmp_path: Path, run_cli: RunCli) -> None:
    result = review(run_cli, build(tmp_path, HOSTILE), "--quarter", "2026/27 Q2")
    assert result.exit_code == 0, result.output
    text = result.stdout
    escaped = (
        "Evil \\| pipe # heading &lt;script&gt;alert(1)&lt;/script&gt; "
        "\\[link\\](javascript:alert(1)) \\`tick\\` \\*\\*bold\\*\\* ## second \\| more"
    )
    assert_structure_unchanged(
        text,
        [
            f"# {escaped}: performance review, 2026/27 Q2",
            *QUARTER_HEADINGS[:7],
            f"### O1: {escaped}",
            "### O2: Fewer repeat victims",
            *QUARTER_HEADINGS[7:],
        ],
    )
    # The text is all there, escaped, in the cells it belongs in.
    assert text.count(escaped) >= 10
    assert row_of(text, "| at risk | at risk |")[6] == escaped


def test_hostile_text_cannot_change_the_year_review(tmp_path: Path, run_cli: RunCli) -> None:
    result = review(run_cli, build(tmp_path, HOSTILE), "--year", "2025/26")
    assert result.exit_code == 0, result.output
    name = headings(result.stdout)[0]
    assert name.endswith(": annual review, 2025/26")
    assert_structure_unchanged(result.stdout, [name, *YEAR_HEADINGS])


@pytest.mark.parametrize("period", [("--quarter", "2026/27 Q2"), ("--year", "2025/26")])
def test_hostile_text_stays_text_in_both_html_reviews(
    tmp_path: Path, run_cli: RunCli, period: tuple[str, str]
) -> None:
    result = review(run_cli, build(tmp_path, HOSTILE), *period, "-f", "html")
    assert result.exit_code == 0, result.output
    html = result.stdout
    assert "<script" not in html.lower()
    # The partner's name (hostile too) in the summary, the roll-up and the tables, escaped.
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4
    assert 'href="javascript:' not in html


def test_hostile_text_in_json_is_data(tmp_path: Path, run_cli: RunCli) -> None:
    result = review(run_cli, build(tmp_path, HOSTILE), "-f", "json")
    data = json.loads(result.stdout)
    # JSON carries the text exactly; escaping is the renderer's business.
    assert data["indicators"][0]["title"] == HOSTILE
    assert data["indicators"][0]["commentary"] == HOSTILE


# -- templates ------------------------------------------------------------------------------


def test_a_template_beside_the_plan_is_used(tmp_path: Path, run_cli: RunCli) -> None:
    plan = build(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "quarter.md.j2").write_text(
        "Board pack for {{ review.period }}: {{ review.summary.red }} red\n"
        "{% for item in review.indicators %}{{ item.id }} {{ item.status.words }}\n{% endfor %}",
        encoding="utf-8",
    )
    result = review(run_cli, plan, "--quarter", "2026/27 Q2")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Board pack for 2026/27 Q2: 1 red\nI-RED Off target\nI-GREEN On target\nI-NODATA No data\n"
    )
    # The year's template is not overridden, so the built-in one is used.
    year = review(run_cli, plan, "--year", "2025/26")
    assert year.stdout.startswith("# Test Partnership: annual review, 2025/26\n")


def test_a_template_dir_is_used(tmp_path: Path, run_cli: RunCli) -> None:
    plan = build(tmp_path / "repo")
    beside = tmp_path / "repo" / "templates"
    beside.mkdir()
    (beside / "year.md.j2").write_text("beside the plan\n", encoding="utf-8")
    chosen = tmp_path / "house-style"
    chosen.mkdir()
    (chosen / "year.md.j2").write_text(
        "{% for p in review.principles %}{{ p.id }}={{ p.average | num }};{% endfor %}\n",
        encoding="utf-8",
    )
    result = review(run_cli, plan, "--year", "2025/26", "--template-dir", chosen)
    assert result.exit_code == 0, result.output
    assert result.stdout == "need=2.5;trust=4;"  # trim_blocks drops the last newline
    assert review(run_cli, plan, "--year", "2025/26").stdout == "beside the plan\n"
    missing = review(run_cli, plan, "--template-dir", tmp_path / "nowhere")
    assert missing.exit_code == 2
    assert "no such folder" in missing.stderr


ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ review.__class__.__init__.__globals__ }}",
    "{% import 'os' as os %}{{ os.system('touch MARKER') }}",
    "{{ review.partnership.__class__.__base__.__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    (
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
        "{% if c.__name__ == '_wrap_close' %}{{ c.__init__.__globals__['system']('touch MARKER') }}"
        "{% endif %}{% endfor %}"
    ),
]


@pytest.mark.parametrize("template", ESCAPES)
def test_a_template_cannot_escape_the_sandbox(
    tmp_path: Path, run_cli: RunCli, template: str
) -> None:
    plan = build(tmp_path / "repo")
    marker = tmp_path / "MARKER"
    chosen = tmp_path / "evil"
    chosen.mkdir()
    text = "Before\n" + template.replace("MARKER", str(marker)) + "\nAfter\n"
    (chosen / "quarter.md.j2").write_text(text, encoding="utf-8")
    result = review(run_cli, plan, "--template-dir", chosen)
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing half-rendered
    assert result.stderr.startswith("pmkit: ")
    assert "Traceback" not in result.output
    assert "internal error" not in result.stderr
    assert "bug in pmkit" not in result.stderr
    assert "unsafe" in result.stderr or "no template 'os'" in result.stderr
    assert not marker.exists()


def test_the_sandbox_payload_would_run_without_the_sandbox(tmp_path: Path) -> None:
    # The last payload above is live: in a plain Jinja environment it runs a command.
    from jinja2 import Environment

    marker = tmp_path / "MARKER"
    Environment().from_string(ESCAPES[-1].replace("MARKER", str(marker))).render()
    assert marker.exists()


def test_a_template_error_at_run_time_is_the_templates(tmp_path: Path, run_cli: RunCli) -> None:
    plan = build(tmp_path / "repo")
    chosen = tmp_path / "broken"
    chosen.mkdir()
    (chosen / "quarter.md.j2").write_text("one\ntwo {{ 1 // 0 }}\n", encoding="utf-8")
    result = review(run_cli, plan, "--template-dir", chosen)
    assert result.exit_code == 2
    assert "bug in pmkit" not in result.stderr
    assert "quarter.md.j2" in result.stderr
    assert "(line 2): ZeroDivisionError" in result.stderr


def test_a_template_with_a_syntax_error(tmp_path: Path, run_cli: RunCli) -> None:
    plan = build(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "quarter.md.j2").write_text(
        "# Review\n\n{% for item in review.indicators %}\n{{ item.id }}\n{% endfor\n",
        encoding="utf-8",
    )
    result = review(run_cli, plan)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert message.startswith("pmkit: template quarter.md.j2 (line 5): ")


def test_a_template_naming_nothing_that_exists(tmp_path: Path, run_cli: RunCli) -> None:
    plan = build(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "quarter.md.j2").write_text(
        "{{ review.no_such_thing }}\n", encoding="utf-8"
    )
    result = review(run_cli, plan)
    assert result.exit_code == 2
    assert result.stderr.startswith("pmkit: template quarter.md.j2")
    assert "no_such_thing" in result.stderr


# -- pmkit status ----------------------------------------------------------------------------


def test_status(tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = run_cli("--as-of", AS_OF, "status", "--plan", build(tmp_path))
    assert result.exit_code == 0, result.output
    text = result.stdout
    lines = text.split("\n")
    assert lines[0] == "Test Partnership: 2026/27 Q2"
    # The counts, then the exceptions, then the indicators under each outcome.
    counts, exceptions = text.index("Indicators by status"), text.index("Exceptions")
    first, second = text.index("O1: Safer streets"), text.index("O2: Fewer repeat victims")
    assert counts < exceptions < first < second
    assert lines[3] == "  ✗ Off target   1    ? No data      1    … Not due      0"
    assert lines[4] == "  ! Near target  0    ✓ On target    1    - No target    0"
    # One table, with one header row.
    assert text.count("Status") == 1
    red = next(line for line in lines if line.startswith("✗ Off target I-RED"))
    # 70, 75, 85, 70 in 2025/26, then 72 and 70: the sparkline after two gaps.
    assert red == (
        "✗ Off target I-RED Victims supported     70     80   ▁▃█▁▂▁ ↓ worsening on 2026/27 Q1"
    )
    green = next(line for line in lines if line.startswith("✓ On target  I-GREEN Crime rate"))
    assert green.endswith("↓ improving on 2026/27 Q1")
    # Two gaps (2024/25 Q3 and Q4), 9 throughout 2025/26, then 10 and 9.
    assert "   ▁▁▁▁█▁ " in green
    assert next(line for line in lines if "I-NODATA Survey" in line).startswith("? No data")
    after = text[exceptions:].split("\n")
    # In the review's triage order: off target, under-resourced, at risk, no data.
    assert after[:9] == [
        "Exceptions, and indicators near target (4)",
        "✗ Off target      I-RED Victims supported",
        "                  70, target 80 · Test Council",
        "£ Under-resourced A1 Lighting upgrade",
        "                  £100 of £500 · Test Council",
        "! At risk         A1 Lighting upgrade",
        "                  due 2027-03-31 · Test Council",
        "? No data         I-NODATA Survey",
        "                  no figure · Test Police · Short of staff.",
    ]


def test_status_shows_flags(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    plan = build(tmp_path)
    path = plan.parent / "monitoring" / "2026-27-Q2.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    # Drop the commentary on I-RED's figure and on A1's progress.
    kept = [line for line in lines if '"commentary": "Short of staff."' not in line]
    assert len(kept) == len(lines) - 2
    path.write_text("\n".join(kept), encoding="utf-8")
    result = run_cli("--as-of", AS_OF, "status", "--plan", plan)
    assert result.exit_code == 0, result.output
    shown = result.stdout.split("\n")
    assert "                  70, target 80 · no commentary · Test Council" in shown
    assert "                  due 2027-03-31 · no commentary · Test Council" in shown


def test_status_with_hostile_text(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    markup = "Streets [/] [bold]loud[/bold] [link=javascript:alert(1)]click[/link]"
    result = run_cli("--as-of", AS_OF, "status", "--plan", build(tmp_path, markup))
    assert result.exit_code == 0, result.output
    # Shown as written, never read as rich markup.
    assert f"O1: {markup}" in result.stdout
    assert f"I-RED {markup}" in result.stdout
