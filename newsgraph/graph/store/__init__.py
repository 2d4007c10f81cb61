"""Graph stores: the protocol every store meets, its backends, and the factory that opens one.

To add a backend, write a class that meets `GraphStore` (protocol.py) in a module of this
package and name it in `BACKENDS`; `NEWSGRAPH_GRAPH_STORE` then selects it. A remote
SPARQL 1.1 store (remote.py) is selected by its URL instead (`NEWSGRAPH_GRAPH_URL`).
"""

from __future__ import annotations

from pathlib import Path

from newsgraph.core.errors import GraphError
from newsgraph.core.settings import Settings
from newsgraph.graph.store.oxigraph import OxigraphBackend
from newsgraph.graph.store.protocol import GraphStore
from newsgraph.graph.store.remote import RemoteSparqlBackend

# Backend name -> how to open one at a path.
BACKENDS = {"oxigraph": OxigraphBackend}


def open_store(path: Path, read_only: bool = False, backend: str = "oxigraph") -> GraphStore:
    """The graph store of kind `backend` in the folder `path`."""
    if backend not in BACKENDS:
        raise GraphError(f"no graph store backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    return BACKENDS[backend](path, read_only)


def open_configured(settings: Settings, read_only: bool) -> GraphStore:
    """The remote store the settings name by URL, else the embedded one under the store folder."""
    if settings.graph_url:
        return RemoteSparqlBackend(
            settings.graph_url,
            read_only,
            settings.graph_query_url,
            settings.graph_update_url,
            settings.graph_store_url,
            settings.graph_timeout,
        )
    return open_store(settings.store / "graph", read_only, settings.graph_store)


__all__ = ["BACKENDS", "GraphStore", "RemoteSparqlBackend", "open_configured", "open_store"]
