"""A performance officer's day, end to end, with the installed `pmkit` in a git repository.

Each step runs `python -m pmkit` as a separate process, as a person at a
terminal would, and checks what they would look at afterwards: the files on
disk, what the command printed, its exit code and what git says has changed.
The day: start a plan, add a partner and its indicator, send returns to two
partners and load what comes back, record progress and a corrected final
figure, render the review in every format, and check everything once more
before committing.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from ruamel.yaml import YAML

AS_OF = "2026-11-26"  # 2026/27 Q2 (July to September) is the latest quarter that has ended
QUARTER = "2026/27 Q2"
YEAR = "2026/27"
OFFICER = "performance.officer@riverside.gov.uk"
NAME = "Riverside Community Safety Partnership"
INSTALL_FROM = "git+https://git.example.org/partnership/pmkit@v0.1.0"
MONITORING = Path("monitoring/2026-27-Q2.yaml")

# A new partner and an indicator it owns, typed into the plan as a person would.
FIRE_PARTNER = """\
  - id: fire
    name: Riverside Fire and Rescue
    kind: fire_and_rescue
    performance_system: Service performance framework
"""
FIRE_INDICATOR = """\
  - id: IND-03
    title: Deliberate fires (count)
    definition:
      text: Deliberate primary and secondary fires attended by the fire and rescue service.
    unit: count
    polarity: lower
    accumulation: year_to_date
    target_kind: local
    measure_type: outcome
    measures: achievement
    outcomes: [O1]
    owner:
      partner: fire
      role: Station manager, prevention
      embedded_in: Service performance framework
    audience: [board]
    decision: Where to target arson reduction work next quarter
    frequency: quarterly
    data_lag: 1 month
    source:
      name: Incident recording system
      collection: existing_system
      supplier: fire
      verification: Monthly incident data quality checks
    cost_to_collect: 300
    baseline: {period: 2025/26, value: 240, source: Incident recording system}
    targets:
      - {period: 2026/27, value: 220}
      - {period: 2027/28, value: 200}
    tolerance: 5%
    comparators:
      - {kind: family_group, name: Fire and rescue services family group}
"""
# What fixes the warning the new indicator brings: fire commits resources too.
FIRE_COMMITMENT = """\
          - partner: fire
            kind: in_kind
            value: 10000
            description: Fire prevention officer time
"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]


class Officer:
    """The performance officer at a terminal in the plan's repository."""

    def __init__(self, repo: Path, home: Path) -> None:
        self.repo = repo
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"FORCE_COLOR", "TTY_COMPATIBLE", "PMKIT_DEBUG", "PMKIT_AS_OF"}
            and not key.startswith("GIT_")
        }
        self.env.update(
            PMKIT_AS_OF=AS_OF,
            PMKIT_RECORDED_BY=OFFICER,
            NO_COLOR="1",
            COLUMNS="200",  # wide enough that no table cell wraps
            HOME=str(home),  # no one's own git configuration
            GIT_CONFIG_NOSYSTEM="1",
        )

    def run(self, *args: str, expect: int = 0) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            list(args), cwd=self.repo, env=self.env, capture_output=True, text=True, check=False
        )
        assert done.returncode == expect, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
        return done

    def pmkit(self, *args: str, expect: int = 0) -> subprocess.CompletedProcess[str]:
        return self.run(sys.executable, "-m", "pmkit", *args, expect=expect)

    def git(self, *args: str) -> str:
        return self.run("git", *args).stdout

    def changes(self) -> set[str]:
        """What `git status` shows, untracked files one by one."""
        return set(self.git("status", "--porcelain", "--untracked-files=all").splitlines())

    def monitoring(self) -> Any:
        return YAML(typ="safe", pure=True).load(self.repo / MONITORING)


def _insert_after(text: str, anchor: str, addition: str) -> str:
    assert text.count(anchor) == 1, anchor
    return text.replace(anchor, anchor + addition)


def _line_with(output: str, needle: str) -> str:
    lines = [line for line in output.splitlines() if needle in line]
    assert len(lines) == 1, (needle, output)
    return lines[0]


