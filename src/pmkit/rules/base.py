"""What a rule is: a code, a name, the criteria it serves, and a check that yields hits.

A rule never prints and never decides its own severity: it yields *hits*
(a pointer and a message), and the engine stamps the code and the severity
the plan's settings give it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from pmkit.findings import Pointer, Severity
from pmkit.periods import PeriodKind

if TYPE_CHECKING:
    from datetime import date

    from pmkit.model.plan import Plan
    from pmkit.periods import Calendar, Period
    from pmkit.plan_history.versions import PlanHistory


class Criterion(StrEnum):
    """The framework's eleven criteria, plus resourcing and action-plan completeness."""

    FOCUSED = "focused"
    ACTIONABLE = "actionable"
    GROUNDED = "grounded"
    CLEAR = "clear"
    BALANCED = "balanced"
    PROPORTIONATE = "proportionate"
    COMPARABLE = "comparable"
    TIMELY = "timely"
    REGULARLY_REFINED = "regularly_refined"
    ROBUST = "robust"
    ACCOUNTABILITY = "accountability"
    RESOURCING = "resourcing"
    ACTION_PLANS = "action_plans"

    @property
    def prefix(self) -> str:
        """The three letters that start the codes of this criterion's rules."""
        return PREFIXES[self]

    @property
    def heading(self) -> str:
        """How the criterion reads in a report: ``Regularly refined``."""
        return TITLES[self]


PREFIXES: dict[Criterion, str] = {
    Criterion.FOCUSED: "FOC",
    Criterion.ACTIONABLE: "ACT",
    Criterion.GROUNDED: "GRD",
    Criterion.CLEAR: "CLR",
    Criterion.BALANCED: "BAL",
    Criterion.PROPORTIONATE: "PRO",
    Criterion.COMPARABLE: "CMP",
    Criterion.TIMELY: "TIM",
    Criterion.REGULARLY_REFINED: "REF",
    Criterion.ROBUST: "ROB",
    Criterion.ACCOUNTABILITY: "ACC",
    Criterion.RESOURCING: "RES",
    Criterion.ACTION_PLANS: "APL",
}

TITLES: dict[Criterion, str] = {
    Criterion.FOCUSED: "Focused",
    Criterion.ACTIONABLE: "Actionable",
    Criterion.GROUNDED: "Grounded",
    Criterion.CLEAR: "Clear",
    Criterion.BALANCED: "Balanced",
    Criterion.PROPORTIONATE: "Proportionate",
    Criterion.COMPARABLE: "Comparable",
    Criterion.TIMELY: "Timely",
    Criterion.REGULARLY_REFINED: "Regularly refined",
    Criterion.ROBUST: "Robust",
    Criterion.ACCOUNTABILITY: "Improves accountability",
    Criterion.RESOURCING: "Resourced",
    Criterion.ACTION_PLANS: "Complete action plans",
}


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule yields: where, and what the user should do about it."""

    pointer: Pointer
    message: str


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a rule may look at: the plan, today, the rule's thresholds, and its history.

    ``history`` holds the plan's committed versions, read from git, when the
    run was asked to look at them (``pmkit validate --history``).
    """

    plan: Plan
    as_of: date
    calendar: Calendar
    thresholds: dict[str, Decimal]
    history: PlanHistory | None = None

    def threshold(self, name: str) -> Decimal:
        """The value of threshold ``name`` (the plan's setting, or the rule's default)."""
        return self.thresholds[name]

    @property
    def current_year(self) -> Period:
        """The reporting year that contains ``as_of``."""
        return self.calendar.containing(self.as_of, PeriodKind.YEAR)

    @property
    def current_quarter(self) -> Period:
        """The quarter that contains ``as_of``."""
        return self.calendar.containing(self.as_of, PeriodKind.QUARTER)

    def indicators_by_outcome(self) -> dict[str, list[int]]:
        """For each outcome id, the positions of the indicators that evidence it."""
        found: dict[str, list[int]] = {outcome.id: [] for outcome in self.plan.vision.outcomes}
        for index, indicator in enumerate(self.plan.indicators):
            for outcome in indicator.outcomes:
                found.setdefault(outcome, []).append(index)
        return found


Check = Callable[[Context], Iterator[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One check of the framework, and everything needed to explain it.

    ``criteria`` lists every criterion the rule serves; the first is its
    group, which gives the code its prefix. ``bad`` and ``good`` are small
    plans: the first gets a finding from this rule, the second does not.
    ``thresholds`` are the settings the rule reads, with their defaults.
    A rule that ``needs_history`` runs only when the plan's history is
    available; ``history`` then gives the earlier versions its examples are
    compared with, as (date committed, plan) pairs.
    """

    code: str
    name: str
    criteria: tuple[Criterion, ...]
    severity: Severity
    summary: str
    rationale: str
    bad: str
    good: str
    check: Check
    thresholds: dict[str, Decimal] = field(default_factory=dict)
    uses_today: bool = False
    needs_history: bool = False
    history: tuple[tuple[str, str], ...] = ()

    @property
    def group(self) -> Criterion:
        """The criterion the rule is filed under."""
        return self.criteria[0]


def rule(
    *,
    code: str,
    name: str,
    criteria: tuple[Criterion, ...],
    severity: Severity,
    summary: str,
    rationale: str,
    bad: str,
    good: str,
    thresholds: dict[str, int | str] | None = None,
    uses_today: bool = False,
    history: tuple[tuple[str, str], ...] = (),
) -> Callable[[Check], Rule]:
    """Decorate a check function to make it a :class:`Rule`.

    Giving ``history`` (earlier versions of the plan for the examples) makes
    a rule that needs the plan's history to run.
    """

    def make(check: Check) -> Rule:
        return Rule(
            code=code,
            name=name,
            criteria=criteria,
            severity=severity,
            summary=summary,
            rationale=" ".join(rationale.split()),
            bad=bad.strip("\n") + "\n",
            good=good.strip("\n") + "\n",
            check=check,
            thresholds={key: Decimal(value) for key, value in (thresholds or {}).items()},
            uses_today=uses_today,
            needs_history=bool(history),
            history=tuple((day, text.strip("\n") + "\n") for day, text in history),
        )

    return make
