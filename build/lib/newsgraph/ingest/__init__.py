"""Loaders, the spaCy pipeline and extraction: Article in, Extraction out; never writes a store."""
