"""Recording into a big period file rewrites only the indicator it records.

A quarter's file can hold thousands of figures; recording one must not load
and dump them all. pmkit edits the recorded indicator's lines on their own
and puts them back in place, and what it writes is exactly what editing the
whole file would have written: each test records the same figures into two
copies of a file, once as pmkit does and once through the whole-file edit,
and compares them byte for byte. Files written in flow style, or with
anchors, are still edited whole. Windows line endings stay Windows line
endings either way.
"""

from __future__ import annotations

import difflib
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pmkit.load.reader import parse_yaml
from pmkit.monitoring import writer
from pmkit.monitoring.figures import FigureInput, FigureOptions, figure_edits, record_figures
from pmkit.monitoring.files import file_period
from pmkit.monitoring.statuses import FigureStatus
from pmkit.monitoring.workspace import Recorder, open_workspace

if TYPE_CHECKING:
    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = date(2026, 11, 26)
NOVEMBER = datetime(2026, 11, 26, 10, 30, tzinfo=UTC)
Q2 = "2026/27 Q2"
PATH = "monitoring/2026-27-Q2.yaml"
MONTHLY = """
  - id: CS-21
    title: Repeat calls about the same address (monthly)
    unit: count
    polarity: lower
    frequency: monthly
    data_lag: 1 month
    outcomes: [O1]
"""
REPLACE = FigureOptions(replace_final=True, reason="Late incidents added", accept_unusual=True)
FIGURE = """\
  {id}:
    2026/27 Q2:
      value: {value}
      status: final
      recorded_by: Data officer
      recorded_at: '2026-10-20T09:15:00+00:00'
      source: returns/police-2026-27-Q2.xlsx
"""


def copy_plan(folder: Path, quarter: str | bytes | None = None) -> Path:
    """The example plan (with a monthly indicator) in ``folder``, and the quarter's file."""
    folder.mkdir(parents=True, exist_ok=True)
    plan = folder / "plan.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    plan.write_text(text.replace("\nactions:\n", MONTHLY + "\nactions:\n"), encoding="utf-8")
    if quarter is not None:
        quarter_file(plan, quarter)
    return plan


def quarter_file(plan: Path, text: str | bytes) -> Path:
    path = plan.parent / "monitoring" / "2026-27-Q2.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def item(indicator: str, value: str, period: str = Q2) -> FigureInput:
    return FigureInput(indicator, period, Decimal(value), status=FigureStatus.FINAL)


def record(plan: Path, items: list[FigureInput]) -> None:
    """Record as pmkit does."""
    space = open_workspace(plan, as_of=AS_OF)
    record_figures(space, items, Recorder("Data officer", NOVEMBER, "command line"), REPLACE)


def record_whole(plan: Path, items: list[FigureInput]) -> None:
    """Record the same figures through the edit of the whole file."""
    space = open_workspace(plan, as_of=AS_OF)
    recorder = Recorder("Data officer", NOVEMBER, "command line")
    by_file: dict[Any, list[Any]] = {}
    for period, edit, _ in figure_edits(space, items, recorder, REPLACE):
        by_file.setdefault(file_period(period), []).append(edit.edit)  # not scoped: whole file
    for target, edits in by_file.items():
        writer.write_period(space, target, edits)


def both_ways(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    text: str | bytes,
    items: list[FigureInput],
    *,
    whole_file: bool = False,
) -> tuple[bytes, bytes]:
    """The file after recording ``items`` as pmkit does, and through the whole-file edit.

    ``whole_file``: whether pmkit is expected to edit the whole file itself.
    """
    spliced, whole = copy_plan(tmp_path / "spliced", text), copy_plan(tmp_path / "whole", text)
    loaded: list[str] = []
    real = writer.RoundTrip

    def watched(text: str) -> Any:
        loaded.append(text)
        return real(text)

    with monkeypatch.context() as patch:
        patch.setattr(writer, "RoundTrip", watched)
        record(spliced, items)
    assert bool(loaded) is whole_file
    record_whole(whole, items)
    return (spliced.parent / PATH).read_bytes(), (whole.parent / PATH).read_bytes()


