"""Complete action plans: the framework's nine elements, for every action.

The framework (step 5, "Develop action plans") lists "the key elements to be
incorporated in an action plan": a description; the aim or objective it
addresses; the current situation or baseline; its outputs; its outcomes; its
timescales; which partners lead, who else is involved and how they will
communicate; the resources allocated and from whom; and how it will be
monitored and evaluated. The lead (element 7) is checked by ACC002 and the
resources (element 8) by RES003; the rules here check the rest, and that the
timescales hang together.
"""
