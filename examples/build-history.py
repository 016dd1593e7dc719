"""Build an example plan's year of history in a new git repository.

Each example plan's change log records how the plan was refined during
2026/27: indicators added once baselines were in, and targets revised at the
first quarterly review. This script commits the plan as it stood at each of
those dates, with fixed dates and authors (so the history is the same on
every machine), ending with the plan exactly as it is in examples/:

    uv run python examples/build-history.py community-safety kestermoor
    cd kestermoor
    uv run pmkit diff --since 2026-04-01
    uv run pmkit diff --indicator CS-08

Only git and the Python standard library are needed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Step:
    """One commit: when, by whom, why, and what it changed.

    ``added`` names the indicators this commit added and ``revised`` the
    target lines it changed, as (line before, line after): the versions
    before this commit are made by undoing them.
    """

    day: str
    author: str
    email: str
    message: str
    added: tuple[str, ...] = ()
    revised: tuple[tuple[str, str], ...] = ()


HISTORIES: dict[str, list[Step]] = {
    "community-safety": [
        Step(
            "2026-03-19",
            "Kestermoor Performance Officer",
            "performance@kestermoor.example.org",
            "Plan for 2026/27 agreed by the Partnership Board",
        ),
        Step(
            "2026-05-21",
            "Kestermoor Performance Officer",
            "performance@kestermoor.example.org",
            "Baselines from the 2025/26 outturns; CS-18 added",
            added=("CS-18",),
        ),
        Step(
            "2026-07-16",
            "Community Safety Partnership Manager",
            "csp.manager@kestermoor.example.org",
            "Quarter 1 review: CS-08 target for 2026/27 lowered to 26%",
            revised=(
                (
                    "      - {period: 2026/27, value: 28.0}\n",
                    "      - {period: 2026/27, value: 26.0}\n"
                    "      - {period: 2027/28, value: 28.0, note: Bottom of the SafeLives "
                    "expected range of 28% to 40%}\n",
                ),
            ),
        ),
    ],
    "health-wellbeing": [
        Step(
            "2026-03-24",
            "Ravensmere HWB Business Manager",
            "hwb@ravensmere.example.org",
            "Plan for 2026/27 agreed with the Better Care Fund plan",
        ),
        Step(
            "2026-06-25",
            "Ravensmere HWB Business Manager",
            "hwb@ravensmere.example.org",
            "Baselines from the 2025/26 outturns; HW-19 added",
            added=("HW-19",),
        ),
        Step(
            "2026-09-17",
            "Ravensmere Public Health Analyst",
            "ph.analyst@ravensmere.example.org",
            "Quarter 1 review: HW-03 stop smoking target raised to 2,600",
            revised=(
                (
                    "      - {period: 2026/27, value: 2500}\n",
                    '      - {period: 2026/27, value: 2600, note: "Raised from 2,500 at the '
                    'Q1 review"}\n',
                ),
            ),
        ),
    ],
}


def _replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise SystemExit(f"build-history: the example plan has changed; cannot find {old!r}")
    return text.replace(old, new)


def _without_indicator(text: str, indicator: str) -> str:
    """The plan without ``indicator``'s block and the references to it."""
    lines = text.splitlines(keepends=True)
    start = lines.index(f"  - id: {indicator}\n")
    end = start + 1
    while end < len(lines) and not (
        lines[end].startswith(("  - id: ", "  # ")) or lines[end][:1].isalpha()
    ):
        end += 1
    kept = lines[:start] + lines[end:]
    kept = [line for line in kept if line.strip() != f"in_year_proxy: {indicator}"]
    text = "".join(kept)
    return text.replace(f"[{indicator}, ", "[").replace(f", {indicator}]", "]")


def _without_later_entries(text: str, day: str) -> str:
    """The plan without the change log entries dated after ``day``."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    skipping = False
    for line in lines:
        if line.startswith("    - date: "):
            skipping = line.split(":", 1)[1].strip() > day
        elif skipping and not line.startswith("      "):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


def plan_as_at(final: str, steps: list[Step], number: int) -> str:
    """The plan after ``steps[number]``: the final plan with every later step undone."""
    text = final
    for step in reversed(steps[number + 1 :]):
        for before, after in step.revised:
            text = _replace_once(text, after, before)
        for indicator in step.added:
            text = _without_indicator(text, indicator)
    text = _without_later_entries(text, steps[number].day)
    for line in text.splitlines():
        if line.startswith("  last_refined: "):
            text = _replace_once(text, line, f"  last_refined: {steps[number].day}")
            break
    return text


def _git(folder: Path, *arguments: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *arguments],
        cwd=folder,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def build(example: str, folder: Path) -> None:
    """Create ``folder`` as a repository holding ``example``'s history."""
    steps = HISTORIES[example]
    source = EXAMPLES / example
    final = (source / "plan.yaml").read_text(encoding="utf-8")
    folder.mkdir(parents=True)
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GIT_") and key != "EMAIL"
    }
    base.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull})
    _git(folder, "init", "--quiet", env=base)
    for number, step in enumerate(steps):
        text = plan_as_at(final, steps, number)
        (folder / "plan.yaml").write_bytes(text.encode("utf-8"))
        if number == len(steps) - 1 and (source / "monitoring").is_dir():
            shutil.copytree(source / "monitoring", folder / "monitoring")
        when = f"{step.day}T12:00:00+01:00"
        env = {
            **base,
            "GIT_AUTHOR_NAME": step.author,
            "GIT_AUTHOR_EMAIL": step.email,
            "GIT_COMMITTER_NAME": step.author,
            "GIT_COMMITTER_EMAIL": step.email,
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
        }
        _git(folder, "add", "--all", env=env)
        _git(folder, "commit", "--quiet", "-m", step.message, env=env)


def main() -> int:
    """Build the history the command line asks for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("example", choices=sorted(HISTORIES), help="which example plan")
    parser.add_argument("folder", type=Path, help="a new folder for the repository")
    args = parser.parse_args()
    if args.folder.exists():
        print(f"build-history: {args.folder} already exists; name a new folder", file=sys.stderr)
        return 2
    if shutil.which("git") is None:
        print("build-history: git is not installed (https://git-scm.com)", file=sys.stderr)
        return 2
    build(args.example, args.folder)
    print(f"built {args.folder}: {len(HISTORIES[args.example])} commits of {args.example}")
    print(f"next: cd {args.folder} && pmkit diff --since 2026-04-01")
    return 0


if __name__ == "__main__":
    sys.exit(main())
