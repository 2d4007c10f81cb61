"""Yes/no answers: does the evidence state what the question asks, or its opposite?

The sentence that covers the question best is read for its polarity near the asked words
("did not expect", "denied"). Two things news copy says often turn a yes into a no:
- a withheld statement: "Did Samsung say how much it would cut?" is answered by "It did
  not say by how much production would fall" or "Samsung declined to comment", often
  the sentence after the one that covers the question's words;
- the opposite direction: "Did the shares open above the IPO price?" is answered by
  "opened at 1,440 yen, below its IPO price".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsgraph.core.records import DECLINED, Answer
from newsgraph.core.text import name_key
from newsgraph.qa.analysis import QuestionAnalysis
from newsgraph.qa.answer import DECLINE_BELOW, NEGATION, Ranked, citations_for
from newsgraph.qa.evidence import Evidence, stem
from newsgraph.qa.ranker import Ranker

# Verbs of telling: a question asking whether someone did one is answered "no" by a
# sentence saying they did not tell (any of them: "identify" is answered by "did not say").
_TELLING = frozenset(
    stem(w)
    for w in (
        "say comment disclose reveal specify quantify detail identify name confirm publish announce explain "
        "describe give provide compare elaborate respond tell outline"
    ).split()
)
_WITHHELD = re.compile(
    r"\b(?:not|never|declined to|declining to|refused to|refusing to|without)\s+(?:\w+\s+){0,2}?"
    r"(?P<verb>\w+)|\bno comment\b|\bdeclined comment\b",
    re.IGNORECASE,
)
# Directions whose opposite in the best sentence answers no ("above" / "below"), each with its forms.
_DIRECTIONS = (
    ("above", "below"),
    ("higher", "lower"),
    ("rise rises rose risen rising", "fall falls fell fallen falling"),
    ("increase increases increased", "decrease decreases decreased"),
    ("beat beats exceed exceeds exceeded", "miss misses missed"),
    ("ahead", "behind"),
)
_OPPOSITES = {
    word: frozenset(other.split())
    for one, two in _DIRECTIONS
    for side, other in ((one, two), (two, one))
    for word in side.split()
}
_COVERING = 4  # sentences covering the question whose neighbours may say it was not told
_NEAR = 6  # tokens between a negation and the asked words for it to count


def answer(analysis: QuestionAnalysis, evidence: Sequence[Evidence], ranker: Ranker) -> Ranked:
    """Yes when the best sentence states what the question asks with the same polarity."""
    if not evidence:
        return Ranked(Answer(analysis.question, DECLINED, "yesno", 0.0))
    best = max(evidence, key=ranker.sentence_score)
    confidence = ranker.coverage(best)
    if confidence < DECLINE_BELOW:
        citations = citations_for(ranker, evidence, [best])
        return Ranked(Answer(analysis.question, DECLINED, "yesno", round(confidence, 3), citations))
    asked_negative = bool(NEGATION.search(analysis.question))
    withheld = _withheld(analysis, evidence, ranker) if not asked_negative else None
    if withheld is not None:
        said = "no"
        cited = [withheld, best]
    else:
        positive = negated(best, ranker) == asked_negative
        said = "yes" if positive != _opposite(analysis.question, best.text) else "no"
        cited = [best]
    citations = citations_for(ranker, evidence, cited)
    return Ranked(Answer(analysis.question, said, "yesno", round(confidence, 3), citations))


def negated(ev: Evidence, ranker: Ranker) -> bool:
    """Whether the sentence denies or negates near the words it shares with the question."""
    words = ranker.tokens[ev.iri]
    positions = [p for p, _ in ranker.anchors(ev)] or list(range(len(words)))
    for match in NEGATION.finditer(ev.text):
        at = ranker.token_at(ev, match.start())
        if any(abs(at - p) <= _NEAR for p in positions):
            return True
    return False


def asks_telling(analysis: QuestionAnalysis) -> bool:
    """Whether the question asks if someone told something: "Did X say / disclose / comment".

    The verb follows the subject, whose own words ("China's cyberspace regulator") come first.
    """
    return any(term in _TELLING for term, _ in analysis.terms[:3])


def _withheld(analysis: QuestionAnalysis, evidence: Sequence[Evidence], ranker: Ranker) -> Evidence | None:
    """A sentence by or about the asked subject, next to one that covers the question,
    saying the subject did not tell."""
    if not asks_telling(analysis):
        return None
    ranked = sorted(evidence, key=ranker.sentence_score, reverse=True)
    best = ranker.sentence_score(ranked[0])
    for covering in (ev for ev in ranked[:_COVERING] if ranker.sentence_score(ev) >= 0.8 * best):
        same_article = sorted((ev for ev in evidence if ev.article_id == covering.article_id), key=_place)
        at = same_article.index(covering)
        for ev in same_article[max(at - 2, 0) : at + 3]:
            for match in _WITHHELD.finditer(ev.text):
                verb = match.group("verb")
                if verb is not None and stem(verb) not in _TELLING:
                    continue
                if _told_by_subject(analysis, ev, match.start(), ranker):
                    return ev
    return None


def _place(ev: Evidence) -> int:
    return ev.start


def _told_by_subject(analysis: QuestionAnalysis, ev: Evidence, at: int, ranker: Ranker) -> bool:
    """Whether the withholding belongs to the question's subject.

    The words before it name one of the question's entities, or name none at all ("It",
    "The regulator, which began the review on March 31,"): then the subject is the one
    the neighbouring sentences speak of.
    """
    before = ev.text[:at]
    named = [m for m in ev.mentions if m.end <= at]
    if not named:
        return True
    key = name_key(before)
    return any(m.entity_id in analysis.entity_ids for m in named) or any(
        ranker.says_name(e, before, key) for e in analysis.entity_ids
    )


def _opposite(question: str, sentence: str) -> bool:
    """Whether the sentence says the opposite direction of a word the question asks about."""
    asked = set(re.findall(r"[a-z]+", question.lower()))
    said = set(re.findall(r"[a-z]+", sentence.lower()))
    return any(not said & _same_side(w) and said & _OPPOSITES[w] for w in asked & _OPPOSITES.keys())


def _same_side(word: str) -> frozenset[str]:
    """The forms of a direction word: "rise" -> rise, rises, rose, risen, rising."""
    return next(frozenset(side.split()) for pair in _DIRECTIONS for side in pair if word in side.split())
