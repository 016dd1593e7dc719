"""The quarterly review of performance, and the annual review of the partnership itself."""
