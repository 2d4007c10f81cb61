"""The RSS and Atom feeds the server polls."""

from __future__ import annotations

from fastapi import APIRouter, Request

from newsgraph.api import models
from newsgraph.api.common import (
    EXCERPT,
    WRITE,
    server_state,
)
from newsgraph.core.errors import (
    Conflict,
    QueryError,
)
from newsgraph.ingest.fetch import fetcher_from, url_problem
from newsgraph.service.watch import FeedPoller, parse_every

router = APIRouter(tags=["articles"])


@router.get("/feeds", response_model=models.FeedsOut)
def list_feeds(request: Request) -> models.FeedsOut:
    """The RSS and Atom feeds the server polls (given at start or added since)."""
    polled = [w for w in server_state(request).watchers if isinstance(w, FeedPoller)]
    return models.FeedsOut(feeds=[models.FeedOut(url=f.url, every_seconds=f.every) for f in polled])


@router.post(
    "/feeds",
    response_model=models.FeedOut,
    status_code=201,
    dependencies=WRITE,
    responses={409: {"model": models.Problem, "description": "The feed is already polled"}},
)
def add_feed(request: Request, body: models.FeedIn) -> models.FeedOut:
    """Poll a feed from now on: its entries are looked at once at once, then every `every`.
    Only http(s) URLs, fetched as every outbound request is (no loopback or private
    addresses unless the server allows them); polled until the server stops."""
    state = server_state(request)
    url = body.url.strip()
    problem = url_problem(url)
    if problem is not None:
        raise QueryError(f"a feed is an http:// or https:// URL: {problem}")
    try:
        every = parse_every(body.every)
    except ValueError as error:
        raise QueryError(str(error)) from error
    if any(isinstance(w, FeedPoller) and w.url == url for w in state.watchers):
        raise Conflict(f"the feed {url[:EXCERPT]!r} is already polled")
    poller = FeedPoller(state.inbox, url, every, fetcher=fetcher_from(state.settings))
    first = poller.look()
    if first.failures and not first.jobs:
        raise QueryError(f"cannot read the feed: {first.failures[0].message}")
    state.watchers.append(poller)
    poller.start()
    failures = [models.Failure(origin=f.origin, message=f.message) for f in first.failures]
    return models.FeedOut(url=url, every_seconds=every, queued=first.jobs, failures=failures)
