"""Typed canonical-entity extraction scored against the hand-made gold in corpus/gold."""

from __future__ import annotations

from collections.abc import Callable

from newsgraph.service.facade import Newsgraph
from tests.helpers import CORPUS
from tests.helpers.gold import Score, gold_article, named, predicted_entities, read_jsonl, score_entities

MIN_F1 = 0.85


def test_entity_extraction_meets_gold(service: Newsgraph, scores: Callable[[str], None]) -> None:
    records = read_jsonl("entities.jsonl")
    assert len(records) >= 10
    articles = [gold_article(r, CORPUS) for r in records]
    report = service.ingest_articles(articles)
    assert not report.failures

    total = Score(0, 0, 0)
    misses: list[str] = []
    for record, art in zip(records, articles, strict=True):
        gold = [named([g["name"], *g.get("aliases", [])], g["type"]) for g in record["entities"]]
        predicted = predicted_entities(service, art.id)
        score = score_entities(predicted, gold)
        total = Score(
            total.true_positives + score.true_positives,
            total.predicted + score.predicted,
            total.expected + score.expected,
        )
        missed = [
            sorted(g.names)[0] + "/" + g.type
            for g in gold
            if not any(p.type == g.type and p.names & g.names for p in predicted)
        ]
        extra = [
            sorted(p.names)[0] + "/" + p.type
            for p in predicted
            if not any(p.type == g.type and p.names & g.names for g in gold)
        ]
        if missed or extra:
            misses.append(f"  {record['file']}: missed {missed} extra {extra}")
    told: list[str] = []
    told.append("\n" + total.line(f"typed entities over {len(records)} gold articles"))
    told.append("\n".join(misses))
    scores("\n".join(told).strip("\n"))
    assert total.f1 >= MIN_F1
