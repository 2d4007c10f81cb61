"""Shared fixtures: a fresh store per test, real spaCy model, real Oxigraph store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from newsgraph.core.settings import Settings
from newsgraph.core.types import Article
from newsgraph.service.facade import Newsgraph

REPO = Path(__file__).resolve().parent.parent
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


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for a store in a fresh temporary folder."""
    return Settings(store=tmp_path / "store")


@pytest.fixture
def service(settings: Settings) -> Iterator[Newsgraph]:
    """A Newsgraph service over a fresh store, closed after the test."""
    with Newsgraph(settings) as ng:
        yield ng


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
