"""Actionable: information the recipient can act on.

The framework: "Rather than questions being asked because it is nice to know the
answer, the determining factor should be 'what action could the recipient of
the information take on the basis of the information'". Every indicator
should inform a decision, a figure with a target should say how far off
target it may drift before "remedial action" is taken, and a figure with no
target should say why it is reported at all.
"""
