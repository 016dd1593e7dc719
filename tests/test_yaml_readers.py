"""Either YAML reader, the same findings: yaml-rs when installed, pmkit's own otherwise.

``PMKIT_YAML_READER=ruamel`` turns the fast reader off; an officer whose
machine cannot install yaml-rs gets it off without asking. Either way
``pmkit validate`` must say the same about every plan.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pmkit.load import reader as reader_module
from pmkit.load.problems import LoadProblem
from pmkit.load.reader import READER_VARIABLE, parse_yaml, reader_in_use

if TYPE_CHECKING:
    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-26"
EXAMPLES = sorted(ROOT.glob("examples/*/plan.yaml"))


def validate(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, reader: str, *args: Any) -> Any:
    if reader:
        monkeypatch.setenv(READER_VARIABLE, reader)
    else:
        monkeypatch.delenv(READER_VARIABLE, raising=False)
    return run_cli("--as-of", AS_OF, "validate", *args)


@pytest.mark.parametrize("plan", EXAMPLES, ids=lambda path: path.parent.name)
def test_each_example_gets_the_same_findings_with_either_reader(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, plan: Path
) -> None:
    fast = validate(run_cli, monkeypatch, "", "--format", "json", plan)
    fallback = validate(run_cli, monkeypatch, "ruamel", "--format", "json", plan)
    text_fast = validate(run_cli, monkeypatch, "", plan)
    text_fallback = validate(run_cli, monkeypatch, "ruamel", plan)

    assert fast.exit_code == fallback.exit_code, (fast.output, fallback.output)
    assert json.loads(fast.stdout) == json.loads(fallback.stdout)
    assert text_fast.stdout == text_fallback.stdout
    assert text_fast.exit_code == text_fallback.exit_code


def test_the_examples_have_findings_to_compare(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The comparison above means something: the first draft has findings at lines and columns."""
    [draft] = [plan for plan in EXAMPLES if plan.parent.name == "first-draft"]
    result = validate(run_cli, monkeypatch, "ruamel", "--format", "json", draft)
    findings = json.dumps(json.loads(result.stdout))
    assert result.exit_code in (0, 1)
    assert '"line"' in findings


BAD_PLANS = {
    "unclosed bracket": "format_version: 1\npartnership: [unclosed\n",
    "duplicate key": "format_version: 1\npartnership:\n  name: A\n  name: B\n",
    "python tag": "format_version: 1\npartnership: !!python/object/apply:os.system [ls]\n",
    "local tag": "format_version: 1\npartnership: !partner {name: A}\n",
    "merge key": "base: &b {name: A}\nformat_version: 1\npartnership:\n  <<: *b\n",
    "two documents": "format_version: 1\n---\nformat_version: 1\n",
    "too deep": "format_version: 1\nx: " + "[" * 70 + "]" * 70 + "\n",
    "alias bomb": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n" for a, b in zip("abcde", "bcdef", strict=True)
    )
    + "format_version: 1\n",
    "number key": "format_version: 1\n2026: extra\n",
    "unknown alias": "format_version: 1\npartnership: *nowhere\n",
}


