"""Balanced: reflecting main aspects, including outcomes and the user's perspective.

Developing performance management in partnerships: a good framework is
"balanced, reflecting main aspects, including outcomes and the user's
perspective". It warns that partnerships "have generally focused their effort
on establishing how well the partnership itself is working without assessing
their achievement or the difference they are making", and asks that indicators
measure progress on floor targets, other national priority targets and locally
defined targets. A balanced set measures outcomes, not only inputs and
processes; hears from service users; shows what the partnership achieves; and
covers each kind of target.
"""
