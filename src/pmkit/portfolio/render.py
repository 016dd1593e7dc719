"""The portfolio as Markdown, self-contained HTML or JSON: one registry of formats.

Every plan is a row; a plan that could not be reviewed is a row saying why.
Status is shown in words and by symbol, never by colour alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

from pmkit.judgement.status import Rag
from pmkit.report.escape import markdown_cell
from pmkit.review.numbers import number
from pmkit.review.render import plain

if TYPE_CHECKING:
    from pmkit.portfolio.compare import PortfolioResult
    from pmkit.portfolio.summary import PlanSummary

FRAMEWORK = "Developing performance management in partnerships"


def _name(plan: PlanSummary) -> str:
    return plan.partnership or plan.source


def _cell(result: PortfolioResult, row: int, national_id: str) -> str:
    """A plan's status and figure for an indicator, and its placing where ranked."""
    figure = result.figure(row, national_id)
    if figure is None:
        return ""
    status = Rag(figure.status)
    shown = "<small number" if figure.suppressed else number(figure.value)
    text = f"{status.symbol} {status.words}: {shown}"
    placing = next(
        (s.placings.get(row) for s in result.indicators if s.national_id == national_id), None
    )
    if placing is not None:
        text += f" (rank {placing.rank} of {placing.peers}, quartile {placing.quartile})"
    return text


def _headings(result: PortfolioResult) -> list[str]:
    found: list[str] = []
    for plan in result.plans:
        for criterion in plan.criteria:
            if criterion.heading not in found:
                found.append(criterion.heading)
    return found


def _criterion(plan: PlanSummary, heading: str) -> str:
    score = next((c for c in plan.criteria if c.heading == heading), None)
    if score is None:
        return ""
    return (
        f"✓ met ({score.passed}/{score.rules})"
        if score.met
        else (f"✗ not met ({score.passed}/{score.rules})")
    )


def _sections(result: PortfolioResult) -> list[tuple[str, list[str], list[list[str]], list[str]]]:
    """Each section: heading, column headings, rows, notes beneath."""
    plans = result.plans
    overview = [
        [
            _name(plan),
            plan.period or "",
            plan.problem or f"{plan.errors} errors, {plan.warnings} warnings",
            ", ".join(f"{Rag(k).words.lower()} {v}" for k, v in sorted(plan.statuses.items())),
        ]
        for plan in plans
    ]
    shared = result.indicators
    table = [
        [_name(plan)] + [_cell(result, row, s.national_id) for s in shared]
        for row, plan in enumerate(plans)
        if plan.problem is None
    ]
    notes = [
        f"{s.national_id} ({s.title}, {s.unit or 'units differ'}): "
        + (s.not_ranked or f"ranked among {len(s.placings)} peers")
        for s in shared
    ]
    headings = _headings(result)
    scorecard = [
        [_name(plan)] + [_criterion(plan, heading) for heading in headings]
        for plan in plans
        if plan.problem is None
    ]
    return [
        ("Plans", ["Partnership", "Quarter", "Validation", "Statuses"], overview, []),
        (
            "Shared indicators",
            ["Partnership"] + [s.national_id for s in shared],
            table,
            notes,
        ),
        (f"Criteria of {FRAMEWORK}", ["Partnership", *headings], scorecard, []),
    ]


def _intro(result: PortfolioResult) -> str:
    quarter = result.period or "the latest quarter ended"
    return (
        f"{len(result.plans)} plans reviewed for {quarter} as of {result.as_of}"
        + (f"; {result.unusable} could not be reviewed" if result.unusable else "")
        + "."
    )


def to_markdown(result: PortfolioResult) -> str:
    """The portfolio as Markdown tables."""
    lines = ["# Portfolio", "", _intro(result), ""]
    for heading, columns, rows, notes in _sections(result):
        lines += [f"## {markdown_cell(heading)}", ""]
        if len(columns) < 2 or not rows:
            lines += ["None.", ""]
            continue
        lines.append("| " + " | ".join(markdown_cell(c) for c in columns) + " |")
        lines.append("|" + "---|" * len(columns))
        lines += ["| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in rows]
        lines.append("")
        lines += [f"- {markdown_cell(note)}" for note in notes]
        if notes:
            lines.append("")
    return "\n".join(lines)


def to_html(result: PortfolioResult) -> str:
    """The portfolio as one self-contained HTML page."""
    parts = [
        "<!doctype html>",
        '<html lang="en-GB"><head><meta charset="utf-8"><title>Portfolio</title>',
        "<style>body{font-family:system-ui,sans-serif;margin:2rem}"
        "table{border-collapse:collapse;margin-bottom:1rem}"
        "th,td{border:1px solid #b1b4b6;padding:.3rem .5rem;text-align:left}</style>",
        "</head><body>",
        "<h1>Portfolio</h1>",
        f"<p>{escape(_intro(result))}</p>",
    ]
    for heading, columns, rows, notes in _sections(result):
        parts.append(f"<h2>{escape(heading)}</h2>")
        if len(columns) < 2 or not rows:
            parts.append("<p>None.</p>")
            continue
        parts.append("<table><thead><tr>")
        parts += [f'<th scope="col">{escape(c)}</th>' for c in columns]
        parts.append("</tr></thead><tbody>")
        for row in rows:
            parts.append(
                f'<tr><th scope="row">{escape(row[0])}</th>'
                + "".join(f"<td>{escape(c)}</td>" for c in row[1:])
                + "</tr>"
            )
        parts.append("</tbody></table>")
        if notes:
            parts.append("<ul>" + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def to_json(result: PortfolioResult) -> str:
    """The portfolio as indented JSON, for dashboards and other tools."""
    data: Any = plain(result)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[PortfolioResult], str]] = {
    "md": to_markdown,
    "html": to_html,
    "json": to_json,
}
"""Each output format of the portfolio and its renderer."""