@pytest.mark.parametrize("name", sorted(BAD_PLANS))
def test_bad_plans_are_refused_alike_by_either_reader(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(BAD_PLANS[name], encoding="utf-8")

    fast = validate(run_cli, monkeypatch, "yaml-rs", plan)
    fallback = validate(run_cli, monkeypatch, "ruamel", plan)

    assert "Traceback" not in fast.output + fallback.output
    assert fast.exit_code == fallback.exit_code, (fast.output, fallback.output)
    first_fast = fast.stdout.splitlines()[0]
    first_fallback = fallback.stdout.splitlines()[0]
    assert first_fast.split(" ")[:2] == first_fallback.split(" ")[:2], (first_fast, first_fallback)


@pytest.mark.parametrize(
    ("name", "code", "line", "column"),
    [
        ("unclosed bracket", "YML001", 2, 14),
        ("duplicate key", "YML007", 4, 3),
        ("python tag", "YML005", 2, 14),
        ("local tag", "YML005", 2, 14),
        ("merge key", "YML005", 4, 3),
        ("two documents", "YML008", None, None),
        ("too deep", "YML006", 1, 1),
        ("alias bomb", "YML004", 2, 8),
        ("unknown alias", "YML001", 2, 14),
    ],
)
def test_the_fallback_reader_places_each_refusal(
    name: str, code: str, line: int | None, column: int | None
) -> None:
    with pytest.raises(LoadProblem) as refused:
        parse_yaml(BAD_PLANS[name], reader="ruamel")
    assert (refused.value.code, refused.value.line, refused.value.column) == (code, line, column)


@pytest.mark.parametrize("reader", ["yaml-rs", "ruamel"])
@pytest.mark.parametrize("number", ["9" * 5000, "0x" + "F" * 5000, "1_" * 4400])
@pytest.mark.parametrize("where", ["x: {}", "x: [1, {}]", "- {}"])
def test_a_number_too_long_to_show_is_refused_not_a_crash(
    reader: str, number: str, where: str
) -> None:
    text = "format_version: 1\n" + where.format(number) + "\n"
    if where.startswith("-"):
        text = where.format(number) + "\n"
    with pytest.raises(LoadProblem) as refused:
        parse_yaml(text, reader=reader)
    assert refused.value.code == "YML001"
    assert refused.value.message == (
        "a number in the file has more than 4,300 digits: no plan needs one that long"
    )
    line = 1 if where.startswith("-") else 2
    assert (refused.value.line, refused.value.column) == (line, where.index("{") + 1)


def test_a_long_number_short_of_the_limit_is_read(run_cli: RunCli, tmp_path: Path) -> None:
    assert parse_yaml("x: " + "9" * 4000 + "\n", reader="ruamel") == {"x": int("9" * 4000)}
    plan = tmp_path / "plan.yaml"
    plan.write_text("format_version: " + "9" * 5000 + "\n", encoding="utf-8")
    result = run_cli("validate", plan)
    assert result.exit_code == 2, result.output
    shown = f"{plan}:1:17: YML001 [error] a number in the file has more than 4,300 digits"
    assert shown in result.stdout


def test_the_variable_chooses_the_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(READER_VARIABLE, "ruamel")
    assert reader_in_use() == "ruamel"
    monkeypatch.setenv(READER_VARIABLE, " RUAMEL ")
    assert reader_in_use() == "ruamel"
    for fast in ("yaml-rs", "auto", ""):
        monkeypatch.setenv(READER_VARIABLE, fast)
        assert reader_in_use() == "yaml-rs"
    monkeypatch.delenv(READER_VARIABLE)
    assert reader_in_use() == "yaml-rs"


def test_without_yaml_rs_installed_pmkit_reads_with_ruamel(
    monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    monkeypatch.setitem(sys.modules, "yaml_rs", None)  # an import of it now fails
    monkeypatch.delenv(READER_VARIABLE, raising=False)
    reader_module.fast_reader_installed.cache_clear()
    try:
        assert reader_in_use() == "ruamel"
        monkeypatch.setenv(READER_VARIABLE, "yaml-rs")  # asked for, but not there
        assert reader_in_use() == "ruamel"
        assert parse_yaml("a: [1, 0x1F, no]\n") == {"a": [1, 31, "no"]}
        result = run_cli("--as-of", AS_OF, "validate", ROOT / "examples" / "community-safety")
        assert result.exit_code == 0, result.output
    finally:
        monkeypatch.undo()
        reader_module.fast_reader_installed.cache_clear()
    assert reader_module.fast_reader_installed()


def test_an_unknown_reader_is_one_clear_message(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = ROOT / "examples" / "community-safety" / "plan.yaml"
    result = validate(run_cli, monkeypatch, "libyaml", plan)

    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert (
        f"{plan}: YML000 [error] PMKIT_YAML_READER is 'libyaml': set it to ruamel (to read without "
        "yaml-rs), yaml-rs or auto, or leave it unset"
    ) in result.stdout


TAGGED = (
    "a: !!str 12\n",
    "a: !!int '5'\n",
    "a: !!int 0x1F\n",
    "a: !!int +5\n",
    "a: !!float 3\n",
    "a: !!float .NaN\n",
    "a: !!null ''\n",
    "a: !!null\n",
    "a: !!bool 'true'\n",
    "a: !!str [1]\n",
    "a: !!map {b: 1}\n",
    "a: !!seq [1]\n",
    "a: !<tag:yaml.org,2002:str> 5\n",
    "!!str a: 1\n",
    "a: !!int abc\n",
    "a: !!int\n",
    "a: !!bool yes\n",
    "a: !!null x\n",
    "a: !!float abc\n",
    "a: !!int 1.5\n",
    "? [a, b]\n: 1\n",
    "? {a: 1}\n: 2\n",
    "? [a]\n: 1\n? [a]\n: 2\n",
    "a: |\n  text\nb: >\n  folded\n",
    "a: 'quoted 1'\nb: \"2\"\n",
    "a: {at: 10:00:00}\n",  # libyaml refuses ':' in a flow scalar; the pure parser reads it
    "a: [10:00, 11:30]\n",
)


@pytest.mark.parametrize("text", TAGGED)
def test_explicit_core_tags_and_odd_keys_read_alike(text: str) -> None:
    def outcome(reader: str) -> tuple[Any, ...]:
        try:
            return "reads", parse_yaml(text, reader=reader)
        except LoadProblem as problem:
            return "refuses", problem.code, problem.message

    fast, fallback = outcome("yaml-rs"), outcome("ruamel")
    if fast[0] == "reads" and fallback[0] == "reads":
        assert repr(fast[1]) == repr(fallback[1])  # nan == nan only as text
    elif text.startswith("? [a]\n: 1\n? [a]"):
        # A list repeated as a key: pmkit's own reader can say where (YML007); the
        # fast reader's message has no place, so it stays a parse error (YML001).
        assert (fast[:2], fallback[:2]) == (("refuses", "YML001"), ("refuses", "YML007"))
    else:
        assert fast == fallback
