"""Properties that hold for any valid plan, not only the examples.

Plans are generated from the model's own terms (tests/strategies.py): any
number of partners, outcomes, priorities and indicators, every unit,
polarity, accumulation and frequency, and years starting in any month.
Each test works in its own temporary folder, since Hypothesis runs it many
times over.
"""

from __future__ import annotations

import csv
import os
import tempfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmkit.judgement.direction import Direction, direction
from pmkit.judgement.status import judge
from pmkit.judgement.targets import PeriodTarget, TargetMethod
from pmkit.load import Document, load_document
from pmkit.model.indicators import Indicator, Polarity, ToleranceKind
from pmkit.model.settings import RagScheme
from pmkit.model.units import UnitKind
from pmkit.monitoring.figures import FigureInput, FigureOptions, record_figures
from pmkit.monitoring.statuses import FigureStatus
from pmkit.monitoring.workspace import Recorder, Workspace, open_workspace
from pmkit.periods import Calendar, PeriodKind
from pmkit.returns.content import FIGURE, build_return
from pmkit.returns.importing import import_returns
from pmkit.returns.writing import write_csv
from pmkit.review.quarter import review_quarter
from pmkit.review.result import Rag
from pmkit.validate import check_document
from strategies import (
    FIRST_YEAR,
    LAST_YEAR,
    GeneratedPlan,
    UnitSpec,
    figure_periods,
    numbers,
    plans,
    reads_as_a_year,
    values_for,
)

