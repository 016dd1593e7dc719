"""Timely: information in time to act on it.

Developing performance management in partnerships: a good framework is
"timely", and review should be undertaken "regularly, ideally quarterly, to
allow remedial action to be taken if all is not according to plan". A figure
that arrives less often than the board reviews, or long after the period it
describes, cannot prompt remedial action in time unless a more timely proxy
stands in for it; and a year with no target gives the board nothing to judge
this year's figures against.
"""
