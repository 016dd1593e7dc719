"""``pmkit portfolio``: many partnerships side by side, ranked only where that is fair."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from goldens import ROOT, check_golden
from pmkit.portfolio.compare import compare, find_plans, review_plans

if TYPE_CHECKING:
    from conftest import RunCli

AS_OF = "2026-11-26"
QUARTER = "2026/27 Q2"
REPEAT_VICTIMS = "local:repeat-da-victims"
CRIME_RATE = "local:crime-rate"
# CS-07's 2026/27 Q2 figure in each copy of the community safety example: lower is better.
REPEATS = {"csp-a": "29.0", "csp-b": "31.5", "csp-c": "31.5", "csp-d": "35.2", "csp-e": "40.0"}


def _copy(example: str, folder: Path) -> Path:
    shutil.copytree(ROOT / "examples" / example, folder, ignore=shutil.ignore_patterns("*.md"))
    return folder / "plan.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _national(plan: Path, indicator: str, national_id: str) -> None:
    _edit(plan, f"  - id: {indicator}\n", f"  - id: {indicator}\n    national_id: {national_id}\n")


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """Five copies of the community safety plan with their own figures, the original, the
    health and wellbeing plan, and a plan that cannot be read."""
    root = tmp_path / "plans"
    original = _copy("community-safety", root / "csp-0")
    _national(original, "CS-07", REPEAT_VICTIMS)
    _national(original, "CS-01", CRIME_RATE)
    for index, (name, repeats) in enumerate(REPEATS.items()):
        plan = _copy("community-safety", root / name)
        _edit(
            plan,
            "partnership:\n  name: Safer Kestermoor Partnership\n",
            f"partnership:\n  name: Partnership {name.upper()}\n",
        )
        _national(plan, "CS-07", REPEAT_VICTIMS)
        if index < 2:
            _national(plan, "CS-01", CRIME_RATE)
        _edit(
            plan.parent / "monitoring" / "2026-27-Q2.yaml", "value: 33.1\n", f"value: {repeats}\n"
        )
    _copy("health-wellbeing", root / "hwb")
    broken = root / "zz-broken" / "plan.yaml"
    broken.parent.mkdir()
    # Saved in the wrong encoding: refused the same way whichever YAML reader is in use.
    broken.write_bytes("partnership: {name: Caf\u00e9 Quarter}\n".encode("cp1252"))
    return root


def test_a_portfolio_in_markdown(plans: Path, run_cli: RunCli) -> None:
    result = run_cli("--as-of", AS_OF, "portfolio", plans, "--period", QUARTER, "-j", "1")

    assert result.exit_code == 0, result.output
    from pmkit.report.escape import markdown_cell

    shown = result.stdout.replace(markdown_cell(str(plans)), "PLANS").replace(str(plans), "PLANS")
    check_golden("portfolio.md", shown)


def test_a_portfolio_in_json_ranks_fair_comparisons(plans: Path, run_cli: RunCli) -> None:
    result = run_cli(
        "--as-of", AS_OF, "portfolio", plans, "--period", QUARTER, "-f", "json", "-j", "1"
    )

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    shown = result.stdout.replace(json.dumps(str(plans))[1:-1], "PLANS")
    check_golden("portfolio.json", shown.replace("\\\\", "/"))
    names = [plan["partnership"] for plan in data["plans"]]
    shared = {item["national_id"]: item for item in data["indicators"]}
    repeats = shared[REPEAT_VICTIMS]
    # Lower is better: A 29.0 first; B and C 31.5 share second; the original 33.1 fourth;
    # D 35.2 fifth; E 40.0 sixth. Quartiles of six: 1 + (rank - 1) * 4 // 6.
    placings = {
        names[int(row)]: (p["rank"], p["quartile"]) for row, p in repeats["placings"].items()
    }
    assert placings == {
        "Partnership CSP-A": (1, 1),
        "Partnership CSP-B": (2, 1),
        "Partnership CSP-C": (2, 1),
        "Safer Kestermoor Partnership": (4, 3),
        "Partnership CSP-D": (5, 3),
        "Partnership CSP-E": (6, 4),
    }
    assert repeats["not_ranked"] is None
    assert shared[CRIME_RATE]["not_ranked"] == (
        "not ranked: 3 plans with a figure, and a ranking needs at least 5 peers"
    )


def test_a_plan_that_cannot_be_read_is_a_row_saying_why(plans: Path, run_cli: RunCli) -> None:
    result = run_cli("--as-of", AS_OF, "portfolio", plans, "--period", QUARTER, "-f", "json")

    assert result.exit_code == 0, result.output
    last = json.loads(result.stdout)["plans"][-1]
    assert last["source"].endswith("plan.yaml") and "zz-broken" in last["source"]
    assert last["problem"].startswith("cannot be read: ")
    assert "UTF-8" in last["problem"]


def test_units_that_disagree_are_not_ranked(plans: Path) -> None:
    hwb = plans / "hwb" / "plan.yaml"
    _national(hwb, "HW-03", REPEAT_VICTIMS)  # a rate per 100,000, not a percentage

    result = review_plans(find_plans([plans]), period=QUARTER, as_of=date(2026, 11, 26))

    repeats = next(s for s in result.indicators if s.national_id == REPEAT_VICTIMS)
    assert repeats.placings == {}
    assert repeats.not_ranked == (
        "not ranked: the units disagree ('percentage' in Safer Kestermoor Partnership, "
        "Partnership CSP-A, Partnership CSP-B and 3 more; 'rate per 100,000' in "
        "Ravensmere Health and Wellbeing Board)"
    )
    assert repeats.unit == ""


def test_workers_give_the_same_result_as_one_process(plans: Path) -> None:
    paths = find_plans([plans])
    alone = review_plans(paths, period=QUARTER, as_of=date(2026, 11, 26), workers=1)
    shared = review_plans(paths, period=QUARTER, as_of=date(2026, 11, 26), workers=2)

    assert shared == alone


def test_a_quarter_that_is_not_one(plans: Path) -> None:
    result = review_plans(
        [plans / "csp-0" / "plan.yaml"], period="2026/27", as_of=date(2026, 11, 26)
    )
    assert result.plans[0].problem == "2026/27 is not a quarter"


def test_no_plans_no_ranking() -> None:
    assert compare([], period=None, as_of=AS_OF).indicators == []


def test_the_html_page_says_status_in_words(plans: Path, run_cli: RunCli) -> None:
    result = run_cli(
        "--as-of", AS_OF, "portfolio", plans, "--period", QUARTER, "-f", "html", "-j", "1"
    )

    assert result.exit_code == 0, result.output
    assert "Near target: 33.1 (rank 4 of 6, quartile 3)" in result.stdout
    assert "<script" not in result.stdout


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("Q2", "pmkit: 'Q2' is not a period"),
        ("2026/27", "pmkit: --period takes a quarter, such as 2026/27 Q2, not 2026/27"),
    ],
)
def test_a_period_that_is_not_a_quarter_is_refused(
    period: str, message: str, run_cli: RunCli
) -> None:
    result = run_cli("portfolio", ROOT / "examples" / "community-safety", "--period", period)

    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1


def test_no_plans_in_the_folder(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("portfolio", tmp_path)

    assert result.exit_code == 2
    assert result.stderr == "pmkit: no plans found: give plan files, or folders holding plan.yaml\n"


def test_a_plan_with_structural_errors_is_a_row_saying_why(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("partnership:\n  name: Eastfield\n  year_start: 13\n", encoding="utf-8")

    result = review_plans([plan], period=QUARTER, as_of=date(2026, 11, 26))

    problem = result.plans[0].problem
    assert problem is not None
    assert problem.startswith("the plan has structural errors (")
    assert problem.endswith("; run 'pmkit validate'")
    assert result.unusable == 1
