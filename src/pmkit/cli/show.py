r"""Printing text from plans, records, returns, options and paths: always as text.

Rich reads ``[bold]`` in a string as markup and ``:smile:`` as an emoji, so a
partner named ``[/x] Council`` would stop a command. Every console here has
markup and emoji off, and every value passes through
:func:`pmkit.plaintext.visible`, so control characters show as ``\x1b``.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from pmkit.plaintext import visible


def console(*, stderr: bool = False) -> Console:
    """A console that prints strings as they are: no markup, no emoji, no highlighting."""
    return Console(stderr=stderr, highlight=False, markup=False, emoji=False)


def plain(value: object, style: str = "") -> Text:
    """``value`` as literal text, each control or override character shown visibly."""
    return Text(visible(str(value)), style=style)
