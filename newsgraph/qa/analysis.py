"""Question analysis: the expected answer type, the entities named, relation cues, years."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.core.periods import FULL_MONTHS, ORDINAL_QUARTERS, quarter_of
from newsgraph.core.relations import Vocabulary
from newsgraph.core.text import FUNCTION_WORDS, name_key, singular
from newsgraph.qa.evidence import content_stems, stem

ANSWER_TYPES = ("entity", "list", "date", "number", "money", "percent", "reason", "yesno")
# "Between the two reports, was there a change ...?": the question is its last clause.
_YESNO_CLAUSE = re.compile(r",\s*(?:is|are|was|were|did|does|do|has|have|had)\s+(?:there\s+)?[^?]*\?\s*$")
_WH_WORD = r"\b(?:which|what|who|whom|whose|where|when|why|how)\b"
# A wh-word that asks: not "how" in an embedded clause ("the reporting on how sportsbooks adjust").
_WH_ASKING = re.compile(
    r"\b(?:which|what|who|whom|whose|where|when|why)\b"
    r"|(?<!\bon )(?<!\babout )(?<!\bof )(?<!\bregarding )\bhow\b"
)
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
_NUMBER = re.compile(r"\bhow many\b|\bnumber of\b|\bhow long\b|\bwhat (volume|quantity)")
# Nouns that are measured in percent: "what gross margin", "what net sales growth".
_PERCENT_NOUNS = re.compile(r"^(what|which)\b(\s+\S+){0,3}?\s+(margin|growth|stake|rate|share)s?\b")
_MONEY_PRICE = re.compile(r"\b(what|which)\b.*\bprice\b|\bhow large a (fine|charge|penalty)\b")
_REASON = re.compile(
    r"^why\b|\bwhat (reason|explanation|justification|rationale|motive)\b|\bwhy\b|\bfor what reason\b"
    r"|^what (has |had )?(caused|drove|drives|driven|prompted|triggered|led to|pushed|explains|made)\b"
    r"|\bwhat (is|was|are|were) the (main |chief )?(reason|cause|explanation|justification|rationale)s?\b"
)
_LIST_START = re.compile(r"^(which|what|name|list)\b")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # a year written out: "2026"
_WORD = re.compile(r"[a-z0-9$%]+")


# The noun after "which"/"what" (or "who") says what class of entity the answer is.
_CLASS_NOUNS = {
    "Person": "minister official executive ceo chief chairman chairwoman secretary president "
    "analyst founder lawmaker senator person spokesperson leader head congressman congresswoman "
    "representative governor adviser advisor",
    "Organization": "company firm maker manufacturer provider supplier chipmaker rival competitor "
    "customer buyer startup start-up group designer foundry developer giant bank brokerage vendor "
    "unit division subsidiary affiliate",
    "GovernmentBody": "agency ministry regulator department government body bureau administration",
    "Product": "chip processor accelerator gpu product model system card",
    "Country": "country nation",
    "Place": "city province region state",
    "Policy": "rule law policy regulation list act legislation bill",
    "Technology": "technology memory",
}
NOUN_CLASS = {noun: cls for cls, nouns in _CLASS_NOUNS.items() for noun in nouns.split()}


def expected_class(question: str) -> str | None:
    """The class the answer should have: "which memory maker" -> Organization."""
    wh, _, phrase = wh_phrase(question)
    if wh == "whose":
        return "Organization"  # "Whose technology": in news of companies, an organisation's
    if wh == "who":
        # "Who is the Intel chief executive": the class noun after the verb; a bare "who"
        # asks for a person as often as for a company or an agency: no constraint.
        match = re.search(r"\bwho (?:is|was|are|were) (?:the |a |an )?(.*)", question.lower())
        phrase = re.findall(r"[a-z-]+", match.group(1))[:4] if match else []
        return next((NOUN_CLASS[singular(w)] for w in phrase if singular(w) in NOUN_CLASS), None)
    if wh not in ("which", "what"):
        return None
    found = None
    for word in phrase[:4]:
        base = singular(word.removesuffix("'s").rstrip("'"))
        if base in NOUN_CLASS:
            found = NOUN_CLASS[base]  # the last class noun is the head: "chip designer"
        if _possessive_class(word):
            break  # "which company's shares": the owner is asked for
    return found


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
    # Stems of the words that narrow the question, beyond the entities it names, with weights.
    terms: tuple[tuple[str, float], ...] = ()
    months: tuple[str, ...] = ()  # "2024-08" for "in August 2024"
    compare: bool = False  # "how did X change from A to B": two values, not one
    count: int | None = None  # "which two companies"
    month_only: bool = False  # "in what month and year"
    wants_day: bool = False  # "on what date", "what day"
    wants_year: bool = False  # "in what year"
    future: bool = False  # "when will", "when does X plan to": not a date already past when reported
    # Stems of the phrase after "which", "what", "how many": "chip designer", "Ascend chips".
    head_words: tuple[str, ...] = ()
    preposition: str | None = None  # "at" in "at which event"
    # Years a figure or date should be of: not those that only date a report ("in May 2024").
    period_years: tuple[str, ...] = ()
    quarter: int | None = None  # 4 for "fourth-quarter revenue", "Q4", "October-December quarter"
    # Stems of the asked-for phrase that evidence must state: "gross margin", not "share" or "company".
    key_words: tuple[str, ...] = ()
    extreme: str | None = None  # "max" for "the largest configuration", "min" for "the lowest price"


def content_words(text: str) -> frozenset[str]:
    """Lowercase words that carry meaning, with a crude plural-stripping stem."""
    words = set()
    for word in _WORD.findall(text.lower().replace("’", "'")):
        if word in FUNCTION_WORDS or len(word) < 2:
            continue
        words.add(singular(word) if len(word) > 4 else word)
    return frozenset(words)


_AUX = frozenset("did does do is are was were has have had will would could can should may might".split())
_WH = re.compile(r"\b(which|what|whose|who|whom|when|why|how (?:much|many|long|far|large|big))\b")
_PERCENT_NOUN = re.compile(
    r"^(share|percentage|proportion|portion|fraction|margin|growth|stake|rate|percent)s?$"
)
_MONEY_NOUN = re.compile(
    r"^(revenue|sales|profit|price|cost|value|valuation|bookings|spending|spend|capex|budget|fine|charge|"
    r"buyback|income|loss|dividend|investment|funding|worth|amount|sum|payment|dollars?|yuan|euros?|"
    r"money|capital|proceeds|subsid(y|ie)|grant|aid|fee|earning|cash|debt|loan|penalt(y|ie))s?$"
)
_NUMBER_NOUN = re.compile(r"^(number|volume|quantity|count|headcount)s?$")
# "What capacity" asks for a number, "which capacity" for a kind of it.
_WHAT_NUMBER_NOUN = re.compile(r"^(capacity|capacities|bandwidth|speed|density)$")
# Nouns of a figure whose kind the rest of the question tells: "what range of market share".
_FIGURE_NOUN = re.compile(r"^(level|range|amount|figure|size|total|sum)s?$")
_COMPARATIVE = re.compile(r"^(?:\w+er|more|less)$")
_MARKET_FORECAST = re.compile(r"\bforecast for\b.*\bmarket\b")
_FUTURE = re.compile(
    r"^when will\b|^when (?:does|do)\b.*\b(?:plans?|aims?|expects?|intends?|hopes?) to\b"
    r"|^when (?:is|are)\b.*\b(?:due|expected|set|scheduled|planned|likely)\b"
)
_LARGEST = re.compile(r"\b(?:largest|biggest|highest|greatest|maximum|peak)\b")
_SMALLEST = re.compile(r"\b(?:smallest|lowest|fewest|minimum)\b")
_DATE_NOUN = re.compile(r"^(date|year|month|day|time|week|quarter)s?$")


_PREPOSITIONS = frozenset(
    "of in on at for by with from to into about over under during after before since than as like per".split()
)
_STOPS = frozenset({",", "that", "which", "who", "whose", "whom", "when", "where"})
_DETERMINERS = frozenset("the a an its their his her our".split())
# "What kind of chip", "what is the name of the platform": the phrase after the frame.
_COPULA_SUBJECT = re.compile(r"^\s*(?:is|was|are|were)\s+(?:the|a|an|its|their|[\w.&-]+'s)\s+", re.I)
_FRAME = re.compile(
    r"^(?:(?:is|was|are|were) (?:the )?)?(?:name|kind|type|sort|form|brand)s? of (?:the |a |an |its |their )?"
)


def _is_verb(word: str, following: str) -> bool:
    """Whether a word of a wh-phrase is the verb that ends it: "opened an", "manufactures Amazon's".

    Without a tagger a past or third-person form counts as the verb when a determiner, a
    particle ("lags behind") or a name follows it; "advanced chips" and "listed companies"
    stay in the phrase.
    """
    if word in _IRREGULAR_PAST or following in _DETERMINERS:
        return True
    if word.endswith("ed") and following == "by":
        return True  # "memory makers backed by the Big Fund"
    if following in _PARTICLES:
        return True  # "chips make up", "which maker lags behind"
    inflected = word.endswith(("ed", "es")) or (word.endswith("s") and not word.endswith("ss"))
    return inflected and (following in _DETERMINERS or following[:1].isupper())


_PARTICLES = frozenset("behind ahead out off up down".split())  # "lags behind", "stands out"


_IRREGULAR_PAST = frozenset(
    "led said made won took sold bought told held brought built sought chose gave went left met ran saw "
    "became kept wrote drew found struck sent overtook fought paid spent began grew rose fell".split()
)


def wh_phrase(question: str) -> tuple[str, str | None, list[str]]:
    """The question word, the preposition before it and the words of the phrase it heads.

    "At which event did Raimondo speak" -> ("which", "at", ["event"]). The phrase ends at the
    auxiliary or the verb ("Which Chinese regulator opened ..." -> ["chinese", "regulator"]),
    at a comma or a preposition, and skips a frame ("what is the name of X" -> X).
    """
    spelled = question.replace("’", "'")
    text = spelled.lower()
    match = _WH.search(text)
    if match is None:
        return "", None, []
    before = text[: match.start()].split()
    preposition = (
        before[-1]
        if before and before[-1] in {"at", "on", "in", "from", "by", "for", "to", "with", "since"}
        else None
    )
    rest = spelled[match.end() :]
    frame = _FRAME.match(rest.lower().lstrip())
    if frame is not None and match.group(1) in ("which", "what"):
        rest = rest.lstrip()[frame.end() :]
    elif match.group(1) in ("which", "what"):
        # "What was SMIC's utilisation rate", "What is the registered capital": the copula's
        # subject is the thing asked for.
        rest = _COPULA_SUBJECT.sub("", rest, count=1)
    found = list(re.finditer(r"[\w$%'-]+|,", rest))[:6]
    words: list[str] = []
    for i, token in enumerate(found[:5]):
        word = token.group(0).lower()
        following = found[i + 1].group(0) if i + 1 < len(found) else ""
        if word in _AUX or word in _STOPS or (words and word in _PREPOSITIONS):
            break
        if words and _is_verb(word, following):
            break
        words.append(word)
    return match.group(1), preposition, words


def _possessive_class(word: str) -> bool:
    """ "company's", "companies'": a class noun that owns what follows it."""
    if word.endswith("'s"):
        return singular(word[:-2]) in NOUN_CLASS
    return word.endswith("s'") and singular(word[:-1]) in NOUN_CLASS


def answer_type(question: str) -> str:
    """The kind of answer a question expects, from its wording."""
    text = question.lower().strip()
    first = text.split()[0] if text.split() else ""
    if first in _YESNO_START or (_YESNO_CLAUSE.search(text) and not _WH_ASKING.search(text)):
        return "yesno"
    if _REASON.search(text):
        return "reason"
    wh, _, phrase = wh_phrase(question)
    head = phrase
    if wh == "when" or (wh in ("which", "what") and any(_DATE_NOUN.match(w) for w in head)):
        return "date"  # "what year", "what was the earliest launch date"
    if wh == "whose":
        return "entity"
    if wh in ("which", "what") and head:
        # "Which company's shares rallied" asks for the owner, not a measure of it.
        owner = next((i for i, w in enumerate(head) if _possessive_class(w)), None)
        if owner is not None:
            return "list" if head[owner].endswith("s'") else "entity"
        # The last measure noun of the phrase, its head, decides: "net sales growth" asks for a
        # percent, "share price" for money ("per" ends the phrase: "price per share").
        for word in reversed(head):
            for kind, noun in (("percent", _PERCENT_NOUN), ("money", _MONEY_NOUN), ("number", _NUMBER_NOUN)):
                if noun.match(word):
                    return kind
        if _MONEY_PRICE.search(text):
            return "money"
        if wh == "what" and any(_WHAT_NUMBER_NOUN.match(w) for w in head):
            return "number"
        if any(_FIGURE_NOUN.match(w) for w in head):
            # "What range of market share", "to what level did AMD raise its forecast for the market"
            if _PERCENT.search(text) or _PERCENT_NOUNS.search(text):
                return "percent"
            return "money" if _MONEY_WORDS.search(text) or _MARKET_FORECAST.search(text) else "number"
    if wh in ("how many", "how long"):
        return "number"
    if wh == "how far":
        return "percent"
    if wh in ("how much", "how large", "how big"):
        if phrase and _COMPARATIVE.match(phrase[0]):
            return "percent"  # "how much faster", "how much higher": a relative difference
        if phrase and phrase[0] not in ("in", "of", "a", "an", "the"):
            if any(_MONEY_NOUN.match(w) for w in phrase) or "$" in text:
                return "money"
            return "percent" if any(_PERCENT_NOUN.match(w) for w in phrase) else "number"
        if _CHANGE.search(text) and (not phrase or not _MONEY_WORDS.search(text)):
            return "percent"  # "by how much did profit fall": the change, which news gives in percent
        return "number" if _NUMBER.search(text) and not _MONEY.search(text) else "money"
    if wh in ("which", "what") and head:
        # "which companies", "what chips", "name the buyers": a plural noun asks for a list.
        plural = next(
            (w for w in head if w.endswith("s") and not w.endswith(("ss", "ics", "'s")) and len(w) > 3),
            None,
        )
        if plural is not None and plural not in {"does", "has", "was", "is", "its"}:
            return "list"
        return "entity"
    if text.startswith(("who are", "who were")):
        return "list"
    if wh in ("who", "whom"):
        return "entity"
    if _PERCENT.search(text) or _PERCENT_NOUNS.search(text) or re.search(r"\b(growth|margin)\b", text):
        return "percent"
    if _NUMBER.search(text):
        return "number"
    if _MONEY.search(text) or _MARKET_FORECAST.search(text):
        return "money"
    match = _LIST_START.match(text)
    if match and any(w.endswith("s") and len(w) > 3 for w in text[match.end() :].split()[:3]):
        return "list"
    return "entity"


_MONTH_YEAR = re.compile(rf"\b({'|'.join(FULL_MONTHS)})\s+((?:19|20)\d\d)\b")
_QUARTER = re.compile(
    r"\b(?:(first|second|third|fourth)[- ]quarter|q([1-4])|"
    r"(january|april|july|october)[-–](?:march|june|september|december) quarter|"
    r"(march|june|september|december)(?: (?:19|20)\d\d)? quarter)\b"
)


def asked_quarter(lowered: str) -> int | None:
    """The quarter a question asks about: "third-quarter profit", "Q3", "July-September quarter",
    "the September quarter" (the one that ends in September)."""
    match = _QUARTER.search(lowered)
    if match is None:
        return None
    word = match.group(1) or match.group(3) or match.group(4)
    if not word:
        return int(match.group(2))
    return ORDINAL_QUARTERS.get(word) or quarter_of(FULL_MONTHS[word])


def stated_quarters(lowered: str) -> set[int]:
    """Every quarter a text names, in any of the forms `asked_quarter` reads."""
    return {asked_quarter(m.group(0)) or 0 for m in _QUARTER.finditer(lowered)} - {0}


def period_years(lowered: str) -> tuple[str, ...]:
    """Years the question asks a value for, leaving out those of a "Month YYYY" report date."""
    dated = {m.start(2) for m in _MONTH_YEAR.finditer(lowered)}
    return tuple(m.group(0) for m in YEAR.finditer(lowered) if m.start() not in dated)


_COMPARE = re.compile(r"\bhow did\b.*\b(change|compare|evolve|move|shift)\b|\bcompared? (with|to)\b")
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}
_QUESTION_FRAME = frozenset(
    "name list give kind type sort exactly specifically reportedly initially originally "
    "apart besides except excluding".split()  # "apart from Tokyo Electron, which ..."
)


def _said_names(question: str, names: Sequence[str]) -> set[str]:
    """Stems of the words of those `names` the question spells: a word of another spelling
    ("Investment" of "China Integrated Circuit Industry Investment Fund" when the question
    says "Big Fund") is the question's own."""
    key = f" {name_key(question)} "
    return {stem(w) for name in names if f" {name_key(name)} " in key for w in re.findall(r"[\w’'.-]+", name)}


