"""Comparator figures from a national data download, written into the plan."""
