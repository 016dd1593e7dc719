"""The rules reference in Markdown, generated from the catalogue (``docs/rules.md``)."""

from __future__ import annotations

from pmkit.rules.base import Criterion
from pmkit.rules.catalogue import catalogue

_INTRO = """\
# Rules reference

Generated from the rule catalogue by `pmkit rules --format markdown`; do not edit by hand.

Every rule serves one or more of the framework's criteria. Its code starts with
the three letters of its group. Severities are defaults: a plan's `settings`
can change them, switch rules off, or change thresholds (see the README).
Structural checks (`STR`, `YML`) and monitoring-file checks (`MON`) cannot be
switched off.
"""


def reference_markdown() -> str:
    """The whole reference: a table of contents, then one section per rule."""
    rules = catalogue()
    lines = [_INTRO, "| Code | Name | Criteria | Severity | Summary |", "|---|---|---|---|---|"]
    lines.extend(
        f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | "
        f"{', '.join(c.heading for c in r.criteria)} | {r.severity.value} | {r.summary} |"
        for r in rules
    )
    for criterion in Criterion:
        group = [rule for rule in rules if rule.group is criterion]
        if not group:
            continue
        lines.append(f"\n## {criterion.heading} ({criterion.prefix})\n")
        for rule in group:
            lines.extend(
                [
                    f"### {rule.code}\n",
                    f"`{rule.name}` · {', '.join(c.heading for c in rule.criteria)} · "
                    f"default severity **{rule.severity.value}**"
                    + (" · reads today's date (`--as-of`)" if rule.uses_today else ""),
                    "",
                    rule.summary,
                    "",
                    rule.rationale,
                    "",
                ]
            )
            if rule.thresholds:
                settings = ", ".join(f"`{k}` (default {v})" for k, v in rule.thresholds.items())
                lines.extend([f"Thresholds: {settings}.", ""])
            lines.extend(
                [
                    "Anti-pattern:",
                    "",
                    "```yaml",
                    rule.bad.rstrip("\n"),
                    "```",
                    "",
                    "Best practice:",
                    "",
                    "```yaml",
                    rule.good.rstrip("\n"),
                    "```",
                    "",
                ]
            )
    return "\n".join(lines).rstrip("\n") + "\n"
