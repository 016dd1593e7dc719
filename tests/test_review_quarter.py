"""The quarterly review on a small plan, its monitoring files written by hand in ``tmp_path``.

One plan covers every state the review distinguishes: an indicator on target,
two off it (one with commentary and remedial action, one with neither and no
action for its outcome), one with no figure, one marked not available, a
contextual one, and actions complete, overdue, at risk, off track, not yet
started, on track and unreported. Every expected value is worked out by hand
in the comments beside it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pmkit.monitoring.files import file_period
from pmkit.monitoring.workspace import Workspace, open_workspace
from pmkit.periods import Calendar, Period, PeriodKind
from pmkit.review.quarter import review_quarter
from pmkit.review.render import to_json
from pmkit.review.result import (
    ActionState,
    Direction,
    IndicatorReview,
    Point,
    QuarterReview,
    Rag,
)

APRIL = Calendar(4)
Q1 = APRIL.quarter(2026, 1)
Q2 = APRIL.quarter(2026, 2)
Q4 = APRIL.quarter(2026, 4)
AS_OF = date(2026, 11, 26)

PLAN = """\
format_version: 1
partnership:
  name: Test Partnership
partners:
  - {id: council, name: Test Council}
  - {id: police, name: Test Police}
vision:
  outcomes:
    - {id: O1, title: Safer streets}
    - {id: O2, title: Fewer repeat victims}
    - {id: O3, title: Working together}
priorities:
  - {id: P1, title: Streets, outcomes: [O1]}
  - {id: P2, title: Victims, outcomes: [O2, O3]}
indicators:
  - id: I-GREEN
    title: Crime rate
    unit: rate per 1,000
    polarity: lower
    accumulation: rolling_12_months
    outcomes: [O1]
    owner: {partner: police}
    targets: [{period: 2026/27, value: 10}]
    tolerance: 5%
  - id: I-RED
    title: Victims supported
    unit: percentage
    polarity: higher
    accumulation: snapshot
    outcomes: [O2]
    owner: {partner: council}
    targets: [{period: 2026/27, value: 80}]
    tolerance: 2
  - id: I-RED2
    title: Streets lit
    unit: percentage
    polarity: higher
    accumulation: snapshot
    outcomes: [O1]
    owner: {partner: council}
    targets: [{period: 2026/27, value: 90}]
  - id: I-AMBER
    title: Calls answered
    unit: percentage
    polarity: higher
    accumulation: snapshot
    outcomes: [O3]
    owner: {partner: police}
    targets: [{period: 2026/27, value: 95}]
    tolerance: 2
  - id: I-NODATA
    title: Missing
    unit: percentage
    polarity: higher
    outcomes: [O3]
    owner: {partner: police}
    targets: [{period: 2026/27, value: 50}]
  - id: I-NA
    title: Not available
    unit: percentage
    polarity: higher
    outcomes: [O3]
    owner: {partner: police}
    targets: [{period: 2026/27, value: 50}]
  - id: I-CONTEXT
    title: Population
    unit: count
    accumulation: snapshot
    outcomes: [O3]
    owner: {partner: council}
    contextual_purpose: Context for the rates.
actions:
  - id: A-DONE
    title: Done
    outcomes: [O1]
    lead: {partner: council}
    timescales: {start: 2026-04-01, end: 2026-08-31}
  - id: A-LATE
    title: Late
    outcomes: [O1]
    lead: {partner: police}
    timescales: {start: 2026-04-01, end: 2026-08-31}
  - id: A-RISK
    title: Risky
    outcomes: [O1]
    lead: {partner: police}
    timescales: {start: 2026-04-01, end: 2027-03-31}
  - id: A-OFF
    title: Off track
    outcomes: [O1]
    lead: {partner: police}
    timescales: {start: 2026-04-01, end: 2027-03-31}
  - id: A-FUTURE
    title: Future
    outcomes: [O3]
    lead: {partner: council}
    timescales: {start: 2027-01-01, end: 2027-03-31}
  - id: A-ONTRACK
    title: On track
    outcomes: [O3]
    lead: {partner: council}
    timescales: {start: 2026-04-01, end: 2027-03-31}
    resources:
      - {partner: council, kind: cash, value: 40000, year: 2026/27}
      - {partner: police, kind: in_kind, value: 8000, year: 2026/27}
      - {partner: police, kind: cash, value: 99000, year: 2027/28}
  - id: A-SILENT
    title: Silent
    outcomes: [O3]
    lead: {partner: council}
    timescales: {start: 2026-04-01, end: 2027-03-31}
  - id: A-MILESTONE
    title: Missed its first milestone
    outcomes: [O3]
    lead: {partner: council}
    timescales:
      start: 2026-04-01
      end: 2027-03-31
      milestones:
        - {title: Contract let, due: 2026-07-31}
        - {title: Service live, due: 2026-10-31}
