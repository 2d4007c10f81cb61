"""The three stores of a passage folder, each behind a protocol, and the factory that opens
them: the catalog (passages by id, in SQLite), the dense index (vectors, in faiss) and the
lexical index (BM25, in tantivy). To try another engine, write a class that meets the
protocol and open it in `open_indexes`."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

import numpy as np

from newsgraph.core.types import Passage
from newsgraph.search.catalog import Catalog
from newsgraph.search.dense import DenseIndex
from newsgraph.search.lexical import LexicalIndex

Ranked = list[list[tuple[int, float]]]  # per query: (passage id, score), best first


class PassageCatalog(Protocol):
    """Passages by id: what the indexes return ids of."""

    def replace_article(self, article_id: str, passages: Sequence[Passage]) -> tuple[list[int], list[int]]:
        """Put an article's passages in place of its old ones: (removed ids, new ids)."""
        ...

    def ids_by_key(self, keys: Iterable[str]) -> dict[str, int]:
        """Passage ids by their stable keys."""
        ...

    def get_many(self, ids: Iterable[int]) -> dict[int, Passage]:
        """The passages with these ids."""
        ...

    def ids_where(
        self,
        source: str | None = None,
        since: date | None = None,
        until: date | None = None,
        as_of: date | None = None,
        entity_ids: Sequence[str] = (),
        at_most: int | None = None,
    ) -> set[int] | None:
        """Ids of the passages a filter admits; None when more than `at_most` do."""
        ...

    def all(self) -> list[tuple[int, Passage]]:
        """Every passage with its id."""
        ...

    def article_ids(self) -> set[str]:
        """The articles that have passages."""
        ...

    def count(self) -> int:
        """How many passages."""
        ...

    def close(self) -> None:
        """Release the catalog."""
        ...


class VectorIndex(Protocol):
    """Passage vectors, searched by inner product."""

    def __len__(self) -> int: ...

    def replace(self, removed: Sequence[int], ids: Sequence[int], vectors: np.ndarray) -> None:
        """Remove some vectors and add others, by passage id."""
        ...

    def ids(self) -> set[int]:
        """Every passage id the index holds."""
        ...

    def reconstruct(self, passage_id: int) -> np.ndarray:
        """A stored passage's vector."""
        ...

    def search_many(self, vectors: np.ndarray, k: int, among: Collection[int] | None = None) -> Ranked:
        """Top-k per query vector, of the ids `among` when given."""
        ...


class TextIndex(Protocol):
    """Passage words, searched by BM25."""

    outdated: bool  # the folder held an index of another schema; the catalog refills it

    def __len__(self) -> int: ...

    def replace_many(self, articles: Sequence[tuple[str, Sequence[int], Sequence[Passage]]]) -> None:
        """Put each article's passages in place of its old ones."""
        ...

    def ids(self) -> set[int]:
        """Every passage id the index holds."""
        ...

    def search_many(self, queries: Sequence[str], k: int, among: Collection[int] | None = None) -> Ranked:
        """Top-k per query, of the ids `among` when given."""
        ...


@dataclass(frozen=True)
class Indexes:
    """A passage folder's catalog and both indexes."""

    catalog: PassageCatalog
    dense: VectorIndex
    lexical: TextIndex


def open_indexes(folder: Path, dimension: int, exact_limit: int, read_only: bool) -> Indexes:
    """The catalog, dense index and lexical index kept in `folder`."""
    return Indexes(
        Catalog(folder / "passages.sqlite", read_only),
        DenseIndex(folder / "dense.faiss", dimension, exact_limit),
        LexicalIndex(folder / "lexical", read_only),
    )
