"""Chart axes: round ticks worked out by hand, and period labels that never overlap."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmkit.review.axes import Label, clear, nice_ticks, place_labels, text_width

D = Decimal


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        # 49 over 4 steps is 12.25 a step: the next round step is 20.
        ("63", "112", ["60", "80", "100", "120"]),
        # 1 over 4 steps is 0.25: a round step itself.
        ("0", "1", ["0", "0.25", "0.5", "0.75", "1"]),
        # 7.9 over 4 is 1.975: step 2, from 84 (below 84.1) to 92.
        ("84.1", "92", ["84", "86", "88", "90", "92"]),
        # 10 over 4 is 2.5, but -3 to 7 by 2.5 needs -5 to 7.5 (6 ticks): step 5.
        ("-3", "7", ["-5", "0", "5", "10"]),
        # 43,800 over 4 is 10,950: step 20,000.
        ("1200", "45000", ["0", "20000", "40000", "60000"]),
        # 0.6 over 4 is 0.15: step 0.2.
        ("0.3", "0.9", ["0.2", "0.4", "0.6", "0.8", "1"]),
        # One value: a tenth either side (4.5 to 5.5), step 0.25.
        ("5", "5", ["4.5", "4.75", "5", "5.25", "5.5"]),
        # Given the wrong way round, the same as the right way round.
        ("112", "63", ["60", "80", "100", "120"]),
    ],
)
def test_nice_ticks_worked_by_hand(low: str, high: str, ticks: list[str]) -> None:
    assert nice_ticks(D(low), D(high)) == [D(tick) for tick in ticks]


def test_ticks_print_without_exponents() -> None:
    assert [str(tick) for tick in nice_ticks(D(0), D(400))] == ["0", "100", "200", "300", "400"]


decimals = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)


@given(decimals, decimals)
def test_ticks_are_round_cover_the_data_and_are_few(a: Decimal, b: Decimal) -> None:
    low, high = min(a, b), max(a, b)
    ticks = nice_ticks(low, high)

    assert 2 <= len(ticks) <= 5
    assert ticks[0] <= low and ticks[-1] >= high
    steps = {b - a for a, b in pairwise(ticks)}
    assert len(steps) == 1
    (step,) = steps
    mantissa = step.scaleb(-step.adjusted()).normalize()
    assert mantissa in {D(1), D(2), D("2.5"), D(5)}
    assert all(tick % step == 0 for tick in ticks)


def test_text_width_grows_with_the_characters_and_the_size() -> None:
    assert text_width("Q1", 16) == 19.2  # 2 characters, 16 high, 0.6 of the height each
    assert text_width("2025/26", 10) == 42


def test_boxes_clear_only_with_the_gap_between_them() -> None:
    a = Label(0, "Q1", 20)  # from -10 to 10
    assert clear(a, Label(28, "Q2", 20), gap=8)  # from 18: 8 clear
    assert not clear(a, Label(27, "Q2", 20), gap=8)
    assert not clear(Label(27, "Q2", 20), a, gap=8)


def test_every_label_is_kept_when_they_fit() -> None:
    placed = place_labels([0, 50, 100, 150], ["Q1", "Q2", "Q3", "Q4"], size=16, gap=8)

    assert [label.text for label in placed] == ["Q1", "Q2", "Q3", "Q4"]
    assert [label.x for label in placed] == [0, 50, 100, 150]


def test_crowded_labels_keep_the_latest_then_the_preferred() -> None:
    texts = [f"2026/27 Q{n}" for n in range(1, 9)]  # ten characters: 96 wide at size 16
    xs = [40.0 * i for i in range(8)]
    placed = place_labels(xs, texts, size=16, gap=8, prefer=[0, 4])

    kept = [label.text for label in placed]
    assert kept[-1] == "2026/27 Q8"
    assert "2026/27 Q5" in kept and "2026/27 Q1" in kept
    assert len(kept) == 3  # 0, 160 and 280 apart: nothing else fits between
    assert all(clear(a, b, 8) for a, b in pairwise(placed))


@given(
    st.lists(st.text(alphabet="Q1234/ 20", min_size=1, max_size=12), min_size=1, max_size=30),
    st.floats(min_value=5, max_value=80),
)
def test_placed_labels_never_overlap_and_always_include_the_latest(
    texts: list[str], spacing: float
) -> None:
    xs = [20 + spacing * i for i in range(len(texts))]
    placed = place_labels(xs, texts, size=16, gap=8, left=0, right=20 + spacing * len(texts))

    assert placed[-1].text == texts[-1]
    assert all(clear(a, b, 8) for a, b in pairwise(placed))
    assert all(placed[i].x < placed[i + 1].x for i in range(len(placed) - 1))


def test_a_label_at_the_edge_is_moved_inside() -> None:
    (label,) = place_labels([455], ["2026/27"], size=16, gap=8, left=40, right=460)

    # 7 characters at 16 are 67.2 wide: centred at 460 - 33.6.
    assert label.x == 426.4
    assert label.right == 460
