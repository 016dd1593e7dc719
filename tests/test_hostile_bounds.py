"""Bounds: years from 1900 to 2200, and no value longer than 100,000 characters on a line.

A period in year 9999 or year 0, a ``--period`` or ``PMKIT_AS_OF`` out there,
or a plan holding one enormous number, gets one clear message and exit 2 (or a
finding at its line), never a crash, a record nobody can read back, or minutes
of parsing.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from pmkit.cli import app
from pmkit.limits import MAX_SCALAR_CHARS, MAX_YEAR, MIN_YEAR
from pmkit.periods import Calendar, PeriodError

if TYPE_CHECKING:
    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = "2026-11-26"
TARGET = "- {period: 2026/27, value: 9.2}"


def plan_with(folder: Path, old: str = TARGET, new: str = TARGET) -> tuple[Path, int]:
    """The example plan with ``old`` replaced by ``new``; the line it is on."""
    text = EXAMPLE.read_text("utf-8")
    assert text.count(old) == 1
    plan = folder / "plan.yaml"
    plan.write_text(text.replace(old, new), "utf-8")
    return plan, text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(
    "label", ["9999/00 Q4", "0000/01", "1899/00 Q1", "2201/02", "0001-01", "9999-12"]
)
def test_a_period_outside_the_years_is_refused_by_the_calendar(label: str) -> None:
    with pytest.raises(PeriodError) as raised:
        Calendar().parse(label)

    assert f"{label!r} is not a period pmkit can use: years run from 1900 to 2200" == str(
        raised.value
    )


@pytest.mark.parametrize("label", ["1900/01 Q1", "2200/01 Q4", "2200-12"])
def test_the_first_and_last_years_are_read(label: str) -> None:
    period = Calendar().parse(label)

    assert MIN_YEAR <= period.year.start.year <= MAX_YEAR  # the year it starts in
    assert period.label == label


def test_digits_that_are_not_ascii_are_not_a_period() -> None:
    with pytest.raises(PeriodError):
        Calendar().parse("\u0662\u0660\u0662\u0666/27 Q2")


@pytest.mark.parametrize("label", ["9999/00 Q4", "0000/01"])
def test_a_target_for_year_9999_or_0_is_a_finding_at_its_line(
    tmp_path: Path, run_cli: RunCli, label: str
) -> None:
    plan, line = plan_with(tmp_path, new=f"- {{period: '{label}', value: 9.2}}")

    result = run_cli("--as-of", AS_OF, "validate", plan)

    assert result.exit_code == 1, result.output
    assert f"plan.yaml:{line}:" in result.output
    assert "years run from 1900 to 2200" in result.output


def test_a_pooled_budget_for_year_0_is_a_finding_at_its_line(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan, line = plan_with(
        tmp_path,
        "    - year: 2026/27\n      total: 412000",
        "    - year: '0000/01'\n      total: 412000",
    )

    result = run_cli("--as-of", AS_OF, "validate", plan)

    assert result.exit_code == 1, result.output
    assert f"plan.yaml:{line}:" in result.output
    assert "'0000/01' is not a period pmkit can use: years run from 1900 to 2200" in result.output


def test_recording_into_year_9999_is_refused_and_nothing_written(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan, _ = plan_with(tmp_path)

    result = run_cli(
        "--as-of", AS_OF, "record", "figure", "CS-01", "5", "--period", "9999/00 Q1",
        "--plan", plan, "--by", "officer",
    )  # fmt: skip

    assert result.exit_code == 2, result.output
    assert "'9999/00 Q1' is not a period pmkit can use: years run from 1900 to 2200" in (
        result.output
    )
    assert not (tmp_path / "monitoring").exists()


def test_a_period_option_in_year_0_is_refused(tmp_path: Path, run_cli: RunCli) -> None:
    plan, _ = plan_with(tmp_path)

    result = run_cli(
        "--as-of", AS_OF, "returns", "generate", "--partner", "police",
        "--period", "0000/01 Q1", "--plan", plan,
    )  # fmt: skip

    assert result.exit_code == 2, result.output
    assert "'0000/01 Q1' is not a period pmkit can use" in result.output


COMMANDS = (
    ("validate", "{plan}"),
    ("review", "--plan", "{plan}"),
    ("status", "--plan", "{plan}"),
    ("returns", "status", "--plan", "{plan}"),
    ("returns", "generate", "--all", "-o", "{folder}/returns", "--plan", "{plan}"),
    ("record", "figure", "CS-01", "5", "--by", "officer", "--plan", "{plan}"),
    ("history", "CS-01", "--plan", "{plan}"),
)


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_an_as_of_date_outside_the_years_is_refused_by_every_command(
    tmp_path: Path, as_of: str, command: tuple[str, ...]
) -> None:
    plan, _ = plan_with(tmp_path)
    args = [arg.format(plan=plan, folder=tmp_path) for arg in command]
    runner = CliRunner(env={"PMKIT_AS_OF": as_of, "PMKIT_DEBUG": None, "FORCE_COLOR": None})

    result = runner.invoke(app, args)

    assert result.exit_code == 2, result.output
    assert f"{as_of} is out of range: pmkit works with years from 1900 to 2200" in result.output
    assert "bug" not in result.output
    assert not (tmp_path / "monitoring").exists()


def test_the_as_of_option_names_itself_when_out_of_range(tmp_path: Path, run_cli: RunCli) -> None:
    plan, _ = plan_with(tmp_path)

    result = run_cli("--as-of", "9999-12-31", "validate", plan)

    assert result.exit_code == 2, result.output
    assert "--as-of (or PMKIT_AS_OF) 9999-12-31 is out of range" in result.output


# -- one enormous value ---------------------------------------------------------------------


def test_a_plan_holding_one_enormous_number_is_refused_at_once(
    tmp_path: Path, run_cli: RunCli
) -> None:
    digits = "9" * 19_000_000
    plan, line = plan_with(tmp_path, new=f"- {{period: 2026/27, value: {digits}}}")

    started = time.perf_counter()
    result = run_cli("--as-of", AS_OF, "validate", plan)
    took = time.perf_counter() - started

    assert result.exit_code == 2, result.output
    assert (
        f"plan.yaml:{line}:1: YML003 [error] line {line} runs to more than 100,000 characters "
        "without a break" in result.output
    )
    assert took < 10, f"{took:.1f} s"


def test_a_line_just_within_the_bound_is_read(tmp_path: Path, run_cli: RunCli) -> None:
    comment = "# " + "x" * (MAX_SCALAR_CHARS - 2)
    plan, _ = plan_with(tmp_path, new=f"{TARGET}\n{comment}")

    result = run_cli("--as-of", AS_OF, "validate", plan)

    assert "YML003" not in result.output
    assert result.exit_code in (0, 1), result.output


def test_a_monitoring_file_holding_one_enormous_value_is_refused(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan, _ = plan_with(tmp_path)
    folder = tmp_path / "monitoring"
    folder.mkdir()
    (folder / "2026-27-Q2.yaml").write_text(
        "format_version: 1\nperiod: 2026/27 Q2\nfigures:\n  CS-01:\n    2026/27 Q2:\n"
        f"      value: {'1' * (MAX_SCALAR_CHARS + 1)}\n",
        "utf-8",
    )

    result = run_cli("--as-of", AS_OF, "validate", plan)

    assert result.exit_code == 2, result.output
    assert "2026-27-Q2.yaml:6:1: YML003 [error] line 6 runs to more than 100,000 characters" in (
        result.output
    )


def test_a_remedial_action_due_in_year_9999_is_refused(tmp_path: Path, run_cli: RunCli) -> None:
    plan, _ = plan_with(tmp_path)

    result = run_cli(
        "--as-of", AS_OF, "record", "remedial", "CS-01", "--action", "Retail crime plan",
        "--owner", "police", "--due", "9999-12-31", "--plan", plan, "--by", "officer",
    )  # fmt: skip

    assert result.exit_code == 2, result.output
    assert "the due date 9999-12-31 is out of range: pmkit works with years from 1900 to 2200" in (
        result.output
    )
    assert not (tmp_path / "monitoring").exists()


def test_a_return_with_a_remedial_action_due_in_year_1_is_refused_at_its_cell(
    tmp_path: Path, run_cli: RunCli
) -> None:
    import csv

    plan, _ = plan_with(tmp_path)
    path = tmp_path / "yjs.csv"
    made = run_cli(
        "--as-of", AS_OF, "returns", "generate", "--partner", "yjs", "-f", "csv", "-o", path,
        "--plan", plan,
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    with path.open(encoding="utf-8-sig", newline="") as handle:
        grid = list(csv.reader(handle))
    names = grid[5]
    grid[7][names.index("Value")] = "41"
    grid[7][names.index("Remedial action")] = "Review the referral route"
    grid[7][names.index("Remedial due")] = "01/01/0001"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(grid)

    result = run_cli(
        "--as-of", AS_OF, "returns", "import", path, "--plan", plan, "--by", "officer"
    )  # fmt: skip

    assert result.exit_code == 2, result.output
    assert (
        "yjs.csv: row 8, column Remedial due: the due date 0001-01-01 is out of range"
        in result.output
    )


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
