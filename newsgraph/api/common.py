"""What every router shares: the server's state, the token checks, error shapes and limits."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from newsgraph.api import models
from newsgraph.api.security import OPEN_PATHS
from newsgraph.api.server import ServerState
from newsgraph.core.errors import ReadOnly, Unauthorized
from newsgraph.core.text import one_line

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": models.Problem, "description": "The request cannot be read"},
    401: {"model": models.Problem, "description": "A write (or a read, if reads need one) without its token"},
    404: {"model": models.Problem, "description": "No such article, entity or job"},
    409: {"model": models.Problem, "description": "The job is not pending"},
    413: {"model": models.Problem, "description": "The request body is larger than the server reads"},
    422: {"model": models.Problem, "description": "The request is well formed but not valid"},
    503: {"model": models.Problem, "description": "The store cannot be written now, or is busy"},
}


# An error response's body in a route's OpenAPI `responses`: the one-line Problem.
PROBLEM = {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


def problem(status: int, message: str) -> JSONResponse:
    """An error response a route returns itself: `{"detail": message}` with its status."""
    return JSONResponse({"detail": message}, status_code=status)


# How much of a bad value an error message repeats.
EXCERPT = 60
JobId = Annotated[int, PathParam(ge=1, le=2**63 - 1)]


def server_state(request: Request) -> ServerState:
    """The running server's store, queue, watchers and tokens."""
    state: ServerState = request.app.state.newsgraph
    return state


def require_read(request: Request) -> None:
    """Every route: refused without a token when the server requires one for reads."""
    if request.url.path not in OPEN_PATHS:
        server_state(request).tokens.require_read(request)


def require_write(request: Request) -> None:
    """Routes that change the store: refused without the write token, or on a read-only store."""
    state = server_state(request)
    state.tokens.require_write(request)
    if state.service.read_only:
        raise ReadOnly("this server's store is open read-only; writes are refused")


def graph_writes_open(state: ServerState) -> bool:
    """Whether researchers may write the graph (SPARQL Update, the Graph Store Protocol): the
    server enables it and its store is writable."""
    return state.settings.sparql_update and not state.service.read_only


def graph_write_refused(request: Request) -> JSONResponse | None:
    """Why a researcher's write to the graph is refused (403 where such writes are off, 401
    without the write token), or None when it may go ahead."""
    state = server_state(request)
    if not graph_writes_open(state):
        return problem(
            403,
            "writes to the graph (SPARQL Update, the Graph Store Protocol) are disabled on this"
            " endpoint; it is read-only",
        )
    try:
        state.tokens.require_write(request)
    except Unauthorized as exc:
        return problem(401, str(exc))
    return None


# The web workspace's page, scripts and styles, served from the package.
PAGES = Path(__file__).parent / "static" / "app"
PAGES_URL = "/static/app"


WRITE = [Depends(require_write)]


def line(text: str) -> str:
    """An error message as the API gives it: one line of at most 300 characters."""
    return one_line(text, 300)


def first_problem(exc: ValidationError | RequestValidationError) -> str:
    """The first problem of a validation error, naming the field and at most an excerpt of the input."""
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "body"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    given = first.get("input")
    shown = ""
    if isinstance(given, str | int | float) and not isinstance(given, bool):
        text = str(given)
        shown = f", got {text[:EXCERPT]!r}" + ("…" if len(text) > EXCERPT else "")
    return line(f"{where}: {first['msg']}{shown}{more}")
