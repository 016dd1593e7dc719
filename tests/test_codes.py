"""One registry of finding codes: everything pmkit can report is named, explained and documented.

A code that a check emits but the registry does not know would reach the user
with no explanation, no SARIF rule and no entry in docs/rules.md. These tests
read the source itself: every code written anywhere in ``src/pmkit`` must be
registered, and a code may be *written* as a bare literal only where it is
defined (the registry module, or a rule's own ``code=``); everywhere else
uses the named constant.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pmkit.code_registry import lookup, registry
from pmkit.codes import FIXED_CHECKS, CheckGroup
from pmkit.report.sarif import rule_descriptors
from pmkit.rules import catalogue

if TYPE_CHECKING:
    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "pmkit"
REGISTRY_MODULE = SOURCE / "codes.py"
RULE_MODULES = SOURCE / "rules" / "checks"
CODE = re.compile(r"\b[A-Z]{3}\d{3}\b")
WHOLE_CODE = re.compile(r"[A-Z]{3}\d{3}")


def _strings(tree: ast.AST) -> list[ast.Constant]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def _mentioned_codes() -> dict[str, list[str]]:
    """Every code-like text in the package's source and templates, with where it is."""
    found: dict[str, list[str]] = {}
    for path in sorted(SOURCE.rglob("*")):
        if not path.is_file() or path.suffix in {".pyc", ".json"}:
            continue
        where = str(path.relative_to(ROOT))
        if path.suffix == ".py":
            texts = [node.value for node in _strings(ast.parse(path.read_text("utf-8")))]
        else:
            texts = [path.read_text("utf-8", errors="replace")]
        for text in texts:
            for code in CODE.findall(text):
                found.setdefault(code, []).append(where)
    return found


def _bare_code_literals() -> list[str]:
    """Literals that are exactly a code, outside the places codes are defined."""
    misplaced = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path == REGISTRY_MODULE:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        allowed: set[int] = set()
        if RULE_MODULES in path.parents:
            # A rule defines its own code: rule(code="TIM001", ...).
            allowed = {
                id(keyword.value)
                for node in ast.walk(tree)
                if isinstance(node, ast.Call)
                for keyword in node.keywords
                if keyword.arg == "code"
            }
        misplaced.extend(
            f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}"
            for node in _strings(tree)
            if WHOLE_CODE.fullmatch(node.value) and id(node) not in allowed
        )
    return misplaced


def test_the_source_scan_finds_codes_in_every_kind_of_check() -> None:
    # The scan is not vacuous: it sees codes written in the loader, the
    # structure and monitoring checks, the rules and the registry.
    found = _mentioned_codes()
    assert {"YML007", "STR006", "MON005", "TIM001", "ACC001"} <= set(found)
    assert "src/pmkit/codes.py" in found["MON005"]
    assert "src/pmkit/rules/checks/timely/too_slow_for_quarterly_review.py" in found["TIM001"]


def test_every_code_in_the_source_is_registered() -> None:
    registered = {entry.code for entry in registry()}
    unregistered = {
        code: places for code, places in _mentioned_codes().items() if code not in registered
    }
    assert unregistered == {}, "add these codes to src/pmkit/codes.py (or give the rule a module)"


def test_codes_are_written_only_where_they_are_defined() -> None:
    assert _bare_code_literals() == [], (
        "use the named constant from pmkit.codes instead of writing the code again"
    )


def test_the_literal_scan_would_catch_a_stray_code() -> None:
    tree = ast.parse('finding = Finding("MON003", "no such id", Severity.ERROR, file)\n')
    assert [node.value for node in _strings(tree) if WHOLE_CODE.fullmatch(node.value)] == ["MON003"]


def test_the_checks_that_cannot_be_switched_off() -> None:
    assert list(FIXED_CHECKS) == [
        *(f"YML00{n}" for n in range(9)),
        *(f"STR{n:03}" for n in range(1, 11)),
        *(f"MON00{n}" for n in range(1, 8)),
    ]
    for check in FIXED_CHECKS.values():
        assert check.code.startswith(check.group.prefix)
        assert len(check.explanation.split()) >= 20, f"{check.code}: explain it in a paragraph"
    assert [group.prefix for group in CheckGroup] == ["YML", "STR", "MON"]


def test_the_registry_holds_every_rule_and_check_once() -> None:
    entries = registry()
    codes = [entry.code for entry in entries]
    names = [entry.name for entry in entries]
    assert len(codes) == len(set(codes)) == len(FIXED_CHECKS) + len(catalogue())
    assert len(names) == len(set(names)), "a name must pick one code"
    assert codes[:3] == ["YML000", "YML001", "YML002"]
    assert codes[26] == "FOC001"
    for entry in entries:
        assert entry.summary.strip() and entry.explanation.strip(), entry.code
        assert entry.switchable == (entry.rule is not None)


