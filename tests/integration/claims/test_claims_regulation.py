"""Regulation, on invented sentences: who regulates (governments and their agencies, capitals,
officials, rules as subjects) and what: restrictions, bans, licences and approvals, blacklists,
investigations and eased rules."""

from __future__ import annotations

import pytest

from newsgraph.ingest.extract import Extractor
from tests.helpers import Triple, exact_cases, extract, triples


@exact_cases(
    ("text", "expected", "allowed"),
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
            {("United States", "bans", "H100")},
        ),
        (  # rules that name their maker act for it, whoever else acts in the article
            "Japan restricted exports of chip tools. Start-ups depend on SMIC, which is also "
            "constrained by U.S. restrictions.",
            {("United States", "restricts", "SMIC")},
            {("Japan", "restricts", "exports of chip tools")},
        ),
        (  # an order given by saying what others should stop doing
            "Micron makes memory chips. The Chinese government said that operators of critical "
            "infrastructure should stop buying Micron products.",
            {("China", "bans", "Micron Technology")},
            {("Micron Technology", "manufactures", "memory chips")},
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
            {("Nvidia", "supplies", "China")},  # negated: the sale is kept from happening
        ),
        (  # "prevent" bans
            "The Commerce Department prevented Nvidia from selling the A800 in China.",
            {("US Commerce Department", "bans", "A800")},
            {("Nvidia", "supplies", "A800")},  # negated: the sale is kept from happening
        ),
        (  # rules as the subject act for whoever made them
            "The U.S. Commerce Department tightened export rules in October. "
            "The rules blocked Nvidia from selling its A800 chips in China.",
            {("US Commerce Department", "bans", "A800")},
            {("Nvidia", "supplies", "A800")},  # negated: the sale is kept from happening
        ),
        (  # a licence required for exports of goods restricts the goods
            "The new U.S. rule requires licences for exports of Nvidia's A800 chips.",
            {("United States", "restricts", "A800")},
        ),
        (  # a licence needed to export goods: the restriction is the news, not the sale
            "The Dutch government tightened its rules. "
            "ASML said it would need licences to export its NXT:2000i systems.",
            {("Netherlands", "restricts", "Twinscan NXT:2000i")},
            {("ASML", "develops", "Twinscan NXT:2000i")},
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
            {("US Commerce Department", "restricts", "HBM")},
        ),
        (  # a country named inside a list's name owns the list
            "YMTC competes with Micron in the United States. YMTC was added to the U.S. Entity List in 2022.",
            {("United States", "sanctions", "YMTC")},
            {("YMTC", "competes_with", "Micron Technology")},
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
            {("US Commerce Department", "sanctions", "Naura")},
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
            {("US Commerce Department", "sanctions", "Naura")},
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
        (  # a national government acts for its country, when the country is named
            "Nvidia sells chips in the United States and China. "
            "The U.S. government told Nvidia that the H20 would require a licence.",
            {("United States", "restricts", "H20")},
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
            {("ASML", "develops", "NXT:2050i")},
        ),
        (  # an agentless passive act of government: the government the sentence names
            "The H800 was designed to comply with U.S. export rules but was barred from sale to China.",
            {("United States", "bans", "H800")},
            {(None, "develops", "H800")},
        ),
        (  # "chipmaking" misread as a verb still leads to what the controls are on
            "The United States introduced sweeping controls on chipmaking equipment in October 2022.",
            {("United States", "restricts", "chipmaking equipment")},
        ),
        (  # the agency that made the rules, named on them
            "The rules, finalised by the Ministry of Economy, Trade and Industry in May, cover "
            "advanced lithography tools.",
            {("METI", "restricts", "advanced lithography tools")},
        ),
        (  # rules a government makes restrict what they are on
            "Japan's rules on chipmaking equipment took effect on Sunday.",
            {("Japan", "restricts", "chipmaking equipment")},
        ),
        (  # a revoked licence restricts the products it was for, however deep in the phrase
            "The Netherlands is home to ASML. ASML said the Dutch government had partially revoked a "
            "licence for the shipment of some of its NXT:2050i and NXT:2100i lithography systems.",
            {("Netherlands", "restricts", "NXT:2050i"), ("Netherlands", "restricts", "NXT:2100i")},
            {("ASML", "develops", "NXT:2050i")},
        ),
        (  # a permit's holder does the permitted act; what is permitted is approved
            "The Commerce Department granted Nvidia licences to sell the H20 to China.",
            {("US Commerce Department", "approves", "H20"), ("Nvidia", "supplies", "China")},
        ),
        (  # the agency that issued licences approves what they cover
            "The licences, issued by the Commerce Department in July, cover about 120,000 H200 chips.",
            {("US Commerce Department", "approves", "H200")},
        ),
        (  # a trade done under licences is approved
            "Nvidia has begun delivering H200 processors to Chinese customers under U.S. export licences.",
            {("United States", "approves", "H200")},
        ),
        (  # an approval won from someone is that someone's act
            "Nvidia won approval from the Commerce Department for sales of the H20.",
            {("US Commerce Department", "approves", "H20")},
        ),
        (  # putting a company on the Entity List sanctions it
            "The Commerce Department placed Huawei on the Entity List in 2019.",
            {("US Commerce Department", "sanctions", "Huawei")},
        ),
        (  # a participle naming the act; its agent comes from the article's context
            "The Commerce Department added 140 entities to the Entity List. "
            "The companies added to the list include Naura and Piotech.",
            {
                ("US Commerce Department", "sanctions", "Naura"),
                ("US Commerce Department", "sanctions", "Piotech"),
            },
        ),
        (  # a regulatory verb acting on a regulatory noun: lifting a ban eases
            "The Commerce Department lifted the ban on Huawei.",
            {("US Commerce Department", "eases", "Huawei")},
        ),
        (  # regulators' investigations and summonses are no restrictions, but they are facts
            "China's State Administration for Market Regulation has opened an investigation into "
            "Nvidia. The Cyberspace Administration of China summoned Nvidia over the H20.",
            {
                ("State Administration for Market Regulation", "investigates", "Nvidia"),
                ("Cyberspace Administration of China", "investigates", "Nvidia"),
            },
        ),
    ],
)
def test_regulatory_claims(
    extractor: Extractor, text: str, expected: set[Triple], allowed: set[Triple]
) -> None:
    assert triples(extract(extractor, text)) == expected | allowed


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
        (  # a product does not regulate: its licence requirement is the government's
            "The U.S. government told Nvidia that the H20 would require an export licence.",
            {("H20", "restricts", "an export licence")},
        ),
        (  # a capital city stands for a government it does not name: no actor
            "Washington banned sales of the H20 in April.",
            {("Washington", "bans", "H20")},
        ),
        (  # a government named after an agentless act has no part in it
            "YMTC, which was added to the U.S. Entity List in 2022, has gained customers in China's market.",
            {("China", "sanctions", "YMTC")},
        ),
        (  # "U.S." in "16 U.S. entities" says where they are from
            "China's Ministry of Commerce said it would impose export controls on rare earths. "
            "The ministry also added 16 U.S. entities, mostly defence companies, to its export control list.",
            {("Chinese Ministry of Commerce", "sanctions", "United States")},
        ),
        (  # "over" gives the reason for an investigation, not its object
            "China's State Administration for Market Regulation said it had opened an investigation into "
            "Nvidia over suspected violations of the country's anti-monopoly law.",
            {("State Administration for Market Regulation", "restricts", "Anti-Monopoly Law")},
        ),
        (  # rules no government is named on are not read as a restriction
            "The United States restricted exports of AI chips in October. The rules on disclosure "
            "of chipmaking equipment sales changed in May.",
            {("United States", "restricts", "disclosure of chipmaking equipment sales")},
        ),
        (  # a government a verb acts on makes no rules: "did not name China"
            "The Dutch government tightened its rules on Wednesday. The letter did not name ASML or "
            "China, but the company said it would need licences to export its NXT:2000i systems.",
            {("China", "restricts", "Twinscan NXT:2000i")},
        ),
        (  # licences without which goods cannot be shipped restrict them
            "Nvidia cannot ship the H20 to China without a licence under the new U.S. rules.",
            {("United States", "approves", "H20")},
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
    ],
)
def test_regulatory_claims_not_made(extractor: Extractor, text: str, unwanted: set[Triple]) -> None:
    assert not unwanted & triples(extract(extractor, text))