def big_file(count: int) -> str:
    """A quarter's file of ``count`` figures in natural order, CS-06 in the middle.

    CS-01, CS-01-1 …, CS-06, CS-06-1 …, CS-13: the clones are not in the plan,
    which is fine for a period file. Every fiftieth figure is introduced by a
    blank line and a comment, as someone keeping the file by hand might write.
    """
    half = (count - 3) // 2
    ids = [
        "CS-01",
        *(f"CS-01-{n}" for n in range(1, half + 1)),
        "CS-06",
        *(f"CS-06-{n}" for n in range(1, count - 3 - half + 1)),
        "CS-13",
    ]
    parts = ["format_version: 1\nperiod: 2026/27 Q2\nfigures:\n"]
    for number, indicator in enumerate(ids):
        if number and number % 50 == 0:
            parts.append(f"\n  # From figure {number} on, checked by the analyst.\n")
        parts.append(FIGURE.format(id=indicator, value=10 + number % 50))
    return "".join(parts)


def no_whole_file_edit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make editing the whole file fail, so a test proves it never happened."""

    def refuse(text: str) -> None:
        raise AssertionError(f"the whole file was loaded ({text.count(chr(10))} lines)")

    monkeypatch.setattr(writer, "RoundTrip", refuse)


# -- the same bytes as the whole-file edit -----------------------------------------


def test_recording_into_a_big_file_writes_what_the_whole_file_edit_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [
        item("CS-01", "86.9"),  # replaced: the earlier figure goes into its history
        item("CS-02", "9.3"),  # new, after the last CS-01-n; the comment after it stays put
        item("CS-12", "4"),  # new, after the last CS-06-n, before CS-13
        item("CS-13", "3.2"),  # the last figure in the file, replaced
    ]
    spliced, whole = both_ways(tmp_path, monkeypatch, big_file(250), items)

    assert spliced == whole
    data = parse_yaml(spliced.decode("utf-8"))
    keys = list(data["figures"])
    assert len(keys) == 252
    assert keys[123:127] == ["CS-01-123", "CS-02", "CS-06", "CS-06-1"]
    assert keys[-3:] == ["CS-06-124", "CS-12", "CS-13"]
    cs01 = data["figures"]["CS-01"][Q2]
    assert (cs01["value"], cs01["history"][0]["value"]) == (86.9, 10)
    assert cs01["history"][0]["reason"] == "Late incidents added"


def test_a_figure_recorded_a_second_time_keeps_both_earlier_versions(tmp_path: Path) -> None:
    spliced, whole = copy_plan(tmp_path / "spliced"), copy_plan(tmp_path / "whole")
    for plan, how in ((spliced, record), (whole, record_whole)):
        quarter_file(plan, big_file(60))
        how(plan, [item("CS-06", "41")])
        how(plan, [item("CS-06", "42")])
    path = "monitoring/2026-27-Q2.yaml"
    after = (spliced.parent / path).read_bytes()

    assert after == (whole.parent / path).read_bytes()
    figure = parse_yaml(after.decode("utf-8"))["figures"]["CS-06"][Q2]
    assert [version["value"] for version in figure["history"]] == [39, 41]
    assert figure["value"] == 42


def test_recording_into_2000_figures_never_loads_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = copy_plan(tmp_path)
    text = big_file(2000)
    path = quarter_file(plan, text)
    no_whole_file_edit(monkeypatch)

    record(plan, [item("CS-06", "77"), item("CS-02", "9.3")])

    after = path.read_text(encoding="utf-8")
    # Only CS-06 grew (by its history: 9 lines) and CS-02 came in (7 lines).
    assert len(after.splitlines()) == len(text.splitlines()) + 9 + 7
    data = parse_yaml(after)
    assert data["figures"]["CS-06"][Q2]["value"] == 77
    assert data["figures"]["CS-06"][Q2]["history"][0]["value"] == 10 + 999 % 50
    assert list(data["figures"])[998:1001] == ["CS-01-998", "CS-02", "CS-06"]


def test_several_figures_in_one_go_land_where_the_whole_file_edit_puts_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monthly = (
        "  CS-21:\n"
        "    2026-07:\n      value: 5\n      status: final\n      recorded_by: Data officer\n"
        "      recorded_at: '2026-08-20T09:15:00+00:00'\n      source: command line\n"
        "    2026-09:\n      value: 7\n      status: final\n      recorded_by: Data officer\n"
        "      recorded_at: '2026-10-20T09:15:00+00:00'\n      source: command line\n"
    )
    text = big_file(120).replace("  CS-13:\n", "  # Fire figures.\n  CS-13:\n") + monthly
    items = [
        item("CS-12", "1"),
        item("CS-02", "2"),
        item("CS-21", "6", "2026-08"),  # a month between the two already there
        item("CS-03", "3"),
        item("CS-06", "70"),
        item("CS-04", "4"),
    ]
    spliced, whole = both_ways(tmp_path, monkeypatch, text, items)

    assert spliced == whole
    data = parse_yaml(spliced.decode("utf-8"))
    last = ["CS-06-59", "CS-12", "CS-13", "CS-21"]
    assert list(data["figures"])[-4:] == last
    assert list(data["figures"])[58:63] == ["CS-01-58", "CS-02", "CS-03", "CS-04", "CS-06"]
    assert list(data["figures"]["CS-21"]) == ["2026-07", "2026-08", "2026-09"]


def test_a_file_out_of_order_gets_new_figures_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = big_file(40).replace("  CS-13:", "  CS-99:") + FIGURE.format(id="CS-03", value=1)
    spliced, whole = both_ways(
        tmp_path, monkeypatch, text, [item("CS-02", "2"), item("CS-06", "5")]
    )

    assert spliced == whole
    assert list(parse_yaml(spliced.decode("utf-8"))["figures"])[-3:] == ["CS-99", "CS-03", "CS-02"]


WRITTEN_BY_HAND = """\
format_version: 1
period: 2026/27 Q2
figures:
  CS-01:
    2026/27 Q2:
      value: 1
      status: final
      commentary: |
        Line one
        # not a comment, but the commentary's second line
      recorded_by: Data officer
      recorded_at: '2026-10-20T09:15:00+00:00'
      source: command line
  "CS-06":

    2026/27 Q2:
      value: 2
      status: final
      commentary: >-
        folded
        # text
      recorded_by: Data officer
      recorded_at: '2026-10-20T09:15:00+00:00'
      source: command line
  'CS-13':
    2026/27 Q2:
      value: 3
      status: final
      recorded_by: Data officer
      recorded_at: '2026-10-20T09:15:00+00:00'
      source: command line"""


@pytest.mark.parametrize(
    "items",
    [
        [item("CS-01", "5")],
        [item("CS-06", "5")],
        [item("CS-13", "5")],
        [item("CS-02", "5"), item("CS-21", "5", "2026-08")],
        [
            FigureInput(
                "CS-12", Q2, Decimal("4"), commentary="First line\nsecond: line # x\n  indented"
            )
        ],
    ],
    ids=["literal", "folded and quoted key", "last line", "new", "commentary of three lines"],
)
def test_block_text_quoted_keys_and_a_last_line_without_a_break(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, items: list[FigureInput]
) -> None:
    spliced, whole = both_ways(tmp_path, monkeypatch, WRITTEN_BY_HAND, items)

    assert spliced == whole
    assert spliced.endswith(b"\n")
    cs01 = parse_yaml(spliced.decode("utf-8"))["figures"]["CS-01"][Q2]
    kept = cs01.get("commentary") or cs01["history"][0]["commentary"]  # replaced: in history
    assert kept == "Line one\n# not a comment, but the commentary's second line\n"


# -- what people wrote stays as they wrote it --------------------------------------

HAND_KEPT = """\
format_version: 1
period: 2026/27 Q2   # July to September

