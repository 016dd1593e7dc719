"""Comparator figures from the national public-health profiles' data download.

The profiles (Fingertips) offer every indicator as a CSV with one row per
indicator, area, sex, age band, breakdown category and period. This module reads
that layout, keeps the rows for one sex and age band with no breakdown
category, reads the period labels the profiles use (``2022``, ``2021 - 23``,
``2022/23``, ``2020/21 - 22/23``, ``2023/24 Q2``), and reports the rows it could
not read or that match none of the plan's indicators. Pure: text in, figures out.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

SCHEME = "fingertips"
"""The scheme of a plan indicator's ``national_id`` that names a profiles indicator."""

REQUIRED_COLUMNS = (
    "Indicator ID",
    "Indicator Name",
    "Area Code",
    "Area Name",
    "Area Type",
    "Sex",
    "Age",
    "Category Type",
    "Category",
    "Time period",
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Count",
    "Denominator",
)

_YEARS = re.compile(r"(\d{4})(?:\s*-\s*(\d{2}|\d{4}))?")
_FINANCIAL = re.compile(
    r"(\d{4})/(\d{2})(?:\s*-\s*(\d{2}|\d{4})/(\d{2}))?(?:\s+Q([1-4]))?", re.IGNORECASE
)


class ComparatorFileError(ValueError):
    """The text is not a data download in the profiles' layout."""


