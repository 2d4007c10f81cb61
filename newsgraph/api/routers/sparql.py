"""The SPARQL 1.1 Protocol at /sparql: GET, form POST and direct POST, with content negotiation.

Queries are read-only and run in worker processes on a snapshot of the store
(newsgraph/graph/sandbox.py). SPARQL Update is refused unless the server enables it
(`NEWSGRAPH_SPARQL_UPDATE=true`), and then needs the write token like every write.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from newsgraph.api.common import PROBLEM, graph_write_refused, graph_writes_open, problem, server_state
from newsgraph.api.negotiation import wanted
from newsgraph.core.errors import QueryError
from newsgraph.graph.description import DESCRIPTION_PREFIXES, GRAPH_COUNTS, service_description
from newsgraph.graph.endpoint import (
    GRAPH_MEDIA,
    GRAPH_TYPES,
    SOLUTION_MEDIA,
    Dataset,
    NotAcceptable,
    QueryTimeout,
    TooManyRows,
)
from newsgraph.graph.guard import QueryRefused
from newsgraph.graph.sandbox import Busy

# Seconds a client refused for lack of a free query worker is told to wait.
_RETRY_AFTER = 2

router = APIRouter(tags=["sparql"])

_RESULT_TYPES = sorted({*SOLUTION_MEDIA.values(), *GRAPH_MEDIA.values()})
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Query results: SELECT/ASK as SPARQL JSON, XML, CSV or TSV; "
        "CONSTRUCT/DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML",
        "content": {media: {"schema": {"type": "string"}} for media in _RESULT_TYPES},
    },
    204: {"description": "The update was applied"},
    400: {"description": "The query cannot be parsed, or the request is malformed", "content": PROBLEM},
    401: {"description": "An update without the write token", "content": PROBLEM},
    403: {"description": "Updates are disabled, or LOAD names a host not allowed", "content": PROBLEM},
    406: {"description": "No acceptable result format", "content": PROBLEM},
    415: {"description": "A body that is neither a form, a query nor an update", "content": PROBLEM},
    422: {"description": "Too many rows: add a LIMIT", "content": PROBLEM},
    413: {"description": "The request body is larger than the server reads", "content": PROBLEM},
    503: {
        "description": "The query ran past the time limit, or every query worker is busy (see Retry-After)",
        "content": PROBLEM,
    },
}
_FORM = "application/x-www-form-urlencoded"
_POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            _FORM: {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "update": {"type": "string"},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "using-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "using-named-graph-uri": {"type": "array", "items": {"type": "string"}},
                    },
                }
            },
            "application/sparql-query": {"schema": {"type": "string"}},
            "application/sparql-update": {"schema": {"type": "string"}},
        },
    }
}

DefaultGraphs = Annotated[list[str] | None, Query(alias="default-graph-uri")]
NamedGraphs = Annotated[list[str] | None, Query(alias="named-graph-uri")]
# An update's dataset for its WHERE clauses (the Protocol's USING and USING NAMED).
UsingGraphs = Annotated[list[str] | None, Query(alias="using-graph-uri")]
UsingNamedGraphs = Annotated[list[str] | None, Query(alias="using-named-graph-uri")]


async def _answer(request: Request, query: str, dataset: Dataset, fmt: str | None) -> Response | JSONResponse:
    state = server_state(request)
    try:
        reply = await run_in_threadpool(
            state.endpoint.query, query, dataset, wanted(request.headers.get("accept"), fmt), _base(request)
        )
    except QueryError as exc:
        return _query_problem(exc)
    # Starlette adds "; charset=utf-8" to text/* types; the application/* ones are UTF-8 by definition.
    return Response(reply.body, media_type=reply.media_type)


async def _description(request: Request, fmt: str | None) -> Response:
    """The Service Description, in the RDF format the client takes."""
    state = server_state(request)
    try:
        media = wanted(request.headers.get("accept"), fmt).media(graph_result=True)
        counts = await run_in_threadpool(state.service.graph.values, GRAPH_COUNTS)
    except QueryError as exc:
        return _query_problem(exc)
    graphs = [(str(name), int(count or 0)) for name, count in counts if name]
    triples = service_description(
        _base(request), graph_writes_open(state), state.settings.sparql_allow_service, graphs
    )
    body = ox.serialize(triples, format=GRAPH_TYPES[media], prefixes=DESCRIPTION_PREFIXES)
    return Response(body or b"", media_type=media)


def _base(request: Request) -> str:
    """The IRI relative IRIs of a query or update resolve against: the endpoint's own URL."""
    return str(request.url.replace(query="", fragment=""))


