"""The service: the facade over store, indexes and models, its journal, the ingest queue and the watchers."""
