"""The judgement layer's truth table, every row worked out by hand.

Each row is an indicator (unit, polarity, accumulation, frequency, profile,
tolerance, target or range), the figures recorded for it, and the quarter
reviewed on a given day; the expected period target, status, direction of
travel and forecast are typed in as literals. The arithmetic behind each row
is in its comment; ``docs/methodology.md`` sets out the methods.

Unless a row says otherwise: a financial year starting in April (Q2 is July
to September), the review of 2026/27 Q2 on 26 November 2026, quarterly
figures with no data lag.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from pmkit.judgement.assess import assess
from pmkit.judgement.status import Rag
from pmkit.model.indicators import Indicator
from pmkit.model.settings import RagScheme
from pmkit.periods import Calendar, Period

TODAY = date(2026, 11, 26)
G, A, R = Rag.GREEN, Rag.AMBER, Rag.RED
ND, NOT_DUE, NT = Rag.NO_DATA, Rag.NOT_DUE, Rag.NO_TARGET


@dataclass(frozen=True)
class Figure:
    value: Decimal | None
    not_available: str | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


@dataclass(frozen=True)
class Row:
    """One case: the indicator, its figures, the review, and what is expected."""

    name: str
    indicator: dict[str, Any]
    figures: dict[str, str]
    period: str
    target: str | None
    status: Rag
    direction: str = ""
    forecast: str | None = None
    method: str = "no forecast"
    verdict: Rag | None = None
    quarter: str = "2026/27 Q2"
    today: date = TODAY
    start: int = 4
    scheme: dict[str, bool] = field(default_factory=dict)


def ytd_count(polarity: str = "higher", **more: Any) -> dict[str, Any]:
    return {"unit": "count", "polarity": polarity, "accumulation": "year_to_date", **more}


def count(polarity: str = "lower", **more: Any) -> dict[str, Any]:
    return {"unit": "count", "polarity": polarity, "accumulation": "discrete", **more}


def year_target(value: float | str, year: str = "2026/27") -> list[dict[str, Any]]:
    return [{"period": year, "value": value}]


ROWS = [
    # -- year-to-date counts: the cumulative share of the annual target ---------------
    # 240 a year, even: 6/12 by Q2 = 120. 130 >= 120. No last year's year end: run rate
    # 130 x 12/6 = 260 >= 240. Compared with the same quarter last year (100).
    Row(
        "ytd count on target, run rate",
        ytd_count(targets=year_target(240)),
        {"2026/27 Q2": "130", "2026/27 Q1": "60", "2025/26 Q2": "100"},
        "2026/27 Q2",
        "120",
        G,
        "↑ improving on 2025/26 Q2",
        "260",
        "run rate",
        G,
    ),
    # Last year 80 by Q2 of 200: the seasonal run rate 130 x 200/80 = 325.
    Row(
        "ytd count, seasonal run rate",
        ytd_count(targets=year_target(240)),
        {"2026/27 Q2": "130", "2025/26 Q2": "80", "2025/26 Q4": "200"},
        "2026/27 Q2",
        "120",
        G,
        "↑ improving on 2025/26 Q2",
        "325",
        "seasonal run rate",
        G,
    ),
    # 110 is 10 short of 120; 10% of 120 is 12: near. Run rate 220 is 20 short of 240,
    # within 24: likely to be near.
    Row(
        "ytd count near target with percentage tolerance",
        ytd_count(targets=year_target(240), tolerance="10%"),
        {"2026/27 Q2": "110"},
        "2026/27 Q2",
        "120",
        A,
        "",
        "220",
        "run rate",
        A,
    ),
    # 100 is 20 short of 120 (beyond 12): off. 200 is 40 short of 240 (beyond 24).
    Row(
        "ytd count off target",
        ytd_count(targets=year_target(240), tolerance="10%"),
        {"2026/27 Q2": "100"},
        "2026/27 Q2",
        "120",
        R,
        "",
        "200",
        "run rate",
        R,
    ),
    # Q1: 3/12 of 240 = 60. 55 is 5 short, tolerance 5 absolute: near. Run rate
    # 55 x 12/3 = 220, 20 short: off.
    Row(
        "ytd count at Q1 with absolute tolerance",
        ytd_count(targets=year_target(240), tolerance=5),
        {"2026/27 Q1": "55"},
        "2026/27 Q1",
        "60",
        A,
        "",
        "220",
        "run rate",
        R,
        quarter="2026/27 Q1",
        today=date(2026, 8, 20),
    ),
    # Q3: 9/12 of 240 = 180; 170 is short with no tolerance: off. 170 x 12/9 = 226.67,
    # rounded to the target's places: 227.
    Row(
        "ytd count at Q3, forecast rounded like the target",
        ytd_count(targets=year_target(240)),
        {"2026/27 Q3": "170"},
        "2026/27 Q3",
        "180",
        R,
        "",
        "227",
        "run rate",
        R,
        quarter="2026/27 Q3",
        today=date(2027, 2, 20),
    ),
    # Q4 (January to March, crossing the calendar year): the whole 240. 250 >= 240.
    Row(
        "ytd count at Q4",
        ytd_count(targets=year_target(240)),
        {"2026/27 Q4": "250"},
        "2026/27 Q4",
        "240",
        G,
        "",
        "250",
        "run rate",
        G,
        quarter="2026/27 Q4",
        today=date(2027, 5, 20),
    ),
    # Lower is better, 400 a year: 200 by Q2. 190 <= 200. Seasonal: 190 x 420/210 = 380.
    Row(
        "ytd count lower is better, seasonal",
        ytd_count("lower", targets=year_target(400)),
        {"2026/27 Q2": "190", "2025/26 Q2": "210", "2025/26 Q4": "420"},
        "2026/27 Q2",
        "200",
        G,
        "↓ improving on 2025/26 Q2",
        "380",
        "seasonal run rate",
        G,
    ),
    # 215 is 15 over 200; 5% of 200 is 10: off. 430 is 30 over 400; 5% is 20: off.
    Row(
        "ytd count lower is better, off target",
        ytd_count("lower", targets=year_target(400), tolerance="5%"),
        {"2026/27 Q2": "215"},
        "2026/27 Q2",
        "200",
        R,
        "",
        "430",
        "run rate",
        R,
    ),
    # 205 is 5 over (within 10): near. 410 is 10 over 400 (within 20): near.
    Row(
        "ytd count lower is better, near target",
        ytd_count("lower", targets=year_target(400), tolerance="5%"),
        {"2026/27 Q2": "205"},
        "2026/27 Q2",
        "200",
        A,
        "",
        "410",
        "run rate",
        A,
    ),
    # -- counts for the period alone: the period's own share ---------------------------
    # 400 a year: a quarter's share is 100. 95 <= 100. Q1 + Q2 = 200, two of four
    # quarters: 400 for the year. Compared with the quarter before.
    Row(
        "discrete count on target",
        count(targets=year_target(400)),
        {"2026/27 Q2": "95", "2026/27 Q1": "105"},
        "2026/27 Q2",
        "100",
        G,
        "↓ improving on 2026/27 Q1",
        "400",
        "run rate",
        G,
    ),
    # 110 over 100 by 10 (5% of 100 = 5): off. (105 + 110) x 4/2 = 430; 30 over 400, beyond
    # 5% (20): off.
    Row(
        "discrete count off target",
        count(targets=year_target(400), tolerance="5%"),
        {"2026/27 Q2": "110", "2026/27 Q1": "105"},
        "2026/27 Q2",
        "100",
        R,
        "↑ worsening on 2026/27 Q1",
        "430",
        "run rate",
        R,
    ),
    # Last year's quarters 80, 120, 100, 100 (400); first half 200. This year 90 + 110 =
    # 200: seasonal 200 x 400/200 = 400, on target.
    Row(
        "discrete count, seasonal run rate",
        count(targets=year_target(400)),
        {
            "2026/27 Q1": "90",
            "2026/27 Q2": "110",
            "2025/26 Q1": "80",
            "2025/26 Q2": "120",
            "2025/26 Q3": "100",
            "2025/26 Q4": "100",
        },
        "2026/27 Q2",
        "100",
        R,
        "↑ worsening on 2026/27 Q1",
        "400",
        "seasonal run rate",
        G,
    ),
    # The same, compared with the same quarter last year (a seasonal count): 110 < 120.
    Row(
        "discrete count compared with last year",
        count(targets=year_target(400), compare_with="last_year"),
        {
            "2026/27 Q1": "90",
            "2026/27 Q2": "110",
            "2025/26 Q1": "80",
            "2025/26 Q2": "120",
            "2025/26 Q3": "100",
            "2025/26 Q4": "100",
        },
        "2026/27 Q2",
        "100",
        R,
        "↓ improving on 2025/26 Q2",
        "400",
        "seasonal run rate",
        G,
    ),
    # A profile of 10/20/30/40%: Q2's own share is 20% of 400 = 80. 85 > 80: off.
    Row(
        "discrete count with the plan's profile",
        count(targets=year_target(400), profile=[10, 20, 30, 40]),
        {"2026/27 Q2": "85"},
        "2026/27 Q2",
        "80",
        R,
        "",
        "340",
        "run rate",
        G,
    ),
    # The same profile to date at Q3: 10 + 20 + 30 = 60% of 400 = 240. 230 <= 240. Run rate
    # 230 x 12/9 = 306.67, rounded 307 <= 400.
    Row(
        "ytd count with the plan's profile",
        ytd_count("lower", targets=year_target(400), profile=[10, 20, 30, 40]),
        {"2026/27 Q3": "230"},
        "2026/27 Q3",
        "240",
        G,
        "",
        "307",
        "run rate",
        G,
        quarter="2026/27 Q3",
        today=date(2027, 2, 20),
    ),
    # Last year's shape: 150 of 500 by Q2 = 30%, so 120 of 400. 118 <= 120. Seasonal
    # 118 x 500/150 = 393.33, rounded 393.
    Row(
        "ytd count profiled on last year",
        ytd_count("lower", targets=year_target(400), profile="last_year"),
        {"2026/27 Q2": "118", "2025/26 Q2": "150", "2025/26 Q4": "500"},
        "2026/27 Q2",
        "120",
        G,
        "↓ improving on 2025/26 Q2",
        "393",
        "seasonal run rate",
        G,
    ),
    # Last year's quarters 80, 120, 100, 100: Q2 carried 120/400 = 30%, so 120. 125 > 120.
    # With no Q1 figure, the direction is on the same quarter last year, and the run rate
    # is the one quarter in: 125 x 4 = 500.
    Row(
        "discrete count profiled on last year",
        count(targets=year_target(400), profile="last_year"),
        {
            "2026/27 Q2": "125",
            "2025/26 Q1": "80",
            "2025/26 Q2": "120",
            "2025/26 Q3": "100",
            "2025/26 Q4": "100",
        },
        "2026/27 Q2",
        "120",
        R,
        "↑ worsening on 2025/26 Q2",
        "500",
        "run rate",
        R,
    ),
    # Last year incomplete: the profile falls back to even, 100.
    Row(
        "profile on last year without last year's figures",
        count(targets=year_target(400), profile="last_year"),
        {"2026/27 Q2": "95"},
        "2026/27 Q2",
        "100",
        G,
        "",
        "380",
        "run rate",
        G,
    ),
    # An explicit quarterly target wins over any profile.
    Row(
        "explicit quarterly target",
        count(
            targets=[{"period": "2026/27", "value": 400}, {"period": "2026/27 Q2", "value": 90}],
            profile=[10, 20, 30, 40],
        ),
        {"2026/27 Q2": "95"},
        "2026/27 Q2",
        "90",
        R,
        "",
        "380",
        "run rate",
        G,
    ),
    # Money spent to date, higher is better: £600,000 a year, half by Q2.
    Row(
        "ytd money",
        {
            "unit": "money",
            "polarity": "higher",
            "accumulation": "year_to_date",
            "targets": year_target(600000),
        },
        {"2026/27 Q2": "310000"},
        "2026/27 Q2",
        "300000",
        G,
        "",
        "620000",
        "run rate",
        G,
    ),
    # -- year-to-date rates over a fixed population ------------------------------------
    # 17.0 a year with 26.5/26.5/23.5/23.5: 53% to date = 9.01, rounded like 17.0: 9.0.
    # 9.3 is 0.3 over; 5% of 9.0 = 0.45: near. Seasonal 9.3 x 17.9/9.8 = 16.987, rounded
    # like 17.0: 17.0, on target.
    Row(
        "ytd rate with a profile (anti-social behaviour)",
        {
            "unit": "rate per 1,000",
            "polarity": "lower",
            "accumulation": "year_to_date",
            "targets": year_target("17.0"),
            "profile": [26.5, 26.5, 23.5, 23.5],
            "tolerance": "5%",
        },
        {"2026/27 Q2": "9.3", "2025/26 Q2": "9.8", "2025/26 Q4": "17.9"},
        "2026/27 Q2",
        "9.0",
        A,
        "↓ improving on 2025/26 Q2",
        "17.0",
        "seasonal run rate",
        G,
    ),
    # A denominator that changes through the year: the annual figure itself, and the
    # latest year-to-date figure stands as the forecast.
    Row(
        "ytd rate whose denominator is not fixed",
        {
            "unit": "rate per 1,000",
            "polarity": "lower",
            "accumulation": "year_to_date",
            "targets": year_target("17.0"),
            "definition": {"denominator_fixed": False},
        },
        {"2026/27 Q2": "9.3"},
        "2026/27 Q2",
        "17.0",
        G,
        "",
        "9.3",
        "latest year to date",
        G,
    ),
    # 590 a year, even: 295 by Q2. 322 is 27 over; 5% of 295 = 14.75: off. Run rate 644:
    # 54 over 590, beyond 29.5.
    Row(
        "ytd rate even (care-home admissions)",
        {
            "unit": "rate per 100,000",
            "polarity": "lower",
            "accumulation": "year_to_date",
            "targets": year_target(590),
            "tolerance": "5%",
        },
        {"2026/27 Q2": "322"},
        "2026/27 Q2",
        "295",
        R,
        "",
        "644",
        "run rate",
        R,
    ),
    # -- direction of travel with counts: a change is said only when significant -------
    # Newcombe's interval for 78% of 200 less 76% of 200: Wilson 156/200 is 0.7176 to
    # 0.8318, 152/200 0.6963 to 0.8139; the difference 0.02 reaches down by
    # sqrt(0.0624² + 0.0539²) = 0.0825 to -0.0625, which includes 0: not significant.
    # Status and forecast as without counts (78 is 2 short of 80: near; trend to 82).
    Row(
        "percentage up on a small denominator: no significant change",
        {"unit": "percentage", "polarity": "higher", "targets": year_target(80), "tolerance": 2},
        {"2026/27 Q2": "78 (156/200)", "2026/27 Q1": "76 (152/200)", "2025/26 Q4": "74"},
        "2026/27 Q2",
        "80",
        A,
        "↑ no significant change on 2026/27 Q1",
        "82",
        "linear trend",
        G,
    ),
    # The same percentages of 5,000: Wilson 0.7683 to 0.7913 and 0.7480 to 0.7716; the
    # difference reaches down by sqrt(0.0117² + 0.0116²) = 0.0165 to 0.0035, above 0:
    # significantly better.
    Row(
        "percentage up on a large denominator: improving",
        {"unit": "percentage", "polarity": "higher", "targets": year_target(80), "tolerance": 2},
        {"2026/27 Q2": "78 (3900/5000)", "2026/27 Q1": "76 (3800/5000)", "2025/26 Q4": "74"},
        "2026/27 Q2",
        "80",
        A,
        "↑ improving on 2026/27 Q1",
        "82",
        "linear trend",
        G,
    ),
    # Counts for only one of the two figures: the direction is as the figures give it.
    Row(
        "percentage with counts for one figure only",
        {"unit": "percentage", "polarity": "higher", "targets": year_target(80), "tolerance": 2},
        {"2026/27 Q2": "78 (156/200)", "2026/27 Q1": "76", "2025/26 Q4": "74"},
        "2026/27 Q2",
        "80",
        A,
        "↑ improving on 2026/27 Q1",
        "82",
        "linear trend",
        G,
    ),
    # Care-home admissions to date (lower is better), 168 of 52,140 (322) against 160 of
    # 51,770 (309) at Q2 last year. Equal rates would give this year 52,140/103,910 =
    # 0.5018 of the 328 admissions; Wilson for 168/328 is 0.4583 to 0.5658, which holds
    # it: not significant. Status and forecast as without counts (run rate 644, off).
    Row(
        "ytd rate up on last year, not significantly",
        {
            "unit": "rate per 100,000",
            "polarity": "lower",
            "accumulation": "year_to_date",
            "targets": year_target(590),
            "tolerance": "5%",
        },
        {"2026/27 Q2": "322 (168/52140)", "2025/26 Q2": "309 (160/51770)"},
        "2026/27 Q2",
        "295",
        R,
        "↑ no significant change on 2025/26 Q2",
        "644",
        "run rate",
        R,
    ),
    # Against 119 of 51,740 (230) last year: equal rates would give 52,140/103,880 =
    # 0.5019 of 287; Wilson for 168/287 is 0.5276 to 0.6409, above it: significantly worse.
    Row(
        "ytd rate up on last year, significantly",
        {
            "unit": "rate per 100,000",
            "polarity": "lower",
            "accumulation": "year_to_date",
            "targets": year_target(590),
            "tolerance": "5%",
        },
        {"2026/27 Q2": "322 (168/52140)", "2025/26 Q2": "230 (119/51740)"},
        "2026/27 Q2",
        "295",
        R,
        "↑ worsening on 2025/26 Q2",
        "644",
        "run rate",
        R,
    ),
    # A standardised rate's counts do not give its interval: direction as the figures give it.
    Row(
        "standardised rate with counts: direction as the figures give it",
        {
            "unit": "rate per 100,000",
            "polarity": "lower",
            "accumulation": "year_to_date",
            "definition": {"standardised": True},
            "targets": year_target(590),
            "tolerance": "5%",
        },
        {"2026/27 Q2": "322 (168/52140)", "2025/26 Q2": "309 (160/51770)"},
        "2026/27 Q2",
        "295",
        R,
        "↑ worsening on 2025/26 Q2",
        "644",
        "run rate",
        R,
    ),
    # -- figures judged against the annual target itself --------------------------------
    # A percentage: 78 is 2 short of 80, tolerance 2: near. Trend through 74, 76, 78 (one
    # step a quarter) reaches 82 at Q4.
    Row(
        "percentage near target, linear trend",
        {"unit": "percentage", "polarity": "higher", "targets": year_target(80), "tolerance": 2},
        {"2026/27 Q2": "78", "2026/27 Q1": "76", "2025/26 Q4": "74"},
        "2026/27 Q2",
        "80",
        A,
        "↑ improving on 2026/27 Q1",
        "82",
        "linear trend",
        G,
    ),
    # Flat at 79.4: the forecast 79.4 rounds like 80 to 79, off target.
    Row(
        "percentage level, forecast rounded",
        {"unit": "percentage", "polarity": "higher", "targets": year_target(80)},
        {"2026/27 Q2": "79.4", "2026/27 Q1": "79.4", "2025/26 Q4": "79.4"},
        "2026/27 Q2",
        "80",
        R,
        "→ no change on 2026/27 Q1",
        "79",
        "linear trend",
        R,
    ),
    # Trend 32.93, 32.83, 32.73: mean 32.83, slope -0.1; at Q4 (two on) 32.53, shown and
    # judged as 32.5 against 32.5: likely to meet. 32.73 is 0.23 over; 2% of 32.5 = 0.65.
    Row(
        "forecast shown as the target is likely to meet",
        {
            "unit": "percentage",
            "polarity": "lower",
            "targets": year_target("32.5"),
            "tolerance": "2%",
        },
        {"2026/27 Q2": "32.73", "2026/27 Q1": "32.83", "2025/26 Q4": "32.93"},
        "2026/27 Q2",
        "32.5",
        A,
        "↓ improving on 2026/27 Q1",
        "32.5",
        "linear trend",
        G,
    ),
    # Two figures only: no trend.
    Row(
        "too few figures for a trend",
        {"unit": "percentage", "polarity": "higher", "targets": year_target(80)},
        {"2026/27 Q2": "81", "2026/27 Q1": "79"},
        "2026/27 Q2",
        "80",
        G,
        "↑ improving on 2026/27 Q1",
        None,
        "no forecast",
        None,
    ),
    # A rate for the quarter (not declared over a fixed population): the annual target.
    Row(
        "discrete rate",
        {
            "unit": "rate per 1,000",
            "polarity": "lower",
            "accumulation": "discrete",
            "targets": year_target("8.4"),
            "tolerance": "5%",
        },
        {"2026/27 Q2": "8.5", "2026/27 Q1": "8.7"},
        "2026/27 Q2",
        "8.4",
        A,
        "↓ improving on 2026/27 Q1",
        None,
        "no forecast",
        None,
    ),
    # The same rate declared over a fixed population: a quarter's share, 2.1 (8.4 / 4).
    Row(
        "discrete rate over a fixed population",
        {
            "unit": "rate per 1,000",
            "polarity": "lower",
            "accumulation": "discrete",
            "targets": year_target("8.4"),
            "definition": {"denominator_fixed": True},
        },
        {"2026/27 Q2": "2.0", "2026/27 Q1": "2.2"},
        "2026/27 Q2",
        "2.1",
        G,
        "↓ improving on 2026/27 Q1",
        "8.4",
        "run rate",
        G,
    ),
    # Rolling twelve months: the annual target. 13.7 is 0.3 over 13.4; 5% = 0.67: near.
    # Trend through 14.5, 14.1, 13.7: mean 14.1, slope -0.4, at Q4 14.1 - 0.4 x 3 = 12.9.
    Row(
        "rolling twelve months",
        {
            "unit": "rate per 10,000",
            "polarity": "lower",
            "accumulation": "rolling_12_months",
            "targets": year_target("13.4"),
            "tolerance": "5%",
        },
        {"2026/27 Q2": "13.7", "2026/27 Q1": "14.1", "2025/26 Q4": "14.5"},
        "2026/27 Q2",
        "13.4",
        A,
        "↓ improving on 2026/27 Q1",
        "12.9",
        "linear trend",
        G,
    ),
    # A snapshot count: the annual target. 48 is 2 short of 50; 10% = 5: near.
    Row(
        "snapshot count",
        {
            "unit": "count",
            "polarity": "higher",
            "accumulation": "snapshot",
            "targets": year_target(50),
            "tolerance": "10%",
        },
        {"2026/27 Q2": "48", "2026/27 Q1": "46"},
        "2026/27 Q2",
        "50",
        A,
        "↑ improving on 2026/27 Q1",
        None,
        "no forecast",
        None,
    ),
    # Days: the annual target. 0.96 is 0.16 over 0.8, no tolerance: off.
    Row(
        "average days",
        {"unit": "days", "polarity": "lower", "targets": year_target("0.8")},
        {"2026/27 Q2": "0.96", "2026/27 Q1": "1.02", "2025/26 Q4": "1.08"},
        "2026/27 Q2",
        "0.8",
        R,
        "↓ improving on 2026/27 Q1",
        "0.8",
        "linear trend",
        G,
    ),
    # A score, higher is better, with a year-to-date percentage's latest as its forecast.
    Row(
        "ytd percentage",
        {
            "unit": "percentage",
            "polarity": "higher",
            "accumulation": "year_to_date",
            "targets": year_target(99),
        },
        {"2026/27 Q2": "99.2", "2025/26 Q2": "98.8"},
        "2026/27 Q2",
        "99",
        G,
        "↑ improving on 2025/26 Q2",
        "99",
        "latest year to date",
        G,
    ),
    # -- ranges ------------------------------------------------------------------------
    # 28 to 40%: 35 inside: on target.
    Row(
        "inside a target range",
        {"unit": "percentage", "targets": [{"period": "2026/27", "low": 28, "high": 40}]},
        {"2026/27 Q2": "35"},
        "2026/27 Q2",
        None,
        G,
    ),
    # 42 is above the range, with no tolerance: off, however the polarity reads.
    Row(
        "above a target range",
        {
            "unit": "percentage",
            "polarity": "lower",
            "targets": [{"period": "2026/27", "low": 28, "high": 40}],
        },
        {"2026/27 Q2": "42"},
        "2026/27 Q2",
        None,
        R,
    ),
    # 27 is 1 under 28; 5% of 28 = 1.4: near.
    Row(
        "just below a target range",
        {
            "unit": "percentage",
            "tolerance": "5%",
            "targets": [{"period": "2026/27", "low": 28, "high": 40}],
        },
        {"2026/27 Q2": "27"},
        "2026/27 Q2",
        None,
        A,
    ),
    # 44 is 4 over 40; 5% of 40 = 2: off.
    Row(
        "well above a target range",
        {
            "unit": "percentage",
            "tolerance": "5%",
            "targets": [{"period": "2026/27", "low": 28, "high": 40}],
        },
        {"2026/27 Q2": "44"},
        "2026/27 Q2",
        None,
        R,
    ),
    # -- monthly figures made into the quarter's ---------------------------------------
    # A percentage: the mean of 92.3, 93.6 and 91.2 is 92.3667, to two places 92.37:
    # on target against 92, though September alone would be off.
    Row(
        "monthly percentage, the mean of the months",
        {
            "unit": "percentage",
            "polarity": "higher",
            "frequency": "monthly",
            "targets": year_target(92),
        },
        {"2026-07": "92.3", "2026-08": "93.6", "2026-09": "91.2"},
        "2026/27 Q2",
        "92",
        G,
    ),
    # A count in the month: the months add up, 30 + 35 + 40 = 105, against a quarter's
    # share (100): off for lower is better. Q1 has no months in: 105 x 4 = 420.
    Row(
        "monthly count, the sum of the months",
        count(frequency="monthly", targets=year_target(400)),
        {"2026-07": "30", "2026-08": "35", "2026-09": "40"},
        "2026/27 Q2",
        "100",
        R,
        "",
        "420",
        "run rate",
        R,
    ),
    # Year to date each month: the quarter's last month (210) against 6/12 of 400.
    Row(
        "monthly year to date, the latest month",
        ytd_count(frequency="monthly", targets=year_target(400)),
        {"2026-08": "150", "2026-09": "210"},
        "2026/27 Q2",
        "200",
        G,
        "",
        "420",
        "run rate",
        G,
    ),
    # The plan may say so: the latest month of a percentage.
    Row(
        "monthly percentage, the plan says latest",
        {
            "unit": "percentage",
            "polarity": "higher",
            "frequency": "monthly",
            "quarter_figure": "latest",
            "targets": year_target(92),
        },
        {"2026-07": "92.3", "2026-08": "93.6", "2026-09": "91.2"},
        "2026/27 Q2",
        "92",
        R,
    ),
    # A sum with a month missing has no quarter figure: the last month fell due on
    # 30 September, so it is overdue.
    Row(
        "monthly sum with a month missing",
        count(frequency="monthly", targets=year_target(400)),
        {"2026-07": "30", "2026-09": "40"},
        "2026/27 Q2",
        "100",
        ND,
    ),
    # -- due dates: not due is never "no data" -----------------------------------------
    # A month's lag: the Q2 figure is due by 31 October. On that day it is not due yet.
    Row(
        "due on the day: not yet due",
        count(targets=year_target(400), data_lag="1 month"),
        {"2026/27 Q1": "100"},
        "2026/27 Q2",
        "100",
        NOT_DUE,
        today=date(2026, 10, 31),
    ),
    # The next day it is overdue.
    Row(
        "the day after it falls due: no data",
        count(targets=year_target(400), data_lag="1 month"),
        {},
        "2026/27 Q2",
        "100",
        ND,
        today=date(2026, 11, 1),
    ),
    # Six weeks: 30 September + 42 days = 11 November.
    Row(
        "a lag in weeks, not yet due",
        count(targets=year_target(400), data_lag="6 weeks"),
        {"2026/27 Q1": "100"},
        "2026/27 Q2",
        "100",
        NOT_DUE,
        today=date(2026, 11, 11),
    ),
    Row(
        "a lag in weeks, overdue",
        count(targets=year_target(400), data_lag="6 weeks"),
        {},
        "2026/27 Q2",
        "100",
        ND,
        today=date(2026, 11, 12),
    ),
    # A 21-month lag: Q2 2026/27 is due by 30 June 2028; Q1 by 31 March 2028. Not due.
    Row(
        "a long lag",
        {
            "unit": "percentage",
            "polarity": "lower",
            "data_lag": "21 months",
            "targets": year_target(25),
        },
        {"2024/25 Q3": "26.1"},
        "2026/27 Q2",
        "25",
        NOT_DUE,
    ),
    # An annual measure in Q2: its 2026/27 figure comes after the year: not due this
    # quarter, against the coming year's target (not "no target").
    Row(
        "annual measure in a quarterly review",
        {
            "unit": "percentage",
            "polarity": "higher",
            "frequency": "annual",
            "data_lag": "2 months",
            "targets": year_target("60.9"),
        },
        {"2025/26": "60.2"},
        "2026/27",
        "60.9",
        NOT_DUE,
        "",
        None,
        "annual measure",
        None,
    ),
    # Its 2025/26 figure (due 31 May 2026) missing by November: overdue, for 2025/26.
    Row(
        "annual measure whose last year's figure is overdue",
        {
            "unit": "percentage",
            "polarity": "higher",
            "frequency": "annual",
            "data_lag": "2 months",
            "targets": year_target("60.9"),
        },
        {},
        "2025/26",
        None,
        ND,
        "",
        None,
        "annual measure",
        None,
    ),
    # At Q4 the year is the quarter's own: with no lag it is due on 31 March 2027.
    Row(
        "annual measure at Q4, in",
        {
            "unit": "percentage",
            "polarity": "higher",
            "frequency": "annual",
            "targets": year_target("60.9"),
        },
        {"2026/27": "61.0", "2025/26": "60.2"},
        "2026/27",
        "60.9",
        G,
        "↑ improving on 2025/26",
        None,
        "annual measure",
        None,
        quarter="2026/27 Q4",
        today=date(2027, 5, 20),
    ),
    # Six-monthly, reviewed at Q1: the half to September is not due this quarter.
    Row(
        "six-monthly at Q1",
        {
            "unit": "percentage",
            "polarity": "higher",
            "frequency": "six_monthly",
            "targets": year_target(70),
        },
        {"2025/26 Q4": "68"},
        "2026/27 Q2",
        "70",
        NOT_DUE,
        quarter="2026/27 Q1",
        today=date(2026, 8, 1),
    ),
    # Six-monthly at Q2, compared with the half before (2025/26 Q4).
    Row(
        "six-monthly at Q2",
        {
            "unit": "percentage",
            "polarity": "higher",
            "frequency": "six_monthly",
            "targets": year_target(70),
        },
        {"2026/27 Q2": "71", "2025/26 Q4": "68"},
        "2026/27 Q2",
        "70",
        G,
        "↑ improving on 2025/26 Q4",
    ),
    # Recorded as not available: no data, whatever the date.
    Row(
        "recorded as not available",
        count(targets=year_target(400), data_lag="1 month"),
        {"2026/27 Q2": "n/a"},
        "2026/27 Q2",
        "100",
        ND,
        today=date(2026, 10, 1),
    ),
    # -- calendars ---------------------------------------------------------------------
    # A calendar year: 2026 Q3 is July to September, 9/12 of 240 = 180.
    Row(
        "calendar year, Q3",
        ytd_count(targets=year_target(240, "2026")),
        {"2026 Q3": "185", "2025 Q3": "170"},
        "2026 Q3",
        "180",
        G,
        "↑ improving on 2025 Q3",
        "247",
        "run rate",
        G,
        quarter="2026 Q3",
        start=1,
    ),
    # A year from September: Q2 is December to February, crossing the calendar year.
    # 6/12 of 40 = 20; 24 is over: off. Run rate 48.
    Row(
        "a September year, Q2 across the calendar year",
        ytd_count("lower", targets=year_target(40)),
        {"2026/27 Q2": "24", "2025/26 Q2": "26"},
        "2026/27 Q2",
        "20",
        R,
        "↓ improving on 2025/26 Q2",
        "48",
        "run rate",
        R,
        today=date(2027, 4, 1),
        start=9,
    ),
    # April's Q4 (January to March 2027), compared with Q3.
    Row(
        "Q4 across the calendar year",
        count(targets=year_target(400)),
        {"2026/27 Q4": "90", "2026/27 Q3": "95"},
        "2026/27 Q4",
        "100",
        G,
        "↓ improving on 2026/27 Q3",
        "370",
        "run rate",
        G,
        quarter="2026/27 Q4",
        today=date(2027, 5, 20),
    ),
    # -- targets that cannot be used ---------------------------------------------------
    Row(
        "no target",
        {"unit": "percentage", "polarity": "higher"},
        {"2026/27 Q2": "50"},
        "2026/27 Q2",
        None,
        NT,
    ),
    Row(
        "no polarity",
        {"unit": "percentage", "targets": year_target(50)},
        {"2026/27 Q2": "50"},
        "2026/27 Q2",
        "50",
        NT,
    ),
    # 104% is impossible: shown, never judged against.
    Row(
        "an impossible target",
        {"unit": "percentage", "polarity": "higher", "targets": year_target(104)},
        {"2026/27 Q2": "99"},
        "2026/27 Q2",
        "104",
        NT,
    ),
    # A target for another year does not apply.
    Row(
        "a target for next year only",
        {"unit": "percentage", "polarity": "higher", "targets": year_target(80, "2027/28")},
        {"2026/27 Q2": "79"},
        "2026/27 Q2",
        None,
        NT,
    ),
    # -- the partnership's scheme ------------------------------------------------------
    # Off target but better than the same quarter last year: near, when the plan says so.
    Row(
        "better than last year counts as near",
        {"unit": "percentage", "polarity": "higher", "targets": year_target(80)},
        {"2026/27 Q2": "70", "2025/26 Q2": "65"},
        "2026/27 Q2",
        "80",
        A,
        "↑ improving on 2025/26 Q2",
        scheme={"better_than_last_year": True},
    ),
    # Without tolerance counting, a near miss is off.
    Row(
        "tolerance switched off",
        {"unit": "percentage", "polarity": "higher", "targets": year_target(80), "tolerance": 5},
        {"2026/27 Q2": "78"},
        "2026/27 Q2",
        "80",
        R,
        scheme={"within_tolerance": False},
    ),
    # Exactly on target is on target, for either polarity.
    Row(
        "exactly on target, higher is better",
        {"unit": "percentage", "polarity": "higher", "targets": year_target(80)},
        {"2026/27 Q2": "80"},
        "2026/27 Q2",
        "80",
        G,
    ),
    Row(
        "exactly on a shared-out target, lower is better",
        count(targets=year_target(400)),
        {"2026/27 Q2": "100"},
        "2026/27 Q2",
        "100",
        G,
        "",
        "400",
        "run rate",
        G,
    ),
]


def build(row: Row) -> Indicator:
    calendar = Calendar(row.start)
    data = {"id": "I1", "title": "Test", **row.indicator}
    return Indicator.model_validate(data, context={"calendar": calendar})


def figures(row: Row) -> dict[Period, Figure]:
    calendar = Calendar(row.start)
    found = {}
    for label, text in row.figures.items():
        # "322 (168/52140)": the figure and the counts behind it
        shown, _, counts = text.partition(" (")
        value = None if shown == "n/a" else Decimal(shown)
        numerator, denominator = (
            (Decimal(part) for part in counts.rstrip(")").split("/")) if counts else (None, None)
        )
        found[calendar.parse(label)] = Figure(
            value, "not collected" if value is None else None, numerator, denominator
        )
    return found


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_truth_table(row: Row) -> None:
    indicator = build(row)
    recorded = figures(row)
    calendar = Calendar(row.start)
    judged = assess(
        indicator,
        calendar.parse(row.quarter),
        recorded.get,
        today=row.today,
        scheme=RagScheme(**row.scheme),
    )
    assert judged.period.label == row.period
    assert judged.target.value == (None if row.target is None else Decimal(row.target))
    assert judged.status is row.status, judged.note
    assert (judged.travel.words if judged.travel else "") == row.direction
    expected = None if row.forecast is None else Decimal(row.forecast)
    assert judged.outlook.value == expected
    assert judged.outlook.method.value == row.method
    assert judged.outlook.verdict is row.verdict


def test_the_table_is_long_enough() -> None:
    assert len(ROWS) >= 60
