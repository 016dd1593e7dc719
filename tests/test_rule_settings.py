"""Choosing rules, their severities and thresholds from the plan's settings and the command line."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.load import Document
from pmkit.load.reader import parse_yaml
from pmkit.validate import FileResult, check_document

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

AS_OF = date(2026, 11, 26)

# Three priorities with nobody accountable (ACC003) and no resources (RES001),
# and one indicator that is missing most things.
PLAN = """\
format_version: 1
partnership: {{name: Northbridge CSP}}
priorities:
  - {{id: P1}}
  - {{id: P2}}
  - {{id: P3}}
indicators:
  - id: CS-01
settings:
{settings}
"""


def check(settings: str = "  {}", *, select: tuple[str, ...] = ()) -> FileResult:
    text = PLAN.format(settings=settings)
    return check_document(Document("plan.yaml", text, parse_yaml(text)), as_of=AS_OF, select=select)


def codes(result: FileResult) -> set[str]:
    return {finding.code for finding in result.findings}


def test_every_rule_runs_by_default() -> None:
    found = codes(check())
    assert {"ACC003", "RES001", "FOC001", "CLR003"} <= found


def test_select_by_group_prefix_code_and_name() -> None:
    assert codes(check("  select: [accountability]")) == {"ACC001", "ACC003", "ACC004"}
    assert codes(check("  select: [ACC00]")) == {"ACC001", "ACC003", "ACC004"}
    assert codes(check("  select: [RES001, indicator-without-unit]")) == {"RES001", "CLR003"}


def test_ignore_removes_rules_after_select() -> None:
    assert codes(check("  select: [ACC]\n  ignore: [ACC004, indicator-without-owner]")) == {
        "ACC003"
    }


def test_command_line_select_replaces_the_plans_own() -> None:
    result = check("  select: [ACC]", select=("RES001",))
    assert codes(result) == {"RES001"}


def test_the_most_specific_severity_wins() -> None:
    result = check("  select: [ACC]\n  severity: {ACC003: info, accountability: error}")
    severities = {finding.code: finding.severity for finding in result.findings}
    assert severities == {
        "ACC001": Severity.ERROR,
        "ACC003": Severity.INFO,
        "ACC004": Severity.ERROR,
    }


def test_a_threshold_changes_what_a_rule_reports() -> None:
    assert "FOC004" not in codes(check())
    assert "FOC004" in codes(check("  thresholds: {max_priorities: 2}"))


def test_unknown_selectors_and_thresholds_are_reported_where_they_are_written() -> None:
    result = check(
        "  select: [ACC, XYZ]\n"
        "  ignore: [STR002]\n"
        "  severity: {timley: error}\n"
        "  thresholds: {max_priorites: 3}"
    )
    problems = {(f.code, f.line): f.message for f in result.findings if f.code.startswith("STR")}
    assert set(problems) == {("STR009", 10), ("STR009", 11), ("STR009", 12), ("STR010", 13)}
    assert "'XYZ' is not a rule code" in problems["STR009", 10]
    assert "structural check, which cannot be switched off" in problems["STR009", 11]
    assert "'timley' is not a rule code" in problems["STR009", 12]
    assert "no rule has a threshold called 'max_priorites'" in problems["STR010", 13]


def test_inline_ignore_takes_codes_and_prefixes_and_reports_unknown_ones() -> None:
    text = (
        PLAN.format(settings="  select: [ACC003, RES001]")
        .replace("  - {id: P1}", "  - {id: P1}  # pmkit: ignore[ACC003, RES]")
        .replace("  - {id: P2}", "  - {id: P2}  # pmkit: ignore[NOPE01]")
    )
    result = check_document(Document("plan.yaml", text, parse_yaml(text)), as_of=AS_OF)
    found = sorted((f.line, f.code) for f in result.findings)
    assert found == [
        (5, "ACC003"),
        (5, "RES001"),
        (5, "STR009"),
        (6, "ACC003"),
        (6, "RES001"),
    ]


def test_the_scorecard_counts_a_two_criteria_rule_under_both() -> None:
    result = check("  select: [ACC002]")
    assert result.scorecard is not None
    by_criterion = {score.criterion.value: score for score in result.scorecard}
    assert set(by_criterion) == {"accountability", "action_plans"}
    assert all(score.met for score in by_criterion.values())


def test_select_and_ignore_on_the_command_line(write_plan: WritePlan, run_cli: RunCli) -> None:
    plan = write_plan(PLAN.format(settings="  {}"))

    only = run_cli("--as-of", "2026-11-26", "validate", "--select", "ACC003,RES001", plan)
    assert set(re.findall(r":\d+:\d+: ([A-Z]{3}\d{3}) ", only.stdout)) == {"ACC003", "RES001"}

    skipped = run_cli("--as-of", "2026-11-26", "validate", "--ignore", "FOC", plan)
    assert "FOC001" not in skipped.stdout
    assert "CLR003" in skipped.stdout

    wrong = run_cli("validate", "--select", "NOPE", plan)
    assert wrong.exit_code == 2
    assert "'NOPE' is not a rule code" in wrong.stderr
