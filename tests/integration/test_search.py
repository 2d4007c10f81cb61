"""Hybrid passage search on the real embedding model, faiss and tantivy indexes."""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from newsgraph.api.server import ServerState
from newsgraph.core.errors import QueryError
from newsgraph.core.records import Filters
from newsgraph.core.settings import Settings
from newsgraph.search.catalog import Catalog
from newsgraph.search.embedder import LazyEmbedder
from newsgraph.search.query import parse_filters
from newsgraph.service.facade import Newsgraph
from tests.helpers import CORPUS, EXPORTS, MEMORY, REPO


def article_ids(service: Newsgraph, query: str, **kwargs: object) -> list[str]:
    return [h.passage.article_id for h in service.search(query, **kwargs).hits]  # type: ignore[arg-type]


def test_search_finds_by_meaning_words_and_entities(service: Newsgraph) -> None:
    service.ingest_articles([MEMORY, EXPORTS])
    assert article_ids(service, "memory chip supply sold out")[0] == "memory"
    assert article_ids(service, "blacklist of Chinese companies")[0] == "exports"
    result = service.search("What did Orvale Kestrin say?")
    assert result.hits[0].passage.article_id == "memory"
    assert "person/orvale-kestrin" in result.entities


def test_reingest_and_delete_show_at_once(service: Newsgraph) -> None:
    service.ingest_articles([MEMORY, EXPORTS])
    changed = dataclasses.replace(
        MEMORY, text="Zentrix Photonics opened a new optical interconnect plant in Malmo."
    )
    service.ingest_articles([changed])
    assert article_ids(service, "Zentrix optical interconnect plant", k=1) == ["memory"]
    assert not any("HBM3E" in h.passage.text for h in service.search("SK Hynix sold out HBM3E", k=10).hits)
    service.delete("exports")
    assert "exports" not in article_ids(service, "Entity List Commerce Department", k=10)
    assert service.consistency()["consistent"] is True


def test_filters_by_source_date_and_phrases(service: Newsgraph) -> None:
    other = dataclasses.replace(EXPORTS, id="exports2", source="Other Desk", published=date(2023, 10, 18))
    service.ingest_articles([MEMORY, EXPORTS, other])
    assert set(article_ids(service, "export rules", filters=Filters(source="Other Desk"))) == {"exports2"}
    since = Filters(since=date(2025, 4, 1))
    assert "exports2" not in {
        h.passage.article_id for h in service.search("export rules", filters=since).hits
    }
    text, filters = parse_filters(
        "export rules published in October 2023 from Other Desk", ["Other Desk", "Test Wire"]
    )
    assert text == "export rules"
    assert (filters.source, filters.since, filters.until) == (
        "Other Desk",
        date(2023, 10, 1),
        date(2023, 10, 31),
    )
    assert set(article_ids(service, "export rules published in October 2023")) == {"exports2"}


def test_a_period_in_the_query_favours_the_articles_published_then(service: Newsgraph) -> None:
    earlier = dataclasses.replace(EXPORTS, id="exports2023", published=date(2023, 10, 18))
    service.ingest_articles([EXPORTS, earlier])  # the same text, published 18 months apart
    assert article_ids(service, "Which firms joined the Entity List in October 2023?")[0] == "exports2023"
    assert article_ids(service, "Which firms joined the Entity List in April 2025?")[0] == "exports"


def test_empty_query_is_an_error(service: Newsgraph) -> None:
    with pytest.raises(QueryError):
        service.search("   ")


def test_stats_flag_a_mismatch_and_reindex_mends_it(service: Newsgraph) -> None:
    service.ingest_articles([MEMORY, EXPORTS])
    service.passages.remove_article("memory")  # an index falls behind the graph
    report = service.consistency()
    assert report["consistent"] is False and report["problems"]
    service.reindex()
    assert service.consistency()["consistent"] is True


INGEST = """
import sys
from pathlib import Path
from newsgraph.core.settings import Settings
from newsgraph.service.facade import Newsgraph
with Newsgraph(Settings(store=Path(sys.argv[1]), batch_size=2)) as service:
    print("ready", flush=True)
    service.ingest_paths([Path(sys.argv[2])])
"""


