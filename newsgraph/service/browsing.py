"""Reading the graph back for people: entities, their facts and timelines, articles, neighbourhoods."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from newsgraph.core.errors import NotFound
from newsgraph.core.ontology import ancestors
from newsgraph.core.records import ArticleSummary, EntityDetail, FactReport, Neighbourhood
from newsgraph.core.text import name_key
from newsgraph.core.types import Entity
from newsgraph.graph import browse, queries
from newsgraph.graph.knowledge import KnowledgeGraph
from newsgraph.graph.vocab import article_iri, entity_iri


class Browser:
    """The read views the API, CLI and pages show, over one knowledge graph."""

    def __init__(self, graph: KnowledgeGraph) -> None:
        self.graph = graph

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

    def list_articles(
        self,
        source: str | None = None,
        since: date | None = None,
        until: date | None = None,
        offset: int = 0,
        limit: int = 20,
        entity_id: str | None = None,
        text: str | None = None,
    ) -> tuple[int, list[ArticleSummary]]:
        """One page of stored articles, newest first, and how many match in all."""
        return browse.list_articles(self.graph, source, since, until, offset, limit, entity_id, text)

    def article(self, article_id: str) -> dict[str, object]:
        """An article as stored: metadata, sentences and the entities it names; NotFound if absent."""
        text = self.graph.article_text(article_id)
        if text is None:
            raise NotFound(f"no article with id {article_id!r}")
        return {
            "id": article_id,
            "title": text.title,
            "url": text.url,
            "source": text.source,
            "published": text.published,
            "sentences": [asdict(s) for s in text.sentences],
            "entities": [asdict(e) for e in browse.entities_in(self.graph, article_id)],
            "mentions": [asdict(m) for m in browse.mentions_in(self.graph, article_id)],
            "facts": [asdict(f) for f in self.graph.facts(queries.facts_in(article_iri(article_id)))],
        }

    def neighbourhood(self, entity_id: str, depth: int = 1, limit: int = 60) -> Neighbourhood:
        """The entities linked to one by claims, `depth` steps out and at most `limit` of them,
        with how many articles name each; NotFound for an unknown id."""
        entities = {e.id: e for e in self.graph.entities()}
        if entity_id not in entities:
            raise NotFound(f"no entity with id {entity_id!r}")
        ids, edges = browse.neighbourhood(self.graph, entity_id, depth, limit)
        counts = browse.article_counts(self.graph, ids)
        return Neighbourhood(
            entity_id, [(entities[i], counts.get(i, 0)) for i in ids if i in entities], edges
        )

    def top_entities(self, limit: int = 10) -> list[tuple[Entity, int]]:
        """The entities the most articles name, with how many."""
        entities = {e.id: e for e in self.graph.entities()}
        counts = browse.article_counts(self.graph, limit=limit)
        return [(entities[i], n) for i, n in counts.items() if i in entities]

    def find_entities(self, query: str, limit: int = 20) -> list[Entity]:
        """Entities whose label or an alias contains the query: exact names, then prefixes, then the rest."""
        key = name_key(query)
        if not key:
            return []
        ranked = []
        for entity in self.graph.entities():
            names = [name_key(n) for n in (entity.label, *entity.aliases)]
            if key in names:
                ranked.append((0, entity.label, entity))
            elif any(n.startswith(key) for n in names):
                ranked.append((1, entity.label, entity))
            elif any(key in n for n in names):
                ranked.append((2, entity.label, entity))
        ranked.sort(key=lambda r: (r[0], r[1].casefold()))
        return [entity for _, _, entity in ranked[:limit]]

    def entity(self, entity_id: str) -> EntityDetail:
        """Everything the store knows about one entity, by its id (e.g. "company/nvidia")."""
        entity = next((e for e in self.graph.entities() if e.id == entity_id), None)
        if entity is None:
            raise NotFound(f"no entity with id {entity_id!r}")
        iri = entity_iri(entity.id)
        sparql = queries.facts_about(iri)
        claims = self.graph.facts(sparql)
        timeline = sorted(
            self.graph.facts(queries.timeline_of(iri)), key=lambda f: (f.when or "", f.published or "")
        )
        return EntityDetail(
            entity,
            ancestors(entity.type),
            claims,
            [f for f in claims if f.object is not None and not f.object_is_entity and f.object[:1].isdigit()],
            timeline,
            browse.articles_mentioning(self.graph, entity.id),
            sparql,
        )
