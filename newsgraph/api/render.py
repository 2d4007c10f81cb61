"""Core records rendered as the API's pydantic models (the JSON the API and the CLI print)."""

from __future__ import annotations

from newsgraph.api import models
from newsgraph.core.types import Entity
from newsgraph.service.inbox import Job


def ingest_out(job: Job) -> models.IngestOut:
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


def job_out(job: Job) -> models.JobOut:
    return models.JobOut(
        job_id=job.id,
        kind=job.kind,
        origin=job.origin,
        state=job.state,
        result=job.result,
        error=job.error,
        attempts=job.attempts,
    )


def node_out(entity: Entity, articles: int) -> models.NodeOut:
    return models.NodeOut(id=entity.id, label=entity.label, type=entity.type, articles=articles)


def entity_out(entity: Entity) -> models.EntityOut:
    return models.EntityOut(
        id=entity.id,
        label=entity.label,
        type=entity.type,
        aliases=list(entity.aliases),
        wikidata=f"http://www.wikidata.org/entity/{entity.wikidata}" if entity.wikidata else None,
    )
