"""Roles, possessives and orders, on invented sentences: buyers, suppliers, makers, designers and
partners read off role nouns ("buyers of", "a designer of", "one of the largest buyers") and
roles given by naming, possessives ("its H20", "whose Ascend 910C"), orders and purchases,
and the markets a company sells in."""

from __future__ import annotations

import pytest

from newsgraph.ingest.extract import Extractor
from tests.helpers import Triple, article, exact_cases, extract, triples


@exact_cases(
    ("text", "expected", "allowed"),
    [
        (  # a role noun: buyers include ...
            "Buyers of the Gaudi 3 include Tencent and Baidu.",
            {("Tencent", "buys", "Gaudi 3"), ("Baidu", "buys", "Gaudi 3")},
        ),
        (  # a role behind "one of"
            "ByteDance is one of the largest buyers of the H20.",
            {("ByteDance", "buys", "H20")},
        ),
        (  # a role held towards the subject, read from the subject's side
            "Micron counts Nvidia and AMD among its customers.",
            {("Micron Technology", "supplies", "Nvidia"), ("Micron Technology", "supplies", "AMD")},
        ),
        (  # buyers listed on the goods they are for
            "The licences cover about 120,000 H200 chips for customers including Alibaba Group, "
            "Tencent Holdings and ByteDance.",
            {("Alibaba", "buys", "H200"), ("Tencent", "buys", "H200"), ("ByteDance", "buys", "H200")},
        ),
        (  # a designer of goods with no name develops them
            "Biren Technology, a Shanghai-based designer of graphics processors, filed for an IPO.",
            {("Biren", "develops", "graphics processors")},
        ),
        (  # where the designer is based is no part of what it designs
            "Cambricon Technologies, a designer of AI processors based in Beijing, said revenue rose.",
            {("Cambricon", "develops", "AI processors")},
            {("Cambricon", "says", "revenue rose")},
        ),
        (  # a role in apposition to "the company" is the role of the company the text is about
            "Lam Research said demand was strong. The company, one of the world's largest makers of "
            "etching tools, reported revenue of $3.48 billion. Nvidia said demand was strong. The "
            "company, a rival of AMD, reported revenue.",
            {("Lam Research", "manufactures", "etching tools"), ("Nvidia", "competes_with", "AMD")},
            {("Lam Research", "says", "demand was strong"), ("Nvidia", "says", "demand was strong")},
        ),
        (  # what a company makes as its line of business, named or not
            "Equipment makers that could be affected include Nikon, Screen Holdings and Lasertec, "
            "which makes inspection systems for photomasks.",
            {("Lasertec", "manufactures", "inspection systems")},
        ),
        (  # "as" describes the subject unless the verb is one of regarding
            "SK Hynix overtook Samsung Electronics as the largest maker of DRAM chips.",
            {("SK Hynix", "competes_with", "Samsung Electronics"), ("SK Hynix", "manufactures", "DRAM")},
        ),
        (  # a chief executive's act is the company's
            "AMD chief executive Lisa Su, speaking in Taipei, unveiled the MI325X on Monday.",
            {("AMD", "releases", "MI325X")},
        ),
        (  # "whose" possessive, and a role after "seen as"
            "Huawei, whose Ascend 910C is seen as the main alternative to the H20, gained share.",
            {("Huawei", "develops", "Ascend 910C"), ("Ascend 910C", "competes_with", "H20")},
        ),
        (  # an approval secured is given by its owner
            "Samsung has struggled to secure Nvidia's approval for its 12-high HBM3E, though executives "
            "said this week that they expected a breakthrough.",
            {("Nvidia", "approves", "HBM3E")},
        ),
        (  # "its" in the share is the seller, not the market whose share it is
            "Lam Research reported its results. China has become Lam's biggest market, "
            "accounting for 41% of its system sales in the quarter.",
            {("Lam Research", "supplies", "China")},
        ),
        (  # "orders with" a supplier and "for" a product
            "Nvidia placed orders with TSMC for the H20.",
            {("Nvidia", "buys", "TSMC"), ("Nvidia", "buys", "H20")},
            {("TSMC", "supplies", "H20")},
        ),
        (  # an order for goods the orderer designs is an order to make them
            "Nvidia designed the H20 for China. Nvidia placed orders with TSMC for 300,000 H20 chips.",
            {("TSMC", "manufactures", "H20"), ("Nvidia", "buys", "TSMC")},
            {("Nvidia", "develops", "H20")},
        ),
        (  # "its" goods tell who designs them too
            "Nvidia is rebuilding its business in China with its H20 chips. "
            "Nvidia placed orders with TSMC for 300,000 H20 chips.",
            {("TSMC", "manufactures", "H20")},
            {("Nvidia", "buys", "TSMC"), ("Nvidia", "develops", "H20")},
        ),
        (  # someone else's goods: bought from the supplier, who supplies them
            "Alibaba placed orders with Nvidia for the H20.",
            {("Alibaba", "buys", "H20"), ("Nvidia", "supplies", "H20")},
            {("Alibaba", "buys", "Nvidia")},
        ),
        (  # "worth" may carry the event's "for" phrase
            "Baidu and Tencent have placed orders worth $5 billion for Nvidia's A800 chips.",
            {("Baidu", "buys", "A800"), ("Tencent", "buys", "A800")},
        ),
        (  # taking delivery of goods is buying them
            "Google could take delivery of about 2.5 million TPUs in 2025.",
            {("Google", "buys", "TPU")},
        ),
        (  # spending on a product is buying it
            "ByteDance spent $2 billion on Nvidia's H20 chips this year.",
            {("ByteDance", "buys", "H20")},
        ),
        (  # buying from a company is no takeover; the subject of "talks to buy" is the talker
            "Apple is in talks to buy chips from Samsung Electronics.",
            {("Apple", "buys", "Samsung Electronics")},
        ),
        (  # the other party of a trade stands for the trade
            "Samsung Electronics has started supplying HBM3E chips to Nvidia.",
            {("Samsung Electronics", "supplies", "Nvidia")},
        ),
        (  # what a maker makes for companies, it supplies them
            "TSMC makes chips for Apple and AMD.",
            {("TSMC", "supplies", "Apple"), ("TSMC", "supplies", "AMD")},
        ),
        (  # a market's share of a company's sales: the company sells there
            "China accounted for about 24% of Tokyo Electron's 2.21 trillion yen of sales last year. "
            "Mainland China and Hong Kong together accounted for 11% of Micron's revenue.",
            {
                ("Tokyo Electron", "supplies", "China"),
                ("Micron Technology", "supplies", "China"),
                ("Micron Technology", "supplies", "Hong Kong"),
            },
        ),
        (  # a company's sales to a buyer, wherever the parser hangs the buyer
            "The rules are expected to hit Lam Research's sales of etching tools to China. "
            "Micron's shipments to Alibaba rose.",
            {("Lam Research", "supplies", "China"), ("Micron Technology", "supplies", "Alibaba")},
        ),
        (  # unnamed customers in a place are that market; "serve" and "offer" supply
            "Nvidia reported results on Wednesday. Chief executive Jensen Huang said the company would "
            "continue to serve customers in China. Microsoft offers Nvidia's H100 chips to cloud customers.",
            {("Nvidia", "supplies", "China"), ("Microsoft", "supplies", "H100")},
        ),
        (  # a company running a plant makes what the plant is named for
            "Shares of MP Materials, which operates the only rare earth mine in the United States, rose. "
            "Micron owns a DRAM fab in Hiroshima.",
            {("MP Materials", "manufactures", "rare earth"), ("Micron Technology", "manufactures", "DRAM")},
        ),
        (  # a product its maker says is coming is one it develops
            "Huawei said its Ascend 910C was now shipping to customers, and announced that a successor, "
            "the Ascend 950, would arrive next year.",
            {("Huawei", "develops", "Ascend 950")},
            {
                ("Huawei", "develops", "Ascend 910C"),
                ("Huawei", "says", "its Ascend 910C was now shipping to customers"),
            },
        ),
    ],
)
def test_claims_made(extractor: Extractor, text: str, expected: set[Triple], allowed: set[Triple]) -> None:
    assert triples(extract(extractor, text)) == expected | allowed


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (  # a developer's order: no purchase of its own chip
            "Nvidia designed the H20 for China. Nvidia placed orders with TSMC for 300,000 H20 chips.",
            {("Nvidia", "buys", "H20")},
        ),
        (  # the customer stands for the trade; the goods are not repeated
            "Nvidia will resume sales of its H20 chip to China.",
            {("Nvidia", "supplies", "H20")},
        ),
        (  # where one may sell is no customer
            "The H20 was the most advanced processor Nvidia was still allowed to sell in China.",
            {("Nvidia", "supplies", "China")},
        ),
        (  # hitting a company's sales is no selling
            "The Dutch government said on Wednesday it would introduce new export restrictions on "
            "semiconductor technology before the summer, a move widely expected to hit ASML's sales "
            "of deep ultraviolet lithography tools to China.",
            {("Dutch government", "supplies", "China")},
        ),
        (  # a share someone could take is a guess, not a trade
            "Analysts said China could account for 15% of ASML's sales this year.",
            {("ASML", "supplies", "China")},
        ),
        (  # a thing made once is no line of business
            "Nikon made a decision last year. Lasertec produced the first samples in March.",
            {("Nikon", "manufactures", "a decision"), ("Lasertec", "manufactures", "the first samples")},
        ),
        (  # owning a plant buys none of what it makes
            "Micron owns a DRAM fab in Hiroshima. Samsung operates a new plant in Texas.",
            {("Micron Technology", "buys", "DRAM"), ("Samsung Electronics", "manufactures", "new")},
        ),
        (  # a company's partners are not the company
            "Huang said Nvidia's partners would use Blackwell chips to build AI factories.",
            {("Nvidia", "depends_on", "Blackwell")},
        ),
        (  # a person who leads a unit manages it
            "Amin Vahdat, who leads Google's AI infrastructure, said the industry was moving to inference.",
            {("Amin Vahdat", "dominates", "Google 's AI infrastructure")},
        ),
    ],
)
def test_claims_not_made(extractor: Extractor, text: str, unwanted: set[Triple]) -> None:
    assert not unwanted & triples(extract(extractor, text))


