"""Reading the store page by page: articles by publisher and date, and who mentions whom.

These back the API's article and entity pages. Every parameter reaches the SPARQL text
as an rdflib-escaped literal or an IRI Newsgraph minted, never as raw user text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rdflib import Literal
from rdflib.namespace import XSD

from newsgraph.core.records import ArticleSummary, Edge, EntityMention
from newsgraph.graph.knowledge import KnowledgeGraph
from newsgraph.graph.vocab import (
    SPARQL_PREFIXES,
    article_id_of,
    article_iri,
    entity_id_of,
    entity_iri,
    sparql_iri,
)

_ARTICLE_FIELDS = """
    OPTIONAL { ?a schema:headline ?title }
    OPTIONAL { ?a schema:url ?url }
    OPTIONAL { ?a schema:publisher/schema:name ?source }
    OPTIONAL { ?a schema:datePublished ?published }
"""


def _summary(row: tuple[Any, ...]) -> ArticleSummary:
    iri, title, url, source, published = row
    return ArticleSummary(
        article_id_of(str(iri)),
        None if title is None else str(title),
        None if url is None else str(url),
        None if source is None else str(source),
        None if published is None else published.toPython(),
    )


def list_articles(
    graph: KnowledgeGraph,
    source: str | None = None,
    since: date | None = None,
    until: date | None = None,
    offset: int = 0,
    limit: int = 20,
    entity_id: str | None = None,
    text: str | None = None,
) -> tuple[int, list[ArticleSummary]]:
    """One page of articles, newest first, and how many match in all: from a publisher,
    published between two days, naming an entity, with words in the headline."""
    filters = []
    if entity_id:
        filters.append(
            f"FILTER EXISTS {{ GRAPH ?a {{ ?m ng:refersTo {sparql_iri(entity_iri(entity_id))} }} }}"
        )
    if text:
        filters.append(f"FILTER(BOUND(?title) && CONTAINS(LCASE(STR(?title)), LCASE({Literal(text).n3()})))")
    if source:
        filters.append(f"FILTER(BOUND(?source) && LCASE(STR(?source)) = LCASE({Literal(source).n3()}))")
    if since:
        filters.append(f"FILTER(BOUND(?published) && ?published >= {Literal(since, datatype=XSD.date).n3()})")
    if until:
        filters.append(f"FILTER(BOUND(?published) && ?published <= {Literal(until, datatype=XSD.date).n3()})")
    where = f"GRAPH ?a {{ ?a a schema:NewsArticle . {_ARTICLE_FIELDS} }} {' '.join(filters)}"
    ((total,),) = graph.rows(f"{SPARQL_PREFIXES}SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ {where} }}")
    rows = graph.rows(
        f"{SPARQL_PREFIXES}SELECT ?a ?title ?url ?source ?published WHERE {{ {where} }}\n"
        f"ORDER BY DESC(?published) ?a OFFSET {int(offset)} LIMIT {int(limit)}"
    )
    return int(total.toPython()), [_summary(row) for row in rows]


def entities_in(graph: KnowledgeGraph, article_id: str) -> list[EntityMention]:
    """The entities an article names, most mentioned first."""
    iri = article_iri(article_id)
    rows = graph.rows(
        f"{SPARQL_PREFIXES}SELECT ?e ?label (COUNT(?m) AS ?n) WHERE {{\n"
        f"  GRAPH {sparql_iri(iri)} {{ ?m ng:refersTo ?e }} ?e rdfs:label ?label }}\n"
        "GROUP BY ?e ?label ORDER BY DESC(?n) ?label"
    )
    return [EntityMention(entity_id_of(str(e)), str(label), int(n.toPython())) for e, label, n in rows]


def articles_mentioning(graph: KnowledgeGraph, entity_id: str, limit: int = 100) -> list[ArticleSummary]:
    """The articles that name an entity, newest first."""
    iri = entity_iri(entity_id)
    rows = graph.rows(
        f"{SPARQL_PREFIXES}SELECT DISTINCT ?a ?title ?url ?source ?published WHERE {{\n"
        f"  GRAPH ?a {{ ?m ng:refersTo {sparql_iri(iri)} . ?a a schema:NewsArticle .\n"
        f"  {_ARTICLE_FIELDS} }} }}\n"
        f"ORDER BY DESC(?published) ?a LIMIT {int(limit)}"
    )
    return [_summary(row) for row in rows]


@dataclass(frozen=True)
class MentionSpan:
    """Where an article names an entity: character offsets into its text."""

    start: int
    end: int
    entity_id: str


def mentions_in(graph: KnowledgeGraph, article_id: str) -> list[MentionSpan]:
    """Every mention of an entity in an article, in reading order."""
    iri = sparql_iri(article_iri(article_id))
    rows = graph.rows(
        f"{SPARQL_PREFIXES}SELECT DISTINCT ?a ?b ?e WHERE {{ GRAPH {iri} {{\n"
        "  ?m a ng:Mention ; ng:refersTo ?e ; ng:startOffset ?a ; ng:endOffset ?b } }\n"
        "ORDER BY ?a ?b"
    )
    return [MentionSpan(int(a.toPython()), int(b.toPython()), entity_id_of(str(e))) for a, b, e in rows]


def neighbourhood(
    graph: KnowledgeGraph, entity_id: str, depth: int = 1, limit: int = 60
) -> tuple[list[str], list[Edge]]:
    """The entities linked to one by claims (subject to object, either way), `depth` steps
    out, at most `limit` of them, the most linked first at each step; and the links."""
    nodes = {entity_id}
    found: dict[tuple[str, str, str], int] = {}
    frontier = [entity_id]
    for _ in range(depth):
        if not frontier or len(nodes) >= limit:
            break
        values = " ".join(sparql_iri(entity_iri(e)) for e in frontier)
        rows = graph.rows(
            f"{SPARQL_PREFIXES}SELECT ?s ?o ?relation (COUNT(DISTINCT ?claim) AS ?n) WHERE {{\n"
            f"  VALUES ?e {{ {values} }}\n"
            "  { ?claim ng:subject ?e } UNION { ?claim ng:object ?e }\n"
            "  ?claim a ng:Claim ; ng:subject ?s ; ng:object ?o ; ng:relation ?r .\n"
            "  ?r rdfs:label ?relation .\n"
            "  ?s a ng:Entity . ?o a ng:Entity . FILTER(?s != ?o) }\n"
            "GROUP BY ?s ?o ?relation"
        )
        weight: dict[str, int] = {}
        for s, o, relation, n in rows:
            subject, target, count = entity_id_of(str(s)), entity_id_of(str(o)), int(n.toPython())
            found[subject, target, str(relation)] = count
            for side in (subject, target):
                if side not in nodes:
                    weight[side] = weight.get(side, 0) + count
        frontier = sorted(weight, key=lambda e: (-weight[e], e))[: max(limit - len(nodes), 0)]
        nodes.update(frontier)
    edges = [Edge(s, t, r, n) for (s, t, r), n in found.items() if s in nodes and t in nodes]
    return sorted(nodes), edges


def article_counts(
    graph: KnowledgeGraph, entity_ids: list[str] | None = None, limit: int = 10
) -> dict[str, int]:
    """How many articles name each entity: these ones, or the `limit` most named."""
    values = (
        ""
        if entity_ids is None
        else f"VALUES ?e {{ {' '.join(sparql_iri(entity_iri(e)) for e in entity_ids)} }}"
    )
    top = "" if entity_ids is not None else f" ORDER BY DESC(?n) ?e LIMIT {int(limit)}"
    rows = graph.rows(
        f"{SPARQL_PREFIXES}SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE {{\n"
        f"  {values} GRAPH ?a {{ ?m ng:refersTo ?e }} }}\n"
        f"GROUP BY ?e{top}"
    )
    return {entity_id_of(str(e)): int(n.toPython()) for e, n in rows}
