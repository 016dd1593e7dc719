"""Adopting pmkit on a plan that already has findings: `pmkit baseline`, then `--baseline`.

The partnership records today's backlog once; from then on CI reports only
what a change adds, however the lines above the old findings move.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli, WritePlan

ROOT = Path(__file__).resolve().parent.parent
FIRST_DRAFT = ROOT / "examples" / "first-draft" / "plan.yaml"
AS_OF = "2026-11-26"

CYP_05_OWNER = "    owner: {partner: schools, role: Chair of the Headteachers' Forum}\n"
CYP_03_TARGET = "    targets: [{period: 2026/27, value: 1200}]\n"
NEW_PARTNER = (
    "  - id: fire\n"
    "    name: Westmarsh Fire and Rescue Service\n"
    "    kind: fire_and_rescue\n"
    "    performance_system: Community Risk Management Plan\n"
)
NEW_PRIORITY = (
    "  - id: P0\n"
    "    title: Family help for children in need\n"
    "    outcomes: [O2]\n"
    "    accountable:\n"
    "      partner: council\n"
    "      role: Director of Children's Services\n"
    "      embedded_in: Children's Services Improvement Plan\n"
    "    budgets:\n"
    "      - year: 2026/27\n"
    "        commitments:\n"
    "          - {partner: council, kind: in_kind, value: 10000, description: Social workers}\n"
)


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"expected {old!r} exactly once"
    return text.replace(old, new)


def moved_down(text: str) -> str:
    """The plan with comments at the top, and a new partner and a new (complete) priority
    first in their lists: every finding moves down, and every priority one place along.
    """
    text = edit(
        text,
        "format_version: 1\n",
        "# Reviewed by the Board on 12 November 2026.\n# Figures still to confirm.\n\n"
        "format_version: 1\n",
    )
    text = edit(text, "partners:\n", "partners:\n" + NEW_PARTNER)
    return edit(text, "priorities:\n", "priorities:\n" + NEW_PRIORITY)


def validate(run_cli: RunCli, *args: str | Path) -> tuple[Result, dict[str, Any]]:
    result = run_cli("--as-of", AS_OF, "validate", "--format", "json", *args)
    return result, json.loads(result.stdout)


@pytest.fixture
def plan(write_plan: WritePlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The first draft (2 errors, over 100 warnings and notes) as the team's plan.yaml."""
    monkeypatch.chdir(tmp_path)
    write_plan(FIRST_DRAFT.read_text(encoding="utf-8"))
    return Path("plan.yaml")


@pytest.fixture
def baseline(plan: Path, run_cli: RunCli) -> Path:
    """The plan's findings recorded with `pmkit baseline`."""
    result = run_cli("--as-of", AS_OF, "baseline", plan, "-o", "pmkit-baseline.json")
    assert result.exit_code == 0, result.output
    return Path("pmkit-baseline.json")


def test_baseline_records_every_finding(plan: Path, run_cli: RunCli) -> None:
    before, report = validate(run_cli, plan)
    assert before.exit_code == 1
    assert report["summary"]["errors"] == 2

    result = run_cli("--as-of", AS_OF, "baseline", plan, "-o", "pmkit-baseline.json")

    assert result.exit_code == 0, result.output
    count = len(report["findings"])
    assert result.stdout == f"wrote pmkit-baseline.json: {count} findings recorded\n"
    recorded = json.loads(Path("pmkit-baseline.json").read_text(encoding="utf-8"))
    assert recorded["pmkit_baseline"] == 1
    entries = recorded["findings"]
    assert len(entries) == count
    for entry in entries:
        assert set(entry) == {"file", "code", "key", "message"}
        assert all(isinstance(value, str) for value in entry.values())
        assert entry["file"] == "plan.yaml"
    assert sorted((e["code"], e["message"]) for e in entries) == sorted(
        (f["code"], f["message"]) for f in report["findings"]
    )
    owners = [entry for entry in entries if entry["code"] == "ACC001"]
    assert [entry["key"] for entry in owners] == ["indicators[CYP-04].id"]
    assert sorted(Path().iterdir()) == [Path("plan.yaml"), Path("pmkit-baseline.json")]


def test_with_the_baseline_nothing_is_reported(plan: Path, baseline: Path, run_cli: RunCli) -> None:
    result, report = validate(run_cli, "--baseline", baseline, plan)

    assert result.exit_code == 0, result.output
    assert report["findings"] == []
    assert report["summary"]["exit_code"] == 0
    text = run_cli("--as-of", AS_OF, "validate", "--baseline", baseline, plan)
    assert text.exit_code == 0
    assert "All clear" in text.stdout
    assert "ROB003" not in text.stdout


def test_baselined_findings_stay_hidden_when_lines_move(
    plan: Path, baseline: Path, run_cli: RunCli
) -> None:
    plan.write_text(moved_down(plan.read_text(encoding="utf-8")), encoding="utf-8")
    without, moved = validate(run_cli, plan)
    assert without.exit_code == 1
    assert moved["findings"][0]["line"] > 10  # every finding is further down now
    pointers = [finding["pointer"] for finding in moved["findings"]]
    assert "priorities[3].id" in pointers  # P3 lacks an owner: it was priorities[2]

    result, report = validate(run_cli, "--baseline", baseline, plan)

    assert result.exit_code == 0, report["findings"]
    assert report["findings"] == []


