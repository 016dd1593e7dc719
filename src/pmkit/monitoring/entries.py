"""Recording everything but figures: action progress, resources, scores, remedial actions.

Each is checked against the plan before anything is written, then written
with the same locked, atomic, read-afresh write as figures. Recording the
same thing twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pmkit.monitoring.figures import RecordError
from pmkit.monitoring.remedial import RemedialInput, new_key, stamp
from pmkit.monitoring.statuses import ActionStatus, RemedialStatus
from pmkit.monitoring.writer import (
    append_item,
    natural,
    plain,
    put_sorted,
    section,
    set_key,
    update_in_place,
    write_period,
)
from pmkit.numbers import MAX_DIGITS
from pmkit.periods import PeriodError, PeriodKind

if TYPE_CHECKING:
    from pmkit.monitoring.workspace import Recorder, Workspace
    from pmkit.monitoring.writer import Edit
    from pmkit.periods import Period


@dataclass(frozen=True, slots=True)
class Written:
    """What a recording did: the file, the period, and whether anything changed."""

    period: Period
    changed: bool
    key: str = ""


def quarter(workspace: Workspace, label: str | None) -> Period:
    """The quarter named by ``label``, or the latest one that has ended."""
    return _period(workspace, label, PeriodKind.QUARTER, workspace.last_quarter)


def year(workspace: Workspace, label: str | None) -> Period:
    """The year named by ``label``, or the current one."""
    current = workspace.calendar.containing(workspace.as_of, PeriodKind.YEAR)
    return _period(workspace, label, PeriodKind.YEAR, current)


def _period(workspace: Workspace, label: str | None, kind: PeriodKind, default: Period) -> Period:
    if label is None:
        return default
    try:
        period = workspace.calendar.parse(label)
    except PeriodError as error:
        raise RecordError([str(error)]) from None
    if period.kind is not kind:
        raise RecordError([f"give a {kind.value} here, such as {default.label}"])
    return period


def record_progress(
    workspace: Workspace,
    action: str,
    *,
    period: Period,
    status: ActionStatus,
    percent: int | None,
    commentary: str | None,
    recorder: Recorder,
) -> Written:
    """Record how an action stands at the end of ``period``."""
    edit = progress_edit(
        workspace, action, status=status, percent=percent, commentary=commentary, recorder=recorder
    )
    return Written(period, write_period(workspace, period, [edit]))


def progress_edit(
    workspace: Workspace,
    action: str,
    *,
    status: ActionStatus,
    percent: int | None,
    commentary: str | None,
    recorder: Recorder,
) -> Edit:
    """The checked edit that records an action's progress; :class:`RecordError` if it is wrong."""
    if action not in {entry.id for entry in workspace.plan.actions}:
        raise RecordError([f"the plan has no action with the id '{action}'"])
    if percent is not None and not 0 <= percent <= 100:
        raise RecordError([f"{percent}% is not a percentage from 0 to 100"])
    if status is ActionStatus.COMPLETE and percent not in (None, 100):
        raise RecordError([f"a complete action is 100% complete, not {percent}%"])
    fields = {"status": status.value, "percent_complete": percent, "commentary": commentary}

    def edit(data: Any) -> bool:
        return _put_versioned(section(data, "actions"), action, fields, recorder)

    return edit


def record_resource(
    workspace: Workspace,
    entity: str,
    *,
    partner: str,
    amount: Decimal,
    period: Period,
    commentary: str | None,
    recorder: Recorder,
) -> Written:
    """Record resources ``partner`` actually provided to an action or priority in ``period``."""
    edit = resource_edit(
        workspace, entity, partner=partner, amount=amount, commentary=commentary, recorder=recorder
    )
    return Written(period, write_period(workspace, period, [edit]))


