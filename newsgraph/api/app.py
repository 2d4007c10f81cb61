"""The HTTP API: thin routes over the service, the ingest queue and the SPARQL endpoint.

The server owns the store. Every write (posted articles, deletions, watched folders and
feeds) goes through the persistent inbox and its one worker thread; reads run at once
and never wait for a write to finish.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import TypeAdapter, ValidationError
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.exceptions import HTTPException

from newsgraph.api import models
from newsgraph.api.docs import mount_docs
from newsgraph.api.security import OPEN_PATHS, Guard, boundaries
from newsgraph.api.server import ServerState
from newsgraph.api.sparql import router as sparql_router
from newsgraph.core.errors import (
    Conflict,
    EmptyArticle,
    IngestError,
    NewsgraphError,
    NotFound,
    QueryError,
    ReadOnly,
    Refused,
    Unauthorized,
    UnsupportedFormat,
)
from newsgraph.core.settings import Settings
from newsgraph.core.types import Article, Entity
from newsgraph.ingest.extract import installed_version
from newsgraph.ingest.fetch import fetcher_from, url_problem
from newsgraph.ingest.loaders import SUPPORTED_SUFFIXES, Overrides, load_file, oversize
from newsgraph.qa.inbox import Job, JobState
from newsgraph.qa.service import Newsgraph, stats_dict
from newsgraph.qa.watch import FeedPoller, parse_every
from newsgraph.search.hybrid import MODES, Filters

# Raw bodies by media type: each is read by the loader of the matching file format.
RAW_SUFFIXES = {
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/html": ".html",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "application/rss+xml": ".rss",
    "application/atom+xml": ".atom",
}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": models.Problem, "description": "The request cannot be read"},
    401: {"model": models.Problem, "description": "A write (or a read, if reads need one) without its token"},
    404: {"model": models.Problem, "description": "No such article, entity or job"},
    409: {"model": models.Problem, "description": "The job is not pending"},
    413: {"model": models.Problem, "description": "The request body is larger than the server reads"},
    422: {"model": models.Problem, "description": "The request is well formed but not valid"},
    503: {"model": models.Problem, "description": "The store cannot be written now, or is busy"},
}
# How much of a bad value an error message repeats.
_EXCERPT = 60
log = logging.getLogger(__name__)
JobId = Annotated[int, PathParam(ge=1, le=2**63 - 1)]
_ARTICLES = TypeAdapter(models.ArticleIn | list[models.ArticleIn])


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
        dependencies=[Depends(_require_read)],
    )
    mount_docs(app)
    app.mount(PAGES_URL, StaticFiles(directory=PAGES), name="pages")
    _error_handlers(app)
    app.include_router(sparql_router)
    _routes(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
        )
    # Outermost: refuses unknown hosts, cross-site writes and oversized bodies before anything runs.
    app.add_middleware(
        Guard,  # type: ignore[arg-type]
        limits=boundaries(
            settings.host, settings.allowed_hosts, settings.cors_origins, settings.max_body_bytes
        ),
    )
    return app


def _state(request: Request) -> ServerState:
    return request.app.state.newsgraph  # type: ignore[no-any-return]


def _require_read(request: Request) -> None:
    """Every route: refused without a token when the server requires one for reads."""
    if request.url.path not in OPEN_PATHS:
        _state(request).tokens.require_read(request)


def _require_write(request: Request) -> None:
    """Routes that change the store: refused without the write token, or on a read-only store."""
    state = _state(request)
    state.tokens.require_write(request)
    if state.service.read_only:
        raise ReadOnly("this server's store is open read-only; writes are refused")


# The web workspace's page, scripts and styles, served from the package.
PAGES = Path(__file__).parent / "static" / "app"
PAGES_URL = "/static/app"

WRITE = [Depends(_require_write)]


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
        return JSONResponse({"detail": _line(str(exc))}, status_code=status, headers=headers)

    for kind, _ in statuses:
        app.add_exception_handler(kind, domain_error)

    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ValidationError | RequestValidationError)
        return JSONResponse({"detail": _one_line(exc)}, status_code=422)

    app.add_exception_handler(ValidationError, invalid)
    app.add_exception_handler(RequestValidationError, invalid)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        detail = {"detail": _line(str(exc.detail))}
        return JSONResponse(detail, status_code=exc.status_code, headers=exc.headers)

    app.add_exception_handler(HTTPException, http_error)

    async def storage_error(request: Request, exc: Exception) -> JSONResponse:
        # A read-only, full or vanished store folder: the request is refused, nothing is lost.
        return JSONResponse({"detail": _line(f"the store cannot be used: {exc}")}, status_code=503)

    app.add_exception_handler(OSError, storage_error)

    async def crash(request: Request, exc: Exception) -> JSONResponse:
        log.error("%s %s failed: %s: %s", request.method, request.url.path, type(exc).__name__, exc)
        return JSONResponse(
            {"detail": f"internal error ({type(exc).__name__}); the server log has the details"},
            status_code=500,
        )

    app.add_exception_handler(Exception, crash)


def _line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _one_line(exc: ValidationError | RequestValidationError) -> str:
    """The first problem of a validation error, naming the field and at most an excerpt of the input."""
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "body"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    given = first.get("input")
    shown = ""
    if isinstance(given, str | int | float) and not isinstance(given, bool):
        text = str(given)
        shown = f", got {text[:_EXCERPT]!r}" + ("…" if len(text) > _EXCERPT else "")
    return _line(f"{where}: {first['msg']}{shown}{more}")


def _routes(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def home() -> FileResponse:
        """The web workspace: one page whose views (ask, search, entities, articles, ingest,
        SPARQL, overview) read the JSON API."""
        return FileResponse(PAGES / "index.html", media_type="text/html")

    @app.get("/health", response_model=models.HealthOut, tags=["service"])
    def health(request: Request) -> models.HealthOut:
        """Whether the service is up, how many articles it holds and how many jobs wait."""
        state = _state(request)
        return models.HealthOut(
            status="ok",
            articles=len(state.service.graph.article_ids()),
            queued=state.inbox.pending(),
            version=app.version,
        )

    def _stats(request: Request) -> models.StatsOut:
        state = _state(request)
        return models.StatsOut(
            **stats_dict(state.service.stats()),
            queued=state.inbox.pending(),
            search=models.SearchConsistency(**state.service.consistency()),  # type: ignore[arg-type]
        )

    @app.get("/stats", response_model=models.StatsOut, tags=["service"])
    def stats(request: Request) -> models.StatsOut:
        """Counts of what the store holds, and whether the passage indexes agree with the graph."""
        return _stats(request)

    @app.get("/overview", response_model=models.OverviewOut, tags=["service"])
    def overview(request: Request) -> models.OverviewOut:
        """Counts, the newest articles, the most named entities and the newest ingest jobs."""
        state = _state(request)
        _, newest = state.service.list_articles(limit=10)
        _, jobs = state.inbox.jobs(None, 0, 10)
        return models.OverviewOut(
            stats=_stats(request),
            newest=[models.ArticleSummaryOut(**asdict(a)) for a in newest],
            top_entities=[_node_out(e, n) for e, n in state.service.top_entities(10)],
            jobs=[_job_out(j) for j in jobs],
        )

    def _ask(request: Request, question: str, as_of: date | None) -> models.AnswerOut:
        answer = _state(request).service.ask(question, as_of or date.today())
        return models.AnswerOut.model_validate(asdict(answer))

    @app.get("/ask", response_model=models.AnswerOut, tags=["questions"])
    def ask_get(
        request: Request,
        q: Annotated[str, Query(min_length=1, max_length=1000, description="the question")],
        as_of: Annotated[
            date | None, Query(description="the day the question is asked (default: today)")
        ] = None,
    ) -> models.AnswerOut:
        """Answer a question: a short answer, the cited sentences, the facts used and the SPARQL."""
        return _ask(request, q, as_of)

    @app.post("/ask", response_model=models.AnswerOut, tags=["questions"])
    def ask_post(request: Request, body: models.AskIn) -> models.AnswerOut:
        """Answer a question sent as JSON."""
        return _ask(request, body.question, body.as_of)

    @app.get("/search", response_model=models.SearchOut, tags=["questions"])
    def search(
        request: Request,
        q: Annotated[str, Query(min_length=1, max_length=1000, description="what to look for")],
        k: Annotated[int, Query(ge=1, le=100)] = 10,
        source: Annotated[str | None, Query(description="only articles from this publisher")] = None,
        since: Annotated[date | None, Query(description="published on or after")] = None,
        until: Annotated[date | None, Query(description="published on or before")] = None,
        mode: Annotated[str, Query(pattern="^(hybrid|dense|lexical)$")] = "hybrid",
        entity: Annotated[
            str | None, Query(max_length=300, description="only passages naming this entity id")
        ] = None,
    ) -> models.SearchOut:
        """Passages by meaning, words and the entities the query names."""
        assert mode in MODES
        if not q.strip():
            raise QueryError("the search query is empty")
        filters = Filters(source, since, until, (entity,) if entity else ())
        result = _state(request).service.search(q, k, filters, mode)
        hits = [
            models.HitOut(
                article_id=h.passage.article_id,
                title=h.passage.title,
                text=h.passage.text,
                score=round(h.score, 6),
                start=h.passage.start,
                end=h.passage.end,
                source=h.passage.source,
                published=h.passage.published,
            )
            for h in result.hits
        ]
        return models.SearchOut(query=q, hits=hits)

    @app.post(
        "/articles",
        response_model=models.IngestOut,
        status_code=201,
        tags=["articles"],
        dependencies=WRITE,
        responses={
            202: {"model": models.IngestOut, "description": "Queued; not ingested within the wait"},
            415: {"model": models.Problem, "description": "A format no loader reads"},
            503: ERRORS[503],
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "anyOf": [
                                {"$ref": "#/components/schemas/ArticleIn"},
                                {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}},
                            ]
                        }
                    },
                    "text/plain": {"schema": {"type": "string", "minLength": 1}},
                    "text/markdown": {"schema": {"type": "string", "minLength": 1}},
                    "text/html": {"schema": {"type": "string", "minLength": 1}},
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "properties": {"file": {"type": "string", "format": "binary"}},
                            "required": ["file"],
                        }
                    },
                },
            }
        },
    )
    async def post_articles(
        request: Request,
        title: Annotated[str | None, Query(description="title, for raw text bodies")] = None,
        source: Annotated[str | None, Query(description="publisher; wins over the body's")] = None,
        published: Annotated[date | None, Query(description="publication date; wins over the body's")] = None,
        wait: Annotated[bool, Query(description="wait for the ingest (else answer 202 once queued)")] = True,
    ) -> JSONResponse:
        """Ingest articles: JSON (one or a list), raw text/Markdown/HTML, or an uploaded file.

        Re-posting an article replaces it. Answers when the article is in the graph and
        the indexes (201), or with the queued job when that takes longer than the wait (202).
        An article over the size limits is refused before it is queued (422); a job that
        failed, or stored none of its articles, is an error with the reason, never a 2xx.
        """
        state = _state(request)
        articles = await _read_articles(request, title, Overrides(published, source))
        limits = state.settings.max_article_chars, state.settings.max_article_sentences
        for article in articles:
            if (problem := oversize(article, *limits)) is not None:
                raise IngestError(f"{article.title or article.id}: {problem}")
        job_id = state.inbox.put_articles(articles, "http")
        job = state.inbox.wait(job_id, state.settings.ingest_wait) if wait else state.inbox.get(job_id)
        out = _ingest_out(job)
        if job.state == "failed":
            return JSONResponse({"detail": _line(f"job {job.id} failed: {job.error}")}, status_code=503)
        if job.state == "done" and out.articles == 0 and out.failures:
            return JSONResponse({"detail": _line(out.failures[0].message)}, status_code=422)
        return JSONResponse(out.model_dump(mode="json"), status_code=201 if job.state == "done" else 202)

    @app.get("/articles", response_model=models.ArticlesPage, tags=["articles"])
    def list_articles(
        request: Request,
        source: Annotated[str | None, Query(description="only this publisher")] = None,
        since: Annotated[date | None, Query(description="published on or after")] = None,
        until: Annotated[date | None, Query(description="published on or before")] = None,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
        limit: Annotated[int, Query(ge=1, le=500)] = 20,
        entity: Annotated[
            str | None, Query(max_length=300, description="only articles naming this entity id")
        ] = None,
        q: Annotated[str | None, Query(max_length=200, description="words in the headline")] = None,
    ) -> models.ArticlesPage:
        """A page of articles, newest first."""
        service = _state(request).service
        total, page = service.list_articles(source, since, until, offset, limit, entity, q)
        return models.ArticlesPage(
            total=total,
            offset=offset,
            limit=limit,
            articles=[models.ArticleSummaryOut(**asdict(a)) for a in page],
        )

    @app.get(
        "/articles/{article_id}",
        response_model=models.ArticleOut,
        tags=["articles"],
        responses={404: ERRORS[404]},
    )
    def get_article(request: Request, article_id: str) -> models.ArticleOut:
        """An article as stored: metadata, sentences with offsets, and the entities it names."""
        article = _state(request).service.article(article_id)
        return models.ArticleOut.model_validate(article)

    @app.delete(
        "/articles/{article_id}",
        response_model=models.DeletedOut,
        tags=["articles"],
        dependencies=WRITE,
        responses={404: ERRORS[404], 202: {"model": models.JobOut, "description": "Queued"}},
    )
    def delete_article(request: Request, article_id: str) -> JSONResponse:
        """Delete an article, its claims, its passages and the entities only it named."""
        state = _state(request)
        if not state.service.graph.has_article(article_id):
            raise NotFound(f"no article with id {article_id[:_EXCERPT]!r}")
        job = state.inbox.wait(state.inbox.put_delete(article_id, "http"), state.settings.ingest_wait)
        if job.state == "failed":
            raise NotFound(job.error or f"no article with id {article_id!r}")
        if job.state != "done":
            return JSONResponse(_job_out(job).model_dump(mode="json"), status_code=202)
        return JSONResponse(models.DeletedOut(id=article_id).model_dump(mode="json"))

    @app.get("/feeds", response_model=models.FeedsOut, tags=["articles"])
    def list_feeds(request: Request) -> models.FeedsOut:
        """The RSS and Atom feeds the server polls (given at start or added since)."""
        polled = [w for w in _state(request).watchers if isinstance(w, FeedPoller)]
        return models.FeedsOut(feeds=[models.FeedOut(url=f.url, every_seconds=f.every) for f in polled])

    @app.post(
        "/feeds",
        response_model=models.FeedOut,
        status_code=201,
        tags=["articles"],
        dependencies=WRITE,
        responses={409: {"model": models.Problem, "description": "The feed is already polled"}},
    )
    def add_feed(request: Request, body: models.FeedIn) -> models.FeedOut:
        """Poll a feed from now on: its entries are looked at once at once, then every `every`.
        Only http(s) URLs, fetched as every outbound request is (no loopback or private
        addresses unless the server allows them); polled until the server stops."""
        state = _state(request)
        url = body.url.strip()
        problem = url_problem(url)
        if problem is not None:
            raise QueryError(f"a feed is an http:// or https:// URL: {problem}")
        try:
            every = parse_every(body.every)
        except ValueError as error:
            raise QueryError(str(error)) from error
        if any(isinstance(w, FeedPoller) and w.url == url for w in state.watchers):
            raise Conflict(f"the feed {url[:_EXCERPT]!r} is already polled")
        poller = FeedPoller(state.inbox, url, every, fetcher=fetcher_from(state.settings))
        first = poller.look()
        if first.failures and not first.jobs:
            raise QueryError(f"cannot read the feed: {first.failures[0].message}")
        state.watchers.append(poller)
        poller.start()
        failures = [models.Failure(origin=f.origin, message=f.message) for f in first.failures]
        return models.FeedOut(url=url, every_seconds=every, queued=first.jobs, failures=failures)

    @app.get("/jobs", response_model=models.JobsPage, tags=["articles"])
    def list_jobs(
        request: Request,
        state: Annotated[JobState | None, Query(description="only jobs in this state")] = None,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> models.JobsPage:
        """A page of the ingest queue's jobs, newest first."""
        total, jobs = _state(request).inbox.jobs(state, offset, limit)
        return models.JobsPage(total=total, offset=offset, limit=limit, jobs=[_job_out(j) for j in jobs])

    @app.get("/jobs/{job_id}", response_model=models.JobOut, tags=["articles"], responses={404: ERRORS[404]})
    def get_job(request: Request, job_id: JobId) -> models.JobOut:
        """One job of the ingest queue: pending, running, done, failed or cancelled, with its result."""
        return _job_out(_state(request).inbox.get(job_id))

    @app.delete(
        "/jobs/{job_id}",
        response_model=models.JobOut,
        tags=["articles"],
        dependencies=WRITE,
        responses={404: ERRORS[404], 409: ERRORS[409]},
    )
    def cancel_job(request: Request, job_id: JobId) -> models.JobOut:
        """Cancel a pending job; a running or finished one cannot be cancelled (409)."""
        return _job_out(_state(request).inbox.cancel(job_id))

    @app.get("/entities", response_model=models.EntitiesOut, tags=["entities"])
    def find_entities(
        request: Request,
        q: Annotated[str, Query(min_length=1, max_length=200, description="a name or alias, or part of one")],
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
    ) -> models.EntitiesOut:
        """Entities whose name or alias contains the query; exact names first."""
        found = _state(request).service.find_entities(q, limit)
        return models.EntitiesOut(query=q, entities=[_entity_out(e) for e in found])

    @app.get(
        "/neighbourhood/{entity_id:path}",
        response_model=models.NeighbourhoodOut,
        tags=["entities"],
        responses={404: ERRORS[404]},
    )
    def get_neighbourhood(
        request: Request,
        entity_id: str,
        depth: Annotated[int, Query(ge=1, le=3, description="steps out from the entity")] = 1,
        limit: Annotated[int, Query(ge=2, le=300, description="at most this many entities")] = 60,
    ) -> models.NeighbourhoodOut:
        """The entities claims link an entity to, `depth` steps out: nodes with their class and
        how many articles name them, edges with the relation and how many claims state it."""
        found = _state(request).service.neighbourhood(entity_id, depth, limit)
        return models.NeighbourhoodOut(
            center=found.center,
            nodes=[_node_out(e, n) for e, n in found.nodes],
            edges=[models.EdgeOut(**asdict(edge)) for edge in found.edges],
        )

    @app.get(
        "/entities/{entity_id:path}",
        response_model=models.EntityDetail,
        tags=["entities"],
        responses={404: ERRORS[404]},
    )
    def get_entity(request: Request, entity_id: str) -> models.EntityDetail:
        """An entity: its classes, aliases, Wikidata link, claims, figures, timeline and articles."""
        detail = _state(request).service.entity(entity_id)
        return models.EntityDetail(
            **_entity_out(detail.entity).model_dump(),
            types=detail.types,
            claims=[models.FactOut(**asdict(f)) for f in detail.claims],
            figures=[models.FactOut(**asdict(f)) for f in detail.figures],
            timeline=[models.FactOut(**asdict(f)) for f in detail.timeline],
            articles=[models.ArticleSummaryOut(**asdict(a)) for a in detail.articles],
            sparql=detail.sparql,
        )


