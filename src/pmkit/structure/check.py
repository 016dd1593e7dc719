"""Validate plan data against the model and resolve its ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pmkit.codes import NOT_A_PLAN, UNSUPPORTED_FORMAT
from pmkit.findings import Finding, Severity
from pmkit.periods import Calendar

if TYPE_CHECKING:
    from pydantic import BaseModel


@dataclass(slots=True)
class StructureResult:
    """The plan, when its structure holds, and the structural findings either way."""

    plan: Any | None
    findings: list[Finding] = field(default_factory=list)


def check_structure(data: Any, file: str) -> StructureResult:
    """Check ``data`` (read from ``file``) as a plan."""
    from pmkit.model.plan import FORMAT_VERSION, Plan
    from pmkit.structure.references import check_ids

    context = {"calendar": plan_calendar(data) if isinstance(data, dict) else Calendar()}
    result = check_model(Plan, data, file, context=context, version=FORMAT_VERSION, what="plan")
    if result.plan is None:
        return result
    return StructureResult(result.plan, list(check_ids(result.plan, file)))


def check_model(
    model: type[BaseModel],
    data: Any,
    file: str,
    *,
    context: dict[str, Any],
    version: int,
    what: str,
) -> StructureResult:
    """Check ``data`` against ``model``: a mapping, a format version it reads, the right types."""
    from pydantic import ValidationError

    from pmkit.structure.errors import error_finding

    if not isinstance(data, dict):
        return StructureResult(None, [_not_a_mapping(data, file, what)])
    found = data.get("format_version")
    if not isinstance(found, int) or isinstance(found, bool) or 1 <= found <= version:
        try:
            return StructureResult(model.model_validate(data, context=context))
        except ValidationError as error:
            return StructureResult(None, [error_finding(e, file, model) for e in error.errors()])
    if found > version:
        message = (
            f"this {what} is written in format {found}, and this pmkit reads format "
            f"{version}: upgrade pmkit"
        )
    else:
        message = f"format_version {found} does not exist: write format_version: {version}"
    finding = Finding(UNSUPPORTED_FORMAT, message, Severity.ERROR, file, ("format_version",))
    return StructureResult(None, [finding])


def plan_calendar(data: dict[str, Any]) -> Calendar:
    """The calendar the plan's periods are written in; April if it cannot be told."""
    from pydantic import TypeAdapter, ValidationError

    from pmkit.model.partnership import Month

    partnership = data.get("partnership")
    start = partnership.get("year_start", 4) if isinstance(partnership, dict) else 4
    try:
        return Calendar(TypeAdapter(Month).validate_python(start))
    except ValidationError:
        return Calendar()


def _not_a_mapping(data: Any, file: str, what: str) -> Finding:
    if data is None:
        found = "the file is empty"
    elif isinstance(data, list):
        found = "the file holds a list"
    else:
        found = f"the file holds a single value ({type(data).__name__})"
    hint = (
        " start with 'format_version: 1' and 'partnership:' (pmkit init writes a starter plan)"
        if what == "plan"
        else " 'pmkit record' writes them"
    )
    return Finding(
        NOT_A_PLAN,
        f"{found}, but a {what} is a mapping of sections:{hint}",
        Severity.ERROR,
        file,
    )
