"""Unit tests: pure functions, parsers, loaders and scoring; no models, store, server or subprocess."""