def question_terms(question: str, names: Sequence[str]) -> tuple[tuple[str, float], ...]:
    """The stems that narrow a question, beyond its named entities; class nouns weigh half."""
    named = _said_names(question, names)
    terms: dict[str, float] = {}
    for word in content_stems(question):
        if word in named or word in _QUESTION_FRAME or YEAR.fullmatch(word) or word in FULL_MONTHS:
            continue
        terms[word] = 0.5 if singular(word) in NOUN_CLASS else 1.0
    return tuple(terms.items())


# Nouns that only name the kind of answer when they follow "what"/"which"/"how much": "in what
# year", "on what date", "what percentage of", "how much money": sentences seldom say the noun.
_KIND_NOUN = re.compile(r"^(date|year|month|day|time|week|percentage|proportion|portion|fraction|money)s?$")


def _without_asked_kind(
    terms: tuple[tuple[str, float], ...], phrase: Sequence[str]
) -> tuple[tuple[str, float], ...]:
    """The terms without the noun that names the kind of answer asked for."""
    kind = {stem(w) for w in phrase if _KIND_NOUN.match(w)}
    return tuple((t, w) for t, w in terms if t not in kind)


def _without_kind(phrase: Sequence[str]) -> list[str]:
    """The asked-for phrase without the nouns that only name the kind of answer."""
    return [w for w in phrase if not _KIND_NOUN.match(w)]


