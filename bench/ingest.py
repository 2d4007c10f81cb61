"""Ingest throughput: a batch of 200 articles into a fresh store, articles per second,
against the sequential floor measured in the same run (spaCy alone plus the embedder alone on
one thread over the same articles: what one core would take with nothing else to do). Also
prints the embedder alone on every core, since a batch ingest embeds on every core
(Settings.embed_threads).

The batch is corpus/ repeated with fresh ids until it holds 200 articles, so every
article is really extracted and written (no re-ingest shortcut). Prints the figures.

    .venv/bin/python bench/ingest.py [--articles 200]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from newsgraph.core.settings import Settings
from newsgraph.core.types import Article
from newsgraph.ingest.loaders import load_paths
from newsgraph.search.embedder import shared_minilm
from newsgraph.search.hybrid import embedded_text
from newsgraph.service.facade import Newsgraph

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3, help="runs; the median is reported")
    args = parser.parse_args()

    loaded, failures = load_paths([CORPUS])
    assert loaded and not failures, failures
    batch = [
        dataclasses.replace(loaded[i % len(loaded)], id=f"bench-{i}", url=None) for i in range(args.articles)
    ]
    words = sum(len(a.document.split()) for a in batch)

    runs = []
    floors: list[tuple[float, float, float]] = []
    for _ in range(args.repeat):
        # Each run ingests into a fresh store, so every article is extracted and written.
        with (
            tempfile.TemporaryDirectory() as folder,
            Newsgraph(Settings(store=Path(folder) / "store")) as service,
        ):
            started = time.perf_counter()
            _ = service.extractor  # model loading, reported apart from throughput
            loaded_at = time.perf_counter()
            report = service.ingest_articles(batch)
            runs.append((time.perf_counter() - loaded_at, loaded_at - started))
            stats = service.stats()
            floors.append(_floor(service, batch))

    seconds = statistics.median(r[0] for r in runs)
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles          {report.articles} ({words:,} words, {report.sentences:,} sentences)")
    print(f"model load        {runs[0][1]:.2f} s")
    print(
        f"ingest            {seconds:.2f} s (median of {len(runs)}: {', '.join(f'{r[0]:.1f}' for r in runs)})"
    )
    print(f"throughput        {report.articles / seconds:.1f} articles/s")
    parse, embed, embed_all = (statistics.median(f[i] for f in floors) for i in (0, 1, 2))
    print(
        f"sequential floor  {parse + embed:.2f} s (spaCy alone {parse:.2f} s + the embedder alone on one"
        f" thread {embed:.2f} s over the same articles and passages, medians)"
    )
    print(f"embedder, {os.cpu_count()} threads {embed_all:.2f} s (the same passages, alone)")
    print(f"floor / ingest    {(parse + embed) / seconds:.2f} (above 1: faster than the floor)")
    print(f"triples           {stats.triples:,}")
    print(f"peak RSS          {rss_mib:.0f} MiB")


def _floor(service: Newsgraph, batch: list[Article]) -> tuple[float, float, float]:
    """Seconds spaCy alone takes to parse the batch, and the embedder alone to embed the
    passages the ingest indexed, on one thread (the sequential floor of an ingest on one core)
    and on every core."""
    started = time.perf_counter()
    for _ in service.extractor.nlp.pipe((a.document for a in batch), batch_size=service.settings.batch_size):
        pass
    parsed = time.perf_counter()
    texts = [embedded_text(p) for _, p in service.passages.catalog.all()]
    shared_minilm().embed_many(texts, threads=1)
    embedded = time.perf_counter()
    shared_minilm().embed_many(texts, threads=os.cpu_count() or 1)
    return parsed - started, embedded - parsed, time.perf_counter() - embedded


if __name__ == "__main__":
    main()
