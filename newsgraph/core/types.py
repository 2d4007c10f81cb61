"""The frozen records every layer passes around.

An `Article` goes into the ingest pipeline; an `Extraction` comes out and is written
to the graph. Offsets are character offsets into `Article.document` (title, blank line, body).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    """One news article as loaded, before any language processing."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None
    origin: str | None = None  # the file or feed it came from

    @property
    def document(self) -> str:
        """The text that is analysed: the title, a blank line, then the body.

        Sentence and mention offsets count characters in this text.
        """
        return f"{self.title}\n\n{self.text}" if self.title else self.text


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: the unit of provenance."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A canonical real-world thing: a company, person, place, chip, policy ..."""

    id: str  # stable key, e.g. "company/nvidia"
    label: str
    type: str  # an ontology class name, e.g. "Company"
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None  # a Q-id such as "Q182477"
    in_gazetteer: bool = False


@dataclass(frozen=True)
class Mention:
    """A stretch of text in one sentence that names an entity."""

    sentence: int
    start: int
    end: int
    text: str
    entity_id: str


@dataclass(frozen=True)
class Extraction:
    """Everything the ingest pipeline found in one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    surface_forms: tuple[tuple[str, str], ...] = ()  # (entity id, spelling) seen here
    new_entity_ids: frozenset[str] = field(default_factory=frozenset)
    extractor_version: str = ""
