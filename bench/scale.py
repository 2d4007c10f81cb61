"""Speed as the store grows: ask, search and analysts' SPARQL queries at two sizes, side by side.

The stores are built once through the normal ingest path (Newsgraph.ingest_articles) and
kept under --root, so later runs only measure. Their articles are variants of corpus/ and
of every article in ../shared/eval: each variant gets a new id, a publication date moved
by whole weeks, its numbers scaled, and some of its gazetteer names swapped for other
names of the same class, so the graph grows in entities, claims and figures as news does
rather than holding copies. Each size's store holds the smaller size's articles and more.

Prints p50/p95 of `ask`, of a hybrid search, and of three analyst queries (claims about an
entity with who says so, an entity's figures over time, claims per relation) at each size,
and the growth ratio of the larger size's p95 to the smaller's.

    .venv/bin/python bench/scale.py --root DIR [--sizes 1000,10000] [--questions 40]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import re
import shutil
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

from questions import load_questions  # bench/questions.py
from rich.progress import Progress

from newsgraph.core.settings import Settings
from newsgraph.core.types import Article, Entity
from newsgraph.ingest.gazetteer import load_gazetteer
from newsgraph.ingest.loaders import load_file, load_paths
from newsgraph.service.facade import Newsgraph

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
BATCH = 200  # articles ingested per call, so a killed build loses little

# Analysts' questions over the graph, with NAME standing for an entity of the store.
ANALYST_QUERIES = {
    "claims about an entity, with who says so": """
        SELECT ?claim ?relation ?object ?source WHERE {
          ?claim a ng:Claim ; ng:subject ?s ; ng:relation ?relation .
          ?s rdfs:label "NAME" .
          OPTIONAL { ?claim ng:object ?object }
          OPTIONAL { ?claim ng:attributedTo/rdfs:label ?source }
        } LIMIT 200""",
    "an entity's figures over time": """
        SELECT ?value ?unit ?period WHERE {
          ?claim ng:subject ?s ; ng:object ?f .
          ?s rdfs:label "NAME" .
          ?f a ng:Figure ; ng:value ?value .
          OPTIONAL { ?f ng:unit ?unit } OPTIONAL { ?f ng:period ?period }
        } ORDER BY ?period LIMIT 200""",
    "claims per relation": """
        SELECT ?relation (COUNT(?claim) AS ?n) WHERE { ?claim ng:relation ?relation }
        GROUP BY ?relation ORDER BY DESC(?n)""",
}
NAMES = ("Nvidia", "Huawei", "TSMC")

_NUMBER = re.compile(r"\b\d+(?:\.\d+)?\b")


def base_articles() -> list[Article]:
    """corpus/ and every articles file of ../shared/eval."""
    articles, failures = load_paths([ROOT / "corpus"])
    assert not failures, failures
    for path in sorted(EVAL.glob("*.articles.jsonl")):
        articles += load_file(path)
    return articles


def variants(articles: list[Article], gazetteer: list[Entity]) -> Iterator[Article]:
    """Variant 0 of every article (the article itself), then variant 1 of every one, and so on."""
    by_class: dict[str, list[str]] = {}
    for entity in gazetteer:
        by_class.setdefault(entity.type, []).append(entity.label)
    round_ = 0
    while True:
        for article in articles:
            yield article if round_ == 0 else _variant(article, round_, by_class)
        round_ += 1


def _variant(article: Article, k: int, by_class: dict[str, list[str]]) -> Article:
    """The article's k-th variant: new id, dates k weeks later, numbers scaled, names swapped."""
    text, title = article.text, article.title or ""
    for labels in by_class.values():
        if len(labels) < 2:
            continue
        for label in labels:
            if label in text and _pick(f"{article.id}/{k}/{label}", 3) == 0:
                other = labels[_pick(f"{article.id}/{k}/{label}/to", len(labels))]
                word = re.compile(rf"\b{re.escape(label)}\b")  # "Intel", not "Intelligence"
                text, title = word.sub(other, text), word.sub(other, title)
    factor = 1 + 0.05 * (k % 7 + 1)

    def scaled(match: re.Match[str]) -> str:
        raw = match.group(0)
        if len(raw) == 4 and raw.startswith(("19", "20")):
            return raw  # a year
        value = float(raw) * factor
        return f"{value:.{len(raw.split('.')[1])}f}" if "." in raw else str(round(value))

    return dataclasses.replace(
        article,
        id=f"{article.id}-v{k}",
        url=None,
        text=_NUMBER.sub(scaled, text),
        title=_NUMBER.sub(scaled, title) if article.title else None,
        published=article.published + timedelta(weeks=k) if article.published else None,
    )


