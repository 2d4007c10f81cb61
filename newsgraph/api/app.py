"""The HTTP API: thin routes over the service, the ingest queue and the SPARQL endpoint.

The server owns the store. Every write (posted articles, deletions, watched folders and
feeds) goes through the persistent inbox and its one worker thread; reads run at once
and never wait for a write to finish.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from starlette.exceptions import HTTPException

from newsgraph.api.common import ERRORS, PAGES, PAGES_URL, first_problem, line, require_read
from newsgraph.api.docs import mount_docs
from newsgraph.api.routers import articles, entities, feeds, jobs, ontology, questions, sparql, status, store
from newsgraph.api.security import Guard, boundaries
from newsgraph.api.server import ServerState
from newsgraph.core.errors import (
    Conflict,
    EmptyArticle,
    IngestError,
    NewsgraphError,
    NotFound,
    QueryError,
    Refused,
    Unauthorized,
    UnsupportedFormat,
)
from newsgraph.core.settings import Settings
from newsgraph.ingest.extract import installed_version
from newsgraph.service.facade import Newsgraph

log = logging.getLogger(__name__)
ROUTERS = (status, questions, articles, feeds, jobs, entities, sparql, store, ontology)


def create_app(settings: Settings, service: Newsgraph | None = None, url: str | None = None) -> FastAPI:
    """The API over one store; opens it (unless given an open service) for the app's lifetime.

    With `url`, the server announces itself in the store folder while it runs.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = ServerState.start(settings, service, url)
        app.state.newsgraph = state
        try:
            yield
        finally:
            state.stop()

    app = FastAPI(
        title="Newsgraph",
        version=installed_version("newsgraph"),
        summary="News articles in, a knowledge graph of who did what out; questions answered with sources.",
        lifespan=lifespan,
        responses={400: ERRORS[400], 401: ERRORS[401], 413: ERRORS[413], 422: ERRORS[422]},
        docs_url=None,  # served by mount_docs, from the package rather than a CDN
        redoc_url=None,
        dependencies=[Depends(require_read)],
    )
    mount_docs(app)
    app.mount(PAGES_URL, StaticFiles(directory=PAGES), name="pages")
    _error_handlers(app)
    for module in ROUTERS:
        app.include_router(module.router)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
        )
    # Outermost: refuses unknown hosts, cross-site writes and oversized bodies before anything runs.
    app.add_middleware(
        Guard,
        limits=boundaries(
            settings.host, settings.allowed_hosts, settings.cors_origins, settings.max_body_bytes
        ),
    )
    return app


def _error_handlers(app: FastAPI) -> None:
    """Every error is JSON `{"detail": "one line"}` with its status; never a traceback."""
    statuses: list[tuple[type[NewsgraphError], int]] = [
        (NotFound, 404),
        (UnsupportedFormat, 415),
        (EmptyArticle, 422),
        (IngestError, 422),
        (QueryError, 400),
        (Unauthorized, 401),
        (Conflict, 409),
        (Refused, 403),
        (NewsgraphError, 503),
    ]

    async def domain_error(request: Request, exc: Exception) -> JSONResponse:
        status = next(code for kind, code in statuses if isinstance(exc, kind))
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse({"detail": line(str(exc))}, status_code=status, headers=headers)

    for kind, _ in statuses:
        app.add_exception_handler(kind, domain_error)

    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ValidationError | RequestValidationError)
        return JSONResponse({"detail": first_problem(exc)}, status_code=422)

    app.add_exception_handler(ValidationError, invalid)
    app.add_exception_handler(RequestValidationError, invalid)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        detail = {"detail": line(str(exc.detail))}
        return JSONResponse(detail, status_code=exc.status_code, headers=exc.headers)

    app.add_exception_handler(HTTPException, http_error)

    async def storage_error(request: Request, exc: Exception) -> JSONResponse:
        # A read-only, full or vanished store folder: the request is refused, nothing is lost.
        return JSONResponse({"detail": line(f"the store cannot be used: {exc}")}, status_code=503)

    app.add_exception_handler(OSError, storage_error)

    async def crash(request: Request, exc: Exception) -> JSONResponse:
        log.error("%s %s failed: %s: %s", request.method, request.url.path, type(exc).__name__, exc)
        return JSONResponse(
            {"detail": f"internal error ({type(exc).__name__}); the server log has the details"},
            status_code=500,
        )

    app.add_exception_handler(Exception, crash)
