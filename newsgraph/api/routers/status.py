"""The workspace page, health, counts and the overview the pages open on."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from newsgraph.api import models, render
from newsgraph.api.common import (
    PAGES,
    server_state,
)
from newsgraph.service.facade import stats_dict

router = APIRouter(tags=["service"])


@router.get("/", include_in_schema=False)
def home() -> FileResponse:
    """The web workspace: one page whose views (ask, search, entities, articles, ingest,
    SPARQL, overview) read the JSON API."""
    return FileResponse(PAGES / "index.html", media_type="text/html")


@router.get("/health", response_model=models.HealthOut)
def health(request: Request) -> models.HealthOut:
    """Whether the service is up, how many articles it holds and how many jobs wait."""
    state = server_state(request)
    return models.HealthOut(
        status="ok",
        articles=len(state.service.graph.article_ids()),
        queued=state.inbox.pending(),
        version=request.app.version,
    )


def _stats(request: Request) -> models.StatsOut:
    state = server_state(request)
    return models.StatsOut(
        **stats_dict(state.service.stats()),
        queued=state.inbox.pending(),
        search=models.SearchConsistency(**state.service.consistency()),
    )


@router.get("/stats", response_model=models.StatsOut)
def stats(request: Request) -> models.StatsOut:
    """Counts of what the store holds, and whether the passage indexes agree with the graph."""
    return _stats(request)


@router.get("/overview", response_model=models.OverviewOut)
def overview(request: Request) -> models.OverviewOut:
    """Counts, the newest articles, the most named entities and the newest ingest jobs."""
    state = server_state(request)
    _, newest = state.service.browse.list_articles(limit=10)
    _, jobs = state.inbox.jobs(None, 0, 10)
    return models.OverviewOut(
        stats=_stats(request),
        newest=[models.ArticleSummaryOut(**asdict(a)) for a in newest],
        top_entities=[render.node_out(e, n) for e, n in state.service.browse.top_entities(10)],
        jobs=[render.job_out(j) for j in jobs],
    )
