"""The plan through time, for reports: targets in force, revisions, the plan at a date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from plan_repo import PlanRepo
from pmkit.periods import Calendar
from pmkit.plan_history.diff import diff_plans
from pmkit.plan_history.lenient import UnreadablePlan, read_plan_text
from pmkit.plan_history.targets import (
    TargetInForce,
    load_history,
    names,
    plan_at,
    target_revisions,
    targets_in_force,
)
from pmkit.plan_history.versions import HistoryError, history_of_texts

if TYPE_CHECKING:
    from pathlib import Path

CALENDAR = Calendar(4)
YEAR = CALENDAR.parse("2026/27")


def plan(targets: str, log: str = "") -> str:
    """A plan with CS-08 (higher is better) holding ``targets``, and change log ``log``."""
    return (
        "format_version: 1\n"
        "partnership:\n"
        "  name: Riverside CSP\n"
        f"  change_log: [{log}]\n"
        "indicators:\n"
        "  - id: CS-08\n"
        "    polarity: higher\n"
        f"    targets: [{targets}]\n"
    )


HISTORY = history_of_texts(
    [
        (date(2026, 2, 10), plan("{period: 2026/27, value: 30}")),
        (date(2026, 3, 19), plan("{period: 2026/27, value: 28}")),
        (
            date(2026, 7, 16),
            plan(
                "{period: 2026/27, value: 26}, {period: 2026/27 Q4, value: 27}",
                "{date: 2026-07-16, change: CS-08 lowered after the MARAC audit}",
            ),
        ),
        (
            date(2026, 11, 2),
            plan(
                "{period: 2026/27, value: 26.5}, {period: 2026/27 Q4, value: 27.5}",
                "{date: 2026-07-16, change: CS-08 lowered after the MARAC audit}",
            ),
        ),
    ]
)


def test_the_target_in_force_is_the_one_set_before_the_year_began() -> None:
    found = targets_in_force(HISTORY, "CS-08", YEAR)

    assert found == TargetInForce(
        "CS-08", "2026/27", Decimal(28), date(2026, 3, 19), "example-2", set_in_year=False
    )


def test_a_quarters_target_is_the_one_in_force_when_the_quarter_began() -> None:
    found = targets_in_force(HISTORY, "CS-08", CALENDAR.parse("2026/27 Q4"))

    assert found == TargetInForce(
        "CS-08", "2026/27 Q4", Decimal("27.5"), date(2026, 11, 2), "example-4"
    )


def test_a_target_first_set_part_way_through_is_the_first_value_marked_set_in_year() -> None:
    history = history_of_texts(
        [
            (date(2026, 3, 19), plan("")),
            (date(2026, 5, 21), plan("{period: 2026/27, value: 95}")),
            (date(2026, 9, 1), plan("{period: 2026/27, value: 96}")),
        ]
    )

    found = targets_in_force(history, "CS-08", YEAR)

    assert found == TargetInForce(
        "CS-08", "2026/27", Decimal(95), date(2026, 5, 21), "example-2", set_in_year=True
    )


def test_no_target_in_force_where_none_was_ever_set() -> None:
    assert targets_in_force(HISTORY, "CS-08", CALENDAR.parse("2027/28")) is None
    assert targets_in_force(HISTORY, "CS-99", YEAR) is None


def test_the_revisions_within_a_year_with_their_reasons() -> None:
    revisions = target_revisions(HISTORY, "CS-08", YEAR)

    assert [(r.period, r.old, r.new, r.day, r.commit, r.less_ambitious) for r in revisions] == [
        ("2026/27", Decimal(28), Decimal(26), date(2026, 7, 16), "example-3", True),
        ("2026/27", Decimal(26), Decimal("26.5"), date(2026, 11, 2), "example-4", False),
        ("2026/27 Q4", Decimal(27), Decimal("27.5"), date(2026, 11, 2), "example-4", False),
    ]
    assert revisions[0].explanation is not None
    assert revisions[0].explanation.change == "CS-08 lowered after the MARAC audit"
    # The November revision added no entry: the July one explains July's, not November's.
    assert revisions[1].explanation is None


def test_every_revision_without_a_year_includes_those_before_it() -> None:
    revisions = target_revisions(HISTORY, "CS-08")

    first = revisions[0]
    assert (first.old, first.new, first.day) == (
        Decimal(30),
        Decimal(28),
        date(2026, 3, 19),
    )
    assert revisions[0].explanation is None
    assert len(revisions) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CS-08 lowered", True),
        ("the MARAC rate (CS-08) was", True),
        ("CS-080 lowered", False),
        ("XCS-08 lowered", False),
        ("CS-08a", False),
        ("cs-08 lowered", False),
    ],
)
def test_an_entry_names_an_indicator_only_by_its_whole_id(text: str, expected: bool) -> None:
    assert names(text, "CS-08") is expected


def test_the_plan_at_a_date_or_a_revision_read_from_git(tmp_path: Path) -> None:
    repo = PlanRepo(tmp_path / "riverside")
    repo.commit(plan("{period: 2026/27, value: 28}"), "2026-03-19", tag="agreed")
    repo.commit(plan("{period: 2026/27, value: 26}"), "2026-07-16")

    def target(found: object) -> Decimal:
        return found.indicators[0].targets[0].value  # type: ignore[attr-defined,no-any-return]

    assert target(plan_at(repo.folder, "plan.yaml", date(2026, 3, 19))) == 28
    assert target(plan_at(repo.folder, "plan.yaml", date(2026, 7, 15))) == 28
    assert target(plan_at(repo.folder, "plan.yaml", date(2026, 7, 16))) == 26
    assert target(plan_at(repo.folder, "plan.yaml", "agreed")) == 28
    assert target(plan_at(repo.folder, repo.plan, "HEAD")) == 26
    history = load_history(repo.folder, "plan.yaml")
    assert [v.commit.author for v in history.versions if v.commit] == ["Performance Officer"] * 2
    with pytest.raises(HistoryError, match="had not been committed by 2026-03-18"):
        plan_at(repo.folder, "plan.yaml", date(2026, 3, 18))
    with pytest.raises(HistoryError, match="starts with '-'"):
        plan_at(repo.folder, "plan.yaml", "--upload-pack=x")


def test_an_older_plan_keeps_what_the_model_still_reads() -> None:
    older = read_plan_text(
        "format_version: 1\n"
        "partnership: {name: Riverside CSP, board_chair: Cllr Smith}\n"
        "indicators:\n"
        "  - id: CS-01\n"
        "    titel: Neighbourhood crime\n"
        "    polarity: lower\n"
        "    rag: {green: 5}\n"
        "    targets:\n"
        "      - {period: 2026/27, value: 9.5, confidence: high}\n"
        "      - {period: 2027/28, value: about nine}\n"
        "    tolerance: 5%\n"
        "  - {id: CS-02, polarity: sideways, title: Burglary}\n"
    )

    first, second = older.indicators
    assert (first.id, first.title, first.polarity.value if first.polarity else None) == (
        "CS-01",
        None,
        "lower",
    )
    assert [(t.period.label, t.value) for t in first.targets] == [("2026/27", Decimal("9.5"))]
    assert first.tolerance is not None
    assert (second.title, second.polarity) == ("Burglary", None)


def test_text_that_is_no_plan_at_all_is_refused() -> None:
    with pytest.raises(UnreadablePlan):
        read_plan_text("- just\n- a list\n")
    with pytest.raises(UnreadablePlan):
        read_plan_text("key: [unclosed\n")


def test_a_diff_names_redefinitions_removals_and_the_pooled_budget() -> None:
    old = read_plan_text(
        "format_version: 1\n"
        "partnership:\n"
        "  name: Riverside CSP\n"
        "  pooled_budget:\n"
        "    - year: 2026/27\n"
        "      total: 100000\n"
        "      contributions: [{partner: council, value: 60000}, {partner: police, value: 40000}]\n"
        "priorities:\n"
        "  - {id: P1, title: Violence, rank: 1}\n"
        "  - {id: P2, title: Burglary, rank: 2}\n"
        "indicators:\n"
        "  - {id: CS-01, title: Crime, definition: All crime, polarity: lower}\n"
        "  - {id: CS-02, title: Burglary}\n"
    )
    new = read_plan_text(
        "format_version: 1\n"
        "partnership:\n"
        "  name: Riverside CSP\n"
        "  pooled_budget:\n"
        "    - year: 2026/27\n"
        "      total: 90000\n"
        "      contributions: [{partner: council, value: 60000}, {partner: police, value: 30000}]\n"
        "priorities:\n"
        "  - {id: P1, title: Violence, rank: 2}\n"
        "indicators:\n"
        "  - {id: CS-01, title: Crime, definition: Victim-based crime, polarity: higher}\n"
    )

    diff = diff_plans(old, new)

    assert [(c.section, c.kind, c.message) for c in diff.changes] == [
        ("indicators", "redefined", "CS-01 Crime redefined"),
        ("indicators", "polarity changed", "CS-01: lower is better is now higher is better"),
        ("indicators", "removed", "CS-02 Burglary removed from the plan"),
        ("priorities", "removed", "priority P2 removed: Burglary"),
        ("priorities", "re-ranked", "priority P1 ranked 2 (was 1)"),
        ("budgets", "cut", "pooled budget for 2026/27 £100,000 → £90,000"),
        (
            "budgets",
            "cut",
            "police's contribution to the pooled budget for 2026/27 £40,000 → £30,000",
        ),
    ]
    assert diff.less_ambitious == ()