def test_a_performance_officers_day(tmp_path: Path) -> None:
    repo = tmp_path / "riverside"
    repo.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    officer = Officer(repo, home)
    officer.git("init", "-q")
    officer.git("config", "user.name", "Performance Officer")
    officer.git("config", "user.email", OFFICER)
    officer.git("config", "commit.gpgsign", "false")

    start_the_plan(officer)
    add_the_fire_service(officer)
    send_and_load_returns(officer)
    record_progress_and_a_corrected_figure(officer)
    render_the_review(officer)
    check_before_committing(officer)


def start_the_plan(officer: Officer) -> None:
    """Start the plan, with a CI workflow that installs pmkit from the partnership's git host."""
    repo = officer.repo
    started = officer.pmkit("init", ".", "--name", NAME, "--install-from", INSTALL_FROM)
    for name in (
        "plan.yaml",
        ".gitignore",
        "schemas/plan.schema.json",
        ".github/workflows/pmkit.yml",
    ):
        assert (repo / name).is_file(), name
        assert f"wrote {name}" in started.stdout
    assert f'name: "{NAME}"' in (repo / "plan.yaml").read_text(encoding="utf-8")
    assert INSTALL_FROM in (repo / ".github/workflows/pmkit.yml").read_text(encoding="utf-8")
    json.loads((repo / "schemas/plan.schema.json").read_text(encoding="utf-8"))
    assert "All clear: 1 file checked" in officer.pmkit("validate").stdout
    officer.git("add", "-A")
    officer.git("commit", "-q", "-m", "Start the partnership's plan")
    assert officer.changes() == set()


def add_the_fire_service(officer: Officer) -> None:
    """The fire service joins, with an indicator of its own and a target."""
    repo = officer.repo
    plan = repo / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    text = _insert_after(
        text, "    performance_system: Force performance framework\n", FIRE_PARTNER
    )
    text = _insert_after(
        text,
        "      - {kind: national, name: Crime Survey for England and Wales, value: 71}\n",
        FIRE_INDICATOR,
    )
    plan.write_text(text, encoding="utf-8")
    warned = officer.pmkit("validate")  # warnings only: exit 0, but the officer reads them
    assert "PRO003" in warned.stdout
    assert "Found 1 warning in 1 file." in warned.stdout
    text = _insert_after(
        plan.read_text(encoding="utf-8"),
        "            description: Neighbourhood officer time\n",
        FIRE_COMMITMENT,
    )
    plan.write_text(text, encoding="utf-8")
    clean = officer.pmkit("validate")
    assert "meets all 13 criteria" in clean.stdout
    assert "All clear: 1 file checked, nothing to report." in clean.stdout
    officer.git(
        "commit", "-q", "-am", "Fire and rescue join the partnership: IND-03 deliberate fires"
    )


def send_and_load_returns(officer: Officer) -> None:
    """Returns to police (Excel) and the council (CSV), each listing only what it owns."""
    repo = officer.repo
    made = officer.pmkit("returns", "generate", "--partner", "police", "-o", "police.xlsx")
    assert f"wrote police.xlsx: 2 rows for police, {QUARTER}" in made.stdout
    made = officer.pmkit(
        "returns", "generate", "--partner", "council", "-f", "csv", "-o", "council.csv"
    )
    assert f"wrote council.csv: 3 rows for council, {QUARTER}" in made.stdout
    fill_the_police_return(repo / "police.xlsx")
    fill_the_council_return(repo / "council.csv")
    load_the_returns(officer)


