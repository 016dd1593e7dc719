"""Building blocks for the rules' bad and good examples, so each stays a few lines long."""

from __future__ import annotations

HEAD = """\
format_version: 1
partnership: {name: Northbridge Community Safety Partnership}
"""
"""The two keys every example plan starts with."""

PARTNERS = """\
partners:
  - {id: council, name: Northbridge District Council, kind: local_authority}
  - {id: police, name: Northshire Police, kind: police}
"""
"""Two partners to refer to."""

OUTCOMES = """\
vision:
  outcomes:
    - {id: O1, title: People are safer in their neighbourhoods}
"""
"""One outcome to refer to."""


def example(*parts: str) -> str:
    """An example plan: the head, then each part in order."""
    return HEAD + "".join(parts)