async def _read_articles(request: Request, title: str | None, overrides: Overrides) -> list[Article]:
    """The posted body as articles, read by the same loaders as files on disk."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if not isinstance(upload, StarletteUpload):
            raise IngestError("multipart body needs a 'file' field with the article file")
        name = Path(upload.filename or "upload.txt").name
        # ".txt" alone is a name with no stem, not a hidden file: its extension is itself.
        suffix = Path(name).suffix or (name if name.startswith(".") and name.count(".") == 1 else "")
        return _load_bytes(await upload.read(), suffix.lower(), f"upload:{name}", overrides)
    raw = await request.body()
    if media in ("application/json", ""):
        try:
            parsed = _ARTICLES.validate_json(raw or b"null")
        except ValidationError as exc:
            raise IngestError(f"JSON body: {_one_line(exc)}") from None
        records = parsed if isinstance(parsed, list) else [parsed]
        if not records:
            raise EmptyArticle("the JSON list holds no articles")
        data = json.dumps([r.model_dump(mode="json", exclude_none=True) for r in records]).encode()
        return _load_bytes(data, ".json", "http", overrides)
    if media not in RAW_SUFFIXES:
        raise UnsupportedFormat(
            f"cannot ingest a {media} body; send JSON, {', '.join(RAW_SUFFIXES)} or a multipart file"
        )
    if title and media == "text/plain":
        raw = title.encode() + b"\n\n" + raw
    return _load_bytes(raw, RAW_SUFFIXES[media], "http", overrides)


def _load_bytes(data: bytes, suffix: str, origin: str, overrides: Overrides) -> list[Article]:
    """Load a body through the file loaders, from a temporary file with the right extension."""
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormat(f"{origin}: unsupported file type {suffix or '(none)'}")
    with tempfile.TemporaryDirectory(prefix="newsgraph-upload-") as folder:
        path = Path(folder) / f"body{suffix}"
        path.write_bytes(data)
        try:
            articles = load_file(path, overrides)
        except IngestError as exc:
            raise type(exc)(str(exc).replace(str(path), origin)) from None
    return [replace(a, origin=origin) for a in articles]


def _ingest_out(job: Job) -> models.IngestOut:
    result = job.result or {}
    return models.IngestOut(
        job_id=job.id,
        state=job.state,
        article_ids=result.get("article_ids", []),
        articles=result.get("articles", 0),
        sentences=result.get("sentences", 0),
        mentions=result.get("mentions", 0),
        entities=result.get("entities", 0),
        failures=[models.Failure(**f) for f in result.get("failures", [])],
        seconds=round(result.get("seconds", 0.0), 3),
        error=job.error,
    )


def _job_out(job: Job) -> models.JobOut:
    return models.JobOut(
        job_id=job.id,
        kind=job.kind,
        origin=job.origin,
        state=job.state,
        result=job.result,
        error=job.error,
        attempts=job.attempts,
    )


def _node_out(entity: Entity, articles: int) -> models.NodeOut:
    return models.NodeOut(id=entity.id, label=entity.label, type=entity.type, articles=articles)


def _entity_out(entity: Entity) -> models.EntityOut:
    return models.EntityOut(
        id=entity.id,
        label=entity.label,
        type=entity.type,
        aliases=list(entity.aliases),
        wikidata=f"http://www.wikidata.org/entity/{entity.wikidata}" if entity.wikidata else None,
    )
