"""The frozen records every layer passes around.

An `Article` goes into the ingest pipeline; an `Extraction` comes out and is written
to the graph. Offsets are character offsets into `Article.document` (title, blank line, body).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol

# What an article id may hold: it is a path segment of the article's IRI and of API URLs.
ARTICLE_ID = re.compile(r"(?=[^A-Za-z0-9]*[A-Za-z0-9])[A-Za-z0-9._-]{1,128}")


def is_article_id(text: str) -> bool:
    """Whether `text` is a well-formed article id: 1-128 letters, digits, '.', '_', '-'."""
    return ARTICLE_ID.fullmatch(text) is not None


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
    # Gazetteer entities whose naming in an article lets a surname alone stand for this
    # person ("Huang" links to Jensen Huang where Nvidia is named).
    related: tuple[str, ...] = ()
    # The country whose institution this is (an entity id): "Senate" alone is the US Senate
    # only in an article that speaks of the United States, not of Australia.
    country: str | None = None
    demonyms: tuple[str, ...] = ()  # for a country: words that speak of it ("American")


@dataclass(frozen=True)
class Mention:
    """A stretch of text in one sentence that names an entity."""

    sentence: int
    start: int
    end: int
    text: str
    entity_id: str


@dataclass(frozen=True)
class DateMention:
    """A date expression, normalized against the article's publication date.

    `value` is ISO-like at the precision the text gives: "2025-04-15", "2025-04",
    "2025-Q3" or "2025"; `precision` says which ("day", "month", "quarter", "year").
    """

    sentence: int
    start: int
    end: int
    text: str
    value: str
    precision: str


@dataclass(frozen=True)
class Figure:
    """A number the news gives: an amount of money, a share, a count of things.

    `value` is the full decimal after scale words ("$23 billion" is 23000000000).
    `unit` is an ISO 4217 code for money, "percent" for shares, a singular noun for
    counted things ("unit", "wafer"), or None for a bare number.
    """

    index: int  # position among the article's figures
    sentence: int
    start: int
    end: int
    text: str
    value: Decimal
    unit: str | None
    scale: str | None = None  # the scale word as resolved: "thousand" ... "trillion"
    measured: str | None = None  # what the figure measures, e.g. "sales to China"
    period: str | None = None  # the date value it refers to, e.g. "2027"
    is_estimate: bool = False  # an estimate, forecast or projection rather than a result
    approximate: bool = False  # "about", "nearly", "more than" ...
    changes_from: int | None = None  # index of the figure a change starts from ("from 17% to 55%")


@dataclass(frozen=True)
class Claim:
    """One fact a sentence states: subject, relation, object, and who says so.

    The object is an entity, a figure (by index) or a literal phrase, exactly one of them.
    """

    sentence: int
    subject: str | None  # entity id; None when the text leaves the actor out (a passive)
    relation: str  # a term of the relation vocabulary, e.g. "buys"
    verb: str  # the verb phrase as written, e.g. "have ordered"
    object_entity: str | None = None
    object_figure: int | None = None
    object_literal: str | None = None
    attributed_to: str | None = None  # entity id of the source
    attributed_source: str | None = None  # a generic source: "analysts", "officials"
    reporting_verb: str | None = None  # "estimates", "said", "denied"
    stance: str = "asserts"  # or "denies"
    negated: bool = False
    hedged: bool = False
    valid_time: str | None = None  # a DateMention value
    # The extraction rule that made it (ng:extractedBy); two rules stating one claim are one claim.
    rule: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Passage:
    """A window of consecutive sentences: what the search indexes hold and return."""

    id: str  # "<article id>#<first sentence index>"
    article_id: str
    text: str
    start: int  # offsets into Article.document
    end: int
    title: str | None = None
    source: str | None = None
    published: date | None = None
    entity_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """A passage found by a search, with its score."""

    passage: Passage
    score: float


@dataclass(frozen=True)
class Fact:
    """A stored claim as read back for people: labels, the sentence, the article."""

    relation: str  # the relation's label, e.g. "buys"
    sentence: str
    article_id: str
    subject: str | None = None  # labels, not ids
    object: str | None = None  # an entity's label, a figure's "23000000000 USD", or a phrase
    object_is_entity: bool = False
    source: str | None = None  # who says so
    reporting_verb: str | None = None
    stance: str = "asserts"
    negated: bool = False
    hedged: bool = False
    when: str | None = None  # the claim's valid time, else its figure's period
    headline: str | None = None
    published: str | None = None
    start: int = 0
    end: int = 0
    # The ids of the subject, the object and who says so, where they are entities.
    subject_id: str | None = None
    object_id: str | None = None
    source_id: str | None = None


@dataclass(frozen=True)
class Relation:
    """A term of the relation vocabulary (buys, bans, estimates ...)."""

    id: str  # e.g. "invests_in"
    label: str  # e.g. "invests in"
    comment: str
    inverse: str | None  # the inverse's label; equal to label when symmetric


@dataclass(frozen=True)
class Extraction:
    """Everything the ingest pipeline found in one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    dates: tuple[DateMention, ...] = ()
    figures: tuple[Figure, ...] = ()
    claims: tuple[Claim, ...] = ()
    surface_forms: tuple[tuple[str, str], ...] = ()  # (entity id, spelling) seen here
    new_entity_ids: frozenset[str] = field(default_factory=frozenset)
    extractor_version: str = ""
    # The analysed text's spaCy parse (ingest/parses.py), kept for the reader.
    parse: bytes = field(default=b"", repr=False, compare=False)


class EntityLookup(Protocol):
    """The stored entities, findable by id or by any of their names (read only)."""

    def __contains__(self, entity_id: object) -> bool: ...

    def get(self, entity_id: str) -> Entity: ...

    def find(self, name: str, cls: str | None = None) -> Entity | None: ...