@dataclass(frozen=True, slots=True)
class ComparatorPeriod:
    """A period as the profiles label it: one year, pooled years, or a quarter."""

    label: str
    first_year: int
    """The calendar year, or the year a financial year starts in, of the first year."""
    last_year: int
    financial: bool
    """Financial years (April to March) rather than calendar years."""
    quarter: int | None = None
    """For a quarter of a financial year, which (1 is April to June)."""

    @property
    def years(self) -> int:
        """How many years the figure covers (a quarter counts as part of one)."""
        return self.last_year - self.first_year + 1

    @property
    def pooled(self) -> bool:
        """Whether the figure pools several years."""
        return self.years > 1

    @property
    def start(self) -> date:
        """The first day the figure covers."""
        if not self.financial:
            return date(self.first_year, 1, 1)
        month = 4 + 3 * ((self.quarter or 1) - 1)
        return date(self.first_year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> date:
        """The last day the figure covers."""
        if not self.financial:
            return date(self.last_year, 12, 31)
        if self.quarter is None:
            return date(self.last_year + 1, 3, 31)
        last_month = 3 + 3 * self.quarter
        year = self.first_year + (last_month > 12)
        month = (last_month - 1) % 12 + 1
        day = {3: 31, 6: 30, 9: 30, 12: 31}[month]
        return date(year, month, day)


def parse_period(label: str) -> ComparatorPeriod:
    """Read a profiles period label; raise ``ValueError`` if it is not one."""
    text = " ".join(label.split())
    years = _YEARS.fullmatch(text)
    if years is not None:
        first = int(years[1])
        last = first if years[2] is None else _full_year(first, years[2])
        return _period(label, first, last, financial=False)
    financial = _FINANCIAL.fullmatch(text)
    if financial is not None:
        first = int(financial[1])
        if _full_year(first, financial[2]) != first + 1:
            raise ValueError(f"'{label}' is not a financial year such as 2022/23")
        last = first
        if financial[3] is not None:
            last = _full_year(first, financial[3])
            if _full_year(last, financial[4]) != last + 1:
                raise ValueError(f"'{label}' does not end with a financial year")
        quarter = int(financial[5]) if financial[5] else None
        if quarter is not None and last != first:
            raise ValueError(f"'{label}' pools years and names a quarter")
        return _period(label, first, last, financial=True, quarter=quarter)
    raise ValueError(
        f"'{label}' is not a period the profiles use, such as 2022, 2021 - 23 or 2022/23"
    )


def _full_year(first: int, written: str) -> int:
    if len(written) == 4:
        return int(written)
    year = first - first % 100 + int(written)
    return year + 100 if year < first else year


def _period(
    label: str, first: int, last: int, *, financial: bool, quarter: int | None = None
) -> ComparatorPeriod:
    if last < first:
        raise ValueError(f"'{label}' ends before it starts")
    return ComparatorPeriod(label, first, last, financial, quarter)


@dataclass(frozen=True, slots=True)
class ComparatorFigure:
    """One area's figure for one indicator and period, with its interval."""

    line: int
    indicator_id: int
    indicator_name: str
    area_code: str
    area_name: str
    area_type: str
    sex: str
    age: str
    period: ComparatorPeriod
    value: float | None
    lower_95: float | None
    upper_95: float | None
    lower_998: float | None
    upper_998: float | None
    count: float | None
    denominator: float | None
    value_note: str | None
    parent_code: str = ""
    """The area the row's area sits in (for a local authority, its region or England)."""

    @property
    def national_id(self) -> str:
        """The id a plan indicator gives as ``national_id``: ``fingertips:93014``."""
        return f"{SCHEME}:{self.indicator_id}"


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that was not used, and why."""

    line: int
    indicator_id: str
    reason: str
    indicator_name: str = ""


@dataclass(frozen=True, slots=True)
class ComparatorImport:
    """What a data download held for the plan."""

    figures: tuple[ComparatorFigure, ...]
    unmatched: tuple[RowProblem, ...]
    """Rows for indicators that no plan indicator names as its ``national_id``."""
    unreadable: tuple[RowProblem, ...]
    """Rows with a period or number that could not be read."""
    skipped: int
    """Rows for another sex, age band, breakdown category or area."""
    missing: tuple[str, ...]
    """National ids the plan names that no row matched."""


def read_profile_download(
    text: str,
    *,
    sex: str = "Persons",
    age: str | None = None,
    areas: Collection[str] | None = None,
    wanted: Collection[str] | None = None,
) -> ComparatorImport:
    """Read a profiles data download (CSV text) for the rows the plan can use.

    Keeps rows for ``sex`` and, if given, the ``age`` band (such as ``All ages``
    or ``<75 yrs``), with no breakdown category, and, if given, only the
    ``areas`` (area codes such as ``E92000001`` for England). With ``wanted``, the
    national ids the plan's indicators name (``fingertips:93014``), rows for any
    other indicator are reported as unmatched rather than kept.
    """
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    columns = [name.strip() for name in reader.fieldnames or []]
    absent = [name for name in REQUIRED_COLUMNS if name not in columns]
    if absent:
        raise ComparatorFileError(
            "not a profiles data download: no column " + ", ".join(f"'{n}'" for n in absent)
        )
    reader.fieldnames = columns
    figures: list[ComparatorFigure] = []
    unmatched: list[RowProblem] = []
    unreadable: list[RowProblem] = []
    skipped = 0
    for row in reader:
        line = reader.line_num
        cell = {key: (value or "").strip() for key, value in row.items() if key is not None}
        if not _selected(cell, sex=sex, age=age, areas=areas):
            skipped += 1
            continue
        raw_id = cell["Indicator ID"]
        if wanted is not None and f"{SCHEME}:{raw_id}" not in wanted:
            unmatched.append(
                RowProblem(line, raw_id, f"no indicator in the plan has national_id "
                           f"{SCHEME}:{raw_id} ({cell['Indicator Name']})",
                           cell["Indicator Name"])
            )  # fmt: skip
            continue
        try:
            figures.append(_figure(line, cell))
        except ValueError as error:
            unreadable.append(RowProblem(line, raw_id, str(error)))
    found = {figure.national_id for figure in figures}
    missing = tuple(sorted(set(wanted or ()) - found))
    return ComparatorImport(tuple(figures), tuple(unmatched), tuple(unreadable), skipped, missing)


def _selected(
    cell: Mapping[str, str], *, sex: str, age: str | None, areas: Collection[str] | None
) -> bool:
    if cell["Sex"].casefold() != sex.casefold():
        return False
    if age is not None and cell["Age"].casefold() != age.casefold():
        return False
    if cell["Category Type"] or cell["Category"]:
        return False
    return areas is None or cell["Area Code"] in areas


def _figure(line: int, cell: Mapping[str, str]) -> ComparatorFigure:
    try:
        indicator_id = int(cell["Indicator ID"])
    except ValueError:
        raise ValueError(f"'{cell['Indicator ID']}' is not an indicator id") from None
    return ComparatorFigure(
        line=line,
        indicator_id=indicator_id,
        indicator_name=cell["Indicator Name"],
        area_code=cell["Area Code"],
        area_name=cell["Area Name"],
        area_type=cell["Area Type"],
        sex=cell["Sex"],
        age=cell["Age"],
        period=parse_period(cell["Time period"]),
        value=_number(cell, "Value"),
        lower_95=_number(cell, "Lower CI 95.0 limit"),
        upper_95=_number(cell, "Upper CI 95.0 limit"),
        lower_998=_number(cell, "Lower CI 99.8 limit"),
        upper_998=_number(cell, "Upper CI 99.8 limit"),
        count=_number(cell, "Count"),
        denominator=_number(cell, "Denominator"),
        value_note=cell.get("Value note") or None,
        parent_code=cell.get("Parent Code", ""),
    )


def _number(cell: Mapping[str, str], column: str) -> float | None:
    text = cell.get(column, "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"'{column}' is '{text}', not a number") from None


def national_ids(indicators: Iterable[tuple[str, str | None]]) -> dict[str, list[str]]:
    """The plan's indicators by national id: ``{"fingertips:93014": ["CS-03"]}``.

    Takes ``(indicator id, national_id)`` pairs, so that callers need not pass the
    whole plan; indicators without a national id are left out.
    """
    found: dict[str, list[str]] = {}
    for indicator, national in indicators:
        if national is not None:
            found.setdefault(national, []).append(indicator)
    return found
