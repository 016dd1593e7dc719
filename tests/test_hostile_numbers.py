"""Numbers are read exactly or refused: one reader for the command line, returns and plans.

A figure typed as ``12,5`` is 12.5 to a French analyst and 125 to a British
one; Arabic-Indic and mathematical bold digits are digits to Python but not
to the board; ``NaN`` is not a reason for a missing figure. Each is refused
with what was read.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from ruamel.yaml import YAML

from pmkit.numbers import MAX_DIGITS, NumberError, not_available_reason, read_number

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = "2026-11-26"
QUARTER = "2026/27 Q2"
OFFICER = "Performance officer"


# -- the reader ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "pounds", "percent"),
    [
        ("1234", "1234", False, False),
        ("1234.5", "1234.5", False, False),
        ("-3", "-3", False, False),
        ("+3", "3", False, False),
        (".25", "0.25", False, False),
        ("0.10", "0.10", False, False),
        ("1,234", "1234", False, False),
        ("1,234,567.5", "1234567.5", False, False),
        ("£2,500", "2500", True, False),
        ("-£20", "-20", True, False),
        ("£-20.50", "-20.50", True, False),
        ("45%", "45", False, True),
        (" 45 % ", "45", False, True),
        ("\t 88.2 \n", "88.2", False, False),
        ("1" + "0" * 29, "1" + "0" * 29, False, False),
    ],
)
def test_the_documented_forms_are_read_exactly(
    text: str, value: str, pounds: bool, percent: bool
) -> None:
    read = read_number(text)

    assert read.value == Decimal(value)
    assert str(read.value) == value
    assert (read.pounds, read.percent) == (pounds, percent)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("12,5", "'12,5' is ambiguous: a comma separates thousands, in groups of three (1,234)"),
        ("1,5", "'1,5' is ambiguous"),
        ("1,23,456", "'1,23,456' is ambiguous"),
        ("1.234,5", "'1.234,5' has a decimal comma"),
        ("\u0663", "has the digit '\\u0663' (ARABIC-INDIC DIGIT THREE)"),
        ("\U0001d7d7", "has the digit '\\U0001d7d7' (MATHEMATICAL BOLD DIGIT NINE)"),
        ("1\u0662", "(ARABIC-INDIC DIGIT TWO)"),
        ("NaN", "'NaN' is not a number"),
        ("nan", "'nan' is not a number"),
        ("-Infinity", "'-Infinity' is not a number"),
        ("inf", "'inf' is not a number"),
        ("1e3", "'1e3' is in exponent notation"),
        ("1E-2", "'1E-2' is in exponent notation"),
        ("5.", "'5.' ends with a point"),
        ("--5", "'--5' has two signs"),
        ("£45%", "'£45%' is both money and a percentage"),
        ("12 345", "'12 345' is not a number"),
        ("0x1F", "'0x1F' is not a number"),
        ("-", "'-' is not a number"),
        ("", "the value is empty"),
        ("9" * (MAX_DIGITS + 1), f"has more digits than a plausible figure (at most {MAX_DIGITS})"),
        ("9" * 500, "is too long to be a figure"),
        ("\u221212", "'\u221212' is not a number"),
    ],
)
def test_anything_else_is_refused_saying_what_was_read(text: str, message: str) -> None:
    with pytest.raises(NumberError) as raised:
        read_number(text)

    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("n/a", ""),
        ("N/A", ""),
        ("not available", ""),
        ("Not Available", ""),
        ("n/a: no survey this quarter", "no survey this quarter"),
        ("not available - contract re-let", "contract re-let"),
        ("N/A \u2013 system down", "system down"),
        ("not available no fieldwork", "no fieldwork"),
    ],
)
def test_not_available_is_read_in_its_documented_forms(text: str, reason: str) -> None:
    assert not_available_reason(text) == reason


@pytest.mark.parametrize("text", ["NaN", "nan", "nan1", "na", "NA", "n/ax", "nab", "N", "12"])
def test_nan_and_lookalikes_are_never_not_available(text: str) -> None:
    assert not_available_reason(text) is None


# -- on the command line ------------------------------------------------------------------


def copy_plan(folder: Path) -> Path:
    plan = folder / "plan.yaml"
    plan.write_bytes(EXAMPLE.read_bytes())
    return plan


def record(run_cli: RunCli, plan: Path, *args: str) -> Result:
    return run_cli("--as-of", AS_OF, "record", "figure", *args, "--plan", plan, "--by", OFFICER)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12,5", "'12,5' is ambiguous"),
        ("1,5", "'1,5' is ambiguous"),
        ("1.234,5", "'1.234,5' has a decimal comma"),
        ("\u0663", "ARABIC-INDIC DIGIT THREE"),
        ("NaN", "'NaN' is not a number"),
        ("1e2", "'1e2' is in exponent notation"),
    ],
)
def test_record_refuses_an_ambiguous_figure_and_writes_nothing(
    tmp_path: Path, run_cli: RunCli, typed: str, message: str
) -> None:
    plan = copy_plan(tmp_path)

    result = record(run_cli, plan, "CS-17", typed, "--period", QUARTER)

    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "monitoring" / "2026-27-Q2.yaml").exists()


def test_record_reads_thousands_and_pounds_exactly(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)

    # 1,250 is far above CS-17's profile (60 by Q2): accepted as it is, to test the reading.
    result = record(run_cli, plan, "CS-17", "1,250", "--period", QUARTER, "--accept-unusual")

    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load((tmp_path / "monitoring" / "2026-27-Q2.yaml").read_text("utf-8"))
    assert data["figures"]["CS-17"][QUARTER]["value"] == 1250


# -- in a partner's return -----------------------------------------------------------------


def yjs_return(run_cli: RunCli, plan: Path) -> Path:
    """The youth justice service's blank CSV return for the quarter."""
    path = plan.parent / "yjs-2026-27-Q2.csv"
    result = run_cli(
        "--as-of", AS_OF, "returns", "generate", "--partner", "yjs", "-f", "csv",
        "-o", path, "--plan", plan,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return path


def fill(path: Path, rows: dict[str, dict[str, str]]) -> dict[str, int]:
    """Type values into the CSV's figure rows by id; give each row's line number."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        grid = list(csv.reader(handle))
    header = next(number for number, row in enumerate(grid) if row[:2] == ["Kind", "ID"])
    names = grid[header]
    lines = {}
    for number, row in enumerate(grid[header + 1 :], start=header + 2):
        if len(row) > 1 and row[1] in rows:
            for column, value in rows[row[1]].items():
                row[names.index(column)] = value
            lines[row[1]] = number
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(grid)
    return lines


def import_return(run_cli: RunCli, plan: Path, *paths: Path | str) -> Result:
    return run_cli(
        "--as-of", AS_OF, "returns", "import", *paths, "--plan", plan, "--by", OFFICER
    )  # fmt: skip


def monitoring(plan: Path) -> Any:
    path = plan.parent / "monitoring" / "2026-27-Q2.yaml"
    return YAML(typ="safe").load(path.read_text("utf-8")) if path.exists() else None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12,5", "'12,5' is ambiguous"),
        ("1.234,5", "'1.234,5' has a decimal comma"),
        ("\U0001d7d7", "'\U0001d7d7' has the digit '\\U0001d7d7' (MATHEMATICAL BOLD DIGIT NINE)"),
        ("NaN", "'NaN' is not a number"),
        ("nan: not collected", "'nan: not collected' is not a number"),
        ("Infinity", "'Infinity' is not a number"),
    ],
)
def test_a_return_with_an_ambiguous_figure_is_refused_at_its_row_and_column(
    tmp_path: Path, run_cli: RunCli, typed: str, message: str
) -> None:
    plan = copy_plan(tmp_path)
    path = yjs_return(run_cli, plan)
    lines = fill(path, {"CS-17": {"Value": typed}})

    result = import_return(run_cli, plan, path)

    assert result.exit_code == 2, result.output
    assert f"yjs-2026-27-Q2.csv: row {lines['CS-17']}, column Value: {message}" in result.output
    assert "not available: N" not in result.output
    assert monitoring(plan) is None


def test_n_a_with_the_reason_in_commentary_is_not_available(
    tmp_path: Path, run_cli: RunCli
) -> None:
    plan = copy_plan(tmp_path)
    path = yjs_return(run_cli, plan)
    fill(path, {"CS-17": {"Value": "N/A", "Commentary": "Case system migration"}})

    result = import_return(run_cli, plan, path)

    assert result.exit_code == 0, result.output
    figure = monitoring(plan)["figures"]["CS-17"][QUARTER]
    assert "value" not in figure
    assert figure["not_available"] == "Case system migration"


def test_a_return_reads_thousands_exactly(tmp_path: Path, run_cli: RunCli) -> None:
    plan = copy_plan(tmp_path)
    path = yjs_return(run_cli, plan)
    fill(path, {"CS-17": {"Value": " 1,250 "}})

    result = import_return(run_cli, plan, path, "--accept-unusual")

    assert result.exit_code == 0, result.output
    assert monitoring(plan)["figures"]["CS-17"][QUARTER]["value"] == 1250


# -- in a plan -------------------------------------------------------------------------------


def test_a_plan_target_written_with_a_decimal_comma_is_a_finding_at_its_line(
    tmp_path: Path, run_cli: RunCli
) -> None:
    text = EXAMPLE.read_text("utf-8")
    needle = "- {period: 2026/27, value: 9.2}"
    assert text.count(needle) == 1
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace(needle, "- {period: 2026/27, value: '9,2'}"), "utf-8")
    line = text[: text.index(needle)].count("\n") + 1

    result = run_cli("--as-of", AS_OF, "validate", plan)

    assert result.exit_code != 0, result.output
    assert f"plan.yaml:{line}:" in result.output
    assert "'9,2' is ambiguous" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("progress", "A1", "--status", "on_track", "--percent", "\u0663\u0660"), "ARABIC-INDIC"),
        (("progress", "A1", "--status", "on_track", "--percent", "1_0"), "'1_0' is not a number"),
        (("progress", "A1", "--status", "on_track", "--percent", "45.5"), "not a whole number"),
        (("score", "need", "--partner", "police", "--score", "\u0663"), "ARABIC-INDIC"),
    ],
)
def test_whole_numbers_on_the_command_line_use_the_same_reader(
    tmp_path: Path, run_cli: RunCli, args: tuple[str, ...], message: str
) -> None:
    plan = copy_plan(tmp_path)

    result = run_cli("--as-of", AS_OF, "record", *args, "--plan", plan, "--by", OFFICER)

    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (tmp_path / "monitoring").exists()


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
