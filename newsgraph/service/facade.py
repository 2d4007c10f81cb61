"""The service facade: the one place that changes the store, used by the CLI and the API.

It keeps the graph (and, later, the passage indexes) consistent: an article goes in
whole or not at all, and deleting it removes everything it brought.
"""

from __future__ import annotations

import functools
import itertools
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from datetime import UTC, date, datetime
from pathlib import Path

from rdflib.query import Result
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.core.errors import (
    GraphError,
    NewsgraphError,
    NotFound,
    QueryError,
    ReadOnly,
)
from newsgraph.core.fitted import load_model
from newsgraph.core.records import (
    Answer,
    Consistency,
    Filters,
    GraphStats,
    IngestReport,
    LoadFailure,
    SearchResult,
)
from newsgraph.core.relations import load_vocabulary
from newsgraph.core.settings import Settings
from newsgraph.core.types import Article, Entity, Hit, Passage, is_article_id
from newsgraph.graph.knowledge import ArticleText, KnowledgeGraph
from newsgraph.graph.store import open_configured
from newsgraph.ingest.extract import Extractor, build_pipeline, installed_version
from newsgraph.ingest.feeds import load_sources
from newsgraph.ingest.fetch import Fetcher
from newsgraph.ingest.gazetteer import load_gazetteer, load_stopnames
from newsgraph.ingest.loaders import Overrides, oversize
from newsgraph.ingest.parses import ParseStore, serialized
from newsgraph.ingest.resolve import EntityRegistry
from newsgraph.qa.asking import Asker, link_entities
from newsgraph.qa.evidence import Evidence
from newsgraph.qa.reader import ReaderModel
from newsgraph.search.embedder import Embedder, LazyEmbedder
from newsgraph.search.hybrid import PassageSearch
from newsgraph.search.passages import windows
from newsgraph.search.query import mentioned_periods, named_sources, parse_filters, relative_periods
from newsgraph.service.browsing import Browser
from newsgraph.service.journal import Journal

log = logging.getLogger(__name__)

# Called after each article: (done so far, total, what was just done).
Progress = Callable[[int, int, str], None]