def _stress_predicate(terms: tuple[tuple[str, float], ...], kind: str) -> tuple[tuple[str, float], ...]:
    """In "Did Nvidia comment on reports ...?" the verb after the subject is what is asked."""
    if kind != "yesno" or not terms:
        return terms
    (first, weight), *rest = terms
    return ((first, 2 * weight), *rest)


# Nouns that say what kind of answer is wanted rather than what it is about.
_TYPE_NOUNS = frozenset(
    "share percentage proportion portion fraction percent amount sum number figure level value date year "
    "month day time week quarter kind type sort name thing one entity people".split()
)


_FRAME_STEMS = frozenset(stem(w) for w in (*_TYPE_NOUNS, *NOUN_CLASS))
# Heads any figure of the asked kind is: a percent is a rate, a span of numbers a range.
_GENERIC_HEADS = frozenset(stem(w) for w in "rate range size total".split())


def key_words(head_words: Sequence[str]) -> tuple[str, ...]:
    """The head noun a supporting sentence must state ("margin" of "gross margin"); class and type
    nouns ("company", "share") need not be stated, nor modifiers ("Chinese", "additional")."""
    if not head_words:
        return ()
    nouns = [stem(w.split("-")[-1]) if "-" in w else w for w in head_words]  # already stems
    nouns = [n[:-1] if n.endswith("us") and len(n) == 4 else n for n in nouns]  # "gpus", "tpus"
    noun = nouns[-1]
    if noun in _GENERIC_HEADS:
        # "capacity utilisation rate", "tariff rate": the word before says which rate.
        noun = nouns[-2] if len(nouns) > 1 else noun
    return () if noun in _FRAME_STEMS | _GENERIC_HEADS else (noun,)


