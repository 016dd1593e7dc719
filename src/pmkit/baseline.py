"""Baselines: adopt pmkit on an existing plan by hiding the findings it already has.

A baseline file records each finding by file, code and identity in the plan
(``indicators[CS-01].owner``), never by line, so a baselined finding stays
hidden when lines above it move, and a new one of the same kind still shows.
"""

from __future__ import annotations

import json
import stat
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmkit.outputs import OutputError, write_output

if TYPE_CHECKING:
    from pmkit.findings import Finding
    from pmkit.validate import ValidationResult

BASELINE_VERSION = 1
DEFAULT_BASELINE = Path(".pmkit-baseline.json")

Identity = tuple[str, str, str]


class BaselineError(Exception):
    """A baseline file that cannot be read or written."""


def identity(finding: Finding) -> Identity:
    """What a finding is, independent of where its lines are."""
    return (Path(finding.file).as_posix(), finding.code, finding.key or finding.where)


def write_baseline(result: ValidationResult, path: Path) -> int:
    """Record every finding that can be baselined in ``path``; return how many.

    Unreadable files are not recorded: they must be fixed, not hidden.
    """
    entries = sorted(
        (
            {"file": file, "code": code, "key": key, "message": finding.message}
            for finding in result.findings
            if not finding.fatal
            for file, code, key in [identity(finding)]
        ),
        key=lambda entry: (entry["file"], entry["code"], entry["key"], entry["message"]),
    )
    text = json.dumps({"pmkit_baseline": BASELINE_VERSION, "findings": entries}, indent=2)
    try:
        write_output(path, text + "\n")
    except OutputError as error:
        raise BaselineError(str(error)) from None
    return len(entries)


def read_baseline(path: Path) -> Counter[Identity]:
    """The findings recorded in ``path``, counted (the same identity may occur twice)."""
    try:
        if path.exists() and not stat.S_ISREG(path.stat().st_mode):
            # A FIFO would hang the read: a baseline is a file pmkit wrote.
            raise BaselineError(f"{path} is not a regular file: give the baseline's JSON file")
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"no baseline file {path}: write one with 'pmkit baseline'") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"cannot read the baseline {path}: {error}") from None
    if not isinstance(data, dict) or data.get("pmkit_baseline") != BASELINE_VERSION:
        raise BaselineError(f"{path} is not a pmkit baseline (version {BASELINE_VERSION})")
    entries = data.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and all(isinstance(e.get(k), str) for k in ("file", "code", "key"))
        for e in entries
    ):
        raise BaselineError(f"{path} is damaged: each finding needs a file, code and key")
    return Counter((entry["file"], entry["code"], entry["key"]) for entry in entries)


def apply_baseline(result: ValidationResult, known: Counter[Identity]) -> ValidationResult:
    """The result without the findings the baseline records (each as many times as recorded)."""
    remaining = Counter(known)
    files = []
    for file in result.files:
        kept = []
        for finding in file.findings:
            found = identity(finding)
            if not finding.fatal and remaining[found] > 0:
                remaining[found] -= 1
                continue
            kept.append(finding)
        files.append(replace(file, findings=kept))
    return replace(result, files=files)
