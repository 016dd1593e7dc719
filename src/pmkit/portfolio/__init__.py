"""Many partnerships' plans side by side: every plan validated and reviewed for one quarter.

:mod:`pmkit.portfolio.summary` reviews one plan into a small, picklable
summary (in a worker process when there are many); :mod:`pmkit.portfolio.compare`
lines the summaries up by the indicators' ``national_id`` and ranks peers
where that is fair; :mod:`pmkit.portfolio.render` writes the result.
"""
