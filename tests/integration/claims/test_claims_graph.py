"""Claims in the graph: each claim's links back to its sentence and article, figures in SPARQL
filters and aggregates, projected changes, deletion, and the relation vocabulary behind them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from newsgraph.core.errors import IngestError
from newsgraph.core.relations import load_vocabulary
from newsgraph.core.settings import PACKAGE_DATA
from newsgraph.graph.vocab import SPARQL_PREFIXES
from newsgraph.service.facade import Newsgraph
from tests.helpers import EXPORTS, MEMORY, article


def rows(service: Newsgraph, query: str) -> list[tuple[str, ...]]:
    return [tuple(str(v) for v in row) for row in service.sparql(SPARQL_PREFIXES + query)]  # type: ignore[union-attr]


def test_every_claim_links_back_to_its_sentence_and_article(service: Newsgraph) -> None:
    service.ingest_articles([MEMORY, EXPORTS])
    assert rows(service, "SELECT (COUNT(?c) AS ?n) WHERE { ?c a ng:Claim }")[0][0] != "0"
    orphans = """ASK { ?c a ng:Claim .
        FILTER NOT EXISTS { ?c prov:wasDerivedFrom ?s ; schema:isPartOf ?a ; ng:extractorVersion ?v .
                            ?s a ng:Sentence ; schema:isPartOf ?a ; schema:text ?t ; ng:startOffset ?o } }"""
    assert service.sparql(SPARQL_PREFIXES + orphans).askAnswer is False


def test_figures_work_in_filters_and_aggregates(service: Newsgraph) -> None:
    service.ingest_articles([MEMORY])
    ((total,),) = rows(
        service,
        'SELECT (SUM(?v) AS ?total) WHERE { ?f a ng:Figure ; ng:unit "USD" ; ng:value ?v FILTER(?v > 1e6) }',
    )
    assert Decimal(total) == Decimal(34_000_000_000)


def test_a_projected_change_links_its_starting_figure(service: Newsgraph) -> None:
    projection = article(
        "share",
        "Chinese chips gain ground",
        "Bernstein projects that Chinese AI chips could rise from 17% of the market in "
        "2023 to 55% by 2027. Revenue fell 12% last year.",
        "2025-08-23",
    )
    service.ingest_articles([projection])
    found = rows(
        service,
        """SELECT ?source ?value ?period ?start ?since WHERE {
            ?c ng:relation ng:projects ; ng:subject/rdfs:label ?source ; ng:object ?f .
            ?f ng:value ?value ; ng:period ?period ; ng:changesFrom ?s .
            ?s ng:value ?start ; ng:period ?since }""",
    )
    assert found == [("Bernstein", "55", "2027", "17", "2023")]
    # A figure with no "from" changes from nothing.
    assert rows(service, "SELECT (COUNT(?f) AS ?n) WHERE { ?f ng:changesFrom ?s }") == [("1",)]


def test_delete_removes_claims_figures_and_edges(service: Newsgraph) -> None:
    service.ingest_articles([MEMORY, EXPORTS])
    count = "SELECT (COUNT(DISTINCT ?n) AS ?k) WHERE { { ?n a ng:Claim } UNION { ?n a ng:Figure } }"
    both = int(rows(service, count)[0][0])
    service.delete("exports")
    only_memory = int(rows(service, count)[0][0])
    assert 0 < only_memory < both
    service.delete("memory")
    assert rows(service, count) == [("0",)]
    # Direct subject-relation-object edges lived in the article graphs too.
    relation_edges = "ASK { ?s ?p ?o . ?p a ng:Relation }"
    assert service.sparql(SPARQL_PREFIXES + relation_edges).askAnswer is False


def test_relation_vocabulary_is_in_the_ontology(service: Newsgraph) -> None:
    found = rows(
        service,
        "SELECT ?label ?comment WHERE { ?r a ng:Relation ; rdfs:label ?label ; rdfs:comment ?comment }",
    )
    labels = {label for label, _ in found}
    for needed in [
        "buys",
        "supplies",
        "bans",
        "restricts",
        "eases",
        "estimates",
        "projects",
        "denies",
        "says",
    ]:
        assert needed in labels
    inverse = rows(service, "SELECT ?l WHERE { ng:buys owl:inverseOf ?i . ?i rdfs:label ?l }")
    assert inverse == [("bought by",)]


@pytest.mark.parametrize("table", ["capitals", "demonyms"])
def test_a_vocabulary_table_that_is_no_mapping_is_a_clear_error(tmp_path: Path, table: str) -> None:
    source = (PACKAGE_DATA / "relations.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "relations.yaml"
    broken.write_text(f"{source}\n{table}: [Dutch, Netherlands]\n", encoding="utf-8")
    with pytest.raises(IngestError, match=f"'{table}' must map names to names"):
        load_vocabulary(broken)
