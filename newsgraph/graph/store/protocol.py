"""The graph store protocol: a SPARQL 1.1 query and update surface over named graphs."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Protocol

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.query import Result

from newsgraph.graph.endpoint import Reply, Wanted


class GraphStore(Protocol):
    """A quad store Newsgraph can read and write with SPARQL 1.1.

    The default graph of a query is the union of all named graphs. The researchers'
    endpoint reads consistent snapshots of it (`snapshot`), taken again only when
    `generation` says the store changed.
    """

    path: Path
    read_only: bool

    @property
    def generation(self) -> int:
        """A number that changes whenever the store does."""
        ...

    def query(self, sparql: str) -> Result:
        """Run a SPARQL query."""
        ...

    def values(self, sparql: str) -> list[tuple[str | None, ...]]:
        """A SELECT query's rows as the lexical values of their terms (None where unbound)."""
        ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL update as one transaction."""
        ...

    def answer(self, sparql: str, wanted: Wanted, rows: int) -> Reply:
        """A researcher's query answered as the SPARQL 1.1 Protocol would: in the media type
        the client takes for its kind of result, at most `rows` rows, over the union of all graphs."""
        ...

    def snapshot(self, target: Path) -> None:
        """A consistent read-only copy of the store in the folder `target`."""
        ...

    def dump(
        self, output: IO[bytes], fmt: ox.RdfFormat, graph: str | None = None, union: bool = False
    ) -> bool:
        """Write one named graph (`graph`), the default graph as queries see it (`union`: the
        union of the named graphs), or else the whole dataset, to `output` in `fmt` (a quad
        format for the dataset); False when the named graph holds nothing."""
        ...

    def dataset(self) -> Dataset:
        """The whole store as an rdflib Dataset, for export."""
        ...

    def close(self) -> None:
        """Release the store."""
        ...
