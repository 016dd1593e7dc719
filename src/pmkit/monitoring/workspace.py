"""A plan and its monitoring folder, opened for reading and recording."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pmkit.findings import Finding
from pmkit.monitoring.files import file_period, folder_for, path_for
from pmkit.monitoring.store import StoreError
from pmkit.periods import Calendar, Period, PeriodKind

if TYPE_CHECKING:
    from datetime import date
    from decimal import Decimal
    from pathlib import Path

    from pmkit.model.indicators import Indicator
    from pmkit.model.plan import Plan
    from pmkit.monitoring.model import Figure, MonitoringFile


class PlanError(Exception):
    """The plan cannot be used for recording: unreadable, or with structural errors."""


@dataclass(frozen=True, slots=True)
class Recorder:
    """Who records, when, and from where: ``command line`` or the name of a return."""

    by: str
    at: datetime
    source: str


@dataclass
class Workspace:
    """The plan, its calendar, the monitoring folder, and the period files read so far."""

    plan: Plan
    plan_path: Path
    as_of: date
    _files: dict[Period, MonitoringFile | None] = field(default_factory=dict, repr=False)
    _raw: dict[Period, Any] = field(default_factory=dict, repr=False)

    @property
    def calendar(self) -> Calendar:
        """The partnership's reporting calendar."""
        return Calendar(self.plan.partnership.year_start)

    @property
    def folder(self) -> Path:
        """``monitoring/`` beside the plan."""
        return folder_for(self.plan_path)

    @property
    def last_quarter(self) -> Period:
        """The latest quarter that has ended by ``as_of``: the default for progress reports."""
        return self.calendar.latest_completed(self.as_of, PeriodKind.QUARTER)

    def indicator(self, indicator_id: str) -> Indicator | None:
        """The plan's indicator with this id."""
        return next((i for i in self.plan.indicators if i.id == indicator_id), None)

    def path_for(self, period: Period) -> Path:
        """The monitoring file that holds ``period``."""
        return path_for(self.folder, period)

    def read(self, period: Period) -> MonitoringFile | None:
        """The file holding ``period``, or ``None``; raises :class:`StoreError` if it is broken."""
        key = file_period(period)
        if key not in self._files:
            self._files[key] = self._load(key)
        return self._files[key]

    def raw(self, period: Period) -> Any:
        """The file holding ``period`` as plain data, in the order it was written (or ``None``)."""
        self.read(period)
        return self._raw.get(file_period(period))

    def forget(self, period: Period) -> None:
        """Drop a cached file after it has been written."""
        self._files.pop(file_period(period), None)
        self._raw.pop(file_period(period), None)

    def figure(self, indicator_id: str, period: Period) -> Figure | None:
        """The figure recorded for ``indicator_id`` in ``period``, if any."""
        record = self.read(period)
        if record is None:
            return None
        return record.figures.get(indicator_id, {}).get(period.label)

    def figure_if_readable(self, indicator_id: str, period: Period) -> Figure | None:
        """Like :meth:`figure`, but a file broken by hand counts as no figure.

        For the checks made while recording another period's figure (its
        plausibility, its target's profile): one broken file must not block
        recording elsewhere; 'pmkit validate' reports it.
        """
        from pmkit.monitoring.store import StoreError

        try:
            return self.figure(indicator_id, period)
        except StoreError:
            return None

    def recent_values(self, indicator_id: str, period: Period, count: int) -> list[Decimal]:
        """Up to ``count`` values recorded for the periods just before ``period``.

        Only the indicator's own figures are picked out of each earlier file, so
        this costs the same whether the files hold one indicator or thousands,
        and a broken earlier file is passed over here ('pmkit validate' reports it).
        """
        values: list[Decimal] = []
        earlier = period
        for _ in range(count):
            earlier = earlier.previous()
            value = _plain_value(self._peek(earlier), indicator_id, earlier.label)
            if value is not None:
                values.append(value)
        return values

    def peek(self, period: Period) -> Any:
        """The file holding ``period`` as plain data, read fast and not checked (or ``None``)."""
        return self._peek(period)

    def _peek(self, period: Period) -> Any:
        """The file holding ``period`` as plain data, read fast and not checked."""
        from pmkit.load.problems import LoadProblem
        from pmkit.load.reader import parse_yaml
        from pmkit.load.text import read_text

        key = file_period(period)
        if key in self._raw:
            return self._raw[key]
        path = path_for(self.folder, key)
        try:
            data = (
                parse_yaml(read_text(path, within=self.plan_path.parent)) if path.exists() else None
            )
        except (LoadProblem, OSError):
            data = None
        self._raw[key] = data
        return data

    def _load(self, period: Period) -> MonitoringFile | None:
        from pmkit.load import load_document
        from pmkit.monitoring.model import MONITORING_FORMAT, MonitoringFile
        from pmkit.structure.check import check_model

        path = path_for(self.folder, period)
        if not path.exists():
            return None
        loaded = load_document(path, within=self.plan_path.parent)
        if isinstance(loaded, Finding):
            raise StoreError(f"{loaded.location}: {loaded.message}; fix the file by hand first")
        checked = check_model(
            MonitoringFile,
            loaded.data,
            loaded.file,
            context={"calendar": self.calendar},
            version=MONITORING_FORMAT,
            what="monitoring file",
        )
        if checked.plan is None:
            first = loaded.place(checked.findings[:1])[0]
            raise StoreError(
                f"{first.location}: {first.message}; fix the file by hand first "
                "('pmkit validate' lists every problem)"
            )
        result: MonitoringFile = checked.plan
        self._raw[period] = loaded.data
        return result


def _plain_value(data: Any, indicator_id: str, label: str) -> Decimal | None:
    from decimal import Decimal, InvalidOperation

    try:
        value = data["figures"][indicator_id][label]["value"]
    except (KeyError, TypeError):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def open_workspace(plan_path: Path, *, as_of: date) -> Workspace:
    """Read the plan at ``plan_path``; raise :class:`PlanError` if it cannot be used."""
    from pmkit.load import load_document
    from pmkit.structure import check_structure

    loaded = load_document(plan_path)
    if isinstance(loaded, Finding):
        raise PlanError(f"{loaded.location}: {loaded.message}")
    structure = check_structure(loaded.data, loaded.file)
    if structure.plan is None or structure.findings:
        first = loaded.place(structure.findings[:1])[0]
        raise PlanError(
            f"{first.location}: {first.message} (the plan must be valid to record against it: "
            "run 'pmkit validate')"
        )
    return Workspace(structure.plan, plan_path, as_of)
