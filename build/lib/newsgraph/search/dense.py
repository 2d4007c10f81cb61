"""The dense index: faiss inner product over normalized vectors, with ids, on disk.

Below `exact_limit` vectors the index is exact (IndexFlatIP behind IndexIDMap2): at
10,000 passages a query takes a few milliseconds. Above it, an IVF index is trained on
the stored vectors in a background thread while the exact index keeps answering, and
swapped in when ready.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Collection, Sequence
from pathlib import Path

import faiss
import numpy as np

# The stubs that ship with faiss do not declare DirectMap.
_HASHTABLE = faiss.DirectMap.Hashtable  # type: ignore[attr-defined]
_NO_MAP = faiss.DirectMap.NoMap  # type: ignore[attr-defined]


class DenseIndex:
    """Inner-product search over passage vectors, saved to one file."""

    def __init__(self, path: Path, dimension: int, exact_limit: int = 50_000, nprobe: int = 16) -> None:
        self.path = path
        self.dimension = dimension
        self.exact_limit = exact_limit
        self.nprobe = nprobe
        self._lock = threading.Lock()
        self._builder: threading.Thread | None = None
        if path.exists():
            self._index = faiss.read_index(str(path))
        else:
            self._index = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
        self._tune()

    def __len__(self) -> int:
        return int(self._index.ntotal)

    @property
    def approximate(self) -> bool:
        """Whether the index is an IVF index rather than exact."""
        return isinstance(self._index, faiss.IndexIVF)

    def replace(self, removed: Sequence[int], ids: Sequence[int], vectors: np.ndarray) -> None:
        """Remove some ids and add others, then save; may start an upgrade to IVF."""
        self.wait()  # changes during a rebuild would be lost in the swap
        with self._lock:
            if removed:
                self._index.remove_ids(np.asarray(removed, dtype="int64"))  # type: ignore[arg-type]
            if len(ids):
                self._index.add_with_ids(vectors, np.asarray(ids, dtype="int64"))
            self.save()
        if not self.approximate and len(self) > self.exact_limit:
            self._builder = threading.Thread(target=self._upgrade, name="ivf-build", daemon=True)
            self._builder.start()

    def wait(self) -> None:
        """Let a running IVF build finish."""
        if self._builder is not None:
            self._builder.join()
            self._builder = None

    def _upgrade(self) -> None:
        """Train an IVF index on the current vectors and swap it in; search goes on meanwhile."""
        with self._lock:
            ids = np.asarray(sorted(self.ids()), dtype="int64")
            vectors = np.vstack([self._index.reconstruct(int(i)) for i in ids]).astype("float32")
        # About 4 sqrt(n) lists, with enough points in each for k-means to train.
        lists = max(1, min(int(4 * math.sqrt(len(ids))), len(ids) // 39))
        quantizer = faiss.IndexFlatIP(self.dimension)
        ivf = faiss.IndexIVFFlat(quantizer, self.dimension, lists, faiss.METRIC_INNER_PRODUCT)
        ivf.set_direct_map_type(_HASHTABLE)  # reconstruct and remove by passage id
        ivf.train(vectors)
        ivf.add_with_ids(vectors, ids)
        with self._lock:
            self._index = ivf
            self._tune()
            self.save()

    def _tune(self) -> None:
        if isinstance(self._index, faiss.IndexIVF):
            self._index.nprobe = self.nprobe
            if self._index.direct_map.type == _NO_MAP:
                self._index.set_direct_map_type(_HASHTABLE)

    def save(self) -> None:
        """Write the index atomically: to a temporary file, then rename."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        faiss.write_index(self._index, str(partial))
        os.replace(partial, self.path)

    def ids(self) -> set[int]:
        """Every id in the index."""
        if len(self) == 0:
            return set()
        if isinstance(self._index, faiss.IndexIVF):
            lists = self._index.invlists
            assert lists is not None
            found: set[int] = set()
            for number in range(self._index.nlist):
                size = lists.list_size(number)
                if size:
                    found.update(faiss.rev_swig_ptr(lists.get_ids(number), size).tolist())
            return found
        return set(faiss.vector_to_array(self._index.id_map).tolist())  # type: ignore[attr-defined]

    def reconstruct(self, passage_id: int) -> np.ndarray:
        """The stored vector of one passage."""
        return np.asarray(self._index.reconstruct(passage_id), dtype="float32")

    def search_many(
        self, vectors: np.ndarray, k: int, among: Collection[int] | None = None
    ) -> list[list[tuple[int, float]]]:
        """Top-k (id, score) per query vector, of the ids `among` when given."""
        with self._lock:
            if len(self) == 0 or (among is not None and not among):
                return [[] for _ in range(len(vectors))]
            if among is None:
                scores, ids = self._index.search(vectors, min(k, len(self)))
            else:
                chosen = faiss.IDSelectorBatch(np.fromiter(among, dtype="int64", count=len(among)))
                params = faiss.SearchParametersIVF() if self.approximate else faiss.SearchParameters()
                params.sel = chosen
                if isinstance(params, faiss.SearchParametersIVF):
                    params.nprobe = self.nprobe
                scores, ids = self._index.search(vectors, min(k, len(among), len(self)), params=params)
        return [
            [(int(i), float(s)) for i, s in zip(row_ids, row_scores, strict=True) if i != -1]
            for row_ids, row_scores in zip(ids, scores, strict=True)
        ]
