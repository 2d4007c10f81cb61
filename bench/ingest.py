"""Ingest throughput: a batch of 200 articles into a fresh store, articles per second.

The batch is corpus/ repeated with fresh ids until it holds 200 articles, so every
article is really extracted and written (no re-ingest shortcut). Prints the figures.

    .venv/bin/python bench/ingest.py [--articles 200]
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import statistics
import tempfile
import time
from pathlib import Path

from newsgraph.core.settings import Settings
from newsgraph.ingest.loaders import load_paths
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

    seconds = statistics.median(r[0] for r in runs)
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles          {report.articles} ({words:,} words, {report.sentences:,} sentences)")
    print(f"model load        {runs[0][1]:.2f} s")
    print(
        f"ingest            {seconds:.2f} s (median of {len(runs)}: {', '.join(f'{r[0]:.1f}' for r in runs)})"
    )
    print(f"throughput        {report.articles / seconds:.1f} articles/s")
    print(f"triples           {stats.triples:,}")
    print(f"peak RSS          {rss_mib:.0f} MiB")


if __name__ == "__main__":
    main()
