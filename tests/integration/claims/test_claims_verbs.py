"""Verbs and their arguments, on invented sentences: how a verb or an event noun maps to a
relation, voice and participles, prepositions, what pronouns and phrases such as "the chip"
or "the company" stand for, and objects that must be named."""

from __future__ import annotations

import pytest

from newsgraph.ingest.extract import Extractor
from tests.helpers import Triple, exact_cases, extract, triples


@exact_cases(
    ("text", "expected", "allowed"),
    [
        (  # a participle clause with its own subject is active, not passive
            "Lawmakers cited reports that Chinese start-up DeepSeek had used Nvidia processors "
            "to build its models.",
            {("DeepSeek", "depends_on", "Nvidia")},
        ),
        (  # a subject reached through "by": "responded by banning"
            "The Commerce Department responded by banning sales of the H20.",
            {("US Commerce Department", "bans", "H20")},
        ),
        (  # a passive of reliance: what the subject's owner relies on
            "DeepSeek's models were trained on Nvidia's H800 chips.",
            {("DeepSeek", "depends_on", "H800")},
        ),
        (  # an object reached through a noun: restrictions on ...
            "The Commerce Department tightened restrictions on the H20.",
            {("US Commerce Department", "restricts", "H20")},
        ),
        (  # a light verb takes its relation from the event noun: a crackdown restricts
            "The Commerce Department launched a crackdown on Huawei's chip business.",
            {("US Commerce Department", "restricts", "Huawei")},
        ),
        (  # an event noun with a phrase for its object; the noun itself is no object
            "China imposed export controls on gallium and germanium.",
            {("China", "restricts", "gallium and germanium")},
        ),
        (  # offering an act is the act: "offers AMD a reprieve" eases
            "Donald Trump met chip executives. Trump's decision offers AMD a reprieve in its largest market.",
            {("Donald Trump", "eases", "AMD")},
        ),
        (  # questioning something is warning about it
            "The Cyberspace Administration of China questioned the H20's security last month.",
            {("Cyberspace Administration of China", "warns", "the H20 's security")},
        ),
        (  # a chip that features or integrates a memory relies on it
            "The H20 features HBM3 memory, analysts at TrendForce said. "
            "The MI325X integrates HBM3E, AMD said.",
            {("H20", "depends_on", "HBM3"), ("MI325X", "depends_on", "HBM3E")},
        ),
        (  # what is trained on chips is the trainer's own work; the chips are relied on
            "DeepSeek trained its R1 model on about 2,000 Nvidia H800 chips.",
            {("DeepSeek", "develops", "DeepSeek-R1"), ("DeepSeek", "depends_on", "H800")},
        ),
        (  # what a thing is used in relies on it
            "HBM3 is used in Nvidia's H20 and H800 chips.",
            {("H20", "depends_on", "HBM3"), ("H800", "depends_on", "HBM3")},
        ),
        (  # "relies on X to make": X makes
            "Huawei relies on SMIC to make its Kirin chips.",
            {("Huawei", "depends_on", "SMIC"), ("SMIC", "manufactures", "Kirin")},
            {("Huawei", "develops", "Kirin")},
        ),
        (  # a lemma the lemmatizer missed ("fined" -> "fin")
            "The EU fined Qualcomm 242 million euros in 2019.",
            {("European Union", "sanctions", "Qualcomm")},
        ),
        (  # "followed by" repeats the act on another thing of the same kind
            "Huawei will launch the Ascend 950PR in 2026, followed by the Ascend 960 in 2027.",
            {("Huawei", "releases", "Ascend 950PR"), ("Huawei", "releases", "Ascend 960")},
        ),
        (  # made on a company's process: that company makes it
            "The Ascend 910B is made on SMIC's 7-nanometre process.",
            {("SMIC", "manufactures", "Ascend 910B")},
        ),
        (  # ... also made using it
            "The Kirin 9000S is made using SMIC's 7-nanometre process.",
            {("SMIC", "manufactures", "Kirin 9000S")},
        ),
        (  # "some of X" is a part of X
            "Broadcom, which helps design some of Google's custom chips, reported strong sales. "
            "Alibaba bought some of Nvidia's H20 chips.",
            {("Broadcom", "develops", "Google 's custom chips"), ("Alibaba", "buys", "H20")},
        ),
        (  # a relative pronoun as the object stands for the noun it follows
            "The talks covered rare earth magnets, which China had restricted earlier this year.",
            {("China", "restricts", "rare earth magnets")},
        ),
        (  # a model name that ends in a capital, at the end of a sentence
            "Microsoft has ordered the MI300X.",
            {("Microsoft", "buys", "MI300X")},
        ),
    ],
)
def test_claims_made(extractor: Extractor, text: str, expected: set[Triple], allowed: set[Triple]) -> None:
    assert triples(extract(extractor, text)) == expected | allowed


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (  # a count is no object of a sanction
            "The Commerce Department added 140 entities to the Entity List.",
            {("US Commerce Department", "sanctions", "140 entities")},
        ),
        (  # a product does not trade
            "Trainium3 would deliver four times the performance of Trainium2, he said.",
            {("Trainium3", "supplies", "Trainium2")},
        ),
        (  # "they" in what someone is told are the ones told, not the teller
            "The National Development and Reform Commission has told large technology companies "
            "that they may use H200s only for approved projects.",
            {("National Development and Reform Commission", "depends_on", "H200")},
        ),
        (  # an amount is no object
            "The EU fined Qualcomm 242 million euros in 2019.",
            {("European Union", "sanctions", "242 million euros")},
        ),
    ],
)
def test_claims_not_made(extractor: Extractor, text: str, unwanted: set[Triple]) -> None:
    assert not unwanted & triples(extract(extractor, text))