"""


# -- writing monitoring files ---------------------------------------------------


def yaml_lines(data: dict[str, Any], indent: int = 0) -> Iterator[str]:
    """``data`` as block YAML: text double-quoted (JSON strings are YAML), numbers bare."""
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, dict):
            yield f"{pad}{json.dumps(key)}:"
            yield from yaml_lines(value, indent + 2)
        elif isinstance(value, str):
            yield f"{pad}{json.dumps(key)}: {json.dumps(value)}"
        else:
            yield f"{pad}{json.dumps(key)}: {value}"


def stamped(fields: dict[str, Any]) -> dict[str, Any]:
    return {**fields, "recorded_by": "test", "recorded_at": "2026-10-01T09:00:00+01:00"}


def write_monitoring(
    plan: Path,
    period: Period,
    *,
    figures: dict[str, dict[Period, dict[str, Any]]] | None = None,
    actions: dict[str, dict[str, Any]] | None = None,
    resources: dict[str, dict[str, int]] | None = None,
    remedial: dict[str, dict[str, Any]] | None = None,
) -> Path:
    data: dict[str, Any] = {"format_version": 1, "period": period.label}
    if figures:
        data["figures"] = {
            indicator: {observed.label: stamped(fields) for observed, fields in by_period.items()}
            for indicator, by_period in figures.items()
        }
    if actions:
        data["actions"] = {key: stamped(fields) for key, fields in actions.items()}
    if resources:
        data["resources"] = {
            entity: {partner: stamped({"amount": amount}) for partner, amount in by.items()}
            for entity, by in resources.items()
        }
    if remedial:
        data["remedial_actions"] = {key: stamped(fields) for key, fields in remedial.items()}
    folder = plan.parent / "monitoring"
    folder.mkdir(exist_ok=True)
    path = folder / f"{period.file_stem}.yaml"
    path.write_text("\n".join(yaml_lines(data)) + "\n", encoding="utf-8")
    return path


def value(number: str, **more: Any) -> dict[str, Any]:
    return {"value": number, **more}


def build(tmp_path: Path, more_remedial: dict[str, dict[str, Any]] | None = None) -> Path:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    last_year = Q2.same_period_last_year()
    write_monitoring(
        plan,
        Q2,
        figures={
            "I-GREEN": {Q2: value("9.5", status="final")},
            "I-RED": {Q2: value("70")},
            "I-RED2": {Q2: value("60", commentary="Lamps failing in two wards.")},
            "I-AMBER": {Q2: value("93.5", commentary="Two vacancies.")},
            "I-NA": {Q2: {"not_available": "The survey was not run this quarter."}},
            "I-CONTEXT": {Q2: value("176400")},
        },
        actions={
            "A-DONE": {"status": "complete", "percent_complete": 100},
            "A-LATE": {"status": "on_track", "percent_complete": 80},
            "A-RISK": {"status": "at_risk", "commentary": "Staff shortage."},
            "A-OFF": {"status": "off_track"},
            "A-ONTRACK": {"status": "on_track", "percent_complete": 40},
            "A-MILESTONE": {"status": "not_started"},
        },
        resources={"A-ONTRACK": {"council": 10000, "police": 4000}},
        remedial={
            "R1": {
                "about": "I-RED2",
                "action": "Replace the failing lamps",
                "owner": {"partner": "council", "role": "Lighting manager"},
                "due": "2026-10-31",
                "agreed_in": "2026/27 Q1",
            },
            "R2": {
                "about": "I-GREEN",
                "action": "Keep the hotspot patrols going",
                "owner": {"partner": "police"},
                "due": "2026-09-30",
                "agreed_in": "2026/27 Q1",
                "status": "done",
                "closure": {
                    "status": "done",
                    "closed_on": "2026-09-30",
                    "closed_by": "test",
                    "note": "Patrols embedded.",
                },
            },
            "R3": {
                "about": "A-RISK",
                "action": "Borrow staff from the county team",
                "owner": {"partner": "police"},
                "due": "2026-12-31",
                "agreed_in": "2026/27 Q2",
            },
            **(more_remedial or {}),
        },
    )
    write_monitoring(
        plan,
        Q1,
        figures={
            "I-GREEN": {Q1: value("10")},
            "I-RED": {Q1: value("72")},
            "I-AMBER": {Q1: value("93.5")},
        },
        resources={"A-ONTRACK": {"council": 5000}},
    )
    write_monitoring(
        plan,
        last_year,
        figures={"I-GREEN": {last_year: value("11")}, "I-AMBER": {last_year: value("90")}},
    )
    return plan


def review(plan: Path, quarter: Period = Q2, as_of: date = AS_OF) -> QuarterReview:
    return review_quarter(open_workspace(plan, as_of=as_of), quarter)


def by_id(result: QuarterReview) -> dict[str, IndicatorReview]:
    return {item.id: item for item in result.indicators}


# -- indicators -------------------------------------------------------------------


def test_indicator_fields(tmp_path: Path) -> None:
    result = review(build(tmp_path))
    assert result.partnership == "Test Partnership"
    assert result.period == "2026/27 Q2"
    assert result.as_of == "2026-11-26"
    assert [item.id for item in result.indicators] == [
        "I-GREEN",
        "I-RED",
        "I-RED2",
        "I-AMBER",
        "I-NODATA",
        "I-NA",
        "I-CONTEXT",
    ]
    green = by_id(result)["I-GREEN"]
    assert green.title == "Crime rate"
    assert green.unit == "rate per 1,000"
    assert green.polarity == "lower"
    assert green.accumulation == "rolling_12_months"
    assert green.owner == "police"
    assert green.outcomes == ["O1"]
    assert green.priorities == ["P1"]
    assert green.period == "2026/27 Q2"
    assert green.actual == Decimal("9.5")
    assert green.target == Decimal("10")
    assert green.target_basis == "2026/27 target"
    assert green.status is Rag.GREEN
    assert green.compared_with == Point("2026/27 Q1", Decimal("10"))
    assert green.last_year == Point("2025/26 Q2", Decimal("11"))
    assert green.direction is Direction.IMPROVING
    assert green.direction_words == "↓ improving on 2026/27 Q1"
    assert green.methods == {
        "target": "annual target",
        "status": "on, near or off target",
        "forecast": "linear trend",
        "direction": "previous period",
    }
    assert green.figure_status == "final"
    assert green.suppressed is False
    assert [p.period for p in green.series] == [
        "2024/25 Q3",
        "2024/25 Q4",
        "2025/26 Q1",
        "2025/26 Q2",
        "2025/26 Q3",
        "2025/26 Q4",
        "2026/27 Q1",
        "2026/27 Q2",
    ]
    assert [p.value for p in green.series] == [None, None, None, 11, None, None, 10, Decimal("9.5")]
    # Three points (11, 10, 9.5 at indices 3, 6, 7): a linear trend, heading below 10.
    assert green.forecast.method == "linear trend"
    assert green.forecast.value is not None
    assert green.forecast.value < 10
    assert green.forecast.likely_to_meet is True


def test_indicator_statuses_commentary_and_missing_figures(tmp_path: Path) -> None:
    items = by_id(review(build(tmp_path)))
    assert {key: item.status for key, item in items.items()} == {
        "I-GREEN": Rag.GREEN,
        "I-RED": Rag.RED,  # 70 is 10 short of 80, tolerance 2
        "I-RED2": Rag.RED,
        "I-AMBER": Rag.AMBER,  # 93.5 is 1.5 short of 95, tolerance 2
        "I-NODATA": Rag.NO_DATA,
        "I-NA": Rag.NO_DATA,
        "I-CONTEXT": Rag.NO_TARGET,
    }
    assert items["I-RED"].direction is Direction.WORSENING
    assert items["I-AMBER"].direction is Direction.NO_CHANGE
    assert items["I-RED2"].commentary == "Lamps failing in two wards."
    assert items["I-RED2"].figure_status == "provisional"
    assert items["I-NA"].actual is None
    assert items["I-NA"].not_available == "The survey was not run this quarter."
    assert items["I-NODATA"].figure_status is None
    assert items["I-NODATA"].not_available is None
    assert items["I-CONTEXT"].actual == Decimal("176400")
    assert items["I-CONTEXT"].target is None


# -- actions ----------------------------------------------------------------------


def test_action_states(tmp_path: Path) -> None:
    actions = {item.id: item for item in review(build(tmp_path)).actions}
    assert {key: item.state for key, item in actions.items()} == {
        "A-DONE": ActionState.COMPLETE,
        "A-LATE": ActionState.OVERDUE,  # ended 31 August, reported on track, not complete
        "A-RISK": ActionState.AT_RISK,
        "A-OFF": ActionState.AT_RISK,  # reported off track
        "A-FUTURE": ActionState.NOT_STARTED,  # starts in January
        "A-ONTRACK": ActionState.ON_TRACK,
        "A-SILENT": ActionState.NO_REPORT,
        "A-MILESTONE": ActionState.AT_RISK,  # not started, but a milestone is past
    }
    assert actions["A-LATE"].reported == "on_track"
    assert actions["A-LATE"].end == "2026-08-31"
    assert actions["A-LATE"].percent_complete == 80
    assert actions["A-OFF"].reported == "off_track"
    assert actions["A-SILENT"].reported is None
    assert actions["A-DONE"].percent_complete == 100
    assert actions["A-RISK"].commentary == "Staff shortage."
    assert actions["A-RISK"].lead == "police"
    assert actions["A-MILESTONE"].milestones_due == ["Contract let (31 Jul 2026)"]


def test_an_action_that_ends_after_the_quarter_is_not_yet_overdue(tmp_path: Path) -> None:
    plan = build(tmp_path)
    # Reviewing Q1 (April to June), A-LATE (ending 31 August) was not overdue.
    write_monitoring(plan, Q1, actions={"A-LATE": {"status": "on_track"}})
    actions = {item.id: item for item in review(plan, Q1).actions}
    assert actions["A-LATE"].state is ActionState.ON_TRACK
    assert actions["A-DONE"].state is ActionState.NO_REPORT


# -- resources --------------------------------------------------------------------


def test_resources_committed_due_and_provided(tmp_path: Path) -> None:
    result = review(build(tmp_path))
    lines = {(line.partner, line.entity): line for line in result.resources}
    # Only 2026/27's commitments count: the police's 99,000 for 2027/28 does not.
    assert set(lines) == {("council", "A-ONTRACK"), ("police", "A-ONTRACK")}
    council = lines["council", "A-ONTRACK"]
    assert council.title == "On track"
    assert council.committed == Decimal("40000")
    assert council.due == Decimal("20000")  # half the year gone by the end of Q2
    assert council.provided == Decimal("15000")  # 5,000 in Q1 and 10,000 in Q2
    assert council.short == Decimal("5000")
    police = lines["police", "A-ONTRACK"]
    assert (police.committed, police.due, police.provided) == (8000, 4000, 4000)
    assert police.short == 0
    under = [item for item in result.exceptions if item.kind == "under-resourced"]
    assert len(under) == 1
    assert under[0].id == "A-ONTRACK"
    assert under[0].title == "On track (Test Council's commitment)"
    assert (under[0].owner, under[0].owner_name) == ("council", "Test Council")
    assert under[0].detail == (
        "£15,000 provided of £20,000 due by now (£40,000 committed for the year)"
    )


def test_resources_at_q1_count_only_q1(tmp_path: Path) -> None:
    result = review(build(tmp_path), Q1)
    council = next(line for line in result.resources if line.partner == "council")
    assert council.due == Decimal("10000.00")
    assert council.provided == Decimal("5000")


# -- exceptions and remedial actions ------------------------------------------------


def test_exceptions(tmp_path: Path) -> None:
    result = review(build(tmp_path))
    exceptions = {item.id: item for item in result.exceptions}
    # Most severe first: off target (worsening first), overdue, under-resourced, at risk
    # (no remedial action first), then no data; ties in the plan's order.
    assert [(item.kind, item.id) for item in result.exceptions] == [
        ("off target", "I-RED"),  # 72 in Q1, 70 now: worsening
        ("off target", "I-RED2"),
        ("overdue", "A-LATE"),
        ("under-resourced", "A-ONTRACK"),
        ("at risk", "A-OFF"),  # no remedial action
        ("at risk", "A-MILESTONE"),  # not started, a milestone missed; no remedial action
        ("at risk", "A-RISK"),  # R3
        ("no data", "I-NODATA"),
        ("no data", "I-NA"),
    ]
    red = exceptions["I-RED"]
    assert red.detail == "70 against a target of 80"
    assert (red.status, red.worsening) == (Rag.RED, True)
    # No commentary, and no action in the plan serves O2; no remedial action either,
    # which shows as an empty list (the review says "none") rather than as a flag.
    assert red.flags == ["no commentary", "no action addresses its outcome"]
    assert red.remedial == []
    red2 = exceptions["I-RED2"]
    assert red2.detail == "60 against a target of 90"
    assert red2.commentary == "Lamps failing in two wards."
    assert red2.remedial == ["R1: Replace the failing lamps (due 2026-10-31)"]
    assert red2.flags == []
    assert (
        exceptions["I-NODATA"].detail
        == "overdue: the 2026/27 Q2 figure was due by 30 September 2026"
    )
    assert exceptions["I-NA"].detail == "The survey was not run this quarter."
    late = exceptions["A-LATE"]
    assert late.kind == "overdue"
    assert late.detail == "due 2026-08-31"
    assert late.flags == ["no commentary"]
    assert late.remedial == []
    risk = exceptions["A-RISK"]
    assert risk.remedial == ["R3: Borrow staff from the county team (due 2026-12-31)"]
    assert risk.flags == []
    assert exceptions["A-OFF"].flags == ["no commentary"]
    # Amber, green, contextual and on-track items are not exceptions.
    assert not {"I-GREEN", "I-AMBER", "I-CONTEXT", "A-DONE", "A-SILENT"} & set(exceptions)


def test_an_overdue_action_with_remedial_action(tmp_path: Path) -> None:
    remedy = {
        "about": "A-LATE",
        "action": "Finish by Christmas",
        "owner": {"partner": "police"},
        "due": "2026-12-20",
        "agreed_in": "2026/27 Q2",
    }
    result = review(build(tmp_path, {"R4": remedy}))
    late = next(item for item in result.exceptions if item.id == "A-LATE")
    assert late.remedial == ["R4: Finish by Christmas (due 2026-12-20)"]
    assert late.flags == ["no commentary"]


def test_remedial_actions(tmp_path: Path) -> None:
    remedies = {item.id: item for item in review(build(tmp_path)).remedial_actions}
    assert list(remedies) == ["R1", "R2", "R3"]
    r1 = remedies["R1"]
    assert (r1.about, r1.status, r1.due, r1.agreed_in) == (
        "I-RED2",
        "open",
        "2026-10-31",
        "2026/27 Q1",
    )
    assert r1.owner == "council (Lighting manager)"
    assert r1.overdue is True  # open, and due before 26 November
    assert remedies["R2"].overdue is False  # done, though its date has passed
    assert remedies["R2"].note == "Patrols embedded."
    assert remedies["R3"].overdue is False  # open, due at the end of December


def test_a_closed_remedial_action_does_not_count_as_one(tmp_path: Path) -> None:
    plan = build(tmp_path)
    path = plan.parent / "monitoring" / "2026-27-Q2.yaml"
    text = path.read_text(encoding="utf-8")
    # Mark R1 dropped: I-RED2 then has no open remedial action.
    marker = '"about": "I-RED2"\n'
    assert text.count(marker) == 1
    path.write_text(text.replace(marker, marker + '    "status": "dropped"\n'), encoding="utf-8")
    result = review(plan)
    red2 = next(item for item in result.exceptions if item.id == "I-RED2")
    assert red2.remedial == []
    assert next(r for r in result.remedial_actions if r.id == "R1").overdue is False


# -- roll-ups and summary -------------------------------------------------------------


def test_rollups(tmp_path: Path) -> None:
    result = review(build(tmp_path))
    outcomes = {r.id: r for r in result.by_outcome}
    assert outcomes["O1"].title == "Safer streets"
    assert outcomes["O1"].indicators == ["I-GREEN", "I-RED2"]
    assert outcomes["O1"].counts == {"green": 1, "red": 1}
    assert outcomes["O2"].counts == {"red": 1}
    assert outcomes["O3"].counts == {"amber": 1, "no_data": 2, "no_target": 1}
    priorities = {r.id: r for r in result.by_priority}
    assert priorities["P1"].indicators == ["I-GREEN", "I-RED2"]
    # P2 serves O2 and O3.
    assert priorities["P2"].counts == {"red": 1, "amber": 1, "no_data": 2, "no_target": 1}
    partners = {r.id: r for r in result.by_partner}
    assert partners["council"].title == "Test Council"
    assert partners["council"].indicators == ["I-RED", "I-RED2", "I-CONTEXT"]
    assert partners["council"].counts == {"red": 2, "no_target": 1}
    assert partners["police"].counts == {"green": 1, "amber": 1, "no_data": 2}


def test_summary_counts(tmp_path: Path) -> None:
    summary = review(build(tmp_path)).summary
    assert summary == {
        "green": 1,
        "amber": 1,
        "red": 2,
        "no_data": 2,
        "no_target": 1,
        "improved": 1,  # I-GREEN: 10 to 9.5, lower is better
        "worsened": 1,  # I-RED: 72 to 70, higher is better
        # I-AMBER did not change on Q1 (though it improved on last year): neither.
    }


# -- small-number suppression ---------------------------------------------------------

SMALL = """\
format_version: 1
partnership:
  name: Test Partnership
