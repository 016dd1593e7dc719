"""``pmkit record figure`` with the counts behind a rate or percentage, and supplied limits.

The plan is the Safer Kestermoor example with three indicators added: a crude
rate and a percentage whose baselines are written to one decimal place, and an
age-standardised rate. Expected values are worked out by hand.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from ruamel.yaml import YAML

if TYPE_CHECKING:
    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = date(2026, 11, 26)
OFFICER = "Performance officer"

EXTRA = """
  - id: CS-91
    title: Admissions for assault by sharp object, aged under 25, rate per 100,000
    unit: rate per 100,000
    polarity: lower
    frequency: quarterly
    outcomes: [O2]
    baseline: {period: 2025/26, value: 11.5}
  - id: CS-92
    title: High-risk domestic abuse cases repeating at MARAC within 12 months
    unit: percentage
    polarity: lower
    frequency: quarterly
    outcomes: [O3]
    baseline: {period: 2025/26, value: 33.8}
  - id: CS-93
    title: Hospital admissions for violence, directly age-standardised rate per 100,000
    definition: {text: "Admissions for violence, age-standardised", standardised: true}
    unit: rate per 100,000
    polarity: lower
    frequency: quarterly
    outcomes: [O2]
"""


def copy_plan(folder: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    plan = folder / "plan.yaml"
    plan.write_text(text.replace("\nactions:\n", EXTRA + "\nactions:\n", 1), "utf-8")
    return plan


def cli(run_cli: RunCli, plan: Path, *args: str) -> Any:
    return run_cli(
        "--as-of", AS_OF.isoformat(), "record", "figure", "--plan", plan, "--by", OFFICER, *args
    )


def figure(folder: Path, indicator: str, period: str = "2026/27 Q2") -> Any:
    path = folder / "monitoring" / "2026-27-Q2.yaml"
    return YAML(typ="rt").load(path.read_text(encoding="utf-8"))["figures"][indicator][period]


def test_counts_without_a_value_record_the_value_they_give(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    # 31 / 250,100 x 100,000 = 12.3950…, to one place (the baseline's 11.5) 12.4.
    result = cli(
        run_cli, plan, "CS-91", "--period", "2026/27 Q2", "--numerator", "31",
        "--denominator", "250,100",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "CS-91 2026/27 Q2 = 12.4 (31 / 250,100)" in result.output
    recorded = figure(tmp_path, "CS-91")
    assert list(recorded)[:3] == ["value", "numerator", "denominator"]
    assert str(recorded["value"]) == "12.4"
    assert recorded["numerator"] == 31
    assert recorded["denominator"] == 250100


def test_a_value_and_counts_that_agree_are_recorded_together(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    # 47 / 142 x 100 = 33.098…% -> 33.1.
    result = cli(
        run_cli, plan, "CS-92", "33.1", "--period", "2026/27 Q2", "--numerator", "47",
        "--denominator", "142",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert figure(tmp_path, "CS-92")["numerator"] == 47


def test_a_value_the_counts_do_not_give_is_refused_and_nothing_is_written(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    result = cli(
        run_cli, plan, "CS-91", "12.3", "--period", "2026/27 Q2", "--numerator", "31",
        "--denominator", "250,100",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert (
        "not recorded: CS-91 2026/27 Q2: value 12.3 does not match 31 / 250,100 \u00d7 100,000 "
        "= 12.39504…, which is 12.4 to 1 decimal place" in result.output
    )
    assert not (tmp_path / "monitoring" / "2026-27-Q2.yaml").exists()


def test_a_numerator_above_its_denominator_is_refused_for_a_percentage(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    result = cli(
        run_cli, plan, "CS-92", "--period", "2026/27 Q2", "--numerator", "150",
        "--denominator", "142",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "the numerator 150 is more than the denominator 142" in result.output


def test_counts_for_a_count_indicator_are_refused(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    result = cli(
        run_cli, plan, "CS-17", "25", "--period", "2026/27 Q2", "--numerator", "25",
        "--denominator", "100",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "not a rate or a percentage" in result.output


def test_a_count_that_is_not_a_number_names_its_option(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    result = cli(
        run_cli, plan, "CS-91", "--period", "2026/27 Q2", "--numerator", "3l",
        "--denominator", "250,100",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--numerator" in result.output
    assert "'3l' is not a number" in result.output


def test_a_standardised_rate_keeps_its_published_value_counts_and_limits(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    result = cli(
        run_cli, plan, "CS-93", "52.3", "--period", "2026/27 Q2", "--numerator", "437",
        "--denominator", "899,100", "--lower-ci", "47.4", "--upper-ci", "57.6",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    recorded = figure(tmp_path, "CS-93")
    assert [str(recorded[key]) for key in ("value", "lower_ci", "upper_ci")] == [
        "52.3",
        "47.4",
        "57.6",
    ]
    outside = cli(
        run_cli, plan, "CS-93", "58.0", "--period", "2026/27 Q2", "--lower-ci", "47.4",
        "--upper-ci", "57.6",
    )  # fmt: skip
    assert outside.exit_code == 2
    assert "value 58.0 is outside its confidence interval 47.4 to 57.6" in outside.output


def test_replaced_counts_stay_in_the_figures_history(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    first = ("CS-91", "--period", "2026/27 Q2", "--numerator", "31", "--denominator", "250,100")
    assert cli(run_cli, plan, *first).exit_code == 0
    assert cli(run_cli, plan, *first).output.startswith("unchanged")
    # 33 / 250,100 x 100,000 = 13.194… -> 13.2.
    second = ("CS-91", "--period", "2026/27 Q2", "--numerator", "33", "--denominator", "250,100")
    result = cli(run_cli, plan, *second)
    assert result.exit_code == 0, result.output
    recorded = figure(tmp_path, "CS-91")
    assert str(recorded["value"]) == "13.2"
    earlier = recorded["history"][0]
    assert (str(earlier["value"]), earlier["numerator"], earlier["denominator"]) == (
        "12.4",
        31,
        250100,
    )
    from pmkit.monitoring.history import history
    from pmkit.monitoring.workspace import open_workspace

    listed = [entry.what for entry in history(open_workspace(plan, as_of=AS_OF), "CS-91")]
    assert listed == ["12.4 (31 / 250,100)", "13.2 (33 / 250,100)"]


def test_counts_recorded_into_a_big_file_are_spliced_as_the_whole_file_edit_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decimal import Decimal

    from pmkit.monitoring.figures import FigureInput
    from pmkit.monitoring.statuses import FigureStatus
    from test_record_splice import REPLACE, big_file, both_ways

    # CS-07 (percentage): 51 / 151 x 100 = 33.77…, given as 33.8 with its counts;
    # CS-01 (rate per 1,000, already in the file) replaced by its counts alone.
    items = [
        FigureInput(
            "CS-07", "2026/27 Q2", Decimal("33.8"), status=FigureStatus.FINAL,
            numerator=Decimal(51), denominator=Decimal(151),
        ),
        FigureInput(
            "CS-01", "2026/27 Q2", None, status=FigureStatus.FINAL,
            numerator=Decimal(13_120), denominator=Decimal(153_600),
        ),
    ]  # fmt: skip
    assert REPLACE.accept_unusual
    spliced, whole = both_ways(tmp_path, monkeypatch, big_file(120), items)

    assert spliced == whole
    data = YAML(typ="safe").load(spliced.decode("utf-8"))
    cs07 = data["figures"]["CS-07"]["2026/27 Q2"]
    assert (cs07["value"], cs07["numerator"], cs07["denominator"]) == (33.8, 51, 151)
    # 13,120 / 153,600 x 1,000 = 85.416…; CS-01's baseline (84.6) has one place: 85.4.
    cs01 = data["figures"]["CS-01"]["2026/27 Q2"]
    assert (cs01["value"], cs01["numerator"], cs01["denominator"]) == (85.4, 13120, 153600)
    assert cs01["history"][0]["value"] == 10
    assert "numerator" not in cs01["history"][0]