@exact_cases(
    ("text", "expected", "allowed"),
    [
        (  # "it" is what the last sentence was about: its main subject, not a reported one
            "Lam Research said on Wednesday that China accounted for 48% of its revenue in the "
            "September quarter. It forecast revenue of $3.7 billion for the December quarter.",
            {("Lam Research", "projects", "$3.7 billion")},
            {("Lam Research", "supplies", "China")},
        ),
        (  # "the chip" with a clause after it is still the product the text is about
            "Huawei unveiled the Ascend 950. The chip, made by SMIC on a 7-nanometre process, will be "
            "available in 2026.",
            {("SMIC", "manufactures", "Ascend 950")},
            {("Huawei", "releases", "Ascend 950")},
        ),
        (  # the product launched, not the one it was compared with
            "Intel launched its Gaudi 3 accelerator, which it said was faster than Nvidia's H100. "
            "Microsoft said it would use the chip.",
            {("Microsoft", "depends_on", "Gaudi 3")},
            {("Intel", "develops", "Gaudi 3"), ("Intel", "releases", "Gaudi 3")},
        ),
        (  # the preposition of a verb's own phrase leads to its party
            "Meta turned to Google partly because TPUs cost less.",
            {("Meta", "depends_on", "Google")},
        ),
        (  # deploying a product is using it
            "Microsoft has deployed Nvidia's GB200 systems in its Azure data centres.",
            {("Microsoft", "depends_on", "GB200")},
            {("Microsoft", "develops", "Azure")},
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
        (  # "the company" is the latest company the text was about, not the latest named
            "Nvidia said its Blackwell chips are made by TSMC. "
            "The company also introduced the GB200 on Monday.",
            {("Nvidia", "releases", "GB200")},
            {("Nvidia", "develops", "Blackwell"), ("TSMC", "manufactures", "Blackwell")},
        ),
        (  # the speaker's list stands behind "they"
            "Microsoft and Oracle said they would use the MI300X accelerator.",
            {("Microsoft", "depends_on", "MI300X"), ("Oracle", "depends_on", "MI300X")},
        ),
        (  # "the chip" is the product the text last named
            "AMD unveiled the MI300X on Tuesday. Microsoft and Meta said they would use the chip.",
            {("Microsoft", "depends_on", "MI300X"), ("Meta", "depends_on", "MI300X")},
            {("AMD", "releases", "MI300X")},
        ),
        (  # a count "of the chips" counts the chip named before
            "Google unveiled its TPU last year. Anthropic plans to use up to 1 million of the chips.",
            {("Anthropic", "depends_on", "TPU")},
            {
                ("Google", "develops", "TPU"),
                ("Google", "releases", "TPU"),
                ("Anthropic", "projects", "1 million"),
            },
        ),
    ],
)
def test_who_and_what_phrases_stand_for(
    extractor: Extractor, text: str, expected: set[Triple], allowed: set[Triple]
) -> None:
    assert triples(extract(extractor, text)) == expected | allowed


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
        (  # a plant's place does not make it a named product
            "SK Hynix is building an advanced packaging plant in West Lafayette, Indiana.",
            {("SK Hynix", "develops", "an advanced packaging plant in West Lafayette , Indiana")},
        ),
    ],
)
def test_objects_of_product_relations_are_named(
    extractor: Extractor, text: str, unwanted: set[Triple]
) -> None:
    assert not unwanted & triples(extract(extractor, text))