def resource_edit(
    workspace: Workspace,
    entity: str,
    *,
    partner: str,
    amount: Decimal,
    commentary: str | None,
    recorder: Recorder,
) -> Edit:
    """The checked edit that records resources provided; :class:`RecordError` if it is wrong."""
    plan = workspace.plan
    committed = {a.id: {r.partner for r in a.resources} for a in plan.actions}
    for priority in plan.priorities:
        committed[priority.id] = {c.partner for b in priority.budgets for c in b.commitments}
    problems = []
    if entity not in committed:
        problems.append(f"the plan has no action or priority with the id '{entity}'")
    elif partner not in committed[entity]:
        named = ", ".join(sorted(committed[entity])) or "no partner"
        problems.append(
            f"the plan records no commitment from '{partner}' to {entity} ({named} committed): "
            "add the commitment to the plan first"
        )
    if amount < 0:
        problems.append("an amount provided cannot be negative")
    if not amount.is_finite() or amount.adjusted() >= MAX_DIGITS:
        problems.append(f"£{amount:.3E} is more than any partner could have provided")
    if problems:
        raise RecordError(problems)
    fields = {"amount": plain(amount), "commentary": commentary}

    def edit(data: Any) -> bool:
        by_entity = section(data, "resources")
        if entity not in by_entity:
            by_partner = _mapping()
            _put_plain(by_partner, partner, fields, recorder)
            put_sorted(by_entity, entity, by_partner, order=natural)
            return True
        return _put_plain(by_entity[entity], partner, fields, recorder)

    return edit


def record_score(
    workspace: Workspace,
    principle: str,
    *,
    partner: str,
    score: int,
    comment: str | None,
    period: Period,
    recorder: Recorder,
) -> Written:
    """Record a partner's self-assessment score for one principle, in the year's file."""
    review = workspace.plan.partnership_review
    problems = []
    if principle not in {entry.id for entry in review.principles}:
        known = ", ".join(entry.id for entry in review.principles)
        problems.append(f"the plan has no principle '{principle}' (its principles: {known})")
    if partner not in {entry.id for entry in workspace.plan.partners}:
        problems.append(f"the plan has no partner with the id '{partner}'")
    if not review.scale.min <= score <= review.scale.max:
        problems.append(
            f"{score} is outside the plan's scale of {review.scale.min} to {review.scale.max}"
        )
    if problems:
        raise RecordError(problems)
    fields = {"score": score, "comment": comment}

    def edit(data: Any) -> bool:
        by_principle = section(data, "self_assessment")
        if principle not in by_principle:
            by_partner = _mapping()
            _put_plain(by_partner, partner, fields, recorder)
            put_sorted(by_principle, principle, by_partner, order=natural)
            return True
        return _put_plain(by_principle[principle], partner, fields, recorder)

    return Written(period, write_period(workspace, period, [edit]))


def agree_remedial(
    workspace: Workspace, remedy: RemedialInput, *, period: Period, recorder: Recorder
) -> Written:
    """Record a remedial action agreed in ``period``; it is carried forward until closed."""
    given, edit = remedial_edit(workspace, remedy, period=period, recorder=recorder)
    changed = write_period(workspace, period, [edit])
    return Written(period, changed, given[0] if given else "")


def remedial_edit(
    workspace: Workspace, remedy: RemedialInput, *, period: Period, recorder: Recorder
) -> tuple[list[str], Edit]:
    """The checked edit that records a remedial action, and a list that gets its id.

    The id (``RA-2026-27-Q2-3``) is chosen when the edit runs, on the file as
    it is then, so several agreed in one import, or by two people at once,
    each get their own.
    """
    plan = workspace.plan
    problems = []
    about = {entry.id for entry in plan.indicators} | {entry.id for entry in plan.actions}
    if remedy.about not in about:
        problems.append(f"the plan has no indicator or action with the id '{remedy.about}'")
    if remedy.partner not in {entry.id for entry in plan.partners}:
        problems.append(f"the plan has no partner with the id '{remedy.partner}'")
    if remedy.due < period.start:
        problems.append(f"the due date {remedy.due:%d %B %Y} is before {period.label} began")
    if problems:
        raise RecordError(problems)
    given: list[str] = []
    owner = {"partner": remedy.partner, "role": remedy.role}
    record = {
        "about": remedy.about,
        "action": remedy.action,
        "owner": {k: v for k, v in owner.items() if v is not None},
        "due": remedy.due.isoformat(),
        "agreed_in": period.label,
        "status": RemedialStatus.OPEN.value,
        **stamp(recorder),
    }

    def edit(data: Any) -> bool:
        remedies = section(data, "remedial_actions")
        same = [other for other in remedies if _same_remedy(remedies[other], record)]
        if same:
            given.append(same[0])
            return False  # already agreed: the same action, owner and due date
        key = new_key(remedies, period)
        given.append(key)
        put_sorted(remedies, key, _as_mapping(record), order=natural)
        return True

    return given, edit


