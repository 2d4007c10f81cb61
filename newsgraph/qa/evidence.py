"""Evidence: the sentences of found passages with what the graph knows about each span.

A question is matched against sentences word by word, so both sides go through the
same crude stemmer (`stem`): inflections and a few domain synonyms fold together
("rose", "rising" and "climbed" all become "rise"), which is enough to line up a
question's cue words with the sentence that answers it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rdflib import URIRef

from newsgraph.core.relations import Vocabulary
from newsgraph.core.text import FUNCTION_WORDS, singular
from newsgraph.core.types import EntityLookup, Hit
from newsgraph.graph import queries
from newsgraph.graph.reading import GraphReader
from newsgraph.graph.vocab import article_id_of, article_iri, entity_id_of

_TOKEN = re.compile(r"[A-Za-z0-9][\w'’.]*[\w]|[A-Za-z0-9$€£¥%]")
_ACRONYM_PLURAL = re.compile(r"^[A-Z][A-Z0-9]+s$")  # "GPUs", "TPUs"
_IRREGULAR = {
    "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "grew": "grow", "grown": "grow",
    "sold": "sell", "bought": "buy", "led": "lead", "said": "say", "made": "make", "won": "win",
    "took": "take", "taken": "take", "began": "begin", "begun": "begin", "spent": "spend",
    "shrank": "shrink", "slid": "slide", "paid": "pay", "told": "tell", "held": "hold",
    "brought": "bring", "built": "build", "sought": "seek", "chose": "choose", "gave": "give",
    "given": "give", "went": "go", "gone": "go", "left": "leave", "met": "meet", "ran": "run",
    "saw": "see", "seen": "see", "became": "become", "kept": "keep", "wrote": "write", "hit": "hit",
    "cut": "cut", "set": "set", "put": "put", "lost": "lose", "drew": "draw", "drawn": "draw",
    "thought": "think", "found": "find", "struck": "strike", "sent": "send", "overtook": "overtake",
    "fought": "fight", "forecast": "forecast", "shipped": "ship", "planned": "plan",
    "chief": "chief", "its": "its", "news": "news", "us": "us", "gas": "gas",
}  # fmt: skip
# Words that say the same thing in news copy fold onto one stem.
_SYNONYMS = {
    "jump": "rise", "climb": "rise", "gain": "rise", "soar": "rise", "surge": "rise", "increase": "rise",
    "grow": "rise", "growth": "rise", "drop": "fall", "decline": "fall", "slump": "fall",
    "slide": "fall", "plunge": "fall", "shrink": "fall", "decrease": "fall", "reduce": "cut",
    "lower": "cut", "purchase": "buy", "acquire": "buy", "order": "buy", "manufacture": "make",
    "produce": "make", "unveil": "launch", "introduce": "launch", "release": "launch", "debut": "launch",
    "ceo": "chief", "executive": "chief", "expect": "forecast", "project": "forecast",
    "predict": "forecast", "estimate": "forecast", "outlook": "forecast", "guidance": "forecast",
    "sale": "revenue", "turnover": "revenue", "earn": "profit", "earning": "profit", "income": "profit",
    "stock": "share", "cost": "price", "approve": "clear", "certify": "clear", "qualify": "clear",
    "prohibit": "ban", "bar": "ban", "block": "ban", "curb": "restrict", "limit": "restrict",
    "control": "restrict", "capex": "spend", "spending": "spend", "invest": "spend", "investment": "spend",
    "biggest": "largest", "pay": "buy", "acquisition": "buy", "takeover": "buy",
    "reveal": "disclose", "specify": "disclose", "quantify": "disclose", "detail": "disclose",
    "weigh": "consider", "mull": "consider", "evaluate": "consider", "rally": "rise",
    "postpone": "delay", "defer": "delay", "flotation": "ipo",
}  # fmt: skip
# Words a sentence shares with a question without saying anything of what is asked:
# the function words of questions, and pronouns, negations and common adverbs besides.
STOPWORDS = FUNCTION_WORDS | frozenset(
    (
        "being whose coverage they he she his her them we our you not no also other after before "
        "between over under during while within across per so such only one ones first last then just "
        "still very own each both either if"
    ).split()
)


def _stem(word: str) -> str:
    word = _IRREGULAR.get(word, word)
    if len(word) > 3 and not any(c.isdigit() for c in word):
        word = singular(word)
        for suffix in ("ations", "ation", "ings", "ing", "ied", "ed"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)] + ("y" if suffix == "ied" else "")
                break
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
            word = word[:-1]  # "planned" -> "plann" -> "plan"
        if len(word) > 3 and word.endswith("e"):
            word = word[:-1]  # "rule" and "rules" -> "rul"
    return word


_SYNONYM_STEMS = {_stem(word): _stem(same) for word, same in _SYNONYMS.items()}


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem: "rising", "rises" and "rose" -> "ris"; "chips" -> "chip"."""
    if _ACRONYM_PLURAL.match(word):
        word = word[:-1]
    word = _stem(word.lower().replace("’", "'").removesuffix("'s").strip("'.-"))
    return _SYNONYM_STEMS.get(word, word)


