"""The readable name and summary of any finding code: a framework rule or a structural check."""

from __future__ import annotations


def check_name(code: str) -> str:
    """``indicator-without-owner`` for ACC001, ``unknown-key`` for STR002."""
    return describe(code)[0]


def describe(code: str) -> tuple[str, str]:
    """The code's name and one-sentence summary."""
    from pmkit.rules.catalogue import by_code
    from pmkit.structure.codes import STRUCTURAL_CHECKS

    if code in STRUCTURAL_CHECKS:
        return STRUCTURAL_CHECKS[code]
    rule = by_code(code)
    if rule is not None:
        return rule.name, rule.summary
    return code.lower(), code