def _pick(key: str, n: int) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % n


def build(root: Path, sizes: list[int]) -> None:
    """Grow one store per size, each a copy of the size before it with more articles, through
    the normal ingest path; a store already built is kept, one half built is resumed."""
    settings = Settings()
    source = variants(base_articles(), load_gazetteer(settings.gazetteer))
    made: list[Article] = []
    before: Path | None = None
    for size in sizes:
        store = root / str(size)
        marker = store / "built.json"
        while len(made) < size:
            made.append(next(source))
        if marker.exists():
            before = store
            continue
        if before is not None and not store.exists():
            shutil.copytree(before, store)
            (store / "built.json").unlink()
        before = store
        with Newsgraph(Settings(store=store)) as service, Progress() as progress:
            have = service.stats().articles
            task = progress.add_task(f"building {size:,} articles", total=size, completed=have)
            for first in range(have, size, BATCH):
                report = service.ingest_articles(made[first : min(first + BATCH, size)])
                progress.update(task, completed=first + report.articles + len(report.failures))
            marker.write_text(json.dumps({"articles": service.stats().articles}))


def timed(run: Callable[[str], object], texts: list[str]) -> list[float]:
    """Seconds `run` takes on each text."""
    seconds = []
    for text in texts:
        started = time.perf_counter()
        run(text)
        seconds.append(time.perf_counter() - started)
    return seconds


def measure(store: Path, questions: list[str]) -> dict[str, list[float]]:
    with Newsgraph(Settings(store=store)) as service:
        service.ask(questions[0])  # models loaded before timing
        found = {
            "ask": timed(service.ask, questions),
            "search": timed(lambda q: service.search(q, 10), questions),
        }
        for name, query in ANALYST_QUERIES.items():
            found[name] = timed(
                lambda q: list(service.sparql(q)), [query.replace("NAME", e) for e in NAMES for _ in range(3)]
            )
        return found


def _ms(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(int(share * len(ordered)), len(ordered) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True, help="where the stores are built and kept")
    parser.add_argument("--sizes", default="1000,10000", help="two store sizes, in articles")
    parser.add_argument("--questions", type=int, default=40, help="corpus questions asked at each size")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    build(args.root, sizes)
    questions = [q["question"] for q in load_questions("dev")][: args.questions]
    results = {size: measure(args.root / str(size), questions) for size in sizes}
    small, large = sizes[0], sizes[-1]
    print(
        f"{'':44}" + "".join(f"{f'{s:,} p50':>12}{f'{s:,} p95':>12}" for s in sizes) + f"{'p95 growth':>12}"
    )
    for name in results[small]:
        cells = "".join(
            f"{_ms(results[s][name], 0.5):>10.1f}ms{_ms(results[s][name], 0.95):>10.1f}ms" for s in sizes
        )
        growth = _ms(results[large][name], 0.95) / max(_ms(results[small][name], 0.95), 1e-9)
        print(f"{name:44}{cells}{growth:>11.2f}x")
    print(
        f"({len(questions)} questions asked once each; each analyst query for {len(NAMES)} entities, 3 times)"
    )


if __name__ == "__main__":
    main()
