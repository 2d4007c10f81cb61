"""The relation vocabulary: verb lemmas and role nouns mapped to normalized relations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from newsgraph.core.errors import IngestError
from newsgraph.core.types import Relation

GENERIC_RELATION = "related_to"


@dataclass(frozen=True)
class Vocabulary:
    """Relations, and the verbs and role nouns that express them."""

    relations: dict[str, Relation]
    verbs: dict[str, str]  # "lemma" or "lemma particle" -> relation id
    roles: dict[str, str]  # role noun lemma -> relation id ("buyer" -> "buys")
    nouns: dict[str, str]  # event noun lemma -> relation id ("order" -> "buys")
    light_verbs: frozenset[str] = frozenset()  # verbs whose event-noun object gives the relation
    capitals: dict[str, str] = field(default_factory=dict)  # capital name -> its country's name
    demonyms: dict[str, str] = field(default_factory=dict)  # "Dutch" -> "Netherlands"

    def for_verb(self, phrase: str) -> str | None:
        """The relation a verb lemma (or "lemma particle") expresses, if mapped."""
        return self.verbs.get(phrase.lower())


def load_vocabulary(path: Path) -> Vocabulary:
    """Read relations.yaml; a verb or role mapped twice is an error naming it."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise IngestError(f"cannot read relation vocabulary {path}: {exc}") from exc
    relations: dict[str, Relation] = {}
    verbs: dict[str, str] = {}
    roles: dict[str, str] = {}
    nouns: dict[str, str] = {}
    light_verbs = frozenset(data.pop("light_verbs", None) or ())
    capitals = _names_table(data.pop("capitals", None), "capitals", path)
    demonyms = _names_table(data.pop("demonyms", None), "demonyms", path)
    for rid, spec in data.items():
        relations[rid] = Relation(rid, spec["label"], spec["comment"], spec.get("inverse"))
        for table, key in ((verbs, "verbs"), (roles, "roles"), (nouns, "nouns")):
            for word in spec.get(key) or ():
                if word in table:
                    raise IngestError(f"{path}: {word!r} maps to both {table[word]} and {rid}")
                table[word] = rid
    if GENERIC_RELATION not in relations:
        raise IngestError(f"{path}: the generic relation {GENERIC_RELATION!r} is missing")
    return Vocabulary(relations, verbs, roles, nouns, light_verbs, capitals, demonyms)


def _names_table(value: object, key: str, path: Path) -> dict[str, str]:
    """A table of names to names ("Washington: United States"); anything else is an error naming it."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise IngestError(f"{path}: {key!r} must map names to names, not {type(value).__name__}")
    return {str(name): str(other) for name, other in value.items()}
