"""``python -m pmkit``."""

from __future__ import annotations

from pmkit.cli import main

main()
