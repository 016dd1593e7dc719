"""The annual review: the year against baselines and targets, the self-assessment, prompts."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.judgement.direction import direction
from pmkit.judgement.status import Rag, judge
from pmkit.judgement.targets import Sharing, period_target, sharing
from pmkit.model.indicators import Polarity
from pmkit.periods import PeriodKind
from pmkit.review.board import partner_name
from pmkit.review.quarter import review_quarter
from pmkit.review.spc_review import attach_spc
from pmkit.review.year_board import year_board
from pmkit.review.year_status import year_status

if TYPE_CHECKING:
    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import Period
    from pmkit.plan_history.versions import PlanHistory
    from pmkit.review.result import BoardSummary, QuarterReview, Rollup
    from pmkit.review.spc_result import SpcReview

REPEATED_MISSES = 2
"""Quarters off target in a year that make an indicator stand out (``review.red_quarters``)."""
COSTLY_SHARE = Decimal("0.10")
"""An indicator costing more than this share of all collection costs is 'costly'."""


@dataclass(slots=True)
class YearLine:
    """One indicator over the year: its year-end figure against baseline and target."""

    id: str
    title: str
    baseline: Decimal | None
    baseline_period: str | None
    actual: Decimal | None
    target: Decimal | None
    status: Rag
    quarters: list[str]
    against_baseline: str | None
    year_end_method: str = ""
    target_low: Decimal | None = None
    target_high: Decimal | None = None
    owner: str | None = None
    owner_name: str | None = None
    outcomes: list[str] = field(default_factory=list)
    spc: SpcReview | None = None
    """The indicator's own figures to the year's end as an XmR chart, or why not."""


@dataclass(slots=True)
class PrincipleScore:
    """The partners' self-assessment of one principle: average, spread, change on last year."""

    id: str
    title: str
    scores: dict[str, int]
    average: Decimal | None
    lowest: int | None
    highest: int | None
    last_year_average: Decimal | None

    @property
    def change(self) -> Decimal | None:
        """The change in the average since last year."""
        if self.average is None or self.last_year_average is None:
            return None
        return self.average - self.last_year_average


@dataclass(slots=True)
class YearReview:
    """Everything the annual review shows."""

    partnership: str
    year: str
    as_of: str
    indicators: list[YearLine]
    principles: list[PrincipleScore]
    scale: tuple[int, int]
    prompts: list[str] = field(default_factory=list)
    running: bool = False
    """Whether the year is still running on the review's date (its figures are not final)."""
    quarters: list[str] = field(default_factory=list)
    """The quarters of the year that have ended, whose statuses are shown."""
    revisions: list[str] = field(default_factory=list)
    """Targets revised during the year (when the plan's history was read)."""
    in_force: list[str] = field(default_factory=list)
    """With the plan's history: targets judged as they stood when their periods began."""
    board: BoardSummary | None = None
    """The first page: year-end counts, what the board is asked, the indicators off target."""
    by_priority: list[Rollup] = field(default_factory=list)
    by_partner: list[Rollup] = field(default_factory=list)
    plan_problems: list[str] = field(default_factory=list)


def review_year(
    workspace: Workspace, year: Period, history: PlanHistory | None = None
) -> YearReview:
    """The annual review of ``year``: only the quarters that have ended are shown.

    With the plan's ``history`` (from git), the targets revised during the
    year stand out too, with what was said about each in the change log.
    """
    ended = [q for q in year.parts(PeriodKind.QUARTER) if q.end < workspace.as_of]
    quarters = [review_quarter(workspace, quarter) for quarter in ended]
    lines = []
    for position, indicator in enumerate(workspace.plan.indicators):
        statuses = [quarter.indicators[position].status.value for quarter in quarters]
        found = year_status(workspace, indicator, year)
        actual, target = found.actual, found.target
        baseline = indicator.baseline
        moved = None
        if baseline is not None and baseline.value is not None and actual is not None:
            way = direction(indicator.polarity, actual, baseline.value)
            moved = way.value if way is not None else None
        lines.append(
            YearLine(
                indicator.id,
                indicator.title or indicator.id,
                baseline.value if baseline else None,
                baseline.period.label if baseline and baseline.period else None,
                actual,
                target.value,
                found.status,
                statuses,
                moved,
                found.method,
                target.low,
                target.high,
                indicator.owner.partner if indicator.owner else None,
                partner_name(workspace.plan, indicator.owner.partner) if indicator.owner else None,
                list(indicator.outcomes),
            )
        )
        attach_spc(workspace, indicator, year, lines[-1])
    review = YearReview(
        workspace.plan.partnership.name,
        year.label,
        workspace.as_of.isoformat(),
        lines,
        _principles(workspace, year),
        (workspace.plan.partnership_review.scale.min, workspace.plan.partnership_review.scale.max),
        running=year.end >= workspace.as_of,
        quarters=[quarter.label for quarter in ended],
    )
    review.prompts = _prompts(workspace, lines) + _met_early(workspace, year, quarters)
    if history is not None:
        review.revisions = _revisions(workspace, year, history)
        review.prompts += review.revisions
    year_board(workspace, review, year, quarters[-1] if quarters else None)
    return review


