"""The claim rules' word lists are data (newsgraph/ingest/data/claim_words.yaml): each is
read, lowercase, and read by some rule."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from newsgraph.ingest import claim_words

INGEST = Path(claim_words.__file__).parent


def test_every_list_is_loaded_under_its_name_and_read_by_a_rule() -> None:
    lists = yaml.safe_load(claim_words.WORDS_FILE.read_text(encoding="utf-8"))
    code = "\n".join(p.read_text(encoding="utf-8") for p in INGEST.glob("*.py") if p.name != "claim_words.py")
    for key in lists:
        name = key.upper()
        assert getattr(claim_words, name), f"{key} is not loaded as claim_words.{name}"
        assert re.search(rf"\b{name}\b", code), f"no rule reads {name}"


def test_words_are_lowercase_and_entity_labels_as_spacy_writes_them() -> None:
    lists = yaml.safe_load(claim_words.WORDS_FILE.read_text(encoding="utf-8"))
    for key, words in lists.items():
        values = words if isinstance(words, list) else [*words]
        for v in [] if isinstance(words, list) else words.values():
            values += [v] if isinstance(v, str) else v
        case = str.upper if key.endswith("_ents") else str.lower
        assert all(w == case(w) for w in values), key
