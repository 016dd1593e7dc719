"""Benchmark reading the plan's history from git.

A repository is made with the community-safety example plan committed twenty
times (each commit revising one target). Reading every version (one
``git log`` and one ``git cat-file --batch``, then parsing each plan) is timed
in-process, against the obvious way (one ``git show REV:plan.yaml`` per
commit, then parsing), and ``pmkit diff --indicator`` is timed as a whole
process. Target: the twenty versions read in at most 1.0 s.

    uv run python benchmarks/bench_history.py [--commits 20] [--runs 5] [--check]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out" / "history"
SOURCE = ROOT / "examples" / "community-safety" / "plan.yaml"
TARGET_SECONDS = 1.0


def git(folder: Path, *arguments: str, day: int = 1) -> str:
    """Run git in ``folder`` with a fixed author and date."""
    when = f"2026-{(day - 1) // 28 + 1:02d}-{(day - 1) % 28 + 1:02d}T12:00:00+00:00"
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        {
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_AUTHOR_NAME": "Performance Officer",
            "GIT_AUTHOR_EMAIL": "performance@kestermoor.example.org",
            "GIT_COMMITTER_NAME": "Performance Officer",
            "GIT_COMMITTER_EMAIL": "performance@kestermoor.example.org",
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
        }
    )
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *arguments],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def make_repository(commits: int) -> Path:
    """A repository holding the example plan, committed ``commits`` times."""
    folder = OUT / f"repo-{commits}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    git(folder, "init", "--quiet")
    text = SOURCE.read_text(encoding="utf-8")
    old = "      - {period: 2026/27, value: 26.0}\n"
    for number in range(commits):
        value = f"{26 - number / 10:.1f}"
        version = text.replace(old, f"      - {{period: 2026/27, value: {value}}}\n")
        (folder / "plan.yaml").write_text(version, encoding="utf-8")
        git(folder, "add", "plan.yaml", day=number + 1)
        git(folder, "commit", "--quiet", "-m", f"CS-08 set at {value}", day=number + 1)
    return folder


def median_seconds(work: Callable[[], object], runs: int) -> float:
    """The median wall time of ``work``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    """Make the repository, time each way of reading it, and print the ratios."""
    from pmkit.plan_history.lenient import read_plan_text
    from pmkit.plan_history.versions import read_history, repository_for

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=20, help="versions of the plan")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the target is missed")
    args = parser.parse_args()
    folder = make_repository(args.commits)
    plan = folder / "plan.yaml"

    def batched() -> object:
        repository, path = repository_for(plan)
        history = read_history(repository, path)
        assert len(history.versions) == args.commits
        return history

    def one_by_one() -> object:
        shas = git(folder, "log", "--format=%H", "--", "plan.yaml").split()
        return [read_plan_text(git(folder, "show", f"{sha}:plan.yaml")) for sha in shas]

    def git_only() -> object:
        repository, path = repository_for(plan)
        commits = repository.plan_commits(path)
        return repository.read_files([(commit.sha, commit.path) for commit in commits])

    pmkit = Path(sys.executable).with_name("pmkit.exe" if os.name == "nt" else "pmkit")
    command = [str(pmkit), "diff", "--indicator", "CS-08", "--plan", str(plan)]

    def whole_command() -> object:
        return subprocess.run(command, capture_output=True, check=True)

    ours = median_seconds(batched, args.runs)
    naive = median_seconds(one_by_one, args.runs)
    reading = median_seconds(git_only, args.runs)
    process = median_seconds(whole_command, args.runs)
    print(f"{args.commits} versions of {SOURCE.relative_to(ROOT).as_posix()}")
    print(f"{'git log + cat-file --batch, parsed':>38} {ours:>7.3f}s  target <= {TARGET_SECONDS}s")
    print(f"{'of which git alone':>38} {reading:>7.3f}s  {reading / ours:>5.2f}x of it")
    print(f"{'git show per commit, parsed':>38} {naive:>7.3f}s  {naive / ours:>5.2f}x slower")
    print(f"{'pmkit diff --indicator (a process)':>38} {process:>7.3f}s")
    missed = ours > TARGET_SECONDS
    print("ok" if not missed else "MISSED")
    return 1 if (missed and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
