"""Answers: a graph route over claims and figures, a text route over passages, and fusion.

The graph route runs a SPARQL template chosen by the question's analysis and keeps its
text. The text route reads candidate answers of the expected type out of the sentences
of the best passages (the entities, figures and dates the graph stored for them),
scoring each by its passage's rank and by how many of the question's entities and cue
words its sentence shares. When neither route has enough support the answer is
declined and the closest passages are shown instead of a guess.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from newsgraph.core.ontology import ENTITY_CLASSES, ancestors
from newsgraph.core.types import Hit
from newsgraph.qa.analysis import QuestionAnalysis, content_words

CURRENCIES = frozenset({"USD", "CNY", "EUR", "KRW", "JPY", "TWD", "HKD", "GBP"})
REASON_CUES = (
    "because",
    "due to",
    "citing",
    "after",
    "amid",
    "as a result",
    "to protect",
    "over concerns",
    "so that",
)
NEGATIONS = (" not ", " no ", " never ", "n't ", " denied ", " denies ")
DECLINE_BELOW = 0.35
DECLINED = "No answer found in the articles."


@dataclass(frozen=True)
class Citation:
    """A sentence that supports an answer."""

    article_id: str
    title: str | None
    text: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Answer:
    """An answer with its evidence, in the shape of the ask JSON."""

    question: str
    answer: str
    answer_type: str
    confidence: float
    citations: list[Citation] = field(default_factory=list)
    facts: list[dict[str, object]] = field(default_factory=list)
    sparql: str | None = None


@dataclass(frozen=True)
class SentenceView:
    """A stored sentence of a found passage, with what the graph knows about it."""

    article_id: str
    title: str | None
    text: str
    start: int
    end: int
    passage_score: float
    entities: tuple[tuple[str, str], ...]  # (entity id, label)
    figures: tuple[tuple[str, str | None, str | None], ...]  # (text, unit, period)
    dates: tuple[tuple[str, str], ...]  # (text, value)


def support(analysis: QuestionAnalysis, sentence: SentenceView) -> float:
    """How well a sentence matches the question: shared entities and cue words, 0 to 1."""
    named = set(analysis.entity_ids)
    entity_share = len(named & {e for e, _ in sentence.entities}) / len(named) if named else 0.5
    cues = analysis.cue_words - {w.lower() for _, label in sentence.entities for w in label.split()}
    words = content_words(sentence.text)
    cue_share = len(cues & words) / len(cues) if cues else 0.5
    return 0.55 * entity_share + 0.45 * cue_share


def text_answer(analysis: QuestionAnalysis, sentences: list[SentenceView]) -> Answer:
    """The best answer of the expected type in the found sentences, or a decline."""
    if not sentences:
        return Answer(analysis.question, DECLINED, analysis.answer_type, 0.0)
    top_score = max(s.passage_score for s in sentences) or 1.0
    ranked = sorted(
        sentences, key=lambda s: -(support(analysis, s) * (0.5 + 0.5 * s.passage_score / top_score))
    )
    best = ranked[0]
    confidence = support(analysis, best)
    candidates: dict[str, float] = defaultdict(float)
    source: dict[str, SentenceView] = {}
    for sentence in ranked[:6]:
        weight = support(analysis, sentence) * (0.5 + 0.5 * sentence.passage_score / top_score)
        for value in _candidates(analysis, sentence):
            candidates[value] += weight
            source.setdefault(value, sentence)
    kind = analysis.answer_type
    if kind == "reason":
        # Prefer a close sentence that states a cause.
        best = next((s for s in ranked[:3] if any(c in s.text.lower() for c in REASON_CUES)), best)
    elif candidates:
        best = source[max(candidates.items(), key=lambda x: x[1])[0]]
    citations = [
        _cite(s, support(analysis, s)) for s in [best, *[r for r in ranked[:3] if r is not best]][:3]
    ]
    if kind == "reason":
        answer = best.text
    elif kind == "yesno":
        # The answer is yes when the sentence's polarity matches the question's:
        # "Did Nvidia deny ...?" is answered yes by "Nvidia denied ...".
        answer = "yes" if _negative(best.text) == _negative(analysis.question) else "no"
    elif not candidates:
        return Answer(analysis.question, DECLINED, kind, round(confidence * 0.5, 3), citations)
    elif kind == "list":
        cutoff = max(candidates.values()) * 0.5
        answer = ", ".join(v for v, w in sorted(candidates.items(), key=lambda x: -x[1]) if w >= cutoff)
    else:
        answer = max(candidates.items(), key=lambda x: x[1])[0]
    if confidence < DECLINE_BELOW:
        return Answer(analysis.question, DECLINED, kind, round(confidence, 3), citations)
    return Answer(analysis.question, answer, kind, round(confidence, 3), citations)


def _negative(text: str) -> bool:
    padded = f" {text.lower()} "
    return any(n in padded for n in NEGATIONS) or " deny" in padded or " denie" in padded


def _candidates(analysis: QuestionAnalysis, sentence: SentenceView) -> list[str]:
    kind = analysis.answer_type
    if kind in ("entity", "list"):
        return [
            label
            for entity, label in sentence.entities
            if entity not in analysis.entity_ids and fits(entity, analysis.answer_class)
        ]
    if kind == "date":
        return [f"{text} ({value})" if text != value else text for text, value in sentence.dates]
    figures = sentence.figures
    if analysis.years:
        in_year = [f for f in figures if f[2] and f[2][:4] in analysis.years]
        figures = tuple(in_year) or figures
    if kind == "money":
        wanted = [f for f in figures if f[1] in CURRENCIES]
    elif kind == "percent":
        wanted = [f for f in figures if f[1] == "percent"]
    elif kind == "number":
        wanted = [f for f in figures if f[1] not in CURRENCIES and f[1] != "percent"]
    else:
        return []
    # A number is only an answer with its period: "$23 billion (2025)".
    return [f"{text} ({period})" if period else text for text, _, period in wanted]


_CLASS_OF_PREFIX = {cls.lower(): cls for cls in ENTITY_CLASSES}


def fits(entity_id: str, wanted: str | None) -> bool:
    """Whether an entity (by its id's class prefix) is of the class the question asks for."""
    if wanted is None:
        return True
    cls = _CLASS_OF_PREFIX.get(entity_id.split("/", 1)[0])
    return cls is not None and wanted in ancestors(cls)


def _cite(sentence: SentenceView, score: float) -> Citation:
    return Citation(
        sentence.article_id, sentence.title, sentence.text, sentence.start, sentence.end, round(score, 3)
    )


def hits_to_sentences(hits: list[Hit], rows: list[dict[str, Any]]) -> list[SentenceView]:
    """Join the found passages with the stored sentences (and their entities, figures, dates)."""
    scores = {h.passage.article_id: 0.0 for h in hits}
    for hit in hits:
        scores[hit.passage.article_id] = max(scores[hit.passage.article_id], hit.score)
    views = []
    for row in rows:
        found = next(
            (
                h
                for h in hits
                if h.passage.article_id == row["article_id"]
                and h.passage.start <= int(row["start"]) < h.passage.end
            ),
            None,
        )
        if found is None:
            continue
        views.append(
            SentenceView(
                article_id=str(row["article_id"]),
                title=found.passage.title,
                text=str(row["text"]),
                start=int(row["start"]),
                end=int(row["end"]),
                passage_score=found.score,
                entities=tuple(row["entities"]),
                figures=tuple(row["figures"]),
                dates=tuple(row["dates"]),
            )
        )
    return views
