"""Attribution and what is asserted, on invented sentences: who says what (statements, estimates,
denials; sources named by "analysts at" or "according to"; executives and spokespeople for
their companies), and what a sentence does not assert: questions, conditions, acts asked for,
allowed or delayed, negation and hedges."""

from __future__ import annotations

from decimal import Decimal

import pytest

from newsgraph.ingest.extract import Extractor
from tests.helpers import Triple, exact_cases, extract, triples


@exact_cases(
    ("text", "expected", "allowed"),
    [
        (  # sources the news cites for figures are known by name
            "China mined about 69% of the world's rare earths in 2024, according to the U.S. Geological "
            "Survey. Analysts at Nomura estimate that Samsung will ship 40% more HBM in 2026.",
            {("United States Geological Survey", "estimates", "69%"), ("Nomura", "projects", "40%")},
            {("Samsung Electronics", "supplies", "HBM")},
        ),
        (  # a firm after "analysts at" is a source, whatever else the name could be
            "Analysts at ING estimated that China would take 15 percent of ASML's sales this year.",
            {("ING", "estimates", "15 percent")},
        ),
        (  # a source at the end of a paragraph, before its line break
            "Chinese toolmakers accounted for 8% to 12% of their sales in 2025, analysts at Jefferies "
            "estimate.\n\nThe rule takes effect in March.",
            {("Jefferies", "estimates", "8%")},
            {("Jefferies", "estimates", "12%")},
        ),
        (  # an estimator's figure is the estimator's, not a plan of the company in its clause
            "Jefferies estimates that Cambricon could ship around 150,000 accelerators this year.",
            {("Jefferies", "estimates", "150,000 accelerators")},
        ),
        (  # a source named after the clause the parser lost
            "Cambricon could ship as many as 300,000 chips this year, analysts at Morgan Stanley estimate.",
            {("Morgan Stanley", "estimates", "300,000 chips")},
        ),
        (  # a statement that calls reports inaccurate denies them
            "Cambricon said reports of large new orders were inaccurate.",
            {("Cambricon", "denies", "reports of large new orders")},
        ),
    ],
)
def test_claims_made(extractor: Extractor, text: str, expected: set[Triple], allowed: set[Triple]) -> None:
    assert triples(extract(extractor, text)) == expected | allowed


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (  # asked for, not done
            "Lawmakers pressed the Commerce Department to block sales of the H20.",
            {("US Commerce Department", "bans", "H20")},
        ),
        (  # delaying a launch is not launching
            "Nvidia told customers it would delay the launch of its H20 chip until next year.",
            {("Nvidia", "releases", "H20")},
        ),
        (  # less reliance is no reliance
            "Alibaba is developing its own chip to reduce its reliance on Nvidia.",
            {("Alibaba", "depends_on", "Nvidia")},
        ),
        (  # the place a report was filed is not its author
            "Revenue rose to 1.47 billion yuan in 2025, according to an annual report filed with the "
            "Shanghai Stock Exchange on Friday.",
            {("Shanghai", "estimates", "1.47 billion yuan")},
        ),
        (  # a statement reporting figures: the figures are the news
            "Cambricon said revenue for the half-year rose to 2.88 billion yuan from 64.8 million yuan.",
            {
                (
                    "Cambricon",
                    "says",
                    "revenue for the half - year rose to 2.88 billion yuan from 64.8 million yuan",
                )
            },
        ),
    ],
)
def test_claims_not_made(extractor: Extractor, text: str, unwanted: set[Triple]) -> None:
    assert not unwanted & triples(extract(extractor, text))


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (  # a question left open asserts nothing, and its asker states nothing
            "The Cyberspace Administration of China did not say whether Nvidia had sold H20 chips "
            "to Tencent.",
            {("Nvidia", "supplies", "Tencent")},
        ),
        (  # a condition supposes the act, it does not report it
            "If Nvidia sold the H20 to Tencent, the Commerce Department would block the chip.",
            {("Nvidia", "supplies", "Tencent")},
        ),
        (
            "Acme Corp declined to say which foundry makes its Falcon chips.",
            {("Acme Corp", "says", "which foundry makes its Falcon chips")},
        ),
    ],
)
def test_questions_and_conditions_assert_nothing(
    extractor: Extractor, text: str, unwanted: set[tuple[str, str, str]]
) -> None:
    assert not unwanted & triples(extract(extractor, text))


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (  # a denied report states no deal; the denial is the claim
            "Acme Corp denied a media report that it had signed a supply deal with Globex Inc.",
            {("Acme Corp", "partners_with", "Globex Inc.")},
        ),
        (  # an executive reporting on the company is the company's self-report
            "Chief executive Jensen Huang said Nvidia had filed licence applications with the "
            "Commerce Department.",
            {("Jensen Huang", "says", "Nvidia had filed licence applications with the Commerce Department")},
        ),
        (  # judging something names no relation between judge and judged
            "Acme Corp described Globex Inc as a dangerous company.",
            {("Acme Corp", "related_to", "Globex Inc")},
        ),
    ],
)
def test_no_claim_of_what_is_denied_or_self_reported(
    extractor: Extractor, text: str, unwanted: set[tuple[str, str, str]]
) -> None:
    assert not unwanted & triples(extract(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "The summons came weeks after Nvidia said Washington would allow it to resume sales of the H20.",
        "The rules allow Samsung to ship HBM to Chinese customers.",
    ],
)
def test_an_act_allowed_is_not_done(extractor: Extractor, text: str) -> None:
    assert not {r for _, r, _ in triples(extract(extractor, text))} & {"supplies"}


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (  # a guess, in any of the statement's clauses, is no statement of fact
            "Analysts at Citi said the sell-off was overdone and that the largest AI developers would "
            "continue to buy chips.",
            False,
        ),
        ("President Donald Trump said DeepSeek should be a wake-up call for American industry.", False),
        ("Commerce Secretary Howard Lutnick said the H20 was only Nvidia's fourth-best chip.", True),
        # a company judging the impact of events on itself states it; other self-reports are the news
        ("Lam Research said it was reviewing the rules and did not expect a material effect on sales.", True),
        ("Lam Research said it had hired engineers and that the impact on its operations was small.", True),
        ("Lam Research said it had moved production of its etch tools to Singapore.", False),
    ],
)
def test_says_records_statements_of_fact(extractor: Extractor, text: str, says: bool) -> None:
    assert any(r == "says" for _, r, _ in triples(extract(extractor, text))) == says


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Acme Corp said spending on new plants will rise next year.", "projects"),
        ("Acme Corp said demand for memory chips was likely to remain strong.", "projects"),
        ("Acme Corp said memory prices had fallen and that it expected a recovery.", "projects"),
        # ruling an effect out states the present, not a forecast
        ("Acme Corp said it did not expect the rules to change its outlook.", "says"),
        # an impact judged is a statement, whatever its tense
        (
            "Acme Corp said it expected the impact on its earnings to be limited as the rules are narrow.",
            "says",
        ),
        ("Acme Corp said demand for memory chips had fallen sharply.", "says"),
    ],
)
def test_a_statement_about_the_future_is_a_projection(extractor: Extractor, text: str, relation: str) -> None:
    claims = {r for s, r, _ in triples(extract(extractor, text)) if s == "Acme Corp"}
    assert relation in claims and ({"says", "projects"} - {relation}).isdisjoint(claims)