figures:
    # Police figures first.
    CS-01:
        "2026/27 Q2":
            value: 86.4   # the force may revise this
            status: provisional
            recorded_by: "Data officer"
            recorded_at: 2026-10-20T09:15:00+01:00
            source: 'Police return'

    # CS-12 waits for the fire service.
    CS-12:  # arson
        2026/27 Q2:
            value: 3.1
            status: final
            recorded_by: Fire analyst
            recorded_at: 2026-10-22T14:00:00+01:00
    # The end of the figures.

actions:
    A1:   # hotspot patrols
        percent_complete: 40
        status: on_track
        recorded_by: Police lead
        recorded_at: 2026-10-05T12:00:00+01:00
"""

HAND_KEPT_AFTER = """\
format_version: 1
period: 2026/27 Q2   # July to September

figures:
    # Police figures first.
    CS-01:
        "2026/27 Q2":
            value: 86.4   # the force may revise this
            status: provisional
            recorded_by: "Data officer"
            recorded_at: 2026-10-20T09:15:00+01:00
            source: 'Police return'
    CS-02:
        2026/27 Q2:
            value: 9.3
            status: final
            recorded_by: Data officer
            recorded_at: '2026-11-26T10:30:00+00:00'
            source: command line

    # CS-12 waits for the fire service.
    CS-12:  # arson
        2026/27 Q2:
            value: 3.4
            status: final
            recorded_by: Data officer
            recorded_at: '2026-11-26T10:30:00+00:00'
            source: command line
            history:
              - value: 3.1
                status: final
                recorded_by: Fire analyst
                recorded_at: 2026-10-22T14:00:00+01:00
                replaced_at: '2026-11-26T10:30:00+00:00'
                replaced_by: Data officer
                reason: Late incidents added
    CS-13:
        2026/27 Q2:
            value: 2
            status: final
            recorded_by: Data officer
            recorded_at: '2026-11-26T10:30:00+00:00'
            source: command line
    # The end of the figures.

