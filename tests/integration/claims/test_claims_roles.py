"""Claim mechanisms added for precision and recall against the gold: invented sentences."""

from __future__ import annotations

import pytest

from newsgraph.service.facade import Newsgraph
from tests.conftest import article
from tests.test_claims import extract, triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an order for goods the orderer designs is an order to make them
            "Nvidia designed the H20 for China. Nvidia placed orders with TSMC for 300,000 H20 chips.",
            {("TSMC", "manufactures", "H20"), ("Nvidia", "buys", "TSMC")},
        ),
        (  # "its" goods tell who designs them too
            "Nvidia is rebuilding its business in China with its H20 chips. "
            "Nvidia placed orders with TSMC for 300,000 H20 chips.",
            {("TSMC", "manufactures", "H20")},
        ),
        (  # someone else's goods: bought from the supplier, who supplies them
            "Alibaba placed orders with Nvidia for the H20.",
            {("Alibaba", "buys", "H20"), ("Nvidia", "supplies", "H20")},
        ),
        (  # a relative pronoun as the object stands for the noun it follows
            "The talks covered rare earth magnets, which China had restricted earlier this year.",
            {("China", "restricts", "rare earth magnets")},
        ),
        (  # a participle clause with its own subject is active, not passive
            "Lawmakers cited reports that Chinese start-up DeepSeek had used Nvidia processors "
            "to build its models.",
            {("DeepSeek", "depends_on", "Nvidia")},
        ),
        (  # putting a company on the Entity List sanctions it
            "The Commerce Department placed Huawei on the Entity List in 2019.",
            {("US Commerce Department", "sanctions", "Huawei")},
        ),
        (  # a national government acts for its country, when the country is named
            "Nvidia sells chips in the United States and China. "
            "The U.S. government told Nvidia that the H20 would require a licence.",
            {("United States", "restricts", "H20")},
        ),
        (  # a chief executive's act is the company's
            "AMD chief executive Lisa Su, speaking in Taipei, unveiled the MI325X on Monday.",
            {("AMD", "releases", "MI325X")},
        ),
        (  # "the company" is the latest company the text was about, not the latest named
            "Nvidia said its Blackwell chips are made by TSMC. "
            "The company also introduced the GB200 on Monday.",
            {("Nvidia", "releases", "GB200")},
        ),
        (  # taking delivery of goods is buying them
            "Google could take delivery of about 2.5 million TPUs in 2025.",
            {("Google", "buys", "TPU")},
        ),
        (  # an approval secured is given by its owner
            "Samsung has struggled to secure Nvidia's approval for its 12-high HBM3E, though executives "
            "said this week that they expected a breakthrough.",
            {("Nvidia", "approves", "HBM3E")},
        ),
        (  # a permit's holder does the permitted act; what is permitted is approved
            "The Commerce Department granted Nvidia licences to sell the H20 to China.",
            {("US Commerce Department", "approves", "H20"), ("Nvidia", "supplies", "China")},
        ),
        (  # the speaker's list stands behind "they"
            "Microsoft and Oracle said they would use the MI300X accelerator.",
            {("Microsoft", "depends_on", "MI300X"), ("Oracle", "depends_on", "MI300X")},
        ),
        (  # "chipmaking" misread as a verb still leads to what the controls are on
            "The United States introduced sweeping controls on chipmaking equipment in October 2022.",
            {("United States", "restricts", "chipmaking equipment")},
        ),
        (  # questioning something is warning about it
            "The Cyberspace Administration of China questioned the H20's security last month.",
            {("Cyberspace Administration of China", "warns", "the H20 's security")},
        ),
        (  # spending on a product is buying it
            "ByteDance spent $2 billion on Nvidia's H20 chips this year.",
            {("ByteDance", "buys", "H20")},
        ),
        (  # every member of a list holds the role
            "Microsoft, Meta Platforms and Oracle are among the customers of the MI300X accelerator.",
            {
                ("Microsoft", "buys", "MI300X"),
                ("Meta", "buys", "MI300X"),
                ("Oracle", "buys", "MI300X"),
            },
        ),
    ],
)
def test_claims_made(service: Newsgraph, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(extract(service, text))


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (  # a developer's order: no purchase of its own chip
            "Nvidia designed the H20 for China. Nvidia placed orders with TSMC for 300,000 H20 chips.",
            {("Nvidia", "buys", "H20")},
        ),
        (  # a count is no object of a sanction
            "The Commerce Department added 140 entities to the Entity List.",
            {("US Commerce Department", "sanctions", "140 entities")},
        ),
        (  # a figure restated after ", or" is the same estimate
            "Bernstein estimates that the H20 generated about $12 billion in sales to China last year, "
            "or roughly 9% of Nvidia's total revenue.",
            {("Bernstein", "estimates", "9%")},
        ),
        (  # asked for, not done
            "Lawmakers pressed the Commerce Department to block sales of the H20.",
            {("US Commerce Department", "bans", "H20")},
        ),
        (  # less reliance is no reliance; hitting sales is no selling
            "Alibaba is developing its own chip to reduce its reliance on Nvidia.",
            {("Alibaba", "depends_on", "Nvidia")},
        ),
        (
            "The Dutch government said on Wednesday it would introduce new export restrictions on "
            "semiconductor technology before the summer, a move widely expected to hit ASML's sales "
            "of deep ultraviolet lithography tools to China.",
            {("Dutch government", "supplies", "China")},
        ),
        (  # delaying a launch is not launching
            "Nvidia told customers it would delay the launch of its H20 chip until next year.",
            {("Nvidia", "releases", "H20")},
        ),
        (  # the customer stands for the trade; the goods are not repeated
            "Nvidia will resume sales of its H20 chip to China.",
            {("Nvidia", "supplies", "H20")},
        ),
        (  # where one may sell is no customer
            "The H20 was the most advanced processor Nvidia was still allowed to sell in China.",
            {("Nvidia", "supplies", "China")},
        ),
        (  # a company's partners are not the company
            "Huang said Nvidia's partners would use Blackwell chips to build AI factories.",
            {("Nvidia", "depends_on", "Blackwell")},
        ),
        (  # a product does not trade
            "Trainium3 would deliver four times the performance of Trainium2, he said.",
            {("Trainium3", "supplies", "Trainium2")},
        ),
        (  # a person who leads a unit manages it
            "Amin Vahdat, who leads Google's AI infrastructure, said the industry was moving to inference.",
            {("Amin Vahdat", "dominates", "Google 's AI infrastructure")},
        ),
        (  # "U.S." in "16 U.S. entities" says where they are from
            "China's Ministry of Commerce said it would impose export controls on rare earths. "
            "The ministry also added 16 U.S. entities, mostly defence companies, to its export control list.",
            {("Chinese Ministry of Commerce", "sanctions", "United States")},
        ),
        (  # a government named after an agentless act has no part in it
            "YMTC, which was added to the U.S. Entity List in 2022, has gained customers in China's market.",
            {("China", "sanctions", "YMTC")},
        ),
        (  # "over" gives the reason for an investigation, not its object
            "China's State Administration for Market Regulation said it had opened an investigation into "
            "Nvidia over suspected violations of the country's anti-monopoly law.",
            {("State Administration for Market Regulation", "restricts", "Anti-Monopoly Law")},
        ),
        (  # a plant's place does not make it a named product
            "SK Hynix is building an advanced packaging plant in West Lafayette, Indiana.",
            {("SK Hynix", "develops", "an advanced packaging plant in West Lafayette , Indiana")},
        ),
        (  # a change's starting point is no estimate
            "TrendForce estimates that China's share of foundry capacity could rise to 39% by 2027 "
            "from 31% in 2023.",
            {("TrendForce", "estimates", "31%")},
        ),
        (  # a measure is a specification, not an estimate
            "TrendForce estimates that capacity for chips made at 28 nanometres and above could rise to 39%.",
            {("TrendForce", "estimates", "28 nanometres")},
        ),
        (  # the place a report was filed is not its author
            "Revenue rose to 1.47 billion yuan in 2025, according to an annual report filed with the "
            "Shanghai Stock Exchange on Friday.",
            {("Shanghai", "estimates", "1.47 billion yuan")},
        ),
        (  # a product does not regulate: its licence requirement is the government's
            "The U.S. government told Nvidia that the H20 would require an export licence.",
            {("H20", "restricts", "an export licence")},
        ),
        (  # a capital city stands for a government it does not name: no actor
            "Washington banned sales of the H20 in April.",
            {("Washington", "bans", "H20")},
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
def test_claims_not_made(service: Newsgraph, text: str, unwanted: set[tuple[str, str, str]]) -> None:
    assert not unwanted & triples(extract(service, text))


def test_one_statement_per_source_and_sentence(service: Newsgraph) -> None:
    """ "said ..., adding that ...": the first statement stands for both."""
    extraction = extract(
        service,
        "Nvidia said the model had been built with chips that complied with export controls, "
        "adding that serving such models would still require large numbers of its processors.",
    )
    assert len([c for c in extraction.claims if c.relation == "says"]) == 1


def test_a_statement_without_its_reasons(service: Newsgraph) -> None:
    extraction = extract(
        service,
        "Tokyo Electron said the impact was limited because the rules cover only advanced tools.",
    )
    (said,) = [c for c in extraction.claims if c.relation == "says"]
    assert said.object_literal == "the impact was limited"


def test_possessive_makers_only_where_the_product_is_introduced(service: Newsgraph) -> None:
    """ "Nvidia's H20" says who makes it where the article first names it, not later, and
    where the sentence is about the chip (its subject), not where it names it in passing."""
    first = extract(service, "Nvidia's H20 sold well in May.")
    later = extract(service, "Tencent ordered the H20 in May. Nvidia's H20 also sold well.")
    passing = extract(service, "Beijing urged companies to reduce their reliance on Nvidia's H20.")
    assert ("Nvidia", "develops", "H20") in triples(first)
    assert ("Nvidia", "develops", "H20") not in triples(later)
    assert ("Nvidia", "develops", "H20") not in triples(passing)


def test_its_product_where_first_named_is_its_own(service: Newsgraph) -> None:
    """ "AMD said it would resume shipments of its MI308 chip": the first naming of a product
    as "its" says who designs it; "its" is the speaker's where the speaker's "it" governs it."""
    own = extract(
        service,
        "Nvidia shares fell 6.9% on Wednesday, while Advanced Micro Devices said it could take charges "
        "after similar restrictions were imposed on its MI308 chip.",
    )
    assert ("AMD", "develops", "MI308X") in triples(own)
    assert ("Nvidia", "develops", "MI308X") not in triples(own)
    later = extract(service, "Tencent ordered the MI308 in May. AMD said it would ship its MI308 chips soon.")
    assert ("AMD", "develops", "MI308X") not in triples(later)


def test_orders_read_with_the_article_alone(service: Newsgraph) -> None:
    """Who designs a chip counts where the same article says so; an earlier article does not
    change how a later one reads, so ingesting it again gives the same claims."""
    alone = "Nvidia placed orders with TSMC for the H20."
    before = triples(extract(service, alone))
    service.extractor.extract(
        article("a", "", "Nvidia developed the H20 for Chinese customers.", "2025-01-10")
    )
    assert triples(extract(service, alone)) == before
    designed = extract(service, "Nvidia developed the H20. Nvidia placed orders with TSMC for the H20.")
    assert ("TSMC", "manufactures", "H20") in triples(designed)
    assert ("Nvidia", "buys", "H20") not in triples(designed)


def test_unmapped_verbs_keep_a_generic_claim_with_the_verb(service: Newsgraph) -> None:
    """A verb the vocabulary does not map is kept under related_to, not dropped."""
    (claim,) = [c for c in extract(service, "Nvidia praised DeepSeek on Monday.").claims]
    assert claim.relation == "related_to" and claim.verb == "praised"


def test_spokesperson_speaks_for_the_company(service: Newsgraph) -> None:
    """ "A Micron spokesperson denied ...": the company denies, and the sale is its denied claim."""
    extraction = extract(service, "A Micron spokesperson denied that the company had sold chips to Huawei.")
    assert ("Micron Technology", "denies", "the company had sold chips to Huawei") in triples(extraction)


def test_a_regulator_owns_no_chips(service: Newsgraph) -> None:
    """ "its H20 chips" after a regulator speaks are the company's: an order for them is to make them."""
    extraction = extract(
        service,
        "The Commerce Department said it had questioned Nvidia about whether its H20 chips were diverted. "
        "Nvidia placed orders with TSMC for 100,000 H20 chips.",
    )
    assert ("TSMC", "manufactures", "H20") in triples(extraction)