vision:
  outcomes:
    - {id: O1, title: Safer streets}
indicators:
  - id: S-DISCRETE
    title: Young people admitted to hospital after a stabbing
    unit: count
    polarity: lower
    accumulation: discrete
    outcomes: [O1]
    targets: [{period: 2026/27, value: 40}]
  - id: S-YTD
    title: Arson attacks on homes so far this year
    unit: count
    polarity: lower
    accumulation: year_to_date
    outcomes: [O1]
    targets: [{period: 2026/27, value: 20}]
  - id: S-ANNUAL
    title: Domestic homicide reviews begun
    unit: count
    polarity: lower
    frequency: annual
    outcomes: [O1]
    targets: [{period: 2026/27, value: 6}]
  - id: S-BIG
    title: Burglaries
    unit: count
    polarity: lower
    accumulation: discrete
    outcomes: [O1]
    targets: [{period: 2026/27, value: 400}]
  - id: S-EDGE
    title: Serious sexual offences against children
    unit: count
    polarity: lower
    accumulation: discrete
    outcomes: [O1]
    targets: [{period: 2026/27, value: 40}]
  - id: S-MIXED
    title: Firearms discharges
    unit: count
    polarity: lower
    accumulation: discrete
    outcomes: [O1]
    targets: [{period: 2026/27, value: 400}]
  - id: S-RATE
    title: Burglary rate per 1,000
    unit: rate per 1,000
    polarity: lower
    accumulation: rolling_12_months
    outcomes: [O1]
    targets: [{period: 2026/27, value: 6}]