actions:
    A1:   # hotspot patrols
        percent_complete: 40
        status: on_track
        recorded_by: Police lead
        recorded_at: 2026-10-05T12:00:00+01:00
"""


def test_comments_next_to_other_figures_stay_where_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = copy_plan(tmp_path)
    path = quarter_file(plan, HAND_KEPT)
    no_whole_file_edit(monkeypatch)

    record(plan, [item("CS-13", "2"), item("CS-12", "3.4"), item("CS-02", "9.3")])

    assert path.read_text(encoding="utf-8") == HAND_KEPT_AFTER


def test_the_hand_kept_file_is_what_the_whole_file_edit_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [item("CS-13", "2"), item("CS-12", "3.4"), item("CS-02", "9.3")]
    spliced, whole = both_ways(tmp_path, monkeypatch, HAND_KEPT, items)

    assert spliced == whole == HAND_KEPT_AFTER.encode("utf-8")


def test_windows_line_endings_stay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = copy_plan(tmp_path)
    path = quarter_file(plan, HAND_KEPT.replace("\n", "\r\n"))
    no_whole_file_edit(monkeypatch)

    record(plan, [item("CS-13", "2"), item("CS-12", "3.4"), item("CS-02", "9.3")])

    assert path.read_bytes() == HAND_KEPT_AFTER.replace("\n", "\r\n").encode("utf-8")


def test_lines_it_does_not_record_stay_as_written_where_the_whole_file_edit_would_tidy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Spaces after CS-01's source, and a line of spaces: outside the figure recorded.
    untidy = HAND_KEPT.replace("source: 'Police return'\n", "source: 'Police return'   \n")
    untidy = untidy.replace("\n\n    # CS-12 waits", "\n  \n    # CS-12 waits")
    spliced, whole = both_ways(tmp_path, monkeypatch, untidy, [item("CS-13", "2")])

    cs13 = (
        "    CS-13:\n"
        "        2026/27 Q2:\n"
        "            value: 2\n"
        "            status: final\n"
        "            recorded_by: Data officer\n"
        "            recorded_at: '2026-11-26T10:30:00+00:00'\n"
        "            source: command line\n"
    )
    end_of_cs12 = "recorded_at: 2026-10-22T14:00:00+01:00\n"
    assert spliced.decode("utf-8") == untidy.replace(end_of_cs12, end_of_cs12 + cs13)
    assert parse_yaml(spliced.decode("utf-8")) == parse_yaml(whole.decode("utf-8"))
    diff = list(
        difflib.ndiff(spliced.decode("utf-8").split("\n"), whole.decode("utf-8").split("\n"))
    )
    kept = [line[2:] for line in diff if line.startswith("- ")]
    tidied = [line[2:] for line in diff if line.startswith("+ ")]
    assert kept == ["            source: 'Police return'   ", "  "]
    assert tidied == ["            source: 'Police return'", ""]


# -- files the splice leaves to the whole-file edit ------------------------------------

FLOW = (
    "format_version: 1\r\n"
    "period: 2026/27 Q2\r\n"
    "figures: {CS-01: {2026/27 Q2: {value: 86.4, status: provisional, "
    "recorded_by: Data officer, recorded_at: '2026-10-20T09:15:00+00:00', "
    "source: command line}}}\r\n"
)


def test_a_file_in_flow_style_is_edited_whole_and_keeps_its_line_endings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spliced, whole = both_ways(
        tmp_path, monkeypatch, FLOW.encode("utf-8"), [item("CS-02", "9.3")], whole_file=True
    )

    assert spliced == whole
    assert spliced.count(b"\n") == spliced.count(b"\r\n") > 0
    figures = parse_yaml(spliced.decode("utf-8"))["figures"]
    assert (figures["CS-01"][Q2]["value"], figures["CS-02"][Q2]["value"]) == (86.4, 9.3)


ANCHORED = """\
format_version: 1
period: 2026/27 Q2
figures:
  CS-01:
    2026/27 Q2: &police
      value: 86.4
      status: provisional
      recorded_by: Data officer
      recorded_at: '2026-10-20T09:15:00+00:00'
      source: command line
