"""Writing comparator figures into plan.yaml, keeping its comments, order and layout.

The plan is loaded with ruamel.yaml's round trip, each indicator's
``comparators`` list is edited (the entry of the same kind and name is
updated where it stands; a new one goes at the end, in the list's own flow
or block style), and the text is checked to still be a valid plan before it
replaces the file, all at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pmkit.monitoring.writer import append_item, plain, set_key, update_in_place

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from pmkit.comparator_import.choose import Proposed
    from pmkit.periods import Calendar

_UPDATED_KEYS = ("value", "period", "published_period", "source")


class PlanEditError(Exception):
    """The plan cannot be edited as it is; the message says why."""


class Action(StrEnum):
    """What importing did to one comparator."""

    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    KEPT = "kept"
    """The plan's comparator is for a later period than the download's, so it stays."""


@dataclass(frozen=True, slots=True)
class Change:
    """One comparator written (or found already there), and what it said before."""

    proposed: Proposed
    action: Action
    before: str | None = None
    """The earlier value and period, for a replaced comparator."""


def edit_plan(
    text: str, proposed: Sequence[Proposed], source: str, calendar: Calendar
) -> tuple[str, list[Change]]:
    """``text`` (plan.yaml) with ``proposed`` written in, and what changed.

    ``source`` is written as each comparator's source; a comparator the plan
    already has for a later period (in ``calendar``) is kept. Raises
    :class:`PlanEditError` if the plan's indicators cannot be found as a list.
    """
    from ruamel.yaml.error import YAMLError

    from pmkit.monitoring.store import RoundTrip

    newline = "\r\n" if "\r\n" in text[: text.find("\n") + 1] else "\n"
    try:
        document = RoundTrip(text.replace("\r\n", "\n"))
    except YAMLError as error:
        raise PlanEditError(f"pmkit cannot edit the plan as it is written ({error})") from None
    indicators = document.data.get("indicators") if hasattr(document.data, "get") else None
    if not isinstance(indicators, list):
        raise PlanEditError("the plan has no list of indicators to add comparators to")
    by_id = {str(item.get("id")): item for item in indicators if hasattr(item, "get")}
    changes: list[Change] = []
    for wanted in proposed:
        item = by_id.get(wanted.indicator)
        if item is None:  # pragma: no cover - proposals are made from the same plan
            raise PlanEditError(f"the plan has no indicator {wanted.indicator}")
        changes.append(_put(item, wanted, source, calendar))
    if not any(change.action in (Action.ADDED, Action.REPLACED) for change in changes):
        return text, changes
    dumped = document.dump()
    return (dumped.replace("\n", newline) if newline != "\n" else dumped), changes


def _put(item: Any, wanted: Proposed, source: str, calendar: Calendar) -> Change:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    fresh = CommentedMap()
    fresh["kind"] = wanted.kind.value
    fresh["name"] = wanted.name
    fresh["value"] = plain(wanted.value)
    fresh["period"] = wanted.period.label
    if wanted.published_period is not None:
        fresh["published_period"] = wanted.published_period
    fresh["source"] = source
    entries = item.get("comparators")
    if not isinstance(entries, list) or not entries:
        fresh.fa.set_flow_style()
        set_key(item, "comparators", CommentedSeq([fresh]))
        return Change(wanted, Action.ADDED)
    existing = next((entry for entry in entries if _same(entry, wanted)), None)
    if existing is None:
        if _flow(entries):
            fresh.fa.set_flow_style()
        append_item(entries, fresh)
        return Change(wanted, Action.ADDED)
    if all(_equal(existing.get(key), fresh.get(key)) for key in _UPDATED_KEYS):
        return Change(wanted, Action.UNCHANGED)
    before = f"{existing.get('value')} ({existing.get('period')})"
    if _later(existing.get("period"), wanted, calendar):
        return Change(wanted, Action.KEPT, before)
    update_in_place(existing, fresh, _UPDATED_KEYS)
    return Change(wanted, Action.REPLACED, before)


def _later(period: Any, wanted: Proposed, calendar: Calendar) -> bool:
    """Whether the plan's comparator period ends after the download's."""
    from pmkit.periods import PeriodError

    if period is None:
        return False
    try:
        return calendar.parse(str(period)).end > wanted.period.end
    except PeriodError:
        return False


def _same(entry: Any, wanted: Proposed) -> bool:
    if not hasattr(entry, "get"):
        return False
    name = str(entry.get("name") or "").casefold()
    return str(entry.get("kind")) == wanted.kind.value and name == wanted.name.casefold()


def _flow(entries: Any) -> bool:
    """Whether the list's entries are written in flow style (``- {kind: national, …}``)."""
    return any(
        getattr(entry, "fa", None) is not None and entry.fa.flow_style() for entry in entries
    )


def _equal(old: Any, new: Any) -> bool:
    if old is None or new is None:
        return old is new
    return _number(old) == _number(new) if _number(new) is not None else str(old) == str(new)


def _number(value: Any) -> Decimal | None:
    from decimal import Decimal, InvalidOperation

    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:  # pragma: no cover - ints and floats are always numbers
        return None
