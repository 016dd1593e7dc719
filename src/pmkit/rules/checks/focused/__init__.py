"""Focused: on the core objectives of the partnership.

Developing performance management in partnerships: a good framework is "focused
on the core objectives of the partnership", with a joint vision "clearly
focussing on the priorities for the partnership". Every measure and action
should trace to an outcome, every outcome should be measured, and priorities
should be few enough that resources are not "spread too thinly".
"""
