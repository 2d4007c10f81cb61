"""Answers: rank the candidate spans of the evidence and say the best one, or decline.

A Ranker (ranker.py) scores each sentence by how much of the question it covers and each
candidate by its sentence, its nearness to the question's words and its kind; candidates
found in several sentences add up. When the best sentence covers too little of the
question, the answer is declined and the closest sentences are shown instead of a guess.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.core.records import DECLINED, Answer, Citation
from newsgraph.qa.analysis import QuestionAnalysis
from newsgraph.qa.candidates import (
    Candidate,
    entity_candidates,
    list_candidates,
    reason_candidates,
    word_lists,
)
from newsgraph.qa.evidence import Evidence
from newsgraph.qa.figure_candidates import date_candidates, figure_candidates
from newsgraph.qa.ranker import Ranker

DECLINE_BELOW = 0.4  # the trade-off against right answers lost: bench/qa.py --curve
NEGATION = re.compile(
    r"\b(?:not|never|no|neither|nor|without|declined to|declining to|refused to|refusing to|denied|denies|"
    r"deny|denying|inaccurate|untrue|"
    r"false|rejected|dismissed|yet to|failed to|has yet|have yet|unable to|"
    r"struggl(?:e|es|ed|ing) to)\b|n[’']t\b",  # "has struggled to win approval": not won
    re.IGNORECASE,
)


def _agrees(candidate: Candidate, top: Candidate) -> bool:
    """Whether a candidate gives the top answer: the same name, or a list of all its members."""
    if top.kind == "list" and candidate.kind == "list":
        return set(top.key.split("|")) <= set(candidate.key.split("|"))
    return candidate.key == top.key


def cite(ev: Evidence, score: float) -> Citation:
    """A sentence as a citation."""
    return Citation(ev.article_id, ev.title, ev.text, ev.start, ev.end, round(score, 3))


def citations_for(
    ranker: Ranker, evidence: Sequence[Evidence], first: Sequence[Evidence] = ()
) -> list[Citation]:
    """The supporting sentences first, then the closest others, three in all."""
    ranked = sorted(evidence, key=lambda ev: -ranker.sentence_score(ev))
    chosen = list(dict.fromkeys([*first, *ranked]))[:3]
    return [cite(ev, ranker.coverage(ev)) for ev in chosen]


@dataclass(frozen=True)
class Ranked:
    """The text route's verdict: the answer, and the candidates behind it."""

    answer: Answer
    chosen: tuple[Candidate, ...] = ()
    best: str | None = None  # what it would have answered, also when it declined


def rank(
    analysis: QuestionAnalysis, ranker: Ranker, found: Sequence[Candidate]
) -> list[tuple[Candidate, float]]:
    """Candidates by score, those that agree (same key) adding a share of each other's score."""
    best: dict[str, tuple[Candidate, float]] = {}
    extra: dict[str, float] = defaultdict(float)
    for candidate in found:
        score = ranker.score(candidate)
        if candidate.key not in best or score > best[candidate.key][1]:
            if candidate.key in best:
                extra[candidate.key] += best[candidate.key][1]
            best[candidate.key] = (candidate, score)
        else:
            extra[candidate.key] += score
    scored = {k: (c, s + 0.25 * min(extra[k], s)) for k, (c, s) in best.items()}
    if analysis.answer_type == "date":
        # "August" and "August 1" agree; the more specific date says more.
        for key, (_, score) in list(scored.items()):
            finer = [v for k, v in scored.items() if k.startswith(key + "-") and v[1] >= 0.5 * score]
            if finer:
                specific = max(finer, key=lambda item: item[1])[0]
                scored[key] = (specific, score)
    ranked = sorted(scored.values(), key=lambda item: -item[1])
    first: dict[int, tuple[Candidate, float]] = {}
    for candidate, score in ranked:
        first.setdefault(id(candidate), (candidate, score))  # its best score, where it ranks
    return list(first.values())


def text_answer(
    analysis: QuestionAnalysis,
    evidence: Sequence[Evidence],
    ranker: Ranker,
    extra: Sequence[Candidate] = (),
) -> Ranked:
    """The best answer of the expected type in the evidence, or a decline."""
    kind = analysis.answer_type
    if not evidence:
        return Ranked(Answer(analysis.question, DECLINED, kind, 0.0))
    found = [c for ev in evidence for c in candidates(analysis, ev)] + list(extra)
    scored = rank(analysis, ranker, found)
    if not scored:
        return Ranked(Answer(analysis.question, DECLINED, kind, 0.0, citations_for(ranker, evidence)))
    top, top_score = scored[0]
    chosen = [top]
    if analysis.compare and kind in ("money", "number", "percent", "date"):
        # "How did X change between A and B": the best value from another article too.
        other = next(
            (
                c
                for c, s in scored[1:]
                if c.evidence.article_id != top.evidence.article_id and s >= 0.5 * top_score
            ),
            None,
        )
        if other is not None:
            chosen = sorted([top, other], key=lambda c: (c.evidence.published or "", c.evidence.start))
    elif kind == "list":
        # Other lists nearly as well supported add their members ("across the coverage").
        chosen += [c for c, s in scored[1:4] if s >= 0.85 * top_score and c.evidence.iri != top.evidence.iri]
        if analysis.count:
            # "Which four companies": the article's next entities until there are four.
            named = {m for c in chosen for m in c.members}
            for c, _ in scored[1:]:
                if len(named) >= analysis.count:
                    break
                if (
                    c.evidence.article_id == top.evidence.article_id
                    and all("/" in key for key in c.key.split("|"))  # the graph's entities, not any capital
                    and not set(c.members) & named
                    and len(named) + len(c.members) <= analysis.count
                ):
                    chosen.append(c)
                    named |= set(c.members)
    elif kind == "entity" and analysis.count and analysis.count > 1:
        chosen += [c for c, _ in scored[1 : analysis.count]]
    confidence = ranker.confidence(top)
    cited = [c.evidence for c in chosen]
    agreeing = list({c.evidence.iri: c.evidence for c in found if _agrees(c, top)}.values())
    if kind in ("entity", "list") and len({ev.article_id for ev in agreeing}) > 1:
        # The same name (or names) in several articles: what they say together may cover the question.
        confidence = max(confidence, ranker.confidence(top, ranker.joint_coverage(agreeing)))
        cited += [ev for ev in agreeing if ev.article_id != top.evidence.article_id][:1]
    citations = citations_for(ranker, evidence, cited)
    if kind == "list":
        members = list(dict.fromkeys(m for c in chosen for m in c.members))
        text = ", ".join(members)
    else:
        text = "; ".join(c.text for c in chosen)
    if confidence < DECLINE_BELOW:
        return Ranked(Answer(analysis.question, DECLINED, kind, round(confidence, 3), citations), best=text)
    return Ranked(Answer(analysis.question, text, kind, round(confidence, 3), citations), tuple(chosen), text)


def candidates(analysis: QuestionAnalysis, ev: Evidence) -> list[Candidate]:
    """Every candidate answer of the sentence for the question's answer type."""
    kind = analysis.answer_type
    if kind in ("money", "number", "percent"):
        return figure_candidates(analysis, ev)
    if kind == "date":
        return date_candidates(analysis, ev)
    if kind == "entity":
        return entity_candidates(analysis, ev)
    if kind == "list":
        return list_candidates(analysis, ev) + word_lists(analysis, ev)
    if kind == "reason":
        return reason_candidates(analysis, ev)
    return []
