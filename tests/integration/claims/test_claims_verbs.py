"""Claims, figures and dates: extraction patterns and their life in the graph."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from newsgraph.core.errors import IngestError
from newsgraph.core.relations import load_vocabulary
from newsgraph.core.settings import PACKAGE_DATA
from newsgraph.core.types import Claim, Extraction
from newsgraph.graph.vocab import SPARQL_PREFIXES
from newsgraph.service.facade import Newsgraph
from tests.conftest import EXPORTS, MEMORY, article


def extract(service: Newsgraph, text: str, published: str = "2025-06-10") -> Extraction:
    return service.extractor.extract(article("t", "", text, published))


def triples(extraction: Extraction) -> set[tuple[str | None, str, str | None]]:
    """(subject label, relation, object label or figure text or phrase) for each claim."""
    labels = {e.id: e.label for e in extraction.entities}

    def obj(claim: Claim) -> str | None:
        if claim.object_entity:
            return labels[claim.object_entity]
        if claim.object_figure is not None:
            return extraction.figures[claim.object_figure].text
        return claim.object_literal

    return {(labels.get(c.subject or ""), c.relation, obj(c)) for c in extraction.claims}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # passive voice with a coordinated agent: one claim per member
            "The HBM market is dominated by SK Hynix, Samsung Electronics and Micron Technology.",
            {
                ("SK Hynix", "dominates", "HBM"),
                ("Samsung Electronics", "dominates", "HBM"),
                ("Micron Technology", "dominates", "HBM"),
            },
        ),
        (  # a role noun: buyers include ...
            "Buyers of the Gaudi 3 include Tencent and Baidu.",
            {("Tencent", "buys", "Gaudi 3"), ("Baidu", "buys", "Gaudi 3")},
        ),
        (  # an object reached through a noun: restrictions on ...
            "The Commerce Department tightened restrictions on the H20.",
            {("US Commerce Department", "restricts", "H20")},
        ),
        (  # members named with "such as"
            "Chinese firms such as Alibaba and ByteDance ordered the H20.",
            {("Alibaba", "buys", "H20"), ("ByteDance", "buys", "H20")},
        ),
        (  # a light verb takes its relation from the event noun: a crackdown restricts
            "The Commerce Department launched a crackdown on Huawei's chip business.",
            {("US Commerce Department", "restricts", "Huawei")},
        ),
        (  # "orders with" a supplier and "for" a product
            "Nvidia placed orders with TSMC for the H20.",
            {("Nvidia", "buys", "TSMC"), ("Nvidia", "buys", "H20")},
        ),
        (  # "whose" possessive, and a role after "seen as"
            "Huawei, whose Ascend 910C is seen as the main alternative to the H20, gained share.",
            {("Huawei", "develops", "Ascend 910C"), ("Ascend 910C", "competes_with", "H20")},
        ),
        (  # a participle naming the act; its agent comes from the article's context
            "The Commerce Department added 140 entities to the Entity List. "
            "The companies added to the list include Naura and Piotech.",
            {
                ("US Commerce Department", "sanctions", "Naura"),
                ("US Commerce Department", "sanctions", "Piotech"),
            },
        ),
        (  # an agentless passive act of government: the government the sentence names
            "The H800 was designed to comply with U.S. export rules but was barred from sale to China.",
            {("United States", "bans", "H800")},
        ),
        (  # a subject reached through "by": "responded by banning"
            "The Commerce Department responded by banning sales of the H20.",
            {("US Commerce Department", "bans", "H20")},
        ),
        (  # an estimator's figure is the estimator's, not a plan of the company in its clause
            "Jefferies estimates that Cambricon could ship around 150,000 accelerators this year.",
            {("Jefferies", "estimates", "150,000 accelerators")},
        ),
        (  # a source named after the clause the parser lost
            "Cambricon could ship as many as 300,000 chips this year, analysts at Morgan Stanley estimate.",
            {("Morgan Stanley", "estimates", "300,000 chips")},
        ),
        (  # a role held towards the subject, read from the subject's side
            "Micron counts Nvidia and AMD among its customers.",
            {("Micron Technology", "supplies", "Nvidia"), ("Micron Technology", "supplies", "AMD")},
        ),
        (  # the other party of a trade stands for the trade
            "Samsung Electronics has started supplying HBM3E chips to Nvidia.",
            {("Samsung Electronics", "supplies", "Nvidia")},
        ),
        (  # buying from a company is no takeover; the subject of "talks to buy" is the talker
            "Apple is in talks to buy chips from Samsung Electronics.",
            {("Apple", "buys", "Samsung Electronics")},
        ),
        (  # what a maker makes for companies, it supplies them
            "TSMC makes chips for Apple and AMD.",
            {("TSMC", "supplies", "Apple"), ("TSMC", "supplies", "AMD")},
        ),
        (  # "as" describes the subject unless the verb is one of regarding
            "SK Hynix overtook Samsung Electronics as the largest maker of DRAM chips.",
            {("SK Hynix", "competes_with", "Samsung Electronics"), ("SK Hynix", "manufactures", "DRAM")},
        ),
        (  # a role behind "one of"
            "ByteDance is one of the largest buyers of the H20.",
            {("ByteDance", "buys", "H20")},
        ),
        (  # an event noun with a phrase for its object; the noun itself is no object
            "China imposed export controls on gallium and germanium.",
            {("China", "restricts", "gallium and germanium")},
        ),
        (  # "relies on X to make": X makes
            "Huawei relies on SMIC to make its Kirin chips.",
            {("Huawei", "depends_on", "SMIC"), ("SMIC", "manufactures", "Kirin")},
        ),
        (  # a passive of reliance: what the subject's owner relies on
            "DeepSeek's models were trained on Nvidia's H800 chips.",
            {("DeepSeek", "depends_on", "H800")},
        ),
        (  # what a thing is used in relies on it
            "HBM3 is used in Nvidia's H20 and H800 chips.",
            {("H20", "depends_on", "HBM3"), ("H800", "depends_on", "HBM3")},
        ),
        (  # an approval won from someone is that someone's act
            "Nvidia won approval from the Commerce Department for sales of the H20.",
            {("US Commerce Department", "approves", "H20")},
        ),
        (  # a regulatory verb acting on a regulatory noun: lifting a ban eases
            "The Commerce Department lifted the ban on Huawei.",
            {("US Commerce Department", "eases", "Huawei")},
        ),
        (  # a statement that calls reports inaccurate denies them
            "Cambricon said reports of large new orders were inaccurate.",
            {("Cambricon", "denies", "reports of large new orders")},
        ),
        (  # a lemma the lemmatizer missed ("fined" -> "fin")
            "The EU fined Qualcomm 242 million euros in 2019.",
            {("European Union", "sanctions", "Qualcomm")},
        ),
    ],
)
def test_claim_patterns(service: Newsgraph, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(extract(service, text))


def test_attribution_negation_and_hedging(service: Newsgraph) -> None:
    extraction = extract(
        service,
        "TrendForce estimates that Huawei could ship 700,000 Ascend chips next year. "
        "Analysts said Tencent did not buy the H20.",
    )
    labels = {e.id: e.label for e in extraction.entities}
    # An estimate for the year after the article's is a projection.
    forecast = next(c for c in extraction.claims if c.relation == "projects")
    figure = extraction.figures[forecast.object_figure or 0]
    assert labels[forecast.subject or ""] == "TrendForce"
    assert (figure.value, figure.unit, figure.period) == (Decimal(700000), "chip", "2026")
    assert forecast.hedged
    shipped = next(c for c in extraction.claims if c.relation == "supplies")
    assert labels[shipped.subject or ""] == "Huawei"
    assert labels[shipped.attributed_to or ""] == "TrendForce" and shipped.hedged
    bought = next(c for c in extraction.claims if c.relation == "buys")
    assert bought.negated and bought.attributed_source == "analysts"


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (  # a relative clause is about the noun before it, not its whole list
            "The list includes Naura and Piotech, as well as Wingtech, which owns Nexperia.",
            {("Naura", "acquires", "Nexperia"), ("Piotech", "acquires", "Nexperia")},
        ),
        (  # an amount is no object
            "The EU fined Qualcomm 242 million euros in 2019.",
            {("European Union", "sanctions", "242 million euros")},
        ),
    ],
)
def test_claims_not_made(service: Newsgraph, text: str, unwanted: set[tuple[str, str, str]]) -> None:
    assert not unwanted & triples(extract(service, text))


def test_a_hedge_is_no_source(service: Newsgraph) -> None:
    """ "Huawei is expected to produce ...": nobody's statement, least of all Cambricon's."""
    extraction = extract(
        service,
        "Jefferies estimates that Cambricon could ship 150,000 chips, while Huawei is expected "
        "to produce about 650,000 Ascend processors.",
    )
    labels = {e.id: e.label for e in extraction.entities}
    assert {labels.get(c.attributed_to or "") for c in extraction.claims} <= {None, "Jefferies"}
    assert ("Jefferies", "estimates", "150,000 chips") in triples(extraction)


def test_self_reports_are_not_repeated_as_statements(service: Newsgraph) -> None:
    """ "DeepSeek said it had built ...": what it reports about itself is the claim, if any."""
    extraction = extract(service, "DeepSeek said it had built a competitive AI model.")
    assert not [c for c in extraction.claims if c.relation == "says"]


def test_an_executive_named_once_speaks_for_the_company_after(service: Newsgraph) -> None:
    """ "Chief executive Tim Archer said ... Lam had raised prices, Archer said": still a self-report."""
    text = (
        "Lam Research reported results on Wednesday. Chief executive Tim Archer said demand was strong. "
        "Lam had raised prices for its etching tools in the quarter, Archer said."
    )
    said = [o for s, r, o in triples(extract(service, text)) if s == "Tim Archer" and r == "says"]
    assert said == ["demand was strong"]


def test_being_kept_from_an_act_negates_it(service: Newsgraph) -> None:
    extraction = extract(service, "The Dutch government blocked ASML from shipping DUV machines to China.")
    labels = {e.id: e.label for e in extraction.entities}
    negated = {
        (labels.get(c.subject or ""), c.relation, labels.get(c.object_entity or "")): c.negated
        for c in extraction.claims
    }
    assert negated[("Netherlands", "bans", "ASML")] is False
    assert negated[("ASML", "supplies", "China")] is True


def test_product_relations_need_a_named_object(service: Newsgraph) -> None:
    """ "would build AI supercomputers" names no product: no develops claim with a bare phrase."""
    extraction = extract(service, "Nvidia said it would build AI supercomputers.")
    assert not [c for c in extraction.claims if c.relation == "develops"]


def test_agentless_passive_keeps_the_fact_and_its_date(service: Newsgraph) -> None:
    extraction = extract(service, "The H20 was banned in April.", published="2025-08-23")
    (claim,) = [c for c in extraction.claims if c.relation == "bans"]
    assert claim.subject is None and claim.valid_time == "2025-04"


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


@pytest.mark.parametrize(
    ("text", "bought"),
    [
        ("China bought about $30 billion of wafer fabrication equipment in 2023.", True),
        ("Japan spent about $9 billion on imported lithography equipment in 2024.", True),
        ("Japan will spend about $9 billion on imported lithography equipment in 2026.", False),
    ],
)
def test_goods_bought_with_an_amount_need_no_name(service: Newsgraph, text: str, bought: bool) -> None:
    """ "bought $30 billion of wafer fabrication equipment", "spent $38 billion on imported
    chipmaking equipment": an amount makes the goods specific; money to be spent buys nothing yet."""
    found = {(s, r) for s, r, o in triples(extract(service, text)) if o and o.endswith("equipment")}
    assert (("China", "buys") in found or ("Japan", "buys") in found) == bought


