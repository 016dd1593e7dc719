"""Golden round trips: recording changes only the lines it means to change.

A monitoring file is often kept partly by hand: a comment on a figure the
force may revise, a blank line between the police and the fire figures,
quotes someone chose, four-space indentation, list dashes at their key's
column. Recording a new figure, replacing one and reporting progress must
leave all of that as it was. Each test writes the file, records through the
library with fixed timestamps, and compares the whole file with the text
expected, showing the difference if they part.
"""

from __future__ import annotations

import difflib
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from pmkit.monitoring.entries import quarter, record_progress
from pmkit.monitoring.figures import FigureInput, FigureOptions, FigureRecorded, record_figures
from pmkit.monitoring.statuses import ActionStatus, FigureStatus
from pmkit.monitoring.workspace import Recorder, Workspace, open_workspace

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety" / "plan.yaml"
AS_OF = date(2026, 11, 26)
OCTOBER = datetime(2026, 10, 20, 9, 15, tzinfo=UTC)
NOVEMBER = datetime(2026, 11, 26, 10, 30, tzinfo=UTC)
Q2 = "2026/27 Q2"


def copy_plan(folder: Path) -> Path:
    plan = folder / "plan.yaml"
    plan.write_bytes(EXAMPLE.read_bytes())
    return plan


def workspace(plan: Path) -> Workspace:
    return open_workspace(plan, as_of=AS_OF)


def figure(
    plan: Path,
    item: FigureInput,
    by: str,
    at: datetime,
    options: FigureOptions | None = None,
) -> FigureRecorded:
    recorder = Recorder(by, at, "command line")
    return record_figures(workspace(plan), [item], recorder, options or FigureOptions())[0]


def progress(
    plan: Path, status: ActionStatus, percent: int, commentary: str | None, at: datetime
) -> None:
    space = workspace(plan)
    record_progress(
        space,
        "A1",
        period=quarter(space, Q2),
        status=status,
        percent=percent,
        commentary=commentary,
        recorder=Recorder("Police lead", at, "command line"),
    )


def assert_text(path: Path, expected: str) -> None:
    """The whole file is ``expected``; if not, show the lines that differ."""
    actual = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile="expected",
                tofile=str(path),
            )
        )
        raise AssertionError(f"{path.name} is not as expected:\n{diff}")


def changed_lines(before: str, after: str) -> list[str]:
    """The lines of ``before`` that are gone from ``after`` (a diff's ``-`` lines)."""
    return [
        line[2:]
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line.startswith("- ")
    ]


# -- a file kept by hand ------------------------------------------------------------

HAND_WRITTEN = """\
# Safer Kestermoor: monitoring returns for 2026/27 Q2 (July to September 2026).
# Kept by the Community Safety team; figures checked before each Board.

format_version: 1
period: '2026/27 Q2'

figures:
    # Police figures arrive first, about three weeks after the quarter.
    CS-01:
        "2026/27 Q2":
            status: provisional   # the force may still revise this
            value: 86.4
            source: 'Police return'
            recorded_by: "Data officer"
            recorded_at: 2026-10-20T09:15:00+01:00
            commentary: "Seasonal rise."

    # Fire figures come from the IRS extract.
    CS-13:
        2026/27 Q2:
            value: 3.1
            status: final
            recorded_by: 'Fire analyst'
            recorded_at: 2026-10-22T14:00:00+01:00
            history:
            - value: 3.4
              status: provisional
              recorded_by: 'Fire analyst'
              recorded_at: 2026-10-21T10:00:00+01:00
              replaced_at: 2026-10-22T14:00:00+01:00
              replaced_by: 'Fire analyst'

actions:
    A1:   # hotspot patrols
        percent_complete: 40
        status: on_track
        recorded_by: 'Police lead'
        recorded_at: 2026-10-05T12:00:00+01:00

# End of the quarter's returns.
"""