def relation_concepts(vocabulary: Vocabulary) -> dict[str, str]:
    """Role and event nouns -> the stem of their relation's verb: "buyer" and "order" -> "buy"."""
    verb_of: dict[str, str] = {}
    for verb, relation in vocabulary.verbs.items():
        if " " not in verb:
            verb_of.setdefault(relation, stem(verb))
    concepts: dict[str, str] = {}
    for table in (vocabulary.roles, vocabulary.nouns):
        for word, relation in table.items():
            if " " not in word and relation in verb_of and relation not in ("says", "related_to"):
                concepts.setdefault(stem(word), verb_of[relation])
    return concepts


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stem) of each word of a text."""
    return [(m.start(), m.end(), stem(m.group(0))) for m in _TOKEN.finditer(text)]


def content_stems(text: str) -> list[str]:
    """The stems of a text's words that carry meaning, in order, without repeats."""
    seen: dict[str, None] = {}
    for match in _TOKEN.finditer(text):
        word = match.group(0).lower().replace("’", "'").removesuffix("'s")
        if word in STOPWORDS or len(word) < 2:
            continue
        seen.setdefault(stem(word))
    return list(seen)


@dataclass(frozen=True)
class MentionSpan:
    """An entity the graph found in a sentence; offsets are within the sentence."""

    start: int
    end: int
    entity_id: str
    label: str
    cls: str | None


@dataclass(frozen=True)
class FigureSpan:
    """A figure the graph found in a sentence; offsets are within the sentence."""

    start: int
    end: int
    text: str
    value: Decimal
    unit: str | None
    measured: str | None
    period: str | None


@dataclass(frozen=True)
class DateSpan:
    """A time expression the graph found in a sentence; offsets are within the sentence."""

    start: int
    end: int
    text: str
    value: str


@dataclass(frozen=True)
class Evidence:
    """A stored sentence of a found passage, with its mentions, figures and dates."""

    iri: str
    article_id: str
    title: str | None
    published: str | None
    text: str
    start: int
    end: int
    passage_score: float
    mentions: tuple[MentionSpan, ...]
    figures: tuple[FigureSpan, ...]
    dates: tuple[DateSpan, ...]
    passage_id: str = ""  # the best found passage it is in
    source: str | None = None  # its article's publisher

    @property
    def entity_ids(self) -> frozenset[str]:
        """The entities the sentence mentions."""
        return frozenset(m.entity_id for m in self.mentions)


def _rows(graph: GraphReader, sparql: str) -> list[tuple[Any, ...]]:
    return graph.values(sparql)


def load_evidence(graph: GraphReader, hits: Sequence[Hit], registry: EntityLookup) -> list[Evidence]:
    """The sentences inside the found passages, each scored by its best passage.

    Entities are labelled and typed from the registry, which holds every stored entity.
    """
    if not hits:
        return []
    articles = [article_iri(a) for a in dict.fromkeys(h.passage.article_id for h in hits)]
    rows: dict[str, dict[str, Any]] = {}
    for article, sentence, start, end, text, headline, published in _rows(
        graph, queries.sentences_of(articles)
    ):
        article_id = article_id_of(str(article))
        a, b = int(start), int(end)
        best = max(
            (h for h in hits if h.passage.article_id == article_id and h.passage.start <= a < h.passage.end),
            key=lambda h: h.score,
            default=None,
        )
        if best is None:
            continue
        score = best.score
        rows[str(sentence)] = {
            "article_id": article_id,
            "title": None if headline is None else str(headline),
            "published": None if published is None else str(published),
            "text": str(text),
            "start": a,
            "end": b,
            "score": score,
            "mentions": [],
            "figures": [],
            "dates": [],
            "passage": best.passage.id,
            "source": best.passage.source,
        }
    _add_spans(graph, articles, rows, registry)
    return [
        Evidence(
            iri=iri,
            article_id=row["article_id"],
            title=row["title"],
            published=row["published"],
            text=row["text"],
            start=row["start"],
            end=row["end"],
            passage_score=row["score"],
            mentions=tuple(sorted(set(row["mentions"]), key=lambda m: (m.start, m.end))),
            figures=tuple(sorted(set(row["figures"]), key=lambda f: f.start)),
            dates=tuple(sorted(set(row["dates"]), key=lambda d: d.start)),
            passage_id=row["passage"],
            source=row["source"],
        )
        for iri, row in rows.items()
    ]


def _add_spans(
    graph: GraphReader, articles: list[URIRef], rows: dict[str, dict[str, Any]], registry: EntityLookup
) -> None:
    """The mentions, figures and dates of the found sentences, at offsets in their sentence."""
    for sentence, start, end, entity in _rows(graph, queries.mentions_in(articles)):
        row = rows.get(str(sentence))
        if row is None:
            continue
        entity_id = entity_id_of(str(entity))
        known = registry.get(entity_id) if entity_id in registry else None
        row["mentions"].append(
            MentionSpan(
                int(start) - row["start"],
                int(end) - row["start"],
                entity_id,
                known.label if known else entity_id.rsplit("/", 1)[-1],
                known.type if known else None,
            )
        )
    for sentence, start, end, text, value, unit, measured, period in _rows(
        graph, queries.figures_in(articles)
    ):
        row = rows.get(str(sentence))
        if row is not None:
            row["figures"].append(
                FigureSpan(
                    int(start) - row["start"],
                    int(end) - row["start"],
                    str(text),
                    Decimal(str(value)),
                    None if unit is None else str(unit),
                    None if measured is None else str(measured),
                    None if period is None else str(period),
                )
            )
    for sentence, start, end, text, value, _ in _rows(graph, queries.dates_in(articles)):
        row = rows.get(str(sentence))
        if row is not None:
            row["dates"].append(
                DateSpan(
                    int(start) - row["start"],
                    int(end) - row["start"],
                    str(text),
                    str(value),
                )
            )
