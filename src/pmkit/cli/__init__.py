"""The command line: a thin adapter over the library. Each command is a few lines."""

from __future__ import annotations

import sys

from pmkit.cli import (
    baseline,
    comparators,
    export,
    history,
    init,
    plan_diff,
    portfolio,
    record,
    record_entries,
    returns,
    review,
    rules,
    schema,
    status,
    validate,
)
from pmkit.cli.app import app, debug

__all__ = [
    "app",
    "baseline",
    "comparators",
    "export",
    "history",
    "init",
    "main",
    "plan_diff",
    "portfolio",
    "record",
    "record_entries",
    "returns",
    "review",
    "rules",
    "schema",
    "status",
    "validate",
]


def main() -> None:
    """Run the ``pmkit`` command; a user never sees a traceback."""
    from pmkit.cli.encoding import make_streams_safe

    make_streams_safe()
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("pmkit: interrupted\n")
        sys.exit(130)
    except Exception as error:
        if debug():
            raise
        from pmkit.plaintext import visible

        sys.stderr.write(
            f"pmkit: internal error ({type(error).__name__}: {visible(str(error))}).\n"
            "This is a bug in pmkit: please report it, with PMKIT_DEBUG=1 set to show details.\n"
        )
        sys.exit(2)
