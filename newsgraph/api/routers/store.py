"""The Graph Store Protocol's read side at /store: one article's graph, the default graph, or
the whole dataset, downloaded from the running server.

`GET /store?graph=<IRI>` gives one named graph and `GET /store?default` the default graph (the
union of the named graphs, as queries see it), in Turtle, N-Triples, JSON-LD or RDF/XML by
negotiation; `GET /store` gives the whole dataset as TriG, N-Quads or JSON-LD. Each is written from one
consistent view of the store into a spooled file and streamed from it, so a large download
holds neither the store nor the server's memory.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO, Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from newsgraph.api.negotiation import wanted, wanted_dataset
from newsgraph.api.server import ServerState
from newsgraph.core.errors import NewsgraphError, QueryError
from newsgraph.graph.endpoint import GRAPH_TYPES, graph_iri

router = APIRouter(tags=["sparql"])

_IN_MEMORY = 8 * 1024 * 1024  # a download larger than this is spooled to a temporary file
_CHUNK = 256 * 1024
_QUADS = {
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


def _problem(status: int, message: str) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=status)


@router.get("/store", response_class=Response)
async def graph_store(
    request: Request,
    graph: Annotated[str | None, Query(description="the IRI of the named graph to download")] = None,
    default: Annotated[str | None, Query(description="present: the default graph (the union)")] = None,
) -> Response:
    """Download a named graph, the default graph, or the whole dataset (Graph Store Protocol)."""
    state: ServerState = request.app.state.newsgraph
    accept = request.headers.get("accept")
    if graph is not None and default is not None:
        return _problem(400, "name either ?graph=<IRI> or ?default, not both")
    try:
        name = None if graph is None else graph_iri(graph)
    except QueryError as exc:
        return _problem(400, str(exc))
    whole = graph is None and default is None
    try:
        media = wanted_dataset(accept) if whole else wanted(accept).media(graph_result=True)
    except QueryError as exc:
        return _problem(406, str(exc))
    if media is None:
        return _problem(406, f"a dataset is written as {', '.join(_QUADS)}")
    fmt = _QUADS[media] if whole else GRAPH_TYPES[media]
    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY)  # noqa: SIM115 (closed by the stream)
    try:
        # The whole dataset, one named graph, or (?default) the union of them.
        found = await run_in_threadpool(
            state.service.graph.backend.dump, spool, fmt, name, default is not None
        )
    except NewsgraphError as exc:
        spool.close()
        return _problem(503, str(exc))
    if not found:
        spool.close()
        return _problem(404, f"no graph {graph!r:.120} in the store")
    spool.seek(0)
    return StreamingResponse(_chunks(spool), media_type=media)


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    try:
        while piece := spool.read(_CHUNK):
            yield piece
    finally:
        spool.close()
