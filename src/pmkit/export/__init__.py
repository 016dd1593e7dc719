"""The plan and its recorded figures as tidy tables: CSV, JSON Lines and a Data Package.

Building the tables (:mod:`pmkit.export.tables`) is kept apart from writing
them (:mod:`pmkit.export.formats`); the columns of every table are declared
once, in :mod:`pmkit.export.columns`, and documented in ``docs/export.md``.
"""
