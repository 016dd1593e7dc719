"""Partner returns: the blank return a partner fills in, importing it back, and who is missing."""
