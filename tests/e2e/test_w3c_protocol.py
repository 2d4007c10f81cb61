"""The W3C SPARQL 1.1 Protocol test manifest, run against a real server.

tests/w3c/ holds the manifest and its data from the W3C RDF/SPARQL test suites (w3c/rdf-tests
at ad541a5f, sparql/sparql11/protocol/; dual 3-clause BSD / W3C Test Suite Licence). Each case
is one or more HTTP requests with the response expected: a status class, a result format
(boolean, tabular or RDF) and, for ASK, the boolean. Before each case the throwaway store is
emptied and loaded with the graphs the case names (`qt:data`, `ut:graphData`), through SPARQL
Update with the write token; every request carries the token, so the update-side cases run too.
The count that pass is printed under "scores".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from tests.helpers.server import AUTH, Server, serve

W3C = Path(__file__).resolve().parent.parent / "w3c"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
_RESULTS = {"application/sparql-results+json", "application/sparql-results+xml"}
_RDF = {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json", "text/n3"}


@dataclass(frozen=True)
class Step:
    """One request of a case and the response it expects."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: frozenset[int]  # the status classes allowed: 2, 3, 4
    result: str | None  # "boolean", "tabular", "RDF"
    boolean: bool | None


@dataclass(frozen=True)
class Case:
    name: str
    update_side: bool
    graphs: dict[str, Path]  # graph IRI -> the N-Triples file it holds
    steps: tuple[Step, ...]


def _cases() -> list[Case]:
    manifest = Graph().parse(W3C / "manifest.ttl", format="turtle", publicID=(W3C / "manifest.ttl").as_uri())
    (head,) = manifest.objects(None, MF.entries)
    return [_case(manifest, entry) for entry in Collection(manifest, head)]


def _case(manifest: Graph, entry: URIRef) -> Case:
    name = str(entry).rsplit("#", 1)[-1]
    graphs: dict[str, Path] = {}
    for link in (QT.data, UT.graphData):
        for node in manifest.objects(entry, link):
            if isinstance(node, URIRef):  # a file loaded into the default graph: none here
                continue
            graphs[str(manifest.value(node, RDFS.label))] = (
                W3C / Path(str(manifest.value(node, UT.graph))).name
            )
    action = manifest.value(entry, MF.action)
    steps = tuple(
        _step(manifest, request) for request in Collection(manifest, manifest.value(action, HT.requests))
    )
    return Case(name, "update" in name, graphs, steps)


def _step(manifest: Graph, request: URIRef) -> Step:
    headers = {}
    listed = manifest.value(request, HT.headers)
    for header in Collection(manifest, listed) if listed is not None else []:
        headers[str(manifest.value(header, HT.fieldName))] = str(manifest.value(header, HT.fieldValue))
    body = manifest.value(request, HT.body)
    chars = manifest.value(body, CNT.chars) if body is not None else None
    encoding = str(manifest.value(body, CNT.characterEncoding) or "UTF-8") if body is not None else "UTF-8"
    response = manifest.value(request, HT.resp)
    statuses = frozenset(
        int(str(s).rsplit("StatusCode", 1)[-1][0]) for s in manifest.objects(response, MF.expectedStatus)
    )
    result = manifest.value(response, MF.expectedFormat)
    boolean = manifest.value(response, MF.expectedBoolean)
    path = str(manifest.value(request, HT.absolutePath)).replace("/sparql/", "/sparql", 1)
    return Step(
        str(manifest.value(request, HT.methodName)),
        path,
        headers,
        None if chars is None else str(chars).encode(encoding),
        statuses,
        None if result is None else str(result),
        None if boolean is None else bool(boolean.toPython()),
    )


CASES = _cases()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A throwaway store's server with SPARQL Update enabled."""
    with serve(tmp_path_factory.mktemp("w3c") / "store", env={"NEWSGRAPH_SPARQL_UPDATE": "true"}) as running:
        yield running


def _load(server: Server, graphs: dict[str, Path]) -> None:
    """Empty the store, then load each named graph from its N-Triples file."""
    inserts = " ".join(f"GRAPH <{iri}> {{ {path.read_text()} }}" for iri, path in graphs.items())
    update = "DROP ALL" + (f" ; INSERT DATA {{ {inserts} }}" if inserts else "")
    loaded = httpx.post(
        f"{server.url}/sparql", content=update, headers={"content-type": "application/sparql-update", **AUTH}
    )
    assert loaded.status_code == 204, loaded.text


