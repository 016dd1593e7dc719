"""Fitting text to terminal columns: widths, shortening with an ellipsis, sharing the space."""

from __future__ import annotations

from pmkit.fitting import cells, fit_columns, longest_word, share, shorten


def test_cells_counts_wide_characters_twice_and_marks_not_at_all() -> None:
    assert cells("CS-01") == 5
    assert cells("£1,900 …") == 8
    assert cells("日本") == 4
    assert cells("e\u0301") == 1  # e and a combining acute accent


def test_shorten_leaves_what_fits() -> None:
    assert shorten("Deliberate fires", 16) == "Deliberate fires"
    assert shorten("", 0) == ""


def test_shorten_cuts_at_a_word_when_little_is_lost() -> None:
    # 19 cells of room after the ellipsis: "CS-13 Deliberate fi" -> the last space
    # leaves "CS-13 Deliberate" (16 cells, at least three quarters of 19).
    assert shorten("CS-13 Deliberate fires, rate per 10,000 population", 20) == (
        "CS-13 Deliberate…"
    )


def test_shorten_cuts_mid_word_when_a_word_cut_loses_too_much() -> None:
    # 9 cells of room: "CS-06 Eme"; back to the space would keep only 5 of 9.
    assert shorten("CS-06 Emergency department", 10) == "CS-06 Eme…"
    assert cells(shorten("CS-06 Emergency department", 10)) == 10
    assert shorten("abc", 1) == "…"
    assert shorten("abc", 0) == ""


def test_shorten_counts_cells_not_characters() -> None:
    # Each of these takes two cells: room for two of them and the ellipsis in 5.
    assert shorten("日本語テキスト", 5) == "日本…"


def test_longest_word() -> None:
    assert longest_word("replaced: Police resubmission after the audit") == 12
    assert longest_word("") == 0


def test_share_gives_each_column_its_natural_width_when_there_is_room() -> None:
    assert share([10, 20, 5], [10, 4, 5], 40) == [10, 20, 5]


def test_share_takes_from_the_widest_column_that_can_give() -> None:
    # 50 wanted, 40 available: the 30-cell column gives 10 (the others cannot).
    assert share([10, 30, 10], [10, 8, 10], 40) == [10, 20, 10]
    # Two that can give: the wider gives until they are level, then they take turns.
    assert share([10, 30, 20], [10, 5, 5], 40) == [10, 15, 15]


def test_share_never_goes_below_the_least() -> None:
    assert share([10, 30, 10], [10, 25, 10], 40) is None
    assert share([10, 30, 10], [10, 20, 10], 40) == [10, 20, 10]


def test_fit_columns_leaves_a_gap_between_columns() -> None:
    rows = [
        ("Status", "Indicator", "Actual"),
        ("✗ Off target", "CS-06 Emergency department", "29.6"),
    ]
    # Natural widths 12, 26 and 6, with two gaps: 46 cells.
    assert fit_columns(rows, 46, {1: 10}) == [12, 26, 6]
    # At 40 cells the title gives the 6 cells.
    assert fit_columns(rows, 40, {1: 10}) == [12, 20, 6]
    # Too narrow even for the least: the least, for the caller to cut.
    assert fit_columns(rows, 20, {1: 10}) == [12, 10, 6]
