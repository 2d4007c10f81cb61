"""The domain gazetteer: canonical entities with types, aliases and Wikidata ids."""

from __future__ import annotations

from pathlib import Path

import yaml

from newsgraph.core.errors import IngestError
from newsgraph.core.ontology import ENTITY_CLASSES
from newsgraph.core.text import name_key, slug
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
            )
        )
    return entities


def load_stopnames(path: Path) -> frozenset[str]:
    """Read the list of non-names, one per line, # for comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(name_key(line) for line in lines if line.strip() and not line.startswith("#"))