def test_every_code_has_a_section_in_the_reference() -> None:
    reference = (ROOT / "docs" / "rules.md").read_text("utf-8")
    missing = [entry.code for entry in registry() if f"\n### {entry.code}\n" not in reference]
    assert missing == []
    for heading in ("## Reading the file (YML)", "## Plan structure (STR)", "## Monitoring files"):
        assert f"\n{heading}" in reference


def test_sarif_describes_every_code() -> None:
    descriptors = {descriptor["id"]: descriptor for descriptor in rule_descriptors()}
    assert list(descriptors) == [entry.code for entry in registry()]
    mon = descriptors["MON005"]
    assert mon["name"] == "ValueDoesNotFitUnit"
    assert mon["shortDescription"]["text"] == "A recorded value its indicator's unit cannot hold."
    assert mon["fullDescription"]["text"].startswith("A percentage above 100, a negative count")
    assert mon["defaultConfiguration"]["level"] == "error"
    assert mon["properties"]["tags"] == ["monitoring"]


def test_lookup_by_code_or_name() -> None:
    by_code, by_name = lookup("str003"), lookup("wrong-value")
    assert by_code is not None
    assert by_code is by_name
    assert (by_code.code, by_code.heading, by_code.severity.value) == (
        "STR003",
        "Plan structure",
        "error",
    )
    rule = lookup("TIM001")
    assert rule is not None
    assert (rule.name, rule.heading, rule.switchable) == (
        "too-slow-for-quarterly-review",
        "Timely",
        True,
    )
    assert lookup("XYZ999") is None


@pytest.mark.parametrize(
    ("code", "first_lines"),
    [
        (
            "STR003",
            [
                "STR003 wrong-value",
                "Plan structure · always an error; cannot be switched off",
                "",
                "A value of the wrong type or out of range.",
            ],
        ),
        (
            "MON001",
            [
                "MON001 stray-monitoring-file",
                "Monitoring files · always an error; cannot be switched off",
                "",
                "A file in monitoring/ that is not named after a period.",
            ],
        ),
        (
            "yml001",
            [
                "YML001 not-yaml",
                "Reading the file · always an error; cannot be switched off",
                "",
                "The file is not valid YAML.",
            ],
        ),
    ],
)
def test_explain_answers_for_every_kind_of_code(
    run_cli: RunCli, code: str, first_lines: list[str]
) -> None:
    result = run_cli("explain", code)

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:4] == first_lines


def test_explain_an_unknown_code(run_cli: RunCli) -> None:
    result = run_cli("explain", "XYZ999")

    assert result.exit_code == 2
    assert (
        result.stderr
        == "pmkit: no finding code or rule called 'XYZ999': 'pmkit rules' lists them\n"
    )


def test_rules_lists_a_group_of_checks(run_cli: RunCli) -> None:
    result = run_cli("rules", "--group", "monitoring", "--format", "json")

    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["code"] for row in rows] == [f"MON00{n}" for n in range(1, 8)]
    assert rows[0] == {
        "code": "MON001",
        "name": "stray-monitoring-file",
        "group": "monitoring",
        "criterion": None,
        "criteria": [],
        "severity": "error",
        "switchable": False,
        "summary": "A file in monitoring/ that is not named after a period.",
    }
    by_prefix = json.loads(run_cli("rules", "-g", "YML", "-f", "json").stdout)
    assert [row["code"] for row in by_prefix] == [f"YML00{n}" for n in range(9)]


def test_rules_lists_every_code_by_default(run_cli: RunCli) -> None:
    rows = json.loads(run_cli("rules", "--format", "json").stdout)

    assert [row["code"] for row in rows] == [entry.code for entry in registry()]
    timely = next(row for row in rows if row["code"] == "TIM002")
    assert (timely["group"], timely["criterion"], timely["switchable"]) == (
        "timely",
        "timely",
        True,
    )


def test_junit_fails_a_monitoring_file_on_a_monitoring_finding() -> None:
    # Every kind of check that cannot be switched off counts under "structure",
    # so a monitoring file with a MON finding is a failing case, not a pass.
    from datetime import date

    from pmkit.codes import DOES_NOT_FIT_UNIT
    from pmkit.findings import Finding, Severity
    from pmkit.report.junit import junit_tree
    from pmkit.validate import FileResult, ValidationResult

    file = "monitoring/2026-27-Q2.yaml"
    finding = Finding(
        DOES_NOT_FIT_UNIT, "150 is above 100", Severity.ERROR, file, line=7, column=12
    )
    tree = junit_tree(ValidationResult([FileResult(file, [finding])], date(2026, 11, 26)))

    case = tree.find("testsuite/testcase")
    assert case is not None
    failure = case.find("failure")
    assert failure is not None
    assert (failure.get("message"), failure.text) == (
        "1 finding",
        f"{file}:7:12: MON005 [error] 150 is above 100",
    )
