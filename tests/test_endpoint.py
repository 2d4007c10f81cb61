"""The SPARQL endpoint's rules on an in-memory Oxigraph store: formats, SERVICE, limits."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from newsgraph.core.errors import QueryError
from newsgraph.graph.endpoint import (
    Dataset,
    Endpoint,
    Limits,
    NotAcceptable,
    QueryTimeout,
    TooManyRows,
    negotiate,
    uses_service,
)


@pytest.fixture
def store() -> ox.Store:
    store = ox.Store()
    for i in range(60):
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://e.test/s{i}"),
                ox.NamedNode("http://e.test/p"),
                ox.Literal(f"v{i}", language="en")
                if i % 2
                else ox.Literal(str(i), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
                ox.NamedNode(f"http://e.test/g{i % 3}"),
            )
        )
    return store


@pytest.mark.parametrize(
    ("accept", "fmt", "graph", "expected"),
    [
        (None, None, False, "application/sparql-results+json"),
        (None, None, True, "text/turtle"),
        ("*/*", None, True, "text/turtle"),
        ("text/*", None, False, "text/csv"),
        ("application/sparql-results+xml", None, False, "application/sparql-results+xml"),
        ("text/csv;q=0.5, text/tab-separated-values", None, False, "text/tab-separated-values"),
        ("application/sparql-results+xml, application/rdf+xml", None, True, "application/rdf+xml"),
        ("application/json", None, True, "application/ld+json"),
        ("text/n3", None, True, "text/turtle"),
        ("*/*", "csv", False, "text/csv"),
        ("application/n-triples", "turtle", True, "application/n-triples"),
    ],
)
def test_negotiate(accept: str | None, fmt: str | None, graph: bool, expected: str) -> None:
    assert negotiate(accept, fmt, graph) == expected


def test_negotiate_refuses_what_it_cannot_write() -> None:
    with pytest.raises(NotAcceptable, match="image/png"):
        negotiate("image/png", None, False)
    with pytest.raises(NotAcceptable):
        negotiate("text/csv", None, True)


@pytest.mark.parametrize(
    ("query", "federated"),
    [
        ("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }", True),
        ("select * { service silent <http://x/sparql> { ?s ?p ?o } }", True),
        ("SELECT * { ?s ?p 'SERVICE' }", False),
        ("SELECT * { ?s <http://x/SERVICE> ?o }", False),
        ("SELECT * { ?s ?p ?o } # SERVICE later", False),
        ('SELECT * { ?s ?p """a SERVICE b""" }', False),
    ],
)
def test_uses_service(query: str, federated: bool) -> None:
    assert uses_service(query) is federated


def test_results_in_every_format(store: ox.Store) -> None:
    endpoint = Endpoint(store, Limits())
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 2"
    body = json.loads(endpoint.query(query, Dataset(), "application/sparql-results+json").body)
    assert body["head"]["vars"] == ["s", "o"]
    first = body["results"]["bindings"][0]
    assert first["s"] == {"type": "uri", "value": "http://e.test/s0"}
    assert first["o"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    xml = endpoint.query(query, Dataset(), "application/sparql-results+xml").body.decode()
    assert '<literal datatype="http://www.w3.org/2001/XMLSchema#integer">0</literal>' in xml
    assert 'xml:lang="en"' in xml
    csv = endpoint.query(query, Dataset(), "text/csv").body.decode()
    assert csv.splitlines()[0] == "s,o" and csv.endswith("\r\n")
    tsv = endpoint.query(query, Dataset(), "text/tab-separated-values").body.decode()
    assert tsv.splitlines()[1].startswith("<http://e.test/s0>\t")
    ask = endpoint.query("ASK { ?s ?p 'v1'@en }", Dataset(), "application/sparql-results+json")
    assert json.loads(ask.body) == {"head": {}, "boolean": True}


def test_named_and_default_graphs(store: ox.Store) -> None:
    endpoint = Endpoint(store, Limits())
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def n(dataset: Dataset) -> int:
        body = json.loads(endpoint.query(count, dataset, None).body)
        return int(body["results"]["bindings"][0]["n"]["value"])

    assert n(Dataset()) == 60
    assert n(Dataset(default_graphs=["http://e.test/g0"])) == 20
    with pytest.raises(QueryError, match="graph IRI"):
        n(Dataset(default_graphs=["not an iri"]))


def test_row_cap_and_timeout(store: ox.Store) -> None:
    capped = Endpoint(store, Limits(rows=10))
    with pytest.raises(TooManyRows, match="more than 10 rows"):
        capped.query("SELECT * WHERE { ?s ?p ?o }", Dataset(), None)
    assert capped.query("SELECT * WHERE { ?s ?p ?o } LIMIT 10", Dataset(), None).rows == 10
    hurried = Endpoint(store, Limits(seconds=0.05))
    with pytest.raises(QueryTimeout, match=r"0\.05 s"):
        hurried.query(
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", Dataset(), None
        )
    hurried.close()


def test_syntax_errors_carry_the_parsers_position(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="syntax error: error at 1:"):
        Endpoint(store, Limits()).query("SELECT * WHERE { ?s ", Dataset(), None)
