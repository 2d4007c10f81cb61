"""The SPARQL endpoint's rules: formats on an in-memory store, the guard's checks, and the
worker pool on a real on-disk store (timeouts that kill, crashes that stay in the worker)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from newsgraph.api.negotiation import wanted
from newsgraph.core.errors import QueryError
from newsgraph.graph.endpoint import Dataset, NotAcceptable, Reply, TooManyRows, evaluate


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
    assert wanted(accept, fmt).media(graph) == expected


def test_negotiate_refuses_what_it_cannot_write(store: ox.Store) -> None:
    with pytest.raises(NotAcceptable, match="image/png"):
        wanted("image/png").media(graph_result=False)
    # Only the kind of result tells: text/csv is fine for SELECT, not for CONSTRUCT.
    assert _run(store, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", accept="text/csv").media_type == "text/csv"
    with pytest.raises(NotAcceptable, match="CONSTRUCT"):
        _run(store, "CONSTRUCT WHERE { ?s ?p ?o }", accept="text/csv")


EVERYTHING = Dataset()


def _run(
    store: ox.Store, query: str, dataset: Dataset = EVERYTHING, accept: str | None = None, rows: int = 1000
) -> Reply:
    return evaluate(store, query, dataset, wanted(accept), rows)


def test_results_in_every_format(store: ox.Store) -> None:
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 2"
    body = json.loads(_run(store, query, accept="application/sparql-results+json").body)
    assert body["head"]["vars"] == ["s", "o"]
    first = body["results"]["bindings"][0]
    assert first["s"] == {"type": "uri", "value": "http://e.test/s0"}
    assert first["o"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    xml = _run(store, query, accept="application/sparql-results+xml").body.decode()
    assert '<literal datatype="http://www.w3.org/2001/XMLSchema#integer">0</literal>' in xml
    assert 'xml:lang="en"' in xml
    csv = _run(store, query, accept="text/csv").body.decode()
    assert csv.splitlines()[0] == "s,o" and csv.endswith("\r\n")
    tsv = _run(store, query, accept="text/tab-separated-values").body.decode()
    assert tsv.splitlines()[1].startswith("<http://e.test/s0>\t")
    ask = _run(store, "ASK { ?s ?p 'v1'@en }", accept="application/sparql-results+json")
    assert json.loads(ask.body) == {"head": {}, "boolean": True}


def test_named_and_default_graphs(store: ox.Store) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def n(dataset: Dataset) -> int:
        body = json.loads(_run(store, count, dataset).body)
        return int(body["results"]["bindings"][0]["n"]["value"])

    assert n(Dataset()) == 60
    assert n(Dataset(default_graphs=["http://e.test/g0"])) == 20
    with pytest.raises(QueryError, match="graph IRI"):
        n(Dataset(default_graphs=["not an iri"]))


def test_row_cap(store: ox.Store) -> None:
    with pytest.raises(TooManyRows, match="more than 10 rows"):
        _run(store, "SELECT * WHERE { ?s ?p ?o }", rows=10)
    assert _run(store, "SELECT * WHERE { ?s ?p ?o } LIMIT 10", rows=10).rows == 10


def test_syntax_errors_carry_the_parsers_position(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="syntax error: error at 1:"):
        _run(store, "SELECT * WHERE { ?s ")
