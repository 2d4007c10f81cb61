"""The spaCy pipeline: the statistical model plus a domain EntityRuler before its NER.

The ruler is fed from the gazetteer, so known names (Nvidia, H20, SK Hynix, the Entity
List ...) get their domain class and canonical id before the statistical NER runs;
the NER still finds every name the gazetteer lacks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsgraph.core.errors import IngestError
from newsgraph.core.types import Entity

# Curly and straight apostrophes both occur in news copy; patterns are matched on exact
# tokens, so each name with an apostrophe is added in both spellings.
_APOSTROPHE_VARIANTS = (("'", "\u2019"), ("\u2019", "'"))


def surface_forms(entity: Entity) -> list[str]:
    """Every spelling of an entity the ruler should match, apostrophe variants included."""
    forms = {entity.label, *entity.aliases}
    for form in list(forms):
        for old, new in _APOSTROPHE_VARIANTS:
            if old in form:
                forms.add(form.replace(old, new))
    return sorted(forms)


def ruler_patterns(entities: Iterable[Entity]) -> list[dict[str, str]]:
    """EntityRuler phrase patterns: label is the domain class, id the canonical key."""
    return [
        {"label": entity.type, "pattern": form, "id": entity.id}
        for entity in entities
        for form in surface_forms(entity)
    ]


def build_nlp(model: str, gazetteer: Sequence[Entity]) -> Language:
    """Load the spaCy model and put the domain EntityRuler in front of its NER."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise IngestError(f"spaCy model {model!r} is not installed") from exc
    _split_dollar_prefixes(nlp)
    _split_model_name_stops(nlp)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(ruler_patterns(gazetteer))  # type: ignore[attr-defined]
    nlp.add_pipe("ng_research_firms", after="ner")
    return nlp


# "analysts at ING", "an analyst at Macquarie": the name after such a phrase is a firm,
# whatever the statistical NER made of it (nothing, a person, "Korea" in "Korea Investment").
_ANALYSTS = {"analyst", "analysts", "economist", "economists", "strategist", "strategists"}
_AT = {"at", "from", "with"}
# What the NER may call such a name that a firm is not.
_NOT_FIRMS = {"PERSON", "GPE", "LOC", "NORP", "FAC", "Country", "City", "Region", "Place"}


@Language.component("ng_research_firms")
def research_firms(doc: Doc) -> Doc:
    """Make the capitalized words after "analysts at" one organization name."""
    firms = []
    for token in doc[:-2]:
        if token.lower_ not in _ANALYSTS or doc[token.i + 1].lower_ not in _AT:
            continue
        start = end = token.i + 2
        while end < len(doc) and (doc[end].is_title or doc[end].is_upper or doc[end].text == "&"):
            end += 1
        if end == start or doc[end - 1].text == "&":
            continue
        named = [e for e in doc.ents if e.start < end and e.end > start]
        if named and all(e.label_ not in _NOT_FIRMS for e in named):
            continue  # the NER or the gazetteer already has a firm there: "Morgan Stanley"
        firms.append(Span(doc, start, end, label="ORG"))
    if firms:
        kept = [e for e in doc.ents if not any(e.start < f.end and e.end > f.start for f in firms)]
        doc.ents = filter_spans([*kept, *firms])
    return doc


# Dollars of other countries: "NT$452.3", "HK$12", "A$5", "US$3". The stock tokenizer keeps
# "NT$452.3" as one word, so the NER never sees an amount of money there.
_DOLLAR_PREFIX = r"(?:NT|HK|US|A|C|S|NZ|R)\$"


def _split_dollar_prefixes(nlp: Language) -> None:
    prefixes = [_DOLLAR_PREFIX, *nlp.Defaults.prefixes]  # type: ignore[misc]
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search  # type: ignore[union-attr]


# A full stop after a model name that ends in a capital: "ordered the MI300X.", "HBM3E.".
# The stock suffix rules keep a stop after a capital letter ("U.S."), so the name and the
# stop stayed one word and the name went unrecognized at the end of a sentence.
_MODEL_NAME_STOP = r"(?<=[0-9][A-Z])\."


def _split_model_name_stops(nlp: Language) -> None:
    suffixes = [_MODEL_NAME_STOP, *nlp.Defaults.suffixes]  # type: ignore[misc]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search  # type: ignore[union-attr]
