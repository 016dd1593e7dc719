"""The quarter at a glance, as plain data: counts, what needs attention, indicators by outcome.

The community-safety example for 2026/27 Q2 as of 26 November 2026 (see
test_terminal_status.py for its statuses, counted by hand).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from goldens import ROOT
from pmkit.judgement.status import Rag
from pmkit.monitoring.workspace import open_workspace
from pmkit.review.glance import (
    changes_since_last_quarter,
    figure_shown,
    groups,
    needing_attention,
    short_direction,
    status_counts,
)
from pmkit.review.quarter import review_quarter
from pmkit.review.result import QuarterReview


@pytest.fixture(scope="module")
def review() -> QuarterReview:
    space = open_workspace(
        ROOT / "examples" / "community-safety" / "plan.yaml", as_of=date(2026, 11, 26)
    )
    return review_quarter(space, space.calendar.parse("2026/27 Q2"))


def test_statuses_are_counted_most_needing_attention_first(review: QuarterReview) -> None:
    assert status_counts(review) == [
        (Rag.RED, 3),
        (Rag.AMBER, 7),
        (Rag.NO_DATA, 1),
        (Rag.GREEN, 5),
        (Rag.NOT_DUE, 4),
        (Rag.NO_TARGET, 1),
    ]


def test_changes_since_last_quarter_name_each_move(review: QuarterReview) -> None:
    # 2026/27 Q1 against Q2: CS-14 95.8 against 95 now, off target then; CS-09 145
    # against 148 now, near target then; CS-16 has no figure now (the survey).
    assert changes_since_last_quarter(review) == (
        "3 statuses changed since 2026/27 Q1: CS-14 ✗ to ✓ on target; "
        "CS-09 ! to ✓ on target; CS-16 ! to ? no data."
    )
    calm = replace(review, board=replace(review.board, changes=[]))
    assert changes_since_last_quarter(calm) == "No status changed since 2026/27 Q1."


def test_what_needs_attention_worst_first_with_owners_by_name(review: QuarterReview) -> None:
    found = needing_attention(review)

    # The review's triage order (as the board pack's), then the rest near target.
    assert [(item.words, item.id) for item in found] == [
        ("Off target", "CS-06"),
        ("Off target", "CS-08"),
        ("Off target", "CS-17"),
        ("Under-resourced", "A3"),
        ("At risk", "A3"),
        ("At risk", "A5"),
        ("No data", "CS-16"),
        ("Near target", "CS-02"),
        ("Near target", "CS-12"),
        ("Near target", "CS-13"),
        ("Near target", "CS-03"),
        ("Near target", "CS-04"),
        ("Near target", "CS-07"),
        ("Near target", "CS-11"),
    ]
    first = found[0]
    assert (first.symbol, first.figure, first.owner) == (
        "✗",
        "29.6, target 25.2",
        "NHS Mereshire Integrated Care Board",
    )
    assert first.flags == ["no remedial action"]
    assert found[6].figure == "no figure"
    assert found[6].reason.startswith("The OPCC's new survey contractor started on 1 August")
    assert (found[4].figure, found[4].owner) == (
        "due 2027-03-31",
        "Kestermoor Domestic Abuse Service (registered charity)",
    )
    short = found[3]
    assert (short.symbol, short.figure, short.owner) == (
        "£",
        "£1,900 of £5,000",
        "Mereshire Police",
    )


def test_an_overdue_remedial_action_needs_attention(review: QuarterReview) -> None:
    remedy = review.remedial_actions[0]
    late = replace(review, remedial_actions=[replace(remedy, overdue=True)])

    found = needing_attention(late)

    item = next(item for item in found if item.id == remedy.id)
    assert item.words == "Overdue"
    assert item.figure == f"due {remedy.due}"
    assert found.index(item) == len(found) - 1  # after the review's exceptions and near target


def test_indicators_under_each_outcome_then_those_serving_none(review: QuarterReview) -> None:
    shown = groups(review)
    assert [group.heading[:3] for group in shown] == ["O1:", "O2:", "O3:", "O4:", "O5:", "O6:"]
    assert sum(len(group.indicators) for group in shown) == 22  # CS-14 serves O3 and O5

    # An indicator that serves no outcome is still shown, last.
    loose = replace(review.indicators[0], id="CS-99", outcomes=[])
    more = replace(review, indicators=[*review.indicators, loose])
    assert groups(more)[-1].heading == "Indicators that serve no outcome"
    assert [item.id for item in groups(more)[-1].indicators] == ["CS-99"]


def test_direction_and_figure_in_short(review: QuarterReview) -> None:
    by_id = {item.id: item for item in review.indicators}
    assert by_id["CS-12"].direction_words == "↓ improving on 2025/26 Q2"
    assert short_direction(by_id["CS-12"]) == "↓ improving"
    assert short_direction(by_id["CS-05"]) == "-"
    assert figure_shown(by_id["CS-05"]) == "11.5 (2025/26)"
    assert figure_shown(by_id["CS-10"]) == "-"
    assert figure_shown(by_id["CS-06"]) == "29.6"