settings:
  suppress_below: 5
"""

HIDDEN = {Decimal(n) for n in ("1", "2", "3", "4")}


def build_small(tmp_path: Path) -> Path:
    """Q4 2026/27, with small counts this quarter, last quarter and last year."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL, encoding="utf-8")
    q3, last_year = Q4.previous(), Q4.same_period_last_year()
    year = Q4.year
    write_monitoring(
        plan,
        Q4,
        figures={
            "S-DISCRETE": {Q4: value("3")},
            "S-YTD": {Q4: value("3")},
            "S-BIG": {Q4: value("95")},
            "S-EDGE": {Q4: value("5")},
            "S-MIXED": {Q4: value("95")},
            "S-RATE": {Q4: value("3")},
        },
    )
    write_monitoring(
        plan,
        q3,
        figures={
            "S-DISCRETE": {q3: value("2")},
            "S-BIG": {q3: value("110")},
            "S-MIXED": {q3: value("3")},
        },
    )
    write_monitoring(
        plan,
        last_year,
        figures={"S-DISCRETE": {last_year: value("4")}, "S-YTD": {last_year: value("1")}},
    )
    earlier = last_year.previous()
    write_monitoring(plan, earlier, figures={"S-DISCRETE": {earlier: value("5")}})
    write_monitoring(plan, year, figures={"S-ANNUAL": {year: value("2")}})
    return plan


