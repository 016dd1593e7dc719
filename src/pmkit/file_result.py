"""What checking one file found: the piece plan and monitoring checks both fill in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pmkit.findings import Finding

if TYPE_CHECKING:
    from pmkit.rules.scorecard import CriterionScore


@dataclass(slots=True)
class FileResult:
    """What was found in one file, and how the plan scores against each criterion.

    The scorecard is ``None`` when the rules could not run: the file was
    unreadable, or its structure has errors to fix first.
    """

    file: str
    findings: list[Finding] = field(default_factory=list)
    scorecard: list[CriterionScore] | None = None
    rules: tuple[str, ...] = ()
    """The codes of the framework rules that ran on the file."""

    @property
    def unreadable(self) -> bool:
        """Whether the file could not be read or parsed at all."""
        return any(finding.fatal for finding in self.findings)