AT = datetime(2026, 11, 26, 9, 30)
RECORDER = Recorder("property test", AT, "command line")
PROPERTIES = settings(
    max_examples=int(os.environ.get("PMKIT_PROPERTY_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def write_plan(folder: Path, plan: GeneratedPlan) -> Path:
    path = folder / "plan.yaml"
    path.write_text(plan.text, encoding="utf-8")
    return path


def as_of(plan: GeneratedPlan) -> date:
    return date(plan.year + 1, 6, 15)


def open_plan(folder: Path, plan: GeneratedPlan) -> Workspace:
    return open_workspace(write_plan(folder, plan), as_of=as_of(plan))


def monitoring_bytes(folder: Path) -> dict[str, bytes]:
    monitoring = folder / "monitoring"
    if not monitoring.exists():
        return {}
    return {path.name: path.read_bytes() for path in sorted(monitoring.iterdir())}


# -- the plan ---------------------------------------------------------------------


@PROPERTIES
@given(plan=plans(), day=st.dates(date(FIRST_YEAR - 3, 1, 1), date(LAST_YEAR + 3, 12, 31)))
def test_checking_any_plan_gives_findings_and_never_raises(plan: GeneratedPlan, day: date) -> None:
    with tempfile.TemporaryDirectory() as folder:
        loaded = load_document(write_plan(Path(folder), plan))
        assert isinstance(loaded, Document), loaded
        result = check_document(loaded, as_of=day)
    assert isinstance(result.findings, list)
    # A generated plan is valid: the structure holds, so the rules ran and scored it.
    assert result.scorecard is not None, [f.message for f in result.findings]


# -- recording --------------------------------------------------------------------


@st.composite
def plan_and_figure(draw: st.DrawFn) -> tuple[GeneratedPlan, str, str, Decimal]:
    plan = draw(plans(min_indicators=1, max_indicators=4))
    spec = draw(st.sampled_from(plan.indicators))
    years = st.integers(plan.year - 3, plan.year + 1)
    period = draw(figure_periods(plan.calendar, spec.frequency, years))
    return plan, spec.id, period.label, draw(values_for(spec.unit))


@PROPERTIES
@given(case=plan_and_figure(), final=st.booleans())
def test_a_recorded_figure_reads_back_as_the_same_value(
    case: tuple[GeneratedPlan, str, str, Decimal], final: bool
) -> None:
    plan, indicator, label, value = case
    status = FigureStatus.FINAL if final else FigureStatus.PROVISIONAL
    with tempfile.TemporaryDirectory() as folder:
        workspace = open_plan(Path(folder), plan)
        item = FigureInput(indicator, label, value, status=status)
        record_figures(workspace, [item], RECORDER, FigureOptions(accept_unusual=True))
        again = open_plan(Path(folder), plan)
        figure = again.figure(indicator, again.calendar.parse(label))
    assert figure is not None
    assert figure.value == value
    assert figure.status is status


# -- returns ----------------------------------------------------------------------


def written(value: Decimal, unit: UnitSpec, style: int) -> str:
    """``value`` as a partner's data lead might type it."""
    text = str(value)
    if style == 1 and abs(value) >= 1000:
        text = f"{value:,}"
    elif style == 2 and unit.kind is UnitKind.PERCENTAGE:
        text += "%"
    elif style == 2 and unit.kind is UnitKind.MONEY and value >= 0:
        text = f"£{value:,}"
    elif style == 3:
        text = f" {text} "
    return text


@st.composite
def plan_and_quarter(draw: st.DrawFn) -> tuple[GeneratedPlan, str, int, int]:
    plan = draw(plans(min_indicators=1, max_indicators=8))
    partner = draw(st.sampled_from([spec.owner for spec in plan.indicators]))
    return plan, partner, draw(st.integers(plan.year - 1, plan.year + 1)), draw(st.integers(1, 4))


@PROPERTIES
@given(case=plan_and_quarter(), data=st.data())
def test_an_imported_return_records_what_the_partner_meant_once(
    case: tuple[GeneratedPlan, str, int, int], data: st.DataObject
) -> None:
    plan, partner, year, number = case
    units = {spec.id: spec.unit for spec in plan.indicators}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        workspace = open_plan(folder, plan)
        quarter = workspace.calendar.quarter(year, number)
        path = folder / "return.csv"
        write_csv(build_return(workspace, partner, quarter), path)
        with path.open(encoding="utf-8-sig", newline="") as stream:
            grid = list(csv.reader(stream))
        header = grid.index(next(row for row in grid if row[:2] == ["Kind", "ID"]))
        columns = grid[header]
        meant: dict[tuple[str, str], Decimal] = {}
        ambiguous = {m.label for m in quarter.parts(PeriodKind.MONTH) if reads_as_a_year(m)}
        for row in grid[header + 1 :]:
            cells = dict(zip(columns, row, strict=True))
            if cells["Kind"] != FIGURE or cells["Period"] in ambiguous:
                continue  # an ambiguous month ("2010-11") reads as a year, by design
            if not data.draw(st.booleans()):
                continue
            unit = units[cells["ID"]]
            value = data.draw(values_for(unit))
            row[columns.index("Value")] = written(value, unit, data.draw(st.integers(0, 3)))
            meant[cells["ID"], cells["Period"]] = value
        with path.open("w", encoding="utf-8-sig", newline="") as stream:
            csv.writer(stream, lineterminator="\r\n").writerows(grid)

        def recorder(file: str) -> Recorder:
            return Recorder("property test", AT, file)

        options = FigureOptions(accept_unusual=True)
        import_returns(workspace, [path], recorder, options=options)
        first = monitoring_bytes(folder)
        again = open_plan(folder, plan)
        for (indicator, label), value in meant.items():
            figure = again.figure(indicator, again.calendar.parse(label))
            assert figure is not None, (indicator, label)
            assert figure.value == value, (indicator, label)
        report = import_returns(again, [path], recorder, options=options)
        assert monitoring_bytes(folder) == first
        assert report.written == []
        assert all(change.action == "unchanged" for change in report.changes)


# -- the review -------------------------------------------------------------------


@st.composite
def plan_with_monitoring(
    draw: st.DrawFn,
) -> tuple[GeneratedPlan, list[FigureInput], int, int]:
    plan = draw(plans())
    years = st.integers(plan.year - 2, plan.year + 1)
    inputs = []
    for spec in plan.indicators:
        for period in draw(
            st.lists(figure_periods(plan.calendar, spec.frequency, years), max_size=3, unique=True)
        ):
            inputs.append(FigureInput(spec.id, period.label, draw(values_for(spec.unit))))
    return plan, inputs, draw(st.integers(plan.year - 1, plan.year + 1)), draw(st.integers(1, 4))


@PROPERTIES
@given(case=plan_with_monitoring())
def test_the_review_has_one_entry_per_indicator(
    case: tuple[GeneratedPlan, list[FigureInput], int, int],
) -> None:
    plan, inputs, year, number = case
    with tempfile.TemporaryDirectory() as name:
        workspace = open_plan(Path(name), plan)
        if inputs:
            record_figures(workspace, inputs, RECORDER, FigureOptions(accept_unusual=True))
        workspace = open_plan(Path(name), plan)
        review = review_quarter(workspace, workspace.calendar.quarter(year, number))
    assert [entry.id for entry in review.indicators] == [spec.id for spec in plan.indicators]
    assert sum(review.summary.get(rag.value, 0) for rag in Rag) == len(plan.indicators)


# -- periods ----------------------------------------------------------------------


@settings(max_examples=int(os.environ.get("PMKIT_PROPERTY_EXAMPLES", "25")), deadline=None)
@given(
    start=st.integers(1, 12),
    year=st.integers(1990, 2100),
    kind=st.sampled_from(PeriodKind),
    part=st.integers(1, 12),
)
def test_period_labels_read_back_as_themselves(
    start: int, year: int, kind: PeriodKind, part: int
) -> None:
    calendar = Calendar(start)
    if kind is PeriodKind.YEAR:
        period = calendar.year(year)
    elif kind is PeriodKind.QUARTER:
        period = calendar.quarter(year, (part - 1) % 4 + 1)
    else:
        period = calendar.month(year, part)
    if reads_as_a_year(period):
        # By design the calendar decides: "2010-11" is the year 2010/11 (test_periods.py).
        assert calendar.parse(period.label) == calendar.year(year)
        return
    assert calendar.parse(period.label) == period
    assert calendar.parse(period.label).label == period.label
    assert calendar.parse(period.file_stem) == period


# -- RAG --------------------------------------------------------------------------

RANK = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}


@settings(max_examples=int(os.environ.get("PMKIT_PROPERTY_EXAMPLES", "25")), deadline=None)
@given(
    target=numbers(places=2),
    values=st.tuples(numbers(places=2), numbers(places=2)),
    last_year=st.none() | numbers(places=2),
    tolerance=st.none() | st.tuples(st.sampled_from(ToleranceKind), numbers(0, 100, places=2)),
    polarity=st.sampled_from(Polarity),
    scheme=st.builds(
        RagScheme, within_tolerance=st.booleans(), better_than_last_year=st.booleans()
    ),
)
def test_a_better_figure_never_gets_a_worse_status(
    *,
    target: Decimal,
    values: tuple[Decimal, Decimal],
    last_year: Decimal | None,
    tolerance: tuple[ToleranceKind, Decimal] | None,
    polarity: Polarity,
    scheme: RagScheme,
) -> None:
    worse, better = sorted(values, reverse=polarity is Polarity.LOWER)
    indicator = Indicator.model_validate(
        {
            "id": "I1",
            "polarity": polarity.value,
            "tolerance": None
            if tolerance is None
            else {"kind": tolerance[0].value, "value": tolerance[1]},
        }
    )
    aim = PeriodTarget(TargetMethod.EXPLICIT, target, source="2026/27")

    def status(value: Decimal) -> Rag:
        improving = last_year is not None and (
            direction(polarity, value, last_year) is Direction.IMPROVING
        )
        return judge(indicator, value, aim, scheme, improving_on_last_year=improving)

    status_worse = status(worse)
    status_better = status(better)
    assert RANK[status_better] <= RANK[status_worse]


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
