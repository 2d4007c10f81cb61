"""How passages are ranked: score fusion, the stemmed lexical fields, the entity and date
boosts, what the dense index embeds, and indexes from older releases."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import tantivy

from newsgraph.core.types import Passage
from newsgraph.search.fusion import convex, reciprocal_rank, standardized
from newsgraph.search.hybrid import DENSE_RECIPE, PassageSearch
from newsgraph.search.lexical import LexicalIndex
from newsgraph.search.query import mentioned_periods


class WordHashEmbedder:
    """A stand-in embedder: each word hashed to one of 64 dimensions, rows normalized."""

    dimension = 64

    def embed_many(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.zeros((len(texts), self.dimension), dtype="float32")
        for row, text in zip(rows, texts, strict=True):
            for word in re.findall(r"\w+", text.lower()):
                row[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension] += 1.0
            row /= max(float(np.linalg.norm(row)), 1e-9)
        return rows


def passage(article_id: str, number: int, text: str, title: str = "") -> Passage:
    return Passage(f"{article_id}#{number}", article_id, text, 0, len(text), title=title)


# ---------------------------------------------------------------------- fusion


def test_standardized_scores_count_spreads_above_the_weakest() -> None:
    scores = standardized([(1, 9.0), (2, 5.0), (3, 1.0)], spread_depth=3)
    spread = float(np.std([9.0, 5.0, 1.0]))
    assert scores == pytest.approx({1: 8.0 / spread, 2: 4.0 / spread, 3: 0.0})
    # BM25 and cosine scores live on different scales; standardized, the scale is gone.
    assert standardized([(1, 90.0), (2, 50.0), (3, 10.0)], 3) == pytest.approx(scores)


def test_standardized_takes_the_spread_from_the_top_candidates_only() -> None:
    ranked = [(1, 4.0), (2, 2.0), (3, 0.0), (4, -100.0)]
    scores = standardized(ranked, spread_depth=3)
    assert scores[4] == 0.0
    assert scores[1] - scores[2] == pytest.approx(2.0 / float(np.std([4.0, 2.0, 0.0])))


def test_convex_keeps_a_clear_lead_that_reciprocal_rank_flattens() -> None:
    # Passage 1 is lexically far ahead of everything; passage 2 is second in both lists.
    dense = [(3, 0.62), (2, 0.61), (4, 0.60), (1, 0.59), (5, 0.58)]
    lexical = [(1, 30.0), (2, 6.0), (5, 5.5), (4, 5.0), (3, 4.5)]
    by_rank = reciprocal_rank(dense, lexical, k=60)
    assert max(by_rank, key=by_rank.__getitem__) == 2
    mixed = convex(dense, lexical, dense_weight=0.4, spread_depth=5)
    assert max(mixed, key=mixed.__getitem__) == 1


@pytest.mark.parametrize(("dense_weight", "first"), [(1.0, 3), (0.0, 1)])
def test_convex_weight_one_or_zero_is_one_list_alone(dense_weight: float, first: int) -> None:
    dense = [(3, 0.9), (1, 0.5), (2, 0.1)]
    lexical = [(1, 12.0), (2, 3.0)]
    mixed = convex(dense, lexical, dense_weight, spread_depth=3)
    assert max(mixed, key=mixed.__getitem__) == first
    assert min(mixed.values()) >= 0.0


def test_reciprocal_rank_sums_both_lists() -> None:
    fused = reciprocal_rank([(1, 0.9), (2, 0.8)], [(2, 7.0)], k=10)
    assert fused == pytest.approx({1: 1 / 11, 2: 1 / 12 + 1 / 11})


# ---------------------------------------------------------------------- lexical


def test_lexical_search_matches_other_forms_of_a_word(tmp_path: Path) -> None:
    index = LexicalIndex(tmp_path / "lexical")
    index.replace_many(
        [
            ("a", [1], [passage("a", 0, "Washington restricted exports of lithography tools.")]),
            ("b", [2], [passage("b", 0, "The harvest was larger than expected.")]),
        ]
    )
    [hits] = index.search_many(["export restrictions"], 5)
    assert [pid for pid, _ in hits] == [1]


def test_lexical_title_weighs_less_than_the_passage_text(tmp_path: Path) -> None:
    # Every passage of an article shares its title: a title alone must not outrank the
    # passage (of another article) that says what was asked.
    index = LexicalIndex(tmp_path / "lexical")
    index.replace_many(
        [
            ("a", [1], [passage("a", 0, "Analysts expect prices to rise next year.", "Hynix HBM sold out")]),
            ("b", [2], [passage("b", 0, "Hynix said its HBM output is sold out.", "Memory market")]),
        ]
    )
    [hits] = index.search_many(["Hynix HBM sold out"], 5)
    assert [pid for pid, _ in hits] == [2, 1]


def _old_lexical_index(path: Path) -> None:
    """A lexical index as the release before the stemmed fields wrote it."""
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("pid", stored=True, indexed=True)
    builder.add_text_field("article", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=False)
    builder.add_text_field("text", stored=False)
    path.mkdir(parents=True)
    index = tantivy.Index(builder.build(), path=str(path))
    writer = index.writer(heap_size=15_000_000, num_threads=1)
    document = tantivy.Document()
    document.add_unsigned("pid", 99)
    document.add_text("article", "gone")
    document.add_text("text", "a passage the catalog no longer has")
    writer.add_document(document)
    writer.commit()
    writer.wait_merging_threads()


def test_a_store_with_an_old_lexical_index_opens_and_refills_it(tmp_path: Path) -> None:
    folder = tmp_path / "search"
    with_catalog = PassageSearch(folder, WordHashEmbedder())
    with_catalog.replace_articles(
        {
            "a": [passage("a", 0, "Chipmakers restricted their exports.")],
            "b": [passage("b", 0, "Memory prices rose sharply.")],
        }
    )
    with_catalog.close()
    shutil.rmtree(folder / "lexical")
    _old_lexical_index(folder / "lexical")

    reopened = PassageSearch(folder, WordHashEmbedder())
    assert not reopened.lexical.outdated
    assert reopened.counts() == {"catalog": 2, "dense": 2, "lexical": 2}
    assert reopened.lexical.ids() == {i for i, _ in reopened.catalog.all()}
    [hits] = reopened.search_many(["export restrictions"], k=1, mode="lexical")
    assert hits[0].passage.article_id == "a"
    reopened.close()


def test_an_unknown_fusion_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown fusion 'max'"):
        PassageSearch(tmp_path / "search", WordHashEmbedder(), fusion="max")


@pytest.mark.parametrize("fusion", ["convex", "rrf"])
def test_entity_boost_lifts_the_passage_that_names_the_entity(tmp_path: Path, fusion: str) -> None:
    search = PassageSearch(tmp_path / "search", WordHashEmbedder(), fusion=fusion, entity_boost=5.0)
    plain = passage("a", 0, "The company reported record quarterly revenue.")
    named = Passage("b#0", "b", "Figures were out on Tuesday.", 0, 10, entity_ids=("org/hynix",))
    search.replace_articles({"a": [plain], "b": [named]})
    [without] = search.search_many(["record quarterly revenue"], k=2)
    [boosted] = search.search_many(["record quarterly revenue"], k=2, query_entities=[["org/hynix"]])
    assert [h.passage.article_id for h in without] == ["a", "b"]
    assert [h.passage.article_id for h in boosted] == ["b", "a"]
    search.close()


@pytest.mark.parametrize(
    ("query", "periods"),
    [
        ("What did Alphabet say in February 2025?", [(date(2025, 2, 1), date(2025, 2, 28))]),
        ("TSMC's HPC share in Q3 2025", [(date(2025, 7, 1), date(2025, 9, 30))]),
        ("revenue in the final quarter of 2024", [(date(2024, 10, 1), date(2024, 12, 31))]),
        ("In late 2025, did Huang say so?", [(date(2025, 7, 1), date(2025, 12, 31))]),
        (
            "between May 2025 and November 2025",
            [(date(2025, 5, 1), date(2025, 5, 31)), (date(2025, 11, 1), date(2025, 11, 30))],
        ),
        ("a 2023 estimate", [(date(2023, 1, 1), date(2023, 12, 31))]),
        # a horizon or a company's own calendar is not when the news came out
        ("What share could Chinese chips reach by 2027?", []),
        ("H20 revenue in its fiscal third quarter of 2026", []),
        ("How many H20 chips were sold?", []),
    ],
)
def test_a_query_names_the_periods_its_news_came_out(query: str, periods: list[tuple[date, date]]) -> None:
    assert list(mentioned_periods(query)) == periods


def test_date_boost_lifts_passages_published_in_or_just_after_the_period(tmp_path: Path) -> None:
    search = PassageSearch(tmp_path / "search", WordHashEmbedder(), date_boost=5.0)
    older = Passage(
        "a#0", "a", "The company forecast record quarterly revenue.", 0, 10, published=date(2023, 5, 24)
    )
    newer = Passage("b#0", "b", "Revenue came in as expected.", 0, 10, published=date(2024, 8, 28))
    search.replace_articles({"a": [older], "b": [newer]})
    quarter_to_july = [(date(2024, 7, 1), date(2024, 7, 31))]  # reported four weeks later
    [plain] = search.search_many(["forecast quarterly revenue"], k=2)
    [boosted] = search.search_many(["forecast quarterly revenue"], k=2, query_periods=[quarter_to_july])
    [lexical] = search.search_many(
        ["forecast quarterly revenue"], k=2, mode="lexical", query_periods=[quarter_to_july]
    )
    assert [h.passage.article_id for h in plain] == ["a", "b"]
    assert [h.passage.article_id for h in boosted] == ["b", "a"]
    assert [h.passage.article_id for h in lexical] == ["a", "b"]  # one list alone stays itself
    search.close()


def test_the_dense_index_reads_a_passage_with_its_title(tmp_path: Path) -> None:
    search = PassageSearch(tmp_path / "search", WordHashEmbedder())
    search.replace_articles(
        {
            "a": [passage("a", 0, "Its revenue rose in the quarter.", title="Samsung profit jumps")],
            "b": [passage("b", 0, "Its revenue rose in the quarter.", title="Micron beats forecasts")],
        }
    )
    [hits] = search.search_many(["Micron revenue rose"], k=2, mode="dense")
    assert [h.passage.article_id for h in hits] == ["b", "a"]
    search.close()


def test_a_dense_index_embedded_otherwise_is_re_embedded_at_opening(tmp_path: Path) -> None:
    folder = tmp_path / "search"
    search = PassageSearch(folder, WordHashEmbedder())
    titled = passage("a", 0, "Its revenue rose 46% in the quarter.", title="Micron beats forecasts")
    search.replace_articles({"a": [titled], "b": [passage("b", 0, "Memory prices rose sharply.")]})
    [pid] = search.catalog.ids_of("a")
    as_before = WordHashEmbedder().embed_many([titled.text])  # an older release embedded no title
    search.dense.replace([pid], [pid], as_before)
    search.close()
    (folder / "dense.recipe").unlink()

    reopened = PassageSearch(folder, WordHashEmbedder())
    assert (folder / "dense.recipe").read_text() == DENSE_RECIPE
    assert reopened.counts() == {"catalog": 2, "dense": 2, "lexical": 2}
    expected = WordHashEmbedder().embed_many([f"{titled.title}. {titled.text}"])[0]
    assert np.allclose(reopened.dense.reconstruct(pid), expected)
    reopened.close()