def test_killed_ingest_leaves_consistent_stores(tmp_path: Path) -> None:
    """SIGKILL a real ingest at a random moment; the next start repairs the indexes."""
    store = tmp_path / "store"
    script = tmp_path / "ingest.py"
    script.write_text(INGEST, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), str(store), str(CORPUS / "2025")],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert process.stdout is not None and process.stdout.readline().strip() == b"ready"
    time.sleep(random.uniform(4.0, 12.0))  # somewhere inside extraction, graph writes or indexing
    process.send_signal(signal.SIGKILL)
    process.wait()
    with Newsgraph(Settings(store=store)) as service:
        report = service.consistency()
        assert report["consistent"] is True, report
        graph_articles = report["graph_articles"]
    # Running the ingest again completes it, and everything still agrees.
    with Newsgraph(Settings(store=store)) as service:
        service.ingest_paths([CORPUS / "2025"])
        report = service.consistency()
        assert report["consistent"] is True and report["graph_articles"] >= graph_articles


def test_dense_index_turns_ivf_above_its_limit_and_keeps_answering(tmp_path: Path) -> None:
    import numpy as np

    from newsgraph.search.dense import DenseIndex

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(400, 16)).astype("float32")
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = DenseIndex(tmp_path / "dense.faiss", 16, exact_limit=300)
    index.replace([], list(range(1, 401)), vectors)
    # Search keeps working while the IVF index trains in the background.
    assert index.search_many(vectors[:1], 1)[0][0][0] == 1
    index.wait()
    assert index.approximate and len(index) == 400
    assert [row[0][0] for row in index.search_many(vectors[:3], 1)] == [1, 2, 3]
    index.replace([1, 2], [], np.zeros((0, 16), dtype="float32"))
    reopened = DenseIndex(tmp_path / "dense.faiss", 16, exact_limit=300)
    assert reopened.approximate and len(reopened) == 398 and 1 not in reopened.ids()


@pytest.mark.parametrize(
    "query",
    [
        "NOT",
        "hbm AND OR",
        "title:x [1 TO 2]",
        "Z\x0e\x87\x85u\x96\x03O",
        "_ _",
        "\u2028\u2029HBM",
        "-HBM +(x)",
    ],
)
def test_lexical_search_reads_any_text_as_plain_words(tmp_path: Path, query: str) -> None:
    from newsgraph.core.types import Passage
    from newsgraph.search.lexical import LexicalIndex

    index = LexicalIndex(tmp_path / "lexical")
    index.replace_many([("a", [7], [Passage("a#0", "a", "SK Hynix sold out its HBM output.", 0, 33)])])
    [hits] = index.search_many([query], 5)
    assert hits == [] or hits[0][0] == 7


def test_both_indexes_rank_only_the_passages_a_filter_admits(tmp_path: Path) -> None:
    import numpy as np

    from newsgraph.core.types import Passage
    from newsgraph.search.dense import DenseIndex
    from newsgraph.search.lexical import LexicalIndex

    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(300, 16)).astype("float32")
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    among = {5, 77, 250}
    for exact_limit in (1_000, 200):  # exact, then IVF
        dense = DenseIndex(tmp_path / f"dense-{exact_limit}.faiss", 16, exact_limit=exact_limit)
        dense.replace([], list(range(300)), vectors)
        dense.wait()
        [hits] = dense.search_many(vectors[:1], 10, among)
        assert {pid for pid, _ in hits} <= among and hits[0][0] in among
        assert dense.search_many(vectors[:1], 10, set()) == [[]]
    lexical = LexicalIndex(tmp_path / "lexical")
    lexical.replace_many(
        [(f"a{i}", [i], [Passage(f"a{i}#0", f"a{i}", f"HBM supply note {i}.", 0, 20)]) for i in range(300)]
    )
    [words] = lexical.search_many(["HBM supply"], 300, among)
    [everywhere] = lexical.search_many(["HBM supply"], 300)
    assert {pid for pid, _ in words} == among
    # The filter adds nothing to the BM25 scores.
    assert {pid: s for pid, s in words} == pytest.approx({pid: s for pid, s in everywhere if pid in among})


