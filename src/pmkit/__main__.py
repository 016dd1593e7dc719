"""``python -m pmkit``."""

from __future__ import annotations

from pmkit.cli import main

# Guarded: where worker processes are spawned (Windows, macOS) they import this module again.
if __name__ == "__main__":
    main()