def test_small_counts_are_hidden(tmp_path: Path) -> None:
    result = review(build_small(tmp_path), Q4, date(2027, 5, 20))
    items = by_id(result)
    small = items["S-DISCRETE"]
    assert small.suppressed is True
    assert small.actual is None
    assert small.compared_with == Point("2026/27 Q3", None)  # 2 is hidden
    assert small.last_year == Point("2025/26 Q4", None)  # 4 is hidden
    # 5 (2025/26 Q3) is not below the threshold and stays.
    assert [p.value for p in small.series] == [
        None,
        None,
        Decimal("5"),
        None,
        None,
        None,
        None,
        None,
    ]
    # The status is still judged on the real figure: 3 against a quarter's share of 40.
    assert small.status is Rag.GREEN
    assert items["S-YTD"].suppressed is True
    assert items["S-YTD"].actual is None
    assert items["S-YTD"].last_year == Point("2025/26 Q4", None)
    assert items["S-ANNUAL"].period == "2026/27"
    assert items["S-ANNUAL"].suppressed is True
    assert items["S-ANNUAL"].actual is None
    # Counts at or above the threshold, and anything that is not a count, are shown.
    assert items["S-BIG"].suppressed is False
    assert items["S-BIG"].actual == Decimal("95")
    assert items["S-BIG"].compared_with == Point("2026/27 Q3", Decimal("110"))
    assert items["S-RATE"].suppressed is False
    assert items["S-RATE"].actual == Decimal("3")
    assert items["S-EDGE"].suppressed is False  # 5 is not below 5
    assert items["S-EDGE"].actual == Decimal("5")
    # A small count earlier in the series is hidden, though this quarter's is not.
    assert items["S-MIXED"].suppressed is False
    assert items["S-MIXED"].actual == Decimal("95")
    assert items["S-MIXED"].compared_with == Point("2026/27 Q3", None)


