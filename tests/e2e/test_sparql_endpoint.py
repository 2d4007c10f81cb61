"""/sparql against standard clients, unmodified: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import RDFS, Dataset, Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from newsgraph.graph.examples import EXAMPLES
from tests.helpers import EXPORTS, MEMORY, REPO
from tests.helpers.server import AUTH, NEWSGRAPH, TOKEN, Server, post_articles, serve

NG = "https://w3id.org/newsgraph/ns#"
ARTICLE = "https://w3id.org/newsgraph/id/article/"
SELECT_LABELS = """
PREFIX schema: <https://schema.org/>
SELECT ?article ?headline WHERE { ?article a schema:NewsArticle ; schema:headline ?headline }
ORDER BY ?headline"""
ASK_MEMORY = (
    "PREFIX schema: <https://schema.org/> ASK { ?a schema:headline 'Memory makers race to supply HBM' }"
)
CONSTRUCT_MENTIONS = f"""
PREFIX ng: <{NG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT {{ ?e rdfs:label ?label }}
WHERE {{ GRAPH <{ARTICLE}memory> {{ ?m ng:refersTo ?e }} ?e rdfs:label ?label }}"""
HEADLINES = {MEMORY.title, EXPORTS.title}


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, graph_store: Callable[[Path], str | None]
) -> Iterator[Server]:
    """A server holding the two test articles, with SPARQL Update enabled."""
    folder = tmp_path_factory.mktemp("sparql")
    remote = graph_store(folder)
    env = {"NEWSGRAPH_SPARQL_UPDATE": "true", "NEWSGRAPH_SPARQL_MAX_ROWS": "5000"}
    with serve(folder / "store", env=env | ({"NEWSGRAPH_GRAPH_URL": remote} if remote else {})) as running:
        post_articles(running, [MEMORY, EXPORTS])
        yield running


def _wrapper(server: Server, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == POST:
        client.setMethod(POST)
    elif method == POSTDIRECTLY:
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    return client


@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY], ids=["get", "post-form", "post-direct"])
def test_select_as_json_by_every_method(server: Server, method: str | None) -> None:
    result = _wrapper(server, SELECT_LABELS, JSON, method).queryAndConvert()
    assert result["head"]["vars"] == ["article", "headline"]
    rows = result["results"]["bindings"]
    assert {r["headline"]["value"] for r in rows} == HEADLINES
    assert all(r["article"]["type"] == "uri" for r in rows)


def test_select_as_xml_csv_and_tsv(server: Server) -> None:
    document = _wrapper(server, SELECT_LABELS, XML).queryAndConvert()
    literals = {node.firstChild.data for node in document.getElementsByTagName("literal")}
    assert literals == HEADLINES
    table = list(csv.reader(io.StringIO(_wrapper(server, SELECT_LABELS, CSV).queryAndConvert().decode())))
    assert table[0] == ["article", "headline"] and {row[1] for row in table[1:]} == HEADLINES
    lines = _wrapper(server, SELECT_LABELS, TSV).queryAndConvert().decode().splitlines()
    assert lines[0] == "?article\t?headline"
    assert {line.split("\t")[1] for line in lines[1:]} == {f'"{h}"' for h in HEADLINES}
    assert all(line.startswith(f"<{ARTICLE}") for line in lines[1:])


@pytest.mark.parametrize(("fmt", "expected"), [(JSON, True), (XML, True), (CSV, b"true\n"), (TSV, b"true\n")])
def test_ask_in_every_format(server: Server, fmt: str, expected: object) -> None:
    result = _wrapper(server, ASK_MEMORY, fmt).queryAndConvert()
    if fmt == JSON:
        assert result["boolean"] is expected
    elif fmt == XML:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert result == expected


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_construct_in_every_format(server: Server, fmt: str) -> None:
    raw = _wrapper(server, CONSTRUCT_MENTIONS, fmt).query()
    body = raw.response.read()
    syntax = {TURTLE: "turtle", N3: "turtle", RDFXML: "xml", JSONLD: "json-ld"}[fmt]
    graph = Graph().parse(data=body, format=syntax)
    labels = {str(o) for o in graph.objects()}
    assert {"SK Hynix", "Nvidia", "Samsung Electronics"} <= labels


def test_construct_as_ntriples_by_accept_header(server: Server) -> None:
    client = _wrapper(server, CONSTRUCT_MENTIONS, TURTLE)
    client.addCustomHttpHeader("Accept", "application/n-triples")
    response = client.query().response
    assert response.headers["Content-Type"].startswith("application/n-triples")
    graph = Graph().parse(data=response.read(), format="nt")
    assert "SK Hynix" in {str(o) for o in graph.objects()}


@pytest.mark.parametrize("fmt", ["xml", "json", "csv"])
def test_rdflib_sparqlstore_selects_in_each_format(server: Server, fmt: str) -> None:
    store = SPARQLStore(f"{server.url}/sparql", returnFormat=fmt)
    rows = list(store.query(SELECT_LABELS))
    assert {str(r.headline) for r in rows} == HEADLINES  # type: ignore[union-attr]


def test_rdflib_sparqlstore_reads_the_endpoint_as_a_graph(server: Server) -> None:
    store = SPARQLStore(f"{server.url}/sparql")
    assert store.query(ASK_MEMORY).askAnswer is True
    graph = Graph(store=store)
    assert (None, URIRef("https://schema.org/headline"), Literal(MEMORY.title)) in graph
    constructed = store.query(CONSTRUCT_MENTIONS)
    assert "SK Hynix" in {str(o) for o in constructed.graph.objects()}  # type: ignore[union-attr]


def test_default_graph_is_the_union_and_article_graphs_stay_addressable(server: Server) -> None:
    def count(params: dict[str, object]) -> int:
        response = httpx.get(
            f"{server.url}/sparql",
            params={
                "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/newsgraph/ns#Sentence> }",
                **params,
            },
            headers={"accept": "application/sparql-results+json"},
        )
        return int(response.json()["results"]["bindings"][0]["n"]["value"])

    union = count({})
    memory = count({"default-graph-uri": f"{ARTICLE}memory"})
    exports = count({"default-graph-uri": f"{ARTICLE}exports"})
    assert 0 < memory < union and memory + exports == union
    named = httpx.get(
        f"{server.url}/sparql",
        params={
            "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            "named-graph-uri": f"{ARTICLE}exports",
        },
        headers={"accept": "application/sparql-results+json"},
    ).json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [f"{ARTICLE}exports"]


def test_syntax_error_is_a_400_with_the_parsers_message(server: Server) -> None:
    with pytest.raises(QueryBadFormed):
        _wrapper(server, "SELECT ?x WHERE { ?x ", JSON).queryAndConvert()
    response = httpx.get(f"{server.url}/sparql", params={"query": "SELEKT * WHERE {}"})
    assert response.status_code == 400
    assert "syntax error" in response.json()["detail"] and "1:" in response.json()["detail"]
    assert httpx.get(f"{server.url}/sparql", params={"query": " "}).status_code == 400


def test_relative_iris_resolve_against_the_endpoint(server: Server) -> None:
    response = httpx.post(
        f"{server.url}/sparql",
        content="CONSTRUCT { <s> <p> 1 } WHERE {}",
        headers={"content-type": "application/sparql-query", "accept": "application/n-triples"},
    )
    assert response.status_code == 200, response.text
    assert f"<{server.url}/s> <{server.url}/p>" in response.text


def test_one_query_or_update_per_request(server: Server) -> None:
    twice = httpx.get(f"{server.url}/sparql", params=[("query", "ASK {}"), ("query", "SELECT * {}")])
    assert twice.status_code == 400 and "more than one" in twice.json()["detail"]
    form = {"update": ["CLEAR ALL", "CLEAR ALL"]}
    assert httpx.post(f"{server.url}/sparql", data=form, headers=AUTH).status_code == 400
    assert httpx.get(f"{server.url}/sparql", params={"update": "CLEAR ALL"}).status_code == 400
    assert _count(server) > 0  # nothing was cleared


def test_a_body_not_in_utf8_is_refused(server: Server) -> None:
    for media in ("application/sparql-query", "application/sparql-update"):
        response = httpx.post(
            f"{server.url}/sparql",
            content="ASK {}".encode("utf-16"),
            headers={"content-type": f"{media}; charset=UTF-16", **AUTH},
        )
        assert response.status_code == 415 and "UTF-8" in response.json()["detail"]
    labelled = httpx.post(
        f"{server.url}/sparql",
        content=b"ASK {}",
        headers={
            "content-type": "application/sparql-query; charset=utf-8",
            "accept": "application/sparql-results+json",
        },
    )
    assert labelled.status_code == 200 and labelled.json()["boolean"] is True


def _count(server: Server) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    reply = httpx.get(
        f"{server.url}/sparql", params={"query": query}, headers={"accept": "application/sparql-results+json"}
    )
    return int(reply.json()["results"]["bindings"][0]["n"]["value"])


def test_service_is_refused(server: Server) -> None:
    query = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    response = httpx.get(f"{server.url}/sparql", params={"query": query})
    assert response.status_code == 400 and "SERVICE" in response.json()["detail"]
    # The word inside a string is no federated query.
    harmless = httpx.get(f"{server.url}/sparql", params={"query": "ASK { FILTER('SERVICE' != '') }"})
    assert harmless.status_code == 200


def test_row_cap_stops_a_runaway_query(server: Server) -> None:
    response = httpx.get(
        f"{server.url}/sparql",
        params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"},
        timeout=120,
    )
    assert response.status_code == 422
    assert "5,000 rows" in response.json()["detail"]


def test_unacceptable_format_is_a_406(server: Server) -> None:
    response = httpx.get(
        f"{server.url}/sparql", params={"query": ASK_MEMORY}, headers={"accept": "image/png"}
    )
    assert response.status_code == 406


def test_update_needs_the_token(server: Server) -> None:
    update = "INSERT DATA { GRAPH <urn:test:notes> { <urn:test:a> <urn:test:says> 'hello' } }"
    form = {"update": update}
    assert httpx.post(f"{server.url}/sparql", data=form).status_code == 401
    wrong = httpx.post(f"{server.url}/sparql", data=form, headers={"authorization": "Bearer nope"})
    assert wrong.status_code == 401
    done = httpx.post(f"{server.url}/sparql", data=form, headers={"authorization": f"Bearer {TOKEN}"})
    assert done.status_code == 204
    ask = _wrapper(server, "ASK { GRAPH <urn:test:notes> { ?s ?p 'hello' } }", JSON).queryAndConvert()
    assert ask["boolean"] is True
    cleanup = httpx.post(
        f"{server.url}/sparql",
        content=b"DROP GRAPH <urn:test:notes>",
        headers={"content-type": "application/sparql-update", "authorization": f"Bearer {TOKEN}"},
    )
    assert cleanup.status_code == 204


def test_update_is_refused_unless_enabled(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from newsgraph.api.app import create_app
    from newsgraph.core.settings import Settings

    app = create_app(Settings(store=tmp_path / "store", write_token=TOKEN))
    with TestClient(app, base_url="http://localhost") as client:
        response = client.post("/sparql", data={"update": "CLEAR ALL"}, headers=AUTH)
        assert response.status_code == 403 and "read-only" in response.json()["detail"]
        assert client.post("/sparql", content=b"x", headers={"content-type": "image/png"}).status_code == 415
        assert json.loads(client.get("/sparql", params={"query": "ASK {}"}).content)["boolean"] is True
        put = client.put(
            "/store", params={"graph": "http://example.org/g"}, content=b"<a:s> <a:p> 1 .", headers=AUTH
        )
        assert put.status_code == 403 and "read-only" in put.json()["detail"]


# ---------------------------------------------------------------- Graph Store Protocol, read side


def _select_count(server: Server, query: str) -> int:
    reply = httpx.get(
        f"{server.url}/sparql", params={"query": query}, headers={"accept": "application/sparql-results+json"}
    )
    return int(reply.json()["results"]["bindings"][0]["n"]["value"])


def test_one_articles_graph_downloads_in_each_rdf_format(server: Server) -> None:
    graph = f"{ARTICLE}memory"
    expected = _select_count(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    for accept, fmt in (
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ):
        response = httpx.get(f"{server.url}/store", params={"graph": graph}, headers={"accept": accept})
        assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
        downloaded = Graph().parse(data=response.text, format=fmt)
        assert len(downloaded) == expected > 50
        assert (URIRef(graph), None, None) in downloaded


def test_the_whole_dataset_downloads_as_trig_or_nquads(server: Server) -> None:
    quads = _select_count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    for accept, fmt in (("application/trig", "trig"), ("application/n-quads", "nquads")):
        response = httpx.get(f"{server.url}/store", headers={"accept": accept})
        assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
        dataset = Dataset()
        dataset.parse(data=response.text, format=fmt)
        assert len(list(dataset.quads((None, None, None, None)))) == quads
        assert {str(g.identifier) for g in dataset.graphs()} >= {f"{ARTICLE}memory", f"{ARTICLE}exports"}
    assert httpx.get(f"{server.url}/store").headers["content-type"].startswith("application/trig")


def test_the_default_graph_downloads_as_the_union(server: Server) -> None:
    distinct = _select_count(
        server, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"
    )
    response = httpx.get(f"{server.url}/store?default", headers={"accept": "application/n-triples"})
    assert response.status_code == 200
    assert len(Graph().parse(data=response.text, format="nt")) == distinct


def test_bad_graph_store_requests_get_clear_errors(server: Server) -> None:
    missing = httpx.get(f"{server.url}/store", params={"graph": f"{ARTICLE}no-such-article"})
    assert missing.status_code == 404 and "no graph" in missing.json()["detail"]
    assert httpx.get(f"{server.url}/store", params={"graph": "not an iri"}).status_code == 400
    both = httpx.get(f"{server.url}/store", params=[("default", ""), ("graph", f"{ARTICLE}memory")])
    assert both.status_code == 400
    assert httpx.get(f"{server.url}/store", headers={"accept": "text/csv"}).status_code == 406
    assert httpx.get(f"{server.url}/store?default", headers={"accept": "text/csv"}).status_code == 406


def test_export_from_the_command_line_goes_through_the_server_holding_the_store(server: Server) -> None:
    quads = _select_count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    done = subprocess.run(
        [NEWSGRAPH, "export", "--store", str(server.store), "--format", "nquads"],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    dataset = Dataset()
    dataset.parse(data=done.stdout.decode(), format="nquads")
    assert len(list(dataset.quads((None, None, None, None)))) == quads
    unknown = subprocess.run(
        [NEWSGRAPH, "export", "--store", str(server.store), "--format", "csv"],
        capture_output=True,
        timeout=120,
    )
    assert unknown.returncode == 1 and b"unknown export format" in unknown.stderr


# ---------------------------------------------------------------- the vocabulary for researchers


def test_the_ontology_page_documents_every_term_and_its_examples_run(server: Server) -> None:
    terms = Graph().parse(REPO / "newsgraph" / "graph" / "ontology.ttl", format="turtle")
    documented = {s for s in terms.subjects(RDFS.label, None) if isinstance(s, URIRef)}
    page = httpx.get(f"{server.url}/ontology", headers={"accept": "text/html,*/*;q=0.8"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for term in documented - {URIRef("https://w3id.org/newsgraph/ns")}:
        assert str(terms.value(term, RDFS.comment)).replace("'", "&#x27;").replace('"', "&quot;") in page.text
    assert "supplies" in page.text  # the relation vocabulary too
    as_rdf = Graph().parse(data=httpx.get(f"{server.url}/ontology").text, format="turtle")
    assert documented <= set(as_rdf.subjects(RDFS.label, None))
    assert (URIRef("https://w3id.org/newsgraph/ns#supplies"), RDFS.comment, None) in as_rdf
    for example in EXAMPLES:
        reply = httpx.get(
            f"{server.url}/sparql",
            params={"query": example.about("Nvidia")},
            headers={"accept": "application/sparql-results+json"},
        )
        assert reply.status_code == 200, (example.title, reply.text)
    assert httpx.get(f"{server.url}/ontology", headers={"accept": "text/csv"}).status_code == 406


# ---------------------------------------------------------------- Graph Store Protocol, writes


def test_graph_store_writes_replace_add_and_drop_a_graph_with_the_token(server: Server) -> None:
    graph = "http://example.org/researcher/notes"
    url = f"{server.url}/store"
    turtle = {"content-type": "text/turtle", **AUTH}
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    created = httpx.put(url, params={"graph": graph}, content=b"<s1> <p> 1 . <s2> <p> 2 .", headers=turtle)
    assert created.status_code == 201 and _select_count(server, count) == 2
    # Relative IRIs in the body resolve against the graph's IRI.
    assert (
        _select_count(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ <{graph.rsplit('/', 1)[0]}/s1> ?p ?o }}")
        == 1
    )
    added = httpx.post(url, params={"graph": graph}, content=b"<s3> <p> 3 .", headers=turtle)
    assert added.status_code == 204 and _select_count(server, count) == 3
    replaced = httpx.put(url, params={"graph": graph}, content=b"<s4> <p> 4 .", headers=turtle)
    assert replaced.status_code == 204 and _select_count(server, count) == 1
    downloaded = httpx.get(url, params={"graph": graph}, headers={"accept": "application/n-triples"})
    assert len(Graph().parse(data=downloaded.text, format="nt")) == 1
    assert httpx.delete(url, params={"graph": graph}, headers=AUTH).status_code == 204
    assert _select_count(server, count) == 0
    assert httpx.delete(url, params={"graph": graph}, headers=AUTH).status_code == 404


def test_bad_graph_store_writes_get_clear_errors_and_change_nothing(server: Server) -> None:
    url = f"{server.url}/store"
    before = _select_count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    graph = {"graph": "http://example.org/g"}
    turtle = {"content-type": "text/turtle"}
    assert httpx.put(url, params=graph, content=b"<a> <b> <c> .", headers=turtle).status_code == 401
    broken = httpx.put(url, params=graph, content=b"<a> <b> .", headers={**turtle, **AUTH})
    assert broken.status_code == 400 and "Turtle" in broken.json()["detail"]
    assert (
        httpx.put(url, params=graph, content=b"a,b", headers={"content-type": "text/csv", **AUTH}).status_code
        == 415
    )
    assert httpx.put(url, content=b"<a> <b> <c> .", headers={**turtle, **AUTH}).status_code == 400
    hostile = {"graph": "http://example.org/g> } } ; DROP ALL ; INSERT DATA { GRAPH <http://x"}
    assert (
        httpx.put(url, params=hostile, content=b"<a> <b> <c> .", headers={**turtle, **AUTH}).status_code
        == 400
    )
    assert _select_count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == before
