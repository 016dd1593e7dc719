"""Proportionate: cost effective to collect.

Developing performance management in partnerships: a good framework is
"proportionate and cost effective to collect. This is especially important in a
partnership situation where each partner will already have a system in place."
Each indicator should say what it costs to collect; no outcome should carry
more indicators than the board can act on; collection should cost a small share
of the resources the partnership manages; and figures a partner's own system
already holds should be drawn from it, not collected again.
"""
