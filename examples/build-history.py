"""Build an example plan's two years of history in a new git repository.

Each example plan's change log records how the plan was refined: the plan for
2025/26 agreed in March 2025, with a target revised and another first set at
a review that autumn; the plan for 2026/27 agreed in March 2026, replacing
the 2025/26 targets (and, for community safety, adding an indicator);
indicators added once the 2025/26 baselines were in; and targets revised at
the first quarterly review of 2026/27. This script commits the plan as it
stood at each of those dates, with fixed dates and authors (so the history is
the same on every machine), ending with the plan exactly as it is in
examples/. An indicator new to an example plan that the history below does not
place stops the build if it would carry a baseline from a year not yet begun:
say which step added it.

    uv run python examples/build-history.py community-safety kestermoor
    cd kestermoor
    uv run pmkit diff --since 2026-04-01
    uv run pmkit diff --indicator CS-04
    uv run pmkit --as-of 2026-11-26 review --year 2025/26 --history

Only git and the Python standard library are needed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Step:
    """One commit: when, by whom, why, and what it changed.

    ``added`` names the indicators this commit added and ``revised`` the
    lines it changed, as (line before, line after); ``targets_before`` holds
    indicators' targets as they were before it (none: no targets), and
    ``baselines_before`` the previous year's baseline values it replaced. The
    versions before this commit are made by undoing all of them.
    """

    day: str
    author: str
    email: str
    message: str
    added: tuple[str, ...] = ()
    revised: tuple[tuple[str, str], ...] = ()
    targets_before: dict[str, tuple[str, ...]] = field(default_factory=dict)
    baselines_before: dict[str, str] = field(default_factory=dict)


def _year(targets: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Each indicator's target for 2025/26, as it is written in the plan."""
    return {key: (f"{{period: 2025/26, value: {value}}}",) for key, value in targets.items()}


def _title(partnership: str) -> tuple[str, str]:
    """The plan's first line, for 2025/26 and for 2026/27."""
    line = f"# {partnership}: performance-management plan {{}}.\n"
    return line.format("2025/26"), line.format("2026/27")


KESTERMOOR = "Kestermoor Performance Officer", "performance@kestermoor.example.org"
KESTERMOOR_CSP = "Community Safety Partnership Manager", "csp.manager@kestermoor.example.org"
RAVENSMERE = "Ravensmere HWB Business Manager", "hwb@ravensmere.example.org"
RAVENSMERE_PH = "Ravensmere Public Health Analyst", "ph.analyst@ravensmere.example.org"

# The 2025/26 targets as they stood after the autumn 2025 review.
SAFETY_2025 = _year(
    {
        "CS-02": "9.9",
        "CS-12": "18.0",
        "CS-13": "14.6",
        "CS-03": "8.8",
        "CS-04": "70",
        "CS-05": "12.5",
        "CS-06": "28.0",
        "CS-07": "33.5",
        "CS-08": "27.0",
        "CS-14": "92",
        "CS-09": "160",
        "CS-10": "25.6",
        "CS-11": "40",
        "CS-17": "100",
        "CS-15": "50",
        "CS-16": "53.0",
        "CS-19": "2.7",
        "CS-20": "95",
    }
)
HEALTH_2025 = _year(
    {
        "HW-01": "60.6",
        "HW-02": "12.8",
        "HW-03": "2200",
        "HW-04": "24.5",
        "HW-05": "168.0",
        "HW-06": "1000",
        "HW-07": "37.3",
        "HW-08": "8.0",
        "HW-09": "11.5",
        "HW-11": "66.0",
        "HW-12": "24900",
        "HW-13": "92.0",
        "HW-14": "0.85",
        "HW-15": "600",
        "HW-16": "2100",
        "HW-17": "580",
        "HW-18": "60.5",
        "HW-20": "100",
        "HW-21": "60",
        "HW-22": "98",
    }
)