def fill_the_police_return(path: Path) -> None:
    """In Excel, as the police's analyst would."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Return"]
    header_row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Kind")
    column = {cell.value: cell.column for cell in sheet[header_row] if cell.value}
    police_rows = {
        (sheet.cell(r, column["Kind"]).value, sheet.cell(r, column["ID"]).value): r
        for r in range(header_row + 1, sheet.max_row + 1)
    }
    assert set(police_rows) == {("figure", "IND-01"), ("resource", "P1")}
    row = police_rows["figure", "IND-01"]
    sheet.cell(row, column["Value"]).value = 5.4
    sheet.cell(row, column["Status"]).value = "final"
    sheet.cell(row, column["Commentary"]).value = "Burglary down after the autumn operation"
    row = police_rows["resource", "P1"]
    sheet.cell(row, column["Value"]).value = 25000
    sheet.cell(row, column["Commentary"]).value = "Neighbourhood officer time to date"
    workbook.save(path)


def fill_the_council_return(path: Path) -> None:
    """In a text editor or a spreadsheet saving CSV, as the council's officer would."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    header_at = next(i for i, line in enumerate(lines) if line[:1] == ["Kind"])
    header = lines[header_at]
    filled = {
        "figure": {
            "Value": "66",
            "Status": "provisional",
            "Commentary": "Fewer feel safe after two high-profile incidents",
            "Remedial action": "Reassurance patrols in the three wards that feel least safe",
            "Remedial due": "31/01/2027",
        },
        "progress": {
            "Value": "60",
            "Status": "On track",
            "Commentary": "Scheme running; 140 homes made secure",
        },
        "resource": {"Value": "12000", "Commentary": "Locks bought and fitted"},
    }
    council_rows = [line for line in lines[header_at + 1 :] if line]
    assert [(line[0], line[1]) for line in council_rows] == [
        ("figure", "IND-02"),
        ("progress", "A1"),
        ("resource", "A1"),
    ]
    for line in council_rows:
        record = dict(zip(header, line, strict=True)) | filled[line[0]]
        line[:] = [record[name] for name in header]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(lines)


def load_the_returns(officer: Officer) -> None:
    """Preview the returns, import them, chase the partner still to send, commit."""
    repo = officer.repo
    preview = officer.pmkit("returns", "import", "police.xlsx", "council.csv", "--dry-run")
    assert "What importing would change" in preview.stdout
    for ident in ("IND-01", "P1", "IND-02", "A1"):
        assert ident in preview.stdout
    assert "would be added" in _line_with(preview.stdout, "IND-02")
    assert "dry run: 5 of 5 rows would change; nothing written" in preview.stdout
    assert not (repo / "monitoring").exists()

    imported = officer.pmkit("returns", "import", "police.xlsx", "council.csv")
    assert "imported 5 rows: 5 changed, 0 unchanged; wrote 2026-27-Q2.yaml" in imported.stdout
    data = officer.monitoring()
    assert data["figures"]["IND-01"][QUARTER]["value"] == 5.4
    assert data["figures"]["IND-01"][QUARTER]["source"] == "police.xlsx"
    assert data["figures"]["IND-02"][QUARTER]["recorded_by"] == OFFICER
    assert data["actions"]["A1"]["status"] == "on_track"
    assert data["resources"]["P1"]["police"]["amount"] == 25000
    assert data["remedial_actions"]["RA-2026-27-Q2-1"]["about"] == "IND-02"

    status = officer.pmkit("returns", "status")
    assert "complete" in _line_with(status.stdout, "Our Police")
    assert "complete" in _line_with(status.stdout, "Our Council")
    assert "missing" in _line_with(status.stdout, "│ Riverside Fire and Rescue")
    assert "Still to report: Riverside Fire and Rescue." in status.stdout

    officer.git("add", "-A")
    officer.git("commit", "-q", "-m", f"{QUARTER} returns from police and council")
    assert (repo / "monitoring/.2026-27-Q2.yaml.lock").exists()  # there, but ignored
    assert officer.changes() == set()
    loaded = (repo / MONITORING).read_bytes()
    again = officer.pmkit("returns", "import", "police.xlsx", "council.csv")
    assert "imported 5 rows: 0 changed, 5 unchanged; wrote no file" in again.stdout
    assert (repo / MONITORING).read_bytes() == loaded
    assert officer.changes() == set()


