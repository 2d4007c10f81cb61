"""Reading corpus/gold and scoring extractions against it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsgraph.core.text import name_key
from newsgraph.core.types import Article
from newsgraph.ingest.loaders import load_file

GOLD = Path(__file__).resolve().parent.parent / "corpus" / "gold"


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 from counts."""

    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        return (
            f"{name}: precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}"
            f"  (tp {self.true_positives}, predicted {self.predicted}, gold {self.expected})"
        )


def read_jsonl(name: str) -> list[dict]:  # type: ignore[type-arg]
    path = GOLD / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_article(record: dict, corpus: Path) -> Article:  # type: ignore[type-arg]
    """The article a gold record annotates (one record of a jsonl file when it says so)."""
    articles = load_file(corpus / record["file"])
    return articles[record.get("record") or 0]


@dataclass(frozen=True)
class Named:
    """An entity as the scorer sees it: its names and its class."""

    names: frozenset[str]  # name keys
    type: str


def named(names: Iterable[str], cls: str) -> Named:
    return Named(frozenset(name_key(n) for n in names if name_key(n)), cls)


def score_entities(predicted: list[Named], gold: list[Named]) -> Score:
    """Typed canonical-entity matching: names overlap (any spelling) and classes are equal."""
    matched_gold: set[int] = set()
    true_positives = 0
    for p in predicted:
        for i, g in enumerate(gold):
            if i not in matched_gold and p.type == g.type and p.names & g.names:
                matched_gold.add(i)
                true_positives += 1
                break
    return Score(true_positives, len(predicted), len(gold))
