"""The partnership's calendar: financial, academic and calendar years, and their labels."""

from __future__ import annotations

from datetime import date

import pytest

from pmkit.periods import Calendar, Period, PeriodError, PeriodKind

APRIL = Calendar()
SEPTEMBER = Calendar(9)
JANUARY = Calendar(1)


# -- the three kinds of year ----------------------------------------------


def test_the_uk_financial_year_runs_april_to_march() -> None:
    year = APRIL.year(2026)

    assert APRIL.start_month == 4
    assert APRIL.is_financial
    assert year.label == "2026/27"
    assert year.file_stem == "2026-27"
    assert (year.start, year.end) == (date(2026, 4, 1), date(2027, 3, 31))
    assert str(year) == "2026/27"


def test_financial_quarters_start_in_april_and_q4_is_january_to_march() -> None:
    quarters = [APRIL.quarter(2026, number) for number in range(1, 5)]

    assert [q.label for q in quarters] == ["2026/27 Q1", "2026/27 Q2", "2026/27 Q3", "2026/27 Q4"]
    assert [(q.start, q.end) for q in quarters] == [
        (date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 10, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 3, 31)),
    ]
    assert quarters[1].file_stem == "2026-27-Q2"
    assert all(q.year == APRIL.year(2026) for q in quarters)


def test_an_academic_year_starting_in_september() -> None:
    year = SEPTEMBER.year(2026)
    q2 = SEPTEMBER.quarter(2026, 2)

    assert SEPTEMBER.is_financial
    assert year.label == "2026/27"
    assert (year.start, year.end) == (date(2026, 9, 1), date(2027, 8, 31))
    assert SEPTEMBER.quarter(2026, 1).end == date(2026, 11, 30)
    # Q2 runs December to February, across the new year.
    assert (q2.label, q2.start, q2.end) == ("2026/27 Q2", date(2026, 12, 1), date(2027, 2, 28))


def test_a_calendar_year_starts_in_january() -> None:
    year = JANUARY.year(2026)
    q3 = JANUARY.quarter(2026, 3)

    assert not JANUARY.is_financial
    assert (year.label, year.file_stem) == ("2026", "2026")
    assert (year.start, year.end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert (q3.label, q3.file_stem) == ("2026 Q3", "2026-Q3")
    assert (q3.start, q3.end) == (date(2026, 7, 1), date(2026, 9, 30))


def test_months_are_labelled_the_same_in_every_calendar() -> None:
    for calendar in (APRIL, SEPTEMBER, JANUARY):
        august = calendar.month(2026, 8)
        assert (august.label, august.file_stem) == ("2026-08", "2026-08")
        assert (august.start, august.end) == (date(2026, 8, 1), date(2026, 8, 31))
    assert APRIL.month(2028, 2).end == date(2028, 2, 29)
    assert APRIL.month(2027, 2).end == date(2027, 2, 28)


def test_a_month_knows_its_year_and_quarter() -> None:
    february = APRIL.month(2027, 2)

    assert february.year.label == "2026/27"
    assert february.quarter_number == 4
    assert APRIL.month(2026, 8).quarter_number == 2
    assert JANUARY.month(2026, 8).quarter_number == 3


def test_impossible_calendars_quarters_and_months_are_refused() -> None:
    for month in (0, 13):
        with pytest.raises(PeriodError, match=f"month {month}"):
            Calendar(month)
    with pytest.raises(PeriodError, match="there is no quarter 5"):
        APRIL.quarter(2026, 5)
    with pytest.raises(PeriodError, match="there is no month 13"):
        APRIL.month(2026, 13)


# -- reading labels -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["2026/27 Q2", "2026/27Q2", "2026-27 Q2", "2026-27-Q2", "2026/27 q2", "  2026/27   Q2 "],
)
def test_forgiving_forms_of_a_financial_quarter(text: str) -> None:
    assert APRIL.parse(text) == APRIL.quarter(2026, 2)


@pytest.mark.parametrize("text", ["2026/27", "2026-27", "2026/2027", "2026-2027"])
def test_forgiving_forms_of_a_financial_year(text: str) -> None:
    assert APRIL.parse(text) == APRIL.year(2026)


@pytest.mark.parametrize("text", ["2026 Q3", "2026Q3", "2026-Q3", "2026 q3"])
def test_forgiving_forms_of_a_calendar_quarter(text: str) -> None:
    assert JANUARY.parse(text) == JANUARY.quarter(2026, 3)


