"""A plan diff as text, Markdown, JSON, or GitHub workflow notices.

The registry is a plain dict; each renderer writes one
:class:`~pmkit.plan_history.diff.PlanDiff` to a text stream.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from pmkit.plan_history.diff import SECTIONS, PlanDiff
from pmkit.report.escape import command_data, markdown_cell

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pmkit.model.partnership import ChangeLogEntry
    from pmkit.plan_history.targets import TimelineEntry

DiffRenderer = Callable[[PlanDiff, TextIO], None]


def _heading(diff: PlanDiff) -> str:
    count = len(diff.changes)
    return f"Changes to the plan from {diff.old} to {diff.new}: {count} change{_s(count)}"


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _entry(entry: ChangeLogEntry) -> str:
    by = f" ({entry.by})" if entry.by else ""
    return f"{entry.date.isoformat()}: {' '.join(entry.change.split())}{by}"


def write_text(diff: PlanDiff, out: TextIO) -> None:
    """The diff for a person at a terminal, section by section."""
    out.write(_heading(diff) + "\n")
    for section, title in SECTIONS.items():
        changes = diff.in_section(section)
        if changes:
            out.write(f"\n{title}\n")
            out.writelines(f"  {change.message}\n" for change in changes)
    if diff.change_log:
        out.write("\nChange log entries made in between\n")
        out.writelines(f"  {_entry(entry)}\n" for entry in diff.change_log)
    eased = diff.less_ambitious
    if eased:
        out.write(f"\n{len(eased)} target{_s(len(eased))} made less ambitious.\n")


def markdown(diff: PlanDiff) -> str:
    """The diff as Markdown, for a pull request or a job summary."""
    lines = [f"## {markdown_cell(_heading(diff))}"]
    for section, title in SECTIONS.items():
        changes = diff.in_section(section)
        if changes:
            lines += ["", f"### {title}", ""]
            lines += [f"- {markdown_cell(change.message)}" for change in changes]
    if diff.change_log:
        lines += ["", "### Change log entries made in between", ""]
        lines += [f"- {markdown_cell(_entry(entry))}" for entry in diff.change_log]
    return "\n".join(lines) + "\n"


def write_markdown(diff: PlanDiff, out: TextIO) -> None:
    """The diff as Markdown."""
    out.write(markdown(diff))


def diff_json(diff: PlanDiff) -> dict[str, Any]:
    """The diff as a JSON-ready dict."""
    from pmkit import __version__

    return {
        "pmkit": __version__,
        "old": diff.old,
        "new": diff.new,
        "changes": [
            {
                "section": change.section,
                "kind": change.kind,
                "subject": change.subject,
                "period": change.period,
                "old": change.old,
                "new": change.new,
                "less_ambitious": change.less_ambitious,
                "message": change.message,
            }
            for change in diff.changes
        ],
        "change_log": [
            {"date": entry.date.isoformat(), "change": entry.change, "by": entry.by}
            for entry in diff.change_log
        ],
        "summary": {"changes": len(diff.changes), "less_ambitious": len(diff.less_ambitious)},
    }


def write_json(diff: PlanDiff, out: TextIO) -> None:
    """The diff as JSON, for tools and dashboards."""
    json.dump(diff_json(diff), out, indent=2, ensure_ascii=False)
    out.write("\n")


def write_github(diff: PlanDiff, out: TextIO) -> None:
    """A workflow notice per change (a warning for a less ambitious target)."""
    for change in diff.changes:
        level = "warning" if change.less_ambitious else "notice"
        out.write(f"::{level} title=pmkit diff::{command_data(change.message)}\n")


def write_timeline(
    indicator: str, entries: Sequence[TimelineEntry], out: TextIO, *, as_json: bool = False
) -> None:
    """One indicator's targets and definition across the commits that changed them."""
    if as_json:
        json.dump(
            {
                "indicator": indicator,
                "timeline": [
                    {
                        "date": entry.day.isoformat(),
                        "commit": entry.commit,
                        "author": entry.author,
                        "changes": [change.message for change in entry.changes],
                        "change_log": None
                        if entry.explanation is None
                        else {
                            "date": entry.explanation.date.isoformat(),
                            "change": entry.explanation.change,
                            "by": entry.explanation.by,
                        },
                    }
                    for entry in entries
                ],
            },
            out,
            indent=2,
            ensure_ascii=False,
        )
        out.write("\n")
        return
    out.write(f"History of {indicator} in the plan\n")
    if not entries:
        out.write("  no committed change\n")
    for entry in entries:
        out.write(f"\n{entry.day.isoformat()}  {entry.commit[:7]}  {entry.author}\n")
        out.writelines(f"  {change.message}\n" for change in entry.changes)
        if entry.explanation is not None:
            out.write(f"  change log: {_entry(entry.explanation)}\n")
        elif any(change.kind == "revised" for change in entry.changes):
            out.write("  change log: no entry names this indicator\n")


DIFF_FORMATS: dict[str, DiffRenderer] = {
    "text": write_text,
    "markdown": write_markdown,
    "json": write_json,
    "github": write_github,
}
"""Each format of ``pmkit diff`` and its renderer."""