def test_a_relative_clause_on_an_appositive_is_about_the_name(service: Newsgraph) -> None:
    text = "The chips are designed by Annapurna Labs, an Israeli chip start-up that Amazon bought in 2015."
    assert ("Amazon", "acquires", "Annapurna Labs") in triples(extract(service, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The probe related to Nvidia's $6.9 billion acquisition of Mellanox Technologies.", "acquires"),
        ("Amazon's $8 billion investment in Anthropic made it a partner.", "invests_in"),
    ],
)
def test_a_deal_owned_by_a_party_is_its_deal(service: Newsgraph, text: str, expected: str) -> None:
    assert expected in {r for _, r, _ in triples(extract(service, text))}


@pytest.mark.parametrize(
    ("text", "released"),
    [
        ("Amazon Web Services said its Trainium2 chip was now generally available to cloud customers.", True),
        ("Amazon Web Services said its Trainium3 chip would be available late next year.", False),
        ("Amazon Web Services said its Trainium2 chip was not yet available.", False),
    ],
)
def test_a_product_made_available_is_released(service: Newsgraph, text: str, released: bool) -> None:
    assert any(r == "releases" for _, r, _ in triples(extract(service, text))) == released


@pytest.mark.parametrize("table", ["capitals", "demonyms"])
def test_a_vocabulary_table_that_is_no_mapping_is_a_clear_error(tmp_path: Path, table: str) -> None:
    source = (PACKAGE_DATA / "relations.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "relations.yaml"
    broken.write_text(f"{source}\n{table}: [Dutch, Netherlands]\n", encoding="utf-8")
    with pytest.raises(IngestError, match=f"'{table}' must map names to names"):
        load_vocabulary(broken)
