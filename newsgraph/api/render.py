"""Core records rendered as the API's pydantic models: the one shape of the JSON that the API
answers and the command line prints with --json."""

from __future__ import annotations

from dataclasses import asdict

from newsgraph.api import models
from newsgraph.core.records import Answer, FactReport
from newsgraph.core.types import Entity, Hit
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


def hit_out(hit: Hit) -> models.HitOut:
    """A passage found by search."""
    passage = hit.passage
    return models.HitOut(
        article_id=passage.article_id,
        title=passage.title,
        text=passage.text,
        score=round(hit.score, 6),
        start=passage.start,
        end=passage.end,
        source=passage.source,
        published=passage.published,
    )


def answer_out(answer: Answer) -> models.AnswerOut:
    """An answer with its citations, facts and SPARQL."""
    return models.AnswerOut.model_validate(asdict(answer))


def facts_out(report: FactReport) -> models.FactsOut:
    """An entity's facts and the SPARQL that found them."""
    return models.FactsOut(
        entity=entity_out(report.entity),
        facts=[models.FactOut(**asdict(f)) for f in report.facts],
        sparql=report.sparql,
    )
