"""The records the layers hand each other and the reports the service gives back.

They hold values only: every layer may import them, and none of them reads a store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict

from newsgraph.core.types import Entity, Fact, Hit, Passage

DECLINED = "No answer found in the articles."


@dataclass(frozen=True)
class Citation:
    """A sentence that supports an answer."""

    article_id: str
    title: str | None
    text: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Answer:
    """An answer with its evidence, in the shape of the ask JSON."""

    question: str
    answer: str
    answer_type: str
    confidence: float
    citations: list[Citation] = field(default_factory=list)
    facts: list[dict[str, object]] = field(default_factory=list)
    sparql: str | None = None
    reason: str | None = None  # why it was declined
    answered: bool = field(init=False)

    def __post_init__(self) -> None:
        answered = self.answer != DECLINED
        object.__setattr__(self, "answered", answered)
        if answered:
            object.__setattr__(self, "reason", None)
        elif self.reason is None:
            object.__setattr__(self, "reason", "the passages found do not support an answer strongly enough")


# How a search ranks passages: both rankings fused, or one of them alone.
MODES = ("hybrid", "dense", "lexical")


@dataclass(frozen=True)
class Filters:
    """Narrow a search to a publisher, a publication date range, or entities."""

    source: str | None = None
    since: date | None = None
    until: date | None = None
    entity_ids: tuple[str, ...] = ()
    # The day a question is asked: nothing published later exists yet (undated passages stay).
    as_of: date | None = None

    def __bool__(self) -> bool:
        return bool(self.source or self.since or self.until or self.entity_ids or self.as_of)

    def admit(self, passage: Passage) -> bool:
        """Whether a passage passes every filter."""
        if self.source and (passage.source or "").casefold() != self.source.casefold():
            return False
        if self.since and (passage.published is None or passage.published < self.since):
            return False
        if self.until and (passage.published is None or passage.published > self.until):
            return False
        if self.as_of and passage.published is not None and passage.published > self.as_of:
            return False
        return not self.entity_ids or bool(set(self.entity_ids) & set(passage.entity_ids))


@dataclass(frozen=True)
class LoadFailure:
    """A file or record that could not be loaded, and why."""

    origin: str  # file path, plus ":LINE" for a JSON Lines record
    message: str  # one line naming the problem, without the path


@dataclass(frozen=True)
class ArticleSummary:
    """An article's metadata, as listed."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    published: date | None


@dataclass(frozen=True)
class EntityMention:
    """An entity an article names, and how often."""

    id: str
    label: str
    mentions: int


@dataclass(frozen=True)
class Edge:
    """Claims of one relation from one entity to another, and how many."""

    source: str
    target: str
    relation: str
    count: int


@dataclass(frozen=True)
class GraphStats:
    """Counts of what the graph holds."""

    articles: int
    sentences: int
    mentions: int
    entities: int
    triples: int
    claims: int = 0
    figures: int = 0


@dataclass(frozen=True)
class SearchResult:
    """The passages found for one query, with the entities and filters it was read as."""

    query: str
    hits: list[Hit]
    entities: tuple[str, ...]
    filters: Filters


@dataclass(frozen=True)
class FactReport:
    """Facts about one entity and the SPARQL that found them."""

    entity: Entity
    sparql: str
    facts: list[Fact]


@dataclass(frozen=True)
class EntityDetail:
    """An entity with its classes, claims, figures, timeline and articles."""

    entity: Entity
    types: list[str]
    claims: list[Fact]
    figures: list[Fact]
    timeline: list[Fact]
    articles: list[ArticleSummary]
    sparql: str


@dataclass(frozen=True)
class Neighbourhood:
    """An entity and the entities claims link it to: each with how many articles name it."""

    center: str
    nodes: list[tuple[Entity, int]]
    edges: list[Edge]


@dataclass
class IngestReport:
    """What one ingest run did."""

    articles: int = 0
    sentences: int = 0
    mentions: int = 0
    entities: int = 0
    new_entities: int = 0
    seconds: float = 0.0
    article_ids: list[str] = field(default_factory=list)
    failures: list[LoadFailure] = field(default_factory=list)
    stopped: str | None = None  # why the articles after the last written were left, if they were


class Consistency(TypedDict):
    """Whether the graph, the passage catalog and both indexes agree, with their counts."""

    graph_articles: int
    indexed_articles: int
    passages: int
    dense_passages: int
    lexical_passages: int
    consistent: bool
    problems: list[str]