def _same_remedy(existing: Any, record: dict[str, Any]) -> bool:
    return all(
        _equal(existing.get(name), record[name]) for name in ("about", "action", "due", "agreed_in")
    )


def close_remedial(
    workspace: Workspace,
    key: str,
    *,
    status: RemedialStatus,
    note: str | None,
    period: Period,
    on: date,
    recorder: Recorder,
) -> Written:
    """Close a remedial action (done or dropped) in ``period``'s file, where it is carried."""
    if status is RemedialStatus.OPEN:
        raise RecordError(["close a remedial action as done or dropped"])
    from pmkit.monitoring.remedial import in_force, written

    standing = in_force(workspace, period).get(key)
    if standing is None:
        raise RecordError(
            [
                f"no remedial action '{key}' is in force in {period.label}: give a quarter "
                "in or after the one it was agreed in, before it was closed"
            ]
        )
    _, where = standing
    copied = None if where == period else written(workspace, key, period=where)
    closure = {"status": status.value, "closed_on": on.isoformat(), "closed_by": recorder.by}
    if note:
        closure["note"] = note

    def edit(data: Any) -> bool:
        remedies = section(data, "remedial_actions")
        if key not in remedies:
            # Agreed in an earlier quarter after this one's file was started: carry it here.
            put_sorted(remedies, key, copied, order=natural)
        remedy = remedies[key]
        if remedy.get("status") == status.value:
            return False
        set_key(remedy, "status", status.value)
        set_key(remedy, "closure", _as_mapping(closure))
        return True

    return Written(period, write_period(workspace, period, [edit]), key)


def _put_versioned(mapping: Any, key: str, fields: dict[str, Any], recorder: Recorder) -> bool:
    """Set ``mapping[key]`` to ``fields`` and a stamp, keeping the earlier version in history."""
    existing = mapping.get(key)
    wanted = {name: value for name, value in fields.items() if value is not None}
    if existing is not None and _same(existing, wanted, fields):
        return False
    entry = _as_mapping({**wanted, **stamp(recorder)})
    if existing is None:
        put_sorted(mapping, key, entry, order=natural)
        return True
    earlier = _as_mapping({name: value for name, value in existing.items() if name != "history"})
    update_in_place(existing, entry, list(fields))
    if existing.get("history"):
        append_item(existing["history"], earlier)
    else:
        from ruamel.yaml.comments import CommentedSeq

        set_key(existing, "history", CommentedSeq([earlier]))
    return True


def _put_plain(mapping: Any, key: str, fields: dict[str, Any], recorder: Recorder) -> bool:
    """Set ``mapping[key]`` to ``fields`` and a stamp, unless it already says the same."""
    existing = mapping.get(key)
    wanted = {name: value for name, value in fields.items() if value is not None}
    if existing is not None and _same(existing, wanted, fields):
        return False
    entry = _as_mapping({**wanted, **stamp(recorder)})
    if existing is None:
        put_sorted(mapping, key, entry, order=natural)
    else:
        update_in_place(existing, entry, list(fields))  # its order and comments stay
    return True


def _same(existing: Any, wanted: dict[str, Any], fields: dict[str, Any]) -> bool:
    return all(_equal(existing.get(name), wanted.get(name)) for name in fields)


def _equal(found: Any, wanted: Any) -> bool:
    if isinstance(found, int | float | Decimal) and isinstance(wanted, int | float | Decimal):
        return Decimal(str(found)) == Decimal(str(wanted))
    return bool(found == wanted)


def _mapping() -> Any:
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap()


def _as_mapping(values: dict[str, Any]) -> Any:
    mapping = _mapping()
    for key, value in values.items():
        mapping[key] = _as_mapping(value) if isinstance(value, dict) else value
    return mapping