def test_a_dateline_is_no_subject(extractor: Extractor) -> None:
    text = (
        "SEOUL, July 24, 2025 — SK Hynix reported record quarterly profit on Thursday, and said it "
        "expected its HBM sales to roughly double this year."
    )
    subjects = {subject for subject, _, _ in triples(extract(extractor, text))}
    assert subjects == {"SK Hynix"}


def test_a_technology_trades_nothing(extractor: Extractor) -> None:
    text = "HBM stacks DRAM chips on top of one another, and sells for several times the price of DRAM."
    assert ("HBM", "supplies", "DRAM") not in triples(extract(extractor, text))


def test_unmapped_verbs_keep_a_generic_claim_with_the_verb(extractor: Extractor) -> None:
    """A verb the vocabulary does not map is kept under related_to, not dropped."""
    (claim,) = [c for c in extract(extractor, "Nvidia praised DeepSeek on Monday.").claims]
    assert claim.relation == "related_to" and claim.verb == "praised"


def test_product_relations_need_a_named_object(extractor: Extractor) -> None:
    """ "would build AI supercomputers" names no product: no develops claim with a bare phrase."""
    extraction = extract(extractor, "Nvidia said it would build AI supercomputers.")
    assert not [c for c in extraction.claims if c.relation == "develops"]


def test_agentless_passive_keeps_the_fact_and_its_date(extractor: Extractor) -> None:
    extraction = extract(extractor, "The H20 was banned in April.", published="2025-08-23")
    (claim,) = [c for c in extraction.claims if c.relation == "bans"]
    assert claim.subject is None and claim.valid_time == "2025-04"


def test_a_relative_clause_on_an_appositive_is_about_the_name(extractor: Extractor) -> None:
    text = "The chips are designed by Annapurna Labs, an Israeli chip start-up that Amazon bought in 2015."
    assert ("Amazon", "acquires", "Annapurna Labs") in triples(extract(extractor, text))


@pytest.mark.parametrize(
    ("text", "released"),
    [
        ("Amazon Web Services said its Trainium2 chip was now generally available to cloud customers.", True),
        ("Amazon Web Services said its Trainium3 chip would be available late next year.", False),
        ("Amazon Web Services said its Trainium2 chip was not yet available.", False),
    ],
)
def test_a_product_made_available_is_released(extractor: Extractor, text: str, released: bool) -> None:
    assert any(r == "releases" for _, r, _ in triples(extract(extractor, text))) == released
