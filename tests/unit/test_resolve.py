"""Entity resolution rules, on hand-built mentions (no spaCy needed)."""

from __future__ import annotations

from newsgraph.core.types import Entity
from newsgraph.ingest.entities import NameMention
from newsgraph.ingest.resolve import EntityRegistry, resolve

NVIDIA = Entity("company/nvidia", "Nvidia", "Company", ("NVIDIA",), "Q182477", in_gazetteer=True)
GEORGIA = Entity("place/georgia", "Georgia", "Place", in_gazetteer=True)


def mention(text: str, cls: str, gazetteer_id: str | None = None, sentence: int = 0) -> NameMention:
    return NameMention(sentence, 0, len(text), text, cls, gazetteer_id)


def labels(mentions: list[NameMention], registry: EntityRegistry) -> list[tuple[str, str]]:
    """(surface text, canonical label) for each mention, in order."""
    resolution = resolve(mentions, registry)
    by_id = {e.id: e.label for e in resolution.entities}
    return [(m.text, by_id[m.entity_id]) for m in resolution.mentions]


def test_surname_joins_the_full_name_even_when_tagged_org() -> None:
    registry = EntityRegistry([NVIDIA])
    result = labels(
        [mention("Orvale Kestrin", "Person"), mention("Kestrin", "Organization", sentence=1)],
        registry,
    )
    assert result == [("Orvale Kestrin", "Orvale Kestrin"), ("Kestrin", "Orvale Kestrin")]


def test_a_surname_after_the_full_name_is_the_person_whatever_else_it_names() -> None:
    holland = Entity("country/netherlands", "Netherlands", "Country", ("Holland",), in_gazetteer=True)
    registry = EntityRegistry([holland])
    after = labels(
        [mention("Tom Holland", "Person"), mention("Holland", "Country", holland.id, sentence=1)], registry
    )
    assert after == [("Tom Holland", "Tom Holland"), ("Holland", "Tom Holland")]
    # A place the statistical model saw in a surname joins the person too.
    assert labels(
        [mention("Jordan Henderson", "Person"), mention("Henderson", "Place", sentence=1)], registry
    )[1] == ("Henderson", "Jordan Henderson")
    # Said before the person is named, the word keeps its own meaning.
    before = labels(
        [mention("Holland", "Country", holland.id), mention("Tom Holland", "Person", sentence=1)], registry
    )
    assert before[0] == ("Holland", "Netherlands")


def test_first_word_of_a_company_joins_it() -> None:
    registry = EntityRegistry()
    result = labels(
        [mention("Zhaoxin Semiconductor", "Company"), mention("Zhaoxin", "Organization")], registry
    )
    assert {canonical for _, canonical in result} == {"Zhaoxin Semiconductor"}


def test_incompatible_classes_never_merge() -> None:
    registry = EntityRegistry([GEORGIA])
    resolution = resolve([mention("Georgia", "Person")], registry)
    (entity,) = resolution.entities
    assert entity.type == "Person" and entity.id != GEORGIA.id
    assert resolution.new_entities == (entity,)


def test_registry_links_across_articles_and_spellings() -> None:
    registry = EntityRegistry([NVIDIA])
    first = resolve([mention("Dunmore Partners LLC", "Company")], registry)
    for entity in first.entities:
        registry.add(entity, first.surface_forms[entity.id])
    second = resolve(
        [mention("Dunmore Partners", "Organization"), mention("NVIDIA Corp.", "Organization")], registry
    )
    assert {e.label for e in second.entities} == {"Dunmore Partners LLC", "Nvidia"}
    assert second.new_entities == ()


def test_fuzzy_match_is_conservative() -> None:
    registry = EntityRegistry([Entity("company/cambricon-technologies", "Cambricon Technologies", "Company")])
    assert registry.find_fuzzy("Cambricon Technolgies", "Company") is not None  # a typo
    assert registry.find_fuzzy("Cambricon Technologies", "Person") is None  # wrong class
    registry.add(Entity("chip/mi300x", "MI300X", "Chip"))
    assert registry.find_fuzzy("MI325X", "Chip") is None  # different model numbers
    assert registry.find_fuzzy("Ascend 910C", "Chip") is None


def test_new_ids_do_not_collide() -> None:
    registry = EntityRegistry([Entity("person/georgia", "Georgia", "Person")])
    assert registry.new_id("Person", "Georgia") == "person/georgia-2"


def test_a_name_two_classes_share_finds_one_entity_whatever_the_order() -> None:
    place = Entity("place/lumeno", "Lumeno", "Place")
    person = Entity("person/lumeno", "Lumeno", "Person")
    # An ingest registers them in the order it meets them; the graph reads them back in its own.
    found = [EntityRegistry(order).find("Lumeno") for order in ([place, person], [person, place])]
    assert found[0] is not None and found[0] == found[1]
