"""Graph stores: the protocol every store meets, its backends, and the factory that opens one.

To add a backend, write a class that meets `GraphStore` (protocol.py) in a module of this
package and name it in `BACKENDS`; `NEWSGRAPH_GRAPH_STORE` then selects it.
"""

from __future__ import annotations

from pathlib import Path

from newsgraph.core.errors import GraphError
from newsgraph.graph.store.oxigraph import OxigraphBackend
from newsgraph.graph.store.protocol import GraphStore

# Backend name -> how to open one at a path.
BACKENDS = {"oxigraph": OxigraphBackend}


def open_store(path: Path, read_only: bool = False, backend: str = "oxigraph") -> GraphStore:
    """The graph store of kind `backend` in the folder `path`."""
    if backend not in BACKENDS:
        raise GraphError(f"no graph store backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    return BACKENDS[backend](path, read_only)


__all__ = ["BACKENDS", "GraphStore", "open_store"]