HISTORIES: dict[str, list[Step]] = {
    "community-safety": [
        Step("2025-03-20", *KESTERMOOR, "Plan for 2025/26 agreed by the Partnership Board"),
        Step(
            "2025-10-16",
            *KESTERMOOR_CSP,
            "Quarter 2 review: CS-04 target for 2025/26 raised to 70; CS-17 target set",
            targets_before={"CS-04": ("{period: 2025/26, value: 66}",), "CS-17": ()},
        ),
        Step(
            "2026-03-19",
            *KESTERMOOR,
            "Plan for 2026/27 agreed by the Partnership Board; CS-25 added",
            added=("CS-25",),
            revised=(_title("Safer Kestermoor Partnership"),),
            targets_before=SAFETY_2025,
        ),
        Step(
            "2026-05-21",
            *KESTERMOOR,
            "Baselines from the 2025/26 outturns; CS-18 added",
            added=("CS-18",),
            baselines_before={
                "CS-01": "87.4",
                "CS-02": "10.2",
                "CS-12": "18.6",
                "CS-13": "15.0",
                "CS-25": "201",
                "CS-03": "9.0",
                "CS-04": "75",
                "CS-05": "13.4",
                "CS-06": "28.9",
                "CS-07": "34.9",
                "CS-08": "25.8",
                "CS-14": "85.1",
                "CS-09": "171",
                "CS-11": "37",
                "CS-17": "61",
                "CS-15": "47",
                "CS-16": "51.3",
                "CS-19": "2.4",
                "CS-20": "88",
            },
        ),
        Step(
            "2026-07-16",
            *KESTERMOOR_CSP,
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
        Step("2025-03-27", *RAVENSMERE, "Plan for 2025/26 agreed with the Better Care Fund plan"),
        Step(
            "2025-09-18",
            *RAVENSMERE,
            "Quarter 1 review: HW-12 target for 2025/26 raised to 24,900; HW-06 target set",
            targets_before={"HW-12": ("{period: 2025/26, value: 24700}",), "HW-06": ()},
        ),
        Step(
            "2026-03-24",
            *RAVENSMERE,
            "Plan for 2026/27 agreed with the Better Care Fund plan",
            revised=(_title("Ravensmere Health and Wellbeing Board"),),
            targets_before=HEALTH_2025,
        ),
        Step(
            "2026-06-25",
            *RAVENSMERE,
            "Baselines from the 2025/26 outturns; HW-19 added",
            added=("HW-19",),
            baselines_before={
                "HW-03": "1890",
                "HW-06": "640",
                "HW-08": "9.1",
                "HW-10": "176",
                "HW-11": "61.2",
                "HW-12": "25450",
                "HW-13": "91.1",
                "HW-14": "0.98",
                "HW-15": "634",
                "HW-16": "2210",
                "HW-20": "50",
                "HW-21": "49",
                "HW-22": "94.8",
            },
        ),
        Step(
            "2026-09-17",
            *RAVENSMERE_PH,
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


def _block(lines: list[str], indicator: str) -> tuple[int, int]:
    """Where ``indicator``'s block begins and ends among ``lines``."""
    start = lines.index(f"  - id: {indicator}\n")
    end = start + 1
    while end < len(lines) and not (
        lines[end].startswith(("  - id: ", "  # ")) or lines[end][:1].isalpha()
    ):
        end += 1
    return start, end


def _with_targets(text: str, indicator: str, targets: tuple[str, ...]) -> str:
    """The plan with ``indicator``'s targets replaced by ``targets`` (none: no targets)."""
    lines = text.splitlines(keepends=True)
    start, end = _block(lines, indicator)
    at = next((n for n in range(start, end) if lines[n] == "    targets:\n"), None)
    written = [f"      - {target}\n" for target in targets]
    if at is None:
        at = _baseline_span(lines, indicator)[1]
        return "".join(lines[:at] + (["    targets:\n", *written] if written else []) + lines[at:])
    stop = at + 1
    while stop < end and lines[stop].startswith("      "):
        stop += 1
    kept = ["    targets:\n", *written] if written else []
    return "".join(lines[:at] + kept + lines[stop:])


def _year_before(text: str) -> str:
    """``text`` with each year a year earlier: 2025/26 becomes 2024/25, March 2026 March 2025."""
    text = re.sub(
        r"\b(\d{4})/(\d{2})\b",
        lambda found: f"{int(found[1]) - 1}/{int(found[2]) - 1:02d}",
        text,
    )
    return re.sub(r"\b(20\d{2})\b(?!/)", lambda found: str(int(found[1]) - 1), text)


def _baseline_span(lines: list[str], indicator: str) -> tuple[int, int]:
    """Where ``indicator``'s baseline begins and ends: one line, or a block mapping."""
    start, end = _block(lines, indicator)
    at = next((n for n in range(start, end) if lines[n].startswith("    baseline:")), None)
    if at is None:
        raise SystemExit(f"build-history: {indicator} has no baseline in the example plan")
    stop = at + 1
    while stop < end and lines[stop].startswith("      "):
        stop += 1
    return at, stop


def _unquoted(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('\\"', '"')
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    return text


def _flow_items(text: str) -> list[str]:
    """The ``key: value`` items of a one-line mapping's inside, split at commas outside quotes."""
    items: list[str] = []
    current: list[str] = []
    quote = ""
    for character in text:
        if quote:
            quote = "" if character == quote else quote
        elif character in "\"'":
            quote = character
        elif character == ",":
            items.append("".join(current))
            current = []
            continue
        current.append(character)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def _baseline_fields(lines: list[str], indicator: str) -> dict[str, str]:
    """``indicator``'s baseline as written, field by field: ``{period: ...}`` or a block."""
    at, stop = _baseline_span(lines, indicator)
    head = lines[at].rstrip("\n")[len("    baseline:") :].strip()
    if head.startswith("{") and head.endswith("}") and stop == at + 1:
        items = _flow_items(head[1:-1])
    elif not head and stop > at + 1:
        items = [line.strip() for line in lines[at + 1 : stop] if not line.strip().startswith("#")]
    else:
        items = []
    fields: dict[str, str] = {}
    for item in items:
        key, colon, value = item.partition(":")
        if not colon or not key.strip().isidentifier():
            raise SystemExit(f"build-history: cannot read {indicator}'s baseline")
        fields[key.strip()] = _unquoted(value)
    if "period" not in fields or "value" not in fields:
        raise SystemExit(f"build-history: cannot read {indicator}'s baseline")
    return fields


def _with_baseline(text: str, indicator: str, value: str) -> str:
    """The plan with ``indicator``'s baseline the year before's, at ``value``.

    The baseline is written as it was (on one line or as a block), with the
    period and the source a year earlier. The source loses its counts in
    brackets and its notes after a semicolon, and the baseline its counts,
    intervals and other details: they belong to the later year's figure.
    """
    lines = text.splitlines(keepends=True)
    fields = _baseline_fields(lines, indicator)
    at, stop = _baseline_span(lines, indicator)
    earlier = {"period": _year_before(fields["period"]), "value": value}
    if "source" in fields:
        source = re.sub(r" \([^)]*\)|;.*$", "", fields["source"])
        earlier["source"] = '"' + _year_before(source).replace('"', '\\"') + '"'
    if lines[at].strip() == "baseline:":
        written = ["    baseline:\n", *(f"      {key}: {item}\n" for key, item in earlier.items())]
    else:
        inside = ", ".join(f"{key}: {item}" for key, item in earlier.items())
        written = [f"    baseline: {{{inside}}}\n"]
    return "".join(lines[:at] + written + lines[stop:])


def _without_indicator(text: str, indicator: str) -> str:
    """The plan without ``indicator``'s block and the references to it."""
    lines = text.splitlines(keepends=True)
    start, end = _block(lines, indicator)
    kept = lines[:start] + lines[end:]
    kept = [line for line in kept if line.strip() != f"in_year_proxy: {indicator}"]
    text = "".join(kept)
    named = re.escape(indicator)
    return re.sub(rf"(?<=\[){named}, |, {named}(?=[,\]])", "", text)


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
        for indicator, targets in step.targets_before.items():
            text = _with_targets(text, indicator, targets)
        for indicator, value in step.baselines_before.items():
            text = _with_baseline(text, indicator, value)
    text = _without_later_entries(text, steps[number].day)
    for line in text.splitlines():
        if line.startswith("  last_refined: "):
            text = _replace_once(text, line, f"  last_refined: {steps[number].day}")
            break
    return text


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _check_baselines(text: str, day: str) -> None:
    """Stop if the plan of ``day`` gives a baseline for a period that had not begun.

    An indicator new to the plan since the history was written would otherwise
    appear in March 2025 with a baseline from years not yet started: the
    history must say when it was added, or the baseline it had before.
    """
    lines = text.splitlines(keepends=True)
    found = re.search(r"^  year_start: (\w+)$", text, re.MULTILINE)
    month = _MONTHS.index(found[1]) + 1 if found and found[1] in _MONTHS else 4
    for line in lines:
        if not line.startswith("  - id: "):
            continue
        indicator = line[len("  - id: ") :].strip()
        start, end = _block(lines, indicator)
        if not any(lines[n].startswith("    baseline:") for n in range(start, end)):
            continue
        at = _baseline_span(lines, indicator)[0]
        if lines[at].rstrip().endswith((">-", ">", "|", "|-")):
            continue  # a baseline in words
        period = _baseline_fields(lines, indicator)["period"]
        year = re.match(r"(\d{4})(/\d{2})?", period)
        if year is None:
            continue
        begins = f"{year[1]}-{month if year[2] else 1:02d}-01"
        if begins > day:
            raise SystemExit(
                f"build-history: in the plan of {day}, {indicator}'s baseline is for "
                f"{period}, which had not begun; say in HISTORIES when {indicator} was "
                "added (Step.added), or the baseline it had before (Step.baselines_before)"
            )


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
        _check_baselines(text, step.day)
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