def _check(step: Step, response: httpx.Response) -> str | None:
    """What is wrong with a response, or None."""
    if response.status_code // 100 not in step.statuses:
        return f"status {response.status_code} (expected {sorted(step.statuses)}xx): {response.text[:200]}"
    media = response.headers.get("content-type", "").split(";")[0].strip()
    if step.result in ("boolean", "tabular") and media not in _RESULTS:
        return f"a {step.result} result as {media}"
    if step.result == "RDF" and media not in _RDF:
        return f"an RDF result as {media}"
    if step.boolean is not None:
        answer = (
            json.loads(response.text).get("boolean") if media.endswith("json") else ("true" in response.text)
        )
        if answer is not step.boolean:
            return f"answered {answer}, expected {step.boolean}"
    return None


def _run(server: Server, case: Case) -> str | None:
    _load(server, case.graphs)
    for number, step in enumerate(case.steps, 1):
        response = httpx.request(
            step.method, f"{server.url}{step.path}", content=step.body, headers={**step.headers, **AUTH}
        )
        wrong = _check(step, response)
        if wrong:
            return f"request {number}: {wrong}"
    return None


def test_every_protocol_case_passes(server: Server, scores: Callable[[str], None]) -> None:
    failures = {case.name: wrong for case in CASES if (wrong := _run(server, case))}
    for side, update_side in (("query", False), ("update", True)):
        cases = [c for c in CASES if c.update_side is update_side]
        passed = sum(1 for c in cases if c.name not in failures)
        scores(f"W3C SPARQL 1.1 Protocol, {side}-side cases: {passed} of {len(cases)} pass")
    assert failures == {}, json.dumps(failures, indent=1)


def test_the_manifest_is_read_whole() -> None:
    assert len(CASES) == 34
    assert sum(1 for c in CASES if not c.update_side) == 20  # the query side the issue counts
    assert all(c.steps and all(s.statuses for s in c.steps) for c in CASES)
    assert all(path.exists() for c in CASES for path in c.graphs.values())


# ---------------------------------------------------------------- the service description

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = "http://www.w3.org/ns/formats/"


def test_the_service_description_manifest_cases_pass(server: Server, scores: Callable[[str], None]) -> None:
    manifest = Graph().parse(W3C / "service-description.ttl", format="turtle")
    (head,) = manifest.objects(None, MF.entries)
    names = {str(entry).rsplit("#", 1)[-1] for entry in Collection(manifest, head)}
    assert names == {"returns-rdf", "has-endpoint-triple", "conforms-to-schema"}

    _load(server, {f"http://example.org/graph/{n}": W3C / f"data{n}.nt" for n in (1, 2, 3)})
    response = httpx.get(f"{server.url}/sparql")
    # returns-rdf: Turtle by default
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    description = Graph().parse(data=response.text, format="turtle")
    # has-endpoint-triple: the URL the description was fetched from
    (service,) = description.subjects(SD.endpoint, URIRef(f"{server.url}/sparql"))
    # conforms-to-schema: a sd:Service with its languages, result formats, features and dataset
    assert (service, RDF.type, SD.Service) in description
    assert set(description.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query, SD.SPARQL11Update}
    assert URIRef(FORMATS + "SPARQL_Results_JSON") in set(description.objects(service, SD.resultFormat))
    assert len(set(description.objects(service, SD.resultFormat))) == 8
    assert (service, SD.feature, SD.UnionDefaultGraph) in description
    dataset = description.value(service, SD.defaultDataset)
    assert (dataset, RDF.type, SD.Dataset) in description
    assert (description.value(dataset, SD.defaultGraph), RDF.type, SD.Graph) in description
    counted = {
        str(description.value(named, SD.name)): int(
            description.value(description.value(named, SD.graph), VOID.triples)
        )
        for named in description.objects(dataset, SD.namedGraph)
    }
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    rows = httpx.get(
        f"{server.url}/sparql", params={"query": query}, headers={"accept": "application/sparql-results+json"}
    )
    expected = {b["g"]["value"]: int(b["n"]["value"]) for b in rows.json()["results"]["bindings"]}
    assert counted == expected and len(counted) == 3
    scores("W3C SPARQL 1.1 Service Description cases: 3 of 3 pass")


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("application/n-triples", "nt"), ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")],
)
def test_the_service_description_in_other_rdf_formats(server: Server, accept: str, fmt: str) -> None:
    response = httpx.get(f"{server.url}/sparql", headers={"accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    description = Graph().parse(data=response.text, format=fmt)
    assert (None, SD.endpoint, URIRef(f"{server.url}/sparql")) in description


def test_a_service_description_in_no_rdf_format_is_a_406(server: Server) -> None:
    assert httpx.get(f"{server.url}/sparql", headers={"accept": "text/csv"}).status_code == 406
