"""Escaping text for the formats that carry it: GitHub workflow commands and Markdown."""

from __future__ import annotations

from pmkit.plaintext import visible


def command_data(text: str) -> str:
    """Escape the message part of a workflow command (``::error ...::MESSAGE``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def command_property(text: str) -> str:
    """Escape a property value of a workflow command (``file=...,title=...``)."""
    return command_data(text).replace(":", "%3A").replace(",", "%2C")


def markdown_cell(text: str) -> str:
    """Text that stays inside one Markdown table cell and cannot add markup or HTML."""
    flat = visible(" ".join(text.split()))
    for char, escaped in (
        ("\\", "\\\\"),
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("|", "\\|"),
        ("`", "\\`"),
        ("*", "\\*"),
        ("_", "\\_"),
        ("[", "\\["),
        ("]", "\\]"),
    ):
        flat = flat.replace(char, escaped)
    return flat
