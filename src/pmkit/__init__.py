"""pmkit: performance management for partnerships.

Keep a partnership's plan as version-controlled YAML, lint it against the
framework, record monitoring data safely and render the quarterly review.
"""

from __future__ import annotations

__version__ = "0.1.0"