HAND_WRITTEN_AFTER = """\
# Safer Kestermoor: monitoring returns for 2026/27 Q2 (July to September 2026).
# Kept by the Community Safety team; figures checked before each Board.

format_version: 1
period: '2026/27 Q2'

figures:
    # Police figures arrive first, about three weeks after the quarter.
    CS-01:
        "2026/27 Q2":
            status: provisional   # the force may still revise this
            value: 86.9
            source: 'command line'
            recorded_by: "Data officer"
            recorded_at: '2026-11-26T10:30:00+00:00'
            commentary: "Seasonal rise, smaller than last year."
            history:
            - value: 86.4
              status: provisional
              commentary: "Seasonal rise."
              recorded_by: "Data officer"
              recorded_at: 2026-10-20T09:15:00+01:00
              source: 'Police return'
              replaced_at: '2026-11-26T10:30:00+00:00'
              replaced_by: Data officer
    CS-02:
        2026/27 Q2:
            value: 9.3
            status: provisional
            recorded_by: Data officer
            recorded_at: '2026-11-26T10:30:00+00:00'
            source: command line

    # Fire figures come from the IRS extract.
    CS-13:
        2026/27 Q2:
            value: 3.2
            status: final
            recorded_by: 'Fire analyst'
            recorded_at: '2026-11-26T10:30:00+00:00'
            source: command line
            history:
            - value: 3.4
              status: provisional
              recorded_by: 'Fire analyst'
              recorded_at: 2026-10-21T10:00:00+01:00
              replaced_at: 2026-10-22T14:00:00+01:00
              replaced_by: 'Fire analyst'
            - value: 3.1
              status: final
              recorded_by: 'Fire analyst'
              recorded_at: 2026-10-22T14:00:00+01:00
              replaced_at: '2026-11-26T10:30:00+00:00'
              replaced_by: Fire analyst
              reason: Late incidents added

actions:
    A1:   # hotspot patrols
        percent_complete: 45
        status: at_risk
        recorded_by: 'Police lead'
        recorded_at: '2026-11-26T10:30:00+00:00'
        source: command line
        history:
        - percent_complete: 40
          status: on_track
          recorded_by: 'Police lead'
          recorded_at: 2026-10-05T12:00:00+01:00

# End of the quarter's returns.
"""


