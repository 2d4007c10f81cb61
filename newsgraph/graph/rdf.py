"""Extraction -> RDF: the article's named graph and its entities' triples."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from newsgraph.core.ontology import ancestors
from newsgraph.core.text import slug
from newsgraph.core.types import Entity, Extraction
from newsgraph.graph.vocab import (
    ID,
    NG,
    SCHEMA,
    WD,
    article_iri,
    class_iri,
    entity_iri,
    mention_iri,
    sentence_iri,
)

Triple = tuple[Node, Node, Node]


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def article_triples(extraction: Extraction) -> Iterator[Triple]:
    """Everything that belongs to the article's own named graph."""
    article = extraction.article
    node = article_iri(article.id)
    yield node, RDF.type, SCHEMA.NewsArticle
    yield node, SCHEMA.identifier, Literal(article.id)
    if article.title:
        yield node, SCHEMA.headline, Literal(article.title)
    if article.url:
        yield node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)
    if article.published:
        yield node, SCHEMA.datePublished, Literal(article.published, datatype=XSD.date)
    if article.source:
        publisher = URIRef(ID[f"publisher/{slug(article.source)}"])
        yield node, SCHEMA.publisher, publisher
        yield publisher, RDF.type, SCHEMA.Organization
        yield publisher, SCHEMA.name, Literal(article.source)
    if article.origin:
        yield node, NG.origin, Literal(article.origin)
    yield node, NG.extractorVersion, Literal(extraction.extractor_version)

    for sentence in extraction.sentences:
        s = sentence_iri(article.id, sentence.index)
        yield s, RDF.type, NG.Sentence
        yield s, SCHEMA.isPartOf, node
        yield s, NG["index"], _int(sentence.index)
        yield s, NG.startOffset, _int(sentence.start)
        yield s, NG.endOffset, _int(sentence.end)
        yield s, SCHEMA.text, Literal(sentence.text)

    for index, mention in enumerate(extraction.mentions):
        m = mention_iri(article.id, index)
        yield m, RDF.type, NG.Mention
        yield m, NG.inSentence, sentence_iri(article.id, mention.sentence)
        yield m, NG.refersTo, entity_iri(mention.entity_id)
        yield m, NG.surfaceText, Literal(mention.text)
        yield m, NG.startOffset, _int(mention.start)
        yield m, NG.endOffset, _int(mention.end)

    for entity in extraction.entities:
        yield node, SCHEMA.mentions, entity_iri(entity.id)
    # Spellings seen only here live in the article's graph, so they leave with it.
    for entity_id, form in extraction.surface_forms:
        yield entity_iri(entity_id), SKOS.altLabel, Literal(form)


def entity_triples(entity: Entity) -> Iterator[Triple]:
    """An entity's triples in the shared entity graph."""
    node = entity_iri(entity.id)
    for cls in ancestors(entity.type):
        yield node, RDF.type, class_iri(cls)
    yield node, RDF.type, NG.Entity
    yield node, RDFS.label, Literal(entity.label)
    for alias in entity.aliases:
        yield node, SKOS.altLabel, Literal(alias)
    if entity.wikidata:
        yield node, OWL.sameAs, WD[entity.wikidata]
    if entity.in_gazetteer:
        yield node, NG.inGazetteer, Literal(True)


def ntriples(triples: Iterator[Triple]) -> str:
    """Triples as the body of a SPARQL INSERT DATA block."""
    return "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)
