"""Retrieval quality and speed: dense, lexical and hybrid side by side, then latency at 10k passages.

Quality: every answerable question in corpus/questions.jsonl; a hit is a passage from one
of the question's articles. Prints Recall@1/5/10 and MRR@10 per mode.
Speed: the corpus's passages copied (vectors jittered) to 10,000 in a scratch index;
prints p50/p95 per query, the query's embedding included.

    .venv/bin/python bench/retrieval.py [--passages 10000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from newsgraph.core.settings import Settings
from newsgraph.core.types import Passage
from newsgraph.qa.service import Newsgraph
from newsgraph.search.hybrid import MODES, PassageSearch

ROOT = Path(__file__).resolve().parent.parent
CUTOFFS = (1, 5, 10)


def quality(service: Newsgraph, questions: list[dict]) -> None:  # type: ignore[type-arg]
    print(f"{'mode':<8}" + "".join(f"  R@{k:<4}" for k in CUTOFFS) + "  MRR@10")
    for mode in MODES:
        results = service.search_many([q["question"] for q in questions], k=10, mode=mode)
        ranks = []
        for question, result in zip(questions, results, strict=True):
            wanted = set(question["article_ids"])
            rank = next((i for i, h in enumerate(result.hits, 1) if h.passage.article_id in wanted), None)
            ranks.append(rank)
        recall = [sum(1 for r in ranks if r is not None and r <= k) / len(ranks) for k in CUTOFFS]
        mrr = sum(1 / r for r in ranks if r is not None) / len(ranks)
        print(f"{mode:<8}" + "".join(f"  {v:.3f} " for v in recall) + f"  {mrr:.3f}")


def latency(service: Newsgraph, questions: list[dict], size: int, folder: Path) -> None:  # type: ignore[type-arg]
    source = service.passages
    rows = source.catalog.all()
    vectors = np.vstack([source.dense.reconstruct(i) for i, _ in rows])
    scratch = PassageSearch(folder, source.embedder)
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
    parser.add_argument("--passages", type=int, default=10_000)
    args = parser.parse_args()
    lines = (ROOT / "corpus" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [q for q in map(json.loads, filter(None, lines)) if q["answerable"] and q["article_ids"]]
    with (
        tempfile.TemporaryDirectory() as folder,
        Newsgraph(Settings(store=Path(folder) / "store")) as service,
    ):
        report = service.ingest_paths([ROOT / "corpus"])
        assert not report.failures, report.failures
        print(f"{len(questions)} answerable questions over {report.articles} articles\n")
        quality(service, questions)
        print()
        latency(service, questions, args.passages, Path(folder) / "scratch")


if __name__ == "__main__":
    main()
