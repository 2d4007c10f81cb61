"""Integration tests: the real store and models, in-process."""
