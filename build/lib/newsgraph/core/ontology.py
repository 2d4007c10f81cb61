"""The entity classes and their hierarchy, shared by extraction and the graph.

The RDF terms for these live in `graph/ontology.ttl`; this module holds only the
names, so that `ingest` can reason about types without importing `graph`.
"""

from __future__ import annotations

# Each class with its parent; None marks a root.
CLASS_PARENTS: dict[str, str | None] = {
    "Organization": None,
    "Company": "Organization",
    "GovernmentBody": "Organization",
    "ResearchFirm": "Organization",
    "Person": None,
    "Place": None,
    "Country": "Place",
    "Product": None,
    "Chip": "Product",
    "ChipFamily": "Product",
    "Technology": None,
    "Policy": None,
}

ENTITY_CLASSES = frozenset(CLASS_PARENTS)


def ancestors(cls: str) -> list[str]:
    """The class itself followed by its superclasses, most specific first."""
    chain: list[str] = []
    current: str | None = cls
    while current is not None:
        chain.append(current)
        current = CLASS_PARENTS[current]
    return chain


def compatible(a: str, b: str) -> bool:
    """Whether two classes may name the same thing: equal, or one a subclass of the other."""
    return a in ancestors(b) or b in ancestors(a)


def more_specific(a: str, b: str) -> str:
    """Of two compatible classes, the narrower one."""
    return a if b in ancestors(a) else b