@exact_cases(
    ("text", "expected", "allowed"),
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
            {("Microsoft", "invests_in", "OpenAI")},
        ),
    ],
)
def test_roles_given_by_naming(
    extractor: Extractor, text: str, expected: set[Triple], allowed: set[Triple]
) -> None:
    assert triples(extract(extractor, text)) == expected | allowed


@exact_cases(
    ("text", "expected", "allowed"),
    [
        (
            "Samsung is developing HBM4 with TSMC.",
            {("Samsung Electronics", "partners_with", "TSMC")},
            {("Samsung Electronics", "develops", "HBM4")},
        ),
        (  # the partner's name does not name the goods: "the chips" names no product
            "Broadcom, which co-designs the chips with Google, is expected to be a main beneficiary.",
            {("Broadcom", "partners_with", "Google")},
            set(),
        ),
    ],
)
def test_what_is_made_with_a_company_makes_it_a_partner(
    extractor: Extractor, text: str, expected: set[Triple], allowed: set[Triple]
) -> None:
    assert triples(extract(extractor, text)) == expected | allowed


@pytest.mark.parametrize(
    "text",
    [
        "Huawei is expected to produce about 650,000 Ascend processors, with output constrained by "
        "capacity at SMIC.",
        "Analysts said Huawei's revenue could rise next year, but warned that output would remain "
        "constrained by low yields at SMIC.",
    ],
)
def test_output_held_back_by_a_supplier_depends_on_it(extractor: Extractor, text: str) -> None:
    assert ("Huawei", "depends_on", "SMIC") in triples(extract(extractor, text))


