"""Loading YAML files: text in, plain data and positions out; problems as values."""

from __future__ import annotations

from pmkit.load.document import Document, load_document
from pmkit.load.problems import LoadProblem

__all__ = ["Document", "LoadProblem", "load_document"]
