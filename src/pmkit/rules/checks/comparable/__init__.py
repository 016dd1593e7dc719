"""Comparable: over time and, where possible, with other organisations.

Developing performance management in partnerships: a good framework is
"comparable over time and where possible with other organisation[s]". A figure
means little on its own: set against a baseline it shows the direction of
travel, and set against national, regional or similar areas' figures it shows
whether the partnership is doing well. Comparison over time needs a baseline
from before the targets start and a series that is not silently broken when the
definition changes.
"""
