"""Hybrid retrieval: dense and lexical results fused (see `fusion`), boosted by the graph.

The catalog, the faiss index and the tantivy index live in one folder and change
together through `replace_article` and `remove_article`; `repair` makes them agree
again after an interrupted write.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from datetime import timedelta
from pathlib import Path

import numpy as np

from newsgraph.core.periods import Period
from newsgraph.core.records import Filters
from newsgraph.core.types import Hit, Passage
from newsgraph.search.embedder import Embedder
from newsgraph.search.fusion import (
    FUSIONS,
    FusionModel,
    Ranked,
    convex,
    entity_unit,
    ranks,
    reciprocal_rank,
    standardized,
)
from newsgraph.search.indexes import PassageCatalog, TextIndex, VectorIndex, open_indexes

# What the dense index embeds of a passage. The title tells a passage's sentences what they
# are about ("It" is Micron, "the quarter" is its fourth); a change here re-embeds at opening.
DENSE_RECIPE = "title. text"
# News of a period is published in it or soon after: a quarter's results come weeks later.
REPORTED_WITHIN = timedelta(days=45)
# A filter admitting at most this share of the passages narrows both rankings to them (a set
# of ids each index searches among); a broader one filters the rankings afterwards.
NARROW = 0.5
RECENT_QUERIES = 64  # query vectors kept for a search of the same text
log = logging.getLogger(__name__)


class PassageSearch:
    """The passage catalog and both indexes, in one folder."""

    def __init__(
        self,
        folder: Path,
        embedder: Embedder,
        *,
        fusion: str = "convex",
        dense_weight: float = 0.4,
        rrf_k: int = 60,
        candidates: int = 100,
        entity_boost: float = 0.2,
        date_boost: float = 1.0,
        exact_limit: int = 50_000,
        read_only: bool = False,
        fusion_model: Path | None = None,
    ) -> None:
        if fusion not in FUSIONS:
            raise ValueError(f"unknown fusion {fusion!r}; choose one of {', '.join(FUSIONS)}")
        self.embedder = embedder
        # The last queries' vectors: a question searched again with a month's filter is not
        # embedded twice.
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        indexes = open_indexes(folder, embedder.dimension, exact_limit, read_only)
        self.catalog: PassageCatalog = indexes.catalog
        self.dense: VectorIndex = indexes.dense
        self.lexical: TextIndex = indexes.lexical
        self._set_weights(fusion, dense_weight, rrf_k, candidates, entity_boost, date_boost)
        self.model = FusionModel.load(fusion_model) if fusion_model is not None else None
        if not read_only:
            self._upgrade(folder)

    def _set_weights(
        self,
        fusion: str,
        dense_weight: float,
        rrf_k: int,
        candidates: int,
        entity_boost: float,
        date_boost: float,
    ) -> None:
        self.fusion = fusion
        self.dense_weight = dense_weight
        self.rrf_k = rrf_k
        self.candidates = candidates
        self.entity_boost = entity_boost
        self.date_boost = date_boost
        # Writers hold this only to swap passages in (after the slow embedding), readers only
        # to look them up: a search never waits for an ingest, only for that short swap.
        self._lock = threading.Lock()

    def _upgrade(self, folder: Path) -> None:
        """Bring indexes written by an older release up to this one's layout and embedding."""
        embedder = self.embedder
        if self.lexical.outdated:
            # An index from an older release, emptied at opening: the catalog refills it.
            log.warning("the lexical index in %s is from an older release: rebuilding it", folder)
            self.lexical.replace_many(_by_article(self.catalog.all()))
        recipe = folder / "dense.recipe"
        if not recipe.exists() or recipe.read_text() != DENSE_RECIPE:
            if len(self.dense):
                log.warning("the dense index in %s embeds passages otherwise: re-embedding them", folder)
                rows = self.catalog.all()
                ids = [i for i, _ in rows]
                self.dense.replace(ids, ids, embedder.embed_many([embedded_text(p) for _, p in rows]))
            recipe.write_text(DENSE_RECIPE)

    def close(self) -> None:
        """Release the catalog."""
        self.catalog.close()

    # ------------------------------------------------------------------ writes

    def replace_articles(self, articles: Mapping[str, Sequence[Passage]]) -> None:
        """Index each article's passages in place of whatever it had, in one batch."""
        texts = [embedded_text(p) for passages in articles.values() for p in passages]
        vectors = self.embedder.embed_many(texts)
        removed: list[int] = []
        added: list[int] = []
        per_article: list[tuple[str, list[int], Sequence[Passage]]] = []
        with self._lock:
            for article_id, passages in articles.items():
                old, new = self.catalog.replace_article(article_id, passages)
                removed += old
                added += new
                per_article.append((article_id, new, passages))
            self.dense.replace(removed, added, vectors)
            self.lexical.replace_many(per_article)

    def remove_article(self, article_id: str) -> None:
        """Remove an article from the catalog and both indexes."""
        self.replace_articles({article_id: []})

    def repair(self) -> None:
        """Drop vectors and documents whose passage is no longer in the catalog."""
        known = {i for i, _ in self.catalog.all()}
        stray = sorted(self.dense.ids() - known)
        if stray:
            self.dense.replace(stray, [], self.embedder.embed_many([]))

    # ------------------------------------------------------------------ reads

    def vectors(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """The dense index's vectors of passages given by key (those it holds)."""
        with self._lock:
            ids = self.catalog.ids_by_key(keys)
            return {key: self.dense.reconstruct(pid) for key, pid in ids.items()}

    def counts(self) -> dict[str, int]:
        """Passages in the catalog and in each index."""
        return {"catalog": self.catalog.count(), "dense": len(self.dense), "lexical": len(self.lexical)}

    def search_many(
        self,
        queries: Sequence[str],
        k: int = 10,
        filters: Filters | None = None,
        query_entities: Sequence[Sequence[str]] | None = None,
        mode: str = "hybrid",
        query_periods: Sequence[Sequence[Period]] | None = None,
        query_sources: Sequence[Sequence[str]] | None = None,
    ) -> list[list[Hit]]:
        """The top-k passages per query; `query_entities` are the entities each query names,
        `query_periods` the (first, last) days of the periods it names, `query_sources` the
        publishers it names."""
        results = []
        for found in self.candidates_many(
            queries, k, filters, query_entities, mode, query_periods, query_sources
        ):
            hits = [Hit(passage, self._score(values)) for passage, values in found]
            hits.sort(key=lambda h: -h.score)
            results.append(hits[:k])
        return results

    def candidates_many(
        self,
        queries: Sequence[str],
        k: int = 10,
        filters: Filters | None = None,
        query_entities: Sequence[Sequence[str]] | None = None,
        mode: str = "hybrid",
        query_periods: Sequence[Sequence[Period]] | None = None,
        query_sources: Sequence[Sequence[str]] | None = None,
    ) -> list[list[tuple[Passage, dict[str, float]]]]:
        """Every candidate passage per query that passes the filters, with the named features
        it is ranked by (FITTED_FEATURES, and "fused" for the convex and rrf fusions)."""
        filters = filters or Filters()
        vectors = self.query_vectors(queries) if mode != "lexical" else None
        depth = max(self.candidates, k * 5)
        total = self.catalog.count()
        among = self._admitted(filters, total)
        while True:
            rankings, found = self._candidates(queries, vectors, depth, mode, among)
            # A broad filter may leave fewer than k of the candidates: look deeper.
            admitted = [sum(1 for p in passages.values() if filters.admit(p)) for passages in found]
            if not filters or among is not None or depth >= total or min(admitted, default=k) >= k:
                break
            depth = min(depth * 4, total)
        results = []
        for qi, ((dense, lexical), passages) in enumerate(zip(rankings, found, strict=True)):
            wanted = set(query_entities[qi]) if query_entities and mode == "hybrid" else set()
            periods = query_periods[qi] if query_periods and mode == "hybrid" else ()
            sources = (
                {s.casefold() for s in query_sources[qi]} if query_sources and mode == "hybrid" else set()
            )
            near, words = standardized(dense, self.candidates), standardized(lexical, self.candidates)
            near_rank, word_rank = ranks(dense), ranks(lexical)
            fused = self._fuse(dense, lexical)
            rows = []
            for pid, passage in passages.items():
                if not filters.admit(passage):
                    continue
                values = {
                    "dense": near.get(pid, 0.0),
                    "lexical": words.get(pid, 0.0),
                    "dense_rank": near_rank.get(pid, 0.0),
                    "lexical_rank": word_rank.get(pid, 0.0),
                    "entities": len(wanted & set(passage.entity_ids)) / len(wanted) if wanted else 0.0,
                    "period": float(bool(periods) and _published_in(passage, periods)),
                    "source": float((passage.source or "").casefold() in sources),
                    "fused": fused.get(pid, 0.0),
                }
                rows.append((passage, values))
            results.append(rows)
        return results

    def _score(self, values: dict[str, float]) -> float:
        """A candidate's score: the fitted model's, or the fused score with the graph's boosts."""
        if self.fusion == "fitted" and self.model is not None:
            return self.model.score(values)
        unit = entity_unit(self.fusion, self.rrf_k)
        # The graph's word: a passage that mentions what the query names ranks up, and one
        # published when the query says the news happened.
        return values["fused"] + unit * (
            self.entity_boost * values["entities"] + self.date_boost * values["period"]
        )

    def query_vectors(self, queries: Sequence[str]) -> np.ndarray:
        """The queries' vectors, embedding only those not among the last RECENT_QUERIES."""
        if not queries:
            return self.embedder.embed_many([])
        with self._lock:
            missing = list(dict.fromkeys(q for q in queries if q not in self._recent))
        fresh = dict(zip(missing, self.embedder.embed_many(missing), strict=True)) if missing else {}
        with self._lock:
            for query, vector in fresh.items():
                self._recent[query] = vector
            vectors = np.stack([fresh[q] if q in fresh else self._recent[q] for q in queries])
            for query in queries:
                self._recent.move_to_end(query)
            while len(self._recent) > RECENT_QUERIES:
                self._recent.popitem(last=False)
        return vectors

    def _admitted(self, filters: Filters, total: int) -> set[int] | None:
        """The passages a narrow filter admits, looked up in the catalog, so that both indexes
        rank only those; None for no filter or a broad one (most passages pass: the rankings
        are filtered afterwards instead)."""
        if not filters:
            return None
        return self.catalog.ids_where(
            filters.source,
            filters.since,
            filters.until,
            filters.as_of,
            filters.entity_ids,
            int(total * NARROW),
        )

    def _candidates(
        self,
        queries: Sequence[str],
        vectors: np.ndarray | None,
        depth: int,
        mode: str,
        among: set[int] | None = None,
    ) -> tuple[list[tuple[Ranked, Ranked]], list[dict[int, Passage]]]:
        """Each query's dense and lexical rankings to `depth` (of the passages `among`, when
        given), and the passages they name."""
        with self._lock:
            dense = self.dense.search_many(vectors, depth, among) if vectors is not None else None
            lexical = self.lexical.search_many(queries, depth, among) if mode != "dense" else None
            rankings: list[tuple[Ranked, Ranked]] = [
                (dense[qi] if dense else [], lexical[qi] if lexical else []) for qi in range(len(queries))
            ]
            found = [
                self.catalog.get_many({pid for ranked in pair for pid, _ in ranked}) for pair in rankings
            ]
            return rankings, found

    def _fuse(self, dense: Ranked, lexical: Ranked) -> dict[int, float]:
        if self.fusion == "rrf":
            return reciprocal_rank(dense, lexical, self.rrf_k)
        return convex(dense, lexical, self.dense_weight, self.candidates)


def embedded_text(passage: Passage) -> str:
    """The text the dense index embeds for a passage (see DENSE_RECIPE)."""
    return f"{passage.title}. {passage.text}" if passage.title else passage.text


def _published_in(passage: Passage, periods: Sequence[Period]) -> bool:
    """Whether the passage's article was published in one of the periods or soon after."""
    published = passage.published
    return published is not None and any(
        first <= published <= last + REPORTED_WITHIN for first, last in periods
    )


def _by_article(rows: Sequence[tuple[int, Passage]]) -> list[tuple[str, list[int], list[Passage]]]:
    """Catalog rows as (article id, passage ids, passages), the lexical index's batches."""
    grouped: dict[str, tuple[list[int], list[Passage]]] = {}
    for pid, passage in rows:
        ids, passages = grouped.setdefault(passage.article_id, ([], []))
        ids.append(pid)
        passages.append(passage)
    return [(article_id, ids, passages) for article_id, (ids, passages) in grouped.items()]
