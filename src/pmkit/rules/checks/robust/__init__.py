"""Robust: figures the partnership can rely on.

Developing performance management in partnerships asks that a good framework be
"robust", and quotes the Audit Commission: "performance measurement is the
essential foundation on which performance management can be built". A
foundation has to bear weight: each figure should come from a named source and
be checked, data one partner supplies to another should move under an agreed
sharing arrangement, and baselines and targets should be figures the unit can
hold, set in the direction of improvement.
"""
