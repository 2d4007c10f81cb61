"""The embedded backend: rdflib over a persistent Oxigraph store (oxrdflib)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result

from newsgraph.core.errors import GraphError, QueryError
from newsgraph.core.text import one_line
from newsgraph.graph.endpoint import PREFIX_IRIS, UNION_GRAPH, Reply, Wanted, evaluate
from newsgraph.graph.endpoint import Dataset as GraphDataset
from newsgraph.graph.vocab import PREFIXES


class OxigraphBackend:
    """A persistent Oxigraph store in a folder; one process may open it at a time."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        try:
            if read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            raise GraphError(f"cannot open the graph store at {path}: {exc}") from exc
        # rdflib reads the same store for queries that want rdflib terms and for export.
        self._dataset = Dataset(store=OxigraphStore(store=self._store), default_union=True)
        for prefix, namespace in PREFIXES.items():
            self._dataset.bind(prefix, namespace)
        self._generation = 0  # counts the updates, so readers of snapshots know when to renew

    @property
    def generation(self) -> int:
        """How many updates the store has had since it was opened."""
        return self._generation

    def query(self, sparql: str) -> Result:
        """Run a SPARQL query; syntax and evaluation errors become QueryError."""
        try:
            return self._dataset.query(sparql)
        except (SyntaxError, ValueError, OSError) as exc:
            raise QueryError(f"SPARQL query: {one_line(exc, 160)}") from exc

    def values(self, sparql: str) -> list[tuple[str | None, ...]]:
        """A SELECT query's rows as plain strings, straight from Oxigraph: reading thousands of
        rows through rdflib's terms costs more than the query itself."""
        try:
            solutions = self._store.query(sparql, prefixes=PREFIX_IRIS, use_default_graph_as_union=True)
            assert isinstance(solutions, ox.QuerySolutions), "values() runs SELECT queries"
            return [tuple(None if term is None else term.value for term in row) for row in solutions]
        except (SyntaxError, ValueError, OSError) as exc:
            raise QueryError(f"SPARQL query: {one_line(exc, 160)}") from exc

    def update(self, sparql: str) -> None:
        """Run a SPARQL update; Oxigraph applies it as one transaction."""
        if self.read_only:
            raise GraphError("the graph store is open read-only")
        try:
            # Straight to the store: rdflib's Dataset.update would first parse the text
            # with its own (pure Python) parser, about 100x slower on an article's data.
            self._dataset.store.update(
                sparql, initNs={}, initBindings={}, queryGraph=DATASET_DEFAULT_GRAPH_ID
            )
        except (SyntaxError, ValueError, OSError) as exc:
            raise GraphError(f"SPARQL update: {one_line(exc, 160)}") from exc
        finally:
            self._generation += 1

    def answer(self, sparql: str, wanted: Wanted, rows: int) -> Reply:
        """A researcher's query, as the endpoint's workers run it, on the live store."""
        try:
            return evaluate(self._store, sparql, GraphDataset(), wanted, rows)
        except QueryError as exc:
            refused = type(exc), str(exc)
        # Raised afresh, out of the handler: the error keeps no frame that holds the store
        # open after it is closed (a caller may keep the error, as a test runner does).
        raise refused[0](refused[1])

    def snapshot(self, target: Path) -> None:
        """A consistent read-only copy of the store in `target` (hard links where it can)."""
        try:
            self._store.backup(str(target))
        except OSError as exc:
            raise GraphError(f"cannot snapshot the graph store into {target}: {exc}") from exc

    def dump(
        self, output: IO[bytes], fmt: ox.RdfFormat, graph: str | None = None, union: bool = False
    ) -> bool:
        """Write one named graph, the union of them, or the whole dataset, from a consistent
        view of the store."""
        try:
            if union:
                triples = self._store.query(UNION_GRAPH, use_default_graph_as_union=True)
                assert isinstance(triples, ox.QueryTriples), "a CONSTRUCT gives triples"
                ox.serialize(triples, output, format=fmt, prefixes=PREFIX_IRIS)
                return True
            if graph is None:
                self._store.dump(output, format=fmt, prefixes=PREFIX_IRIS)
                return True
            name = ox.NamedNode(graph)
            if not self._store.contains_named_graph(name):
                return False
            self._store.dump(output, format=fmt, from_graph=name, prefixes=PREFIX_IRIS)
            return True
        except (ValueError, OSError) as exc:
            raise GraphError(f"cannot read the graph store: {one_line(exc, 160)}") from exc

    def dataset(self) -> Dataset:
        """The rdflib Dataset over the store."""
        return self._dataset

    def close(self) -> None:
        """Flush and release the store."""
        self._dataset.close()
        del self._store
        # rdflib keeps reference cycles to the store; the folder's lock is only released
        # when the Oxigraph handle is freed, so collect them now, not some time later.
        gc.collect()
