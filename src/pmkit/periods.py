"""The partnership's calendar: years, quarters and months, and their labels.

A partnership reports on a *year* that starts in a given month: April for the
UK financial year (so Q1 is April to June), January for a calendar year, or
any other month (an academic year starting in September, say). Every period
has one canonical label in the UK style:

=================  ==============  ===============
period             financial year  calendar year
=================  ==============  ===============
year               ``2026/27``     ``2026``
quarter            ``2026/27 Q2``  ``2026 Q3``
month              ``2026-08``     ``2026-08``
=================  ==============  ===============

On the command line and in files a few forgiving forms are accepted too:
``2026/27Q2``, ``2026-27 Q2`` and ``2026-27-Q2`` (the last is also how a
period appears in a monitoring file's name).
"""

from __future__ import annotations

import calendar as _calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pmkit.limits import MAX_YEAR, MIN_YEAR

__all__ = [
    "Calendar",
    "Period",
    "PeriodError",
    "PeriodKind",
    "check_day",
]

MONTH_NAMES = {name.lower(): number for number, name in enumerate(_calendar.month_name) if name}
MONTH_NAMES.update(
    {name.lower(): number for number, name in enumerate(_calendar.month_abbr) if name}
)


class PeriodError(ValueError):
    """A period label that cannot be read, with the forms that would be."""


