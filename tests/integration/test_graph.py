"""The knowledge graph: canonical entities, replace and delete, on the real store."""

from __future__ import annotations

from rdflib import Dataset

from newsgraph.core.types import Article
from newsgraph.graph import queries
from newsgraph.graph.vocab import ENTITY_GRAPH, SPARQL_PREFIXES, article_iri, entity_iri, relation_iri
from newsgraph.service.facade import Newsgraph
from tests.helpers import EXPORTS, MEMORY


def rows(service: Newsgraph, query: str) -> set[tuple[str, ...]]:
    return {tuple(str(v) for v in row) for row in service.sparql(SPARQL_PREFIXES + query)}  # type: ignore[union-attr]


def entity_types(service: Newsgraph) -> dict[str, str]:
    """Canonical label -> most specific class, read back from the graph."""
    return {e.label: e.type for e in service.graph.entities()}


def quads(service: Newsgraph) -> set[str]:
    data = service.export("nquads").decode()
    return {line for line in data.splitlines() if line.strip()}


def test_spellings_resolve_to_one_canonical_entity(service: Newsgraph) -> None:
    service.ingest_articles([MEMORY, EXPORTS])
    labels = rows(
        service,
        """SELECT ?label (COUNT(DISTINCT ?m) AS ?n) WHERE {
             ?m ng:refersTo ?e . ?e rdfs:label ?label } GROUP BY ?label""",
    )
    counts = {label: int(n) for label, n in labels}
    # "Nvidia’s", "Nvidia's", "NVIDIA Corp." are one company; "U.S.", "US", "United States" one country.
    assert counts["Nvidia"] == 3
    assert counts["United States"] == 3
    types = entity_types(service)
    assert types["Nvidia"] == "Company"
    assert types["Blackwell"] == "ChipFamily"
    assert types["H20"] == "Chip"
    assert types["Entity List"] == "Policy"
    # A person the gazetteer does not know: the statistical NER finds her, and the
    # surname alone later in the article is the same person.
    assert types["Orvale Kestrin"] == "Person"
    assert "Kestrin" not in types


def test_entity_graph_has_types_labels_aliases_and_wikidata(service: Newsgraph) -> None:
    service.ingest_articles([EXPORTS, MEMORY])
    found = rows(
        service,
        f"""SELECT ?cls ?wd WHERE {{ GRAPH <{ENTITY_GRAPH}> {{
              ?e rdfs:label "Nvidia" ; a ?cls ; owl:sameAs ?wd }} }}""",
    )
    classes = {cls for cls, _ in found}
    assert {"https://w3id.org/newsgraph/ns#Company", "https://w3id.org/newsgraph/ns#Organization"} <= classes
    assert {wd for _, wd in found} == {"http://www.wikidata.org/entity/Q182477"}
    # A spelling seen in an article is an altLabel, kept in that article's graph.
    alt = f"SELECT ?alt WHERE {{ GRAPH <{article_iri('memory')}> {{ ?e skos:altLabel ?alt }} }}"
    assert rows(service, alt) == {("Kestrin",)}


def test_reingest_replaces_the_article_graph(service: Newsgraph) -> None:
    service.ingest_articles([MEMORY, EXPORTS])
    before_stats, before_quads = service.stats(), quads(service)
    service.ingest_articles([MEMORY])
    service.ingest_articles([MEMORY, EXPORTS])
    assert service.stats() == before_stats
    assert quads(service) == before_quads


def test_delete_removes_everything_the_article_brought(service: Newsgraph, settings, graph_store) -> None:  # type: ignore[no-untyped-def]
    service.ingest_articles([MEMORY, EXPORTS])
    service.delete("memory")

    assert not service.graph.has_article("memory")
    assert rows(service, 'SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?s), "article/memory")) }') == set()
    labels = {e.label for e in service.graph.entities()}
    assert "Orvale Kestrin" not in labels  # only the deleted article named her
    assert "Nvidia" in labels  # the other article still does
    assert "SK Hynix" in labels  # the gazetteer defines it, so it stays

    # Compared with a store that only ever saw EXPORTS, the only extra quads are
    # gazetteer entities' own triples in the entity graph.
    folder = settings.store.parent / "other"
    other = settings.model_copy(update={"store": folder, "graph_url": graph_store(folder)})
    with Newsgraph(other) as fresh:
        fresh.ingest_articles([EXPORTS])
        extra = quads(service) - quads(fresh)
        assert quads(fresh) <= quads(service)
    assert extra
    assert all(f"<{ENTITY_GRAPH}>" in line for line in extra)
    gazetteer_subjects = {e.id for e in service.graph.entities() if e.in_gazetteer}
    assert all(
        any(line.startswith(f"<https://w3id.org/newsgraph/id/entity/{i}>") for i in gazetteer_subjects)
        for line in extra
    )


def test_export_round_trips(service: Newsgraph) -> None:
    service.ingest_articles([MEMORY])
    for fmt, parser in [("nquads", "nquads"), ("trig", "trig")]:
        dataset = Dataset()
        dataset.parse(data=service.export(fmt), format=parser)
        assert len(dataset) == service.stats().triples


def test_store_persists_across_reopen(settings) -> None:  # type: ignore[no-untyped-def]
    with Newsgraph(settings) as first:
        first.ingest_articles([MEMORY])
        stats = first.stats()
    with Newsgraph(settings) as second:
        assert second.stats() == stats
        # The registry is rebuilt from the graph: a new spelling finds the old entity.
        second.ingest_articles([EXPORTS])
        assert sum(1 for e in second.graph.entities() if e.label == "Nvidia") == 1


def test_who_makes_a_product_is_read_from_any_article_by_name(service: Newsgraph) -> None:
    # The question answering leaves a product's makers out of its buyers.
    text = (
        "Nvidia developed the H20 chip for the Chinese market. TSMC manufactures the H20 for it. "
        "Tencent bought thousands of H20 chips."
    )
    service.ingest_articles([Article(id="h20-makers", text=text)])
    made = [relation_iri("develops"), relation_iri("manufactures")]
    names = {name for (name,) in service.graph.values(queries.subjects(made, entity_iri("chip/h20")))}
    assert names == {"Nvidia", "TSMC"}
    assert {
        n for (n,) in service.graph.values(queries.subjects([relation_iri("buys")], entity_iri("chip/h20")))
    } == {"Tencent"}
