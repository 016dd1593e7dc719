"""Benchmark ``pmkit validate`` against check-jsonschema on the same plans.

Plans of 100 and 2,000 indicators are made by cloning the full indicators of
an example plan (so each is as rich as a real one), then both tools are timed
as whole processes, in the same run, on the same files: the median of several
runs each. Targets: at most 1.0x check-jsonschema at 100 indicators (start-up
dominates) and at most 0.5x at 2,000.

    uv run python benchmarks/bench_validate.py [--runs 5] [--check]
"""

from __future__ import annotations

import argparse
import copy
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
SCHEMA = ROOT / "schemas" / "plan.schema.json"
SOURCE = ROOT / "examples" / "community-safety" / "plan.yaml"
TARGETS = {100: 1.0, 2000: 0.5}


def make_plan(source: Path, count: int, out: Path) -> Path:
    """Write a copy of ``source`` whose indicators are cloned up to ``count``."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    plan: Any = yaml.load(source.read_text(encoding="utf-8"))
    originals = list(plan["indicators"])
    clones = []
    for number in range(count):
        indicator = copy.deepcopy(originals[number % len(originals)])
        copy_number = number // len(originals)
        if copy_number:
            indicator["id"] = f"{indicator['id']}-{copy_number}"
            proxy = indicator.get("in_year_proxy")
            if proxy is not None:
                indicator["in_year_proxy"] = f"{proxy}-{copy_number}"
        clones.append(indicator)
    plan["indicators"] = clones
    path = out / f"plan-{count}.yaml"
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(plan, handle)
    return path


def median_seconds(command: list[str], runs: int) -> float:
    """The median wall time of ``command`` as a whole process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def compile_bytecode() -> None:
    """Compile every module both tools import, as an installed tool would have them.

    Where PYTHONDONTWRITEBYTECODE is set, nothing is cached between runs and
    each process would spend most of its time compiling: that measures the
    environment, not the tools.
    """
    import compileall
    import sysconfig

    for folder in (sysconfig.get_paths()["purelib"], str(ROOT / "src")):
        compileall.compile_dir(folder, quiet=2, workers=0)


def tool(name: str) -> str:
    """The path of a console script installed beside this Python."""
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def main() -> int:
    """Generate the plans, time both tools and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--source", type=Path, default=SOURCE, help="plan to clone")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    compile_bytecode()
    pmkit, checker = tool("pmkit"), tool("check-jsonschema")

    header = ("indicators", "size", "pmkit", "check-jsonschema", "ratio")
    print("{:>10} {:>9} {:>8} {:>17} {:>6} target".format(*header))
    missed = False
    for count, target in TARGETS.items():
        path = make_plan(args.source, count, OUT)
        ours = median_seconds([pmkit, "--as-of", "2026-11-26", "validate", str(path)], args.runs)
        theirs = median_seconds([checker, "--schemafile", str(SCHEMA), str(path)], args.runs)
        ratio = ours / theirs
        missed |= ratio > target
        size = f"{path.stat().st_size / 1024:,.0f} KB"
        print(
            f"{count:>10} {size:>9} {ours:>7.2f}s {theirs:>16.2f}s {ratio:>5.2f}x "
            f"<= {target}x {'ok' if ratio <= target else 'MISSED'}"
        )
    return 1 if (missed and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
