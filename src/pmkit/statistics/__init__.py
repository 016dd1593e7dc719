"""Statistics for judging figures: confidence intervals, comparison with a benchmark, SPC."""
