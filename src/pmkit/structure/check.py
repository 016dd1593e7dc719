"""Validate plan data against the model and resolve its ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pmkit.findings import Finding, Severity
from pmkit.periods import Calendar

NOT_A_PLAN = "STR001"
UNSUPPORTED_FORMAT = "STR008"


@dataclass(slots=True)
class StructureResult:
    """The plan, when its structure holds, and the structural findings either way."""

    plan: Any | None
    findings: list[Finding] = field(default_factory=list)


def check_structure(data: Any, file: str) -> StructureResult:
    """Check ``data`` (read from ``file``) as a plan."""
    from pydantic import ValidationError

    from pmkit.model.plan import FORMAT_VERSION, Plan
    from pmkit.structure.errors import error_finding
    from pmkit.structure.references import check_ids

    if not isinstance(data, dict):
        return StructureResult(None, [_not_a_plan(data, file)])
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        message = (
            f"this plan is written in format {version}, and this pmkit reads format "
            f"{FORMAT_VERSION}: upgrade pmkit"
        )
        finding = Finding(UNSUPPORTED_FORMAT, message, Severity.ERROR, file, ("format_version",))
        return StructureResult(None, [finding])
    try:
        plan = Plan.model_validate(data, context={"calendar": plan_calendar(data)})
    except ValidationError as error:
        findings = [error_finding(detail, file, Plan) for detail in error.errors()]
        return StructureResult(None, findings)
    if plan.format_version < 1:
        finding = Finding(
            UNSUPPORTED_FORMAT,
            f"format_version {plan.format_version} does not exist: write format_version: 1",
            Severity.ERROR,
            file,
            ("format_version",),
        )
        return StructureResult(None, [finding])
    return StructureResult(plan, list(check_ids(plan, file)))


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


def _not_a_plan(data: Any, file: str) -> Finding:
    if data is None:
        what = "the file is empty"
    elif isinstance(data, list):
        what = "the file holds a list"
    else:
        what = f"the file holds a single value ({type(data).__name__})"
    return Finding(
        NOT_A_PLAN,
        f"{what}, but a plan is a mapping of sections: start with 'format_version: 1' "
        "and 'partnership:' (pmkit init writes a starter plan)",
        Severity.ERROR,
        file,
    )
