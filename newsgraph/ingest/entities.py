"""From a parsed Doc to typed name mentions, before resolution to canonical entities.

Ruler matches carry their gazetteer id. Statistical NER spans are trimmed (a leading
"the", a trailing possessive), typed in the domain's classes, and dropped when they
name nothing (see `stopnames.txt`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from newsgraph.core.ontology import ENTITY_CLASSES, compatible
from newsgraph.core.text import name_key, respelling_allowed
from newsgraph.ingest.pipeline import DECLINED

# spaCy NER labels that name things we model; the rest are figures, dates or adjectives.
_NER_CLASSES = {
    "ORG": "Organization",
    "PERSON": "Person",
    "GPE": "Place",
    "LOC": "Place",
    "PRODUCT": "Product",
    "LAW": "Policy",
}

_GOVERNMENT_CUES = re.compile(
    r"\b(Ministry|Department|Agency|Administration|Bureau|Commission|Council|Congress|Senate|"
    r"Parliament|Government|Office|Committee|Authority|Regulator|Cabinet|Customs|Court|"
    r"Treasury|Pentagon|House|State Council)\b"
)
_RESEARCH_CUES = re.compile(r"\b(Research|Analytics|Intelligence|Insights|Consulting|Advisors)\b")
_COMPANY_CUES = re.compile(
    r"\b(Inc|Corp|Corporation|Co|Ltd|LLC|plc|Technologies|Technology|Semiconductor|"
    r"Semiconductors|Electronics|Microelectronics|Systems|Group|Holdings|Capital|Partners|"
    r"Labs|Computing|Memory|Micro|Devices|Networks|Software|Cloud)\b\.?"
)
# Chip model numbers: letters then digits, optionally a suffix (H20, MI300X, B200, GB200).
_CHIP_MODEL = re.compile(r"^(?:[A-Z]{1,3}\d{2,4}[A-Z]{0,2}|[A-Z][a-z]+ \d{3,4}[A-Z]{0,2})$")
_CORPORATE_SUFFIX = re.compile(
    r"\b(?:AI|Inc|Corp|Corporation|Ltd|LLC|Technologies|Semiconductor|Electronics|Labs)\.?$"
)
# Money or counts the NER mislabels as names: "100bn", "$4.5 billion", "1.2tn".
_AMOUNT = re.compile(r"^[$€£¥]?\d[\d.,]*\s*(?:bn|tn|m|k|billion|trillion|million)?$", re.IGNORECASE)
_QUARTER = re.compile(r"^(?:Q[1-4]|H[12]|FY\d{2,4}|N\d|[A-Z]{2,3}\d{4})$")

_LEADING_DROP = {"the", "The", "a", "an"}
_TRAILING_DROP = {"'s", "\u2019s", "'", "\u2019", ".", ",", ";", ":"}


@dataclass(frozen=True)
class NameMention:
    """A name in the text with its domain class; gazetteer_id when the ruler matched it."""

    sentence: int
    start: int
    end: int
    text: str
    cls: str
    gazetteer_id: str | None
    declined: frozenset[str] = frozenset()  # gazetteer entities the context says it is not


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and span.doc[start].text in _LEADING_DROP:
        start += 1
    while end > start and span.doc[end - 1].text in _TRAILING_DROP:
        end -= 1
    if start >= end:
        return None
    return span.doc[start:end]


def classify_statistical(text: str, label: str) -> str | None:
    """The domain class for a statistical NER span, or None when it is not a thing we model."""
    cls = _NER_CLASSES.get(label)
    if cls is None or _AMOUNT.match(text):
        return None
    if _CHIP_MODEL.match(text) and not _QUARTER.match(text) and label in {"ORG", "PRODUCT", "GPE"}:
        return "Chip"
    if cls in {"Person", "Place"}:
        # People and places have no model numbers and no corporate suffixes; the
        # statistical NER's PERSON/GPE on "NXT:2100i" or "Mistral AI" is a misread.
        if any(ch.isdigit() for ch in text):
            return "Product"
        if _CORPORATE_SUFFIX.search(text):
            return "Company"
    if cls == "Organization":
        if _GOVERNMENT_CUES.search(text):
            return "GovernmentBody"
        if _RESEARCH_CUES.search(text):
            return "ResearchFirm"
        if _COMPANY_CUES.search(text):
            return "Company"
    return cls


def _looks_like_a_name(text: str) -> bool:
    return (
        len(text) >= 2
        and len(text) <= 80
        and "\n" not in text
        and any(ch.isalpha() for ch in text)
        and (text[0].isupper() or text[0].isdigit())
    )


def name_mentions(
    doc: Doc, stopnames: frozenset[str], gazetteer_keys: dict[str, tuple[str, str]]
) -> list[NameMention]:
    """Every name mention in the doc, typed; gazetteer_keys maps name keys to (id, class)."""
    sentence_starts = [sent.start_char for sent in doc.sents]
    declined_links: dict[tuple[int, int], str] = doc.user_data.get(DECLINED, {})
    mentions: list[NameMention] = []
    for ent in doc.ents:
        span = _trim(ent)
        if span is None:
            continue
        text = span.text
        sentence = _sentence_of(sentence_starts, span.start_char)
        if ent.label_ in ENTITY_CLASSES:  # a ruler match: the gazetteer decides
            mentions.append(
                NameMention(sentence, span.start_char, span.end_char, text, ent.label_, ent.ent_id_)
            )
            continue
        key = name_key(text)
        declined = frozenset(
            gid for (a, b), gid in declined_links.items() if a < span.end_char and span.start_char < b
        )
        known = gazetteer_keys.get(key)
        cls = classify_statistical(text, ent.label_)
        fits = known is not None and (cls is None or compatible(cls, known[1]))
        respelled = respelling_allowed(text, key)
        if known and fits and respelled and known[0] not in declined and _looks_like_a_name(text):
            # another spelling of a known name ("NVIDIA'S"), of a class the model's label allows
            # ("western Eurasia" is no "Eurasia Group")
            mentions.append(NameMention(sentence, span.start_char, span.end_char, text, known[1], known[0]))
            continue
        if cls is None or not _looks_like_a_name(text) or _all_stopnames(key, stopnames):
            continue
        mentions.append(NameMention(sentence, span.start_char, span.end_char, text, cls, None, declined))
    return mentions


def _all_stopnames(key: str, stopnames: frozenset[str]) -> bool:
    """ "AI", but also "AI GPU": a name made only of non-names names nothing."""
    return key in stopnames or all(word in stopnames for word in key.split())


def _sentence_of(sentence_starts: list[int], char: int) -> int:
    index = 0
    for i, start in enumerate(sentence_starts):
        if start > char:
            break
        index = i
    return index