def check_day(day: date, what: str = "the date") -> date:
    """``day``, if it falls in the years pmkit works with; else :class:`PeriodError`."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise PeriodError(
            f"{what} {day.isoformat()} is out of range: pmkit works with years from "
            f"{MIN_YEAR} to {MAX_YEAR}"
        )
    return day


class PeriodKind(StrEnum):
    """How long a period lasts."""

    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"

    @property
    def months(self) -> int:
        """The number of months in a period of this kind."""
        return {PeriodKind.YEAR: 12, PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1}[self]


@dataclass(frozen=True, slots=True)
class Calendar:
    """The reporting year: the month it starts in (4 = April, 1 = January)."""

    start_month: int = 4

    def __post_init__(self) -> None:
        if not 1 <= self.start_month <= 12:
            raise PeriodError(f"a year cannot start in month {self.start_month}")

    @property
    def is_financial(self) -> bool:
        """Whether years straddle two calendar years (labelled ``2026/27``)."""
        return self.start_month != 1

    # -- building periods -------------------------------------------------

    def year(self, start_year: int) -> Period:
        """The reporting year that starts in ``start_year``."""
        return Period(start_year * 12 + self.start_month - 1, PeriodKind.YEAR, self.start_month)

    def quarter(self, start_year: int, number: int) -> Period:
        """Quarter ``number`` (1-4) of the year that starts in ``start_year``."""
        if not 1 <= number <= 4:
            raise PeriodError(f"there is no quarter {number}: quarters run from Q1 to Q4")
        first = start_year * 12 + self.start_month - 1 + (number - 1) * 3
        return Period(first, PeriodKind.QUARTER, self.start_month)

    def month(self, year: int, month: int) -> Period:
        """The calendar month ``month`` of ``year``."""
        if not 1 <= month <= 12:
            raise PeriodError(f"there is no month {month}")
        return Period(year * 12 + month - 1, PeriodKind.MONTH, self.start_month)

    def containing(self, day: date, kind: PeriodKind) -> Period:
        """The period of ``kind`` that contains ``day``."""
        index = day.year * 12 + day.month - 1
        offset = (index - (self.start_month - 1)) % kind.months
        return Period(index - offset, kind, self.start_month)

    def latest_completed(self, day: date, kind: PeriodKind) -> Period:
        """The last period of ``kind`` that ended before ``day``."""
        return self.containing(day, kind).previous()

    # -- reading labels ---------------------------------------------------

    def parse(self, text: str) -> Period:
        """Read a period label in any accepted form, or raise :class:`PeriodError`."""
        cleaned = " ".join(str(text).split())
        match = _PATTERN.fullmatch(cleaned)
        if match is None:
            raise PeriodError(self._help(text))
        year = int(match["year"])
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise PeriodError(
                f"{text!r} is not a period pmkit can use: years run from {MIN_YEAR} to {MAX_YEAR}"
            )
        second = match["second"]
        quarter = match["quarter"]
        if second is not None and quarter is None and len(second) == 2 and match["sep"] == "-":
            as_month = int(second)
            next_year = (year + 1) % 100
            # "2026-08" is a month; "2026-27" is a financial year. Only years
            # 2000-2011 make both readings possible; the calendar decides.
            if as_month != next_year or not self.is_financial:
                if 1 <= as_month <= 12:
                    return self.month(year, as_month)
                raise PeriodError(self._help(text))
        if second is not None:
            if not self.is_financial:
                raise PeriodError(
                    f"{text!r} is a financial year, but this partnership reports on "
                    f"calendar years: write {year} or {year} Q1"
                )
            expected = year + 1
            if int(second) not in (expected, expected % 100) or len(second) == 3:
                raise PeriodError(
                    f"{text!r} is not a year: a financial year runs into the next one, "
                    f"so write {year}/{expected % 100:02d}"
                )
        elif self.is_financial:
            raise PeriodError(self._calendar_form_help(text, year, quarter))
        if quarter is not None:
            return self.quarter(year, int(quarter))
        return self.year(year)

    def _calendar_form_help(self, text: str, year: int, quarter: str | None) -> str:
        starts = _calendar.month_name[self.start_month]
        if quarter is None:
            return (
                f"{text!r} reads as a calendar year, but this partnership's year starts in "
                f"{starts}: write {self.year(year).label} or {self.year(year - 1).label}"
            )
        if not 1 <= int(quarter) <= 4:
            raise PeriodError(f"{text!r}: there is no quarter {quarter}; quarters run Q1 to Q4")
        meant = self.containing(date(year, (int(quarter) - 1) * 3 + 1, 1), PeriodKind.QUARTER)
        return (
            f"{text!r} reads as a calendar quarter, but this partnership's year starts in "
            f"{starts}: write {meant.label} for the quarter starting {meant.start:%B %Y}"
        )

    def _help(self, text: str) -> str:
        if self.is_financial:
            forms = (
                "a year as 2026/27, a quarter as 2026/27 Q2, a month as 2026-08 "
                "(2026-27, 2026/27Q2, 2026-27 Q2 and 2026-27-Q2 are read too)"
            )
        else:
            forms = (
                "a year as 2026, a quarter as 2026 Q3, a month as 2026-08 "
                "(2026Q3 and 2026-Q3 are read too)"
            )
        return f"{text!r} is not a period: write {forms}"


_PATTERN = re.compile(
    r"""
    (?P<year>\d{4})
    (?:(?P<sep>\s?[/-]\s?)(?P<second>\d{2,4}))?
    (?:[\s-]?[Qq](?P<quarter>\d))?
    """,
    re.VERBOSE | re.ASCII,
)


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A year, quarter or month, in the calendar of the year that holds it.

    ``first`` counts months since year 0 (``year * 12 + month - 1``), which
    makes arithmetic trivial and sorts periods by when they start (shorter
    first); ``start_month`` is the month the
    reporting year begins, needed only for labels and for finding a month's
    quarter.
    """

    first: int
    kind: PeriodKind
    start_month: int = 4

    # -- what it is -------------------------------------------------------

    @property
    def calendar(self) -> Calendar:
        """The calendar this period belongs to."""
        return Calendar(self.start_month)

    @property
    def last(self) -> int:
        """The month index of the period's last month."""
        return self.first + self.kind.months - 1

    @property
    def start(self) -> date:
        """The first day of the period."""
        return date(self.first // 12, self.first % 12 + 1, 1)

    @property
    def end(self) -> date:
        """The last day of the period."""
        year, month = divmod(self.last, 12)
        return date(year, month + 1, _calendar.monthrange(year, month + 1)[1])

    @property
    def year(self) -> Period:
        """The reporting year this period falls in."""
        return self.calendar.containing(self.start, PeriodKind.YEAR)

    @property
    def quarter_number(self) -> int:
        """For a quarter or month, which quarter of its year (1-4)."""
        return (self.first - self.year.first) // 3 + 1

    @property
    def label(self) -> str:
        """The canonical label: ``2026/27``, ``2026/27 Q2``, ``2026 Q3``, ``2026-08``."""
        if self.kind is PeriodKind.MONTH:
            return f"{self.first // 12}-{self.first % 12 + 1:02d}"
        year_label = self._year_label()
        if self.kind is PeriodKind.YEAR:
            return year_label
        return f"{year_label} Q{self.quarter_number}"

    @property
    def file_stem(self) -> str:
        """The label as it appears in a file name: ``2026-27-Q2``, ``2026-Q3``."""
        return self.label.replace("/", "-").replace(" ", "-")

    def _year_label(self) -> str:
        start_year = self.year.first // 12
        if self.start_month == 1:
            return str(start_year)
        return f"{start_year}/{(start_year + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.label

    # -- moving about -----------------------------------------------------

    def shift(self, steps: int) -> Period:
        """The period ``steps`` periods of the same kind later (or earlier)."""
        return Period(self.first + steps * self.kind.months, self.kind, self.start_month)

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        return self.shift(-1)

    def next(self) -> Period:
        """The period of the same kind just after this one."""
        return self.shift(1)

    def same_period_last_year(self) -> Period:
        """The same quarter, month or year, twelve months earlier."""
        return Period(self.first - 12, self.kind, self.start_month)

    def contains(self, other: Period) -> bool:
        """Whether ``other`` lies wholly inside this period."""
        return self.first <= other.first and other.last <= self.last

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share any month."""
        return self.first <= other.last and other.first <= self.last

    def parts(self, kind: PeriodKind) -> list[Period]:
        """This period split into periods of a shorter ``kind``."""
        step = kind.months
        return [
            Period(first, kind, self.start_month)
            for first in range(self.first, self.last + 1, step)
        ]
