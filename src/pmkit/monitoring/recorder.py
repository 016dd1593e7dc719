"""Who is recording: given, from ``PMKIT_RECORDED_BY``, or git's ``user.email``."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime
from pathlib import Path

from pmkit.monitoring.workspace import Recorder

RECORDED_BY = "PMKIT_RECORDED_BY"


class NoRecorder(Exception):
    """Nobody can be named as recording the data (or the name given cannot be recorded)."""

    def __init__(self, why: str | None = None) -> None:
        super().__init__(
            why
            or "who is recording? Give --by NAME (a name, email or role), or set "
            f"{RECORDED_BY}, or git's user.email. It is committed with the data."
        )


def identify(
    by: str | None,
    plan: Path,
    *,
    source: str = "command line",
    at: datetime | None = None,
) -> Recorder:
    """Who records ``plan``'s data, now, from ``source``; :class:`NoRecorder` if nobody.

    ``by`` wins, then ``PMKIT_RECORDED_BY``, then git's ``user.email`` in the
    plan's folder. Runs of spaces are folded, so a name is written one way.
    """
    from pmkit.plaintext import control_problem

    who: str | None
    if by:
        given, who = "--by", by
    elif os.environ.get(RECORDED_BY):
        given, who = RECORDED_BY, os.environ.get(RECORDED_BY)
    else:
        given, who = "git's user.email", git_email(plan)
    if not who or not who.strip():
        raise NoRecorder
    problem = control_problem(who)
    if problem is not None:
        raise NoRecorder(f"{given} {problem}")
    return Recorder(" ".join(who.split()), at or datetime.now().astimezone(), source)


def git_email(plan: Path) -> str | None:
    """The ``user.email`` git gives in the plan's folder, or ``None`` (no git, or none set)."""
    folder = (plan if plan.is_dir() else plan.parent).resolve()
    try:
        found = subprocess.run(
            ["git", "config", "user.email"],
            cwd=folder,
            capture_output=True,
            encoding="utf-8",  # git stores config as UTF-8; Windows' locale may be another
            errors="replace",
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return found.stdout.strip() or None
