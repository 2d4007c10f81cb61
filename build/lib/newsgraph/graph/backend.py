"""The graph store protocol: a SPARQL 1.1 query and update surface over named graphs."""

from __future__ import annotations

from typing import Protocol

from rdflib import Dataset
from rdflib.query import Result


class GraphBackend(Protocol):
    """A quad store Newsgraph can read and write with SPARQL 1.1.

    The default graph of a query is the union of all named graphs.
    """

    def query(self, sparql: str) -> Result:
        """Run a SPARQL query."""
        ...

    def values(self, sparql: str) -> list[tuple[str | None, ...]]:
        """A SELECT query's rows as the lexical values of their terms (None where unbound)."""
        ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL update as one transaction."""
        ...

    def dataset(self) -> Dataset:
        """The whole store as an rdflib Dataset, for export."""
        ...

    def close(self) -> None:
        """Release the store."""
        ...
