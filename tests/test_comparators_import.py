"""``pmkit comparators import``: England's and the region's figures from a profiles download.

The download (tests/fixtures/profiles-ravensmere.csv) is in the layout of the
public-health profiles' data download, for the fictional Ravensmere
(E99999902) in the North West region, with a second region, an older year,
a row for men and an indicator the plan does not use. Expected values are
rounded by hand to the decimals of each indicator's baseline and targets.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from ruamel.yaml import YAML

from pmkit.comparator_import.choose import plan_period
from pmkit.periods import Calendar
from pmkit.statistics.comparators import parse_period

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "health-wellbeing"
DOWNLOAD = ROOT / "tests" / "fixtures" / "profiles-ravensmere.csv"
SOURCE = "OHID Fingertips data download, profiles-ravensmere.csv"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A copy of the health and wellbeing example."""
    folder = tmp_path / "health-wellbeing"
    shutil.copytree(EXAMPLE, folder)
    return folder / "plan.yaml"


def run(run_cli: RunCli, plan: Path, *args: str | Path) -> Result:
    return run_cli("--as-of", "2026-11-26", "comparators", "import", *args, "--plan", plan)


def comparators(plan: Path, indicator: str) -> list[dict[str, object]]:
    data = YAML(typ="safe").load(plan.read_text(encoding="utf-8"))
    found = next(item for item in data["indicators"] if item["id"] == indicator)
    return [{key: str(value) for key, value in entry.items()} for entry in found["comparators"]]


def test_england_and_the_region_are_written_into_the_plan(plan: Path, run_cli: RunCli) -> None:
    before = plan.read_text(encoding="utf-8")

    result = run(run_cli, plan, DOWNLOAD, "--area", "E99999902")

    assert result.exit_code == 0, result.output
    # HW-16's baseline (2,120) and targets are whole numbers: 1,983.7 -> 1,984, 2,109.4 -> 2,109.
    assert comparators(plan, "HW-16") == [
        {"kind": "national", "name": "England", "value": "1984", "period": "2023/24",
         "source": SOURCE},
        {"kind": "statistical_neighbours", "name": "CIPFA nearest neighbours", "value": "2060",
         "period": "2023/24", "source": "OHID Fingertips"},
        {"kind": "regional", "name": "North West region", "value": "2109", "period": "2023/24",
         "source": SOURCE},
    ]  # fmt: skip
    # Pooled calendar years 2022-24 sit at 2024/25, as the plan's own note says; the
    # region is the area's parent (North West), not the other region in the file.
    assert comparators(plan, "HW-09")[2] == {
        "kind": "regional", "name": "North West region", "value": "12.4", "period": "2024/25",
        "published_period": "2022 - 24", "source": SOURCE,
    }  # fmt: skip
    # The latest year the area has (2024), not 2023.
    assert comparators(plan, "HW-02")[0]["published_period"] == "2024"
    assert comparators(plan, "HW-02")[0]["value"] == "11.1"
    assert "replaced: HW-16: national England 1,984 (2023/24), replacing 1984 (2023/24)" in (
        result.output
    )
    assert "added: HW-16: regional North West region 2,109 (2023/24)" in result.output
    assert "no indicator in the plan has national_id fingertips:92906" in result.output
    assert "wrote " in result.output and "10 comparators added or replaced" in result.output
    after = plan.read_text(encoding="utf-8")
    # Only comparator lines change: every comment and every other line stays as it was.
    removed = set(before.splitlines()) - set(after.splitlines())
    added = set(after.splitlines()) - set(before.splitlines())
    assert len(removed) == 5 and len(added) == 10
    assert all(line.startswith("      - {kind: ") for line in removed | added)
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == [
        line for line in after.splitlines() if line.lstrip().startswith("#")
    ]
    again = run(run_cli, plan, DOWNLOAD, "--area", "Ravensmere")
    assert again.exit_code == 0, again.output
    assert "unchanged" in again.output
    assert plan.read_text(encoding="utf-8") == after
    assert run_cli("validate", plan).exit_code == 0


