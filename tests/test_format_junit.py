"""`pmkit validate --format junit`: each check as a test case on a CI dashboard.

Read back with ElementTree, as a dashboard reads it: a suite per plan, a case
for the structure and one per rule that ran, errors and warnings failing
their case and notes not.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pmkit.findings import Severity
from pmkit.report.names import check_name
from pmkit.validate import validate_paths

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

ROOT = Path(__file__).resolve().parent.parent
FIRST_DRAFT = "examples/first-draft/plan.yaml"
AS_OF = "2026-11-26"
STRUCTURE = "structure (the plan's shape, ids and references)"


def junit(run_cli: RunCli, *args: str | Path, exit_code: int) -> ET.Element:
    result = run_cli("--as-of", AS_OF, "validate", "--format", "junit", *args)
    assert result.exit_code == exit_code, result.output
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(result.stdout.encode("utf-8"))


def cases(suite: ET.Element) -> dict[str, ET.Element]:
    found = {case.get("name", ""): case for case in suite.findall("testcase")}
    assert len(found) == len(suite.findall("testcase")), "two cases share a name"
    return found


def failing(suite: ET.Element) -> set[str]:
    return {name for name, case in cases(suite).items() if case.find("failure") is not None}


def assert_counts_match_children(root: ET.Element) -> None:
    """Every ``tests``, ``failures`` and ``skipped`` attribute agrees with the elements."""
    assert root.tag == "testsuites"
    all_cases = all_failures = 0
    for suite in root.findall("testsuite"):
        suite_cases = suite.findall("testcase")
        assert list(suite) == suite_cases, "a suite holds something other than test cases"
        failures = sum(case.find("failure") is not None for case in suite_cases)
        skipped = sum(case.find("skipped") is not None for case in suite_cases)
        assert suite.get("tests") == str(len(suite_cases))
        assert suite.get("failures") == str(failures)
        assert suite.get("skipped") == str(skipped)
        for case in suite_cases:
            assert case.get("classname") == suite.get("name")
            assert not (case.find("failure") is not None and case.find("skipped") is not None)
        all_cases += len(suite_cases)
        all_failures += failures
    assert root.get("tests") == str(all_cases)
    assert root.get("failures") == str(all_failures)


def misspell_title(text: str) -> str:
    old = "    title: Neighbourhood crime"
    assert text.count(old) == 1
    return text.replace(old, "    titel: Neighbourhood crime")


def test_the_first_draft_has_a_case_per_rule_and_fails_the_right_ones(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    expected = validate_paths([Path(FIRST_DRAFT)], as_of=date.fromisoformat(AS_OF))
    (file,) = expected.files
    by_code: dict[str, list[Severity]] = defaultdict(list)
    for finding in file.findings:
        by_code[finding.code].append(finding.severity)

    root = junit(run_cli, FIRST_DRAFT, exit_code=1)

    assert_counts_match_children(root)
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == FIRST_DRAFT
    names = [case.get("name") for case in suite.findall("testcase")]
    assert names == [STRUCTURE, *(f"{code} {check_name(code)}" for code in file.rules)]
    assert len(file.rules) > 40
    should_fail = {
        f"{code} {check_name(code)}"
        for code, severities in by_code.items()
        if any(severity is not Severity.INFO for severity in severities)
    }
    assert failing(suite) == should_fail
    assert suite.get("failures") == str(len(should_fail))
    assert suite.get("skipped") == "0"


def test_errors_and_warnings_fail_a_case_and_notes_do_not(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    (file,) = validate_paths([Path(FIRST_DRAFT)], as_of=date.fromisoformat(AS_OF)).files
    passing = [code for code in file.rules if all(f.code != code for f in file.findings)]
    assert passing

    suite = cases(junit(run_cli, FIRST_DRAFT, exit_code=1).findall("testsuite")[0])

    # ROB003 has one error (a count of 4.5 people).
    error = suite["ROB003 figure-does-not-fit-unit"].find("failure")
    assert error is not None
    assert (error.get("message"), error.get("type")) == ("1 finding", "error")
    assert "CYP-08" in (error.text or "")
    # ACT001 has a warning for each of eight indicators.
    warnings = suite["ACT001 indicator-informs-no-decision"].find("failure")
    assert warnings is not None
    assert (warnings.get("message"), warnings.get("type")) == ("8 findings", "warning")
    assert len((warnings.text or "").splitlines()) == 8
    # CMP002 has notes only: listed in the case's output, not failing it.
    notes = suite["CMP002 no-comparator"]
    assert notes.find("failure") is None
    output = notes.find("system-out")
    assert output is not None
    assert len((output.text or "").splitlines()) == 8
    assert all("[info]" in line for line in (output.text or "").splitlines())
    # The structure, and each rule with nothing to say, pass quietly.
    for name in [STRUCTURE, *(f"{code} {check_name(code)}" for code in passing)]:
        assert list(suite[name]) == [], name


def test_a_structurally_broken_plan_fails_structure_and_skips_the_rules(
    run_cli: RunCli, write_plan: WritePlan, starter_plan_text: str
) -> None:
    plan = write_plan(misspell_title(starter_plan_text))

    root = junit(run_cli, plan, exit_code=1)

    assert_counts_match_children(root)
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("2", "1", "1")
    found = cases(suite)
    assert list(found) == [STRUCTURE, "framework rules"]
    failure = found[STRUCTURE].find("failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert "STR002 [error] unknown key 'titel'" in (failure.text or "")
    skipped = found["framework rules"].find("skipped")
    assert skipped is not None
    assert "structure must be fixed first" in skipped.get("message", "")


def test_one_suite_per_file_clean_broken_and_unreadable(
    run_cli: RunCli, write_plan: WritePlan, starter_plan_text: str
) -> None:
    clean = write_plan(starter_plan_text, "clean/plan.yaml")
    broken = write_plan(misspell_title(starter_plan_text), "broken/plan.yaml")
    binary = write_plan(b"\x00\x01\x02\x03", "binary/plan.yaml")

    root = junit(run_cli, clean, broken, binary, exit_code=2)

    assert_counts_match_children(root)
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert list(suites) == [str(clean), str(broken), str(binary)]
    clean_suite = suites[str(clean)]
    assert clean_suite.get("failures") == "0"
    assert clean_suite.get("skipped") == "0"
    assert int(clean_suite.get("tests", "0")) > 40
    assert failing(suites[str(broken)]) == {STRUCTURE}
    unreadable = cases(suites[str(binary)])
    assert list(unreadable) == [STRUCTURE, "framework rules"]
    failure = unreadable[STRUCTURE].find("failure")
    assert failure is not None
    assert "YML002" in (failure.text or "")
    assert unreadable["framework rules"].find("skipped") is not None
    assert root.get("failures") == "2"
