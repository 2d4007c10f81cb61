"""Extraction -> RDF: the article's named graph and its entities' triples."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from newsgraph.core.ontology import ancestors
from newsgraph.core.text import slug
from newsgraph.core.types import Entity, Extraction, Relation
from newsgraph.graph.vocab import (
    ID,
    NG,
    ONTOLOGY_FILE,
    PREFIXES,
    SCHEMA,
    WD,
    article_iri,
    camel,
    class_iri,
    entity_iri,
    mention_iri,
    node_iri,
    relation_iri,
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
    yield from time_triples(extraction)
    yield from figure_triples(extraction)
    yield from claim_triples(extraction)
    # Spellings seen only here live in the article's graph, so they leave with it.
    for entity_id, form in extraction.surface_forms:
        yield entity_iri(entity_id), SKOS.altLabel, Literal(form)


def date_literal(value: str, precision: str) -> Literal:
    """A normalized date value as a typed literal at its precision."""
    datatype = {
        "day": XSD.date,
        "month": XSD.gYearMonth,
        "year": XSD.gYear,
        "quarter": NG.yearQuarter,
    }.get(precision, XSD.string)
    return Literal(value, datatype=datatype)


def _precision(value: str) -> str:
    if "-Q" in value:
        return "quarter"
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "day")


def time_triples(extraction: Extraction) -> Iterator[Triple]:
    """Date phrases with their normalized values."""
    aid = extraction.article.id
    for index, date in enumerate(extraction.dates):
        node = node_iri(aid, "time", index)
        yield node, RDF.type, NG.TimeExpression
        yield node, NG.inSentence, sentence_iri(aid, date.sentence)
        yield node, SCHEMA.text, Literal(date.text)
        yield node, NG.timeValue, date_literal(date.value, date.precision)
        yield node, NG.precision, Literal(date.precision)
        yield node, NG.startOffset, _int(date.start)
        yield node, NG.endOffset, _int(date.end)


def figure_triples(extraction: Extraction) -> Iterator[Triple]:
    """Figures: value, unit, scale, what they measure, their period, their sentence."""
    aid = extraction.article.id
    for figure in extraction.figures:
        node = node_iri(aid, "figure", figure.index)
        yield node, RDF.type, NG.Figure
        yield node, PROV.wasDerivedFrom, sentence_iri(aid, figure.sentence)
        yield node, SCHEMA.text, Literal(figure.text)
        yield node, NG.value, Literal(figure.value, datatype=XSD.decimal)
        yield node, NG.startOffset, _int(figure.start)
        yield node, NG.endOffset, _int(figure.end)
        if figure.unit:
            yield node, NG.unit, Literal(figure.unit)
        if figure.scale:
            yield node, NG.scale, Literal(figure.scale)
        if figure.measured:
            yield node, NG.measures, Literal(figure.measured)
        if figure.period:
            yield node, NG.period, date_literal(figure.period, _precision(figure.period))
        yield node, NG.isEstimate, Literal(figure.is_estimate)
        yield node, NG.approximate, Literal(figure.approximate)
        if figure.changes_from is not None:
            yield node, NG.changesFrom, node_iri(aid, "figure", figure.changes_from)


def claim_triples(extraction: Extraction) -> Iterator[Triple]:
    """Claims as n-ary nodes, plus a direct subject-relation-object edge for entity objects."""
    aid = extraction.article.id
    for index, claim in enumerate(extraction.claims):
        node = node_iri(aid, "claim", index)
        relation = relation_iri(claim.relation)
        yield node, RDF.type, NG.Claim
        yield node, NG.relation, relation
        yield node, NG.verb, Literal(claim.verb)
        yield node, PROV.wasDerivedFrom, sentence_iri(aid, claim.sentence)
        yield node, SCHEMA.isPartOf, article_iri(aid)
        yield node, NG.extractorVersion, Literal(extraction.extractor_version)
        if claim.subject:
            yield node, NG.subject, entity_iri(claim.subject)
        if claim.object_entity:
            yield node, NG.object, entity_iri(claim.object_entity)
            if claim.subject and not claim.negated and claim.stance == "asserts":
                yield entity_iri(claim.subject), relation, entity_iri(claim.object_entity)
        if claim.object_figure is not None:
            yield node, NG.object, node_iri(aid, "figure", claim.object_figure)
        if claim.object_literal:
            yield node, NG.objectText, Literal(claim.object_literal)
        if claim.attributed_to:
            yield node, NG.attributedTo, entity_iri(claim.attributed_to)
        if claim.attributed_source:
            yield node, NG.attributedSource, Literal(claim.attributed_source)
        if claim.reporting_verb:
            yield node, NG.reportingVerb, Literal(claim.reporting_verb)
        yield node, NG.stance, NG.Denies if claim.stance == "denies" else NG.Asserts
        yield node, NG.negated, Literal(claim.negated)
        yield node, NG.hedged, Literal(claim.hedged)
        if claim.rule:
            yield node, NG.extractedBy, Literal(claim.rule)
        if claim.valid_time:
            yield node, NG.validTime, date_literal(claim.valid_time, _precision(claim.valid_time))


def vocabulary(relations: Iterable[Relation]) -> Graph:
    """The graph's vocabulary: the ontology (ontology.ttl) and the relation vocabulary as its
    terms, with Newsgraph's prefixes bound. The store keeps it in its ontology graph."""
    graph = Graph().parse(ONTOLOGY_FILE, format="turtle")
    for triple in relation_terms(relations):
        graph.add(triple)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def relation_terms(relations: Iterable[Relation]) -> Iterator[Triple]:
    """The relation vocabulary as ontology terms: labelled properties with their inverses."""
    for relation in relations:
        term = relation_iri(relation.id)
        yield term, RDF.type, NG.Relation
        yield term, RDF.type, OWL.ObjectProperty
        yield term, RDFS.label, Literal(relation.label)
        yield term, RDFS.comment, Literal(relation.comment)
        if relation.inverse == relation.label:
            yield term, RDF.type, OWL.SymmetricProperty
        elif relation.inverse:
            inverse = URIRef(NG[camel(relation.inverse)])
            yield term, OWL.inverseOf, inverse
            yield inverse, RDF.type, OWL.ObjectProperty
            yield inverse, RDFS.label, Literal(relation.inverse)
            yield inverse, RDFS.comment, Literal(f"Inverse of {relation.label}.")


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


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _term(node: Node) -> str:
    """N-Triples syntax of a term; rdflib's n3() is general, and the hot path of a write."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        text = f'"{str(node).translate(_ESCAPES)}"'
        if node.language:
            return f"{text}@{node.language}"
        return f"{text}^^<{node.datatype}>" if node.datatype else text
    return node.n3()


def ntriples(triples: Iterable[Triple]) -> str:
    """Triples as the body of a SPARQL INSERT DATA block."""
    return "\n".join(f"{_term(s)} {_term(p)} {_term(o)} ." for s, p, o in triples)
