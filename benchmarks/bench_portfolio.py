"""Benchmark ``pmkit portfolio``: how long do 10, 100 and 1,000 partnerships' plans take?

Each generated plan is a copy of one of the two examples (alternately), with
its own name, a national_id on two indicators and its own figure for one of
them in 2026/27 Q2, and the examples' monitoring files (two reporting years,
2025/26 and 2026/27 to Q2). Generation is outside the timing. The portfolio
of 2026/27 Q2 is reviewed in-process with one worker process per core, as
`pmkit portfolio` does. Target: 1,000 plans in at most 60 s on a 2-core
machine. Memory: what the result table takes (tracemalloc, while the
summaries are compared) and, where the platform reports it, the peak resident
size of the main process and of the largest worker.

    uv run python benchmarks/bench_portfolio.py [--sizes 10 100 1000] [--workers N] [--check]
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out" / "portfolio"
EXAMPLES = ("community-safety", "health-wellbeing")
NATIONAL = {
    "community-safety": {"CS-07": "local:repeat-da-victims", "CS-01": "local:crime-rate"},
    "health-wellbeing": {"HW-02": "local:hw-02", "HW-04": "local:hw-04"},
}
FIGURE = {"community-safety": "value: 33.1\n", "health-wellbeing": None}
TARGET_SECONDS = 60.0
QUARTER = "2026/27 Q2"


def generate(count: int) -> Path:
    """``count`` plans in ``benchmarks/out/portfolio/N``, made once and reused."""
    folder = OUT / str(count)
    if folder.is_dir() and len(list(folder.glob("*/plan.yaml"))) == count:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    for index in range(count):
        example = EXAMPLES[index % 2]
        target = folder / f"plan-{index:05d}"
        shutil.copytree(ROOT / "examples" / example, target, ignore=shutil.ignore_patterns("*.md"))
        plan = target / "plan.yaml"
        text = plan.read_text(encoding="utf-8")
        text = text.replace("partnership:\n  name: ", f"partnership:\n  name: No. {index} ", 1)
        for indicator, national_id in NATIONAL[example].items():
            old = f"  - id: {indicator}\n"
            text = text.replace(old, f"{old}    national_id: {national_id}\n", 1)
        plan.write_text(text, encoding="utf-8")
        figure = FIGURE[example]
        if figure is not None:
            quarter = target / "monitoring" / "2026-27-Q2.yaml"
            value = f"value: {25 + (index * 7919) % 150 / 10}\n"
            quarter.write_text(
                quarter.read_text(encoding="utf-8").replace(figure, value, 1), encoding="utf-8"
            )
    return folder


def _rss_mb(who: int) -> float | None:
    try:
        import resource
    except ImportError:  # not on Windows
        return None
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run(folder: Path, workers: int) -> tuple[float, float, float, int, int]:
    """Seconds, processor seconds, MB of the result table, plans, shared indicators ranked.

    The timing runs without tracing (forked workers would inherit it and slow down);
    the result's size is measured by tracing only the comparison of the summaries.
    """
    from pmkit.portfolio.compare import compare, find_plans, review_plans

    paths = find_plans([folder])
    before = os.times()
    started = time.perf_counter()
    result = review_plans(paths, period=QUARTER, as_of=date(2026, 11, 26), workers=workers)
    seconds = time.perf_counter() - started
    after = os.times()
    # Processor time of this process and its finished workers (POSIX counts the workers).
    cpu = sum(after[:4]) - sum(before[:4])
    tracemalloc.start()
    plans = [pickle.loads(pickle.dumps(plan)) for plan in result.plans]
    compare(plans, period=QUARTER, as_of="2026-11-26")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ranked = sum(not shared.not_ranked for shared in result.indicators)
    assert result.unusable == 0, [p.problem for p in result.plans if p.problem][:3]
    return seconds, cpu, peak / (1024 * 1024), len(result.plans), ranked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--check", action="store_true", help="exit 1 if over the target")
    args = parser.parse_args(argv)
    folders = {size: generate(size) for size in args.sizes}
    print(f"workers: {args.workers}")
    print(
        f"{'plans':>6} {'seconds':>8} {'cpu':>8} {'per plan':>9} {'growth':>7} {'result table':>13}"
    )
    previous: tuple[int, float] | None = None
    last = 0.0
    for size in args.sizes:
        seconds, cpu, traced, plans, ranked = run(folders[size], args.workers)
        growth = ""
        if previous is not None:
            growth = f"{(seconds / previous[1]) / (size / previous[0]):.2f}x"
        print(
            f"{plans:>6} {seconds:>7.1f}s {cpu:>7.1f}s {seconds / plans * 1000:>7.0f}ms "
            f"{growth:>7} "
            f"{traced:>9.1f} MB   ({ranked} shared indicators ranked)"
        )
        previous, last = (size, seconds), seconds
    own, children = _rss_mb(0), _rss_mb(-1)  # RUSAGE_SELF, RUSAGE_CHILDREN
    if own is not None and children is not None:
        print(f"peak resident: main process {own:.0f} MB, largest worker {children:.0f} MB")
    print("growth: time per plan relative to linear in the number of plans (1.00x = linear)")
    print("cpu: processor time of the main process and its workers (0 where not reported)")
    largest = max(args.sizes)
    verdict = "ok" if last <= TARGET_SECONDS or largest < 1000 else "over"
    print(f"{largest} plans: {last:.1f}s (target <= {TARGET_SECONDS:.0f}s for 1,000) {verdict}")
    return 1 if args.check and verdict == "over" else 0


if __name__ == "__main__":
    sys.exit(main())
