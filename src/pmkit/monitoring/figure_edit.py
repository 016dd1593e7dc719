"""The edit that puts one figure into a period file's round-trip data."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from pmkit.monitoring.recording import RecordAction, RecordError
from pmkit.monitoring.splice import Scoped
from pmkit.monitoring.statuses import FigureStatus
from pmkit.monitoring.writer import (
    append_item,
    natural,
    plain,
    put_sorted,
    section,
    set_key,
    update_in_place,
)
from pmkit.periods import Period, PeriodError

if TYPE_CHECKING:
    from pmkit.monitoring.recording import FigureInput, FigureOptions, FigureRecorded
    from pmkit.monitoring.workspace import Recorder

_COUNT_KEYS = ("numerator", "denominator", "lower_ci", "upper_ci")
_VERSION_KEYS = ("value", *_COUNT_KEYS, "not_available", "status", "commentary")
_STAMP_KEYS = ("recorded_by", "recorded_at", "source")


def figure_edit(
    item: FigureInput, outcome: FigureRecorded, recorder: Recorder, options: FigureOptions
) -> Scoped:
    """The edit that records ``item``: it touches only its indicator's figures."""

    def edit(data: Any) -> bool:
        return apply_figure(data, item, outcome, recorder, options)

    return Scoped("figures", item.indicator, natural, edit)


def apply_figure(
    data: Any,
    item: FigureInput,
    outcome: FigureRecorded,
    recorder: Recorder,
    options: FigureOptions,
) -> bool:
    """Add or replace the figure; return whether the file changed."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    figures = section(data, "figures")
    label = outcome.period.label
    if item.indicator not in figures:
        by_period = CommentedMap()
        by_period[label] = _record(item, recorder)
        put_sorted(figures, item.indicator, by_period, order=natural)
        outcome.action = RecordAction.ADDED
        return True
    by_period = figures[item.indicator]
    existing = by_period.get(label)
    if existing is None:
        put_sorted(by_period, label, _record(item, recorder), order=_by_time(outcome.period))
        outcome.action = RecordAction.ADDED
        return True
    if _unchanged(existing, item):
        outcome.action = RecordAction.UNCHANGED
        return False
    if existing.get("status") == FigureStatus.FINAL.value and not options.replace_final:
        raise RecordError(
            [
                f"{item.indicator} for {label} is final ({_shown(existing)}, recorded by "
                f"{existing.get('recorded_by')} at {existing.get('recorded_at')}): replacing a "
                "final figure needs --replace-final and a --reason"
            ]
        )
    outcome.before = _shown(existing)
    version = CommentedMap()
    for key in (*_VERSION_KEYS, *_STAMP_KEYS):
        if existing.get(key) is not None:
            version[key] = existing[key]
    version["replaced_at"] = _timestamp(recorder)
    version["replaced_by"] = recorder.by
    if options.reason:
        version["reason"] = options.reason
    # In place, so that the file's own key order, comments and quoting stay.
    update_in_place(existing, _record(item, recorder), (*_VERSION_KEYS, *_STAMP_KEYS))
    if existing.get("history"):
        append_item(existing["history"], version)
    else:
        set_key(existing, "history", CommentedSeq([version]))
    outcome.action = RecordAction.REPLACED
    return True


def _record(item: FigureInput, recorder: Recorder) -> Any:
    from ruamel.yaml.comments import CommentedMap

    record = CommentedMap()
    if item.value is not None:
        record["value"] = plain(item.value)
        for key in _COUNT_KEYS:
            given = getattr(item, key)
            if given is not None:
                record[key] = plain(given)
    else:
        record["not_available"] = item.not_available
    record["status"] = item.status.value
    if item.commentary:
        record["commentary"] = item.commentary
    record["recorded_by"] = recorder.by
    record["recorded_at"] = _timestamp(recorder)
    record["source"] = recorder.source
    return record


def _timestamp(recorder: Recorder) -> str:
    return recorder.at.isoformat(timespec="seconds")


def _unchanged(existing: Any, item: FigureInput) -> bool:
    return (
        _number(existing.get("value")) == item.value
        and all(_number(existing.get(key)) == getattr(item, key) for key in _COUNT_KEYS)
        and existing.get("not_available") == item.not_available
        and existing.get("status") == item.status.value
        and existing.get("commentary") == (item.commentary or None)
    )


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _shown(existing: Any) -> str:
    if existing.get("value") is not None:
        return str(existing["value"])
    return f"not available: {existing.get('not_available')}"


def _by_time(period: Period) -> Any:
    calendar = period.calendar

    def key(label: str) -> tuple[int, int]:
        try:
            found = calendar.parse(label)
        except PeriodError:
            return (1 << 30, 0)
        return (found.first, found.kind.months)

    return key
