"""The example plans: the complete ones are clean, the first draft's findings are pinned.

The complete examples are what the README points people to, so they must pass
every rule (notes apart) and match the published schema. The first draft is
the README's tour of the findings and the scorecard: its output is compared
with golden files, which ``PMKIT_UPDATE_GOLDEN=1 uv run pytest
tests/test_examples.py`` rewrites after an intended change.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
import pytest

from goldens import check_golden
from pmkit import __version__
from pmkit.findings import Severity
from pmkit.load.reader import parse_yaml
from pmkit.rules import catalogue
from pmkit.validate import validate_paths

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCHEMA = ROOT / "schemas" / "plan.schema.json"
FIRST_DRAFT = "examples/first-draft/plan.yaml"
AS_OF = date(2026, 11, 26)


ALL_EXAMPLES = sorted(EXAMPLES.glob("*/plan.yaml"))
COMPLETE_EXAMPLES = [path for path in ALL_EXAMPLES if path.parent.name != "first-draft"]


def _example_id(path: Path) -> str:
    return path.parent.name


# ---- the complete examples --------------------------------------------------


def test_the_examples_are_there() -> None:
    assert (ROOT / FIRST_DRAFT) in ALL_EXAMPLES
    assert len(COMPLETE_EXAMPLES) >= 2, [str(path) for path in ALL_EXAMPLES]


@pytest.mark.parametrize("plan", COMPLETE_EXAMPLES, ids=_example_id)
def test_a_complete_example_has_no_errors_or_warnings(plan: Path) -> None:
    result = validate_paths([plan], as_of=AS_OF)

    serious = [
        f"{finding.location}: {finding.code} {finding.message}"
        for finding in result.findings
        if finding.severity is not Severity.INFO
    ]
    assert serious == []
    assert result.files[0].scorecard is not None, "the rules did not run"


@pytest.mark.parametrize("plan", ALL_EXAMPLES, ids=_example_id)
def test_an_example_matches_the_schema(plan: Path) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    data: Any = parse_yaml(plan.read_text(encoding="utf-8"))

    errors = [
        f"{'.'.join(str(part) for part in error.absolute_path) or '(top)'}: {error.message}"
        for error in validator.iter_errors(data)
    ]
    assert errors == []


# ---- the first draft, against golden files -----------------------------------


def test_first_draft_findings_as_json(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)

    result = run_cli("--as-of", AS_OF.isoformat(), "validate", "--format", "json", FIRST_DRAFT)

    assert result.exit_code in (0, 1), result.output
    version = f'"pmkit": {json.dumps(__version__)}'
    assert result.stdout.count(version) == 1, result.stdout[:200]
    check_golden("first-draft.findings.json", result.stdout.replace(version, '"pmkit": "VERSION"'))


def test_first_draft_findings_as_text(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")

    result = run_cli("--as-of", AS_OF.isoformat(), "validate", FIRST_DRAFT)

    assert result.exit_code in (0, 1), result.output
    assert "\x1b" not in result.stdout, "the text output should have no colour codes"
    check_golden("first-draft.findings.txt", result.stdout)


def test_the_first_draft_shows_most_of_the_framework(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first draft is the README's tour: it should be structurally sound and
    # show findings from (nearly) every criterion group, mostly warnings.
    monkeypatch.chdir(ROOT)

    result = validate_paths([Path(FIRST_DRAFT)], as_of=AS_OF)

    codes = [finding.code for finding in result.findings]
    assert not [code for code in codes if code.startswith(("STR", "YML"))]
    groups = {rule.group.prefix for rule in catalogue()}
    assert len({code[:3] for code in codes} & groups) >= len(groups) - 2
    counts = result.counts()
    assert counts[Severity.WARNING] > counts[Severity.ERROR] > 0


# ---- one defect for each criterion --------------------------------------------

# A small plan that passes every rule but thirteen, one per criterion group.
# Each defect is marked on the line where its finding belongs; plan-wide
# findings belong on their section's key line.
DEFECTS_PLAN = """\
format_version: 1
partnership:  # defect: REF003
  name: Northbridge Community Safety Partnership
  kind: community_safety_partnership
  review_frequency: quarterly
  last_refined: 2026-07-01
  target_kinds: [local]
  audiences:  # defect: ACC004
    - {id: board, name: Safer Northbridge Board, kind: board}
  pooled_budget:
    - year: 2026/27
      total: 100000  # defect: RES005
      host: council
      contributions:
        - {partner: council, kind: cash, value: 60000}
        - {partner: police, kind: cash, value: 30000}
partners:
  - {id: council, name: Northbridge District Council, kind: local_authority}
  - {id: police, name: Northshire Police, kind: police}
vision:
  statement: Northbridge is a place where people are safe and feel safe.
  outcomes:
    - {id: O1, title: People are safer in their neighbourhoods}
    - {id: O2, title: Victims of domestic abuse are safer}
    - {id: O3, title: Fewer young people enter the justice system}  # defect: FOC002
priorities:
  - id: P1
    title: Reduce neighbourhood crime
    outcomes: [O1]
    accountable: {partner: police, role: Neighbourhood policing lead, embedded_in: Force plan}
    budgets: [{year: 2026/27, pooled: 60000}]
  - id: P2
    title: Tackle domestic abuse
    outcomes: [O2]
    accountable: {role: Domestic abuse coordinator}  # defect: GRD001
    budgets: [{year: 2026/27, pooled: 30000}]
