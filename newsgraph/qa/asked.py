"""What a parsed question asks for, and where a candidate sits in its sentence.

The question's expected kind of answer in open-domain terms, whether it asks for one
thing or many, the role its wh-phrase plays and the noun it asks about; a candidate's
syntactic head and role, to set beside the wh-phrase's. The reader's features are made
of these (reader.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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


# "how old is he", "how tall is it": a measure, answered by a number.
_HOW_MEASURES = {"old", "tall", "high", "far", "big", "large", "fast", "deep", "heavy", "hot", "cold", "wide"}


def _asking(question: Doc) -> Iterator[Token]:
    """The wh-words that ask, the question's last sentence first ("Police arrested 31 men
    who planned a riot. Where was the event?" asks where), without relative pronouns."""
    for sentence in reversed(list(question.sents)):
        for token in sentence:
            if token.tag_ in ("WDT", "WP", "WP$", "WRB") and not _relative(token):
                yield token


def _relative(wh: Token) -> bool:
    """Whether a wh-word starts a relative clause: it follows a noun ("the group who
    planned", "Pong, which would become") and does not itself govern one ("this week,
    which platform said" asks)."""
    if wh.lower_ not in ("who", "whom", "whose", "which", "that"):
        return False  # "how", "where", "when" and "what" after a noun still ask
    before = [t for t in wh.doc[max(wh.i - 2, 0) : wh.i] if t.text != ","]
    if not before or before[-1].pos_ not in ("NOUN", "PROPN"):
        return False
    follows = wh.doc[wh.i + 1] if wh.i + 1 < len(wh.doc) else wh
    return follows.pos_ in ("VERB", "AUX") or _wh_noun(wh) is None


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
    for token in _asking(question):
        word = token.lower_
        if word in ("which", "what", "whose"):
            head = _wh_noun(token) or _copula_noun(token)
            if head is not None:
                kind = nouns.get(head.lemma_.lower()) or nouns.get(head.lower_)
                return kind or "other"
            if word == "whose":
                return "person"
        following = question[token.i + 1] if token.i + 1 < len(question) else token
        if word == "how" and following.lower_ in _HOW_MEASURES:
            return "number"
        if word in _WH_KINDS:
            return _WH_KINDS[word]
    return "other"


def asks_for_many(question: Doc) -> bool:
    """Whether the noun a "which"/"what" governs is plural ("which cloud and internet
    companies", "which two countries"), or there is no such noun ("who are the buyers"):
    the parser's grammatical number of the phrase's last noun before its verb, not a
    final s ("which tennis star pulled out" asks for one)."""
    for token in _asking(question):
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
    """The noun a "which"/"what" asks about: "which wildly popular show" -> show, "which
    23-time grand slam tennis champion" -> champion: the last noun of the first run of
    nouns and their modifiers within a few words (the parser often misattaches it)."""
    head: Token | None = None
    for token in wh.doc[wh.i + 1 : wh.i + 8]:
        # Before the first noun: adverbs, adjectives, determiners, numbers, quotes, hyphens;
        # after it, only what goes on a noun phrase ("US national park", not "area this week").
        goes_on = ("ADJ", "NUM") if head is not None else ("ADV", "ADJ", "DET", "NUM", "PUNCT")
        if token.pos_ in ("NOUN", "PROPN"):
            head = token
        elif (token.pos_ not in goes_on or token.text == ",") and token.text not in ("-", "–"):
            break
    return head


def _copula_noun(wh: Token) -> Token | None:
    """The noun of "what is the X" ("what was the magnitude of the quake" -> magnitude)."""
    doc = wh.doc
    if wh.lower_ != "what" or wh.i + 2 >= len(doc) or doc[wh.i + 1].lemma_ != "be":
        return None
    if doc[wh.i + 2].pos_ != "DET":
        return None
    return _wh_noun(doc[wh.i + 2])


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
    for token in _asking(question):
        following = question[token.i + 1].lower_ if token.i + 1 < len(question) else ""
        noun: Token | None = None
        if token.lower_ in ("which", "what", "whose"):
            noun = _wh_noun(token)
            asked = _copula_noun(token) if noun is None else None
            if asked is not None:
                # "what was the magnitude": the noun asked about, the wh-word's own role.
                return Slot(lemmas, _ROLES.get(token.dep_, ""), asked.lemma_.lower())
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
