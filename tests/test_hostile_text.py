"""Text is text: markup and control characters in every field reach the user literally.

Rich reads ``[bold]`` as markup and would stop at ``[/x]``; a terminal obeys
ESC sequences, and a right-to-left override reorders what a reader sees. So
each value a user or a partner supplies (a partner's name, an indicator's
title, a commentary, a reason, ``--by``, a path) is printed as it is, with
each control character shown (``\\x1b``), and refused where it is recorded.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from ruamel.yaml import YAML

from pmkit.plaintext import control_problem, visible

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety"
AS_OF = "2026-11-26"
QUARTER = "2026/27 Q2"

MARKUP = "[/x] [bold]B[/bold] [link=https://evil.example]L[/link] :smile:"
CONTROL = "\x1b[2J\x1b]52;c;cHduZWQ=\x07\u202eevil"
SHOWN = "\\x1b[2J\\x1b]52;c;cHduZWQ=\\x07<U+202E>evil"
NEWLINE_KEY = "oops\n::error file=plan.yaml::pwned"


# -- the pieces ---------------------------------------------------------------------------


def test_control_characters_are_shown_on_one_line() -> None:
    assert visible(CONTROL) == SHOWN
    assert visible("a\tb\nc\r\x85d\u2066e") == "a\\tb\\nc\\r\\x85d<U+2066>e"
    assert visible("a\tb\nc\x00", lines=True) == "a\tb\nc\\x00"
    assert visible(MARKUP) == MARKUP
    assert visible("Café — £5, 10%") == "Café — £5, 10%"


def test_recorded_text_refuses_controls_and_overrides() -> None:
    assert control_problem("Up 2% on Q1\tsee note") is None
    assert control_problem("first line\r\nsecond", lines=True) is None
    assert control_problem("a\x1bb") == (
        "contains the control character U+001B: write it as plain text"
    )
    assert control_problem("a\u202eb") == (
        "contains the right-to-left or embedding override U+202E: write it as plain text"
    )
    assert control_problem("a\nb") == "contains the line break U+000A: write it as plain text"
    assert control_problem("a\x9bb", lines=True) == (
        "contains the control character U+009B: write it as plain text"
    )


# -- a plan full of hostile text ----------------------------------------------------------


def pmkit(run_cli: RunCli, *args: str | Path) -> Result:
    return run_cli("--as-of", AS_OF, *args)


def normal(result: Result, *codes: int) -> str:
    """The output of a command that ended normally (no internal error), with no raw controls."""
    output = result.output
    assert result.exit_code in (codes or (0, 1, 2)), output
    assert "internal error" not in output and "Traceback" not in output, output
    assert "\x1b" not in output and "\u202e" not in output and "\x07" not in output, output
    return output


def literal(output: str, text: str) -> None:
    """``text`` appears in ``output`` as it is (Rich may fold it across a table's lines)."""
    assert "".join(text.split()) in "".join(output.replace("│", "").split()), output


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide terminal, so tables fold less."""
    monkeypatch.setenv("COLUMNS", "400")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The example, under a folder with markup in its name, with markup and controls in text.

    The police are named with markup, CS-01's title carries controls, CS-01's Q2
    commentary and recorder carry markup and controls, and CS-02's Q2 figure is
    not available for a reason full of markup.
    """
    folder = tmp_path / "a[bold]b[" / "x]c"
    shutil.copytree(EXAMPLE, folder)
    plan = folder / "plan.yaml"
    yaml = YAML()
    yaml.width = 4096
    data = yaml.load(plan)
    police = next(item for item in data["partners"] if item["id"] == "police")
    police["name"] = f"{MARKUP} Police"
    indicator = next(item for item in data["indicators"] if item["id"] == "CS-01")
    indicator["title"] = f"Crime {CONTROL} {MARKUP}"
    with plan.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    quarter = folder / "monitoring" / "2026-27-Q2.yaml"
    monitoring = yaml.load(quarter)
    figure = monitoring["figures"]["CS-01"][QUARTER]
    figure["commentary"] = f"{MARKUP} {CONTROL}"
    figure["recorded_by"] = f"{MARKUP} {CONTROL}"
    figure["status"] = "provisional"
    other = monitoring["figures"]["CS-02"][QUARTER]
    del other["value"]
    other["not_available"] = f"{MARKUP} because"
    with quarter.open("w", encoding="utf-8") as handle:
        yaml.dump(monitoring, handle)
    return plan


def test_validate_prints_markup_and_controls_literally(
    hostile: Path, run_cli: RunCli, wide: None
) -> None:
    output = normal(pmkit(run_cli, "validate", hostile))
    literal(output, str(hostile))
    # Once the path holds only markup, and a finding carries it.
    yaml = YAML()
    yaml.width = 4096
    data = yaml.load(hostile)
    data["partners"][0][NEWLINE_KEY] = "x"
    data["partners"][0][MARKUP] = "y"
    with hostile.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    for form in ("text", "github"):
        output = normal(pmkit(run_cli, "validate", "-f", form, hostile), 1)
        for line in output.splitlines():
            assert not line.startswith("::error file=plan.yaml"), output
            assert "pwned" not in line or "oops" in line, output
    text = normal(pmkit(run_cli, "validate", hostile), 1)
    literal(text, MARKUP)
    literal(text, "oops\\n::error file=plan.yaml::pwned")
    literal(text, str(hostile))


def test_history_prints_recorder_and_commentary_literally(
    hostile: Path, run_cli: RunCli, wide: None
) -> None:
    output = normal(pmkit(run_cli, "history", "CS-01", "--plan", hostile), 0)
    literal(output, f"{MARKUP} {SHOWN}")
    output = normal(pmkit(run_cli, "history", "CS-02", "--plan", hostile), 0)
    assert "not available" in output


def test_returns_status_prints_a_partner_named_with_markup(
    hostile: Path, run_cli: RunCli, wide: None
) -> None:
    output = normal(pmkit(run_cli, "returns", "status", "--plan", hostile, "--period", QUARTER))
    literal(output, f"{MARKUP} Police")


def test_status_and_review_print_the_title_literally(
    hostile: Path, run_cli: RunCli, wide: None
) -> None:
    output = normal(pmkit(run_cli, "status", "--plan", hostile, "--quarter", QUARTER), 0)
    literal(output, f"Crime {SHOWN} {MARKUP}")
    result = pmkit(run_cli, "review", "--plan", hostile, "--quarter", QUARTER, "-f", "json")
    assert result.exit_code == 0, result.output
    titles = [item["title"] for item in json.loads(result.stdout)["indicators"]]
    assert f"Crime {CONTROL} {MARKUP}" in titles


def _police_return(run_cli: RunCli, plan: Path, folder: Path) -> Path:
    result = pmkit(
        run_cli, "returns", "generate", "--partner", "police", "-f", "csv",
        "--period", QUARTER, "-o", folder / "police.csv", "--plan", plan,
    )  # fmt: skip
    normal(result, 0)
    return folder / "police.csv"


def _fill(path: Path, commentary: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = next(i for i, row in enumerate(rows) if row and row[0] == "Kind")
    columns = rows[header]
    first = rows[header + 1]
    first[columns.index("Value")] = "80"
    first[columns.index("Status")] = "provisional"
    first[columns.index("Commentary")] = commentary
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_returns_import_dry_run_prints_markup_literally(
    hostile: Path, run_cli: RunCli, tmp_path: Path, wide: None
) -> None:
    folder = tmp_path / "in[/x]box"
    folder.mkdir(parents=True)
    path = _police_return(run_cli, hostile, folder)
    _fill(path, MARKUP)
    output = normal(
        pmkit(run_cli, "returns", "import", path, "--dry-run", "--plan", hostile, "--by", MARKUP),
        0,
    )
    literal(output, "police.csv")
    assert "nothing written" in output


def test_a_return_with_control_characters_is_refused_naming_the_cell(
    hostile: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    path = _police_return(run_cli, hostile, tmp_path)
    _fill(path, f"fine {CONTROL}")
    before = sorted((hostile.parent / "monitoring").iterdir())
    texts = [p.read_bytes() for p in before]
    result = pmkit(run_cli, "returns", "import", path, "--plan", hostile, "--by", "officer")
    output = normal(result, 2)
    assert "column Commentary: contains the control character U+001B" in output
    assert [p.read_bytes() for p in before] == texts


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["record", "figure", "CS-01", "80", "--by", f"x{CONTROL}"], "--by contains"),
        (["record", "figure", "CS-01", "80", "--by", "a", "--commentary", CONTROL], "--commentary"),
        (["record", "figure", "CS-01", "--not-available", "a\u202eb", "--by", "a"],
         "--not-available contains the right-to-left"),
        (["record", "figure", "CS-01", "80", "--by", "a", "--replace-final",
          "--reason", "x\x1b[1m"], "--reason contains the control"),
        (["record", "progress", "A1", "--status", "on_track", "--by", "a",
          "--commentary", "\x9b2J"], "--commentary contains the control character U+009B"),
        (["record", "remedial", "CS-01", "--action", "do\nit", "--owner", "police",
          "--due", "2027-01-31", "--by", "a"], "--action contains the line break"),
        (["record", "close", "RA-1", "--note", "\u2066x", "--by", "a"], "--note contains"),
        (["record", "score", "need", "--partner", "police", "--score", "3", "--by", "a",
          "--comment", "\x00"], "--comment contains"),
    ],
)  # fmt: skip
def test_recorded_text_with_control_characters_is_refused(
    hostile: Path, run_cli: RunCli, args: list[str], named: str
) -> None:
    monitoring = hostile.parent / "monitoring"
    before = {path.name: path.read_bytes() for path in monitoring.iterdir()}
    output = normal(pmkit(run_cli, *args, "--plan", hostile), 2)
    assert named in output
    assert {path.name: path.read_bytes() for path in monitoring.iterdir()} == before