def test_a_forecast_from_small_counts_does_not_reveal_them(tmp_path: Path) -> None:
    items = by_id(review(build_small(tmp_path), Q4, date(2027, 5, 20)))
    # At Q4 a year-to-date run rate is the figure itself, and an annual measure's
    # forecast is its latest figure: either would print the hidden count.
    # A run rate of (3 + 95) over six months would give the hidden 3 away too.
    for key in ("S-DISCRETE", "S-YTD", "S-ANNUAL", "S-MIXED"):
        assert items[key].forecast.value is None, key
    assert items["S-BIG"].forecast.value == Decimal("410")  # (110 + 95) over six months


def numbers(data: Any) -> Iterator[Decimal]:
    """Every number anywhere in parsed JSON."""
    if isinstance(data, bool):
        return
    if isinstance(data, int | float):
        yield Decimal(str(data))
    elif isinstance(data, dict):
        for item in data.values():
            yield from numbers(item)
    elif isinstance(data, list):
        for item in data:
            yield from numbers(item)


def test_json_does_not_contain_the_hidden_numbers(tmp_path: Path) -> None:
    result = review(build_small(tmp_path), Q4, date(2027, 5, 20))
    data = json.loads(to_json(result))
    shown = {item["id"]: item for item in data["indicators"]}
    for key in ("S-DISCRETE", "S-YTD", "S-ANNUAL"):
        assert shown[key]["suppressed"] is True
        assert shown[key]["actual"] is None
    for key in ("S-DISCRETE", "S-YTD", "S-ANNUAL", "S-MIXED"):
        # The month the reporting year starts (4, April) is not a figure.
        figures = {name: value for name, value in shown[key].items() if name != "year_start"}
        leaked = [n for n in numbers(figures) if n in HIDDEN]
        assert leaked == [], key
    # The check would see them: the rate of 3 is not a count and is shown.
    assert Decimal("3") in set(numbers(shown["S-RATE"]))
    assert Decimal("5") in set(numbers(shown["S-DISCRETE"]))


