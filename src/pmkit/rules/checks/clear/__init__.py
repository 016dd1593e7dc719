"""Clear: building on an understanding of who will use the information and why.

Developing performance management in partnerships: a good framework is "clear,
building on an understanding of who will use the information and why", and the
outcomes it serves should be "stated as clearly as possible". Every indicator
should say exactly what is counted (and, for a rate or percentage, over what),
in what unit, and for whom the figure is produced.
"""
