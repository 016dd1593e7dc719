"""Monitoring data: figures, action progress, resources, remedial actions and self-assessment.

Kept beside the plan in ``monitoring/``, one file per period, and written only
through safe, atomic, locked writes that keep what people wrote by hand.
"""
