"""Entities found by name, their detail and their neighbourhood of claims."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query, Request

from newsgraph.api import models, render
from newsgraph.api.common import (
    ERRORS,
    server_state,
)

router = APIRouter(tags=["entities"])


@router.get("/entities", response_model=models.EntitiesOut)
def find_entities(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200, description="a name or alias, or part of one")],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> models.EntitiesOut:
    """Entities whose name or alias contains the query; exact names first."""
    found = server_state(request).service.browse.find_entities(q, limit)
    return models.EntitiesOut(query=q, entities=[render.entity_out(e) for e in found])


@router.get(
    "/neighbourhood/{entity_id:path}",
    response_model=models.NeighbourhoodOut,
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
    found = server_state(request).service.browse.neighbourhood(entity_id, depth, limit)
    return models.NeighbourhoodOut(
        center=found.center,
        nodes=[render.node_out(e, n) for e, n in found.nodes],
        edges=[models.EdgeOut(**asdict(edge)) for edge in found.edges],
    )


@router.get(
    "/entities/{entity_id:path}",
    response_model=models.EntityDetail,
    responses={404: ERRORS[404]},
)
def get_entity(request: Request, entity_id: str) -> models.EntityDetail:
    """An entity: its classes, aliases, Wikidata link, claims, figures, timeline and articles."""
    detail = server_state(request).service.browse.entity(entity_id)
    return models.EntityDetail(
        **render.entity_out(detail.entity).model_dump(),
        types=detail.types,
        claims=[models.FactOut(**asdict(f)) for f in detail.claims],
        figures=[models.FactOut(**asdict(f)) for f in detail.figures],
        timeline=[models.FactOut(**asdict(f)) for f in detail.timeline],
        articles=[models.ArticleSummaryOut(**asdict(a)) for a in detail.articles],
        sparql=detail.sparql,
    )
