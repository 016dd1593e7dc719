"""The plan's own history, read from git: versions, diffs, and targets in force.

:mod:`~pmkit.plan_history.git` is the one module that runs git;
:mod:`~pmkit.plan_history.versions` reads the plan at a commit or date;
:mod:`~pmkit.plan_history.diff` (with :mod:`~pmkit.plan_history.diff_sections` and
:mod:`~pmkit.plan_history.change`)
compares two versions;
:mod:`~pmkit.plan_history.targets` answers what target was in force, and when
it was revised, for the review.
"""