# -- the review reads only what it shows -------------------------------------------------

HISTORY = """\
format_version: 1
partnership:
  name: Test Partnership
vision:
  outcomes:
    - {id: O1, title: Safer streets}
indicators:
  - id: H-QUARTERLY
    title: Crime rate
    unit: rate per 1,000
    polarity: lower
    accumulation: rolling_12_months
    outcomes: [O1]
    targets: [{period: 2026/27, value: 10}]
  - id: H-MONTHLY
    title: Calls for service
    unit: count
    polarity: lower
    frequency: monthly
    accumulation: discrete
    outcomes: [O1]
    targets: [{period: 2026/27, value: 1200}]
  - id: H-ANNUAL
    title: Residents who feel safe
    unit: percentage
    polarity: higher
    frequency: annual
    outcomes: [O1]
    targets: [{period: 2025/26, value: 70}]
"""


def test_the_review_reads_only_the_periods_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(HISTORY, encoding="utf-8")
    # Eleven years of files: forty-four quarters and eleven years, each with figures.
    quarters = [Q2.shift(-back) for back in range(44)]
    years = [Q2.year.shift(-back) for back in range(11)]
    for quarter in quarters:
        months = quarter.parts(PeriodKind.MONTH)
        write_monitoring(
            plan,
            quarter,
            figures={
                "H-QUARTERLY": {quarter: value("9")},
                "H-MONTHLY": {month: value("100") for month in months},
            },
        )
    for year in years:
        write_monitoring(plan, year, figures={"H-ANNUAL": {year: value("66")}})
    read: list[Period] = []
    loaded: list[Period] = []
    asked: list[tuple[str, Period]] = []
    original_read, original_figure, original_load = (
        Workspace.read,
        Workspace.figure,
        Workspace._load,
    )

    def spy_read(self: Workspace, period: Period) -> Any:
        read.append(period)
        return original_read(self, period)

    def spy_figure(self: Workspace, indicator_id: str, period: Period) -> Any:
        asked.append((indicator_id, period))
        return original_figure(self, indicator_id, period)

    def spy_load(self: Workspace, period: Period) -> Any:
        loaded.append(period)
        return original_load(self, period)

    monkeypatch.setattr(Workspace, "read", spy_read)
    monkeypatch.setattr(Workspace, "figure", spy_figure)
    monkeypatch.setattr(Workspace, "_load", spy_load)

    result = review(plan)

    # What the review shows: each indicator's series (eight periods to the figure's own),
    # the period it is compared with, and last year's shape for the forecast.
    files = {file_period(period) for period in read}
    # The oldest quarter read is eight before the review's, where the remedial actions
    # still in force are looked for (the quarterly series starts a quarter later);
    # the oldest year, the annual measure's series (eight years to 2026/27).
    assert min(p for p in files if p.kind is PeriodKind.QUARTER).label == "2024/25 Q2"
    assert min(p for p in files if p.kind is PeriodKind.YEAR).label == "2019/20"
    assert APRIL.year(2018) not in files
    # Each file is parsed at most once: nine quarters and eight years, whatever the history.
    assert len(loaded) == len(set(loaded))
    assert len(loaded) == 17
    # And the figures were really found in them.
    shown = by_id(result)
    assert [p.value for p in shown["H-QUARTERLY"].series] == [Decimal("9")] * 8
    # A count in the month: the quarter's figure is its three months added up.
    assert shown["H-MONTHLY"].actual == Decimal("300")
    # The review of Q2 is about the annual measure's 2026/27 figure (here already in).
    assert shown["H-ANNUAL"].period == "2026/27"
    assert shown["H-ANNUAL"].actual == Decimal("66")
