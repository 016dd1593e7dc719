"""The rule catalogue: every rule documented, and each rule's declarative cases.

Each rule has a case file ``tests/rules/CODE.yaml``: a list of cases, each a
small plan, the date to treat as today, and the lines where the rule under
test should report (other rules' findings are ignored, so a case stays short).
A rule that reads the plan's history takes its earlier versions from the
case's ``history``: a list of ``{date, plan}``, oldest first.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pmkit.findings import Severity
from pmkit.load import Document
from pmkit.load.reader import parse_yaml
from pmkit.plan_history.versions import PlanHistory, history_of_texts
from pmkit.rules import Rule, catalogue
from pmkit.validate import check_document

CASES = Path(__file__).parent / "rules"
AS_OF = date(2026, 11, 26)


def findings_of(
    rule: Rule, text: str, *, as_of: date = AS_OF, history: PlanHistory | None = None
) -> list[Any]:
    """The rule's findings on a plan written as ``text``."""
    document = Document("plan.yaml", text, parse_yaml(text))
    result = check_document(document, as_of=as_of, history=history)
    structural = [f for f in result.findings if f.code.startswith("STR")]
    assert not structural, f"the plan is not structurally valid: {structural}"
    return [finding for finding in result.findings if finding.code == rule.code]


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        for number, case in enumerate(parse_yaml(path.read_text(encoding="utf-8"))):
            params.append(pytest.param(path.stem, case, id=f"{path.stem}-{number}-{case['name']}"))
    return params


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    rule = next(rule for rule in catalogue() if rule.code == code)
    as_of = date.fromisoformat(case["as_of"]) if "as_of" in case else AS_OF
    history = None
    if "history" in case:
        history = history_of_texts(
            [(date.fromisoformat(str(v["date"])), v["plan"]) for v in case["history"]]
        )
    found = findings_of(rule, case["plan"], as_of=as_of, history=history)
    expected = case.get("expect") or []
    assert sorted(f.line for f in found) == sorted(e["line"] for e in expected), [
        f.location + " " + f.message for f in found
    ]
    for expectation in expected:
        if "contains" in expectation:
            messages = [f.message for f in found if f.line == expectation["line"]]
            assert any(expectation["contains"] in m for m in messages), messages


@pytest.mark.parametrize("rule", catalogue(), ids=lambda rule: rule.code)
def test_rule_is_documented(rule: Rule) -> None:
    assert re.fullmatch(r"[A-Z]{3}\d{3}", rule.code)
    assert rule.code.startswith(rule.group.prefix)
    assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", rule.name)
    assert rule.summary.endswith(".")
    assert len(rule.rationale.split()) >= 20, "the rationale should explain, in a paragraph"
    assert rule.check.__doc__, "the check function needs a docstring"
    assert (CASES / f"{rule.code}.yaml").exists(), f"no case file tests/rules/{rule.code}.yaml"


@pytest.mark.parametrize("rule", catalogue(), ids=lambda rule: rule.code)
def test_bad_example_fires_and_good_example_does_not(rule: Rule) -> None:
    history = (
        history_of_texts([(date.fromisoformat(day), text) for day, text in rule.history])
        if rule.needs_history
        else None
    )
    assert findings_of(rule, rule.bad, history=history), f"{rule.code}'s bad example: no finding"
    assert not findings_of(rule, rule.good, history=history), f"{rule.code}'s good example fires"


def test_codes_and_names_are_unique() -> None:
    rules = catalogue()
    assert len({rule.code for rule in rules}) == len(rules)
    assert len({rule.name for rule in rules}) == len(rules)


def test_rules_that_read_the_calendar_are_warnings_at_most() -> None:
    for rule in catalogue():
        if rule.uses_today:
            assert rule.severity is not Severity.ERROR, rule.code
