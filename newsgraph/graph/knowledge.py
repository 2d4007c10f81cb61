"""The knowledge graph: articles, sentences, mentions and canonical entities as RDF.

Every write of an article is one SPARQL update, so one transaction: drop the article's
named graph, insert its new graph and its entities, and remove the entities that no
article mentions any more (unless the gazetteer defines them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from rdflib import URIRef
from rdflib.query import Result

from newsgraph.core.errors import GraphError
from newsgraph.core.ontology import ENTITY_CLASSES, ancestors
from newsgraph.core.records import GraphStats
from newsgraph.core.types import Entity, Extraction, Fact, Relation, Sentence
from newsgraph.graph.queries import CLAIM_COLUMNS
from newsgraph.graph.rdf import article_triples, entity_triples, ntriples, vocabulary
from newsgraph.graph.store import GraphStore
from newsgraph.graph.vocab import (
    ENTITY_GRAPH,
    NG,
    ONTOLOGY_GRAPH,
    SPARQL_PREFIXES,
    article_id_of,
    article_iri,
    entity_id_of,
    entity_iri,
    sparql_iri,
)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def format_amount(value: Decimal) -> str:
    """23000000000 -> "23,000,000,000"; 1.50 -> "1.5"."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def _fact(row: dict[str, Any]) -> Fact:
    """One row of a claim template as a Fact."""
    obj: str | None
    if row["objectLabel"] is not None:
        obj = str(row["objectLabel"])
    elif row["value"] is not None:
        obj = format_amount(row["value"].toPython()) + (f" {row['unit']}" if row["unit"] else "")
    else:
        obj = _text(row["objectText"])
    return Fact(
        object_is_entity=row["objectLabel"] is not None,
        relation=str(row["relationLabel"]),
        sentence=str(row["sentence"]),
        article_id=article_id_of(str(row["article"])),
        subject=_text(row["subjectLabel"]),
        object=obj,
        source=_text(row["sourceLabel"]) or _text(row["genericSource"]),
        reporting_verb=_text(row["reportingVerb"]),
        stance=str(row["stance"]),
        negated=bool(row["negated"].toPython()),
        hedged=bool(row["hedged"].toPython()),
        when=_text(row["period"]) or _text(row["validTime"]),
        headline=_text(row["headline"]),
        published=_text(row["published"]),
        start=int(row["start"].toPython()),
        end=int(row["end"].toPython()),
        subject_id=_entity_id(row["subject"]),
        object_id=_entity_id(row["object"]) if row["objectLabel"] is not None else None,
        source_id=_entity_id(row["source"]),
    )


def _entity_id(node: Any) -> str | None:
    return None if node is None else entity_id_of(str(node))


_ENTITIES = sparql_iri(ENTITY_GRAPH)
_ONTOLOGY = sparql_iri(ONTOLOGY_GRAPH)
_REFERS_TO = sparql_iri(NG.refersTo)

EXPORT_FORMATS = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}


@dataclass(frozen=True)
class ArticleText:
    """An article as stored: what the passage indexes are rebuilt from."""

    article_id: str
    title: str | None
    source: str | None
    published: date | None
    sentences: list[Sentence]
    mentions: list[tuple[int, str]]  # (sentence index, entity id)
    url: str | None = None


