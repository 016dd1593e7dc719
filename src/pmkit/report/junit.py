"""JUnit XML, so CI dashboards list each check as a test: one case per rule per file.

Errors and warnings fail their case; notes are listed in the case's output.
A file whose structure has errors fails its ``structure`` case, and its
framework rules are reported as skipped, since they could not run.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from pmkit.codes import CheckGroup
from pmkit.findings import Severity
from pmkit.report.names import check_name

if TYPE_CHECKING:
    from pmkit.findings import Finding
    from pmkit.validate import FileResult, ValidationResult

_STRUCTURE = tuple(group.prefix for group in CheckGroup)
"""Codes of the checks that cannot be switched off: reading, structure, monitoring."""


def junit_tree(result: ValidationResult) -> ET.Element:
    """The result as a ``<testsuites>`` element."""
    suites = ET.Element("testsuites", name="pmkit")
    for file in result.files:
        suites.append(_suite(file))
    suites.set("tests", str(sum(int(s.get("tests", "0")) for s in suites)))
    suites.set("failures", str(sum(int(s.get("failures", "0")) for s in suites)))
    return suites


def _suite(file: FileResult) -> ET.Element:
    suite = ET.Element("testsuite", name=file.file)
    structural = [f for f in file.findings if f.code.startswith(_STRUCTURE)]
    _case(suite, file.file, "structure (the plan's shape, ids and references)", structural)
    rules_ran = file.scorecard is not None
    codes = file.rules if rules_ran else ()
    for code in codes:
        found = [finding for finding in file.findings if finding.code == code]
        _case(suite, file.file, f"{code} {check_name(code)}", found)
    if not rules_ran:
        skipped = ET.SubElement(
            suite, "testcase", classname=file.file, name="framework rules", time="0"
        )
        ET.SubElement(skipped, "skipped", message="the file's structure must be fixed first")
    cases = list(suite)
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(case.find("failure") is not None for case in cases)))
    suite.set("skipped", str(sum(case.find("skipped") is not None for case in cases)))
    return suite


def _case(suite: ET.Element, file: str, name: str, found: list[Finding]) -> None:
    case = ET.SubElement(suite, "testcase", classname=file, name=name, time="0")
    failing = [f for f in found if f.severity is not Severity.INFO]
    lines = "\n".join(f"{f.location}: {f.code} [{f.severity.value}] {f.message}" for f in found)
    if failing:
        noun = "finding" if len(failing) == 1 else "findings"
        failure = ET.SubElement(
            case, "failure", message=f"{len(failing)} {noun}", type=failing[0].severity.value
        )
        failure.text = lines
    elif found:
        ET.SubElement(case, "system-out").text = lines


def write_junit(result: ValidationResult, out: TextIO) -> None:
    """Write the JUnit XML document."""
    tree = ET.ElementTree(junit_tree(result))
    ET.indent(tree)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    tree.write(out, encoding="unicode")
    out.write("\n")
