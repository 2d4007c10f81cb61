"""Namespaces and the IRIs Newsgraph mints for articles, sentences and entities."""

from __future__ import annotations

from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from newsgraph.core.errors import InvalidId, QueryError
from newsgraph.core.types import is_article_id

NG = Namespace("https://w3id.org/newsgraph/ns#")
ID = Namespace("https://w3id.org/newsgraph/id/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

ENTITY_GRAPH = URIRef(ID["graph/entities"])
ONTOLOGY_GRAPH = URIRef(ID["graph/ontology"])
ONTOLOGY_FILE = Path(__file__).with_name("ontology.ttl")

PREFIXES = {
    "ng": NG,
    "ngid": ID,
    "schema": SCHEMA,
    "prov": PROV,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "wd": WD,
}

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


# Characters the SPARQL grammar's IRIREF forbids (besides controls and space).
_NOT_IN_IRI = frozenset('<>"{}|^`\\')


def sparql_iri(iri: str) -> str:
    """An IRI as SPARQL text, `<...>`: the one way request values become IRIs in a query.

    Raises QueryError for a character that could end the IRI or the query around it.
    """
    bad = next((c for c in iri if c in _NOT_IN_IRI or ord(c) <= 0x20), None)
    if bad is not None or not iri:
        raise QueryError(f"not an IRI Newsgraph can query: {iri[:80]!r}")
    return f"<{iri}>"


def article_iri(article_id: str) -> URIRef:
    """The article node, which also names the article's graph; InvalidId for a malformed id."""
    if not is_article_id(article_id):
        raise InvalidId(
            f"no article with id {article_id[:80]!r}: ids are 1-128 letters, digits, '.', '_', '-'"
        )
    return URIRef(ID[f"article/{article_id}"])


def sentence_iri(article_id: str, index: int) -> URIRef:
    """One sentence of an article."""
    return URIRef(ID[f"article/{article_id}/sentence/{index}"])


def mention_iri(article_id: str, index: int) -> URIRef:
    """One name mention in an article."""
    return URIRef(ID[f"article/{article_id}/mention/{index}"])


def node_iri(article_id: str, kind: str, index: int) -> URIRef:
    """A claim, figure or time expression of an article: kind is "claim", "figure", "time"."""
    return URIRef(ID[f"article/{article_id}/{kind}/{index}"])


def relation_iri(relation_id: str) -> URIRef:
    """The property for a relation id: "invests_in" -> ng:investsIn."""
    return URIRef(NG[camel(relation_id)])


def camel(words: str) -> str:
    """ "invests_in" or "invested in" -> "investsIn"."""
    parts = words.replace("_", " ").split()
    return parts[0].lower() + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def entity_iri(entity_id: str) -> URIRef:
    """A canonical entity, e.g. .../entity/company/nvidia."""
    return URIRef(ID[f"entity/{entity_id}"])


def entity_id_of(iri: str) -> str:
    """The entity key inside an entity IRI."""
    return iri.removeprefix(str(ID["entity/"]))


def article_id_of(iri: str) -> str:
    """The article id inside an article IRI."""
    return iri.removeprefix(str(ID["article/"]))


def class_iri(cls: str) -> URIRef:
    """The ontology class for a class name such as "Company"."""
    return URIRef(NG[cls])