class Newsgraph:
    """Ingest, delete and read back articles in one store folder."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # A folder this process cannot write is opened read-only rather than not at all.
        self.read_only = settings.read_only or (
            settings.store.exists() and not os.access(settings.store, os.W_OK)
        )
        if self.read_only and not settings.graph_url and not (settings.store / "graph").is_dir():
            raise GraphError(f"no store to read at {settings.store}")
        self.vocabulary = load_vocabulary(settings.relations)
        self.graph = KnowledgeGraph(
            open_configured(settings, self.read_only),
            self.vocabulary.relations.values(),
            self.read_only,
        )
        self._extractor: Extractor | None = None
        self._registry: EntityRegistry | None = None
        self._asker: Asker | None = None
        self._publishers: list[str] | None = None  # read once, until the next write
        self.browse = Browser(self.graph)
        self.passages = self._open_passages(
            LazyEmbedder(batch_threads=settings.embed_threads or os.cpu_count() or 1)
        )
        self.parses = ParseStore(settings.store / "parses.sqlite", self.read_only)
        self.journal = Journal(settings.store / "journal.json")
        if self.read_only:
            if self.journal.pending():
                log.warning("%s has an unfinished write; open it writable once to repair it", settings.store)
        else:
            self._describe_store()
            self._repair()

    def _open_passages(self, embedder: Embedder) -> PassageSearch:
        """The passage catalog and indexes in the store's search folder."""
        return PassageSearch(
            self.settings.store / "search",
            embedder,
            fusion=self.settings.fusion,
            dense_weight=self.settings.dense_weight,
            rrf_k=self.settings.rrf_k,
            entity_boost=self.settings.entity_boost,
            date_boost=self.settings.date_boost,
            exact_limit=self.settings.dense_exact_limit,
            read_only=self.read_only,
            fusion_model=self.settings.fusion_model,
        )

    def close(self) -> None:
        """Release the store."""
        self.passages.close()
        self.parses.close()
        self.graph.backend.close()

    def __enter__(self) -> Newsgraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _describe_store(self) -> None:
        # A store describes itself: the settings and versions that built it.
        description = {
            "settings": json.loads(self.settings.model_dump_json(exclude={"write_token", "read_token"})),
            "versions": {
                name: installed_version(name)
                for name in ("newsgraph", "spacy", "rdflib", "oxrdflib", "pyoxigraph")
            },
            "written": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        path = self.settings.store / "settings.json"
        path.write_text(json.dumps(description, indent=2) + "\n", encoding="utf-8")

    @property
    def extractor(self) -> Extractor:
        """The spaCy pipeline and entity registry, loaded on first use."""
        if self._extractor is None:
            self._extractor = Extractor(
                _pipeline(self.settings.spacy_model, self.settings.gazetteer),
                self.registry,
                load_stopnames(self.settings.stopnames),
                self.vocabulary,
                self.settings.batch_size,
                [r.strip() for r in self.settings.claim_rules_off.split(",") if r.strip()],
            )
        return self._extractor

    @property
    def registry(self) -> EntityRegistry:
        """Every known entity by name: the gazetteer and the graph's entities."""
        if self._registry is None:
            self._registry = EntityRegistry(
                _gazetteer(self.settings.gazetteer), self.settings.fuzzy_threshold
            )
            for entity in self.graph.entities():
                self._registry.add(entity)
        return self._registry

    # ------------------------------------------------------------------ consistency

    def _repair(self) -> None:
        """Finish what an interrupted write left: the graph decides, the indexes follow.

        An article that cannot be replayed is reported and left; start-up goes on.
        """
        pending = self.journal.pending()
        for article_id in pending:
            try:
                self._sync_passages([article_id])
            except NewsgraphError as exc:
                log.error("could not repair the passages of article %s: %s", article_id, exc)
        if self.journal.path.exists():
            self.passages.repair()
            self.journal.clear()

    def _sync_passages(self, article_ids: Sequence[str]) -> None:
        """Make the passage indexes hold exactly what the graph holds for these articles."""
        batch: dict[str, list[Passage]] = {}
        for article_id in article_ids:
            text = self.graph.article_text(article_id)
            batch[article_id] = (
                []
                if text is None
                else windows(
                    article_id,
                    text.sentences,
                    text.mentions,
                    title=text.title,
                    source=text.source,
                    published=text.published,
                    size=self.settings.passage_sentences,
                    overlap=self.settings.passage_overlap,
                )
            )
        self.passages.replace_articles(batch)
        self._publishers = None  # a write may bring or take away a publisher

    def reindex(self, progress: Progress | None = None) -> int:
        """Rebuild the passage indexes from the graph, and parse again the articles whose
        parse is not kept (stores of older releases); returns the number of articles."""
        self._writable()
        ids = self.graph.article_ids()
        self.passages.close()
        shutil.rmtree(self.settings.store / "search", ignore_errors=True)
        self.passages = self._open_passages(self.passages.embedder)
        step = self.settings.batch_size
        for first in range(0, len(ids), step):
            self._sync_passages(ids[first : first + step])
            self._reparse(ids[first : first + step])
            if progress is not None:
                progress(min(first + step, len(ids)), len(ids), ids[first])
        return len(ids)

    def _reparse(self, article_ids: Sequence[str]) -> None:
        """Keep a parse of each stored article that has none, made from its stored sentences."""
        texts = [t for a in self.parses.missing(article_ids) if (t := self.graph.article_text(a))]
        nlp = _pipeline(self.settings.spacy_model, self.settings.gazetteer)
        for text, doc in zip(texts, nlp.pipe(map(_document, texts)), strict=True):
            self.parses.put(text.article_id, serialized(doc))

    def consistency(self) -> Consistency:
        """Articles and passages in the graph and each index, and whether they agree."""
        graph_articles = set(self.graph.article_ids())
        catalog_articles = self.passages.catalog.article_ids()
        catalog_ids = {i for i, _ in self.passages.catalog.all()}
        dense_ids, lexical_ids = self.passages.dense.ids(), self.passages.lexical.ids()
        problems: list[str] = []
        if catalog_articles != graph_articles:
            problems.append(
                f"{len(graph_articles - catalog_articles)} articles in the graph are not indexed, "
                f"{len(catalog_articles - graph_articles)} indexed articles are not in the graph"
            )
        if dense_ids != catalog_ids:
            problems.append(
                f"dense index differs from the catalog on {len(dense_ids ^ catalog_ids)} passages"
            )
        if lexical_ids != catalog_ids:
            problems.append(
                f"lexical index differs from the catalog on {len(lexical_ids ^ catalog_ids)} passages"
            )
        return {
            "graph_articles": len(graph_articles),
            "indexed_articles": len(catalog_articles),
            "passages": len(catalog_ids),
            "dense_passages": len(dense_ids),
            "lexical_passages": len(lexical_ids),
            "consistent": not problems,
            "problems": problems,
        }

    # ------------------------------------------------------------------ writes

    def ingest_paths(
        self,
        paths: Sequence[Path | str],
        overrides: Overrides | None = None,
        progress: Progress | None = None,
        fetcher: Fetcher | None = None,
    ) -> IngestReport:
        """Load files, folders and feeds (files or URLs, fetched by `fetcher`), then ingest what loaded."""
        self._writable()
        articles, failures = load_sources(list(paths), overrides or Overrides(), fetcher)
        report = self.ingest_articles(articles, progress)
        report.failures[:0] = failures
        return report

    def ingest_articles(
        self, articles: Sequence[Article], progress: Progress | None = None, deadline: float | None = None
    ) -> IngestReport:
        """Extract and store articles; a failing article is reported, the rest still go in.

        Articles over the size limits fail before extraction. Past `deadline` (a
        time.monotonic() value) the articles not yet extracted are left, and the report says so.
        """
        self._writable()
        started = time.perf_counter()
        report = IngestReport()
        articles = self._admissible(articles, report)
        seen_entities: set[str] = set()
        extractions = self.extractor.extract_many(articles)
        done = 0
        while chunk := list(itertools.islice(extractions, self.settings.batch_size)):
            # Journal first: a crash between the graph and the indexes is repaired at start-up.
            self.journal.begin([x.article.id for x in chunk])
            written = []
            for extraction in chunk:
                article = extraction.article
                try:
                    self.graph.write(extraction)
                except NewsgraphError as exc:
                    report.failures.append(LoadFailure(article.origin or article.id, str(exc)))
                else:
                    self.parses.put(article.id, extraction.parse)
                    written.append(article.id)
                    report.articles += 1
                    report.article_ids.append(article.id)
                    report.sentences += len(extraction.sentences)
                    report.mentions += len(extraction.mentions)
                    seen_entities.update(e.id for e in extraction.entities)
                    report.new_entities += len(extraction.new_entity_ids)
                done += 1
                if progress is not None:
                    progress(done, len(articles), article.title or article.id)
            self._sync_passages(written)
            self.journal.clear()
            if deadline is not None and time.monotonic() > deadline and done < len(articles):
                report.stopped = (
                    f"the job ran past its time budget of {self.settings.job_seconds:g} s; "
                    f"{len(articles) - done} of {len(articles)} articles were not ingested"
                )
                break
        report.entities = len(seen_entities)
        report.seconds = time.perf_counter() - started
        return report

    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnly(f"the store {self.settings.store} is open read-only; writes are refused")

    def _admissible(self, articles: Sequence[Article], report: IngestReport) -> list[Article]:
        """The articles within the size limits and unique in the batch; the rest become failures."""
        kept: dict[str, Article] = {}
        for article in articles:
            problem = oversize(article, self.settings.max_article_chars, self.settings.max_article_sentences)
            if problem is not None:
                report.failures.append(LoadFailure(article.origin or article.id, problem))
                continue
            if article.id in kept:
                report.failures.append(
                    LoadFailure(
                        article.origin or article.id,
                        f"article id {article.id!r} comes twice in one batch; the first one was kept",
                    )
                )
                continue
            kept[article.id] = article
        return list(kept.values())

    def delete(self, article_id: str) -> None:
        """Remove an article and everything only it brought."""
        self._writable()
        if not is_article_id(article_id) or not self.graph.has_article(article_id):
            raise NotFound(f"no article with id {article_id!r}")
        self.journal.begin([article_id])
        self.graph.delete(article_id)
        self.parses.drop([article_id])
        self._sync_passages([article_id])
        self.journal.clear()

    # ------------------------------------------------------------------ reads

    def search(
        self,
        query: str,
        k: int = 10,
        filters: Filters | None = None,
        mode: str = "hybrid",
        as_of: date | None = None,
    ) -> SearchResult:
        """Passages for a query: hybrid by default, filters from options and from the query's words;
        `as_of`, the day it is asked, as for questions."""
        return self.search_many([query], k, filters, mode, as_of)[0]

    def search_many(
        self,
        queries: Sequence[str],
        k: int = 10,
        filters: Filters | None = None,
        mode: str = "hybrid",
        as_of: date | None = None,
    ) -> list[SearchResult]:
        """Search many queries at once (one embedding batch)."""
        if not queries or any(not q.strip() for q in queries):
            raise QueryError("the search query is empty")
        if k < 1:
            raise QueryError("k must be at least 1")
        sources = self._sources()
        parsed = [parse_filters(q, sources, filters) for q in queries]
        if as_of is not None:
            parsed = [(t, replace(f, as_of=as_of)) for t, f in parsed]
        texts = [text for text, _ in parsed]
        linked = [link_entities(text, self.registry) for text in texts]
        periods = [
            mentioned_periods(text) + (relative_periods(text, as_of) if as_of else ()) for text in texts
        ]
        named = [named_sources(q, sources) for q in queries]
        groups: dict[Filters, list[int]] = {}
        for i, (_, f) in enumerate(parsed):
            groups.setdefault(f, []).append(i)
        results: list[SearchResult | None] = [None] * len(queries)
        for group_filters, members in groups.items():
            found = self.passages.search_many(
                [texts[i] for i in members],
                k,
                group_filters,
                [linked[i] for i in members],
                mode,
                [periods[i] for i in members],
                [named[i] for i in members],
            )
            for i, hits in zip(members, found, strict=True):
                results[i] = SearchResult(queries[i], hits, tuple(linked[i]), parsed[i][1])
        return [r for r in results if r is not None]

    def search_candidates(
        self, query: str, as_of: date | None = None
    ) -> list[tuple[Passage, dict[str, float]]]:
        """Every candidate passage of a search with the features it is ranked by (for fitting)."""
        text, filters = parse_filters(query, self._sources())
        if as_of is not None:
            filters = replace(filters, as_of=as_of)
        periods = mentioned_periods(text) + (relative_periods(text, as_of) if as_of else ())
        return self.passages.candidates_many(
            [text],
            10,
            filters,
            [link_entities(text, self.registry)],
            "hybrid",
            [periods],
            [named_sources(query, self._sources())],
        )[0]

    @property
    def asker(self) -> Asker:
        """Question answering over this store."""
        if self._asker is None:
            path = self.settings.reader_model
            self._asker = Asker(
                self.graph,
                lambda: self.passages,
                lambda: self.registry,
                self.vocabulary,
                self._sources,
                parse=self._parse,
                parse_sentences=self._parse_sentences,
                model=load_model(path) if path is not None else None,
                verdict_model=ReaderModel.load(verdict) if (verdict := self.settings.verdict_model) else None,
            )
        return self._asker

    def _parse(self, texts: Sequence[str]) -> list[Doc]:
        """Texts through the ingest pipeline's spaCy model (for the reader)."""
        return list(_pipeline(self.settings.spacy_model, self.settings.gazetteer).pipe(texts))

    def _parse_sentences(self, evidence: Sequence[Evidence]) -> list[Doc]:
        """Stored sentences as ingest parsed them, parsing afresh those it did not keep."""
        nlp = _pipeline(self.settings.spacy_model, self.settings.gazetteer)
        wanted = [(ev.article_id, ev.start, ev.end, ev.text) for ev in evidence]
        docs = self.parses.sentences(nlp.vocab, wanted)
        unkept = [ev.text for ev, doc in zip(evidence, docs, strict=True) if doc is None]
        fresh = iter(self._parse(unkept) if unkept else [])
        return [doc if doc is not None else next(fresh) for doc in docs]

    def ask(self, question: str, as_of: date | None = None) -> Answer:
        """Answer an analyst's question from graph facts and passages, with citations;
        `as_of` is the day it is asked (nothing published later is read)."""
        return self.asker.ask(question, as_of)

    def search_hits(
        self, query: str, k: int = 10, mode: str = "hybrid", as_of: date | None = None
    ) -> list[Hit]:
        """The top-k passages for a query: Newsgraph's search (hybrid), or one plain ranking."""
        if mode == "hybrid":
            return self.search(query, k, as_of=as_of).hits
        return self.passages.search_many([query], k, mode=mode)[0]

    def _sources(self) -> list[str]:
        """The publishers' names, which questions and searches may use as filters."""
        if self._publishers is None:
            rows = self.graph.values(
                "PREFIX schema: <https://schema.org/> "
                "SELECT DISTINCT ?n WHERE { ?a schema:publisher/schema:name ?n }"
            )
            self._publishers = [name for (name,) in rows if name]
        return self._publishers

    def stats(self) -> GraphStats:
        """Counts of what the store holds."""
        return self.graph.stats()

    def sparql(self, query: str) -> Result:
        """Run a SPARQL 1.1 query over the union of all graphs."""
        return self.graph.query(query)

    def export(self, fmt: str) -> bytes:
        """The whole store serialized."""
        return self.graph.export(fmt)


# The pipeline is read-only once built, so every service in a process can share it
# (tests open many stores; a server opens one).
@functools.cache
def _gazetteer(path: Path) -> tuple[Entity, ...]:
    return tuple(load_gazetteer(path))


@functools.cache
def _pipeline(model: str, gazetteer_path: Path) -> Language:
    return build_pipeline(model, _gazetteer(gazetteer_path))


def _document(text: ArticleText) -> str:
    """An article's analysed text rebuilt from its stored sentences, at their offsets; the
    whitespace between two sentences is a space, or line breaks where it was longer."""
    parts: list[str] = []
    at = 0
    for sentence in text.sentences:
        gap = sentence.start - at
        parts.append(" " if gap == 1 else "\n" * max(gap, 0))
        parts.append(sentence.text)
        at = sentence.end
    return "".join(parts)


def stats_dict(stats: GraphStats) -> dict[str, int]:
    """Stats as the JSON the CLI and API print."""
    return asdict(stats)