def record_progress_and_a_corrected_figure(officer: Officer) -> None:
    """Progress on an action, and fire's figure, taken by phone, then corrected."""
    repo = officer.repo
    progress = officer.pmkit(
        "record", "progress", "A1", "--status", "at_risk", "--percent", "65",
        "--commentary", "Lock supplier delayed; 40 homes waiting",
    )  # fmt: skip
    assert f"recorded: progress of A1 (at risk) for {QUARTER}" in progress.stdout
    recorded = officer.pmkit(
        "record", "figure", "IND-03", "118", "--final",
        "--commentary", "Deliberate fires year to date",
    )  # fmt: skip
    assert f"recorded: IND-03 {QUARTER} = 118 (final)" in recorded.stdout
    before = (repo / MONITORING).read_bytes()
    refused = officer.pmkit("record", "figure", "IND-03", "112", "--final", expect=2)
    assert "--replace-final" in refused.stderr
    assert "--reason" in refused.stderr
    assert (repo / MONITORING).read_bytes() == before
    reason = "Fire resubmission: six secondary fires were recoded as accidental"
    replaced = officer.pmkit(
        "record", "figure", "IND-03", "112", "--final", "--replace-final", "--reason", reason
    )
    assert "the earlier figure (118) is kept in its history" in replaced.stdout
    data = officer.monitoring()
    figure = data["figures"]["IND-03"][QUARTER]
    assert figure["value"] == 112
    assert [(old["value"], old["reason"]) for old in figure["history"]] == [(118, reason)]
    assert data["actions"]["A1"]["status"] == "at_risk"
    assert data["actions"]["A1"]["history"][0]["status"] == "on_track"
    history = officer.pmkit("history", "IND-03").stdout
    assert "replaced: Fire resubmission" in _line_with(history, "118")
    assert "current" in _line_with(history, "112")


def render_the_review(officer: Officer) -> None:
    """The review, in every format."""
    repo = officer.repo
    markdown = officer.pmkit("review").stdout
    assert markdown.startswith(f"# {NAME}: performance review, {QUARTER}")
    assert "| ✓ On target | IND-01 Neighbourhood crime" in markdown
    assert "| ✗ Off target | IND-02 Residents who feel safe" in markdown
    fires = next(
        line for line in markdown.splitlines() if line.startswith("| ! Near target | IND-03 ")
    )
    # Status, indicator, owner, period, actual, target.
    cells = [cell.strip() for cell in fires.strip("|").split("|")]
    assert cells[1] == "IND-03 Deliberate fires (count)"
    assert cells[3:6] == ["2026/27 Q2", "112", "110"]
    assert "RA-2026-27-Q2-1: Reassurance patrols" in markdown
    assert "Lock supplier delayed; 40 homes waiting" in markdown

    review = json.loads(officer.pmkit("review", "--format", "json").stdout, parse_float=Decimal)
    assert review["period"] == QUARTER
    indicators = {item["id"]: item for item in review["indicators"]}
    assert indicators["IND-01"]["actual"] == Decimal("5.4")
    assert indicators["IND-01"]["status"] == "green"
    assert indicators["IND-02"]["actual"] == 66
    assert indicators["IND-02"]["status"] == "red"
    assert indicators["IND-03"]["actual"] == 112

    officer.pmkit("review", "--format", "html", "-o", "review.html")
    html = (repo / "review.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "IND-03" in html
    assert NAME in html

    board = officer.pmkit("status").stdout
    assert f"{NAME}: {QUARTER}" in board
    table = board.index("\nStatus ")
    assert re.search(r"^✗ Off target +IND-02 ", board[:table], re.M)  # among the exceptions
    assert re.search(r"^✗ Off target +IND-02 ", board[table:], re.M)  # and in the table

    annual = officer.pmkit("review", "--year", YEAR).stdout
    assert annual.startswith(f"# {NAME}: annual review, {YEAR}")
    # Each quarter's status in words, as the legend promises, not as a colour's name; the
    # year is still running, so only the quarters that have ended (Q1 and Q2) are shown.
    assert _line_with(annual, "| IND-01").endswith("| no data, on target |")
    assert _line_with(annual, "| IND-02").endswith("| no data, off target |")
    assert _line_with(annual, "| IND-03").endswith("| no data, near target |")
    assert "**The year is still running**" in annual


def check_before_committing(officer: Officer) -> None:
    """Check everything once more, and see what there is to commit."""
    repo = officer.repo
    checked = officer.pmkit("validate").stdout
    assert "All clear: 2 files checked, nothing to report." in checked  # plan and monitoring
    officer.pmkit("validate", "--format", "sarif", "-o", "out.sarif")
    sarif = json.loads((repo / "out.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["tool"]["driver"]["name"] == "pmkit"
    assert sarif["runs"][0]["results"] == []

    assert officer.changes() == {f" M {MONITORING}", "?? out.sarif", "?? review.html"}
    assert officer.git("check-ignore", "monitoring/.2026-27-Q2.yaml.lock").strip()
