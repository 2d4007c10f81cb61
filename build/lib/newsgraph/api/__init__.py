"""The edges: the `newsgraph` CLI (and, later, the HTTP API and web UI)."""
