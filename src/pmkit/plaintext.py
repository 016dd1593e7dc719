r"""Text that stays text: control and bidirectional-override characters, refused or shown.

A terminal obeys an escape sequence (ESC ``[2J`` clears the screen, OSC 8
adds a link, OSC 52 writes the clipboard), and a right-to-left override
reorders what a reader sees, so a partner's name or a commentary could make
pmkit's output lie. pmkit refuses these characters where text is recorded
(``--by``, commentary, reasons, remedial actions, cells of a return) and,
where text that is already in a file is printed, shows each one visibly
instead: ``\x1b`` for a control character, ``<U+202E>`` for an override.
"""

from __future__ import annotations

import re

# C0 controls and DEL and the C1 controls; tab and line feed are kept apart,
# as each caller says whether they are allowed.
_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
# Embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069).
_BIDI = r"\u202a-\u202e\u2066-\u2069"

_UNSAFE_IN_LINE = re.compile(f"[{_CONTROLS}{_BIDI}\\t\\n]")
_UNSAFE_IN_BLOCK = re.compile(f"[{_CONTROLS}{_BIDI}]")


def _shown(char: str) -> str:
    code = ord(char)
    if char == "\t":
        return "\\t"
    if char == "\n":
        return "\\n"
    if char == "\r":
        return "\\r"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def visible(text: str, *, lines: bool = False) -> str:
    """``text`` with every control and override character written out, on one line.

    With ``lines``, line feeds and tabs are kept, for text shown as a block.
    """
    pattern = _UNSAFE_IN_BLOCK if lines else _UNSAFE_IN_LINE
    return pattern.sub(lambda found: _shown(found.group()), text)


_RAW_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI}]")


def json_text(text: str) -> str:
    r"""JSON text with DEL, the C1 controls and the overrides written as ``\uXXXX`` escapes.

    JSON escapes C0 controls itself; these it would leave raw. The data a
    tool reads back is unchanged; only a person viewing the file sees escapes.
    """
    return _RAW_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def control_problem(text: str, *, lines: bool = False) -> str | None:
    """What is wrong with ``text`` as recorded text, or ``None`` when it is plain text.

    Tab is allowed; line feeds only with ``lines`` (a commentary may have paragraphs).
    """
    pattern = _UNSAFE_IN_BLOCK if lines else _UNSAFE_IN_LINE
    if lines:
        # A cell of several lines may end them as Windows does.
        text = text.replace("\r\n", "\n")
    found = pattern.search(text.replace("\t", " "))
    if found is None:
        return None
    char = found.group()
    kind = (
        "the right-to-left or embedding override"
        if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069"
        else "the line break"
        if char == "\n"
        else "the control character"
    )
    return f"contains {kind} U+{ord(char):04X}: write it as plain text"
