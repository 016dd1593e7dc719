"""Where returns are written and found: names, folders, and Excel's lock files left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmkit.periods import Calendar
from pmkit.returns.files import ReturnFileError, file_name, return_files

QUARTER = Calendar().parse("2026/27 Q2")


@pytest.mark.parametrize(
    ("partner", "expected"),
    [
        ("police", "police-2026-27-Q2.xlsx"),
        ("NHS Kestermoor ICB", "NHS-Kestermoor-ICB-2026-27-Q2.xlsx"),
        ("../../etc", "etc-2026-27-Q2.xlsx"),
        ("???", "partner-2026-27-Q2.xlsx"),
    ],
)
def test_a_return_is_named_after_its_partner_and_quarter(partner: str, expected: str) -> None:
    assert file_name(partner, QUARTER, "xlsx") == expected


def test_a_folder_gives_its_returns_but_not_excels_lock_files(tmp_path: Path) -> None:
    for name in ("police.xlsx", "council.CSV", "~$police.xlsx", ".hidden.csv", "notes.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")

    assert [path.name for path in return_files([tmp_path])] == ["council.CSV", "police.xlsx"]


def test_a_missing_file_or_an_empty_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReturnFileError, match=r"^no such file: .*fire\.xlsx$"):
        return_files([tmp_path / "fire.xlsx"])
    with pytest.raises(ReturnFileError, match=r"^no returns \(.xlsx or .csv files\) to import$"):
        return_files([tmp_path])
