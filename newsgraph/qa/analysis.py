"""Question analysis: the expected answer type, the entities named, relation cues, years."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.core.text import singular
from newsgraph.ingest.relations import Vocabulary

ANSWER_TYPES = ("entity", "list", "date", "number", "money", "percent", "reason", "yesno")
_YESNO_START = {"is", "are", "was", "were", "did", "does", "do", "has", "have", "had", "will", "can", "could"}
_PERCENT = re.compile(
    r"\b(what|which) (share|percentage|proportion|portion|fraction)\b|\bpercent|%|\bshare of\b"
    r"|\bmarket share\b"
)
# "How far did shares jump", "by how much did prices climb": changes are given in percent.
_CHANGE = re.compile(
    r"\b(by how much|how much|how far)\b.*\b(rise|rose|risen|jump|fall|fell|fallen|drop|gain|climb|grow|"
    r"grew|shrink|increase|decline|slump|surge|soar|plunge|slide|slid)\w*\b"
)
_MONEY_WORDS = re.compile(
    r"\brevenue|\bsales\b|\bprofit|\bspend|\$|\bdollars?\b|\byuan\b|\bvalue\b|\bcapex\b"
)
_MONEY = re.compile(
    r"\bhow much\b|\bhow (big|large)\b|\bwhat level\b|\bsize of\b|\bworth\b|\brevenue\b|\bsales\b|"
    r"\bspend|\bcapex\b|\bcapital (expenditure|spending)\b|"
    r"\bcharge\b|\bcost\b|\bvalue\b|\bprofit\b|\binvest|\bdollars?\b|\byuan\b|\bbudget\b|\bprice\b"
)
_NUMBER = re.compile(r"\bhow many\b|\bnumber of\b|\bhow large a\b")
_DATE = re.compile(
    r"^when\b|\bwhat (date|year|month|day|time)\b|\bwhich (year|month|day|date)\b|\bby when\b|\bwhen\b"
)
_REASON = re.compile(r"^why\b|\bwhat (reason|explanation)\b|\bwhy\b|\bfor what reason\b")
_LIST_START = re.compile(r"^(which|what|name|list)\b")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_WORD = re.compile(r"[a-z0-9$%]+")
STOPWORDS = frozenset(
    (
        "a an the of to in on for by with and or is are was were be been do does did has have had "
        "what which who whom when why how much many that this these those it its their there from "
        "as at into about according than more most any some will would could can should may might "
        "say said tell told report reported article news"
    ).split()
)


# The noun after "which"/"what" (or "who") says what class of entity the answer is.
_CLASS_NOUNS = {
    "Person": "minister official executive ceo chief chairman chairwoman secretary president "
    "analyst founder lawmaker senator person spokesperson leader head",
    "Organization": "company firm maker manufacturer provider supplier chipmaker rival competitor "
    "customer buyer startup start-up group designer foundry developer giant bank brokerage vendor",
    "GovernmentBody": "agency ministry regulator department government body bureau administration",
    "Product": "chip processor accelerator gpu product model system card",
    "Country": "country nation",
    "Place": "city province region state",
    "Policy": "rule law policy regulation list act",
    "Technology": "technology memory",
}
_NOUN_CLASS = {noun: cls for cls, nouns in _CLASS_NOUNS.items() for noun in nouns.split()}


def expected_class(question: str) -> str | None:
    """The class the answer should have: "which memory maker" -> Organization."""
    words = re.findall(r"[a-z-]+", question.lower())
    # A bare "who" asks for a person as often as for a company or an agency: no constraint.
    for i, word in enumerate(words[:-1]):
        if word in {"which", "what"}:
            for noun in words[i + 1 : i + 4]:
                base = singular(noun)
                if base in _NOUN_CLASS:
                    return _NOUN_CLASS[base]
    return None


@dataclass(frozen=True)
class QuestionAnalysis:
    """What a question asks for and what it names."""

    question: str
    answer_type: str
    entity_ids: tuple[str, ...]
    relation: str | None
    cue_words: frozenset[str]
    years: tuple[str, ...]
    answer_class: str | None = None


def is_frame_word(word: str, vocabulary: Vocabulary) -> bool:
    """A word that frames the question ("buy", "companies") rather than narrowing it."""
    forms = {word, singular(word), word.removesuffix("es"), word.removesuffix("ing")}
    tables = (vocabulary.verbs, vocabulary.roles, vocabulary.nouns, _NOUN_CLASS)
    return any(form in table for form in forms for table in tables)


def content_words(text: str) -> frozenset[str]:
    """Lowercase words that carry meaning, with a crude plural-stripping stem."""
    words = set()
    for word in _WORD.findall(text.lower().replace("’", "'")):
        if word in STOPWORDS or len(word) < 2:
            continue
        words.add(singular(word) if len(word) > 4 else word)
    return frozenset(words)


def answer_type(question: str) -> str:
    """The kind of answer a question expects, from its wording."""
    text = question.lower().strip()
    first = text.split()[0] if text.split() else ""
    if first in _YESNO_START:
        return "yesno"
    if _REASON.search(text):
        return "reason"
    if _DATE.search(text):
        return "date"
    if _PERCENT.search(text) or (_CHANGE.search(text) and not _MONEY_WORDS.search(text)):
        return "percent"
    if _NUMBER.search(text):
        return "number"
    if _MONEY.search(text):
        return "money"
    match = _LIST_START.match(text)
    if match:
        after = text[match.end() :].split()
        # "which companies", "what chips", "name the buyers": a plural noun asks for a list.
        plural = next((w for w in after[:3] if w.endswith("s") and not w.endswith("ss") and len(w) > 3), None)
        if plural is not None and plural not in {"does", "has", "was", "is", "its"}:
            return "list"
    if text.startswith(("who are", "who were")):
        return "list"
    return "entity"


def analyze(question: str, entity_ids: list[str], vocabulary: Vocabulary) -> QuestionAnalysis:
    """Analyze a question whose entities have already been linked."""
    words = content_words(question)
    relation = None
    for word in re.findall(r"[a-z]+", question.lower()):
        for form in (word, word[:-1], word[:-2], word[:-3] + "e" if word.endswith("ing") else word):
            found = vocabulary.verbs.get(form) or vocabulary.roles.get(form) or vocabulary.nouns.get(form)
            if found and found not in {"says", "related_to"}:
                relation = found
                break
        if relation:
            break
    return QuestionAnalysis(
        question=question,
        answer_type=answer_type(question),
        entity_ids=tuple(entity_ids),
        relation=relation,
        cue_words=words,
        years=tuple(m.group(0) for m in _YEAR.finditer(question)),
        answer_class=expected_class(question),
    )