def _revisions(workspace: Workspace, year: Period, history: PlanHistory) -> list[str]:
    """Each target revised during the year, with whether it asks less, and why (if said)."""
    from pmkit.plan_history.targets import target_revisions
    from pmkit.plan_history.versions import spoken_date

    found = []
    for indicator in workspace.plan.indicators:
        for revision in target_revisions(history, indicator.id, year):
            ambition = {True: ", less ambitious", False: ", more ambitious", None: ""}[
                revision.less_ambitious
            ]
            why = (
                f": {revision.explanation.change}"
                if revision.explanation is not None
                else ", with no change-log entry that names it"
            )
            found.append(
                f"{indicator.id}'s target for {revision.period} was revised from "
                f"{format(revision.old, 'f')} to {format(revision.new, 'f')} on "
                f"{spoken_date(revision.day)}{ambition}{why}"
            )
    return found


def _met_early(workspace: Workspace, year: Period, quarters: list[QuarterReview]) -> list[str]:
    """Figures that build up through the year and met the year's target before its last quarter."""
    found = []
    scheme = workspace.plan.settings.rag
    for position, indicator in enumerate(workspace.plan.indicators):
        # Only a figure that grows towards its target can meet it early.
        if (
            sharing(indicator) is not Sharing.CUMULATIVE
            or indicator.polarity is not Polarity.HIGHER
        ):
            continue
        annual = period_target(indicator, year)
        if not annual.usable:
            continue
        for quarter in quarters[:3]:
            actual = quarter.indicators[position].actual
            if actual is not None and judge(indicator, actual, annual, scheme) is Rag.GREEN:
                found.append(
                    f"{indicator.id} met the year's target by {quarter.period}: consider "
                    "raising the ambition"
                )
                break
    return found


def _principles(workspace: Workspace, year: Period) -> list[PrincipleScore]:
    this_year = workspace.read(year)
    last_year = workspace.read(year.previous())
    found = []
    for principle in workspace.plan.partnership_review.principles:
        scores = {
            partner: entry.score
            for partner, entry in (
                this_year.self_assessment.get(principle.id, {}) if this_year else {}
            ).items()
        }
        before = [
            entry.score
            for entry in (
                last_year.self_assessment.get(principle.id, {}) if last_year else {}
            ).values()
        ]
        found.append(
            PrincipleScore(
                principle.id,
                principle.title or principle.id,
                scores,
                _average(list(scores.values())),
                min(scores.values()) if scores else None,
                max(scores.values()) if scores else None,
                _average(before),
            )
        )
    return found


def _average(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"))


def _prompts(workspace: Workspace, lines: list[YearLine]) -> list[str]:
    """What to revisit for next year: repeated misses, easy targets, costly measures."""
    prompts = []
    indicators = {indicator.id: indicator for indicator in workspace.plan.indicators}
    settings = workspace.plan.settings.thresholds
    repeated = int(settings.get("review.red_quarters", REPEATED_MISSES))
    for line in lines:
        misses = line.quarters.count(Rag.RED.value)
        if misses >= repeated:
            prompts.append(
                f"{line.id} was off target in {misses} of the {len(line.quarters)} quarters "
                "reviewed: revisit the actions behind it, or whether its target is realistic"
            )
        elif line.status is Rag.RED:
            prompts.append(
                f"{line.id} ended the year off target: revisit the actions behind it, or "
                "whether its target is realistic"
            )
        if line.quarters and all(status == Rag.GREEN.value for status in line.quarters):
            indicator = indicators[line.id]
            if _far_ahead(indicator.tolerance.value if indicator.tolerance else None, line):
                prompts.append(
                    f"{line.id} met its target in every quarter, well ahead: consider raising "
                    "the ambition"
                )
    costs = {
        indicator.id: indicator.cost_to_collect.amount
        for indicator in workspace.plan.indicators
        if indicator.cost_to_collect is not None and indicator.cost_to_collect.amount is not None
    }
    total = sum(costs.values(), Decimal(0))
    for indicator_id, cost in costs.items():
        indicator = indicators[indicator_id]
        if total and cost / total > COSTLY_SHARE and not indicator.decision:
            prompts.append(
                f"{indicator_id} costs £{cost:,.0f} a year to collect ({cost / total:.0%} of "
                "all collection costs) and names no decision it informs: keep it only if it "
                "earns its cost"
            )
    return prompts


def _far_ahead(tolerance: Decimal | None, line: YearLine) -> bool:
    if line.actual is None or line.target is None:
        return False
    margin = abs(line.actual - line.target)
    return margin > 2 * (tolerance or abs(line.target) / 20)
