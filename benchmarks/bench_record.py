"""Benchmark ``pmkit record``: do a full period file, or ten years of history, make it slower?

A plan of 2,000 indicators (cloned from an example), and a quarter's file
that already holds a figure for every one of them. In one folder that is all;
in another, forty earlier quarters' files (ten years) sit beside it; in a
third, the quarter has no figures yet. One figure is recorded into the
quarter in each, as whole processes, median of several runs. Targets: into
the file of 2,000 figures at most 1.5x into the empty one, and with history
at most 1.2x without.

    uv run python benchmarks/bench_record.py [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_validate import OUT, SOURCE, compile_bytecode, make_plan, tool
from pmkit.load.reader import parse_yaml
from pmkit.periods import Calendar

INDICATORS = 2000
HISTORY_QUARTERS = 40
TARGET = 1.2
FULL_FILE_TARGET = 1.5
RECORD = """\
  {id}:
    {period}:
      value: {value}
      status: final
      commentary: Validated against the partner's own system before the board.
      recorded_by: performance.team@example.gov.uk
      recorded_at: '2026-10-14T09:12:00+01:00'
      source: returns/police-{stem}.xlsx
"""


def quarter_file(ids: list[str], period_label: str, stem: str) -> str:
    """A period file holding one final figure for each indicator."""
    body = "".join(
        RECORD.format(id=i, period=period_label, value=10 + n % 50, stem=stem)
        for n, i in enumerate(sorted(ids))
    )
    return f"format_version: 1\nperiod: {period_label}\nfigures:\n{body}"


def make_folder(name: str, plan: Path, ids: list[str], history: int) -> Path:
    """A plan repository with the current quarter full, and ``history`` quarters before it.

    With ``history`` of -1, the quarter has no figures yet: its file is not there.
    """
    folder = OUT / name
    monitoring = folder / "monitoring"
    if monitoring.exists():
        shutil.rmtree(monitoring)  # so every run of the benchmark starts alike
    monitoring.mkdir(parents=True)
    (folder / "plan.yaml").write_text(plan.read_text(encoding="utf-8"), encoding="utf-8")
    current = Calendar().quarter(2026, 2)
    for back in range(history + 1):
        period = current.shift(-back)
        path = monitoring / f"{period.file_stem}.yaml"
        path.write_text(quarter_file(ids, period.label, period.file_stem), encoding="utf-8")
    return folder


def median_records(folders: list[Path], indicator: str, runs: int) -> list[float]:
    """The median time of recording one (changed) figure into each folder, as whole processes.

    Each run records into every folder in turn, so that a machine busier at
    one moment than another weighs on all of them alike.
    """
    pmkit = tool("pmkit")
    times: list[list[float]] = [[] for _ in folders]
    for run in range(runs):
        for folder, folder_times in zip(folders, times, strict=True):
            command = [
                pmkit,
                "--as-of",
                "2026-11-26",
                "record",
                "figure",
                indicator,
                str(20 + run % 2),
                "--period",
                "2026/27 Q2",
                "--by",
                "benchmark",
                "--replace-final",
                "--reason",
                "benchmark run",
                "--accept-unusual",
                "--final",
                "--plan",
                str(folder / "plan.yaml"),
            ]
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            folder_times.append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(f"recording failed: {done.stderr.strip()}")
    return [statistics.median(folder_times) for folder_times in times]


def main() -> int:
    """Build both folders, time a record in each, print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the target is missed")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    compile_bytecode()
    plan = make_plan(SOURCE, INDICATORS, OUT)
    ids = [entry["id"] for entry in parse_yaml(plan.read_text(encoding="utf-8"))["indicators"]]
    empty = make_folder("record-empty-quarter", plan, ids, -1)
    bare = make_folder("record-no-history", plan, ids, 0)
    full = make_folder("record-ten-years", plan, ids, HISTORY_QUARTERS)
    size = (bare / "monitoring" / "2026-27-Q2.yaml").stat().st_size // 1024
    indicator = sorted(ids)[len(ids) // 2]
    into_empty, without, with_history = median_records([empty, bare, full], indicator, args.runs)
    full_file = without / into_empty
    ratio = with_history / without
    print(f"period file: {len(ids):,} figures, {size:,} KB; {HISTORY_QUARTERS} quarters of history")
    print(f"record one figure, empty quarter: {into_empty:.2f}s")
    print(f"record one figure, no history:    {without:.2f}s")
    print(f"record one figure, ten years:     {with_history:.2f}s")
    print(
        f"ratio, 2,000 figures / empty: {full_file:.2f}x (target <= {FULL_FILE_TARGET}x) "
        f"{'ok' if full_file <= FULL_FILE_TARGET else 'MISSED'}"
    )
    print(
        f"ratio, ten years / no history: {ratio:.2f}x (target <= {TARGET}x) "
        f"{'ok' if ratio <= TARGET else 'MISSED'}"
    )
    missed = full_file > FULL_FILE_TARGET or ratio > TARGET
    return 1 if (missed and args.check) else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