def test_a_hand_kept_file_changes_only_where_recorded(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "monitoring" / "2026-27-Q2.yaml"
    path.parent.mkdir()
    path.write_text(HAND_WRITTEN, encoding="utf-8")

    added = figure(plan, FigureInput("CS-02", Q2, Decimal("9.3")), "Data officer", NOVEMBER)
    corrected = figure(
        plan,
        FigureInput("CS-13", Q2, Decimal("3.2"), status=FigureStatus.FINAL),
        "Fire analyst",
        NOVEMBER,
        FigureOptions(replace_final=True, reason="Late incidents added"),
    )
    revised = figure(
        plan,
        FigureInput(
            "CS-01", Q2, Decimal("86.9"), commentary="Seasonal rise, smaller than last year."
        ),
        "Data officer",
        NOVEMBER,
    )
    progress(plan, ActionStatus.AT_RISK, 45, None, NOVEMBER)

    assert (added.action, corrected.action, revised.action) == ("added", "replaced", "replaced")
    # Every comment, blank line and quote survives: only the recorded values left the file.
    gone = changed_lines(HAND_WRITTEN, path.read_text(encoding="utf-8"))
    assert gone == [
        "            value: 86.4",
        "            source: 'Police return'",
        "            recorded_at: 2026-10-20T09:15:00+01:00",
        '            commentary: "Seasonal rise."',
        "            value: 3.1",
        "            recorded_at: 2026-10-22T14:00:00+01:00",
        "        percent_complete: 40",
        "        status: on_track",
        "        recorded_at: 2026-10-05T12:00:00+01:00",
    ]
    assert_text(path, HAND_WRITTEN_AFTER)


def test_recording_again_leaves_a_hand_kept_file_byte_for_byte(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "monitoring" / "2026-27-Q2.yaml"
    path.parent.mkdir()
    path.write_text(HAND_WRITTEN, encoding="utf-8")

    same_figure = figure(
        plan,
        FigureInput("CS-01", Q2, Decimal("86.4"), commentary="Seasonal rise."),
        "Someone else",
        NOVEMBER,
    )
    progress(plan, ActionStatus.ON_TRACK, 40, None, NOVEMBER)

    assert same_figure.action == "unchanged"
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN


# -- a file written by pmkit alone ------------------------------------------------------

PMKIT_WRITTEN = """\
# Monitoring data for 2026/27 Q2, kept by pmkit. Record with 'pmkit record';
# a hand edit is fine, and 'pmkit validate' checks it.
format_version: 1
period: 2026/27 Q2
figures:
  CS-01:
    2026/27 Q2:
      value: 86.4
      status: provisional
      commentary: Seasonal rise.
      recorded_by: Data officer
      recorded_at: '2026-10-20T09:15:00+00:00'
      source: command line
  CS-13:
    2026/27 Q2:
      value: 3.1
      status: final
      recorded_by: Fire analyst
      recorded_at: '2026-10-20T09:15:00+00:00'
      source: command line
actions:
  A1:
    status: on_track
    percent_complete: 40
    recorded_by: Police lead
    recorded_at: '2026-10-20T09:15:00+00:00'
    source: command line
"""

PMKIT_WRITTEN_AFTER = """\
# Monitoring data for 2026/27 Q2, kept by pmkit. Record with 'pmkit record';
# a hand edit is fine, and 'pmkit validate' checks it.
format_version: 1
period: 2026/27 Q2
figures:
  CS-01:
    2026/27 Q2:
      not_available: Force extract withdrawn for re-checking
      status: provisional
      recorded_by: Data officer
      recorded_at: '2026-11-26T10:30:00+00:00'
      source: command line
      history:
        - value: 86.4
          status: provisional
          commentary: Seasonal rise.
          recorded_by: Data officer
          recorded_at: '2026-10-20T09:15:00+00:00'
          source: command line
          replaced_at: '2026-11-26T10:30:00+00:00'
          replaced_by: Data officer
  CS-02:
    2026/27 Q2:
      value: 9.3
      status: provisional
      recorded_by: Data officer
      recorded_at: '2026-11-26T10:30:00+00:00'
      source: command line
  CS-13:
    2026/27 Q2:
      value: 3.2
      status: final
      recorded_by: Fire analyst
      recorded_at: '2026-11-26T10:30:00+00:00'
      source: command line
      history:
        - value: 3.1
          status: final
          recorded_by: Fire analyst
          recorded_at: '2026-10-20T09:15:00+00:00'
          source: command line
          replaced_at: '2026-11-26T10:30:00+00:00'
          replaced_by: Fire analyst
          reason: Late incidents added
actions:
  A1:
    status: at_risk
    percent_complete: 45
    commentary: Two hotspots still without a problem-solving plan
    recorded_by: Police lead
    recorded_at: '2026-11-26T10:30:00+00:00'
    source: command line
    history:
      - status: on_track
        percent_complete: 40
        recorded_by: Police lead
        recorded_at: '2026-10-20T09:15:00+00:00'
        source: command line
"""


def test_a_file_pmkit_wrote_changes_only_where_recorded(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "monitoring" / "2026-27-Q2.yaml"
    final = FigureInput("CS-13", Q2, Decimal("3.1"), status=FigureStatus.FINAL)
    figure(plan, final, "Fire analyst", OCTOBER)
    figure(
        plan,
        FigureInput("CS-01", Q2, Decimal("86.4"), commentary="Seasonal rise."),
        "Data officer",
        OCTOBER,
    )
    progress(plan, ActionStatus.ON_TRACK, 40, None, OCTOBER)
    assert_text(path, PMKIT_WRITTEN)

    figure(plan, FigureInput("CS-02", Q2, Decimal("9.3")), "Data officer", NOVEMBER)
    figure(
        plan,
        FigureInput("CS-13", Q2, Decimal("3.2"), status=FigureStatus.FINAL),
        "Fire analyst",
        NOVEMBER,
        FigureOptions(replace_final=True, reason="Late incidents added"),
    )
    figure(
        plan,
        FigureInput("CS-01", Q2, not_available="Force extract withdrawn for re-checking"),
        "Data officer",
        NOVEMBER,
    )
    progress(
        plan,
        ActionStatus.AT_RISK,
        45,
        "Two hotspots still without a problem-solving plan",
        NOVEMBER,
    )

    gone = changed_lines(PMKIT_WRITTEN, path.read_text(encoding="utf-8"))
    assert gone == [
        "      value: 86.4",
        "      commentary: Seasonal rise.",
        "      recorded_at: '2026-10-20T09:15:00+00:00'",
        "      value: 3.1",
        "      recorded_at: '2026-10-20T09:15:00+00:00'",
        "    status: on_track",
        "    percent_complete: 40",
        "    recorded_at: '2026-10-20T09:15:00+00:00'",
    ]
    assert_text(path, PMKIT_WRITTEN_AFTER)


def test_a_file_pmkit_wrote_reads_back_as_recorded(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    path = tmp_path / "monitoring" / "2026-27-Q2.yaml"
    path.parent.mkdir()
    path.write_text(PMKIT_WRITTEN_AFTER, encoding="utf-8")

    space = workspace(plan)
    record = space.read(space.calendar.parse(Q2))

    assert record is not None
    cs01 = record.figures["CS-01"][Q2]
    assert cs01.value is None
    assert cs01.not_available == "Force extract withdrawn for re-checking"
    assert [version.value for version in cs01.history] == [Decimal("86.4")]
    assert record.figures["CS-13"][Q2].history[0].reason == "Late incidents added"
    assert record.actions["A1"].status is ActionStatus.AT_RISK
    assert record.actions["A1"].history[0].percent_complete == 40
