"""One plan reviewed for the portfolio: its scorecard and its nationally defined figures.

A plan that cannot be read, checked or reviewed comes back as a summary that
says why; it never stops the run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date
    from decimal import Decimal

    from pmkit.model.indicators import Indicator
    from pmkit.review.result import IndicatorReview


@dataclass(frozen=True, slots=True)
class SharedFigure:
    """One plan's figure for a nationally defined indicator, as its own review judged it."""

    national_id: str
    indicator_id: str
    title: str
    unit: str
    accumulation: str | None
    polarity: str | None
    definition: str | None
    period: str
    status: str
    value: Decimal | None
    suppressed: bool = False


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """Whether the plan meets one of the framework's criteria (every rule serving it passes)."""

    criterion: str
    heading: str
    met: bool
    passed: int
    rules: int


@dataclass(frozen=True, slots=True)
class PlanSummary:
    """What the portfolio needs of one plan; ``problem`` says why a plan could not be used."""

    source: str
    partnership: str | None = None
    period: str | None = None
    problem: str | None = None
    errors: int = 0
    warnings: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    criteria: tuple[CriterionResult, ...] = ()
    figures: tuple[SharedFigure, ...] = ()


class _Unusable(Exception):
    """The plan cannot be reviewed, for the reason given."""


def summarise(source: str, period: str | None, as_of: date) -> PlanSummary:
    """Validate and review the plan at ``source`` for ``period`` (default: the latest ended).

    Runs in a worker process: takes and returns only plain, picklable values.
    """
    try:
        return _summarise(Path(source), period, as_of)
    except _Unusable as reason:
        return PlanSummary(source, problem=str(reason))
    except Exception as error:  # one plan's fault never ends the run
        return PlanSummary(
            source, problem=f"could not be reviewed ({type(error).__name__}: {error})"
        )


def warm() -> None:
    """Import what reviewing a plan needs, once, before worker processes are started.

    Where workers are forked from this process they start with it all loaded,
    instead of each importing it again.
    """
    import pmkit.monitoring.model
    import pmkit.review.quarter
    import pmkit.rules.catalogue
    import pmkit.validate  # noqa: F401


def _summarise(path: Path, label: str | None, as_of: date) -> PlanSummary:
    from pmkit.findings import Finding, Severity
    from pmkit.load import load_document
    from pmkit.monitoring.store import StoreError
    from pmkit.monitoring.workspace import Workspace
    from pmkit.periods import PeriodError, PeriodKind
    from pmkit.review.quarter import review_quarter
    from pmkit.validate import check_plan

    loaded = load_document(path)
    if isinstance(loaded, Finding):
        raise _Unusable(f"cannot be read: {loaded.message}")
    checked, plan = check_plan(loaded, as_of=as_of)
    if checked.scorecard is None or plan is None:
        first = checked.findings[0] if checked.findings else None
        where = f" ({first.location}: {first.message})" if first is not None else ""
        raise _Unusable(f"the plan has structural errors{where}; run 'pmkit validate'")
    workspace = Workspace(plan, path, as_of)
    try:
        quarter = workspace.calendar.parse(label) if label is not None else workspace.last_quarter
    except PeriodError as error:
        raise _Unusable(str(error)) from None
    if quarter.kind is not PeriodKind.QUARTER:
        raise _Unusable(f"{quarter.label} is not a quarter")
    try:
        review = review_quarter(workspace, quarter)
    except StoreError as error:
        raise _Unusable(str(error)) from None
    national = {i.id: i for i in plan.indicators if i.national_id is not None}
    figures = tuple(_shared(national[r.id], r) for r in review.indicators if r.id in national)
    severities = [finding.severity for finding in checked.findings]
    return PlanSummary(
        str(path),
        partnership=plan.partnership.name,
        period=quarter.label,
        errors=severities.count(Severity.ERROR),
        warnings=severities.count(Severity.WARNING),
        statuses={
            key: value
            for key, value in review.summary.items()
            if key not in ("improved", "worsened")
        },
        criteria=tuple(
            CriterionResult(
                score.criterion.value,
                score.criterion.heading,
                score.met,
                score.passed,
                score.rules,
            )
            for score in checked.scorecard
        ),
        figures=figures,
    )


def _shared(indicator: Indicator, review: IndicatorReview) -> SharedFigure:
    definition = indicator.definition
    text = definition.text if definition is not None else None
    assert indicator.national_id is not None
    return SharedFigure(
        national_id=indicator.national_id,
        indicator_id=indicator.id,
        title=review.title,
        unit=review.unit,
        accumulation=review.accumulation,
        polarity=review.polarity,
        definition=" ".join(text.split()).lower() if text else None,
        period=review.period,
        status=review.status.value,
        value=review.actual,
        suppressed=review.suppressed,
    )
