"""Judgement: what the figures mean, computed once and shared by every output.

Pure functions over the plan and recorded figures, with no I/O: the target
for any period, when a figure falls due, a figure's status, its direction of
travel, and the forecast to the year end. The review (in every format),
``pmkit status``, partners' returns and the warnings given when a figure is
recorded or imported all call these, so they cannot disagree. Each method is
explained, with a worked example, in ``docs/methodology.md``.
"""
