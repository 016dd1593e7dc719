"""The words a return uses: which figure a row wants, money, and statuses read back."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from pmkit.model.indicators import Indicator
from pmkit.periods import Calendar
from pmkit.returns.labels import money, stored, wanted

FINANCIAL = Calendar(4)
"""April to March, as councils, police and the NHS report."""
CALENDAR_YEAR = Calendar(1)


def indicator(calendar: Calendar = FINANCIAL, **data: Any) -> Indicator:
    return Indicator.model_validate({"id": "X-1", **data}, context={"calendar": calendar})


@pytest.mark.parametrize(
    ("data", "period", "expected"),
    [
        (
            {"unit": "count", "accumulation": "year_to_date"},
            "2026/27 Q3",
            "Year to date: the cumulative figure for April to December 2026",
        ),
        (
            {"unit": "count", "accumulation": "year_to_date"},
            "2026/27 Q4",
            "Year to date: the cumulative figure for April 2026 to March 2027",
        ),
        (
            {"unit": "count", "accumulation": "year_to_date", "frequency": "monthly"},
            "2026-04",
            "Year to date: the cumulative figure for April 2026",
        ),
        (
            {"unit": "rate per 1,000", "accumulation": "rolling_12_months"},
            "2026/27 Q1",
            "Rolling 12 months: July 2025 to June 2026",
        ),
        (
            {"unit": "count", "accumulation": "snapshot"},
            "2026/27 Q4",
            "Snapshot: the position on 31 March 2027",
        ),
        (
            {"unit": "money"},
            "2026/27 Q2",
            "The amount for July to September 2026 alone, not the year so far",
        ),
        (
            {"unit": "count", "frequency": "monthly"},
            "2026-08",
            "The count for August 2026 alone, not the year so far",
        ),
        ({"unit": "percentage"}, "2026/27 Q2", "The percentage for July to September 2026"),
        (
            {"unit": "count", "frequency": "annual"},
            "2025/26",
            "The count for April 2025 to March 2026",
        ),
        ({"unit": "days"}, "2026/27 Q2", "The figure for July to September 2026"),
        ({}, "2026/27 Q2", "The figure for July to September 2026"),
    ],
)
def test_a_row_says_which_figure_it_wants(data: dict[str, Any], period: str, expected: str) -> None:
    assert wanted(indicator(**data), FINANCIAL.parse(period)) == expected


def test_a_calendar_years_year_to_date_starts_in_january() -> None:
    ytd = indicator(CALENDAR_YEAR, unit="count", accumulation="year_to_date")

    assert wanted(ytd, CALENDAR_YEAR.parse("2026 Q2")) == (
        "Year to date: the cumulative figure for January to June 2026"
    )


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        ("3100000", "£3,100,000"),
        ("10000", "£10,000"),
        ("0", "£0"),
        ("1250.5", "£1,250.50"),
        ("-5", "-£5"),
    ],
)
def test_money_reads_as_money(amount: str, shown: str) -> None:
    assert money(Decimal(amount)) == shown


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("On track", "on_track"),
        ("on track", "on_track"),
        ("On-track", "on_track"),
        ("on_track", "on_track"),
        ("Not started", "not_started"),
        ("  Final ", "final"),
        ("Provisional", "provisional"),
        ("done", "done"),
    ],
)
def test_a_status_label_or_stored_value_reads_as_the_stored_value(typed: str, value: str) -> None:
    assert stored(typed) == value
