"""The Graph Store Protocol at /store: one article's graph, the default graph, or the whole
dataset, downloaded from the running server; and, where SPARQL Update is enabled, named
graphs replaced, added to or dropped with the write token.

`GET /store?graph=<IRI>` gives one named graph and `GET /store?default` the default graph (the
union of the named graphs, as queries see it), in Turtle, N-Triples, JSON-LD or RDF/XML by
negotiation; `GET /store` gives the whole dataset as TriG, N-Quads or JSON-LD. Each is written from one
consistent view of the store into a spooled file and streamed from it, so a large download
holds neither the store nor the server's memory.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO, Annotated, Any

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from newsgraph.api.common import PROBLEM, graph_write_refused, problem, server_state
from newsgraph.api.negotiation import wanted, wanted_dataset
from newsgraph.core.errors import NewsgraphError, QueryError
from newsgraph.core.text import one_line
from newsgraph.graph.endpoint import GRAPH_MEDIA, GRAPH_TYPES, graph_iri

router = APIRouter(tags=["sparql"])

_IN_MEMORY = 8 * 1024 * 1024  # a download larger than this is spooled to a temporary file
_CHUNK = 256 * 1024
_QUADS = {
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


GraphParam = Annotated[str | None, Query(description="the IRI of the named graph")]
_RDF_TYPES = sorted({*GRAPH_MEDIA.values(), *_QUADS})
READ_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A graph (Turtle, N-Triples, JSON-LD, RDF/XML) or the dataset (TriG, N-Quads)",
        "content": {media: {"schema": {"type": "string"}} for media in _RDF_TYPES},
    },
    400: {"description": "Both ?graph and ?default, or a graph name that is no IRI", "content": PROBLEM},
    404: {"description": "The store holds no graph of that name", "content": PROBLEM},
    406: {"description": "No acceptable RDF format", "content": PROBLEM},
    503: {"description": "The graph store could not be read", "content": PROBLEM},
}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    201: {"description": "The graph was created"},
    204: {"description": "The graph was written (or dropped)"},
    400: {
        "description": "No ?graph, a graph name that is no IRI, or a body that does not parse",
        "content": PROBLEM,
    },
    401: {"description": "A write without the write token", "content": PROBLEM},
    403: {
        "description": "Writes are disabled (NEWSGRAPH_SPARQL_UPDATE) or the store is read-only",
        "content": PROBLEM,
    },
    404: {"description": "DELETE: the store holds no graph of that name", "content": PROBLEM},
    413: {"description": "The body is larger than the server reads", "content": PROBLEM},
    415: {"description": "A body in no RDF graph format", "content": PROBLEM},
    503: {"description": "The graph store refused the write", "content": PROBLEM},
}
_RDF_BODY = {
    "requestBody": {
        "required": True,
        "content": {media: {"schema": {"type": "string"}} for media in GRAPH_MEDIA.values()},
    }
}


@router.get("/store", response_class=Response, responses=READ_RESPONSES)
async def graph_store(
    request: Request,
    graph: GraphParam = None,
    default: Annotated[str | None, Query(description="present: the default graph (the union)")] = None,
) -> Response:
    """Download a named graph, the default graph, or the whole dataset (Graph Store Protocol)."""
    state = server_state(request)
    accept = request.headers.get("accept")
    if graph is not None and default is not None:
        return problem(400, "name either ?graph=<IRI> or ?default, not both")
    try:
        name = None if graph is None else graph_iri(graph)
    except QueryError as exc:
        return problem(400, str(exc))
    whole = graph is None and default is None
    try:
        media = wanted_dataset(accept) if whole else wanted(accept).media(graph_result=True)
    except QueryError as exc:
        return problem(406, str(exc))
    if media is None:
        return problem(406, f"a dataset is written as {', '.join(_QUADS)}")
    fmt = _QUADS[media] if whole else GRAPH_TYPES[media]
    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY)  # noqa: SIM115 (closed by the stream)
    try:
        # The whole dataset, one named graph, or (?default) the union of them.
        found = await run_in_threadpool(
            state.service.graph.backend.dump, spool, fmt, name, default is not None
        )
    except NewsgraphError as exc:
        spool.close()
        return problem(503, str(exc))
    if not found:
        spool.close()
        return problem(404, f"no graph {graph!r:.120} in the store")
    spool.seek(0)
    return StreamingResponse(_chunks(spool), media_type=media)


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    try:
        while piece := spool.read(_CHUNK):
            yield piece
    finally:
        spool.close()


# ---------------------------------------------------------------- writes


@router.put(
    "/store", status_code=204, response_class=Response, responses=WRITE_RESPONSES, openapi_extra=_RDF_BODY
)
async def replace_graph(request: Request, graph: GraphParam = None) -> Response:
    """Replace a named graph with the RDF in the body (201 when it is new). Needs SPARQL Update
    enabled and the write token."""
    return await _write(request, graph, replace=True)


@router.post(
    "/store", status_code=204, response_class=Response, responses=WRITE_RESPONSES, openapi_extra=_RDF_BODY
)
async def add_to_graph(request: Request, graph: GraphParam = None) -> Response:
    """Add the RDF in the body to a named graph. Needs SPARQL Update enabled and the write token."""
    return await _write(request, graph, replace=False)


@router.delete("/store", status_code=204, response_class=Response, responses=WRITE_RESPONSES)
async def drop_graph(request: Request, graph: GraphParam = None) -> Response:
    """Drop a named graph (404 when the store has none of that name). Needs SPARQL Update
    enabled and the write token."""
    refused, name = _writable(request, graph)
    if refused is not None:
        return refused
    if not await run_in_threadpool(server_state(request).service.graph.drop_graph, name):
        return problem(404, f"no graph {name[:120]} in the store")
    return Response(status_code=204)


async def _write(request: Request, graph: str | None, replace: bool) -> Response:
    refused, name = _writable(request, graph)
    if refused is not None:
        return refused
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fmt = ox.RdfFormat.from_media_type(media) if media else None
    if fmt is None or fmt.supports_datasets:
        return problem(415, "send one graph as Turtle, N-Triples, JSON-LD or RDF/XML")
    try:
        triples = [quad.triple for quad in ox.parse(await request.body(), format=fmt, base_iri=name)]
    except (SyntaxError, ValueError) as exc:
        return problem(400, f"the body is not {fmt.name}: {one_line(exc, 160)}")
    body = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
    try:
        existed = await run_in_threadpool(server_state(request).service.graph.put_graph, name, body, replace)
    except NewsgraphError as exc:
        return problem(503, str(exc))
    return Response(status_code=204 if existed else 201)


def _writable(request: Request, graph: str | None) -> tuple[JSONResponse | None, str]:
    """A refusal for a write the endpoint does not take, or None and the graph's IRI."""
    refused = graph_write_refused(request)
    if refused is not None:
        return refused, ""
    if graph is None:
        return problem(
            400, "name the graph to write: ?graph=<IRI> (the default graph is the union of them)"
        ), ""
    try:
        return None, graph_iri(graph)
    except QueryError as exc:
        return problem(400, str(exc)), ""
