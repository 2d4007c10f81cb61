"""Lists, standings and forecasts, on invented sentences: one claim per member of a list,
rivals and market standing (competes_with, lags_behind, dominates), and the figures of
estimates and projections."""

from __future__ import annotations

import pytest

from newsgraph.ingest.extract import Extractor
from tests.helpers import Triple, exact_cases, extract, triples


@exact_cases(
    ("text", "expected", "allowed"),
    [
        (  # every member of a list holds the role
            "Microsoft, Meta Platforms and Oracle are among the customers of the MI300X accelerator.",
            {
                ("Microsoft", "buys", "MI300X"),
                ("Meta", "buys", "MI300X"),
                ("Oracle", "buys", "MI300X"),
            },
        ),
        (  # passive voice with a coordinated agent: one claim per member
            "The HBM market is dominated by SK Hynix, Samsung Electronics and Micron Technology.",
            {
                ("SK Hynix", "dominates", "HBM"),
                ("Samsung Electronics", "dominates", "HBM"),
                ("Micron Technology", "dominates", "HBM"),
            },
        ),
        (  # members named with "such as"
            "Chinese firms such as Alibaba and ByteDance ordered the H20.",
            {("Alibaba", "buys", "H20"), ("ByteDance", "buys", "H20")},
        ),
        (  # a count's members are objects too
            "The Commerce Department added 140 companies, including Naura, to the Entity List.",
            {("US Commerce Department", "sanctions", "Naura")},
        ),
        (  # a list of goods gives one claim per member, even past the length of a phrase
            "From March 2, American suppliers will need a licence to ship vacuum pumps, "
            "radio-frequency power generators, wafer-handling robots and precision valves, "
            "the Commerce Department said.",
            {
                ("US Commerce Department", "restricts", "vacuum pumps"),
                ("US Commerce Department", "restricts", "precision valves"),
            },
            {
                ("US Commerce Department", "restricts", "radio-frequency power generators"),
                ("US Commerce Department", "restricts", "wafer-handling robots"),
            },
        ),
        (  # "some" before a kind of goods is a quantity of them, not a word pointing back
            "Exporters will need licences to ship wafer-handling robots and some precision valves, "
            "the Commerce Department said.",
            {("US Commerce Department", "restricts", "some precision valves")},
            {("US Commerce Department", "restricts", "wafer-handling robots")},
        ),
        (  # a list of modifiers on one noun: "etching and lithography tools"
            "Exporters will need licences for etching and lithography tools, the Ministry of "
            "Economy, Trade and Industry said.",
            {("METI", "restricts", "etching tools"), ("METI", "restricts", "lithography tools")},
        ),
        (  # "them" stands for the list of goods before it
            "China tightened its export rules. The goods are gallium nitride, germanium wafers and "
            "antimony ingots, and exporters will need licences to ship them.",
            {("China", "restricts", "gallium nitride"), ("China", "restricts", "antimony ingots")},
            {("China", "restricts", "germanium wafers")},
        ),
        (  # a list of one-word goods is a list of kinds, one claim each
            "China restricted gallium, germanium and antimony.",
            {("China", "restricts", "gallium"), ("China", "restricts", "antimony")},
            {("China", "restricts", "germanium")},
        ),
        (  # a clause after a whole list is about every member, not only the first
            "Nvidia buys memory from Samsung Electronics, SK Hynix and Micron, which supply HBM to Nvidia.",
            {
                ("Samsung Electronics", "supplies", "Nvidia"),
                ("SK Hynix", "supplies", "Nvidia"),
                ("Micron Technology", "supplies", "Nvidia"),
            },
            {
                ("Nvidia", "buys", "Samsung Electronics"),
                ("Nvidia", "buys", "SK Hynix"),
                ("Nvidia", "buys", "Micron Technology"),
            },
        ),
        (  # market share won from a company is competition with it
            "Nvidia sells chips. AMD is trying to win market share from Nvidia with its MI350 chips.",
            {("AMD", "competes_with", "Nvidia")},
            {("AMD", "develops", "MI350X")},
        ),
        (  # home-grown suppliers buyers favour rival the company the article is about
            "Nvidia sells the H20 in China. Analysts said the summons could prompt Chinese buyers to "
            "favour domestic suppliers such as Huawei and Cambricon.",
            {("Huawei", "competes_with", "Nvidia"), ("Cambricon", "competes_with", "Nvidia")},
            {("Nvidia", "supplies", "H20")},
        ),
        (  # competition faced from others is theirs
            "Nvidia said it faces intense competition from Huawei and AMD in China.",
            {("Huawei", "competes_with", "Nvidia"), ("AMD", "competes_with", "Nvidia")},
        ),
        (  # standing behind a rival, with a measure in between
            "Shanghai Micro Electronics Equipment is still several generations behind ASML, analysts said.",
            {("SMEE", "lags_behind", "ASML")},
        ),
        (  # remaining behind two rivals: one claim each
            "Bernstein said start-ups such as Biren remained far behind Huawei and Cambricon in scale.",
            {("Biren", "lags_behind", "Huawei"), ("Biren", "lags_behind", "Cambricon")},
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
    ],
)
def test_claims_made(extractor: Extractor, text: str, expected: set[Triple], allowed: set[Triple]) -> None:
    assert triples(extract(extractor, text)) == expected | allowed


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (  # a relative clause is about the noun before it, not its whole list
            "The list includes Naura and Piotech, as well as Wingtech, which owns Nexperia.",
            {("Naura", "acquires", "Nexperia"), ("Piotech", "acquires", "Nexperia")},
        ),
        (  # a singular verb after a list agrees with its last member alone
            "Equipment makers that could be affected include Nikon, Screen Holdings and Lasertec, "
            "which makes inspection systems for photomasks.",
            {
                ("Nikon", "manufactures", "inspection systems"),
                ("Screen Holdings", "manufactures", "inspection systems"),
            },
        ),
        (  # a clause after the last of a list set apart by "as well as" is about that one
            "Nvidia and AMD, as well as Intel, which owns Altera, were named.",
            {("Nvidia", "buys", "Altera"), ("AMD", "buys", "Altera")},
        ),
        (  # a ranking "followed by" another company is no act on it
            "SK Hynix controls about 50% of the HBM market, followed by Samsung Electronics with about 40%.",
            {("SK Hynix", "dominates", "Samsung Electronics")},
        ),
        (  # where a competitor competes is not whom it competes with
            "Huawei has emerged as Nvidia's strongest competitor in China.",
            {("Huawei", "competes_with", "China")},
        ),
        (  # home-grown suppliers a company buys from are no rivals of it
            "Samsung makes HBM. Samsung buys from domestic suppliers such as Hanmi Semiconductor.",
            {("Hanmi Semiconductor", "competes_with", "Samsung Electronics")},
        ),
        (  # a ranking puts someone behind a rival; the ranker lags no one
            "Morgan Stanley ranked Samsung Electronics behind SK Hynix in HBM.",
            {("Morgan Stanley", "lags_behind", "SK Hynix")},
        ),
        (  # being behind an act is causing it, not trailing a rival
            "The United States is behind the H20 ban.",
            {("United States", "lags_behind", "H20")},
        ),
        (  # a figure restated after ", or" is the same estimate
            "Bernstein estimates that the H20 generated about $12 billion in sales to China last year, "
            "or roughly 9% of Nvidia's total revenue.",
            {("Bernstein", "estimates", "9%")},
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
        (  # an estimate for the article's own year stays an estimate
            "Analysts at Bernstein estimate that sales to China could bring Nvidia $6 billion of "
            "revenue this year.",
            {("Bernstein", "projects", "$6 billion")},
        ),
        (  # a count that points back at things named before is nobody's estimate
            "Chinese firms bought 8% of those three companies' sales, analysts at Jefferies estimate.",
            {("Jefferies", "estimates", "three companies")},
        ),
    ],
)
def test_claims_not_made(extractor: Extractor, text: str, unwanted: set[Triple]) -> None:
    assert not unwanted & triples(extract(extractor, text))


@exact_cases(
    ("text", "expected", "unwanted", "allowed"),
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
            {
                ("Alphabet", "develops", "TPU"),
                ("Anthropic", "depends_on", "TPU"),
                ("Anthropic", "projects", "1 million TPUs"),
            },
        ),
    ],
)
def test_figures_of_forecasts_and_estimates(
    extractor: Extractor,
    text: str,
    expected: set[Triple],
    unwanted: set[Triple],
    allowed: set[Triple],
) -> None:
    found = triples(extract(extractor, text))
    assert not unwanted & found
    assert found == expected | allowed


@pytest.mark.parametrize(
    ("text", "dominates"),
    [
        ("China accounts for about 90% of global rare earth processing.", True),
        ("China accounts for nearly all production of heavy rare earths.", True),
        ("SK Hynix accounts for about 30% of the HBM market.", False),  # a share, not the market
    ],
)
def test_more_than_half_of_a_market_dominates_it(extractor: Extractor, text: str, dominates: bool) -> None:
    assert any(r == "dominates" for _, r, _ in triples(extract(extractor, text))) == dominates
