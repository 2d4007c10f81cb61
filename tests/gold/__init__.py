"""Scores against the hand-annotated gold in corpus/gold."""
