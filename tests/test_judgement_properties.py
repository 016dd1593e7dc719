"""Properties of the judgement layer that must hold for any plan (Hypothesis).

- A figure exactly on its period's target (however that target was derived)
  is never off target.
- Moving a figure in the better direction never worsens its status.
- A figure that is not yet due is never "no data", so never an exception.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pmkit.judgement.assess import assess
from pmkit.judgement.due import due_date
from pmkit.judgement.status import Rag, judge
from pmkit.judgement.targets import period_target
from pmkit.model.indicators import Indicator
from pmkit.model.settings import RagScheme
from pmkit.periods import Calendar, Period

EXAMPLES = settings(
    max_examples=int(os.environ.get("PMKIT_PROPERTY_EXAMPLES", "80")), deadline=None
)
RANK = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}

units = st.sampled_from(["count", "percentage", "rate per 1,000", "money", "days", "score"])
accumulations = st.sampled_from(["discrete", "year_to_date", "rolling_12_months", "snapshot"])
profiles = st.sampled_from([None, "even", [25, 25, 25, 25], [10, 20, 30, 40], [40, 30, 20, 10]])
tolerances = st.sampled_from([None, "5%", "10%", 1, 3])
targets = st.decimals(min_value=1, max_value=100, places=1)
starts = st.sampled_from([1, 4, 9])


def build(start: int, **fields: Any) -> Indicator:
    data = {"id": "I1", **{key: value for key, value in fields.items() if value is not None}}
    return Indicator.model_validate(data, context={"calendar": Calendar(start)})


@EXAMPLES
@given(
    start=starts,
    unit=units,
    accumulation=accumulations,
    polarity=st.sampled_from(["higher", "lower"]),
    profile=profiles,
    tolerance=tolerances,
    target=targets,
    quarter=st.integers(1, 4),
)
def test_a_figure_exactly_on_its_derived_target_is_never_off_target(
    *,
    start: int,
    unit: str,
    accumulation: str,
    polarity: str,
    profile: Any,
    tolerance: Any,
    target: Decimal,
    quarter: int,
) -> None:
    indicator = build(
        start,
        unit=unit,
        accumulation=accumulation,
        polarity=polarity,
        profile=profile,
        tolerance=tolerance,
        targets=[{"period": Calendar(start).year(2026).label, "value": target}],
    )
    period = Calendar(start).quarter(2026, quarter)
    aim = period_target(indicator, period)
    assert aim.usable and aim.value is not None
    assert judge(indicator, aim.value, aim, RagScheme()) is Rag.GREEN


@EXAMPLES
@given(
    unit=units,
    accumulation=accumulations,
    polarity=st.sampled_from(["higher", "lower"]),
    profile=profiles,
    tolerance=tolerances,
    target=targets,
    values=st.tuples(
        st.decimals(min_value=0, max_value=200, places=1),
        st.decimals(min_value=0, max_value=200, places=1),
    ),
    better_than_last_year=st.booleans(),
)
def test_a_better_figure_never_gets_a_worse_status_against_a_derived_target(
    *,
    unit: str,
    accumulation: str,
    polarity: str,
    profile: Any,
    tolerance: Any,
    target: Decimal,
    values: tuple[Decimal, Decimal],
    better_than_last_year: bool,
) -> None:
    indicator = build(
        4,
        unit=unit,
        accumulation=accumulation,
        polarity=polarity,
        profile=profile,
        tolerance=tolerance,
        targets=[{"period": "2026/27", "value": target}],
    )
    worse, better = sorted(values, reverse=polarity == "lower")
    quarter = Calendar(4).quarter(2026, 2)
    last_year = Decimal(100)
    scheme = RagScheme(better_than_last_year=better_than_last_year)

    def status(value: Decimal) -> Rag:
        recorded = {quarter: value, quarter.same_period_last_year(): last_year}

        class Figure:
            def __init__(self, number: Decimal) -> None:
                self.value = number
                self.not_available = None

        def record(period: Period) -> Figure | None:
            found = recorded.get(period)
            return Figure(found) if found is not None else None

        return assess(indicator, quarter, record, today=date(2027, 1, 1), scheme=scheme).status

    assert RANK[status(better)] <= RANK[status(worse)]


@EXAMPLES
@given(
    frequency=st.sampled_from(["monthly", "quarterly", "six_monthly", "annual"]),
    lag=st.sampled_from(
        [None, "0 days", "3 weeks", "6 weeks", "1 month", "3 months", "12 months", "21 months"]
    ),
    quarter=st.integers(1, 4),
    days_after=st.integers(0, 800),
    recorded_before=st.booleans(),
)
def test_a_figure_not_yet_due_is_never_no_data(
    *,
    frequency: str,
    lag: str | None,
    quarter: int,
    days_after: int,
    recorded_before: bool,
) -> None:
    indicator = build(
        4,
        unit="percentage",
        polarity="higher",
        frequency=frequency,
        data_lag=lag,
        targets=[{"period": "2026/27", "value": 50}],
    )
    reviewed = Calendar(4).quarter(2026, quarter)
    today = reviewed.end + timedelta(days=days_after)

    class Figure:
        value = Decimal(50)
        not_available = None

    def record(period: Period) -> Figure | None:
        # Only figures from before the year are in (when ``recorded_before``).
        return Figure() if recorded_before and period.last < reviewed.year.first else None

    judged = assess(indicator, reviewed, record, today=today, scheme=RagScheme())
    if judged.status is Rag.NO_DATA and not judged.recorded:
        # "No data" only ever for a figure that is overdue on the day.
        assert today > due_date(indicator, judged.period) or (
            frequency == "monthly" and today > judged.due
        )
    if judged.status is Rag.NOT_DUE:
        assert today <= judged.due or judged.period.last > reviewed.last