def test_a_new_defect_still_shows(plan: Path, baseline: Path, run_cli: RunCli) -> None:
    text = moved_down(plan.read_text(encoding="utf-8"))
    plan.write_text(edit(text, CYP_05_OWNER, ""), encoding="utf-8")

    result, report = validate(run_cli, "--baseline", baseline, plan)

    new = [(f["code"], f["pointer"]) for f in report["findings"]]
    assert new == [("ACC001", "indicators[4].id")]
    assert "indicator CYP-05 has no owner" in report["findings"][0]["message"]
    assert result.exit_code == 0  # a new warning is shown, but only errors fail the run
    strict = run_cli("--as-of", AS_OF, "validate", "--strict", "--baseline", baseline, plan)
    assert strict.exit_code == 1
    assert "ACC001 [warning] indicator CYP-05 has no owner" in strict.stdout


def test_a_new_error_of_a_baselined_kind_fails_the_run(
    plan: Path, baseline: Path, run_cli: RunCli
) -> None:
    # ROB003 is in the baseline for CYP-08's target; now CYP-03's target slips too.
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        edit(text, CYP_03_TARGET, "    targets: [{period: 2026/27, value: 1200.5}]\n"),
        encoding="utf-8",
    )

    result, report = validate(run_cli, "--baseline", baseline, plan)

    assert result.exit_code == 1
    assert [(f["code"], f["message"][:22]) for f in report["findings"]] == [
        ("ROB003", "indicator CYP-03's tar")
    ]


def test_a_finding_recorded_twice_hides_at_most_twice(
    write_plan: WritePlan,
    run_cli: RunCli,
    starter_plan_text: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Two partners copied under an id already in use: the same finding about
    # the same id, twice.
    monkeypatch.chdir(tmp_path)
    police = "  - id: police\n    name: Our Police\n"
    copy = "  - id: council\n    name: Copy of the council\n"
    text = edit(starter_plan_text, police, copy + copy + police)
    write_plan(text)
    _, report = validate(run_cli, "plan.yaml")
    assert [f["code"] for f in report["findings"]] == ["STR005", "STR005"]
    assert run_cli("baseline", "plan.yaml", "-o", "b.json").exit_code == 0
    entries = json.loads(Path("b.json").read_text(encoding="utf-8"))["findings"]
    assert len(entries) == 2
    assert entries[0] == entries[1]
    assert validate(run_cli, "--baseline", "b.json", "plan.yaml")[0].exit_code == 0

    # A third copy: the baseline hides two of the three.
    write_plan(edit(starter_plan_text, police, copy + copy + copy + police))
    result, report = validate(run_cli, "--baseline", "b.json", "plan.yaml")

    assert result.exit_code == 1
    assert [f["code"] for f in report["findings"]] == ["STR005"]

    # A baseline that records it once hides one of the three.
    Path("once.json").write_text(
        json.dumps({"pmkit_baseline": 1, "findings": entries[:1]}), encoding="utf-8"
    )
    _, once = validate(run_cli, "--baseline", "once.json", "plan.yaml")
    assert [f["code"] for f in once["findings"]] == ["STR005", "STR005"]


def test_an_unreadable_plan_is_never_hidden(plan: Path, baseline: Path, run_cli: RunCli) -> None:
    plan.write_bytes(b"\x00\x01\x02\x03")

    result, report = validate(run_cli, "--baseline", baseline, plan)

    assert result.exit_code == 2
    assert [f["code"] for f in report["findings"]] == ["YML002"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no baseline file pmkit-baseline.json: write one with 'pmkit baseline'"),
        ("{ this is not json", "cannot read the baseline pmkit-baseline.json"),
        (b"\xff\xfe\x00binary", "cannot read the baseline pmkit-baseline.json"),
        ('{"findings": []}', "pmkit-baseline.json is not a pmkit baseline (version 1)"),
        ('{"pmkit_baseline": 2, "findings": []}', "is not a pmkit baseline (version 1)"),
        ('[{"file": "plan.yaml"}]', "is not a pmkit baseline"),
        ('{"pmkit_baseline": 1}', "pmkit-baseline.json is damaged"),
        ('{"pmkit_baseline": 1, "findings": [{"file": "plan.yaml", "code": 7}]}', "is damaged"),
        ('{"pmkit_baseline": 1, "findings": ["plan.yaml"]}', "is damaged"),
    ],
)
def test_a_missing_or_damaged_baseline_is_a_usage_error(
    content: str | bytes | None, message: str, plan: Path, run_cli: RunCli
) -> None:
    target = Path("pmkit-baseline.json")
    if isinstance(content, str):
        target.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        target.write_bytes(content)

    result = run_cli("--as-of", AS_OF, "validate", "--baseline", target, plan)

    assert result.exit_code == 2
    assert result.stderr.startswith("pmkit: ")
    assert message in result.stderr
    assert result.stdout == ""


def test_baseline_of_an_unreadable_plan_writes_nothing(
    write_plan: WritePlan, run_cli: RunCli, starter_plan_text: str, tmp_path: Path
) -> None:
    good = write_plan(starter_plan_text, "good/plan.yaml")
    binary = write_plan(b"PK\x03\x04\x00\x00binary", "plan.yaml")
    before = sorted(tmp_path.rglob("*"))

    alone = run_cli("baseline", binary, "-o", tmp_path / "baseline.json")
    among_others = run_cli("baseline", good, binary, "-o", tmp_path / "baseline.json")

    for result in (alone, among_others):
        assert result.exit_code == 2
        assert f"{binary} cannot be read, so no baseline was written" in result.stderr
        assert result.stdout == ""
    assert sorted(tmp_path.rglob("*")) == before


def test_baseline_of_a_missing_plan_writes_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("baseline", tmp_path / "plan.yaml", "-o", tmp_path / "baseline.json")

    assert result.exit_code == 2
    assert "cannot be read, so no baseline was written" in result.stderr
    assert list(tmp_path.iterdir()) == []
