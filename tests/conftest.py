"""Shared fixtures: a fresh store per test, real spaCy model, real Oxigraph store; or, for
sentence-level tests, the real extractor with no store at all. Every test is marked with its
kind, the folder it sits in: unit, integration, e2e or gold (`pytest -m "not e2e"`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from spacy.language import Language

from newsgraph.core.relations import Vocabulary, load_vocabulary
from newsgraph.core.settings import Settings
from newsgraph.core.types import Entity
from newsgraph.ingest.extract import Extractor, build_pipeline
from newsgraph.ingest.gazetteer import load_gazetteer, load_stopnames
from newsgraph.ingest.resolve import EntityRegistry
from newsgraph.service.facade import Newsgraph

TESTS = Path(__file__).resolve().parent
KINDS = ("unit", "integration", "e2e", "gold")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its kind: the first folder of its path under tests/."""
    for item in items:
        path = item.path.resolve()
        if TESTS in path.parents and (kind := path.relative_to(TESTS).parts[0]) in KINDS:
            item.add_marker(getattr(pytest.mark, kind))


@pytest.fixture(scope="module")
def graph_store() -> Callable[[Path], str | None]:
    """Where the graph of each new test store lives: None for the embedded store in its folder.
    tests/e2e/test_remote_graph.py overrides it with a fresh remote SPARQL server per store."""
    return lambda folder: None


@pytest.fixture
def settings(tmp_path: Path, graph_store: Callable[[Path], str | None]) -> Settings:
    """Settings for a store in a fresh temporary folder."""
    return Settings(store=tmp_path / "store", graph_url=graph_store(tmp_path))


@pytest.fixture
def service(settings: Settings) -> Iterator[Newsgraph]:
    """A Newsgraph service over a fresh store, closed after the test."""
    with Newsgraph(settings) as ng:
        yield ng


@dataclass(frozen=True)
class ExtractionParts:
    """What an extractor is built from, loaded once per test session."""

    nlp: Language
    gazetteer: tuple[Entity, ...]
    stopnames: frozenset[str]
    vocabulary: Vocabulary
    fuzzy_threshold: float


@pytest.fixture(scope="session")
def extraction_parts() -> ExtractionParts:
    settings = Settings()
    gazetteer = tuple(load_gazetteer(settings.gazetteer))
    return ExtractionParts(
        build_pipeline(settings.spacy_model, gazetteer),
        gazetteer,
        load_stopnames(settings.stopnames),
        load_vocabulary(settings.relations),
        settings.fuzzy_threshold,
    )


@pytest.fixture
def extractor(extraction_parts: ExtractionParts) -> Extractor:
    """The real pipeline with a fresh registry (the gazetteer alone) and no store: what a
    fresh service's extractor is, at a fraction of the cost."""
    parts = extraction_parts
    registry = EntityRegistry(parts.gazetteer, parts.fuzzy_threshold)
    return Extractor(parts.nlp, registry, parts.stopnames, parts.vocabulary)


@pytest.fixture
def scores(record_property: Callable[[str, object], None]) -> Callable[[str], None]:
    """Lines a test reports (the gold scores): printed after the run, from any worker."""

    def say(text: str) -> None:
        record_property("scores", text)

    return say


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The lines tests reported with the `scores` fixture, under their own heading."""
    lines = [
        str(value)
        for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
        if report.when == "call"
        for name, value in report.user_properties
        if name == "scores"
    ]
    if lines:
        terminalreporter.section("scores")
        for line in lines:
            terminalreporter.write_line(line)