@pytest.mark.parametrize(
    ("text", "bought"),
    [
        ("China bought about $30 billion of wafer fabrication equipment in 2023.", True),
        ("Japan spent about $9 billion on imported lithography equipment in 2024.", True),
        ("Japan will spend about $9 billion on imported lithography equipment in 2026.", False),
    ],
)
def test_goods_bought_with_an_amount_need_no_name(extractor: Extractor, text: str, bought: bool) -> None:
    """ "bought $30 billion of wafer fabrication equipment", "spent $38 billion on imported
    chipmaking equipment": an amount makes the goods specific; money to be spent buys nothing yet."""
    found = {(s, r) for s, r, o in triples(extract(extractor, text)) if o and o.endswith("equipment")}
    assert (("China", "buys") in found or ("Japan", "buys") in found) == bought


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The probe related to Nvidia's $6.9 billion acquisition of Mellanox Technologies.", "acquires"),
        ("Amazon's $8 billion investment in Anthropic made it a partner.", "invests_in"),
    ],
)
def test_a_deal_owned_by_a_party_is_its_deal(extractor: Extractor, text: str, expected: str) -> None:
    assert expected in {r for _, r, _ in triples(extract(extractor, text))}


def test_possessive_makers_only_where_the_product_is_introduced(extractor: Extractor) -> None:
    """ "Nvidia's H20" says who makes it where the article first names it, not later, and
    where the sentence is about the chip (its subject), not where it names it in passing."""
    first = extract(extractor, "Nvidia's H20 sold well in May.")
    later = extract(extractor, "Tencent ordered the H20 in May. Nvidia's H20 also sold well.")
    passing = extract(extractor, "Beijing urged companies to reduce their reliance on Nvidia's H20.")
    assert ("Nvidia", "develops", "H20") in triples(first)
    assert ("Nvidia", "develops", "H20") not in triples(later)
    assert ("Nvidia", "develops", "H20") not in triples(passing)


