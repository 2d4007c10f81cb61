"""Claims read off lists, standings, licences and forecasts, each on invented sentences."""

from __future__ import annotations

import pytest

from newsgraph.service.facade import Newsgraph
from tests.test_claims import extract, triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a list of goods gives one claim per member, even past the length of a phrase
            "From March 2, American suppliers will need a licence to ship vacuum pumps, "
            "radio-frequency power generators, wafer-handling robots and precision valves, "
            "the Commerce Department said.",
            {
                ("US Commerce Department", "restricts", "vacuum pumps"),
                ("US Commerce Department", "restricts", "precision valves"),
            },
        ),
        (  # "some" before a kind of goods is a quantity of them, not a word pointing back
            "Exporters will need licences to ship wafer-handling robots and some precision valves, "
            "the Commerce Department said.",
            {("US Commerce Department", "restricts", "some precision valves")},
        ),
        (  # a list of modifiers on one noun: "etching and lithography tools"
            "Exporters will need licences for etching and lithography tools, the Ministry of "
            "Economy, Trade and Industry said.",
            {("METI", "restricts", "etching tools"), ("METI", "restricts", "lithography tools")},
        ),
        (  # the agency that made the rules, named on them
            "The rules, finalised by the Ministry of Economy, Trade and Industry in May, cover "
            "advanced lithography tools.",
            {("METI", "restricts", "advanced lithography tools")},
        ),
        (  # the agency that issued licences approves what they cover
            "The licences, issued by the Commerce Department in July, cover about 120,000 H200 chips.",
            {("US Commerce Department", "approves", "H200")},
        ),
        (  # a trade done under licences is approved
            "Nvidia has begun delivering H200 processors to Chinese customers under U.S. export licences.",
            {("United States", "approves", "H200")},
        ),
        (  # a revoked licence restricts the products it was for, however deep in the phrase
            "The Netherlands is home to ASML. ASML said the Dutch government had partially revoked a "
            "licence for the shipment of some of its NXT:2050i and NXT:2100i lithography systems.",
            {("Netherlands", "restricts", "NXT:2050i"), ("Netherlands", "restricts", "NXT:2100i")},
        ),
        (  # rules a government makes restrict what they are on
            "Japan's rules on chipmaking equipment took effect on Sunday.",
            {("Japan", "restricts", "chipmaking equipment")},
        ),
        (  # buyers listed on the goods they are for
            "The licences cover about 120,000 H200 chips for customers including Alibaba Group, "
            "Tencent Holdings and ByteDance.",
            {("Alibaba", "buys", "H200"), ("Tencent", "buys", "H200"), ("ByteDance", "buys", "H200")},
        ),
        (  # standing behind a rival, with a measure in between
            "Shanghai Micro Electronics Equipment is still several generations behind ASML, analysts said.",
            {("SMEE", "lags_behind", "ASML")},
        ),
        (  # remaining behind two rivals: one claim each
            "Bernstein said start-ups such as Biren remained far behind Huawei and Cambricon in scale.",
            {("Biren", "lags_behind", "Huawei"), ("Biren", "lags_behind", "Cambricon")},
        ),
        (  # a model name that ends in a capital, at the end of a sentence
            "Microsoft has ordered the MI300X.",
            {("Microsoft", "buys", "MI300X")},
        ),
        (  # a national government named by its adjective acts as its country
            "The Netherlands is home to ASML. The Dutch government said on Wednesday it would "
            "introduce new export restrictions on semiconductor technology.",
            {("Netherlands", "restricts", "semiconductor technology")},
        ),
        (  # ... also where the text never names the country itself
            "ASML said the Dutch government had revoked a licence for the shipment of some of its "
            "NXT:2050i systems.",
            {("Netherlands", "restricts", "NXT:2050i")},
        ),
        (  # regulators' investigations and summonses are no restrictions, but they are facts
            "China's State Administration for Market Regulation has opened an investigation into "
            "Nvidia. The Cyberspace Administration of China summoned Nvidia over the H20.",
            {
                ("State Administration for Market Regulation", "investigates", "Nvidia"),
                ("Cyberspace Administration of China", "investigates", "Nvidia"),
            },
        ),
        (  # "project" read as a noun after "analysts at Bernstein": the plural verb all the same
            "Analysts at Bernstein project that Chinese AI chips could rise to 55% of the market by 2027.",
            {("Bernstein", "projects", "55%")},
        ),
        (  # an estimate for a year after the article's is a projection
            "Analysts at Bernstein estimate that sales to China could bring Nvidia $6 billion of "
            "revenue in 2027.",
            {("Bernstein", "projects", "$6 billion")},
        ),
        (  # ... also when the period is the sentence's rather than the figure's own
            "Analysts at Bernstein estimate that sales to China could bring Nvidia $6 billion of "
            "revenue in its fiscal year ending January 2027 if the licences are used.",
            {("Bernstein", "projects", "$6 billion")},
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
        ),
        (  # ... but offering an act is the act ("offers AMD a reprieve" eases)
            "Donald Trump met chip executives. Trump's decision offers AMD a reprieve in its largest market.",
            {("Donald Trump", "eases", "AMD")},
        ),
        (  # "some of X" is a part of X
            "Broadcom, which helps design some of Google's custom chips, reported strong sales. "
            "Alibaba bought some of Nvidia's H20 chips.",
            {("Broadcom", "develops", "Google 's custom chips"), ("Alibaba", "buys", "H20")},
        ),
        (  # sources the news cites for figures are known by name
            "China mined about 69% of the world's rare earths in 2024, according to the U.S. Geological "
            "Survey. Analysts at Nomura estimate that Samsung will ship 40% more HBM in 2026.",
            {("United States Geological Survey", "estimates", "69%"), ("Nomura", "projects", "40%")},
        ),
        (  # "its" in the share is the seller, not the market whose share it is
            "Lam Research reported its results. China has become Lam's biggest market, "
            "accounting for 41% of its system sales in the quarter.",
            {("Lam Research", "supplies", "China")},
        ),
        (  # a designer of goods with no name develops them
            "Biren Technology, a Shanghai-based designer of graphics processors, filed for an IPO.",
            {("Biren", "develops", "graphics processors")},
        ),
        (  # where the designer is based is no part of what it designs
            "Cambricon Technologies, a designer of AI processors based in Beijing, said revenue rose.",
            {("Cambricon", "develops", "AI processors")},
        ),
        (  # a firm after "analysts at" is a source, whatever else the name could be
            "Analysts at ING estimated that China would take 15 percent of ASML's sales this year.",
            {("ING", "estimates", "15 percent")},
        ),
        (  # a source at the end of a paragraph, before its line break
            "Chinese toolmakers accounted for 8% to 12% of their sales in 2025, analysts at Jefferies "
            "estimate.\n\nThe rule takes effect in March.",
            {("Jefferies", "estimates", "8%")},
        ),
        (  # a clause after a whole list is about every member, not only the first
            "Nvidia buys memory from Samsung Electronics, SK Hynix and Micron, which supply HBM to Nvidia.",
            {
                ("Samsung Electronics", "supplies", "Nvidia"),
                ("SK Hynix", "supplies", "Nvidia"),
                ("Micron Technology", "supplies", "Nvidia"),
            },
        ),
        (  # a role in apposition to "the company" is the role of the company the text is about
            "Lam Research said demand was strong. The company, one of the world's largest makers of "
            "etching tools, reported revenue of $3.48 billion. Nvidia said demand was strong. The "
            "company, a rival of AMD, reported revenue.",
            {("Lam Research", "manufactures", "etching tools"), ("Nvidia", "competes_with", "AMD")},
        ),
        (  # what a company makes as its line of business, named or not
            "Equipment makers that could be affected include Nikon, Screen Holdings and Lasertec, "
            "which makes inspection systems for photomasks.",
            {("Lasertec", "manufactures", "inspection systems")},
        ),
        (  # a count "of the chips" counts the chip named before
            "Google unveiled its TPU last year. Anthropic plans to use up to 1 million of the chips.",
            {("Anthropic", "depends_on", "TPU")},
        ),
    ],
)
def test_inferred_claims(service: Newsgraph, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(extract(service, text))


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (  # "they" in what someone is told are the ones told, not the teller
            "The National Development and Reform Commission has told large technology companies "
            "that they may use H200s only for approved projects.",
            {("National Development and Reform Commission", "depends_on", "H200")},
        ),
        (  # an estimate for the article's own year stays an estimate
            "Analysts at Bernstein estimate that sales to China could bring Nvidia $6 billion of "
            "revenue this year.",
            {("Bernstein", "projects", "$6 billion")},
        ),
        (  # a ranking puts someone behind a rival; the ranker lags no one
            "Morgan Stanley ranked Samsung Electronics behind SK Hynix in HBM.",
            {("Morgan Stanley", "lags_behind", "SK Hynix")},
        ),
        (  # being behind an act is causing it, not trailing a rival
            "The United States is behind the H20 ban.",
            {("United States", "lags_behind", "H20")},
        ),
        (  # an investigation looks into a company; it does not restrict it
            "China's State Administration for Market Regulation has opened an investigation into "
            "Nvidia. The Cyberspace Administration of China summoned Nvidia over the H20. China "
            "launched a cybersecurity review of Micron Technology in March.",
            {
                ("State Administration for Market Regulation", "restricts", "Nvidia"),
                ("Cyberspace Administration of China", "restricts", "Nvidia"),
                ("China", "restricts", "Micron Technology"),
            },
        ),
        (  # rules no government is named on are not read as a restriction
            "The United States restricted exports of AI chips in October. The rules on disclosure "
            "of chipmaking equipment sales changed in May.",
            {("United States", "restricts", "disclosure of chipmaking equipment sales")},
        ),
        (  # licences without which goods cannot be shipped restrict them
            "Nvidia cannot ship the H20 to China without a licence under the new U.S. rules.",
            {("United States", "approves", "H20")},
        ),
        (  # a share someone could take is a guess, not a trade
            "Analysts said China could account for 15% of ASML's sales this year.",
            {("ASML", "supplies", "China")},
        ),
        (  # a count that points back at things named before is nobody's estimate
            "Chinese firms bought 8% of those three companies' sales, analysts at Jefferies estimate.",
            {("Jefferies", "estimates", "three companies")},
        ),
        (  # a singular verb after a list agrees with its last member alone
            "Equipment makers that could be affected include Nikon, Screen Holdings and Lasertec, "
            "which makes inspection systems for photomasks.",
            {
                ("Nikon", "manufactures", "inspection systems"),
                ("Screen Holdings", "manufactures", "inspection systems"),
            },
        ),
        (  # a government a verb acts on makes no rules: "did not name China"
            "The Dutch government tightened its rules on Wednesday. The letter did not name ASML or "
            "China, but the company said it would need licences to export its NXT:2000i systems.",
            {("China", "restricts", "Twinscan NXT:2000i")},
        ),
        (  # a thing made once is no line of business
            "Nikon made a decision last year. Lasertec produced the first samples in March.",
            {("Nikon", "manufactures", "a decision"), ("Lasertec", "manufactures", "the first samples")},
        ),
        (  # a clause after the last of a list set apart by "as well as" is about that one
            "Nvidia and AMD, as well as Intel, which owns Altera, were named.",
            {("Nvidia", "buys", "Altera"), ("AMD", "buys", "Altera")},
        ),
        (  # owning a plant buys none of what it makes
            "Micron owns a DRAM fab in Hiroshima. Samsung operates a new plant in Texas.",
            {("Micron Technology", "buys", "DRAM"), ("Samsung Electronics", "manufactures", "new")},
        ),
    ],
)
def test_no_inferred_claims(service: Newsgraph, text: str, unwanted: set[tuple[str, str, str]]) -> None:
    assert not unwanted & triples(extract(service, text))


@pytest.mark.parametrize(
    "text",
    [
        "Huawei is expected to produce about 650,000 Ascend processors, with output constrained by "
        "capacity at SMIC.",
        "Analysts said Huawei's revenue could rise next year, but warned that output would remain "
        "constrained by low yields at SMIC.",
    ],
)
def test_output_held_back_by_a_supplier_depends_on_it(service: Newsgraph, text: str) -> None:
    assert ("Huawei", "depends_on", "SMIC") in triples(extract(service, text))


@pytest.mark.parametrize(
    ("text", "dominates"),
    [
        ("China accounts for about 90% of global rare earth processing.", True),
        ("China accounts for nearly all production of heavy rare earths.", True),
        ("SK Hynix accounts for about 30% of the HBM market.", False),  # a share, not the market
    ],
)
def test_more_than_half_of_a_market_dominates_it(service: Newsgraph, text: str, dominates: bool) -> None:
    assert any(r == "dominates" for _, r, _ in triples(extract(service, text))) == dominates
