"""The evaluation questions of corpus/questions.jsonl, their splits, and the corpus store
the benchmarks answer them from.

The first 296 (ids q001-q296) alternate: `dev` (odd id numbers) is for looking at
failures while developing; `heldout` (even id numbers) only confirms that a change
generalises. `fresh` (h001-h090) was written later, blind, with 20 new articles; `fresh2`
(f001-f060, with the 12 articles of 2026) was written blind again. `para` (p001-p100) asks
as an analyst who has not read the article would, in their own words: no run of three
words from the answering sentence, trade terms for the article's ("blacklist" for "Entity
List", "turnover" for "revenue"). It was written blind and has not been tuned on.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsgraph.core.settings import Settings
from newsgraph.service.facade import Newsgraph

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
QUESTIONS = CORPUS / "questions.jsonl"
SPLITS = ("dev", "heldout", "fresh", "fresh2", "para", "all")


def split_of(question_id: str) -> str:
    """dev (q, odd number), heldout (q, even number), fresh (h), fresh2 (f) or para (p)."""
    if question_id.startswith("h"):
        return "fresh"
    if question_id.startswith("f"):
        return "fresh2"
    if question_id.startswith("p"):
        return "para"
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


def fitting_arguments(description: str) -> argparse.Namespace:
    """The fitting scripts' arguments: the two stores, and a cache of extracted features."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--eval-store", type=Path, required=True)
    parser.add_argument("--corpus-store", type=Path, required=True)
    parser.add_argument("--features", type=Path, help="cache of the extracted candidates (JSON Lines)")
    return parser.parse_args()


def cached_rows(path: Path | None, extract: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Rows read from a JSON Lines cache, or extracted (and cached, when a path is given)."""
    if path and path.exists():
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = extract()
    if path:
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows
