"""One module per rule (or per small family of rules). Each module defines Rule objects."""