def test_an_estimate_without_a_figure_is_still_an_estimate(extractor: Extractor) -> None:
    text = "Analysts at Bernstein estimated that the ban could put a small part of Micron's revenue at risk."
    (claim,) = [c for c in extract(extractor, text).claims if c.relation in {"estimates", "says"}]
    assert claim.relation == "estimates" and "revenue at risk" in (claim.object_literal or "")


def test_a_participle_estimate_is_the_speakers(extractor: Extractor) -> None:
    found = triples(
        extract(
            extractor,
            "Analysts at Bernstein said AMD's AI business remained small compared with Nvidia's, "
            "estimating that AMD would hold about 5% of the market for AI accelerators in 2024.",
        )
    )
    assert ("Bernstein", "estimates", "5%") in found
    assert ("AMD", "estimates", "5%") not in found


def test_a_denial_stands_for_the_reason_given_with_it(extractor: Extractor) -> None:
    found = triples(
        extract(
            extractor,
            "Rapidus denied a local media report that it planned to delay a second plant, saying its "
            "timetable had not changed.",
        )
    )
    assert {relation for _, relation, _ in found} == {"denies"}


def test_a_reporter_under_after_states_only_what_follows_it(extractor: Extractor) -> None:
    found = triples(
        extract(
            extractor,
            "Still, investors had hoped for a larger increase in the MI300 forecast, analysts said, after "
            "rival Nvidia signalled that demand for its Blackwell chips was far outstripping supply.",
        )
    )
    assert {(s, r, o) for s, r, o in found if s == "Nvidia" and r != "develops"} == {
        ("Nvidia", "says", "demand for its Blackwell chips was far outstripping supply")
    }


