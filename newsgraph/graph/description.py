"""The endpoint's SPARQL 1.1 Service Description: what `GET /sparql` without a query answers.

It says where the endpoint is, which languages and result formats it speaks, that its default
graph is the union of the named graphs, and which named graphs the default dataset holds,
with their triple counts (VoID).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from newsgraph.graph.endpoint import GRAPH_MEDIA, SOLUTION_MEDIA

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
# The W3C's IRIs for the result formats the endpoint writes.
_FORMAT_IRIS = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/ld+json": "JSON-LD",
    "application/rdf+xml": "RDF_XML",
}
# The prefixes the description is written with, where the format has prefixes.
DESCRIPTION_PREFIXES = {"sd": SD, "void": VOID, "formats": FORMATS}
# The named graphs, and the SPARQL that counts their triples.
GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def service_description(
    endpoint: str, update: bool, federated: bool, graphs: Sequence[tuple[str, int]]
) -> list[ox.Triple]:
    """The description of the endpoint at `endpoint`; `graphs` are its named graphs with their
    triple counts (GRAPH_COUNTS), `update` whether it takes SPARQL Update, `federated` SERVICE."""
    service = ox.BlankNode()
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
    ]
    if update:
        triples.append(ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    if federated:
        triples.append(ox.Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    media = [*SOLUTION_MEDIA.values(), *GRAPH_MEDIA.values()]
    triples += [
        ox.Triple(service, _sd("resultFormat"), ox.NamedNode(FORMATS + _FORMAT_IRIS[m])) for m in media
    ]
    dataset, default = ox.BlankNode(), ox.BlankNode()
    triples += [
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, _sd("Graph")),  # the union of the named graphs
    ]
    for name, count in graphs:
        named, graph = ox.BlankNode(), ox.BlankNode()
        triples += [
            ox.Triple(dataset, _sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(named, _sd("name"), ox.NamedNode(name)),
            ox.Triple(named, _sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, _sd("Graph")),
            ox.Triple(graph, ox.NamedNode(VOID + "triples"), _count(count)),
        ]
    return triples


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def _count(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