"""


def test_a_file_with_an_anchor_is_edited_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spliced, whole = both_ways(
        tmp_path, monkeypatch, ANCHORED, [item("CS-02", "9.3")], whole_file=True
    )

    assert spliced == whole
    assert list(parse_yaml(spliced.decode("utf-8"))["figures"]) == ["CS-01", "CS-02"]


def test_a_file_only_the_fast_reader_accepts_is_refused_with_its_place(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # A tab on an otherwise blank line: YAML 1.2 allows it, ruamel.yaml cannot edit it.
    text = ANCHORED.replace("&police", "").replace("      value: 86.4\n", "\t\n      value: 86.4\n")
    plan = copy_plan(tmp_path, text)

    result = run_cli(
        "--as-of", "2026-11-26", "record", "figure", "CS-02", "9.3", "--period", Q2,
        "--by", "Data officer", "--plan", plan,
    )  # fmt: skip

    assert result.exit_code == 2
    shown = " ".join(result.output.split())
    # Refused at the tab, by the editor (yaml-rs read it) or by the reader (ruamel.yaml).
    assert "2026-27-Q2.yaml:6:1: " in shown
    assert "fix it by hand first" in shown or "fix the file by hand first" in shown
    assert (tmp_path / PATH).read_text(encoding="utf-8") == text
