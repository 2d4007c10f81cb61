"""Questions answered and passages searched."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request

from newsgraph.api import models, render
from newsgraph.api.common import (
    server_state,
)
from newsgraph.core.errors import (
    QueryError,
)
from newsgraph.core.records import MODES, Filters

router = APIRouter(tags=["questions"])


def _ask(request: Request, question: str, as_of: date | None) -> models.AnswerOut:
    answer = server_state(request).service.ask(question, as_of or date.today())
    return render.answer_out(answer)


@router.get("/ask", response_model=models.AnswerOut)
def ask_get(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=1000, description="the question")],
    as_of: Annotated[date | None, Query(description="the day the question is asked (default: today)")] = None,
) -> models.AnswerOut:
    """Answer a question: a short answer, the cited sentences, the facts used and the SPARQL."""
    return _ask(request, q, as_of)


@router.post("/ask", response_model=models.AnswerOut)
def ask_post(request: Request, body: models.AskIn) -> models.AnswerOut:
    """Answer a question sent as JSON."""
    return _ask(request, body.question, body.as_of)


@router.get("/search", response_model=models.SearchOut)
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
    result = server_state(request).service.search(q, k, filters, mode)
    return models.SearchOut(query=q, hits=[render.hit_out(h) for h in result.hits])
