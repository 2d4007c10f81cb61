"""What answering may do with the graph: read it. The knowledge graph satisfies this."""

from __future__ import annotations

from typing import Protocol

from rdflib.query import Result

from newsgraph.core.types import Fact


class GraphReader(Protocol):
    """The read side of the knowledge graph: queries, nothing that writes."""

    def is_mentioned(self, entity_id: str) -> bool:
        """Whether any article names the entity."""
        ...

    def values(self, sparql: str) -> list[tuple[str | None, ...]]:
        """A SELECT query's rows as the lexical values of their terms (None where unbound)."""
        ...

    def facts(self, sparql: str) -> list[Fact]:
        """Run a claim template and read its rows as Facts."""
        ...

    def query(self, sparql: str) -> Result:
        """Run a SPARQL query over the union of all graphs."""
        ...