def test_a_month_reads_the_same_in_every_calendar() -> None:
    for calendar in (APRIL, SEPTEMBER, JANUARY):
        assert calendar.parse("2026-08") == calendar.month(2026, 8)
    assert JANUARY.parse("2026") == JANUARY.year(2026)


def test_years_2000_to_2011_read_as_financial_years_in_a_financial_calendar() -> None:
    # "2010-11" could be November 2010 or the year 2010/11; the calendar decides.
    assert APRIL.parse("2010-11") == APRIL.year(2010)
    assert JANUARY.parse("2010-11") == JANUARY.month(2010, 11)
    assert APRIL.parse("2010-08") == APRIL.month(2010, 8)
    assert APRIL.parse("2026-11") == APRIL.month(2026, 11)


@pytest.mark.parametrize(
    ("calendar", "text", "says"),
    [
        (APRIL, "2026/28", "'2026/28' is not a year: a financial year runs into the next one, "
         "so write 2026/27"),
        (APRIL, "2026/2028", "so write 2026/27"),
        (APRIL, "hello", "'hello' is not a period: write a year as 2026/27, "
         "a quarter as 2026/27 Q2, a month as 2026-08"),
        (APRIL, "2026-13", "'2026-13' is not a period"),
        (APRIL, "", "'' is not a period"),
        (APRIL, "2026/27 Q5", "there is no quarter 5"),
        (APRIL, "2026 Q5", "there is no quarter 5"),
        (APRIL, "2026", "'2026' reads as a calendar year, but this partnership's year starts "
         "in April: write 2026/27 or 2025/26"),
        (APRIL, "2026 Q3", "'2026 Q3' reads as a calendar quarter, but this partnership's year "
         "starts in April: write 2026/27 Q2 for the quarter starting July 2026"),
        (APRIL, "2026 Q1", "write 2025/26 Q4 for the quarter starting January 2026"),
        (JANUARY, "2026/27", "'2026/27' is a financial year, but this partnership reports on "
         "calendar years: write 2026 or 2026 Q1"),
        (JANUARY, "2026-13", "a quarter as 2026 Q3"),
    ],
)  # fmt: skip
def test_a_malformed_label_says_what_to_write(calendar: Calendar, text: str, says: str) -> None:
    with pytest.raises(PeriodError) as raised:
        calendar.parse(text)

    assert says in str(raised.value)
    assert isinstance(raised.value, ValueError)


# -- finding periods by date ----------------------------------------------


def test_the_period_containing_a_summer_day() -> None:
    day = date(2026, 8, 15)

    assert APRIL.containing(day, PeriodKind.MONTH).label == "2026-08"
    assert APRIL.containing(day, PeriodKind.QUARTER).label == "2026/27 Q2"
    assert APRIL.containing(day, PeriodKind.YEAR).label == "2026/27"
    assert JANUARY.containing(day, PeriodKind.QUARTER).label == "2026 Q3"
    assert SEPTEMBER.containing(day, PeriodKind.YEAR).label == "2025/26"


def test_january_to_march_is_q4_of_the_financial_year_before() -> None:
    quarter = APRIL.containing(date(2027, 2, 14), PeriodKind.QUARTER)

    assert quarter == APRIL.quarter(2026, 4)
    assert quarter.label == "2026/27 Q4"
    assert APRIL.containing(date(2027, 2, 14), PeriodKind.YEAR).label == "2026/27"
    assert SEPTEMBER.containing(date(2027, 1, 15), PeriodKind.QUARTER).label == "2026/27 Q2"


def test_the_year_boundary_falls_between_31_march_and_1_april() -> None:
    assert APRIL.containing(date(2026, 3, 31), PeriodKind.QUARTER).label == "2025/26 Q4"
    assert APRIL.containing(date(2026, 4, 1), PeriodKind.QUARTER).label == "2026/27 Q1"
    assert APRIL.containing(date(2026, 3, 31), PeriodKind.YEAR).label == "2025/26"
    assert APRIL.containing(date(2026, 4, 1), PeriodKind.YEAR).label == "2026/27"