class KnowledgeGraph:
    """Domain operations over any GraphStore."""

    def __init__(
        self, backend: GraphStore, relations: Iterable[Relation] = (), read_only: bool = False
    ) -> None:
        self.backend = backend
        if not read_only:
            self._write_ontology(relations)

    def _write_ontology(self, relations: Iterable[Relation]) -> None:
        """(Re)write the ontology graph: ontology.ttl plus the relation vocabulary's terms."""
        body = ntriples(vocabulary(relations))
        self.backend.update(
            f"DROP SILENT GRAPH {_ONTOLOGY} ;\nINSERT DATA {{ GRAPH {_ONTOLOGY} {{ {body} }} }}"
        )

    # ------------------------------------------------------------------ writes

    def write(self, extraction: Extraction) -> None:
        """Store an article's extraction, replacing whatever the article had before."""
        graph = article_iri(extraction.article.id)
        previous = self._mentioned_entities(graph)
        article_body = ntriples(article_triples(extraction))
        entity_body = ntriples(t for e in extraction.entities for t in entity_triples(e))
        self.backend.update(
            f"DROP SILENT GRAPH {sparql_iri(graph)} ;\n"
            f"INSERT DATA {{ GRAPH {sparql_iri(graph)} {{ {article_body} }}\n"
            f"  GRAPH {_ENTITIES} {{ {entity_body} }} }}" + self._orphan_cleanup(previous)
        )

    def delete(self, article_id: str) -> bool:
        """Drop an article's graph and the entities only it mentioned; False if absent."""
        if not self.has_article(article_id):
            return False
        graph = article_iri(article_id)
        previous = self._mentioned_entities(graph)
        self.backend.update(f"DROP SILENT GRAPH {sparql_iri(graph)}" + self._orphan_cleanup(previous))
        return True

    def put_graph(self, graph: str, triples: str, replace: bool) -> bool:
        """Write triples (N-Triples, as a parser wrote them) into a named graph: a researcher's,
        through the Graph Store Protocol. In place of what it held when `replace`, else beside
        it; whether it existed before."""
        existed = self.has_graph(graph)
        drop = f"DROP SILENT GRAPH {sparql_iri(graph)} ;\n" if replace else ""
        self.backend.update(f"{drop}INSERT DATA {{ GRAPH {sparql_iri(graph)} {{ {triples} }} }}")
        return existed

    def drop_graph(self, graph: str) -> bool:
        """Drop a named graph; False when the store holds none of that name."""
        if not self.has_graph(graph):
            return False
        self.backend.update(f"DROP GRAPH {sparql_iri(graph)}")
        return True

    def _mentioned_entities(self, graph: URIRef) -> list[str]:
        rows = self.rows(f"SELECT DISTINCT ?e WHERE {{ GRAPH {sparql_iri(graph)} {{ ?m {_REFERS_TO} ?e }} }}")
        return [str(iri) for (iri,) in rows]

    @staticmethod
    def _orphan_cleanup(candidates: Iterable[str]) -> str:
        values = " ".join(sparql_iri(iri) for iri in candidates)
        if not values:
            return ""
        return (
            f" ;\nDELETE {{ GRAPH {_ENTITIES} {{ ?e ?p ?o }} }} WHERE {{\n"
            f"  VALUES ?e {{ {values} }}\n"
            f"  GRAPH {_ENTITIES} {{ ?e ?p ?o }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH {_ENTITIES} {{ ?e {sparql_iri(NG.inGazetteer)} true }} }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?g {{ ?m {_REFERS_TO} ?e }} }}\n}}"
        )

    # ------------------------------------------------------------------ reads

    def has_article(self, article_id: str) -> bool:
        """Whether the article's graph exists."""
        return self.has_graph(article_iri(article_id))

    def has_graph(self, graph: str) -> bool:
        """Whether the store holds a named graph of that IRI with a triple in it."""
        return bool(self.backend.query(f"ASK {{ GRAPH {sparql_iri(graph)} {{ ?s ?p ?o }} }}").askAnswer)

    def is_mentioned(self, entity_id: str) -> bool:
        """Whether any stored article mentions the entity."""
        iri = entity_iri(entity_id)
        return bool(self.backend.query(f"ASK {{ ?m {_REFERS_TO} {sparql_iri(iri)} }}").askAnswer)

    def article_ids(self) -> list[str]:
        """Ids of every stored article."""
        rows = self.rows(
            SPARQL_PREFIXES + "SELECT ?a WHERE { GRAPH ?a { ?a a schema:NewsArticle } } ORDER BY ?a"
        )
        return [article_id_of(str(iri)) for (iri,) in rows]

    def article_text(self, article_id: str) -> ArticleText | None:
        """An article's metadata, sentences and mentions as stored: what passages are built from."""
        graph = sparql_iri(article_iri(article_id))
        head = self.rows(
            SPARQL_PREFIXES
            + f"""SELECT ?title ?source ?published ?url WHERE {{ GRAPH {graph} {{
                {graph} a schema:NewsArticle .
                OPTIONAL {{ {graph} schema:headline ?title }}
                OPTIONAL {{ {graph} schema:url ?url }}
                OPTIONAL {{ {graph} schema:publisher/schema:name ?source }}
                OPTIONAL {{ {graph} schema:datePublished ?published }} }} }}"""
        )
        if not head:
            return None
        title, source, published, url = head[0]
        sentences = [
            Sentence(int(i.toPython()), int(a.toPython()), int(b.toPython()), str(t))
            for i, a, b, t in self.rows(
                SPARQL_PREFIXES
                + f"""SELECT ?i ?a ?b ?t WHERE {{ GRAPH {graph} {{
                    ?s a ng:Sentence ; ng:index ?i ; ng:startOffset ?a ; ng:endOffset ?b ;
                       schema:text ?t }} }}
                    ORDER BY ?i"""
            )
        ]
        mentions = [
            (int(i.toPython()), entity_id_of(str(e)))
            for i, e in self.rows(
                SPARQL_PREFIXES
                + f"""SELECT ?i ?e WHERE {{ GRAPH {graph} {{
                    ?m ng:inSentence ?s ; ng:refersTo ?e . ?s ng:index ?i }} }}"""
            )
        ]
        return ArticleText(
            article_id,
            _text(title),
            _text(source),
            published.toPython() if published is not None else None,
            sentences,
            mentions,
            _text(url),
        )

    def entities(self) -> list[Entity]:
        """Every entity in the entity graph, with all spellings seen in any article."""
        rows = self.rows(
            SPARQL_PREFIXES
            + f"""SELECT ?e ?cls ?label ?wd ?gaz WHERE {{
                GRAPH {_ENTITIES} {{
                    ?e a ng:Entity ; a ?cls ; rdfs:label ?label .
                    OPTIONAL {{ ?e owl:sameAs ?wd }}
                    OPTIONAL {{ ?e ng:inGazetteer ?gaz }}
                }} }}"""
        )
        aliases: dict[str, set[str]] = defaultdict(set)
        for iri, alias in self.rows(SPARQL_PREFIXES + "SELECT ?e ?alt WHERE { ?e skos:altLabel ?alt }"):
            aliases[str(iri)].add(str(alias))
        classes: dict[str, set[str]] = defaultdict(set)
        first_row: dict[str, tuple[Any, ...]] = {}
        for row in rows:
            iri, cls = str(row[0]), str(row[1]).removeprefix(str(NG))
            if cls in ENTITY_CLASSES:
                classes[iri].add(cls)
            first_row.setdefault(iri, row)
        entities = []
        for iri, (_, _, label, wikidata, in_gazetteer) in first_row.items():
            if not classes[iri]:
                raise GraphError(f"entity {iri} has no Newsgraph class")
            entities.append(
                Entity(
                    id=entity_id_of(iri),
                    label=str(label),
                    type=max(classes[iri], key=lambda c: len(ancestors(c))),  # most specific
                    aliases=tuple(sorted(aliases.get(iri, ()))),
                    wikidata=str(wikidata).rsplit("/", 1)[-1] if wikidata is not None else None,
                    in_gazetteer=in_gazetteer is not None and bool(in_gazetteer.toPython()),
                )
            )
        return entities

    def stats(self) -> GraphStats:
        """Counts of articles, sentences, mentions, entities, quads, claims and figures."""
        ((articles, sentences, mentions, claims, figures),) = self.rows(
            SPARQL_PREFIXES
            + """SELECT (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?s) AS ?sentences)
                        (COUNT(DISTINCT ?m) AS ?mentions) (COUNT(DISTINCT ?c) AS ?claims)
                        (COUNT(DISTINCT ?f) AS ?figures) WHERE {
                    { ?a a schema:NewsArticle } UNION { ?s a ng:Sentence } UNION { ?m a ng:Mention }
                    UNION { ?c a ng:Claim } UNION { ?f a ng:Figure } }"""
        )
        ((entities,),) = self.rows(
            f"SELECT (COUNT(?e) AS ?n) WHERE {{ GRAPH {_ENTITIES} {{ ?e a {sparql_iri(NG.Entity)} }} }}"
        )
        ((triples,),) = self.rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        counts = (articles, sentences, mentions, entities, triples, claims, figures)
        return GraphStats(*(int(value.toPython()) for value in counts))

    def rows(self, sparql: str) -> list[tuple[Any, ...]]:
        """A SELECT query's rows as tuples of rdflib terms (None where unbound)."""
        return [tuple(row) for row in self.backend.query(sparql) if isinstance(row, tuple)]

    def values(self, sparql: str) -> list[tuple[str | None, ...]]:
        """A SELECT query's rows as the lexical values of their terms (None where unbound)."""
        return self.backend.values(sparql)

    def facts(self, sparql: str) -> list[Fact]:
        """Run a claim template (graph/queries.py) and read its rows as Facts."""
        return [_fact(dict(zip(CLAIM_COLUMNS, row, strict=True))) for row in self.rows(sparql)]

    def query(self, sparql: str) -> Result:
        """Run a researcher's SPARQL query over the union of all graphs."""
        return self.backend.query(sparql)

    def export(self, fmt: str) -> bytes:
        """The whole store as TriG, N-Quads or JSON-LD."""
        if fmt not in EXPORT_FORMATS:
            raise GraphError(f"unknown export format {fmt!r} (use {', '.join(EXPORT_FORMATS)})")
        data = self.backend.dataset().serialize(format=EXPORT_FORMATS[fmt])
        return data if isinstance(data, bytes) else data.encode()
