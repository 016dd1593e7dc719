"""Checking the monitoring folder against the plan (``MON`` findings, which cannot be switched off).

Codes: ``MON001`` a file in ``monitoring/`` that is not named after a period;
``MON002`` a file whose ``period`` is not the one its name gives; ``MON003``
an id the plan does not have; ``MON004`` a figure for a period the indicator
cannot have (wrong frequency, retired, or outside the file's period);
``MON005`` a value its unit cannot hold; ``MON006`` a figure with both a value
and "not available", or neither; ``MON007`` a score outside the plan's scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmkit.codes import (
    DOES_NOT_FIT_UNIT,
    IMPOSSIBLE_PERIOD,
    SCORE_OFF_SCALE,
    STRAY_FILE,
    UNKNOWN_ID,
    VALUE_OR_NOT_AVAILABLE,
    WRONG_PERIOD,
)
from pmkit.file_result import FileResult
from pmkit.findings import Finding, Pointer, Severity
from pmkit.monitoring.files import file_period, folder_for, period_files
from pmkit.monitoring.validity import period_problem, value_problem
from pmkit.periods import Calendar, PeriodError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pmkit.load import Document
    from pmkit.model.plan import Plan
    from pmkit.monitoring.model import MonitoringFile
    from pmkit.periods import Period


def check_monitoring(plan: Plan, plan_path: Path) -> list[FileResult]:
    """Every file in the plan's monitoring folder, checked; the folder may not exist."""
    from pmkit.load import load_document

    calendar = Calendar(plan.partnership.year_start)
    files, strays = period_files(folder_for(plan_path), calendar)
    example = calendar.quarter(2026, 2).file_stem
    results = [
        FileResult(
            str(stray),
            [
                Finding(
                    STRAY_FILE,
                    f"this file in monitoring/ is not named after a period (such as "
                    f"{example}.yaml): rename it or move it out, so its figures are not missed",
                    Severity.ERROR,
                    str(stray),
                    line=1,
                    column=1,
                )
            ],
        )
        for stray in strays
    ]
    for period_file in files:
        loaded = load_document(period_file.path, within=plan_path.parent)
        if isinstance(loaded, Finding):
            results.append(FileResult(loaded.file, [loaded]))
        else:
            results.append(check_file(loaded, plan, period_file.period))
    return results


def check_file(document: Document, plan: Plan, expected: Period) -> FileResult:
    """One monitoring file: its shape, then what it says against the plan."""
    from pmkit.monitoring.model import MONITORING_FORMAT, MonitoringFile
    from pmkit.structure.check import check_model

    shape = check_model(
        MonitoringFile,
        document.data,
        document.file,
        context={"calendar": Calendar(plan.partnership.year_start)},
        version=MONITORING_FORMAT,
        what="monitoring file",
    )
    findings = shape.findings
    if shape.plan is not None:
        checker = _Checker(plan, expected, document.file)
        findings = list(checker.check(shape.plan))
    return FileResult(document.file, sorted(document.place(findings), key=Finding.sort_key))


@dataclass(frozen=True, slots=True)
class _Checker:
    plan: Plan
    expected: Period
    file: str

    def finding(self, code: str, message: str, pointer: Pointer) -> Finding:
        return Finding(code, message, Severity.ERROR, self.file, pointer)

    def check(self, record: MonitoringFile) -> Iterator[Finding]:
        if record.period != self.expected:
            yield self.finding(
                WRONG_PERIOD,
                f"the file says it holds {record.period.label}, but its name says "
                f"{self.expected.label}: correct one of them",
                ("period",),
            )
        yield from self.figures(record)
        yield from self.progress(record)
        yield from self.resources(record)
        yield from self.remedial(record)
        yield from self.scores(record)

    def figures(self, record: MonitoringFile) -> Iterator[Finding]:
        indicators = {indicator.id: indicator for indicator in self.plan.indicators}
        calendar = Calendar(self.plan.partnership.year_start)
        for indicator_id, by_period in record.figures.items():
            indicator = indicators.get(indicator_id)
            if indicator is None:
                yield self._unknown("indicator", indicator_id, ("figures", indicator_id))
                continue
            for label, figure in by_period.items():
                here: Pointer = ("figures", indicator_id, label)
                try:
                    period = calendar.parse(label)
                except PeriodError as error:
                    yield self.finding(IMPOSSIBLE_PERIOD, str(error), here)
                    continue
                problem = period_problem(indicator, period)
                if problem is None and file_period(period) != self.expected:
                    problem = (
                        f"a figure for {period.label} belongs in "
                        f"{file_period(period).file_stem}.yaml, not in this file"
                    )
                if problem is not None:
                    yield self.finding(IMPOSSIBLE_PERIOD, problem, here)
                if (figure.value is None) == (figure.not_available is None):
                    yield self.finding(
                        VALUE_OR_NOT_AVAILABLE,
                        f"a figure needs either a value or 'not_available' with the reason, "
                        f"and {indicator_id} for {label} has "
                        + ("both" if figure.value is not None else "neither"),
                        here,
                    )
                if figure.value is not None:
                    unfit = value_problem(indicator, figure.value)
                    if unfit is not None:
                        yield self.finding(DOES_NOT_FIT_UNIT, unfit, (*here, "value"))

    def progress(self, record: MonitoringFile) -> Iterator[Finding]:
        actions = {action.id for action in self.plan.actions}
        for action_id in record.actions:
            if action_id not in actions:
                yield self._unknown("action", action_id, ("actions", action_id))

    def resources(self, record: MonitoringFile) -> Iterator[Finding]:
        entities = {a.id for a in self.plan.actions} | {p.id for p in self.plan.priorities}
        partners = {partner.id for partner in self.plan.partners}
        for entity, by_partner in record.resources.items():
            if entity not in entities:
                yield self._unknown("action or priority", entity, ("resources", entity))
            for partner in by_partner:
                if partner not in partners:
                    yield self._unknown("partner", partner, ("resources", entity, partner))

    def remedial(self, record: MonitoringFile) -> Iterator[Finding]:
        about = {i.id for i in self.plan.indicators} | {a.id for a in self.plan.actions}
        partners = {partner.id for partner in self.plan.partners}
        for key, remedy in record.remedial_actions.items():
            here: Pointer = ("remedial_actions", key)
            if remedy.about not in about:
                yield self._unknown("indicator or action", remedy.about, (*here, "about"))
            if remedy.owner.partner not in partners:
                yield self._unknown("partner", remedy.owner.partner, (*here, "owner", "partner"))

    def scores(self, record: MonitoringFile) -> Iterator[Finding]:
        review = self.plan.partnership_review
        principles = {principle.id for principle in review.principles}
        partners = {partner.id for partner in self.plan.partners}
        for principle, by_partner in record.self_assessment.items():
            if principle not in principles:
                yield self._unknown("principle", principle, ("self_assessment", principle))
            for partner, score in by_partner.items():
                where: Pointer = ("self_assessment", principle, partner)
                if partner not in partners:
                    yield self._unknown("partner", partner, where)
                if not review.scale.min <= score.score <= review.scale.max:
                    yield self.finding(
                        SCORE_OFF_SCALE,
                        f"a score of {score.score} is outside the plan's scale of "
                        f"{review.scale.min} to {review.scale.max}",
                        (*where, "score"),
                    )

    def _unknown(self, noun: str, id_: str, pointer: Pointer) -> Finding:
        return self.finding(
            UNKNOWN_ID,
            f"the plan has no {noun} with the id '{id_}': correct the id, or add it to the plan",
            pointer,
        )
