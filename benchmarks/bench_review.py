"""Benchmark ``pmkit review``: does ten years of history make the quarterly review slower?

A plan of 2,000 indicators (cloned from an example), and quarterly monitoring
files that hold a final figure for every one of them. In one folder there
are two years of files (eight quarters, to 2026/27 Q2); in the other, ten
years (forty quarters). The review of 2026/27 Q2 is rendered as JSON in each,
as whole processes, median of several runs. The review reads only the
quarters it shows (each indicator's series and the same quarter last year),
so the years before should cost nothing. Target: ten years at most 1.2x two.

    uv run python benchmarks/bench_review.py [--runs 5] [--check]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_record import quarter_file
from bench_validate import OUT, SOURCE, compile_bytecode, make_plan, tool
from pmkit.load.reader import parse_yaml
from pmkit.periods import Calendar

INDICATORS = 2000
SHORT_QUARTERS = 8
LONG_QUARTERS = 40
TARGET = 1.2
QUARTER = "2026/27 Q2"


def make_folder(name: str, plan: Path, ids: list[str], quarters: int) -> Path:
    """A plan repository with ``quarters`` quarters of figures, the last 2026/27 Q2."""
    folder = OUT / name
    monitoring = folder / "monitoring"
    monitoring.mkdir(parents=True, exist_ok=True)
    for old in monitoring.glob("*.yaml"):
        old.unlink()
    (folder / "plan.yaml").write_text(plan.read_text(encoding="utf-8"), encoding="utf-8")
    current = Calendar().quarter(2026, 2)
    for back in range(quarters):
        period = current.shift(-back)
        path = monitoring / f"{period.file_stem}.yaml"
        path.write_text(quarter_file(ids, period.label, period.file_stem), encoding="utf-8")
    return folder


def command(folder: Path) -> list[str]:
    """``pmkit review`` of the quarter, as JSON, for the plan in ``folder``."""
    return [
        tool("pmkit"),
        "--as-of",
        "2026-11-26",
        "review",
        "--quarter",
        QUARTER,
        "--format",
        "json",
        "--plan",
        str(folder / "plan.yaml"),
    ]


def check_output(folder: Path, count: int) -> None:
    """Run the review once and make sure it reviewed every indicator, with figures."""
    done = subprocess.run(command(folder), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the review failed: {done.stderr.strip()}")
    review = json.loads(done.stdout)
    if len(review["indicators"]) != count:
        raise SystemExit(f"the review shows {len(review['indicators'])} indicators, not {count}")
    if all(item["actual"] is None for item in review["indicators"]):
        raise SystemExit("the review found no figures: the benchmark measures nothing")


def median_review(folder: Path, runs: int) -> float:
    """The median time of the quarter's review, as a whole process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command(folder), stdout=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit("the review failed")
    return statistics.median(times)


def main() -> int:
    """Build both folders, time the review in each, print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the target is missed")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    compile_bytecode()
    plan = make_plan(SOURCE, INDICATORS, OUT)
    ids = [entry["id"] for entry in parse_yaml(plan.read_text(encoding="utf-8"))["indicators"]]
    short = make_folder("review-two-years", plan, ids, SHORT_QUARTERS)
    long = make_folder("review-ten-years", plan, ids, LONG_QUARTERS)
    for folder in (short, long):
        check_output(folder, len(ids))
    size = (short / "monitoring" / "2026-27-Q2.yaml").stat().st_size // 1024
    two = median_review(short, args.runs)
    ten = median_review(long, args.runs)
    ratio = ten / two
    print(f"{len(ids):,} indicators; each quarter's file {size:,} KB")
    print(f"review {QUARTER} as JSON, {SHORT_QUARTERS} quarters of files:  {two:.2f}s")
    print(f"review {QUARTER} as JSON, {LONG_QUARTERS} quarters of files: {ten:.2f}s")
    print(f"ratio: {ratio:.2f}x (target <= {TARGET}x) {'ok' if ratio <= TARGET else 'MISSED'}")
    return 1 if (ratio > TARGET and args.check) else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
