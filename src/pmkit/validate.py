"""Validating plans: load, check, and gather the findings into one result.

The result object is the contract between checking and reporting: the
command line renders it, tests inspect it, and nothing here prints.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pmkit.file_result import FileResult
from pmkit.findings import Finding, Severity
from pmkit.load import Document, load_document

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

    from pmkit.model.plan import Plan
    from pmkit.plan_history.versions import PlanHistory

__all__ = [
    "EXIT_CLEAN",
    "EXIT_FINDINGS",
    "EXIT_UNREADABLE",
    "FileResult",
    "ValidationResult",
    "check_document",
    "validate_paths",
]

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2


@dataclass(slots=True)
class ValidationResult:
    """Every file checked in one run, and what was found in each."""

    files: list[FileResult]
    as_of: date
    strict: bool = False
    """Whether warnings fail the run as errors do (``--strict``)."""

    @property
    def findings(self) -> list[Finding]:
        """All findings, file by file, in the order they appear in each file."""
        return [finding for result in self.files for finding in result.findings]

    def counts(self) -> Counter[Severity]:
        """How many findings there are at each severity."""
        return Counter(finding.severity for finding in self.findings)

    def exit_code(self) -> int:
        """2 if any file was unreadable; 1 for errors (or warnings when strict); else 0."""
        if any(result.unreadable for result in self.files):
            return EXIT_UNREADABLE
        counts = self.counts()
        if counts[Severity.ERROR] or (self.strict and counts[Severity.WARNING]):
            return EXIT_FINDINGS
        return EXIT_CLEAN


def validate_paths(
    paths: Sequence[Path],
    *,
    as_of: date,
    display: Iterable[str] | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    strict: bool = False,
    history: bool = False,
    base: str | None = None,
) -> ValidationResult:
    """Check each plan in ``paths``; one unreadable file never stops the others.

    With ``history`` (or a pull request's ``base`` commit), the checks that
    need the plan's history read it from git; where it cannot be read, one
    note says so and those checks do not run. A ``base`` that names no
    commit raises :class:`~pmkit.plan_history.versions.BadRevision`.
    """
    names = list(display) if display is not None else [str(path) for path in paths]
    results = []
    for path, name in zip(paths, names, strict=True):
        loaded = load_document(path, display=name)
        if isinstance(loaded, Finding):
            results.append(FileResult(name, [loaded]))
            continue
        past, note = _history(path, name, base) if history or base else (None, None)
        result, plan = _check_plan(loaded, as_of=as_of, select=select, ignore=ignore, history=past)
        if note is not None:
            result.findings.append(note)
        results.append(result)
        if plan is not None:
            from pmkit.monitoring.checks import check_monitoring

            results.extend(check_monitoring(plan, path))
    return ValidationResult(results, as_of, strict)


def check_document(
    document: Document,
    *,
    as_of: date,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    history: PlanHistory | None = None,
) -> FileResult:
    """Check a plan that parsed: its structure, then (if that holds) the framework rules."""
    return _check_plan(document, as_of=as_of, select=select, ignore=ignore, history=history)[0]


def _history(
    path: Path, name: str, base: str | None = None
) -> tuple[PlanHistory | None, Finding | None]:
    """The plan's history, or a note that the checks needing it could not run."""
    from pmkit.plan_history.versions import BadRevision, HistoryError, history_for_checks
    from pmkit.rules.catalogue import catalogue

    try:
        return history_for_checks(path, base=base), None
    except BadRevision:
        raise
    except HistoryError as error:
        codes = [rule.code for rule in catalogue() if rule.needs_history]
        message = (
            f"the checks that need the plan's history ({', '.join(codes)}) did not run: {error}"
        )
        return None, Finding(codes[0], message, Severity.INFO, name, line=1, column=1)


def _check_plan(
    document: Document,
    *,
    as_of: date,
    select: Sequence[str],
    ignore: Sequence[str],
    history: PlanHistory | None = None,
) -> tuple[FileResult, Plan | None]:
    """The plan's findings, and the plan itself when its structure holds."""
    from pmkit.rules.engine import run_rules
    from pmkit.rules.inline import apply, suppressions
    from pmkit.rules.scorecard import scorecard
    from pmkit.structure import check_structure

    structure = check_structure(document.data, document.file)
    if structure.plan is None or structure.findings:
        return FileResult(document.file, _ordered(document.place(structure.findings))), None
    run = run_rules(
        structure.plan, document.file, as_of=as_of, select=select, ignore=ignore, history=history
    )
    silenced, problems = suppressions(document.text, document.file)
    ran = tuple(rule.code for rule in run.selection.rules)
    if not run.findings and not problems:
        card = scorecard(run.selection.rules, [])
        return FileResult(document.file, [], card, ran), structure.plan
    kept = apply(document.place(run.findings), silenced) + problems
    card = scorecard(run.selection.rules, kept)
    return FileResult(document.file, _ordered(kept), card, ran), structure.plan


def _ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


def check_plan(document: Document, *, as_of: date) -> tuple[FileResult, Plan | None]:
    """Check a plan that parsed, and give back the plan itself when its structure holds.

    For callers that go on to use the plan (the portfolio reviews it), so its
    structure is checked once.
    """
    return _check_plan(document, as_of=as_of, select=(), ignore=())