indicators:  # defect: BAL002
  - id: CS-01  # defect: PRO001
    title: Neighbourhood crime per 1,000 population
    definition:
      text: Burglary, robbery, theft from the person and vehicle crime recorded by the police.
      numerator: Neighbourhood crimes recorded in the twelve months
      denominator: Resident population (ONS mid-year estimate) divided by 1,000
    unit: rate per 1,000
    polarity: lower
    target_kind: local
    measure_type: outcome
    measures: achievement
    outcomes: [O1]
    owner: {partner: police, role: Neighbourhood policing lead, embedded_in: Force plan}
    audience: [board]
    decision: Where to focus neighbourhood patrols and prevention next quarter
    frequency: quarterly
    source: {name: Police crime records, supplier: police, verification: Crime data audits}
    baseline: {period: 2025/26, value: 12.0}
    targets: [{period: 2026/27, value: 11.5}]
    tolerance: 5%
    comparators: [{kind: family_group, name: Most similar group of partnerships}]
  - id: CS-02  # defect: ACT002
    title: Repeat referrals to MARAC
    definition: Cases heard at MARAC that were heard there in the previous year.  # defect: CLR002
    unit: percentage
    polarity: higher
    measure_type: outcome
    outcomes: [O2]
    owner: {partner: police, role: Domestic abuse lead, embedded_in: Force plan}
    audience: [board]
    decision: Whether agencies are spotting repeat victims, or need more training
    frequency: quarterly
    source: {name: MARAC case records, supplier: police, verification: Coordinator audit}
    cost_to_collect: 300
    baseline: {period: 2026/27 Q1, value: 24}  # defect: CMP001
    targets: [{period: 2026/27, value: 28}]
    comparators: [{kind: national, name: SafeLives national figure}]
  - id: CS-03
    title: Burglary victims offered target hardening within two weeks
    definition:
      text: Victims of residential burglary offered free locks within two weeks of reporting.
      numerator: Victims offered target hardening within two weeks
      denominator: Victims of residential burglary in the period
    unit: percentage
    polarity: higher
    measure_type: output
    outcomes: [O1]
    owner: {partner: council, role: Community safety manager, embedded_in: Service plan}
    audience: [board]
    decision: Whether the scheme needs more fitters or faster referrals from the police
    frequency: annual  # defect: TIM001
    source: {name: Scheme referral log, supplier: council, verification: Quarterly audit}
    cost_to_collect: 200
    baseline: {period: 2025/26, value: 88}
    targets:
      - {period: 2026/27, value: 104}  # defect: ROB003
    tolerance: 5
    comparators: [{kind: other, name: Neighbouring district scheme}]
actions:
  - id: A1
    title: Target hardening for repeat burglary victims
    description: Free locks and door chains fitted for every repeat burglary victim.
    objective: Reduce repeat burglary victimisation
    priorities: [P1]
    outcomes: [O1]
    baseline: Last year one in eight burglary victims was burgled again within a year.
    outputs: [400 homes made secure within two weeks of a burglary]
    expected_outcomes: [Fewer repeat burglaries]
    timescales:
      start: 2026-04-01
      end: 2027-03-31
      milestones:
        - title: Scheme launched
          due: 2025-06-30  # defect: APL009
    lead: {partner: council, role: Community safety manager, embedded_in: Service plan}
    involved: [police]
    communication: Monthly delivery group; progress to the board each quarter
    resources: [{year: 2026/27, partner: council, kind: cash, value: 20000}]
    monitoring: {indicators: [CS-03], evaluation: Repeat burglaries in treated homes}
"""

_MARKER = re.compile(r"#\s*defect:\s*([A-Z]{3}\d{3})\s*$")


def marked_defects(text: str) -> dict[str, int]:
    """Each code marked ``# defect: CODE`` in ``text``, and the line it is marked on."""
    marked: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        found = _MARKER.search(line)
        if found is not None:
            assert found[1] not in marked, f"{found[1]} is marked twice"
            marked[found[1]] = number
    return marked


def test_the_defect_plan_marks_one_defect_per_criterion() -> None:
    groups = {rule.group.prefix for rule in catalogue()}
    codes = {rule.code for rule in catalogue()}

    marked = marked_defects(DEFECTS_PLAN)

    assert set(marked) <= codes, set(marked) - codes
    assert sorted(code[:3] for code in marked) == sorted(groups)


def test_a_plan_with_a_defect_for_each_criterion_gets_a_finding_for_each_at_the_right_line(
    write_plan: WritePlan,
) -> None:
    plan = write_plan(DEFECTS_PLAN)

    result = validate_paths([plan], as_of=AS_OF)

    found = {(finding.code, finding.line) for finding in result.findings}
    lines = {
        code: sorted(f.line or 0 for f in result.findings if f.code == code)
        for code in marked_defects(DEFECTS_PLAN)
    }
    missing = {
        code: f"marked on line {line}, found on lines {lines[code]}"
        for code, line in marked_defects(DEFECTS_PLAN).items()
        if (code, line) not in found
    }
    assert missing == {}


def test_the_defect_plan_has_no_other_findings(write_plan: WritePlan) -> None:
    # Each defect gets its own finding and sets off no other rule, so the plan
    # is otherwise complete; a new rule that fires here needs the plan extended.
    plan = write_plan(DEFECTS_PLAN)

    result = validate_paths([plan], as_of=AS_OF)

    marked = {(code, line) for code, line in marked_defects(DEFECTS_PLAN).items()}
    others = [
        f"line {finding.line}: {finding.code} {finding.message}"
        for finding in result.findings
        if (finding.code, finding.line) not in marked
    ]
    assert others == []
