"""The evaluation questions of corpus/questions.jsonl, their splits, and the corpus store
the benchmarks answer them from.

The first 296 (ids q001-q296) alternate: `dev` (odd id numbers) is for looking at
failures while developing; `heldout` (even id numbers) only confirms that a change
generalises. `fresh` (h001-h090) was written later, blind, with 20 new articles; `fresh2`
(f001-f060, with the 12 articles of 2026) was written blind again.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.core.settings import Settings
from newsgraph.qa.service import Newsgraph

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
QUESTIONS = CORPUS / "questions.jsonl"
SPLITS = ("dev", "heldout", "fresh", "fresh2", "all")


def split_of(question_id: str) -> str:
    """dev (q, odd number), heldout (q, even number), fresh (h) or fresh2 (f)."""
    if question_id.startswith("h"):
        return "fresh"
    if question_id.startswith("f"):
        return "fresh2"
    return "dev" if int(question_id[1:]) % 2 else "heldout"


def load_questions(split: str) -> list[dict[str, Any]]:
    """The questions of a split, or all of them."""
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line) for line in lines if line.strip()]
    return [q for q in questions if split == "all" or split_of(q["id"]) == split]


@contextlib.contextmanager
def corpus_service(store: Path | None, folder: Path) -> Iterator[Newsgraph]:
    """A service over the corpus: in `folder`, or in `store` (built once, then reused)."""
    path = store or folder / "store"
    fresh = not (path / "graph").exists()
    with Newsgraph(Settings(store=path)) as service:
        if fresh:
            report = service.ingest_paths([CORPUS])
            assert not report.failures, report.failures
        yield service
