"""Retrieval quality and speed: dense, lexical and hybrid side by side, then latency at 10k passages.

Quality: the answerable questions in corpus/questions.jsonl, Recall@1/5/10 and MRR@10 per
mode, counted twice. At article level a hit is a passage from one of the question's
articles; at passage level it must contain one of the question's evidence sentences
(compared without case, punctuation or spacing), which is what answering needs.
Splits as in bench/qa.py: dev (odd q ids) for tuning; heldout (even q ids), fresh (h ids) and
fresh2 (f ids) only to confirm.
Speed: the corpus's passages copied (vectors jittered) to 10,000 in a scratch index;
prints p50/p95 per query, the query's embedding included.

    .venv/bin/python bench/retrieval.py [--split dev|heldout|fresh|fresh2|all] [--store DIR] [--passages N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from questions import SPLITS, corpus_service, load_questions, split_of  # bench/questions.py

from newsgraph.core.types import Hit, Passage
from newsgraph.search.hybrid import MODES, PassageSearch
from newsgraph.service.facade import Newsgraph

CUTOFFS = (1, 5, 10)
_NOT_WORDS = re.compile(r"\W+")


def _plain(text: str) -> str:
    return _NOT_WORDS.sub(" ", text.casefold()).strip()


def article_hit(question: dict[str, Any], hit: Hit) -> bool:
    """The passage comes from one of the question's articles."""
    return hit.passage.article_id in question["article_ids"]


def passage_hit(question: dict[str, Any], hit: Hit) -> bool:
    """The passage holds one of the question's evidence sentences."""
    text = _plain(hit.passage.text)
    return any(_plain(sentence) in text for sentence in question["evidence"])


LEVELS = {"article": article_hit, "passage": passage_hit}


def quality(service: Newsgraph, questions: list[dict[str, Any]]) -> None:
    texts = [q["question"] for q in questions]
    results = {mode: service.search_many(texts, k=10, mode=mode) for mode in MODES}
    for level, is_hit in LEVELS.items():
        print(f"{level} level ({(is_hit.__doc__ or '').strip().lower().rstrip('.')})")
        print(f"  {'mode':<8}" + "".join(f"  R@{k:<4}" for k in CUTOFFS) + "  MRR@10")
        for mode in MODES:
            ranks = [
                next((i for i, hit in enumerate(result.hits, 1) if is_hit(question, hit)), None)
                for question, result in zip(questions, results[mode], strict=True)
            ]
            recall = [sum(1 for r in ranks if r is not None and r <= k) / len(ranks) for k in CUTOFFS]
            mrr = sum(1 / r for r in ranks if r is not None) / len(ranks)
            print(f"  {mode:<8}" + "".join(f"  {v:.3f} " for v in recall) + f"  {mrr:.3f}")


def latency(service: Newsgraph, questions: list[dict[str, Any]], size: int, folder: Path) -> None:
    source = service.passages
    rows = source.catalog.all()
    vectors = np.vstack([source.dense.reconstruct(i) for i, _ in rows])
    scratch = PassageSearch(
        folder,
        source.embedder,
        fusion=source.fusion,
        dense_weight=source.dense_weight,
        rrf_k=source.rrf_k,
        entity_boost=source.entity_boost,
    )
    rng = np.random.default_rng(7)
    copies = 0
    batch: dict[str, list[Passage]] = {}
    while copies * len(rows) < size:
        for i, (_, p) in enumerate(rows):
            article = f"{p.article_id}-copy{copies}"
            batch.setdefault(article, []).append(
                Passage(f"{article}#{i}", article, p.text, p.start, p.end, p.title, p.source, p.published)
            )
        copies += 1
    added: list[int] = []
    per_article = []
    for article, passages in batch.items():
        _, new = scratch.catalog.replace_article(article, passages)
        added += new
        per_article.append((article, new, passages))
    jittered = np.tile(vectors, (copies, 1))[: len(added)] + rng.normal(
        0, 0.01, (len(added), vectors.shape[1])
    )
    jittered /= np.linalg.norm(jittered, axis=1, keepdims=True)
    scratch.dense.replace([], added, jittered.astype("float32"))
    scratch.lexical.replace_many(per_article)
    timings = []
    for question in questions:
        started = time.perf_counter()
        scratch.search_many([question["question"]], k=10)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"latency over {scratch.catalog.count():,} passages, {len(timings)} queries (embedding included):")
    print(f"  p50 {statistics.median(timings):.1f} ms   p95 {p95:.1f} ms   max {timings[-1]:.1f} ms")
    scratch.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, default="all")
    parser.add_argument("--store", type=Path, help="build the corpus store here once and reuse it")
    parser.add_argument("--passages", type=int, default=10_000, help="latency index size (0: skip)")
    args = parser.parse_args()
    answerable = [q for q in load_questions("all") if q["answerable"] and q["article_ids"]]
    questions = [q for q in answerable if args.split == "all" or split_of(q["id"]) == args.split]
    with tempfile.TemporaryDirectory() as folder, corpus_service(args.store, Path(folder)) as service:
        print(
            f"{len(questions)} answerable questions ({args.split}) over "
            f"{len(service.passages.catalog.article_ids())} articles\n"
        )
        quality(service, questions)
        if args.passages:
            print()
            latency(service, answerable, args.passages, Path(folder) / "scratch")


if __name__ == "__main__":
    main()
