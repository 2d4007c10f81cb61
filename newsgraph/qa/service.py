"""The service facade: the one place that changes the store, used by the CLI and the API.

It keeps the graph (and, later, the passage indexes) consistent: an article goes in
whole or not at all, and deleting it removes everything it brought.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rdflib.query import Result
from spacy.language import Language

from newsgraph.core.errors import NewsgraphError, NotFound
from newsgraph.core.ontology import ancestors
from newsgraph.core.settings import Settings
from newsgraph.core.text import name_key
from newsgraph.core.types import Article, Entity, Fact
from newsgraph.graph import queries
from newsgraph.graph.knowledge import GraphStats, KnowledgeGraph
from newsgraph.graph.oxigraph import OxigraphBackend
from newsgraph.graph.vocab import entity_iri
from newsgraph.ingest.extract import Extractor, build_pipeline, installed_version
from newsgraph.ingest.gazetteer import load_gazetteer, load_stopnames
from newsgraph.ingest.loaders import LoadFailure, Overrides, load_paths
from newsgraph.ingest.relations import load_vocabulary
from newsgraph.ingest.resolve import EntityRegistry

# Called after each article: (done so far, total, what was just done).
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class FactReport:
    """Facts about one entity and the SPARQL that found them."""

    entity: Entity
    sparql: str
    facts: list[Fact]


@dataclass
class IngestReport:
    """What one ingest run did."""

    articles: int = 0
    sentences: int = 0
    mentions: int = 0
    entities: int = 0
    new_entities: int = 0
    seconds: float = 0.0
    article_ids: list[str] = field(default_factory=list)
    failures: list[LoadFailure] = field(default_factory=list)


class Newsgraph:
    """Ingest, delete and read back articles in one store folder."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.vocabulary = load_vocabulary(settings.relations)
        self.graph = KnowledgeGraph(
            OxigraphBackend(settings.store / "graph"), self.vocabulary.relations.values()
        )
        self._extractor: Extractor | None = None
        self._describe_store()

    def close(self) -> None:
        """Release the store."""
        self.graph.backend.close()

    def __enter__(self) -> Newsgraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _describe_store(self) -> None:
        # A store describes itself: the settings and versions that built it.
        description = {
            "settings": json.loads(self.settings.model_dump_json()),
            "versions": {
                name: installed_version(name)
                for name in ("newsgraph", "spacy", "rdflib", "oxrdflib", "pyoxigraph")
            },
            "written": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        path = self.settings.store / "settings.json"
        path.write_text(json.dumps(description, indent=2) + "\n", encoding="utf-8")

    @property
    def extractor(self) -> Extractor:
        """The spaCy pipeline and entity registry, loaded on first use."""
        if self._extractor is None:
            gazetteer = _gazetteer(self.settings.gazetteer)
            registry = EntityRegistry(gazetteer, self.settings.fuzzy_threshold)
            for entity in self.graph.entities():
                registry.add(entity)
            self._extractor = Extractor(
                _pipeline(self.settings.spacy_model, self.settings.gazetteer),
                registry,
                load_stopnames(self.settings.stopnames),
                self.vocabulary,
                self.settings.batch_size,
            )
        return self._extractor

    # ------------------------------------------------------------------ writes

    def ingest_paths(
        self, paths: Sequence[Path], overrides: Overrides | None = None, progress: Progress | None = None
    ) -> IngestReport:
        """Load files, folders and feeds, then ingest every article that loaded."""
        articles, failures = load_paths(list(paths), overrides or Overrides())
        report = self.ingest_articles(articles, progress)
        report.failures[:0] = failures
        return report

    def ingest_articles(self, articles: Sequence[Article], progress: Progress | None = None) -> IngestReport:
        """Extract and store articles; a failing article is reported, the rest still go in."""
        started = time.perf_counter()
        report = IngestReport()
        seen_entities: set[str] = set()
        extractor = self.extractor
        for done, extraction in enumerate(extractor.extract_many(articles), start=1):
            article = extraction.article
            try:
                self.graph.write(extraction)
            except NewsgraphError as exc:
                report.failures.append(LoadFailure(article.origin or article.id, str(exc)))
            else:
                report.articles += 1
                report.article_ids.append(article.id)
                report.sentences += len(extraction.sentences)
                report.mentions += len(extraction.mentions)
                seen_entities.update(e.id for e in extraction.entities)
                report.new_entities += len(extraction.new_entity_ids)
            if progress is not None:
                progress(done, len(articles), article.title or article.id)
        report.entities = len(seen_entities)
        report.seconds = time.perf_counter() - started
        return report

    def delete(self, article_id: str) -> None:
        """Remove an article and everything only it brought."""
        if not self.graph.delete(article_id):
            raise NotFound(f"no article with id {article_id!r}")

    # ------------------------------------------------------------------ reads

    def find_entity(self, name: str) -> Entity:
        """The stored entity a name denotes: by label, alias or any spelling seen; NotFound if none."""
        key = name_key(name)
        matches = [
            e for e in self.graph.entities() if key in {name_key(n) for n in (e.label, *e.aliases, e.id)}
        ]
        if not matches:
            raise NotFound(f"no entity named {name!r} in the store")
        # Prefer the entity whose own label is the name, then the most specific class.
        matches.sort(key=lambda e: (name_key(e.label) != key, -len(ancestors(e.type))))
        return matches[0]

    def facts(self, name: str) -> FactReport:
        """Every claim about an entity, newest first, with sentence, article and attribution."""
        entity = self.find_entity(name)
        sparql = queries.facts_about(entity_iri(entity.id))
        return FactReport(entity, sparql, self.graph.facts(sparql))

    def timeline(self, name: str) -> FactReport:
        """An entity's dated claims and figures in time order."""
        entity = self.find_entity(name)
        sparql = queries.timeline_of(entity_iri(entity.id))
        facts = sorted(self.graph.facts(sparql), key=lambda f: (f.when or "", f.published or ""))
        return FactReport(entity, sparql, facts)

    def stats(self) -> GraphStats:
        """Counts of what the store holds."""
        return self.graph.stats()

    def sparql(self, query: str) -> Result:
        """Run a SPARQL 1.1 query over the union of all graphs."""
        return self.graph.query(query)

    def export(self, fmt: str) -> bytes:
        """The whole store serialized."""
        return self.graph.export(fmt)


# The pipeline is read-only once built, so every service in a process can share it
# (tests open many stores; a server opens one).
@functools.cache
def _gazetteer(path: Path) -> tuple[Entity, ...]:
    return tuple(load_gazetteer(path))


@functools.cache
def _pipeline(model: str, gazetteer_path: Path) -> Language:
    return build_pipeline(model, _gazetteer(gazetteer_path))


def stats_dict(stats: GraphStats) -> dict[str, int]:
    """Stats as the JSON the CLI and API print."""
    return asdict(stats)
