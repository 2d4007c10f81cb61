"""What tests share: the repository's paths, two articles written for the tests, claim readers,
and `exact_cases`, which parametrizes a test of the exact set of claims a sentence makes.

Fixtures live in tests/conftest.py; the real server, the local web site and the gold
scorers in tests/helpers/server.py, site.py and gold.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsgraph.core.types import Article, Claim, Extraction
from newsgraph.ingest.extract import Extractor

REPO = Path(__file__).resolve().parent.parent.parent
# The keys of the ask JSON, as DESIGN.md gives them.
ANSWER_KEYS = {
    "question",
    "answered",
    "reason",
    "answer",
    "answer_type",
    "confidence",
    "citations",
    "facts",
    "sparql",
}
CORPUS = REPO / "corpus"


def article(article_id: str, title: str, text: str, published: str = "2025-03-14") -> Article:
    """A small article written for the tests."""
    return Article(
        id=article_id,
        title=title,
        text=text,
        url=f"https://example.test/{article_id}",
        source="Test Wire",
        published=date.fromisoformat(published),
    )


# Two short articles written for these tests; they share Nvidia and the United States.
MEMORY = article(
    "memory",
    "Memory makers race to supply HBM",
    "SK Hynix said on Tuesday it had sold out its HBM3E output for next year. "
    "Nvidia’s Blackwell chips use the memory, and Samsung Electronics hopes to win "
    "Nvidia's approval by June.\n\n"
    "Analysts at TrendForce estimate that HBM revenue could double to $34 billion. "
    "Orvale Kestrin, a memory analyst at Dunmore Partners, said U.S. buyers remain cautious. "
    "Kestrin added that prices would rise.",
)
EXPORTS = article(
    "exports",
    "Washington tightens chip export rules",
    "The Commerce Department added 14 Chinese firms to the Entity List on Monday, a US official said. "
    "NVIDIA Corp. said the rules would cut sales of its H20 chip in China. "
    "Officials in the United States said Blackwell products remain barred.",
    published="2025-04-16",
)


def extract(extractor: Extractor, text: str, published: str = "2025-06-10") -> Extraction:
    """One invented article's extraction."""
    return extractor.extract(article("t", "", text, published))


# A claim as the tests read it: subject label, relation, object label or figure text or phrase.
Triple = tuple[str | None, str, str | None]


def triples(extraction: Extraction) -> set[Triple]:
    """(subject label, relation, object label or figure text or phrase) for each claim."""
    labels = {e.id: e.label for e in extraction.entities}

    def obj(claim: Claim) -> str | None:
        if claim.object_entity:
            return labels[claim.object_entity]
        if claim.object_figure is not None:
            return extraction.figures[claim.object_figure].text
        return claim.object_literal

    return {(labels.get(c.subject or ""), c.relation, obj(c)) for c in extraction.claims}


def exact_cases(argnames: tuple[str, ...], rows: Iterable[Any]) -> pytest.MarkDecorator:
    """`pytest.mark.parametrize` for a test of the exact set of claims a sentence makes. The last
    of `argnames` is `allowed`: claims the sentence also states, true but beside the row's point;
    a row that leaves it out allows none. A `pytest.param` row is taken as it is."""
    assert argnames[-1] == "allowed", argnames
    padded = []
    for row in rows:
        if not hasattr(row, "marks"):  # a plain tuple, not a pytest.param
            assert len(row) in (len(argnames) - 1, len(argnames)), row
            row = row if len(row) == len(argnames) else (*row, frozenset())
        padded.append(row)
    return pytest.mark.parametrize(argnames, padded)
