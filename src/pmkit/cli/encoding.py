"""Output that a console with a narrow code page can show.

A Windows console or log redirected with a legacy code page (cp1252, cp850)
cannot encode every character pmkit prints — the scorecard's ✓ and ✗, box
drawing, names with letters from other alphabets. Python would stop with a
UnicodeEncodeError half-way through; instead such a stream writes a ``?``
for what it cannot show, and everything else as usual.
"""

from __future__ import annotations

import codecs
import sys
from typing import TextIO

PROBE = "✓✗━"
"""Characters pmkit prints that a legacy code page lacks."""


def make_streams_safe() -> None:
    """Let standard output and error replace what their encoding cannot show."""
    for stream in (sys.stdout, sys.stderr):
        _make_safe(stream)


def _make_safe(stream: TextIO | None) -> None:
    encoding = getattr(stream, "encoding", None)
    reconfigure = getattr(stream, "reconfigure", None)
    if not encoding or reconfigure is None or _can_show(encoding):
        return
    if getattr(stream, "errors", "strict") == "strict":
        reconfigure(errors="replace")


def _can_show(encoding: str) -> bool:
    try:
        PROBE.encode(codecs.lookup(encoding).name)
    except (LookupError, UnicodeEncodeError):
        return False
    return True
