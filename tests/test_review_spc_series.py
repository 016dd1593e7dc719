"""Which figures the review's XmR chart takes: gaps, small numbers, no polarity, a late break.

Each test writes a plan with one indicator and its figures by hand, and
checks the ``spc`` the quarterly review gives it. Expected numbers are worked
out beside them.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pmkit.monitoring.workspace import open_workspace
from pmkit.periods import Calendar, PeriodKind
from pmkit.review.quarter import review_quarter
from pmkit.review.spc_result import SpcReview

APRIL = Calendar(4)
AS_OF = date(2026, 11, 26)

HEAD = """\
format_version: 1
partnership:
  name: Test Partnership
partners:
  - {id: council, name: Test Council}
vision:
  outcomes:
    - {id: O1, title: Safer streets}
"""


def spc_of(
    tmp_path: Path, indicator: str, values: dict[str, object], settings: str = ""
) -> SpcReview:
    """The review's chart for ``I-1`` given its plan entry and figures by period label."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"{HEAD}{settings}indicators:\n{indicator}", encoding="utf-8")
    folder = tmp_path / "monitoring"
    folder.mkdir()
    files: dict[str, dict[str, object]] = {}
    for label, value in values.items():
        period = APRIL.parse(label)
        held = (
            period
            if period.kind is PeriodKind.YEAR
            else APRIL.containing(period.start, PeriodKind.QUARTER)
        )
        files.setdefault(held.label, {})[label] = value
    last = None
    for held_label, figures in files.items():
        held = APRIL.parse(held_label)
        lines = ["format_version: 1", f"period: {held.label}", "figures:", "  I-1:"]
        for label, value in figures.items():
            lines.append(f"    {json.dumps(label)}:")
            if value is None:
                lines.append("      not_available: system outage")
            else:
                lines.append(f"      value: {value}")
            lines += ["      recorded_by: test", "      recorded_at: '2026-04-01T09:00:00+01:00'"]
        (folder / f"{held.file_stem}.yaml").write_text("\n".join(lines) + "\n", "utf-8")
        last = held
    assert last is not None
    review = review_quarter(open_workspace(plan, as_of=AS_OF), APRIL.quarter(2026, 2))
    spc = review.indicators[0].spc
    assert spc is not None
    return spc


MONTHLY = """\
  - id: I-1
    title: Fires
    unit: count
    accumulation: discrete
    frequency: monthly
    outcomes: [O1]
    owner: {partner: council}
"""


def months(values: list[object], first: tuple[int, int] = (2025, 4)) -> dict[str, object]:
    start = APRIL.month(*first)
    return {start.shift(step).label: value for step, value in enumerate(values)}


def test_a_month_not_available_is_left_out_and_counted(tmp_path: Path) -> None:
    figures = months([10, 12, None, 11, 13, 12, 10, 12, 11, 13, 12, 10, 11, 12])

    spc = spc_of(tmp_path, MONTHLY, figures)

    # April 2025 to May 2026 is 14 months; June 2025 had no figure: 13 points.
    assert len(spc.points) == 13
    assert "2025-06" not in [point.period for point in spc.points]
    assert spc.warnings == ["1 period between 2025-04 and 2026-05 has no figure and is left out"]


def test_no_polarity_gives_special_cause_high_not_improving(tmp_path: Path) -> None:
    # Twelve points alternating 8 and 12, then 30: limits 0.8985 to 22.1785 (as in the
    # methodology), so the 30 is special cause upwards, and with no polarity, high.
    spc = spc_of(tmp_path, MONTHLY, months([8, 12] * 6 + [30]))

    assert (spc.variation, spc.variation_symbol) == ("special_cause_high", "↑(H)")
    assert spc.variation_words == "Special cause, high"
    assert spc.assurance is None
    assert spc.assurance_reason == (
        "the indicator has no polarity, so meeting a target has no direction"
    )


def test_small_counts_are_not_charted_where_the_plan_suppresses_them(tmp_path: Path) -> None:
    settings = "settings:\n  suppress_below: 5\n"

    spc = spc_of(tmp_path, MONTHLY, months([8, 12, 4, 9] * 4), settings)

    assert spc.points == []
    assert spc.refused == "not shown for small numbers (counts below 5 are not shown)"


def test_a_change_in_the_latest_month_leaves_one_point_and_no_judgement(tmp_path: Path) -> None:
    changed = MONTHLY + "    definition_changes:\n      - {from: 2026-09, change: New system}\n"

    spc = spc_of(tmp_path, changed, months([10, 12] * 9))

    # April 2025 to September 2026: 18 points, the last a stretch of its own.
    assert spc.breaks == ["2026-09"]
    assert [segment.points for segment in spc.segments] == [17, 1]
    assert spc.variation is None
    assert spc.note == (
        "only 1 point since 2026-09; 12 are needed, so the limits are trial limits and no "
        "point is judged by them"
    )


def test_an_annual_indicator_takes_its_years(tmp_path: Path) -> None:
    annual = MONTHLY.replace("frequency: monthly", "frequency: annual")
    figures = {"2023/24": 40, "2024/25": 44, "2025/26": 42}

    spc = spc_of(tmp_path, annual, figures)

    assert spc.frequency == "year"
    assert [point.period for point in spc.points] == ["2023/24", "2024/25", "2025/26"]
    # Mean 126/3 = 42; moving ranges 4 and 2, mean 3.
    assert spc.segments[0].mean == 42
    assert spc.segments[0].trial