# Verbs that say what a sum is: "how much is Samsung investing" asks for an investment.
_MONEY_VERBS = frozenset(
    stem(w) for w in "invest spend pay raise cost charge lose offer bid borrow cut save generate".split()
)


def _money_verb(question: str, phrase: Sequence[str]) -> tuple[str, ...]:
    """For "how much (money) did X <verb>" (no other noun after "how much"), the verb when it
    names a sum: "how much money did the IPO raise" asks for what was raised."""
    if _without_kind(phrase) or not question.lower().startswith("how much"):
        return ()
    verb = next((w for w in content_stems(question) if w in _MONEY_VERBS), None)
    return (verb,) if verb else ()


def _head_words(phrase: Sequence[str], names: Sequence[str]) -> tuple[str, ...]:
    """Stems of the asked-for phrase, without the names in it: "ASML immersion model" -> immersion, model."""
    named = _said_names(" ".join(phrase), names)
    words = [stem(w) for w in phrase if w not in FUNCTION_WORDS and w != "and"]
    return tuple(w for w in words if w not in named)[-4:]


def analyze(
    question: str, entity_ids: list[str], vocabulary: Vocabulary, names: Sequence[str] = ()
) -> QuestionAnalysis:
    """Analyze a question whose entities have already been linked; `names` are their spellings."""
    words = content_words(question)
    lowered = question.lower()
    wh, preposition, phrase = wh_phrase(question)
    if wh not in ("which", "what", "how many", "how much"):
        phrase = []
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
        years=tuple(m.group(0) for m in YEAR.finditer(question)),
        answer_class=expected_class(question),
        terms=_stress_predicate(
            _without_asked_kind(question_terms(question, names), phrase), answer_type(question)
        ),
        months=tuple(f"{y}-{FULL_MONTHS[m]:02d}" for m, y in _MONTH_YEAR.findall(lowered)),
        compare=bool(_COMPARE.search(lowered)),
        count=next((n for w, n in _COUNTS.items() if re.search(rf"\b(which|what) {w}\b", lowered)), None),
        month_only=bool(re.search(r"\b(what|which) month\b", lowered)),
        wants_day=bool(re.search(r"\b(what|which) (exact )?(date|day)\b", lowered)),
        wants_year=bool(re.search(r"\b(what|which) year\b", lowered)),
        future=bool(_FUTURE.search(lowered)),
        head_words=_head_words(phrase, names),
        key_words=key_words(_head_words(_without_kind(phrase), names)) or _money_verb(question, phrase),
        preposition=preposition,
        period_years=period_years(lowered),
        quarter=asked_quarter(lowered),
        extreme="max" if _LARGEST.search(lowered) else "min" if _SMALLEST.search(lowered) else None,
    )
