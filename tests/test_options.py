"""Options that read the same in every command, as a performance officer types them.

Global options after the command, ``--period`` everywhere, ``--fail-on`` in
the report's words, ids in any case (with a suggestion when mistyped), UK
and ISO dates, usage lines and summaries that read as English, and an
``init`` that completes an existing plan repository.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import typer
from ruamel.yaml import YAML

from plan_repo import PlanRepo
from pmkit import __version__
from pmkit.cli import app
from pmkit.dates import DateError, parse_date
from pmkit.ids import UnknownId, find_id
from pmkit.review.result import Rag

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
OFFICER = "Performance officer"


def copy_plan(folder: Path) -> Path:
    plan = folder / "plan.yaml"
    plan.write_bytes(EXAMPLE.read_bytes())
    return plan


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def review_json(run_cli: RunCli, *args: str) -> dict[str, Any]:
    result = run_cli("review", "--plan", EXAMPLE, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def record(run_cli: RunCli, plan: Path, *args: str) -> Result:
    return run_cli("--as-of", "2026-11-26", "record", *args, "--plan", plan, "--by", OFFICER)


# -- global options after the command ---------------------------------------------------


def test_as_of_is_taken_after_the_command(run_cli: RunCli) -> None:
    november = review_json(run_cli, "--as-of", "2026-11-26")
    august = review_json(run_cli, "--as-of", "2026-08-01")

    assert (november["as_of"], november["period"]) == ("2026-11-26", "2026/27 Q2")
    assert (august["as_of"], august["period"]) == ("2026-08-01", "2026/27 Q1")


def test_as_of_after_the_command_wins_over_before_and_the_environment(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMKIT_AS_OF", "2026-05-05")
    result = run_cli(
        "--as-of", "2026-11-26", "validate", EXAMPLE, "-f", "json", "--as-of", "31/03/2026"
    )

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["as_of"] == "2026-03-31"


def test_as_of_is_taken_after_a_group_and_after_its_command(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)

    after_group = run_cli(
        "record",
        "--as-of",
        "2026-11-26",
        "figure",
        "CS-01",
        "88.2",
        "--plan",
        plan,
        "--by",
        OFFICER,
    )
    after_command = run_cli(
        "record",
        "progress",
        "A1",
        "--status",
        "on_track",
        "--plan",
        plan,
        "--by",
        OFFICER,
        "--as-of",
        "26/11/2026",
    )

    assert after_group.exit_code == 0, after_group.output
    assert after_group.stdout.startswith("recorded: CS-01 2026/27 Q2 = 88.2 (provisional)")
    assert after_command.exit_code == 0, after_command.output
    assert after_command.stdout.startswith("recorded: progress of A1 (on track) for 2026/27 Q2")


def test_version_is_taken_after_the_command(run_cli: RunCli) -> None:
    result = run_cli("review", "--version")

    assert result.exit_code == 0
    assert result.stdout == f"pmkit {__version__}\n"


def test_a_bad_as_of_after_the_command_is_exit_2(run_cli: RunCli) -> None:
    result = run_cli("validate", EXAMPLE, "--as-of", "31/02/2026")

    assert result.exit_code == 2
    assert "'31/02/2026' is not a date: February 2026 has no day 31" in result.stderr
    assert "Traceback" not in result.output


# -- --period everywhere ----------------------------------------------------------------


def test_review_and_status_take_period_and_still_read_quarter(run_cli: RunCli) -> None:
    by_period = run_cli(
        "--as-of", "2026-11-26", "review", "--plan", EXAMPLE, "--period", "2026/27 Q1"
    )
    by_quarter = run_cli(
        "--as-of", "2026-11-26", "review", "--plan", EXAMPLE, "--quarter", "2026/27 Q1"
    )
    status = run_cli("--as-of", "2026-11-26", "status", "--plan", EXAMPLE, "--period", "2026/27 Q1")

    assert by_period.exit_code == 0, by_period.output
    assert by_period.stdout == by_quarter.stdout
    assert "2026/27 Q1" in by_period.stdout.splitlines()[0]
    assert status.exit_code == 0, status.output
    assert "Safer Kestermoor Partnership: 2026/27 Q1" in status.stdout


def test_a_year_as_the_period_is_the_annual_review(run_cli: RunCli) -> None:
    by_period = run_cli("--as-of", "2026-11-26", "review", "--plan", EXAMPLE, "--period", "2025/26")
    by_year = run_cli("--as-of", "2026-11-26", "review", "--plan", EXAMPLE, "--year", "2025/26")

    assert by_period.exit_code == 0, by_period.output
    assert by_period.stdout == by_year.stdout


def test_a_score_takes_its_year_as_the_period(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    result = record(
        run_cli,
        plan,
        "score",
        "trust",
        "--partner",
        "police",
        "--score",
        "3",
        "--period",
        "2025/26",
    )

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("recorded: police's score for trust (3) for 2025/26")
    assert (
        load(tmp_path / "monitoring" / "2025-26.yaml")["self_assessment"]["trust"]["police"][
            "score"
        ]
        == 3
    )


# -- --fail-on in the report's words ----------------------------------------------------


@pytest.mark.parametrize(
    ("words", "code"),
    [
        ("off-target", 1),  # three indicators are off target in 2026/27 Q2
        ("red", 1),
        ("Off target", 1),
        ("near-target", 1),  # and six near it
        ("no-data", 1),
    ],
)
def test_fail_on_takes_the_reports_words_and_the_colours(
    run_cli: RunCli, words: str, code: int
) -> None:
    result = run_cli(
        "--as-of",
        "2026-11-26",
        "review",
        "--plan",
        EXAMPLE,
        "--period",
        "2026/27 Q2",
        "--fail-on",
        words,
    )

    assert result.exit_code == code, result.output


def test_fail_on_passes_when_no_indicator_has_the_statuses(run_cli: RunCli) -> None:
    # In 2025/26 every indicator of the example is a contextual measure: no target yet.
    args = ("--as-of", "2026-11-26", "review", "--plan", EXAMPLE, "--period", "2025/26 Q1")

    assert (
        run_cli(*args, "--fail-on", "off-target,near-target", "--fail-on", "no-data").exit_code == 0
    )
    assert run_cli(*args, "--fail-on", "no-target").exit_code == 1


def test_status_words_are_read_however_they_are_typed() -> None:
    assert Rag.from_option("amber") is Rag.AMBER
    assert Rag.from_option(" Near_Target ") is Rag.AMBER
    assert Rag.from_option("off target") is Rag.RED
    assert Rag.from_option("no_data") is Rag.NO_DATA
    with pytest.raises(ValueError, match="'purple' is not a status"):
        Rag.from_option("purple")


# -- ids in any case, and a suggestion ---------------------------------------------------


def test_an_indicator_id_is_found_in_any_case(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    result = record(run_cli, plan, "figure", "cs-01", "88.2", "--period", "2026/27 Q2")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("recorded: CS-01 2026/27 Q2 = 88.2 (provisional)")
    figures = load(tmp_path / "monitoring" / "2026-27-Q2.yaml")["figures"]
    assert list(figures) == ["CS-01"]
    assert figures["CS-01"]["2026/27 Q2"]["value"] == 88.2


def test_a_mistyped_indicator_id_suggests_the_nearest(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    result = record(run_cli, plan, "figure", "cs01", "88.2")

    assert result.exit_code == 2
    assert result.stderr == (
        "pmkit: not recorded: the plan has no indicator with the id 'cs01': did you mean 'CS-01'?\n"
    )
    assert not (tmp_path / "monitoring").exists()


def test_action_partner_and_principle_ids_are_found_in_any_case(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)

    progress = record(run_cli, plan, "progress", "a1", "--status", "on_track")
    resource = record(run_cli, plan, "resource", "a1", "--partner", "Police", "--amount", "5000")
    score = record(run_cli, plan, "score", "TRUST", "--partner", "COUNCIL", "--score", "3")
    remedial = record(
        run_cli,
        plan,
        "remedial",
        "cs-01",
        "--action",
        "Retail crime plan",
        "--owner",
        "POLICE",
        "--due",
        "31/01/2027",
    )

    assert progress.stdout.startswith("recorded: progress of A1 (on track) for 2026/27 Q2")
    assert resource.stdout.startswith("recorded: £5,000 from police to A1 for 2026/27 Q2")
    assert score.stdout.startswith("recorded: council's score for trust (3) for 2026/27")
    assert remedial.stdout.startswith("recorded: a remedial action on CS-01")
    quarter = load(tmp_path / "monitoring" / "2026-27-Q2.yaml")
    assert list(quarter["actions"]) == ["A1"]
    (agreed,) = quarter["remedial_actions"].values()
    assert (agreed["about"], agreed["owner"]["partner"]) == ("CS-01", "police")


def test_history_and_returns_find_ids_in_any_case(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    assert record(run_cli, plan, "figure", "CS-01", "88.2", "--period", "2026/27 Q2").exit_code == 0

    history = run_cli("history", "cs-01", "--plan", plan)
    generated = run_cli(
        "--as-of",
        "2026-11-26",
        "returns",
        "generate",
        "--partner",
        "Police",
        "--format",
        "csv",
        "-o",
        tmp_path / "police.csv",
        "--plan",
        plan,
    )
    unknown = run_cli(
        "--as-of", "2026-11-26", "returns", "generate", "--partner", "polise", "--plan", plan
    )

    assert history.exit_code == 0, history.output
    assert "History of CS-01" in history.stdout
    assert generated.exit_code == 0, generated.output
    assert generated.stdout.startswith(f"wrote {tmp_path / 'police.csv'}: ")
    assert "for police, 2026/27 Q2" in generated.stdout
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        "pmkit: the plan has no partner with the id 'polise': did you mean 'police'?\n"
    )


def test_find_id_prefers_exact_then_case_and_never_guesses_between_two() -> None:
    known = ["CS-01", "cs-01", "CS-02", "NI 16"]

    assert find_id("cs-01", known, noun="indicator") == "cs-01"
    assert find_id("ni 16", known, noun="indicator") == "NI 16"
    assert find_id(" CS-02 ", known, noun="indicator") == "CS-02"
    with pytest.raises(UnknownId) as twice:
        find_id("Cs-01", known, noun="indicator")
    assert str(twice.value) == (
        "'Cs-01' could be 'CS-01' or 'cs-01': give the indicator exactly as the plan has it"
    )
    with pytest.raises(UnknownId) as listed:
        find_id("honesty", ["need", "trust"], noun="principle", listed=True)
    assert str(listed.value) == "the plan has no principle 'honesty' (the plan's: need, trust)"


@pytest.mark.parametrize(
    ("given", "suggested"),
    [("CS-1", "CS-01"), ("cs 10", "CS-10"), ("CS-001", "CS-01"), ("CS-O1", "CS-01")],
)
def test_the_suggestion_is_the_id_with_the_same_letters_and_numbers(
    given: str, suggested: str
) -> None:
    with pytest.raises(UnknownId) as raised:
        find_id(given, ["CS-01", "CS-10", "CS-11"], noun="indicator with the id")
    assert str(raised.value) == (
        f"the plan has no indicator with the id '{given}': did you mean '{suggested}'?"
    )


# -- UK and ISO dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-01-31", date(2027, 1, 31)),
        ("31/01/2027", date(2027, 1, 31)),
        ("31/1/27", date(2027, 1, 31)),
        ("31-01-2027", date(2027, 1, 31)),
        ("31.01.2027", date(2027, 1, 31)),
        ("31 January 2027", date(2027, 1, 31)),
        ("1st Feb 2027", date(2027, 2, 1)),
        ("01/02/2027", date(2027, 2, 1)),  # day first: the first of February
        ("29/02/2028", date(2028, 2, 29)),
    ],
)
def test_dates_are_read_uk_or_iso(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "01/31/2027",
            "'01/31/2027' is not a date: there is no month 31; "
            "write the day first, as 31/01/2027 or 2027-01-31",
        ),
        ("29/02/2027", "'29/02/2027' is not a date: February 2027 has no day 29"),
        ("2027/01/31", "'2027/01/31' is not a date: write it as 31/01/2027 or 2027-01-31"),
        ("next Friday", "'next Friday' is not a date: write it as 31/01/2027 or 2027-01-31"),
        (
            "01/01/0001",
            "the date 0001-01-01 is out of range: pmkit works with years from 1900 to 2200",
        ),
    ],
)
def test_what_is_not_a_date_says_how_to_write_one(text: str, message: str) -> None:
    with pytest.raises(DateError) as raised:
        parse_date(text)
    assert str(raised.value) == message


@pytest.mark.parametrize("due", ["31/01/2027", "2027-01-31"])
def test_a_remedial_action_is_due_on_a_uk_or_iso_date(
    run_cli: RunCli, tmp_path: Path, due: str
) -> None:
    plan = copy_plan(tmp_path)

    result = record(
        run_cli,
        plan,
        "remedial",
        "CS-01",
        "--action",
        "Retail crime plan",
        "--owner",
        "police",
        "--due",
        due,
    )

    assert result.exit_code == 0, result.output
    (agreed,) = load(tmp_path / "monitoring" / "2026-27-Q2.yaml")["remedial_actions"].values()
    assert agreed["due"] == "2027-01-31"


def test_a_us_date_is_refused_with_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)

    result = record(
        run_cli,
        plan,
        "remedial",
        "CS-01",
        "--action",
        "Retail crime plan",
        "--owner",
        "police",
        "--due",
        "01/31/2027",
    )

    assert result.exit_code == 2
    assert "there is no month 31; write the day first" in result.stderr
    assert not (tmp_path / "monitoring").exists()


def test_diff_since_takes_a_uk_date(run_cli: RunCli, tmp_path: Path) -> None:
    repo = PlanRepo(tmp_path / "kestermoor")
    repo.commit(EXAMPLE.read_text(encoding="utf-8"), "2026-03-19", "Plan for 2026/27 agreed")

    uk = run_cli("diff", "--since", "01/04/2026", "--plan", repo.plan)
    iso = run_cli("diff", "--since", "2026-04-01", "--plan", repo.plan)

    assert uk.exit_code == 0, uk.output
    assert uk.stdout == iso.stdout
    assert uk.stdout.startswith("Changes to the plan from 1 April 2026 (")


# -- readable help ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def helps() -> dict[tuple[str, ...], str]:
    """What ``pmkit ... --help`` shows for every command and group, built once."""
    found: dict[tuple[str, ...], str] = {}

    def walk(command: Any, path: tuple[str, ...], parent: Any) -> None:
        context = typer.Context(command, info_name=path[-1] if path else "pmkit", parent=parent)
        found[path] = command.get_help(context)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name), context)

    walk(typer.main.get_command(app), (), None)
    return found


def test_help_names_what_is_wanted_never_a_python_type(
    helps: dict[tuple[str, ...], str], run_cli: RunCli
) -> None:
    assert ("returns", "import") in helps
    for command, text in helps.items():
        # Python's types (<str>, <list[Path]>) and Typer's braces ({ID}) read as code.
        shown = re.findall(r"<[a-z][^<>\s]*>|\{\w[^{}\s]*\}|\bPATH\b", text)
        assert not shown, f"pmkit {' '.join(command)} --help shows {shown}:\n{text}"

    assert helps["returns", "import"].startswith("Usage: pmkit returns import [OPTIONS] FILE...\n")
    assert helps["record", "close"].startswith("Usage: pmkit record close [OPTIONS] ID\n")
    assert helps["validate",].startswith("Usage: pmkit validate [OPTIONS] [PLAN]...\n")
    record_help = run_cli("record", "figure", "--help").stdout
    assert record_help.startswith("Usage: pmkit record figure [OPTIONS] INDICATOR [VALUE]\n")
    for option in ("--period PERIOD", "--plan PLAN", "--as-of DATE", "--by WHO"):
        assert option in record_help


def test_command_lists_show_every_summary_whole(helps: dict[tuple[str, ...], str]) -> None:
    for command, text in helps.items():
        if not command:
            continue
        listing = " ".join(helps[command[:-1]].split("Commands:")[1].split())
        summary = " ".join(text.split("\n\n")[1].split())
        assert f"{command[-1]} {summary}" in listing, f"pmkit {' '.join(command)}: summary cut"
        assert not summary.endswith("...")


# -- init completes an existing plan repository ----------------------------------------------


def test_init_adds_the_workflow_to_a_repository_that_has_a_plan(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = copy_plan(tmp_path)
    own = plan.read_bytes()
    source = "git+https://git.example.org/partnership/pmkit@v0.1.0"

    result = run_cli("init", tmp_path, "--install-from", source)

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"wrote {tmp_path / '.gitignore'}",
        f"wrote {tmp_path / 'schemas' / 'plan.schema.json'}",
        f"wrote {tmp_path / '.github' / 'workflows' / 'pmkit.yml'}",
        f"left {plan} as it was (already there)",
        f"Next: run pmkit validate {plan}",
    ]
    assert plan.read_bytes() == own
    workflow = (tmp_path / ".github" / "workflows" / "pmkit.yml").read_text(encoding="utf-8")
    assert "'pmkit @ git+https://git.example.org/partnership/pmkit@v0.1.0'" in workflow


def test_init_never_overwrites_a_workflow_already_there(run_cli: RunCli, tmp_path: Path) -> None:
    copy_plan(tmp_path)
    workflow = tmp_path / ".github" / "workflows" / "pmkit.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("# our own workflow\n", encoding="utf-8")

    result = run_cli("init", tmp_path, "--install-from", "tools/pmkit-0.1.0-py3-none-any.whl")

    assert result.exit_code == 0, result.output
    assert f"left {workflow} as it was (already there)" in result.stdout
    assert "No CI workflow written" not in result.stdout
    assert workflow.read_text(encoding="utf-8") == "# our own workflow\n"