def test_its_product_where_first_named_is_its_own(extractor: Extractor) -> None:
    """ "AMD said it would resume shipments of its MI308 chip": the first naming of a product
    as "its" says who designs it; "its" is the speaker's where the speaker's "it" governs it."""
    own = extract(
        extractor,
        "Nvidia shares fell 6.9% on Wednesday, while Advanced Micro Devices said it could take charges "
        "after similar restrictions were imposed on its MI308 chip.",
    )
    assert ("AMD", "develops", "MI308X") in triples(own)
    assert ("Nvidia", "develops", "MI308X") not in triples(own)
    later = extract(
        extractor, "Tencent ordered the MI308 in May. AMD said it would ship its MI308 chips soon."
    )
    assert ("AMD", "develops", "MI308X") not in triples(later)


def test_orders_read_with_the_article_alone(extractor: Extractor) -> None:
    """Who designs a chip counts where the same article says so; an earlier article does not
    change how a later one reads, so ingesting it again gives the same claims."""
    alone = "Nvidia placed orders with TSMC for the H20."
    before = triples(extract(extractor, alone))
    extractor.extract(article("a", "", "Nvidia developed the H20 for Chinese customers.", "2025-01-10"))
    assert triples(extract(extractor, alone)) == before
    designed = extract(extractor, "Nvidia developed the H20. Nvidia placed orders with TSMC for the H20.")
    assert ("TSMC", "manufactures", "H20") in triples(designed)
    assert ("Nvidia", "buys", "H20") not in triples(designed)


def test_a_regulator_owns_no_chips(extractor: Extractor) -> None:
    """ "its H20 chips" after a regulator speaks are the company's: an order for them is to make them."""
    extraction = extract(
        extractor,
        "The Commerce Department said it had questioned Nvidia about whether its H20 chips were diverted. "
        "Nvidia placed orders with TSMC for 100,000 H20 chips.",
    )
    assert ("TSMC", "manufactures", "H20") in triples(extraction)
