"""Articles posted (JSON, raw text, files), listed, read back and deleted."""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import TypeAdapter, ValidationError
from starlette.datastructures import UploadFile as StarletteUpload

from newsgraph.api import models, render
from newsgraph.api.common import (
    ERRORS,
    EXCERPT,
    WRITE,
    first_problem,
    line,
    server_state,
)
from newsgraph.core.errors import (
    EmptyArticle,
    IngestError,
    NotFound,
    UnsupportedFormat,
)
from newsgraph.core.types import Article
from newsgraph.ingest.loaders import SUPPORTED_SUFFIXES, Overrides, load_file, oversize

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

_ARTICLES = TypeAdapter(models.ArticleIn | list[models.ArticleIn])

router = APIRouter(tags=["articles"])


@router.post(
    "/articles",
    response_model=models.IngestOut,
    status_code=201,
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
    state = server_state(request)
    articles = await _read_articles(request, title, Overrides(published, source))
    limits = state.settings.max_article_chars, state.settings.max_article_sentences
    for article in articles:
        if (problem := oversize(article, *limits)) is not None:
            raise IngestError(f"{article.title or article.id}: {problem}")
    job_id = state.inbox.put_articles(articles, "http")
    job = state.inbox.wait(job_id, state.settings.ingest_wait) if wait else state.inbox.get(job_id)
    out = render.ingest_out(job)
    if job.state == "failed":
        return JSONResponse({"detail": line(f"job {job.id} failed: {job.error}")}, status_code=503)
    if job.state == "done" and out.articles == 0 and out.failures:
        return JSONResponse({"detail": line(out.failures[0].message)}, status_code=422)
    return JSONResponse(out.model_dump(mode="json"), status_code=201 if job.state == "done" else 202)


@router.get("/articles", response_model=models.ArticlesPage)
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
    service = server_state(request).service
    total, page = service.browse.list_articles(source, since, until, offset, limit, entity, q)
    return models.ArticlesPage(
        total=total,
        offset=offset,
        limit=limit,
        articles=[models.ArticleSummaryOut(**asdict(a)) for a in page],
    )


@router.get(
    "/articles/{article_id}",
    response_model=models.ArticleOut,
    responses={404: ERRORS[404]},
)
def get_article(request: Request, article_id: str) -> models.ArticleOut:
    """An article as stored: metadata, sentences with offsets, and the entities it names."""
    article = server_state(request).service.browse.article(article_id)
    return models.ArticleOut.model_validate(article)


@router.delete(
    "/articles/{article_id}",
    response_model=models.DeletedOut,
    dependencies=WRITE,
    responses={404: ERRORS[404], 202: {"model": models.JobOut, "description": "Queued"}},
)
def delete_article(request: Request, article_id: str) -> JSONResponse:
    """Delete an article, its claims, its passages and the entities only it named."""
    state = server_state(request)
    if not state.service.graph.has_article(article_id):
        raise NotFound(f"no article with id {article_id[:EXCERPT]!r}")
    job = state.inbox.wait(state.inbox.put_delete(article_id, "http"), state.settings.ingest_wait)
    if job.state == "failed":
        raise NotFound(job.error or f"no article with id {article_id!r}")
    if job.state != "done":
        return JSONResponse(render.job_out(job).model_dump(mode="json"), status_code=202)
    return JSONResponse(models.DeletedOut(id=article_id).model_dump(mode="json"))


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
            raise IngestError(f"JSON body: {first_problem(exc)}") from None
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
