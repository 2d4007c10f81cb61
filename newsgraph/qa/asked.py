"""What a parsed question asks for, and where a candidate sits in its sentence.

The question's expected kind of answer in open-domain terms, whether it asks for one
thing or many, the role its wh-phrase plays and the noun it asks about; a candidate's
syntactic head and role, to set beside the wh-phrase's. The reader's features are made
of these (reader.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from spacy.tokens import Doc, Span, Token

DATA = Path(__file__).resolve().parent / "data"
_WH_KINDS = {"who": "person", "whom": "person", "whose": "person", "where": "place", "when": "date"}
_MONEY = re.compile(
    r"\bhow much\b.*(\$|\bcost|\bpay|\bpaid|\bworth|\bprice|\bspen[dt]|\bfine|\bdollars?|\bsel[ld]|\bsold"
    r"|\bearn|\braise|\bcharge|\bbid|\bfetch|\bdebt|\bfund)"
)


@cache
def _noun_kinds() -> dict[str, str]:
    table = yaml.safe_load((DATA / "answer_kinds.yaml").read_text(encoding="utf-8"))
    return {noun: kind for kind, nouns in table.items() for noun in str(nouns).split()}


def expected_kind(question: Doc) -> str:
    """What kind of answer a parsed question asks for."""
    lowered = question.text.lower()
    if re.search(r"\bhow many\b", lowered):
        return "number"
    if re.search(r"\bhow much\b", lowered):
        return "money" if _MONEY.search(lowered) else "amount"
    if re.search(r"\b(what|which) (percentage|percent|share|proportion)\b", lowered):
        return "percent"
    nouns = _noun_kinds()
    for token in question:
        word = token.lower_
        if word in ("which", "what", "whose"):
            head = _wh_noun(token)
            if head is not None:
                kind = nouns.get(head.lemma_.lower()) or nouns.get(head.lower_)
                return kind or "other"
            if word == "whose":
                return "person"
        if word in _WH_KINDS and token.tag_ in ("WP", "WRB", "WP$"):
            return _WH_KINDS[word]
    return "other"


def asks_for_many(question: Doc) -> bool:
    """Whether the noun a "which"/"what" governs is plural ("which cloud and internet
    companies", "which two countries"), or there is no such noun ("who are the buyers"):
    the parser's grammatical number of the phrase's last noun before its verb, not a
    final s ("which tennis star pulled out" asks for one)."""
    for token in question:
        if token.lower_ in ("which", "what") and token.tag_ in ("WDT", "WP"):
            last: Token | None = None
            for word in question[token.i + 1 : token.i + 9]:
                if word.pos_ in ("VERB", "AUX") or word.text == ",":
                    break
                if word.pos_ in ("NOUN", "PROPN"):
                    last = word
            if last is not None:
                return last.tag_ in ("NNS", "NNPS")
    return True


def _wh_noun(wh: Token) -> Token | None:
    """The noun a "which"/"what" asks about: "which wildly popular show" -> show, the last
    noun of the first run of nouns within a few words (the parser often misattaches it)."""
    head: Token | None = None
    for token in wh.doc[wh.i + 1 : wh.i + 6]:
        if token.pos_ in ("NOUN", "PROPN"):
            head = token
        elif head is not None or token.pos_ not in ("ADV", "ADJ", "DET", "NUM", "PUNCT"):
            break
    return head


# Dependency labels grouped into the roles a wh-phrase and an answer can share.
_ROLES = {
    "nsubj": "subject",
    "nsubjpass": "object",  # "was recently green lit": the thing acted on
    "csubj": "subject",
    "dobj": "object",
    "attr": "object",
    "oprd": "object",
    "dative": "object",
    "pobj": "oblique",
    "advmod": "oblique",
    "npadvmod": "oblique",
}


@dataclass(frozen=True)
class Slot:
    """Where the question's wh-phrase sits: the words around it, its role, and its noun."""

    lemmas: frozenset[str]  # the question's content lemmas
    role: str  # subject, object, oblique or "" when unknown
    noun: str  # the noun asked about ("which team" -> "team"), lowercased, or ""


def wh_slot(question: Doc) -> Slot:
    """The role of the wh-phrase in the question and the noun it asks about."""
    content = [t for t in question if t.is_alpha and not t.is_stop and t.pos_ in ("VERB", "NOUN", "ADJ")]
    lemmas = frozenset(t.lemma_.lower() for t in content)
    for token in question:
        if token.tag_ not in ("WDT", "WP", "WP$", "WRB"):
            continue
        following = question[token.i + 1].lower_ if token.i + 1 < len(question) else ""
        noun: Token | None = None
        if token.lower_ in ("which", "what", "whose"):
            noun = _wh_noun(token)
        elif token.lower_ == "how" and following in ("many", "much"):
            # "how many Christmas trees": the counted noun, which the answer's number modifies.
            noun = _wh_noun(question[token.i + 1])
        phrase = noun if noun is not None else token
        dep = phrase.dep_
        if dep == "pobj" or (dep == "det" and phrase.head.dep_ == "pobj"):
            dep = "pobj"
        return Slot(lemmas, _ROLES.get(dep, ""), noun.lemma_.lower() if noun is not None else "")
    return Slot(lemmas, "", "")


def role_of(span: Span) -> tuple[str, str]:
    """A candidate's syntactic head lemma and its role there; through a preposition ("held
    in Idaho": hold, oblique) and past a compound, an apposition or a conjunction."""
    root = span.root
    head, dep = root.head, root.dep_
    if dep == "pobj" and head.dep_ == "prep":
        head = head.head
    elif dep in ("appos", "compound", "conj") and head.i != root.i:
        head, dep = head.head, head.dep_
    return head.lemma_.lower(), _ROLES.get(dep, "")


def near(span: Span, noun: str, distance: int) -> bool:
    doc = span.doc
    around = doc[max(span.start - distance, 0) : min(span.end + distance, len(doc))]
    return any(t.lemma_.lower() == noun or t.lower_ == noun for t in around)
