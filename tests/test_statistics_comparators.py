"""Comparator figures from a profiles data download, and the plan's national ids."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pmkit.model.indicators import Indicator, Polarity
from pmkit.statistics.comparators import (
    ComparatorFileError,
    ComparatorPeriod,
    national_ids,
    parse_period,
    read_profile_download,
)
from pmkit.statistics.comparison import Comparison, compare_with_benchmark

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

DOWNLOAD = (Path(__file__).parent / "fixtures" / "profiles-download.csv").read_text(
    encoding="utf-8"
)
RIVERSIDE = "E99999901"
ENGLAND = "E92000001"


@pytest.mark.parametrize(
    ("label", "expected", "start", "end"),
    [
        ("2022", ComparatorPeriod("2022", 2022, 2022, False), date(2022, 1, 1), date(2022, 12, 31)),
        ("2021 - 23", ComparatorPeriod("2021 - 23", 2021, 2023, False), date(2021, 1, 1),
         date(2023, 12, 31)),
        ("2019 - 2021", ComparatorPeriod("2019 - 2021", 2019, 2021, False), date(2019, 1, 1),
         date(2021, 12, 31)),
        ("2022/23", ComparatorPeriod("2022/23", 2022, 2022, True), date(2022, 4, 1),
         date(2023, 3, 31)),
        ("1999/00", ComparatorPeriod("1999/00", 1999, 1999, True), date(1999, 4, 1),
         date(2000, 3, 31)),
        ("2020/21 - 22/23", ComparatorPeriod("2020/21 - 22/23", 2020, 2022, True),
         date(2020, 4, 1), date(2023, 3, 31)),
        ("2023/24 Q2", ComparatorPeriod("2023/24 Q2", 2023, 2023, True, 2), date(2023, 7, 1),
         date(2023, 9, 30)),
        ("2023/24 Q4", ComparatorPeriod("2023/24 Q4", 2023, 2023, True, 4), date(2024, 1, 1),
         date(2024, 3, 31)),
    ],
)  # fmt: skip
def test_the_period_labels_the_profiles_use(
    label: str, expected: ComparatorPeriod, start: date, end: date
) -> None:
    period = parse_period(label)

    assert period == expected
    assert (period.start, period.end) == (start, end)


def test_pooled_periods_say_how_many_years_they_pool() -> None:
    assert (parse_period("2021 - 23").years, parse_period("2021 - 23").pooled) == (3, True)
    assert (parse_period("2022/23").years, parse_period("2022/23").pooled) == (1, False)


@pytest.mark.parametrize(
    "label", ["Winter 2023", "2022/24", "2023 - 2021", "2020/21 - 22/23 Q1", "2020/21 - 22/24", ""]
)
def test_labels_that_are_not_periods(label: str) -> None:
    with pytest.raises(ValueError, match="'"):
        parse_period(label)


def test_a_download_read_for_persons_of_every_age() -> None:
    found = read_profile_download(DOWNLOAD)

    assert [(figure.line, figure.indicator_id, figure.area_code) for figure in found.figures] == [
        (2, 93014, ENGLAND),
        (3, 93014, RIVERSIDE),
        (6, 92906, ENGLAND),
        (7, 92906, RIVERSIDE),
        (8, 41001, ENGLAND),
        (9, 41001, RIVERSIDE),
        (10, 90641, RIVERSIDE),
    ]
    assert found.skipped == 2  # the row for males and the row for a deprivation decile
    assert [(problem.line, problem.reason) for problem in found.unreadable] == [
        (11, "'Winter 2023' is not a period the profiles use, such as 2022, 2021 - 23 or 2022/23"),
        (12, "'Value' is 'x', not a number"),
    ]
    assert found.unmatched == ()
    assert found.missing == ()


def test_a_figure_carries_its_interval_count_and_denominator() -> None:
    riverside = read_profile_download(DOWNLOAD).figures[1]

    assert riverside.national_id == "fingertips:93014"
    assert riverside.area_name == "Riverside"
    assert (riverside.sex, riverside.age) == ("Persons", "All ages")
    assert riverside.period == ComparatorPeriod("2020/21 - 22/23", 2020, 2022, True)
    assert (riverside.value, riverside.lower_95, riverside.upper_95) == (48.6, 44.1, 53.4)
    assert (riverside.lower_998, riverside.upper_998) == (41.2, 56.7)
    assert (riverside.count, riverside.denominator) == (437.0, 899100.0)
    assert riverside.value_note is None


def test_a_suppressed_figure_has_no_value_but_keeps_its_note() -> None:
    suppressed = read_profile_download(DOWNLOAD).figures[-1]

    assert suppressed.period == ComparatorPeriod("2023/24 Q2", 2023, 2023, True, 2)
    assert (suppressed.value, suppressed.lower_95, suppressed.count) == (None, None, None)
    assert suppressed.value_note == "*"


def test_rows_for_indicators_the_plan_does_not_name_are_reported() -> None:
    wanted = {"fingertips:93014", "fingertips:92906", "fingertips:90000"}

    found = read_profile_download(DOWNLOAD, wanted=wanted, areas={RIVERSIDE, ENGLAND})

    assert {figure.indicator_id for figure in found.figures} == {93014, 92906}
    assert [(row.line, row.indicator_id) for row in found.unmatched] == [
        (8, "41001"),
        (9, "41001"),
        (10, "90641"),
        (11, "90641"),
        (12, "90641"),
    ]
    assert found.unmatched[0].reason == (
        "no indicator in the plan has national_id fingertips:41001 (Suicide rate)"
    )
    assert found.missing == ("fingertips:90000",)


def test_one_age_band_and_one_area() -> None:
    found = read_profile_download(DOWNLOAD, age="All ages", areas={RIVERSIDE})

    assert [(figure.indicator_id, figure.value) for figure in found.figures] == [
        (93014, 48.6),
        (92906, 712.0),
    ]
    assert found.skipped == 9


def test_the_local_figure_against_england_as_the_profiles_judged_it() -> None:
    # the download's own column says Riverside is "Worse" than England for 93014
    england, riverside = read_profile_download(DOWNLOAD).figures[:2]

    judged = compare_with_benchmark(
        riverside.value, riverside.lower_95, riverside.upper_95, england.value, Polarity.LOWER
    )

    assert judged is Comparison.WORSE


def test_a_file_without_the_profiles_columns_is_refused() -> None:
    with pytest.raises(ComparatorFileError, match="no column 'Indicator ID'"):
        read_profile_download("indicator,value\nCS-01,3\n")


def test_an_indicator_id_that_is_not_a_number_is_unreadable() -> None:
    header, first = DOWNLOAD.splitlines()[:2]

    found = read_profile_download(f"{header}\n{first.replace('93014', 'P93014', 1)}\n")

    assert [(row.line, row.reason) for row in found.unreadable] == [
        (2, "'P93014' is not an indicator id")
    ]


def test_a_byte_order_mark_is_ignored() -> None:
    assert len(read_profile_download("\ufeff" + DOWNLOAD).figures) == 7


def test_the_plan_indicators_by_national_id() -> None:
    pairs = [("CS-01", "fingertips:93014"), ("CS-02", None), ("CS-03", "fingertips:93014")]

    assert national_ids(pairs) == {"fingertips:93014": ["CS-01", "CS-03"]}


def test_an_indicator_names_its_national_id_and_a_standardised_rate() -> None:
    indicator = Indicator.model_validate(
        {
            "id": "HW-02",
            "national_id": "fingertips:93014",
            "definition": {"text": "Admissions for violence", "standardised": True},
        }
    )

    assert indicator.national_id == "fingertips:93014"
    assert indicator.definition is not None
    assert indicator.definition.standardised is True


@pytest.mark.parametrize("bad", ["93014", "Fingertips:93014", "fingertips:", "fingertips: 93014"])
def test_a_national_id_needs_a_scheme_and_an_id(bad: str) -> None:
    with pytest.raises(ValueError, match="such as fingertips:93014"):
        Indicator.model_validate({"id": "HW-02", "national_id": bad})


def test_validate_says_what_a_national_id_looks_like(
    starter_plan_text: str, write_plan: WritePlan, run_cli: RunCli
) -> None:
    text = starter_plan_text.replace(
        "  - id: IND-01\n", "  - id: IND-01\n    national_id: '93014'\n", 1
    )
    assert text != starter_plan_text

    result = run_cli("validate", write_plan(text))

    assert result.exit_code == 1
    assert (
        "STR003 [error] 'national_id': expected a scheme and the id the scheme gives the "
        "indicator, such as fingertips:93014" in result.output
    )
