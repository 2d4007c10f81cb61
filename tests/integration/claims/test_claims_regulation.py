"""Regulatory claims: restriction nouns, rules as subjects, licences, capitals; invented sentences."""

from __future__ import annotations

import pytest

from newsgraph.service.facade import Newsgraph
from tests.test_claims import extract, triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a capital's regulatory act is its country's, when the article names the country
            "Nvidia sells chips in the United States and China. "
            "Washington would allow Nvidia to resume sales of the H20.",
            {("United States", "eases", "H20")},
        ),
        (  # a capital that "controls" a product regulates it, as a government does
            "Nvidia sells chips in the United States. "
            "Washington would move quickly to control any product redesigned to skirt export rules.",
            {("United States", "restricts", "any product redesigned to skirt export rules")},
        ),
        (  # a restriction noun with its government and what it is on, with no verb of its own
            "Japan's restrictions on exports of advanced chipmaking equipment took effect on Sunday.",
            {("Japan", "restricts", "exports of advanced chipmaking equipment")},
        ),
        (  # ... inside a statement
            "Nvidia said U.S. restrictions on sales of the H20 to China would cut revenue.",
            {("United States", "restricts", "H20")},
        ),
        (  # ... by the government the sentence has acting
            "The Netherlands has tightened its rules, and restrictions on ASML's NXT:2000i systems "
            "take effect in September.",
            {("Netherlands", "restricts", "Twinscan NXT:2000i")},
        ),
        (  # rules named by their country's adjective, the country itself unnamed
            "The Dutch rules on advanced lithography equipment took effect on September 1.",
            {("Netherlands", "restricts", "advanced lithography equipment")},
        ),
        (  # "them" stands for the list of goods before it
            "China tightened its export rules. The goods are gallium nitride, germanium wafers and "
            "antimony ingots, and exporters will need licences to ship them.",
            {("China", "restricts", "gallium nitride"), ("China", "restricts", "antimony ingots")},
        ),
        (  # a list of one-word goods is a list of kinds, one claim each
            "China restricted gallium, germanium and antimony.",
            {("China", "restricts", "gallium"), ("China", "restricts", "antimony")},
        ),
        (  # what rules are said to cover, in the passive, is restricted by their maker
            "The U.S. Commerce Department tightened its rules on chip tools. Naura Technology Group "
            "and Piotech will also be covered.",
            {
                ("US Commerce Department", "restricts", "Naura"),
                ("US Commerce Department", "restricts", "Piotech"),
            },
        ),
        (  # a lasting state is a passive: "remain barred" is still banned, by the banner before
            "The United States banned exports of the H100 in 2022. The licences do not extend to "
            "Nvidia's Blackwell processors, which remain barred from China.",
            {("United States", "bans", "Blackwell")},
        ),
        (  # rules that name their maker act for it, whoever else acts in the article
            "Japan restricted exports of chip tools. Start-ups depend on SMIC, which is also "
            "constrained by U.S. restrictions.",
            {("United States", "restricts", "SMIC")},
        ),
        (  # an order given by saying what others should stop doing
            "Micron makes memory chips. The Chinese government said that operators of critical "
            "infrastructure should stop buying Micron products.",
            {("China", "bans", "Micron Technology")},
        ),
        (  # a relative clause imposes the restriction it describes
            "The curbs, which the Commerce Department imposed on Huawei in 2019, hurt its sales.",
            {("US Commerce Department", "restricts", "Huawei")},
        ),
        (  # a name the parser reads as an adjective is still a name
            "The Commerce Department blocked sales of Nvidia's A800 and H800 processors.",
            {("US Commerce Department", "bans", "A800"), ("US Commerce Department", "bans", "H800")},
        ),
        (  # keeping a company from selling goods bans the goods
            "The Commerce Department barred Nvidia from shipping the A800 to China.",
            {("US Commerce Department", "bans", "A800")},
        ),
        (  # "prevent" bans
            "The Commerce Department prevented Nvidia from selling the A800 in China.",
            {("US Commerce Department", "bans", "A800")},
        ),
        (  # rules as the subject act for whoever made them
            "The U.S. Commerce Department tightened export rules in October. "
            "The rules blocked Nvidia from selling its A800 chips in China.",
            {("US Commerce Department", "bans", "A800")},
        ),
        (  # a licence required for exports of goods restricts the goods
            "The new U.S. rule requires licences for exports of Nvidia's A800 chips.",
            {("United States", "restricts", "A800")},
        ),
        (  # a licence needed to export goods: the restriction is the news, not the sale
            "The Dutch government tightened its rules. "
            "ASML said it would need licences to export its NXT:2000i systems.",
            {("Netherlands", "restricts", "Twinscan NXT:2000i")},
        ),
        (  # a count in the object is the size of the act: the phrase is what is restricted
            "Japan will restrict exports of 23 types of chipmaking equipment.",
            {("Japan", "restricts", "exports of 23 types of chipmaking equipment")},
        ),
        (  # what a rule caps the number of is what it restricts
            "The AI Diffusion Rule caps the number of AI chips that can be exported to most countries.",
            {("AI Diffusion Rule", "restricts", "AI chips")},
        ),
        (  # put on a list: by the article's latest regulator, whatever its act was
            "The Commerce Department restricted exports of HBM. SMIC was added to the Entity List.",
            {("US Commerce Department", "sanctions", "SMIC")},
        ),
        (  # a country named inside a list's name owns the list
            "YMTC competes with Micron in the United States. YMTC was added to the U.S. Entity List in 2022.",
            {("United States", "sanctions", "YMTC")},
        ),
        (  # rules that cover goods restrict them
            "The U.S. Commerce Department issued new rules on Tuesday. "
            "The rules also cover Nvidia's A800 and H800 chips.",
            {
                ("US Commerce Department", "restricts", "A800"),
                ("US Commerce Department", "restricts", "H800"),
            },
        ),
        (  # exports of unnamed goods that need a licence
            "The U.S. Commerce Department issued new rules. "
            "Exports of chipmaking tools to China will require a licence.",
            {("US Commerce Department", "restricts", "chipmaking tools")},
        ),
        (  # a sale the rules forbid
            "The Commerce Department issued rules last year. "
            "Nvidia can no longer sell the A800 to China under the new rules.",
            {("US Commerce Department", "restricts", "A800")},
        ),
        (  # a company on a blacklist is sanctioned by the list's owner, named or the article's
            "The Commerce Department added Naura to the Entity List. Cambricon, another chip designer "
            "on the Entity List, raised 4 billion yuan. Also on the list is SiCarrier, a toolmaker.",
            {
                ("US Commerce Department", "sanctions", "Cambricon"),
                ("US Commerce Department", "sanctions", "SiCarrier"),
            },
        ),
        (  # companies named in a government's notice are sanctioned by it; the poster acts in
            # that sentence only, the article's regulator stays whoever acts in it
            "The Commerce Department added Naura to the Entity List. Kingsemi and Piotech were named "
            "in a notice posted by the Bureau of Industry and Security. SiCarrier was also blacklisted.",
            {
                ("Bureau of Industry and Security", "sanctions", "Kingsemi"),
                ("Bureau of Industry and Security", "sanctions", "Piotech"),
                ("US Commerce Department", "sanctions", "SiCarrier"),
            },
        ),
        (  # unnamed goods kept from trade are what is banned, not the traders kept from it
            "The Commerce Department tightened its rules. The rules bar American companies from "
            "shipping advanced etching tools to Chinese fabs.",
            {("US Commerce Department", "bans", "advanced etching tools")},
        ),
        (  # rules widened to cover goods restrict them, by whoever widens them
            "The Netherlands said it would expand its export controls to cover more DUV machines. "
            "The Commerce Department revised the rules to cover the H20.",
            {("Netherlands", "restricts", "DUV lithography"), ("US Commerce Department", "restricts", "H20")},
        ),
    ],
)
def test_regulatory_claims(service: Newsgraph, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(extract(service, text))


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (  # where restricted goods go is not what is restricted
            "The Commerce Department tightened restrictions on exports of AI chips to China.",
            {("US Commerce Department", "restricts", "China")},
        ),
        (  # rules are the act, not its object
            "The U.S. Commerce Department tightened export rules in October.",
            {("US Commerce Department", "restricts", "export rules")},
        ),
        (  # what the rules do not cover is not restricted
            "The U.S. Commerce Department tightened its rules on chip tools. Chinese customers ordered "
            "tools used to make older chips, which are not covered by the new rules.",
            {("US Commerce Department", "restricts", "older chips")},
        ),
        (  # a ban that would not stop a sale reports no sale
            "Analysts said the rules would not stop Nvidia from selling its H20 processor.",
            {("Nvidia", "supplies", "H20")},
        ),
        (  # restrictions asked for are not imposed
            "The U.S. government tightened rules. Lawmakers called for tighter restrictions on SMIC.",
            {("US government", "restricts", "SMIC"), ("United States", "restricts", "SMIC")},
        ),
        (  # "needs licences to export X" is no sale of X
            "The Dutch government tightened its rules. "
            "ASML said it would need licences to export its NXT:2000i systems.",
            {("ASML", "supplies", "Twinscan NXT:2000i")},
        ),
        (  # a list of something else is no blacklist
            "The Commerce Department added Naura to the Entity List. "
            "Nvidia is on the list of the world's most valuable companies.",
            {("US Commerce Department", "sanctions", "Nvidia")},
        ),
        (
            "The Commerce Department tightened its rules. The rules bar American companies from "
            "shipping advanced etching tools to Chinese fabs.",
            {("US Commerce Department", "bans", "American companies")},
        ),
    ],
)
def test_regulatory_claims_not_made(
    service: Newsgraph, text: str, unwanted: set[tuple[str, str, str]]
) -> None:
    assert not unwanted & triples(extract(service, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # rules described by a participle act as their subject would
            "Huawei sells phones in the United States. "
            "U.S. export controls targeting Huawei took effect in 2019.",
            {("United States", "restricts", "Huawei")},
        ),
        (  # an order to stop buying goods bans them, by whoever gives the order
            "China sells chips. "
            "China's regulators have told tech companies to stop buying Nvidia's H20 chips.",
            {("China", "bans", "H20")},
        ),
        (  # ... an order to halt purchases of them too
            "Chinese authorities ordered companies to halt purchases of the H20.",
            {("China", "bans", "H20")},
        ),
        (  # ... and an order not to trade them
            "Samsung sells chips in China. U.S. officials told Samsung not to ship the HBM3E to China.",
            {("United States", "bans", "HBM3E")},
        ),
        (  # ... and an order to cancel trade in goods it does not name restricts the trader
            "Lam Research sells tools in the United States and China. "
            "Officials in Washington asked Lam Research to cancel some shipments to China.",
            {("United States", "restricts", "Lam Research")},
        ),
        (  # discouraging a purchase restricts the goods
            "Nvidia sells chips in China. Beijing discouraged companies from buying the H20.",
            {("China", "restricts", "H20")},
        ),
        (  # a country's officials act for it
            "China makes chips. Chinese regulators barred Micron Technology from selling to operators "
            "of critical infrastructure.",
            {("China", "bans", "Micron Technology")},
        ),
        (  # ... also when the officials are "in" its capital
            "China makes chips. Regulators in Beijing barred Micron Technology from selling to "
            "operators of critical infrastructure.",
            {("China", "bans", "Micron Technology")},
        ),
        (  # goods left unnamed stand for their maker
            "China restricted sales of Nvidia's chips in May.",
            {("China", "restricts", "Nvidia")},
        ),
        (  # retaliation aimed at a company restricts it
            "China could retaliate against Micron Technology and Intel, analysts said.",
            {("China", "restricts", "Micron Technology"), ("China", "restricts", "Intel")},
        ),
    ],
)
def test_regulation_through_others(
    service: Newsgraph, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= triples(extract(service, text))


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (  # an order is a ban only when a government gives it
            "Nvidia told customers to stop buying the H20.",
            {("Nvidia", "bans", "H20")},
        ),
        (  # a refusal of access is no denial of a statement
            "The United States denied Huawei access to Google's Android software.",
            {("United States", "denies", "Huawei access to Google 's Android software")},
        ),
        (  # a named policy is the act, as rules are, not its object
            "The Commerce Department tightened the AI Diffusion Rule in January.",
            {("US Commerce Department", "restricts", "AI Diffusion Rule")},
        ),
    ],
)
def test_regulation_through_others_not_overreaching(
    service: Newsgraph, text: str, unwanted: set[tuple[str, str, str]]
) -> None:
    assert not unwanted & triples(extract(service, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a verb of launching takes its act from the event noun
            "The United States rolled out curbs on the H20 in April.",
            {("United States", "restricts", "H20")},
        ),
        (  # rules whose maker speaks in the sentence are that maker's
            "The new rules add Naura and Piotech to the Entity List, the Commerce Department said.",
            {
                ("US Commerce Department", "sanctions", "Naura"),
                ("US Commerce Department", "sanctions", "Piotech"),
            },
        ),
        (  # rules by a common name act for their maker, even when recognized as a policy
            "The United States introduced new export controls, which restrict sales of the H20.",
            {("United States", "restricts", "H20")},
        ),
        (  # a ban that covers goods bans them
            "Nvidia sells chips in the United States and China. The United States banned exports of the "
            "H100 in 2022. The ban also covers the H20.",
            {("United States", "bans", "H20")},
        ),
        (  # a company forced to stop selling goods is banned from selling them
            "Nvidia sells chips in the United States and China. The United States banned exports of the "
            "H100 in 2022. Nvidia was forced to stop selling the H20 to China in April.",
            {("United States", "bans", "H20")},
        ),
    ],
)
def test_rules_and_their_makers(service: Newsgraph, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(extract(service, text))


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (  # a company that halts its own shipments bans nothing
            "Nvidia sells chips. Nvidia halted shipments of the H20 in April.",
            {("Nvidia", "bans", "H20")},
        ),
        (  # launching curbs on a product is no release of it
            "The United States rolled out curbs on the H20 in April.",
            {("United States", "releases", "H20")},
        ),
        (  # a policy named as the subject is not the actor when it is only rules
            "The United States introduced new export controls, which restrict sales of the H20.",
            {("US export controls", "restricts", "H20")},
        ),
    ],
)
def test_rules_and_their_makers_not_overreaching(
    service: Newsgraph, text: str, unwanted: set[tuple[str, str, str]]
) -> None:
    assert not unwanted & triples(extract(service, text))


def test_an_effort_is_done_by_whoever_makes_it(service: Newsgraph) -> None:
    text = "China makes chips. Japan joined U.S. efforts to limit China's ability to make advanced chips."
    found = {(s, r) for s, r, _ in triples(extract(service, text))}
    assert ("United States", "restricts") in found and ("Japan", "restricts") not in found
