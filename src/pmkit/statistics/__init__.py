"""Statistics for judging figures, all pure functions with no I/O.

- ``intervals``: confidence intervals for proportions (Wilson) and crude rates
  (exact Poisson, Byar's), as the public-health profiles calculate them;
- ``comparison``: a figure against a benchmark such as England, by whether the
  benchmark lies inside the figure's interval;
- ``spc``: XmR charts, special-cause rules, variation and assurance, as NHS
  England's *Making Data Count* reads them;
- ``comparators``: comparator figures from the profiles' data download.
"""
