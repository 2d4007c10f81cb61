"""Names in general news: the longer name wins, links need context, text as news is written.

Each test is an invented sentence that fails without its mechanism (newsgraph/ingest/
pipeline.py KnownNames, names.py NameRepairs, resolve.py), on the real spaCy model.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.core.settings import Settings
from newsgraph.core.types import Article
from newsgraph.ingest.extract import Extractor
from newsgraph.service.facade import Newsgraph


@pytest.fixture(scope="module")
def extractor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Extractor]:
    with Newsgraph(Settings(store=tmp_path_factory.mktemp("names") / "store")) as service:
        yield service.extractor


def links(extractor: Extractor, text: str, title: str | None = None) -> dict[str, str]:
    """Mention text -> the id of the entity it names."""
    extraction = extractor.extract(Article(id="t", text=text, title=title))
    return {m.text: m.entity_id for m in extraction.mentions}


def classes(extractor: Extractor, text: str) -> dict[str, str]:
    """Mention text -> the class of the entity it names."""
    extraction = extractor.extract(Article(id="t", text=text))
    by_id = {e.id: e.type for e in extraction.entities}
    return {m.text: by_id[m.entity_id] for m in extraction.mentions}


def test_a_known_place_inside_a_longer_name_stays_part_of_it(extractor: Extractor) -> None:
    found = links(extractor, "Shares of the miner fell 3% on the New York Stock Exchange on Tuesday.")
    assert "place/new-york" not in found.values()
    assert any("New York Stock Exchange" in text for text in found)


def test_a_name_with_and_in_it_is_one_name_and_a_list_of_known_names_is_not(extractor: Extractor) -> None:
    found = links(extractor, "The U.S. Food and Drug Administration approved the drug on Friday.")
    assert "U.S. Food and Drug Administration" in found
    assert "country/united-states" not in found.values()
    # One known name, one the gazetteer does not know: still a list.
    listed = links(extractor, "Shares of suppliers, including SK Hynix and Advantest, fell on Tuesday.")
    assert "company/sk-hynix" in listed.values()


def test_an_institution_of_a_place_is_one_name(extractor: Extractor) -> None:
    found = links(
        extractor, "Economists at the Federal Reserve Bank of New York said on Monday that debt rose."
    )
    assert "Federal Reserve Bank of New York" in found
    assert "place/new-york" not in found.values()


def test_a_person_is_not_a_chip_family(extractor: Extractor) -> None:
    said = links(
        extractor, "Treasury Secretary Rubin told lawmakers on Monday that the dollar would stay strong."
    )
    assert "chipfamily/rubin" not in said.values()
    chips = links(extractor, "Nvidia said its Rubin chips would ship next year, after Blackwell.")
    assert chips.get("Rubin") == "chipfamily/rubin"


def test_a_surname_alone_needs_its_person_named(extractor: Extractor) -> None:
    found = links(
        extractor,
        "Caroline Ellison testified on Tuesday about the trading firm's losses. "
        "Ellison said she had followed instructions.",
    )
    assert "person/larry-ellison" not in found.values()
    full = links(
        extractor, "Larry Ellison said Oracle would build more data centres. Ellison gave no figure."
    )
    assert full.get("Ellison") == "person/larry-ellison"


def test_a_surname_alone_needs_its_person_or_their_firm(extractor: Extractor) -> None:
    # Another firm of the gazetteer is no reason: only the person's own (Oracle).
    elsewhere = links(
        extractor, "Shares of Microsoft rose on Monday. Ellison, a local teacher, said prices rose."
    )
    assert "person/larry-ellison" not in elsewhere.values()
    own = links(
        extractor, "Oracle shares jumped on Monday. Ellison said demand for cloud capacity was strong."
    )
    assert own.get("Ellison") == "person/larry-ellison"


def test_an_institution_of_one_country_needs_that_country(extractor: Extractor) -> None:
    abroad = links(
        extractor, "In Canberra, the Senate passed the climate bill on Thursday, Australian officials said."
    )
    assert "governmentbody/us-senate" not in abroad.values()
    home = links(extractor, "The Senate passed the chip bill on Thursday, US officials said.")
    assert home.get("Senate") == "governmentbody/us-senate"
    # No country at all: the gazetteer's own is the likely one.
    assert (
        links(extractor, "The Senate passed the bill on Thursday.").get("Senate")
        == "governmentbody/us-senate"
    )


def test_an_institution_of_a_state_is_not_the_countrys(extractor: Extractor) -> None:
    state = links(
        extractor,
        "Republicans in the state Senate approved the measure on Tuesday. "
        "The Senate will vote again in May, the governor of Arizona said.",
    )
    assert "governmentbody/us-senate" not in state.values()
    named = links(extractor, "The Arizona Senate approved the measure on Tuesday, US officials said.")
    assert "governmentbody/us-senate" not in named.values()
    # Both in one article: the one the country's name goes with is the country's.
    both = links(extractor, "The state Senate voted on Tuesday, while the U.S. Senate waited.")
    assert both.get("U.S. Senate") == "governmentbody/us-senate"
    assert "governmentbody/us-senate" not in {both.get("Senate")}


def test_what_a_committee_is_about_is_not_a_body(extractor: Extractor) -> None:
    found = links(
        extractor,
        "The nomination will be under consideration by the Senate Committee on Commerce, Science, "
        "and Transportation, US officials said.",
    )
    assert "governmentbody/us-commerce-department" not in found.values()
    assert (
        links(extractor, "Commerce said on Tuesday that the rule stands.").get("Commerce")
        == "governmentbody/us-commerce-department"
    )


def test_a_son_of_the_same_name_is_another_person(extractor: Extractor) -> None:
    found = links(
        extractor, "Donald Trump Jr. was granted the permit, officials said. Donald Trump did not comment."
    )
    assert found.get("Donald Trump") == "person/donald-trump"
    assert "Donald Trump Jr." in found
    assert found["Donald Trump Jr."] != "person/donald-trump"


def test_the_social_network_is_not_its_owner(extractor: Extractor) -> None:
    found = links(extractor, "The ministry posted the video on its Facebook page on Monday.")
    assert found.get("Facebook") == "company/facebook"
    assert "company/meta" not in found.values()


def test_an_ampersand_joins_one_name(extractor: Extractor) -> None:
    found = links(extractor, "The former head of Abercrombie & Fitch was arrested on Tuesday.")
    assert "researchfirm/fitch-ratings" not in found.values()
    assert "Abercrombie & Fitch" in found


def test_a_word_made_from_a_name_is_not_that_name(extractor: Extractor) -> None:
    found = links(extractor, "Goldwater was the only other Arizonan to top the ticket, in the Americas.")
    assert "place/arizona" not in found.values()
    assert "country/united-states" not in found.values()


def test_a_short_name_spelled_otherwise_needs_its_capitals(extractor: Extractor) -> None:
    chimp = links(extractor, "Her son Sia was born in 2019. Sia had an injured foot, keepers said.")
    assert "organization/semiconductor-industry-association" not in chimp.values()
    group = links(extractor, "The SIA said chip sales rose 20% in May.")
    assert group.get("SIA") == "organization/semiconductor-industry-association"


def test_a_place_that_plays_is_a_team(extractor: Extractor) -> None:
    found = classes(extractor, "Atlanta beat Boston 5-3 on Sunday. Boston has now lost four straight.")
    assert found.get("Atlanta") == found.get("Boston") == "Organization"
    teams = links(extractor, "Florida vs. Washington: the Panthers won in five games.")
    assert "place/washington" not in teams.values()
    # Numbers alone do not make a game.
    city = classes(extractor, "Washington said on Tuesday it would send aid to Florida, where 3 people died.")
    assert city.get("Florida") == "Place"


def test_a_score_is_no_part_of_a_name(extractor: Extractor) -> None:
    found = links(extractor, "Chelsea beat Liverpool 2-1 at Stamford Bridge on Saturday.")
    assert "Liverpool" in found
    assert not any(text.endswith("2-1") for text in found)


def test_an_institution_is_also_named_with_its_country_before_it(extractor: Extractor) -> None:
    found = links(extractor, "The U.S. Department of Justice sued the chipmaker on Monday.")
    assert found.get("U.S. Department of Justice") == "governmentbody/justice-department"


def test_a_short_acronym_needs_its_world(extractor: Extractor) -> None:
    found = links(
        extractor, "The IFS estimates that about 110,000 people are out of work because of long Covid."
    )
    assert "company/intel-foundry" not in found.values()
    chips = links(extractor, "Intel said IFS won an order from Microsoft for its 18A process.")
    assert chips.get("IFS") == "company/intel-foundry"


def test_a_misspelling_keeps_its_first_letter(extractor: Extractor) -> None:
    assert extractor.registry.find_fuzzy("Omicron Technology", "Company") is None
    assert extractor.registry.find_fuzzy("Marvel", "Company") is None  # too short to guess: not Marvell
    assert extractor.registry.find_fuzzy("Micron Tecnology", "Company") is not None


def test_a_lowercase_word_is_no_known_name(extractor: Extractor) -> None:
    found = links(extractor, "Delegates voted on the rule at a general congress in Budapest on Sunday.")
    assert "Congress" not in {extractor.registry.get(e).label for e in found.values()}


def test_the_news_agency_is_an_organization_and_brackets_end_names(extractor: Extractor) -> None:
    found = classes(
        extractor, "LONDON (Reuters) - Authorities in Kent said on Friday that roads had reopened."
    )
    assert found.get("Reuters") == "Organization"
    assert not any(")" in text for text in found)


def test_an_all_capitals_dateline_is_read_in_the_articles_casing(extractor: Extractor) -> None:
    text = (
        "RANGOON 1996-12-07\n\nPolice in Rangoon detained dozens of students on Saturday, "
        "witnesses said, after a march through the centre of Rangoon."
    )
    extraction = extractor.extract(Article(id="t", text=text))
    assert any(m.start == 0 and m.text == "RANGOON" for m in extraction.mentions)


def test_a_name_is_tagged_wherever_the_article_says_it(extractor: Extractor) -> None:
    text = (
        "Brightwell Analytics, a consultancy, was hired by the fund's board on Monday. "
        "The fund said Brightwell Analytics would report by March, and investors welcomed the "
        "choice of Brightwell Analytics."
    )
    extraction = extractor.extract(Article(id="t", text=text))
    assert sum(m.text == "Brightwell Analytics" for m in extraction.mentions) == 3


def test_another_spelling_of_a_known_name_must_fit_the_models_label(extractor: Extractor) -> None:
    found = links(
        extractor, "Early humans spread across western Eurasia some 500,000 years ago, the study found."
    )
    assert "researchfirm/eurasia-group" not in found.values()


def test_the_gazetteer_refuses_a_relation_to_no_entry(tmp_path: Path) -> None:
    from newsgraph.core.errors import IngestError
    from newsgraph.ingest.gazetteer import load_gazetteer

    path = tmp_path / "gazetteer.yaml"
    path.write_text("- name: Ada Vell\n  type: Person\n  related: [Vellcorp]\n")
    with pytest.raises(IngestError, match="entry 1: no entry is named Vellcorp"):
        load_gazetteer(path)
    path.write_text(
        "- name: Vellcorp\n  type: Company\n"
        "- name: Ada Vell\n  type: Person\n  related: [Vellcorp]\n"
        "- name: Arland\n  type: Country\n  aliases: [ARL]\n  demonyms: [Arlish]\n"
        "- name: Senate\n  type: GovernmentBody\n  country: Arland\n"
    )
    entities = {e.label: e for e in load_gazetteer(path)}
    assert entities["Ada Vell"].related == ("company/vellcorp",)
    assert entities["Senate"].country == "country/arland"
    assert {"Arland Senate", "ARL Senate", "Arlish Senate"} <= set(entities["Senate"].aliases)


def test_a_line_wrapped_inside_a_sentence_is_one_sentence(extractor: Extractor) -> None:
    text = (
        "Lumeno said on Tuesday that its Vyra accelerator would cost\n"
        "between $8,000 and $9,000. Customers include Norbank.\n"
        "Shares rose\n"
        "Analysts expect more orders.\n\n"
        "a new paragraph starts here."
    )
    found = [
        s.text for s in extractor.extract(Article(id="t", text=text, title="Lumeno prices Vyra")).sentences
    ]
    assert found == [
        "Lumeno prices Vyra",
        "Lumeno said on Tuesday that its Vyra accelerator would cost\nbetween $8,000 and $9,000.",
        "Customers include Norbank.",
        "Shares rose",
        "Analysts expect more orders.",
        "a new paragraph starts here.",
    ]
