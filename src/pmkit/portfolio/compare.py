"""Plans side by side: shared indicators matched by ``national_id``, and fair rankings.

A figure is ranked among its peers only where the comparison is like with
like: every plan with the indicator measures it in the same unit, accumulates
it the same way, defines it the same way, agrees which way is better, and
reports it for the same period; and there are at least :data:`MIN_PEERS`
plans with a figure. Otherwise the column says why it is not ranked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pmkit.portfolio.summary import PlanSummary, SharedFigure, summarise

if TYPE_CHECKING:
    from datetime import date

MIN_PEERS = 5
"""The fewest plans with a figure that a ranking among peers is given for."""


@dataclass(frozen=True, slots=True)
class Placing:
    """A plan's rank among its peers (1 is best) and its quartile (1 is the best quarter)."""

    rank: int
    quartile: int
    peers: int


@dataclass(slots=True)
class SharedIndicator:
    """A nationally defined indicator held by two or more plans, and whether it is ranked."""

    national_id: str
    title: str
    unit: str
    plans: int
    not_ranked: str | None = None
    """Why the plans are not ranked on it (``None`` when they are)."""
    placings: dict[int, Placing] = field(default_factory=dict)
    """Each ranked plan's placing, by its row in the portfolio."""


@dataclass(slots=True)
class PortfolioResult:
    """Every plan's row, the shared indicators, and the plans' figures for them."""

    period: str | None
    as_of: str
    plans: list[PlanSummary]
    indicators: list[SharedIndicator]

    def figure(self, row: int, national_id: str) -> SharedFigure | None:
        """The plan in ``row``'s figure for ``national_id``, if it has the indicator."""
        return next((f for f in self.plans[row].figures if f.national_id == national_id), None)

    @property
    def unusable(self) -> int:
        """How many plans could not be reviewed."""
        return sum(plan.problem is not None for plan in self.plans)


def find_plans(paths: Iterable[Path]) -> list[Path]:
    """The plans named: a plan file, a plan's folder, or a folder of plans' folders."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and (path / "plan.yaml").is_file():
            found.append(path / "plan.yaml")
        elif path.is_dir():
            found.extend(sorted(path.glob("*/plan.yaml")))
        else:
            found.append(path)
    return found


def review_plans(
    paths: Sequence[Path],
    *,
    period: str | None,
    as_of: date,
    workers: int = 1,
    on_summary: Callable[[int, PlanSummary], None] | None = None,
) -> PortfolioResult:
    """Validate and review every plan for ``period`` and compare them.

    With more than one worker, plans are reviewed in that many processes and
    taken as they finish; only a few are in flight at once, so memory grows
    with the result table, not with the plans waiting. ``on_summary`` hears
    of each plan as it is done (for progress).
    """
    summaries: list[PlanSummary | None] = [None] * len(paths)
    for index, summary in _summaries(paths, period, as_of, workers):
        summaries[index] = summary
        if on_summary is not None:
            on_summary(index, summary)
    plans = [summary for summary in summaries if summary is not None]
    return compare(plans, period=period, as_of=as_of.isoformat())


def _summaries(
    paths: Sequence[Path], period: str | None, as_of: date, workers: int
) -> Iterator[tuple[int, PlanSummary]]:
    if workers <= 1 or len(paths) <= 1:
        for index, path in enumerate(paths):
            yield index, summarise(str(path), period, as_of)
        return
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    from pmkit.portfolio.summary import warm

    warm()
    window = workers * 4
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: dict[Future[PlanSummary], int] = {}
        queue = iter(enumerate(paths))
        for index, path in queue:
            pending[pool.submit(summarise, str(path), period, as_of)] = index
            if len(pending) >= window:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield pending.pop(future), future.result()
                following = next(queue, None)
                if following is not None:
                    index, path = following
                    pending[pool.submit(summarise, str(path), period, as_of)] = index


def compare(plans: list[PlanSummary], *, period: str | None, as_of: str) -> PortfolioResult:
    """Line the plans up by ``national_id`` and rank them where the comparison is fair."""
    holders: dict[str, list[tuple[int, SharedFigure]]] = {}
    for row, plan in enumerate(plans):
        for figure in plan.figures:
            holders.setdefault(figure.national_id, []).append((row, figure))
    indicators = []
    for national_id in sorted(holders):
        held = holders[national_id]
        if len({row for row, _ in held}) < 2:
            continue
        units = Counter(figure.unit for _, figure in held)
        shared = SharedIndicator(
            national_id,
            title=held[0][1].title,
            unit=units.most_common(1)[0][0] if len(units) == 1 else "",
            plans=len(held),
        )
        shared.not_ranked = _why_not_ranked(held, plans)
        if shared.not_ranked is None:
            shared.placings = _placings(held)
        indicators.append(shared)
    return PortfolioResult(period, as_of, plans, indicators)


def _why_not_ranked(held: list[tuple[int, SharedFigure]], plans: list[PlanSummary]) -> str | None:
    """Why the plans cannot fairly be ranked on this indicator, or ``None`` if they can."""
    checks: tuple[tuple[str, Callable[[SharedFigure], str]], ...] = (
        ("units", lambda f: f.unit or "no unit"),
        ("accumulations", lambda f: f.accumulation or "not stated"),
        ("definitions", lambda f: f.definition or "not stated"),
        ("polarities", lambda f: f.polarity or "not stated"),
        ("periods", lambda f: f.period),
    )
    for what, key in checks:
        by_value: dict[str, list[str]] = {}
        for row, figure in held:
            by_value.setdefault(key(figure), []).append(plans[row].partnership or plans[row].source)
        if len(by_value) > 1:
            if what == "definitions":
                return "not ranked: the plans define it differently"
            sides = "; ".join(
                f"{value!r} in {_names(names)}" for value, names in sorted(by_value.items())
            )
            return f"not ranked: the {what} disagree ({sides})"
    with_figure = sum(figure.value is not None for _, figure in held)
    if with_figure < MIN_PEERS:
        return (
            f"not ranked: {with_figure} plan{'s' if with_figure != 1 else ''} with a figure, "
            f"and a ranking needs at least {MIN_PEERS} peers"
        )
    return None


def _names(names: list[str]) -> str:
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _placings(held: list[tuple[int, SharedFigure]]) -> dict[int, Placing]:
    """Competition ranks (equal figures share a rank), best first by the polarity."""
    scored = [(row, figure.value) for row, figure in held if figure.value is not None]
    higher = held[0][1].polarity == "higher"
    scored.sort(key=lambda item: -item[1] if higher else item[1])
    count = len(scored)
    placings: dict[int, Placing] = {}
    rank = 0
    previous = None
    for position, (row, value) in enumerate(scored, start=1):
        if value != previous:
            rank, previous = position, value
        placings[row] = Placing(rank, min(4, 1 + (rank - 1) * 4 // count), count)
    return placings