def _query_problem(exc: QueryError) -> JSONResponse:
    """The status for a query the endpoint did not answer."""
    if isinstance(exc, Busy):
        response = problem(503, str(exc))
        response.headers["Retry-After"] = str(_RETRY_AFTER)
        return response
    status = {NotAcceptable: 406, TooManyRows: 422, QueryTimeout: 503}.get(type(exc), 400)
    return problem(status, str(exc))


async def _update(request: Request, update: str, using: Dataset) -> Response | JSONResponse:
    state = server_state(request)
    refused = graph_write_refused(request)
    if refused is not None:
        return refused
    try:
        await run_in_threadpool(state.endpoint.update, update, _base(request), using)
    except QueryRefused as exc:
        return problem(403, str(exc))
    except QueryError as exc:
        return _query_problem(exc)
    return Response(status_code=204)


@router.get("/sparql", responses=RESPONSES, response_class=Response)
async def sparql_get(
    request: Request,
    query: Annotated[str | None, Query(description="a SPARQL 1.1 query")] = None,
    default_graphs: DefaultGraphs = None,
    named_graphs: NamedGraphs = None,
    format: Annotated[str | None, Query(description="result format, when not negotiated")] = None,
) -> Response:
    """Run a SPARQL 1.1 query (GET). The default graph is the union of every graph. Without a
    query, the endpoint's SPARQL 1.1 Service Description (Turtle, or another RDF format by
    negotiation)."""
    if len(request.query_params.getlist("query")) > 1:
        return problem(400, "more than one 'query' parameter; send one query per request")
    if "update" in request.query_params:
        return problem(400, "an update cannot be sent with GET; POST it")
    if query is None:
        return await _description(request, format)
    if not query.strip():
        return problem(400, "the 'query' parameter is empty")
    return await _answer(request, query, Dataset(default_graphs or (), named_graphs or ()), format)


@router.post("/sparql", responses=RESPONSES, response_class=Response, openapi_extra=_POST_BODY)
async def sparql_post(
    request: Request,
    default_graphs: DefaultGraphs = None,
    named_graphs: NamedGraphs = None,
    using_graphs: UsingGraphs = None,
    using_named_graphs: UsingNamedGraphs = None,
    format: Annotated[str | None, Query(description="result format, when not negotiated")] = None,
) -> Response:
    """Run a query (form `query=` or a direct `application/sparql-query` body), or an update."""
    media, _, parameters = request.headers.get("content-type", "").partition(";")
    media = media.strip().lower()
    charset = _charset(parameters)
    if charset not in (None, "utf-8", "utf8"):
        return problem(415, f"cannot read a body in {charset[:40]}; send it in UTF-8")
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return problem(400, "the request body is not UTF-8")
    dataset = Dataset(default_graphs or (), named_graphs or ())
    if media == "application/sparql-query":
        return await _query_text(request, text, dataset, format)
    using = Dataset(using_graphs or (), using_named_graphs or ())
    if media == "application/sparql-update":
        return await _update(request, text, using)
    if media != _FORM:
        return problem(415, f"cannot read a {media or 'typeless'} body; send {_FORM} or a SPARQL body")
    fields = parse_qs(text, keep_blank_values=True)
    if len(fields.get("query", [])) + len(fields.get("update", [])) > 1:
        return problem(400, "more than one query or update in the form; send one per request")
    if "update" in fields:
        using = Dataset(
            [*using.default_graphs, *fields.get("using-graph-uri", [])],
            [*using.named_graphs, *fields.get("using-named-graph-uri", [])],
        )
        return await _update(request, fields["update"][0], using)
    dataset = Dataset(
        [*dataset.default_graphs, *fields.get("default-graph-uri", [])],
        [*dataset.named_graphs, *fields.get("named-graph-uri", [])],
    )
    return await _query_text(request, (fields.get("query") or [""])[0], dataset, format)


def _charset(parameters: str) -> str | None:
    """The charset a Content-Type's parameters name, lower-cased, or None."""
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


async def _query_text(request: Request, text: str, dataset: Dataset, fmt: str | None) -> Response:
    if not text.strip():
        return problem(400, "the query is empty")
    return await _answer(request, text, dataset, fmt)
