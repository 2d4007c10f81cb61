"""A remote SPARQL 1.1 store over HTTP: an Oxigraph server, Fuseki, GraphDB, Virtuoso, Neptune.

Queries go to the store's query endpoint and updates to its update endpoint (the SPARQL
1.1 Protocol); the whole dataset is read from its Graph Store Protocol endpoint. Selected
by NEWSGRAPH_GRAPH_URL, the server's base URL; the three endpoints default to Oxigraph's
`/query`, `/update` and `/store` under it, and each can be set on its own.

What the store must support: SPARQL 1.1 Query and Update over named graphs, with the
union of the named graphs as the default graph of a query (Oxigraph: `serve
--union-default-graph`; Fuseki: `unionDefaultGraph`; GraphDB and Virtuoso do so by
default); an update request applied as one transaction; SPARQL JSON results; N-Triples
for graph results; and N-Quads from a Graph Store Protocol GET of the whole dataset.

Every query sent carries Newsgraph's prefixes, so the same text runs here and on the
embedded store. The remote store cannot be snapshotted: researchers' queries are checked
in the sandbox's workers as usual, then answered by the remote store within the time limit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import IO
from urllib.parse import urljoin, urlsplit

import httpx
import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.query import Result

from newsgraph.core.errors import GraphError, QueryError
from newsgraph.core.text import one_line
from newsgraph.graph.endpoint import UNION_GRAPH, QueryTimeout, Reply, TooManyRows, Wanted, graph_iri, written
from newsgraph.graph.endpoint import Dataset as GraphDataset
from newsgraph.graph.vocab import PREFIXES, SPARQL_PREFIXES, sparql_iri

_SOLUTIONS = "application/sparql-results+json"
_TRIPLES = "application/n-triples"
# A query's result: solutions and booleans as SPARQL JSON, graphs as N-Triples.
_ANY_RESULT = f"{_SOLUTIONS}, {_TRIPLES};q=0.9"
_MAX_BODY = 512 * 1024 * 1024  # a reply larger than this is refused before it fills memory


def endpoint_urls(
    base: str, query: str | None, update: str | None, store: str | None
) -> tuple[str, str, str]:
    """The query, update and graph-store endpoint URLs: each as given, else Oxigraph's under `base`.

    Only http and https URLs are taken; the store is named by the operator's settings, never
    by a request."""
    root = base.rstrip("/") + "/"
    urls = (
        query or urljoin(root, "query"),
        update or urljoin(root, "update"),
        store or urljoin(root, "store"),
    )
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise GraphError(f"the graph store URL {url!r} is not an http(s) URL")
    return urls


class RemoteSparqlBackend:
    """A SPARQL 1.1 store reached over HTTP (the protocol in protocol.py)."""

    def __init__(
        self,
        base_url: str,
        read_only: bool = False,
        query_url: str | None = None,
        update_url: str | None = None,
        store_url: str | None = None,
        timeout: float = 60.0,
    ) -> None:
        self.query_url, self.update_url, self.store_url = endpoint_urls(
            base_url, query_url, update_url, store_url
        )
        self.path = Path(urlsplit(self.query_url).path)  # no folder: named for messages only
        self.read_only = read_only
        self._http = httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False)
        self._generation = 0
        try:
            self.values("SELECT * WHERE { } LIMIT 1")  # reached now, not at the first question
        except QueryError as exc:
            self._http.close()
            # Unreachable: the error names the store already; anything else: say which store.
            named = self.query_url in str(exc)
            raise GraphError(str(exc) if named else f"the graph store at {self.query_url}: {exc}") from exc

    @property
    def generation(self) -> int:
        """How many updates this process has sent (others' writes are not counted)."""
        return self._generation

    # ------------------------------------------------------------------ the protocol

    def _post_query(
        self,
        sparql: str,
        accept: str,
        timeout: float | None = None,
        dataset: GraphDataset | None = None,
        base: str | None = None,
    ) -> tuple[str, bytes]:
        """POST a query (with Newsgraph's prefixes, and `base` as its base IRI); the reply's media
        type and body, or QueryError."""
        prologue = (f"BASE {sparql_iri(graph_iri(base))}\n" if base else "") + SPARQL_PREFIXES
        params: list[tuple[str, str | int | float | bool | None]] = []
        if dataset is not None:
            params += [("default-graph-uri", graph_iri(g)) for g in dataset.default_graphs]
            params += [("named-graph-uri", graph_iri(g)) for g in dataset.named_graphs]
        body = bytearray()
        try:
            with self._http.stream(
                "POST",
                self.query_url,
                params=params,
                content=(prologue + sparql).encode("utf-8"),
                headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept},
                timeout=timeout if timeout is not None else self._http.timeout,
            ) as reply:
                for piece in reply.iter_bytes():
                    body += piece
                    if len(body) > _MAX_BODY:
                        raise TooManyRows(f"the graph store's reply is larger than {_MAX_BODY // 2**20} MiB")
        except httpx.TimeoutException as exc:
            raise QueryTimeout("the graph store did not answer in time") from exc
        except httpx.HTTPError as exc:
            raise QueryError(
                f"the graph store at {self.query_url} cannot be reached: {one_line(exc, 120)}"
            ) from exc
        if reply.status_code >= 400:
            message = bytes(body).decode("utf-8", "replace") or reply.reason_phrase
            raise QueryError(f"SPARQL query: {one_line(message, 160)}")
        media = reply.headers.get("content-type", "application/octet-stream").split(";")[0].strip()
        return media, bytes(body)

    def query(self, sparql: str) -> Result:
        """Run a SPARQL query and read its result as rdflib's (solutions, boolean or graph)."""
        media, body = self._post_query(sparql, _ANY_RESULT)
        if media == _TRIPLES:
            result = Result("CONSTRUCT")
            result.graph = Graph().parse(data=body, format="nt")
            return result
        return _solutions(body)

    def values(self, sparql: str) -> list[tuple[str | None, ...]]:
        """A SELECT query's rows as the lexical values of their terms (None where unbound)."""
        data = _json(self._post_query(sparql, _SOLUTIONS)[1])
        names = data.get("head", {}).get("vars", [])
        return [
            tuple((row[name]["value"] if name in row else None) for name in names)
            for row in data.get("results", {}).get("bindings", [])
        ]

    def update(self, sparql: str) -> None:
        """Send a SPARQL update; the store applies one request as one transaction."""
        if self.read_only:
            raise GraphError("the graph store is open read-only")
        try:
            reply = self._http.post(
                self.update_url,
                content=(SPARQL_PREFIXES + sparql).encode("utf-8"),
                headers={"Content-Type": "application/sparql-update; charset=utf-8"},
            )
        except httpx.HTTPError as exc:
            raise GraphError(
                f"the graph store at {self.update_url} cannot be reached: {one_line(exc, 120)}"
            ) from exc
        finally:
            self._generation += 1
        if reply.status_code >= 400:
            raise GraphError(f"SPARQL update: {one_line(reply.text or reply.reason_phrase, 160)}")

    def answer(
        self,
        sparql: str,
        wanted: Wanted,
        rows: int,
        seconds: float | None = None,
        dataset: GraphDataset | None = None,
        base: str | None = None,
    ) -> Reply:
        """A researcher's query, answered by the remote store and written here as the embedded
        store's answers are (the same formats, the same row cap)."""
        media, body = self._post_query(sparql, _ANY_RESULT, seconds, dataset, base)
        result: ox.QueryBoolean | ox.QuerySolutions | Iterator[ox.Triple]
        try:
            if media == _TRIPLES:
                result = _triples(body)
            else:
                result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            return written(result, wanted, rows)
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"the graph store's reply cannot be read: {one_line(exc, 120)}") from exc

    def snapshot(self, target: Path) -> None:
        """A remote store is not copied: its own server answers researchers' queries."""
        raise GraphError("a remote graph store cannot be snapshotted")

    def dump(
        self, output: IO[bytes], fmt: ox.RdfFormat, graph: str | None = None, union: bool = False
    ) -> bool:
        """One named graph, or the whole dataset, read through the Graph Store Protocol; the
        union of the named graphs through a CONSTRUCT query."""
        if union:
            _, body = self._post_query(UNION_GRAPH, _TRIPLES)
            ox.serialize(_triples(body), output, format=fmt)
            return True
        params = {"graph": graph_iri(graph)} if graph is not None else {}
        try:
            with self._http.stream(
                "GET", self.store_url, params=params, headers={"Accept": fmt.media_type}
            ) as reply:
                if reply.status_code == 404 and graph is not None:
                    return False  # no such named graph; for the whole dataset, an error below
                if reply.status_code >= 400:
                    raise GraphError(f"reading the graph store: {reply.status_code} {reply.reason_phrase}")
                for piece in reply.iter_bytes():
                    output.write(piece)
        except httpx.HTTPError as exc:
            raise GraphError(
                f"the graph store at {self.store_url} cannot be reached: {one_line(exc, 120)}"
            ) from exc
        return True

    def dataset(self) -> Dataset:
        """The whole store, read through the Graph Store Protocol as N-Quads."""
        quads = BytesIO()
        self.dump(quads, ox.RdfFormat.N_QUADS)
        dataset = Dataset(default_union=True)
        for prefix, namespace in PREFIXES.items():
            dataset.bind(prefix, namespace)
        dataset.parse(data=quads.getvalue(), format="nquads")
        return dataset

    def close(self) -> None:
        """Close the HTTP connections."""
        self._http.close()


def _json(body: bytes) -> dict:
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise QueryError(f"the graph store's reply is not SPARQL JSON: {one_line(exc, 120)}") from exc
    if not isinstance(data, dict):
        raise QueryError("the graph store's reply is not SPARQL JSON")
    return data


def _triples(body: bytes) -> Iterator[ox.Triple]:
    """The triples of an N-Triples reply."""
    return (quad.triple for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES))


def _solutions(body: bytes) -> Result:
    """SPARQL JSON results as rdflib's Result (rows of terms, or a boolean)."""
    try:
        return Result.parse(BytesIO(body), format="json")
    except Exception as exc:  # rdflib's parser raises whatever the JSON trips
        raise QueryError(f"the graph store's reply is not SPARQL JSON: {one_line(exc, 120)}") from exc
