"""Regularly refined: the plan is revisited, not written once.

Developing performance management in partnerships: a good framework is
"regularly refined", and "following review and evaluation there may be a need
to revisit early stages of the process to ensure the right strategies, plans
and indicators are in place to support implementation". Performance management
"is an ongoing activity that runs through the full planning cycle": the plan
should be refined at least yearly, next year's targets set before the year
begins, and each change recorded.
"""