def test_one_statement_per_source_and_sentence(extractor: Extractor) -> None:
    """ "said ..., adding that ...": the first statement stands for both."""
    extraction = extract(
        extractor,
        "Nvidia said the model had been built with chips that complied with export controls, "
        "adding that serving such models would still require large numbers of its processors.",
    )
    assert len([c for c in extraction.claims if c.relation == "says"]) == 1


def test_a_statement_without_its_reasons(extractor: Extractor) -> None:
    extraction = extract(
        extractor,
        "Tokyo Electron said the impact was limited because the rules cover only advanced tools.",
    )
    (said,) = [c for c in extraction.claims if c.relation == "says"]
    assert said.object_literal == "the impact was limited"


def test_spokesperson_speaks_for_the_company(extractor: Extractor) -> None:
    """ "A Micron spokesperson denied ...": the company denies, and the sale is its denied claim."""
    extraction = extract(extractor, "A Micron spokesperson denied that the company had sold chips to Huawei.")
    assert ("Micron Technology", "denies", "the company had sold chips to Huawei") in triples(extraction)


def test_attribution_negation_and_hedging(extractor: Extractor) -> None:
    extraction = extract(
        extractor,
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


def test_a_hedge_is_no_source(extractor: Extractor) -> None:
    """ "Huawei is expected to produce ...": nobody's statement, least of all Cambricon's."""
    extraction = extract(
        extractor,
        "Jefferies estimates that Cambricon could ship 150,000 chips, while Huawei is expected "
        "to produce about 650,000 Ascend processors.",
    )
    labels = {e.id: e.label for e in extraction.entities}
    assert {labels.get(c.attributed_to or "") for c in extraction.claims} <= {None, "Jefferies"}
    assert ("Jefferies", "estimates", "150,000 chips") in triples(extraction)


def test_self_reports_are_not_repeated_as_statements(extractor: Extractor) -> None:
    """ "DeepSeek said it had built ...": what it reports about itself is the claim, if any."""
    extraction = extract(extractor, "DeepSeek said it had built a competitive AI model.")
    assert not [c for c in extraction.claims if c.relation == "says"]


def test_an_executive_named_once_speaks_for_the_company_after(extractor: Extractor) -> None:
    """ "Chief executive Tim Archer said ... Lam had raised prices, Archer said": still a self-report."""
    text = (
        "Lam Research reported results on Wednesday. Chief executive Tim Archer said demand was strong. "
        "Lam had raised prices for its etching tools in the quarter, Archer said."
    )
    said = [o for s, r, o in triples(extract(extractor, text)) if s == "Tim Archer" and r == "says"]
    assert said == ["demand was strong"]


def test_being_kept_from_an_act_negates_it(extractor: Extractor) -> None:
    extraction = extract(extractor, "The Dutch government blocked ASML from shipping DUV machines to China.")
    labels = {e.id: e.label for e in extraction.entities}
    negated = {
        (labels.get(c.subject or ""), c.relation, labels.get(c.object_entity or "")): c.negated
        for c in extraction.claims
    }
    assert negated[("Netherlands", "bans", "ASML")] is False
    assert negated[("ASML", "supplies", "China")] is True
