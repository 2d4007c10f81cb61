"""Claim extraction on invented sentences, and claims in the graph."""