def test_recorder_from_the_environment_is_checked_too(
    hostile: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMKIT_RECORDED_BY", "officer\x1b]0;title\x07")
    output = normal(pmkit(run_cli, "record", "figure", "CS-01", "80", "--plan", hostile), 2)
    assert "PMKIT_RECORDED_BY contains the control character U+001B" in output


def test_a_markup_recorder_is_recorded_and_shown_literally(
    hostile: Path, run_cli: RunCli, wide: None
) -> None:
    result = pmkit(
        run_cli, "record", "progress", "A1", "--status", "at_risk", "--by", MARKUP,
        "--commentary", MARKUP, "--plan", hostile,
    )  # fmt: skip
    literal(normal(result, 0), "progress of A1")
    output = normal(pmkit(run_cli, "history", "A1", "--plan", hostile), 0)
    literal(output, MARKUP)


def test_messages_show_controls_in_ids_and_paths(run_cli: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / f"no[/x]{CONTROL}.yaml"
    output = normal(pmkit(run_cli, "validate", missing), 2)
    assert "[/x]" in output and "\\x1b[2J" in output


def test_every_validate_format_shows_control_characters(
    hostile: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    from xml.etree import ElementTree

    yaml = YAML()
    yaml.width = 4096
    data = yaml.load(hostile)
    data["partners"][0][f"key{CONTROL}"] = "x"
    data["partners"][0][NEWLINE_KEY] = "y"
    with hostile.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    for form in ("text", "github", "junit", "sarif", "json"):
        out = tmp_path / f"findings.{form}"
        normal(pmkit(run_cli, "validate", "-f", form, "-o", out, hostile), 1)
        text = out.read_text(encoding="utf-8")
        assert "\x1b" not in text and "\u202e" not in text, (form, text)
        if form == "junit":
            assert "key\\x1b[2J" in ElementTree.tostring(
                ElementTree.fromstring(text), encoding="unicode"
            )
        elif form in ("sarif", "json"):
            assert "\\u001b[2J" in text and "\\u202e" in text  # escaped in the file
            assert json.loads(text)
        else:
            assert f"key{SHOWN}" in text, text
            for line in text.splitlines():
                assert not line.startswith("::error file=plan.yaml::pwned"), text
                if form == "github":
                    assert line.startswith("::"), text


def test_reviews_show_control_characters(hostile: Path, run_cli: RunCli) -> None:
    for form in ("md", "html"):
        result = pmkit(run_cli, "review", "--plan", hostile, "--quarter", QUARTER, "-f", form)
        output = normal(result, 0)
        # Markdown and HTML escape the backslashes, brackets and <> of what is shown.
        shown = output.replace("\\\\", "\\").replace("\\[", "[").replace("\\]", "]")
        shown = shown.replace("&lt;", "<").replace("&gt;", ">")
        assert SHOWN in shown, form


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
