"""Shared types, settings and errors; imports nothing else of Newsgraph."""