@exact_cases(
    ("text", "expected", "allowed"),
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
        (  # ... and an order not to trade them (an order not to ship is no fact about shipping)
            "Samsung sells chips in China. U.S. officials told Samsung not to ship the HBM3E to China.",
            {("United States", "bans", "HBM3E")},
            set(),
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
            {("China", "manufactures", "chips")},
        ),
        (  # ... also when the officials are "in" its capital
            "China makes chips. Regulators in Beijing barred Micron Technology from selling to "
            "operators of critical infrastructure.",
            {("China", "bans", "Micron Technology")},
            {("China", "manufactures", "chips")},
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
    extractor: Extractor, text: str, expected: set[Triple], allowed: set[Triple]
) -> None:
    assert triples(extract(extractor, text)) == expected | allowed


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
    extractor: Extractor, text: str, unwanted: set[tuple[str, str, str]]
) -> None:
    assert not unwanted & triples(extract(extractor, text))


@exact_cases(
    ("text", "expected", "allowed"),
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
            {("United States", "bans", "H100")},
        ),
        (  # a company forced to stop selling goods is banned from selling them (and sells no more)
            "Nvidia sells chips in the United States and China. The United States banned exports of the "
            "H100 in 2022. Nvidia was forced to stop selling the H20 to China in April.",
            {("United States", "bans", "H20")},
            {("United States", "bans", "H100")},
        ),
    ],
)
def test_rules_and_their_makers(
    extractor: Extractor, text: str, expected: set[Triple], allowed: set[Triple]
) -> None:
    assert triples(extract(extractor, text)) == expected | allowed


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
    extractor: Extractor, text: str, unwanted: set[tuple[str, str, str]]
) -> None:
    assert not unwanted & triples(extract(extractor, text))


def test_an_effort_is_done_by_whoever_makes_it(extractor: Extractor) -> None:
    text = "China makes chips. Japan joined U.S. efforts to limit China's ability to make advanced chips."
    found = {(s, r) for s, r, _ in triples(extract(extractor, text))}
    assert ("United States", "restricts") in found and ("Japan", "restricts") not in found


def test_licences_granted_approve_their_goods(extractor: Extractor) -> None:
    text = (
        "Acme said it would resume sales of its H20 chip to China after the U.S. government assured "
        "the company that export licences would be granted."
    )
    assert ("United States", "approves", "H20") in triples(extract(extractor, text))


def test_a_regulator_carries_to_later_sentences_but_not_to_later_articles(extractor: Extractor) -> None:
    """The government that last acted in an article is the actor of its agentless restriction
    nouns further on; an article read before is no part of that."""
    acted = "The United States restricted exports of the A800 in October."
    agentless = "Curbs on sales of the H20 took effect in April."
    together = triples(extract(extractor, f"{acted} {agentless}"))
    assert ("United States", "restricts", "H20") in together
    extract(extractor, acted)
    assert ("United States", "restricts", "H20") not in triples(extract(extractor, agentless))