def test_a_narrow_filter_finds_its_passages_however_deep_they_rank(service: Newsgraph) -> None:
    service.ingest_articles([MEMORY, EXPORTS])
    catalog = service.passages.catalog
    everything = {i for i, _ in catalog.all()}
    april = catalog.ids_where(since=date(2025, 4, 1))
    assert april == set(catalog.ids_of("exports")) and april < everything
    assert catalog.ids_where(source="test wire") == everything
    assert catalog.ids_where(until=date(2025, 1, 1)) == set()
    assert catalog.ids_where(as_of=date(2025, 4, 1)) == set(catalog.ids_of("memory"))
    # More than `at_most` pass: no set at all (counted first for a date filter alone).
    assert catalog.ids_where(as_of=date(2100, 1, 1), at_most=len(everything) - 1) is None
    assert catalog.ids_where(source="test wire", at_most=len(everything) - 1) is None
    assert catalog.ids_where(since=date(2025, 4, 1), at_most=len(april)) == april
    kestrin = catalog.ids_where(entity_ids=["person/orvale-kestrin"])
    assert kestrin and kestrin <= set(catalog.ids_of("memory"))
    # A query about the other article still finds the admitted one's passages, and only them.
    hits = service.search("memory chip supply sold out", k=5, filters=Filters(since=date(2025, 4, 1))).hits
    assert hits and {h.passage.article_id for h in hits} == {"exports"}


def test_passages_are_found_by_entity_through_an_index_kept_with_them(settings: Settings) -> None:
    def by_scan(catalog: Catalog, entity: str) -> set[int]:
        return {i for i, p in catalog.all() if entity in p.entity_ids}

    with Newsgraph(settings) as service:
        service.ingest_articles([MEMORY, EXPORTS])
        catalog = service.passages.catalog
        named = {e for _, p in catalog.all() for e in p.entity_ids}
        assert len(named) > 3
        for entity in named:
            assert catalog.ids_where(entity_ids=[entity]) == by_scan(catalog, entity)
        service.delete("memory")
        assert all(catalog.ids_where(entity_ids=[e]) == by_scan(catalog, e) for e in named)
        # The deleted passages' rows went with them.
        (rows,) = catalog._db.execute("SELECT COUNT(*) FROM passage_entities").fetchone()
        assert rows == sum(len(set(p.entity_ids)) for _, p in catalog.all())
    # A catalog written before the index (its user_version 0) is indexed at its next opening,
    # and read by scanning while it is opened read-only only.
    path = settings.store / "search" / "passages.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM passage_entities")
        db.execute("PRAGMA user_version = 0")
    db.close()
    older = Catalog(path, read_only=True)
    assert all(older.ids_where(entity_ids=[e]) == by_scan(older, e) for e in named)
    older.close()
    again = Catalog(path)
    assert any(again.ids_where(entity_ids=[e]) for e in named)
    assert all(again.ids_where(entity_ids=[e]) == by_scan(again, e) for e in named)
    again.close()


def test_a_batch_embeds_on_the_threads_asked_and_a_query_on_one() -> None:
    torch = pytest.importorskip("torch")
    embedder = LazyEmbedder(batch_threads=2)
    texts = [f"Passage {i}: the export rules cover {i} more chip tools." for i in range(64)]
    batch = embedder.embed_many(texts)
    assert torch.get_num_threads() == 2
    one = embedder.embed_many(texts[:1])
    assert torch.get_num_threads() == 1
    assert float(batch[0] @ one[0]) > 0.9999  # the same vector, whatever the threads


def test_the_server_embeds_on_one_thread_and_a_batch_ingest_on_every_core(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store")
    with Newsgraph(settings) as service:
        assert service.passages.embedder.batch_threads == (os.cpu_count() or 1)
    state = ServerState.start(settings)
    try:
        assert state.service.passages.embedder.batch_threads == 1
    finally:
        state.stop()
    with Newsgraph(settings.model_copy(update={"embed_threads": 3})) as service:
        assert service.passages.embedder.batch_threads == 3