def test_a_dry_run_says_what_would_change_and_writes_nothing(plan: Path, run_cli: RunCli) -> None:
    before = plan.read_bytes()
    result = run(run_cli, plan, DOWNLOAD, "--area", "E99999902", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "added: HW-17: regional North West region 601 (2024/25)" in result.output
    assert "would write" in result.output
    assert plan.read_bytes() == before


def test_an_indicator_the_download_does_not_have_is_reported_with_exit_1(
    plan: Path, run_cli: RunCli
) -> None:
    text = plan.read_text(encoding="utf-8")
    text = text.replace("  - id: HW-01\n", "  - id: HW-01\n    national_id: fingertips:90362\n", 1)
    plan.write_text(text, encoding="utf-8")
    result = run(run_cli, plan, DOWNLOAD, "--area", "E99999902")
    assert result.exit_code == 1
    assert "not imported: HW-01: no row in the file for fingertips:90362" in result.output
    assert comparators(plan, "HW-16")[2]["name"] == "North West region"  # the rest are written


def test_a_newer_comparator_in_the_plan_is_kept(plan: Path, run_cli: RunCli) -> None:
    text = plan.read_text(encoding="utf-8").replace(
        '{kind: national, name: England, value: 1984, period: 2023/24, source: "OHID Fingertips, '
        'PHOF C29"}',
        "{kind: national, name: England, value: 1990, period: 2024/25, source: OHID Fingertips}",
    )
    plan.write_text(text, encoding="utf-8")
    result = run(run_cli, plan, DOWNLOAD, "--area", "E99999902")
    assert result.exit_code == 0, result.output
    assert "kept: HW-16: national England 1,984 (2023/24)" in result.output
    assert comparators(plan, "HW-16")[0]["value"] == "1990"


def test_several_age_bands_need_age(plan: Path, run_cli: RunCli, tmp_path: Path) -> None:
    lines = DOWNLOAD.read_text(encoding="utf-8").splitlines()
    other_age = [line.replace("65+ yrs", "80+ yrs") for line in lines if line.startswith("22401,")]
    download = tmp_path / "two-ages.csv"
    download.write_text("\n".join([*lines, *other_age]) + "\n", encoding="utf-8")
    result = run(run_cli, plan, download, "--area", "E99999902")
    assert result.exit_code == 1
    assert "HW-16: the file has fingertips:22401 for several age bands (65+ yrs, 80+ yrs)" in (
        result.output
    )
    chosen = run(run_cli, plan, download, "--area", "E99999902", "--age", "65+ yrs")
    assert chosen.exit_code == 0, chosen.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Indicator ID,Value\n1,2\n", "not a profiles data download: no column 'Indicator Name'"),
        (None, "no such file"),
    ],
)
def test_an_unreadable_download_is_refused_with_exit_2(
    plan: Path, run_cli: RunCli, tmp_path: Path, content: str | None, message: str
) -> None:
    download = tmp_path / "download.csv"
    if content is not None:
        download.write_text(content, encoding="utf-8")
    before = plan.read_bytes()
    result = run(run_cli, plan, download, "--area", "E99999902")
    assert result.exit_code == 2
    assert "download.csv" in result.output and message in result.output
    assert "Traceback" not in result.output
    assert plan.read_bytes() == before


def test_an_area_the_download_does_not_have_is_refused(plan: Path, run_cli: RunCli) -> None:
    result = run(run_cli, plan, DOWNLOAD, "--area", "E06000047")
    assert result.exit_code == 2
    assert "no row is for the area 'E06000047'" in result.output


@pytest.mark.parametrize(
    ("label", "start_month", "period", "published"),
    [
        ("2023/24", 4, "2023/24", None),
        ("2023/24 Q2", 4, "2023/24 Q2", None),
        ("2024", 4, "2024/25", "2024"),  # a calendar year sits at the year starting in it
        ("2022 - 24", 4, "2024/25", "2022 - 24"),
        ("2020/21 - 22/23", 4, "2022/23", "2020/21 - 22/23"),
        ("2024", 1, "2024", None),
        ("2023/24", 1, "2024", "2023/24"),  # ends in March 2024
    ],
)
def test_profiles_periods_become_the_plans_own(
    label: str, start_month: int, period: str, published: str | None
) -> None:
    found, kept = plan_period(parse_period(label), Calendar(start_month))
    assert (found.label, kept) == (period, published)


def test_a_plan_without_national_ids_has_nothing_to_import(tmp_path: Path, run_cli: RunCli) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copyfile(ROOT / "examples" / "community-safety" / "plan.yaml", plan)
    before = plan.read_bytes()
    result = run(run_cli, plan, DOWNLOAD, "--area", "E99999902")
    assert result.exit_code == 1
    assert "no indicator names a national_id" in result.output
    assert plan.read_bytes() == before
