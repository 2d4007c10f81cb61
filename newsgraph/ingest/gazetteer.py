"""The domain gazetteer: canonical entities with types, aliases and Wikidata ids."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from newsgraph.core.errors import IngestError
from newsgraph.core.ontology import ENTITY_CLASSES
from newsgraph.core.text import name_key, says_any, slug
from newsgraph.core.types import Entity


def entity_id(cls: str, label: str) -> str:
    """The stable key of an entity: its class and a slug of its name, e.g. "company/nvidia"."""
    return f"{cls.lower()}/{slug(label)}"


def load_gazetteer(path: Path) -> list[Entity]:
    """Read the YAML gazetteer; a malformed entry is an error naming it."""
    try:
        records = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as exc:
        raise IngestError(f"cannot read gazetteer {path}: {exc}") from exc
    entities: list[Entity] = []
    named: list[tuple[list[str], str | None]] = []  # each entry's related names and country
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict) or "name" not in record or "type" not in record:
            raise IngestError(f"gazetteer {path} entry {number}: needs 'name' and 'type'")
        cls = str(record["type"])
        if cls not in ENTITY_CLASSES:
            raise IngestError(f"gazetteer {path} entry {number}: unknown type {cls!r}")
        name = str(record["name"])
        aliases = tuple(str(a) for a in record.get("aliases") or () if str(a) != name)
        wikidata = record.get("wikidata")
        entities.append(
            Entity(
                id=entity_id(cls, name),
                label=name,
                type=cls,
                aliases=aliases,
                wikidata=str(wikidata) if wikidata else None,
                in_gazetteer=True,
                demonyms=tuple(str(d) for d in record.get("demonyms") or ()),
            )
        )
        country = record.get("country")
        named.append(([str(r) for r in record.get("related") or ()], str(country) if country else None))
    by_label = {e.label: e.id for e in entities}
    for number, (related, country) in enumerate(named):
        unknown = [n for n in (*related, *([country] if country else [])) if n not in by_label]
        if unknown:
            listed = ", ".join(unknown)
            raise IngestError(f"gazetteer {path} entry {number + 1}: no entry is named {listed}")
        entities[number] = replace(
            entities[number],
            related=tuple(by_label[n] for n in related),
            country=by_label[country] if country else None,
        )
    by_id = {e.id: e for e in entities}
    return [_with_country_forms(e, by_id[e.country]) if e.country else e for e in entities]


def _with_country_forms(entity: Entity, country: Entity) -> Entity:
    """An institution's names with its country before them: "Department of Justice" is
    also "U.S. Department of Justice", "Ministry of Commerce" "Chinese Ministry of Commerce"."""
    prefixes = [country.label, *(a for a in country.aliases if len(a) <= 5), *country.demonyms[:1]]
    forms = [entity.label, *entity.aliases]
    bare = [f for f in forms if not says_any(f, country_words(country))]
    extra = [f"{p} {f}" for f in bare if f[:1].isupper() for p in prefixes]
    aliases = tuple(dict.fromkeys(a for a in (*entity.aliases, *extra) if a != entity.label))
    return replace(entity, aliases=aliases)


def country_words(country: Entity) -> frozenset[str]:
    """The words that name a country or speak of it: "United States", "U.S.", "American"."""
    return frozenset((country.label, *country.aliases, *country.demonyms))


def load_stopnames(path: Path) -> frozenset[str]:
    """Read the list of non-names, one per line, # for comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(name_key(line) for line in lines if line.strip() and not line.startswith("#"))