def test_the_latest_completed_period_ended_before_the_day() -> None:
    late_november = date(2026, 11, 26)

    assert APRIL.latest_completed(late_november, PeriodKind.MONTH).label == "2026-10"
    assert APRIL.latest_completed(late_november, PeriodKind.QUARTER).label == "2026/27 Q2"
    assert APRIL.latest_completed(late_november, PeriodKind.YEAR).label == "2025/26"
    # On the first day of a quarter, the quarter just ended is complete.
    assert APRIL.latest_completed(date(2026, 4, 1), PeriodKind.QUARTER).label == "2025/26 Q4"
    assert APRIL.latest_completed(date(2027, 1, 15), PeriodKind.QUARTER).label == "2026/27 Q3"
    assert JANUARY.latest_completed(date(2027, 1, 15), PeriodKind.YEAR).label == "2026"


# -- moving about and comparing -------------------------------------------


def test_previous_and_next_cross_year_boundaries() -> None:
    q1 = APRIL.quarter(2026, 1)

    assert q1.previous() == APRIL.quarter(2025, 4)
    assert q1.previous().label == "2025/26 Q4"
    assert APRIL.quarter(2026, 4).next().label == "2027/28 Q1"
    assert APRIL.month(2026, 12).next().label == "2027-01"
    assert APRIL.month(2026, 1).previous().label == "2025-12"
    assert APRIL.year(2026).next().label == "2027/28"
    assert q1.shift(4) == APRIL.quarter(2027, 1)


def test_the_same_period_last_year() -> None:
    assert APRIL.quarter(2026, 2).same_period_last_year().label == "2025/26 Q2"
    assert APRIL.month(2026, 8).same_period_last_year().label == "2025-08"
    assert APRIL.year(2026).same_period_last_year().label == "2025/26"
    assert JANUARY.quarter(2026, 3).same_period_last_year().label == "2025 Q3"


def test_contains_overlaps_and_parts() -> None:
    year = APRIL.year(2026)
    q2 = APRIL.quarter(2026, 2)

    assert year.contains(q2)
    assert year.contains(APRIL.month(2027, 3))
    assert not year.contains(APRIL.month(2027, 4))
    assert not q2.contains(year)
    assert q2.overlaps(year)
    assert q2.overlaps(APRIL.month(2026, 9))
    assert not q2.overlaps(APRIL.month(2026, 10))
    assert JANUARY.year(2026).overlaps(year)
    assert not JANUARY.year(2026).contains(year)
    assert [q.label for q in year.parts(PeriodKind.QUARTER)] == [
        "2026/27 Q1",
        "2026/27 Q2",
        "2026/27 Q3",
        "2026/27 Q4",
    ]
    months = year.parts(PeriodKind.MONTH)
    assert len(months) == 12
    assert (months[0].label, months[-1].label) == ("2026-04", "2027-03")
    assert [m.label for m in q2.parts(PeriodKind.MONTH)] == ["2026-07", "2026-08", "2026-09"]


def test_periods_sort_by_start_then_shorter_first() -> None:
    year = APRIL.year(2026)
    q1 = APRIL.quarter(2026, 1)
    q2 = APRIL.quarter(2026, 2)
    april = APRIL.month(2026, 4)
    december = APRIL.month(2025, 12)

    assert sorted([q2, year, q1, april, december]) == [december, april, q1, year, q2]
    assert q1 < q2
    assert max([year, q2, APRIL.quarter(2026, 4)]) == APRIL.quarter(2026, 4)


# -- round trip -----------------------------------------------------------


def _every_period(calendar: Calendar, year: int) -> list[Period]:
    return [
        calendar.year(year),
        *(calendar.quarter(year, number) for number in range(1, 5)),
        *(calendar.month(year, month) for month in range(1, 13)),
    ]


def _reads_as_a_year(calendar: Calendar, period: Period) -> bool:
    """``2010-11``: a month label that a financial calendar reads as the year 2010/11."""
    year, month = divmod(period.first, 12)
    return (
        period.kind is PeriodKind.MONTH and calendar.is_financial and month + 1 == (year + 1) % 100
    )


def test_every_label_and_file_stem_reads_back_as_its_period() -> None:
    checked = 0
    mismatches: list[str] = []
    for start_month in range(1, 13):
        calendar = Calendar(start_month)
        for year in range(1990, 2100):
            for period in _every_period(calendar, year):
                if _reads_as_a_year(calendar, period):
                    continue
                for text in {period.label, period.file_stem}:
                    checked += 1
                    try:
                        found = calendar.parse(text)
                    except PeriodError as error:
                        mismatches.append(f"start {start_month}: {text!r} raised {error}")
                        continue
                    if found != period:
                        mismatches.append(f"start {start_month}: {text!r} read as {found!r}")

    assert mismatches == []
    assert checked > 12 * 110 * 17
