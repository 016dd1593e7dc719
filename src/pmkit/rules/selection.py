"""Which rules run, how severe each is, and with what thresholds: from the plan's settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from pmkit.codes import UNKNOWN_SELECTOR, UNKNOWN_THRESHOLD, CheckGroup
from pmkit.findings import Finding, Pointer, Severity
from pmkit.rules.catalogue import catalogue, matches, specificity

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pmkit.model.settings import Settings
    from pmkit.rules.base import Rule


_ALWAYS_ON = tuple(group.prefix for group in CheckGroup)


@dataclass(slots=True)
class Selection:
    """The rules that run, each with its severity and thresholds, and any mistakes in settings."""

    rules: list[Rule]
    severity: dict[str, Severity]
    thresholds: dict[str, dict[str, Decimal]]
    problems: list[Finding] = field(default_factory=list)


def select_rules(
    settings: Settings,
    file: str,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> Selection:
    """Resolve the plan's settings (and any command-line choices) into a :class:`Selection`.

    Command-line ``select`` replaces the plan's own; command-line ``ignore``
    adds to it. Command-line selectors are checked by the command line
    (:func:`unknown_selectors`); mistakes in the plan's settings become findings.
    """
    problems: list[Finding] = []
    for index, selector in enumerate(settings.select):
        _check_selector(selector, ("settings", "select", index), file, problems)
    for index, selector in enumerate(settings.ignore):
        _check_selector(selector, ("settings", "ignore", index), file, problems)
    chosen_select = list(select) or settings.select

    rules = [
        rule
        for rule in catalogue()
        if (not chosen_select or any(matches(s, rule) for s in chosen_select))
        and not any(matches(s, rule) for s in [*settings.ignore, *ignore])
    ]
    severity = {rule.code: rule.severity for rule in catalogue()}
    for selector, level in sorted(settings.severity.items(), key=lambda item: specificity(item[0])):
        if _check_selector(selector, ("settings", "severity", selector), file, problems):
            for rule in catalogue():
                if matches(selector, rule):
                    severity[rule.code] = level

    thresholds = {rule.code: dict(rule.thresholds) for rule in catalogue()}
    known = {name for rule in catalogue() for name in rule.thresholds}
    for name, value in settings.thresholds.items():
        if name not in known:
            problems.append(
                Finding(
                    UNKNOWN_THRESHOLD,
                    f"no rule has a threshold called '{name}' "
                    f"(thresholds: {', '.join(sorted(known))})",
                    Severity.ERROR,
                    file,
                    ("settings", "thresholds", name),
                )
            )
            continue
        for values in thresholds.values():
            if name in values:
                values[name] = value
    return Selection(rules, severity, thresholds, problems)


def _check_selector(selector: str, pointer: Pointer, file: str, problems: list[Finding]) -> bool:
    """Whether ``selector`` picks any rule; if not, a finding says so."""
    if any(matches(selector, rule) for rule in catalogue()):
        return True
    if selector.strip().upper().startswith(_ALWAYS_ON):
        message = f"'{selector}' is a structural check, which cannot be switched off or changed"
    else:
        message = (
            f"'{selector}' is not a rule code, code prefix, rule name or group: "
            "'pmkit rules' lists them"
        )
    problems.append(Finding(UNKNOWN_SELECTOR, message, Severity.ERROR, file, pointer))
    return False


def unknown_selectors(selectors: Sequence[str]) -> list[str]:
    """The selectors that pick no rule at all."""
    return [s for s in selectors if not any(matches(s, rule) for rule in catalogue())]
