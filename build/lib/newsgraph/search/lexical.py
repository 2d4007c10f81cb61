"""The lexical index: tantivy BM25 over passage text and title, each as written and stemmed.

The stemmed copies (tantivy's English stemmer) let "restrictions" find "restricted"; the
raw fields keep exact forms ahead. The title weighs half a text field: every passage of an
article shares it, so a heavier title ranks the article's passages alike, not the one
that says what was asked.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import weakref
from collections.abc import Collection, Sequence
from pathlib import Path

import tantivy

from newsgraph.core.types import Passage

TITLE_BOOST = 0.5
FIELDS = ["title", "text", "title_stem", "text_stem"]
BOOSTS = {"title": TITLE_BOOST, "title_stem": TITLE_BOOST}
# User queries are plain words: everything else (tantivy's syntax, control characters,
# exotic spaces) becomes one plain space, and lower case keeps AND/OR/NOT from being operators.
_NOT_WORDS = re.compile(r"[\W_]+", re.UNICODE)


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("pid", stored=True, indexed=True)
    builder.add_text_field("article", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=False)
    builder.add_text_field("text", stored=False)
    builder.add_text_field("title_stem", stored=False, tokenizer_name="en_stem")
    builder.add_text_field("text_stem", stored=False, tokenizer_name="en_stem")
    return builder.build()


class LexicalIndex:
    """BM25 over passages; an article's passages are deleted by its id.

    `outdated` is true when the folder held an index of another schema (an older release):
    it has been emptied, and the owner must add the passages again.
    """

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.outdated = False
        if read_only:
            # tantivy locks the folder it reads; a read-only folder is read from a private copy.
            copy = Path(tempfile.mkdtemp(prefix="newsgraph-lexical-")) / "index"
            shutil.copytree(path, copy)
            weakref.finalize(self, shutil.rmtree, copy.parent, True)
            self._index = tantivy.Index.open(str(copy))
            return
        path.mkdir(parents=True, exist_ok=True)
        try:
            self._index = tantivy.Index(_schema(), path=str(path), reuse=True)
        except ValueError:
            # tantivy refuses to open an index whose schema differs; it is derived data, so
            # start it empty rather than fail the whole store.
            shutil.rmtree(path)
            path.mkdir(parents=True)
            self._index = tantivy.Index(_schema(), path=str(path), reuse=True)
            self.outdated = True

    def replace_many(self, articles: Sequence[tuple[str, Sequence[int], Sequence[Passage]]]) -> None:
        """For each (article id, passage ids, passages): drop its old passages, add these; one commit."""
        writer = self._index.writer(heap_size=30_000_000, num_threads=1)
        for article_id, ids, passages in articles:
            writer.delete_documents_by_term("article", article_id)
            for pid, passage in zip(ids, passages, strict=True):
                document = tantivy.Document()
                document.add_unsigned("pid", pid)
                document.add_text("article", article_id)
                for field in ("title", "title_stem"):
                    document.add_text(field, passage.title or "")
                for field in ("text", "text_stem"):
                    document.add_text(field, passage.text)
                writer.add_document(document)
        writer.commit()
        writer.wait_merging_threads()
        self._index.reload()
        self.outdated = False

    def __len__(self) -> int:
        self._index.reload()
        return int(self._index.searcher().num_docs)

    def ids(self) -> set[int]:
        """Every passage id in the index."""
        self._index.reload()
        searcher = self._index.searcher()
        if searcher.num_docs == 0:
            return set()
        hits = searcher.search(tantivy.Query.all_query(), searcher.num_docs).hits
        return {int(searcher.doc(address)["pid"][0]) for _, address in hits}

    def search_many(
        self, queries: Sequence[str], k: int, among: Collection[int] | None = None
    ) -> list[list[tuple[int, float]]]:
        """Top-k (id, BM25 score) per query, of the ids `among` when given."""
        searcher = self._index.searcher()
        results: list[list[tuple[int, float]]] = []
        # Only the listed passages, adding nothing to their scores.
        kept = (
            tantivy.Query.const_score_query(
                tantivy.Query.term_set_query(self._index.schema, "pid", sorted(among)), 0.0
            )
            if among
            else None
        )
        for text in queries:
            words = _NOT_WORDS.sub(" ", text).strip().lower()
            if not words or searcher.num_docs == 0 or (among is not None and not among):
                results.append([])
                continue
            query = self._index.parse_query(words, FIELDS, field_boosts=BOOSTS)
            if kept is not None:
                query = tantivy.Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.Must, kept)])
            hits = searcher.search(query, k).hits
            results.append([(int(searcher.doc(a)["pid"][0]), float(score)) for score, a in hits])
        return results
