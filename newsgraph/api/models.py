"""The HTTP API's request and response bodies (these make the OpenAPI schema)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from newsgraph.ingest.loaders import MAX_ARTICLE_CHARS


class Problem(BaseModel):
    """Every error: one line that names what is wrong."""

    detail: str


class ArticleIn(BaseModel):
    """An article posted as JSON; `text` is the body, the rest is optional metadata."""

    text: str = Field(min_length=1, max_length=MAX_ARTICLE_CHARS, description="the article's body")
    title: str | None = None
    url: str | None = None
    source: str | None = Field(default=None, description="the publisher")
    published: date | None = None
    id: str | None = Field(default=None, description="your own id; else derived from url or content")


class Failure(BaseModel):
    """An article that could not be ingested, and why."""

    origin: str
    message: str


class IngestOut(BaseModel):
    """What an ingest did, or that it is still queued."""

    job_id: int
    state: str = Field(description="done, failed, or pending/running when not finished in time")
    article_ids: list[str] = []
    articles: int = 0
    sentences: int = 0
    mentions: int = 0
    entities: int = 0
    failures: list[Failure] = []
    seconds: float = 0.0
    error: str | None = None


class JobOut(BaseModel):
    """One job of the ingest queue."""

    job_id: int
    kind: str
    origin: str
    state: str = Field(description="pending, running, done, failed or cancelled")
    result: dict[str, Any] | None = None
    error: str | None = None
    attempts: int = Field(default=0, description="how many times it was started")


class JobsPage(BaseModel):
    """A page of the ingest queue's jobs, newest first."""

    total: int
    offset: int
    limit: int
    jobs: list[JobOut]


class ArticleSummaryOut(BaseModel):
    """An article's metadata."""

    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None


class ArticlesPage(BaseModel):
    """A page of articles, newest first."""

    total: int
    offset: int
    limit: int
    articles: list[ArticleSummaryOut]


class SentenceOut(BaseModel):
    """A sentence of an article, with offsets into the article's text."""

    index: int
    start: int
    end: int
    text: str


class EntityRef(BaseModel):
    """An entity an article names, and how often."""

    id: str
    label: str
    mentions: int


class ArticleOut(ArticleSummaryOut):
    """An article as stored: its sentences and the entities it names."""

    sentences: list[SentenceOut]
    entities: list[EntityRef]
    mentions: list[MentionOut] = []
    facts: list[FactOut] = Field(default=[], description="the claims and figures the article states")


class DeletedOut(BaseModel):
    """The article that was deleted."""

    id: str
    deleted: bool = True


class FactOut(BaseModel):
    """A claim as read back: who, relation, what, who says so, when, and its sentence."""

    relation: str
    sentence: str
    article_id: str
    subject: str | None = None
    object: str | None = None
    object_is_entity: bool = False
    source: str | None = None
    reporting_verb: str | None = None
    stance: str = "asserts"
    negated: bool = False
    hedged: bool = False
    when: str | None = None
    headline: str | None = None
    published: str | None = None
    start: int = 0
    end: int = 0
    subject_id: str | None = Field(default=None, description="the subject's entity id")
    object_id: str | None = Field(default=None, description="the object's entity id, when an entity")
    source_id: str | None = Field(default=None, description="who says so, when an entity")


class MentionOut(BaseModel):
    """Where an article names an entity: offsets into the article's text."""

    start: int
    end: int
    entity_id: str


class NodeOut(BaseModel):
    """An entity in a neighbourhood, and how many articles name it."""

    id: str
    label: str
    type: str
    articles: int


class EdgeOut(BaseModel):
    """Claims of one relation from one entity to another."""

    source: str
    target: str
    relation: str
    count: int


class NeighbourhoodOut(BaseModel):
    """An entity and the entities claims link it to."""

    center: str
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class EntityOut(BaseModel):
    """A canonical entity in short."""

    id: str
    label: str
    type: str
    aliases: list[str] = []
    wikidata: str | None = Field(default=None, description="Wikidata IRI")


class FactsOut(BaseModel):
    """An entity's facts (claims and figures), and the SPARQL that found them."""

    entity: EntityOut
    facts: list[FactOut]
    sparql: str


class EntityDetail(EntityOut):
    """An entity with its classes, claims, timeline and the articles that name it."""

    types: list[str]
    claims: list[FactOut]
    figures: list[FactOut]
    timeline: list[FactOut]
    articles: list[ArticleSummaryOut]
    sparql: str


class EntitiesOut(BaseModel):
    """Entities whose name or alias matches a query."""

    query: str
    entities: list[EntityOut]


class CitationOut(BaseModel):
    """A sentence that supports an answer."""

    article_id: str
    title: str | None = None
    text: str
    start: int
    end: int
    score: float


class AnswerOut(BaseModel):
    """An answer, its evidence and the SPARQL that found it."""

    question: str
    answered: bool = Field(description="whether an answer was found; false: `answer` says none was")
    reason: str | None = Field(default=None, description="why the question was declined")
    answer: str
    answer_type: str
    confidence: float
    citations: list[CitationOut]
    facts: list[FactOut]
    sparql: str | None = None


class AskIn(BaseModel):
    """A question in plain English."""

    question: str = Field(min_length=1, max_length=1000)
    as_of: date | None = Field(
        default=None, description="the day the question is asked (default: today); nothing later is read"
    )


class HitOut(BaseModel):
    """A passage found by search."""

    article_id: str
    title: str | None = None
    text: str
    score: float
    start: int
    end: int
    source: str | None = None
    published: date | None = None


class SearchOut(BaseModel):
    """The passages found for a query."""

    query: str
    hits: list[HitOut]


class HealthOut(BaseModel):
    """Whether the service is up, and what it holds."""

    status: str
    articles: int
    queued: int
    version: str


class SearchConsistency(BaseModel):
    """Whether the passage indexes agree with the graph."""

    graph_articles: int
    indexed_articles: int
    passages: int
    dense_passages: int
    lexical_passages: int
    consistent: bool
    problems: list[str]


class StatsOut(BaseModel):
    """Counts of what the store holds."""

    articles: int
    sentences: int
    mentions: int
    entities: int
    triples: int
    claims: int = 0
    figures: int = 0
    queued: int
    search: SearchConsistency


class OverviewOut(BaseModel):
    """What the store holds at a glance: counts, the newest articles, the most named entities
    and the newest jobs of the ingest queue."""

    stats: StatsOut
    newest: list[ArticleSummaryOut]
    top_entities: list[NodeOut]
    jobs: list[JobOut]


class FeedIn(BaseModel):
    """An RSS or Atom feed to poll: an http(s) URL and how often."""

    url: str = Field(min_length=8, max_length=2000, description="http:// or https:// only")
    every: str = Field(default="15m", max_length=20, description="time between polls: 30s, 5m, 2h")


class FeedOut(BaseModel):
    """A feed the server polls, and what its first look found."""

    url: str
    every_seconds: float
    queued: int = Field(default=0, description="entries queued by the first look")
    failures: list[Failure] = []


class FeedsOut(BaseModel):
    """The feeds the server polls."""

    feeds: list[FeedOut]
