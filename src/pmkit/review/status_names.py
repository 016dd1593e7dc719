"""Statuses by the words the reports use: ``off-target``, ``near-target``, ``no-data``.

The review calls a status "Off target", "Near target" and so on; options such
as ``--fail-on`` take the same words, hyphenated, and the RAG colours
(``red``, ``amber``, ``green``) as aliases.
"""

from __future__ import annotations

from pmkit.review.result import Rag

__all__ = ["StatusNameError", "status_name", "status_named"]


class StatusNameError(ValueError):
    """A word that names no status; the message lists those that do."""


def status_name(status: Rag) -> str:
    """The status as one word for the command line: ``off-target``, ``no-data``."""
    return status.words.lower().replace(" ", "-")


def status_named(text: str) -> Rag:
    """The status ``text`` names: ``off-target`` (or ``off target``), or its colour ``red``."""
    wanted = "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
    for status in Rag:
        if wanted in (status_name(status), status.value.replace("_", "-")):
            return status
    names = ", ".join(status_name(status) for status in Rag)
    raise StatusNameError(f"'{text}' is not a status: give one of {names} (or red, amber, green)")
