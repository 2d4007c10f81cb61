"""Claims scored against the hand-made gold in corpus/gold/claims.jsonl."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.core.settings import Settings
from newsgraph.core.types import Extraction
from newsgraph.service.facade import Newsgraph
from tests.helpers import CORPUS
from tests.helpers.gold import (
    Judged,
    Score,
    article_key,
    claim_records,
    dev_articles,
    first_round,
    gold_article,
    gold_claims_by_article,
)

# The targets are precision 0.75 and recall 0.6; these floors guard what the
# extractor reaches today over all gold articles (generic related_to claims included)
# against regressions.
TARGET_PRECISION, TARGET_RECALL = 0.75, 0.6
MIN_PRECISION = 0.75
MIN_RECALL = 0.60


@pytest.fixture(scope="module")
def gold_extractions(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, Extraction]]:  # type: ignore[type-arg]
    records = claim_records()
    articles = [gold_article(r, CORPUS) for r in records]
    with Newsgraph(Settings(store=tmp_path_factory.mktemp("claims") / "store")) as service:
        extractions = list(service.extractor.extract_many(articles))
    return list(zip(records, extractions, strict=True))


def test_claims_meet_gold(
    gold_extractions: list[tuple[dict, Extraction]],  # type: ignore[type-arg]
    scores: Callable[[str], None],
) -> None:
    by_article = gold_claims_by_article()
    dev, first = dev_articles(), first_round()
    # split -> [matched predictions, predictions, matched gold, gold]
    counts = {split: [0, 0, 0, 0] for split in ("dev", "held-out", "first 21", "all")}
    flags_right = flags_total = 0
    for record, extraction in gold_extractions:
        judged = Judged.of(record, extraction, by_article[article_key(record)])
        for g, hits in judged.gold:
            if hits:
                flags_total += 1
                flags_right += hits[0].negated == g["negated"] and hits[0].hedged == g["hedged"]
        splits = ["dev" if judged.key in dev else "held-out", "all"]
        splits += ["first 21"] if judged.key in first else []
        for split in splits:
            for i, n in enumerate(judged.counts()):
                counts[split][i] += n
    told: list[str] = []
    targets = f"targets {TARGET_PRECISION}/{TARGET_RECALL}"
    told.append(f"\nclaims over {len(gold_extractions)} gold articles ({targets}):")
    for split, (mp, predicted, mg, expected) in counts.items():
        told.append(
            f"  {split:9} precision {Score(mp, predicted, 0).precision:.3f} ({mp}/{predicted})"
            f"  recall {Score(mg, 0, expected).recall:.3f} ({mg}/{expected})"
        )
    told.append(f"  negation+hedging agree on {flags_right}/{flags_total} matched")
    scores("\n".join(told).strip("\n"))
    mp, predicted, mg, expected = counts["all"]
    assert expected == sum(len(g) for g in by_article.values())
    assert Score(mp, predicted, 0).precision >= MIN_PRECISION
    assert Score(mg, 0, expected).recall >= MIN_RECALL
