"""Every finding code in Markdown, generated from the registry of codes (``docs/rules.md``)."""

from __future__ import annotations

from pmkit.code_registry import CodeEntry, registry
from pmkit.codes import CheckGroup
from pmkit.rules.base import Criterion, Rule

_INTRO = """\
# Rules reference

Generated from the registry of finding codes by `pmkit rules --format markdown`;
do not edit by hand.

Every rule serves one or more of the criteria of *Developing performance
management in partnerships*, the framework pmkit checks plans against, and the
quotations below are from it. A rule's code starts with the three letters of
its group. Severities are defaults: a plan's `settings` can change them, switch
rules off, or change thresholds (see the README).

The checks that read the file (`YML`), the plan's structure (`STR`) and the
monitoring files (`MON`) are listed [after the rules](#checks-that-cannot-be-switched-off):
they are always errors and cannot be switched off.
"""

_FIXED_INTRO = """\
## Checks that cannot be switched off

These run before the framework rules, which need a plan they can read. Each is
an error, whatever the plan's settings say. A file that cannot be read (`YML`)
stops there, and exits 2; structural problems (`STR`) stop the rules until they
are fixed; `MON` findings are about the files in the plan's `monitoring/` folder.
"""


def reference_markdown() -> str:
    """The whole reference: the rules, then the checks that cannot be switched off."""
    entries = registry()
    rules = [entry for entry in entries if entry.rule is not None]
    fixed = [entry for entry in entries if entry.rule is None]
    lines = [_INTRO, *_table(rules, criteria=True)]
    for criterion in Criterion:
        group = [entry for entry in rules if entry.group == criterion.value]
        if group:
            lines.append(f"\n## {criterion.heading} ({criterion.prefix})\n")
            for entry in group:
                if entry.rule is not None:
                    lines.extend(_rule_section(entry.rule))
    lines.extend([_FIXED_INTRO, *_table(fixed, criteria=False)])
    for check_group in CheckGroup:
        lines.append(f"\n## {check_group.heading} ({check_group.prefix})\n")
        for entry in fixed:
            if entry.group == check_group.value:
                lines.extend(
                    [
                        f"### {entry.code}\n",
                        f"`{entry.name}` · {entry.heading} · always **error**",
                        "",
                        entry.summary,
                        "",
                        entry.explanation,
                        "",
                    ]
                )
    return "\n".join(lines).rstrip("\n") + "\n"


def _table(entries: list[CodeEntry], *, criteria: bool) -> list[str]:
    if criteria:
        head = ["| Code | Name | Criteria | Severity | Summary |", "|---|---|---|---|---|"]
        return head + [
            f"| [{e.code}](#{e.code.lower()}) | `{e.name}` | {', '.join(e.criteria)} | "
            f"{e.severity.value} | {e.summary} |"
            for e in entries
        ]
    head = ["| Code | Name | Checks | Summary |", "|---|---|---|---|"]
    return head + [
        f"| [{e.code}](#{e.code.lower()}) | `{e.name}` | {e.heading} | {e.summary} |"
        for e in entries
    ]


def _rule_section(rule: Rule) -> list[str]:
    lines = [
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
    return lines
