"""What a sentence asserts, and who really says it: invented sentences."""

from __future__ import annotations

import pytest

from newsgraph.service.facade import Newsgraph
from tests.test_claims import extract, triples


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
    service: Newsgraph, text: str, unwanted: set[tuple[str, str, str]]
) -> None:
    assert not unwanted & triples(extract(service, text))


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
    service: Newsgraph, text: str, unwanted: set[tuple[str, str, str]]
) -> None:
    assert not unwanted & triples(extract(service, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a role given as an object complement belongs to the object
            "Anthropic has named Amazon Web Services its primary training partner.",
            {("Amazon Web Services", "partners_with", "Anthropic")},
        ),
        ("Globex Inc named Acme Corp its main supplier.", {("Acme Corp", "supplies", "Globex Inc")}),
        (  # ... also where the parser reads the object as a second complement
            "Microsoft has invested $13 billion in OpenAI, and OpenAI has named Oracle its main "
            "cloud partner.",
            {("Oracle", "partners_with", "OpenAI")},
        ),
    ],
)
def test_roles_given_by_naming(service: Newsgraph, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(extract(service, text))


@pytest.mark.parametrize(
    ("text", "expected", "unwanted"),
    [
        (  # a forecast's figure may sit in its object; a margin around it is no forecast
            "Lam Research reported revenue of $3.48 billion. It forecast revenue of $3.7 billion, "
            "plus or minus $300 million, for the December quarter.",
            {("Lam Research", "projects", "$3.7 billion")},
            {("Lam Research", "projects", "$300 million")},
        ),
        (  # what a figure is more than is a yardstick, not the forecast
            "Jefferies expects Acme Corp's revenue to reach $5 billion this year, more than the "
            "$3 billion it made in 2024.",
            {("Jefferies", "projects", "$5 billion")},
            {("Jefferies", "projects", "$3 billion")},
        ),
        (  # an analysts' estimate a forecast is compared with is theirs, not the company's
            "AMD expects fourth-quarter revenue of about $7.5 billion, plus or minus $300 million, "
            "compared with the average analyst estimate of $7.55 billion.",
            {("AMD", "projects", "$7.5 billion")},
            {("AMD", "projects", "$7.55 billion")},
        ),
        (  # ... and so is what it is well below
            "Analysts at Jefferies estimate that the chip could bring AMD $1 billion of sales in 2026, "
            "well below the roughly $4 billion the company earned there before the rules.",
            {("Jefferies", "projects", "$1 billion")},
            {("Jefferies", "projects", "$4 billion")},
        ),
        (  # what a forecast is to match is a yardstick too
            "Micron has said it expects its share of the HBM market to match its roughly 22% share of the "
            "DRAM market.",
            set(),
            {("Micron Technology", "projects", "22%")},
        ),
        (  # a forecast changed to a figure; the figure it was changed from is past
            "Alphabet raised its capital spending forecast to between $91 billion and $93 billion "
            "from $85 billion.",
            {("Alphabet", "projects", "$91 billion"), ("Alphabet", "projects", "$93 billion")},
            {("Alphabet", "projects", "$85 billion")},
        ),
        (  # a result the writer adds ("sending its shares down") is no part of the warning
            "Meta warned that capital expenditure would grow notably faster next year, sending its "
            "shares down 11%.",
            {("Meta", "warns", "capital expenditure would grow notably faster next year")},
            {("Meta", "projects", "11%")},
        ),
        (  # nor what a relative clause says of someone else
            "Alphabet said demand for its TPU chips was growing, citing Anthropic, which plans to use "
            "up to 1 million TPUs.",
            set(),
            {("Alphabet", "projects", "1 million TPUs")},
        ),
    ],
)
def test_figures_of_forecasts_and_estimates(
    service: Newsgraph,
    text: str,
    expected: set[tuple[str, str, str]],
    unwanted: set[tuple[str, str, str]],
) -> None:
    found = triples(extract(service, text))
    assert expected <= found
    assert not unwanted & found


def test_a_dateline_is_no_subject(service: Newsgraph) -> None:
    text = (
        "SEOUL, July 24, 2025 — SK Hynix reported record quarterly profit on Thursday, and said it "
        "expected its HBM sales to roughly double this year."
    )
    subjects = {subject for subject, _, _ in triples(extract(service, text))}
    assert subjects == {"SK Hynix"}


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (  # an ordinal names no product
            "Samsung will release detailed first-quarter results on April 27.",
            {("Samsung Electronics", "releases", "detailed first - quarter results")},
        ),
        (  # nor does a number in a compound modifier
            "Acme Corp unveiled a three-year roadmap on Thursday.",
            {("Acme Corp", "releases", "a three - year roadmap")},
        ),
        (  # reliance is on a named thing, not on "part of the proceeds"
            "Chief executive Nobuo Hayasaka said Kioxia would use part of the proceeds to expand "
            "production at its Kitakami plant.",
            {("Kioxia", "depends_on", "part of the proceeds")},
        ),
    ],
)
def test_objects_of_product_relations_are_named(
    service: Newsgraph, text: str, unwanted: set[tuple[str, str, str]]
) -> None:
    assert not unwanted & triples(extract(service, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "it" is what the last sentence was about: its main subject, not a reported one
            "Lam Research said on Wednesday that China accounted for 48% of its revenue in the "
            "September quarter. It forecast revenue of $3.7 billion for the December quarter.",
            {("Lam Research", "projects", "$3.7 billion")},
        ),
        (  # "the chip" with a clause after it is still the product the text is about
            "Huawei unveiled the Ascend 950. The chip, made by SMIC on a 7-nanometre process, will be "
            "available in 2026.",
            {("SMIC", "manufactures", "Ascend 950")},
        ),
        (  # the product launched, not the one it was compared with
            "Intel launched its Gaudi 3 accelerator, which it said was faster than Nvidia's H100. "
            "Microsoft said it would use the chip.",
            {("Microsoft", "depends_on", "Gaudi 3")},
        ),
        (  # the preposition of a verb's own phrase leads to its party
            "Meta turned to Google partly because TPUs cost less.",
            {("Meta", "depends_on", "Google")},
        ),
        (  # deploying a product is using it
            "Microsoft has deployed Nvidia's GB200 systems in its Azure data centres.",
            {("Microsoft", "depends_on", "GB200")},
        ),
        (  # the members of an object, hung on the verb, are its objects
            "Huawei unveiled a three-year roadmap for its Ascend AI chips on Thursday, including the "
            "Ascend 950.",
            {("Huawei", "releases", "Ascend 950")},
        ),
        (  # a reliance on a named maker's goods
            "OpenAI said it would use AMD's chips in its data centres.",
            {("OpenAI", "depends_on", "AMD 's chips")},
        ),
    ],
)
def test_who_and_what_phrases_stand_for(
    service: Newsgraph, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= triples(extract(service, text))


def test_a_technology_trades_nothing(service: Newsgraph) -> None:
    text = "HBM stacks DRAM chips on top of one another, and sells for several times the price of DRAM."
    assert ("HBM", "supplies", "DRAM") not in triples(extract(service, text))


def test_a_participle_estimate_is_the_speakers(service: Newsgraph) -> None:
    found = triples(
        extract(
            service,
            "Analysts at Bernstein said AMD's AI business remained small compared with Nvidia's, "
            "estimating that AMD would hold about 5% of the market for AI accelerators in 2024.",
        )
    )
    assert ("Bernstein", "estimates", "5%") in found
    assert ("AMD", "estimates", "5%") not in found


def test_a_denial_stands_for_the_reason_given_with_it(service: Newsgraph) -> None:
    found = triples(
        extract(
            service,
            "Rapidus denied a local media report that it planned to delay a second plant, saying its "
            "timetable had not changed.",
        )
    )
    assert {relation for _, relation, _ in found} == {"denies"}


def test_a_reporter_under_after_states_only_what_follows_it(service: Newsgraph) -> None:
    found = triples(
        extract(
            service,
            "Still, investors had hoped for a larger increase in the MI300 forecast, analysts said, after "
            "rival Nvidia signalled that demand for its Blackwell chips was far outstripping supply.",
        )
    )
    assert {(s, r, o) for s, r, o in found if s == "Nvidia" and r != "develops"} == {
        ("Nvidia", "says", "demand for its Blackwell chips was far outstripping supply")
    }


def test_licences_granted_approve_their_goods(service: Newsgraph) -> None:
    text = (
        "Acme said it would resume sales of its H20 chip to China after the U.S. government assured "
        "the company that export licences would be granted."
    )
    assert ("United States", "approves", "H20") in triples(extract(service, text))


@pytest.mark.parametrize(
    "text",
    [
        "The summons came weeks after Nvidia said Washington would allow it to resume sales of the H20.",
        "The rules allow Samsung to ship HBM to Chinese customers.",
    ],
)
def test_an_act_allowed_is_not_done(service: Newsgraph, text: str) -> None:
    assert not {r for _, r, _ in triples(extract(service, text))} & {"supplies"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Samsung is developing HBM4 with TSMC.", {("Samsung Electronics", "partners_with", "TSMC")}),
        (
            "Broadcom, which co-designs the chips with Google, is expected to be a main beneficiary.",
            {("Broadcom", "partners_with", "Google")},
        ),
    ],
)
def test_what_is_made_with_a_company_makes_it_a_partner(
    service: Newsgraph, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= triples(extract(service, text))


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
def test_says_records_statements_of_fact(service: Newsgraph, text: str, says: bool) -> None:
    assert any(r == "says" for _, r, _ in triples(extract(service, text))) == says


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
def test_a_statement_about_the_future_is_a_projection(service: Newsgraph, text: str, relation: str) -> None:
    claims = {r for s, r, _ in triples(extract(service, text)) if s == "Acme Corp"}
    assert relation in claims and ({"says", "projects"} - {relation}).isdisjoint(claims)


def test_an_estimate_without_a_figure_is_still_an_estimate(service: Newsgraph) -> None:
    text = "Analysts at Bernstein estimated that the ban could put a small part of Micron's revenue at risk."
    (claim,) = [c for c in extract(service, text).claims if c.relation in {"estimates", "says"}]
    assert claim.relation == "estimates" and "revenue at risk" in (claim.object_literal or "")
