"""Asking: a question in, an answer with citations, facts and SPARQL out.

The steps: read publisher and date filters out of the question, link the entities it
names, analyse what it asks for, find passages, load their sentences with what the
graph knows of them (`evidence`), propose candidates from the text and from the
graph's claims, rank them (`answer`), and say the best. List answers name the SPARQL
that reads their members back from the graph.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from datetime import date

import numpy as np
from rdflib import URIRef

from newsgraph.core.errors import QueryError
from newsgraph.core.fitted import FittedModel
from newsgraph.core.records import DECLINED, Answer, Filters
from newsgraph.core.relations import Vocabulary
from newsgraph.core.text import name_key
from newsgraph.core.types import EntityLookup, Fact, Hit
from newsgraph.graph import queries
from newsgraph.graph.reading import GraphReader
from newsgraph.graph.vocab import article_iri, entity_id_of, entity_iri, relation_iri
from newsgraph.qa import verdict, yesno
from newsgraph.qa.analysis import QuestionAnalysis, analyze
from newsgraph.qa.answer import Ranked, cite, text_answer
from newsgraph.qa.asked import asks_for_many
from newsgraph.qa.candidates import Candidate, entity_prior, list_candidates
from newsgraph.qa.evidence import STOPWORDS, Evidence, load_evidence, relation_concepts, stem
from newsgraph.qa.ranker import Ranker
from newsgraph.qa.reader import (
    CLASS_KINDS,
    FIGURE_KINDS,
    Parser,
    Reader,
    ReaderModel,
    Reading,
    SentenceParser,
    says_route_answer,
    situation,
)
from newsgraph.search.hybrid import PassageSearch
from newsgraph.search.query import (
    mentioned_periods,
    months,
    named_sources,
    parse_filters,
    relative_periods,
    unknown_publishers,
)

PASSAGES = 16  # passages read per question
# What the graph and text route leaves the reader: the analysis, the evidence, its best text.
_State = tuple[QuestionAnalysis, list[Evidence], str | None]
GRAPH_BONUS = 1.15  # a name the graph's claims give outranks the same support from text alone


def link_entities(text: str, registry: EntityLookup) -> list[str]:
    """Entities a text names, by any of their names (longest names first)."""
    words = re.findall(r"[\w’'.-]+", text)
    found: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(5, len(words) - i), 0, -1):
            entity = registry.find(" ".join(words[i : i + size]))
            if entity is not None and entity.id not in found:
                found.append(entity.id)
                i += size - 1
                break
        i += 1
    return found


def _narrowed(analysis: QuestionAnalysis) -> bool:
    """Whether a question narrows the figure it asks for by a period, a year or an extreme."""
    return bool(
        analysis.period_years
        or analysis.months
        or analysis.quarter
        or analysis.wants_year
        or analysis.wants_day
        or analysis.month_only
        or analysis.extreme
        or analysis.compare
    )


class Asker:
    """Answers questions over one store's graph and passage indexes."""

    def __init__(
        self,
        graph: GraphReader,
        passages: Callable[[], PassageSearch],
        registry: Callable[[], EntityLookup],
        vocabulary: Vocabulary,
        sources: Callable[[], list[str]],
        parse: Parser | None = None,
        parse_sentences: SentenceParser | None = None,
        model: FittedModel | None = None,
        verdict_model: ReaderModel | None = None,
    ) -> None:
        self.graph = graph
        self.passages = passages
        self.registry = registry
        self.vocabulary = vocabulary
        self.sources = sources
        self.concepts = relation_concepts(vocabulary)
        self.parse = parse
        self.reader = (
            Reader(parse, self._embed, self._vectors, parse_sentences) if parse is not None else None
        )
        self.model = model
        self.verdict_model = verdict_model

    def ask(self, question: str, as_of: date | None = None) -> Answer:
        """Answer an analyst's question from graph facts and passages, with citations.

        `as_of` is the day it is asked: nothing published later is read, and "this week",
        "recently" or "last month" in the question are read against it. The graph and
        text route proposes; where a fitted reader model is installed, the reader weighs
        that proposal against every other candidate of the best sentences.
        """
        answer, state = self._route(question, as_of)
        if state is not None and state[0].answer_type == "yesno":
            choice, checks = self._verdict_features(question, answer, state)
            if self.verdict_model is None or checks is None:
                return answer
            return self._decide(answer, checks, self.verdict_model, choice)
        candidates = self._candidates(question, answer, state, as_of)
        if self.model is None or candidates is None:
            return answer
        return self._read(answer, candidates, self.model)

    def readings(self, question: str, as_of: date | None = None) -> tuple[Answer, list[Reading] | None]:
        """The graph and text route's answer, and the reader's candidates with their features
        (None where the reader does not apply: lists, yes/no, declines before any search,
        and figure questions the figure route answered)."""
        answer, state = self._route(question, as_of)
        return answer, self._candidates(question, answer, state, as_of)

    def verdict_readings(
        self, question: str, as_of: date | None = None
    ) -> tuple[Answer, dict[str, float] | None]:
        """The graph and text route's answer to a yes/no question, and the features the yes/no
        model weighs (None for other questions)."""
        answer, state = self._route(question, as_of)
        if state is None or state[0].answer_type != "yesno":
            return answer, None
        return answer, self._verdict_features(question, answer, state)[1]

    def _verdict_features(
        self, question: str, answer: Answer, state: _State
    ) -> tuple[tuple[str, str, str] | None, dict[str, float] | None]:
        """The choice between opposites the question ends on, if any, and the yes/no model's
        features of the question it stands for ("... consistent or inconsistent?" asks
        whether it is consistent); no features without evidence or a reader."""
        choice = verdict.alternatives(question)
        _, evidence, _ = state
        if not evidence or self.reader is None:
            return choice, None
        asked = question if choice is None else question.replace(choice[0], choice[1], 1)
        route = answer.answer.split()[0].strip(",.").lower() if answer.answered else None
        return choice, verdict.features(asked, evidence, self.sources(), self._embed, self._vectors, route)

    @staticmethod
    def _decide(
        answer: Answer,
        checks: dict[str, float],
        model: ReaderModel,
        choice: tuple[str, str, str] | None = None,
    ) -> Answer:
        """Yes or no by the fitted model (for a choice, "consistent or inconsistent", the
        first option when the model says yes to it); the route's citations stay."""
        probability = model.probability(checks)
        said = "yes" if probability >= model.threshold else "no"
        if choice is not None:
            said = choice[1] if said == "yes" else choice[2]
        confidence = round(max(probability, 1 - probability), 3)
        return replace(answer, answer=said, answer_type="yesno", confidence=confidence, reason=None)

    def _candidates(
        self, question: str, answer: Answer, state: _State | None, as_of: date | None
    ) -> list[Reading] | None:
        if state is None or self.reader is None:
            return None
        analysis, evidence, best = state
        if analysis.answer_type in ("list", "yesno"):
            return None
        if answer.answered and analysis.answer_type in FIGURE_KINDS and _narrowed(analysis):
            # The figure route reads the asked period and superlative ("in what year", "the
            # second quarter", "the largest configuration"), which the reader's features do
            # not: its answer to such a question stays, and nothing is read against it.
            return None
        proposal = answer.answer if answer.answered else best
        if analysis.answer_type in FIGURE_KINDS:
            kind = analysis.answer_type
        else:
            kind = CLASS_KINDS.get(analysis.answer_class or "", "other")
        registry = self.registry()
        known = [registry.get(e) for e in analysis.entity_ids if e in registry]
        domain = sum(e.in_gazetteer for e in known) / len(analysis.entity_ids) if analysis.entity_ids else 0.0
        _, candidates = self.reader.read(
            question, evidence, proposal, answer.confidence, as_of, answer.answered, kind, domain
        )
        return candidates

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        # The search has just embedded the question: its recent vectors are reused.
        return self.passages().query_vectors(texts)

    def _vectors(self, passage_ids: Sequence[str]) -> dict[str, np.ndarray]:
        return self.passages().vectors(passage_ids)

    def _read(self, answer: Answer, candidates: Sequence[Reading], model: FittedModel) -> Answer:
        """The most probable candidate, or a decline below the model's threshold for its
        situation (reader.situation: a decline of the graph and text route is overruled only
        above a threshold of its own, one where the route should hold the answer, one for
        the rest)."""
        if not candidates:
            return answer
        probabilities = model.probabilities([c.features for c in candidates])
        scored = sorted(zip(probabilities, candidates, strict=True), key=lambda p: -p[0])
        probability, best = scored[0]
        if probability < model.threshold_for(situation(best.features)):
            reason = f"the best candidate, {best.text!r}, has a probability of {probability:.2f}"
            return replace(answer, answer=DECLINED, confidence=round(probability, 3), reason=reason)
        if answer.answered and says_route_answer(best, answer.answer):
            # The graph route's own answer: its period, facts and SPARQL stay.
            return replace(answer, confidence=round(probability, 3))
        cited = [cite(ev, probability) for ev in best.evidence[:3]]
        places = {(c.article_id, c.start) for c in cited}
        rest = [c for c in answer.citations if (c.article_id, c.start) not in places]
        return Answer(
            answer.question, best.text, best.kind, round(probability, 3), [*cited, *rest][:5], [], None
        )

    def _route(self, question: str, as_of: date | None) -> tuple[Answer, _State | None]:
        """The graph and text route: its answer, and what the reader needs to read after it."""
        if not question.strip():
            raise QueryError("the question is empty")
        text, filters = parse_filters(question, self.sources())
        if as_of is not None:
            filters = replace(filters, as_of=as_of)
        registry = self.registry()
        linked = link_entities(text, registry)
        junk = self._nothing_to_look_for(text, linked)
        if junk is not None:
            return Answer(question, DECLINED, "unknown", 0.0, reason=junk), None
        names = {e: self._names(e, registry) for e in linked}
        analysis = analyze(question, linked, self.vocabulary, [n for ns in names.values() for n in ns])
        if (
            analysis.answer_type == "list"
            and self.parse is not None
            and not asks_for_many(self.parse([text])[0])
        ):
            # The wording looked plural ("which tennis star pulled out"); the parse says one.
            analysis = replace(analysis, answer_type="entity")
        hits = self._search(text, analysis, filters, as_of)
        evidence = load_evidence(self.graph, hits, registry)
        ranker = Ranker(analysis, evidence, names, self.concepts, self.sources())
        unknown = [e for e in analysis.entity_ids if not self.graph.is_mentioned(e)]
        if unknown:
            # The question is about something no article mentions: say so, show what is close.
            labels = ", ".join(registry.get(e).label if e in registry else e for e in unknown)
            return _closest(analysis, evidence, ranker, f"no stored article mentions {labels}"), None
        unknown_sources = unknown_publishers(question, self.sources())
        if unknown_sources:
            # "a Wall Street Journal report" when no stored article is from it: the answer is
            # in articles this store does not have.
            reason = f"no stored article is from {', '.join(unknown_sources)}"
            return _closest(analysis, evidence, ranker, reason), None
        facts, sparql, proposed = self._claims(analysis, evidence, registry)
        ranked = _from_text(analysis, evidence, ranker, proposed)
        answer = ranked.answer
        state = (analysis, evidence, ranked.best)
        if answer.answer == DECLINED:
            return answer, state
        used = [c for c in ranked.chosen if c in proposed]
        if used:
            keys = {k for c in used for k in c.key.split("|")}
            picked = [f for f in facts if self._fact_key(f, registry) in keys]
            return replace(answer, facts=[asdict(f) for f in picked], sparql=sparql), state
        if analysis.answer_type == "list" and ranked.chosen:
            return self._with_members(answer, ranked.chosen), state
        return answer, state

    def _nothing_to_look_for(self, text: str, linked: list[str]) -> str | None:
        """Why a question cannot be answered before any search, or None.

        A question with no word ("?", an emoji), or whose words no stored article
        contains and that names no known entity, would otherwise get the passages
        nearest to nothing in particular, and an answer from them.
        """
        words = [w for w in re.findall(r"[^\W_][\w'’-]*", text.lower()) if w not in STOPWORDS]
        if not re.search(r"[^\W_]", text):
            return "the question has no words"
        if not words and not linked:
            return "the question has no word to look for"
        if linked:
            return None
        if not self.passages().search_many([" ".join(words)], 1, mode="lexical")[0]:
            return "none of the question's words is in the stored articles"
        return None

    def _search(
        self, text: str, analysis: QuestionAnalysis, filters: Filters, as_of: date | None = None
    ) -> list[Hit]:
        """Passages for the question, and for its own words alone.

        A question that names a much-covered entity ("Nvidia") would otherwise find only
        that entity's most typical passages, not the one that says what it asks.
        """
        searches = [(text, PASSAGES)]
        narrowing = {term for term, weight in analysis.terms if weight >= 1}
        if analysis.entity_ids and len(narrowing) >= 2:
            words = [w for w in re.findall(r"[\w’'-]+", text) if stem(w) in narrowing]
            searches.append((" ".join(words), PASSAGES // 2))
        periods = mentioned_periods(text) + (relative_periods(text, as_of) if as_of else ())
        sources = named_sources(analysis.question, self.sources())
        found = self.passages().search_many(
            [query for query, _ in searches],
            PASSAGES,
            filters,
            [analysis.entity_ids] * len(searches),
            query_periods=[periods] * len(searches),
            query_sources=[sources] * len(searches),
        )
        depths = [depth for _, depth in searches]
        if analysis.months and not (filters.since or filters.until):
            # "the quarter reported in August 2024": what was published that month, too.
            for month in analysis.months[:2]:
                year, number = int(month[:4]), int(month[5:7])
                since, until = months(year, number, number)
                dated = replace(filters, since=since, until=until)
                found += self.passages().search_many([text], PASSAGES // 2, dated, [analysis.entity_ids])
                depths.append(PASSAGES // 2)
        hits: dict[str, Hit] = {}
        for depth, ranked in zip(depths, found, strict=True):
            for hit in ranked[:depth]:
                if hit.passage.id not in hits or hit.score > hits[hit.passage.id].score:
                    hits[hit.passage.id] = hit
        return list(hits.values())

    @staticmethod
    def _names(entity_id: str, registry: EntityLookup) -> list[str]:
        if entity_id not in registry:
            return []
        entity = registry.get(entity_id)
        return [entity.label, *entity.aliases]

    # ------------------------------------------------------------------ the graph's claims

    def _claims(
        self, analysis: QuestionAnalysis, evidence: Sequence[Evidence], registry: EntityLookup
    ) -> tuple[list[Fact], str | None, list[Candidate]]:
        """Who <relation> X / what X <relation>: names the graph's claims give, as candidates.

        A claim proposes its other side when it is an entity the question does not name;
        the candidate is scored on the claim's own sentence like any other.
        """
        if analysis.answer_type not in ("entity", "list") or not analysis.relation:
            return [], None, []
        relation = relation_iri(analysis.relation)
        by_place = {(ev.article_id, ev.start): ev for ev in evidence}
        named = set(analysis.entity_ids)
        facts: list[Fact] = []
        proposed: list[Candidate] = []
        shown: list[str] = []
        # Only the found articles: a claim elsewhere has no sentence here to be scored on.
        found = [article_iri(a) for a in dict.fromkeys(ev.article_id for ev in evidence)]
        if not found:
            return [], None, []
        sides = self.graph.values(queries.sides(relation, found))
        for target in analysis.entity_ids:
            makers = self._makers(target) if analysis.relation == "buys" else set()
            for sparql, subject_side in claim_templates(relation, target, found, sides):
                for fact in self.graph.facts(sparql):
                    name = fact.subject if subject_side else (fact.object if fact.object_is_entity else None)
                    if subject_side and name in makers:
                        continue  # "Nvidia placed orders for H20 chips": a maker does not buy its own product
                    entity = registry.find(name) if name else None
                    ev = by_place.get((fact.article_id, fact.start))
                    if fact.negated or entity is None or entity.id in named or ev is None:
                        continue
                    mention = next((m for m in ev.mentions if m.entity_id == entity.id), None)
                    start, end = (mention.start, mention.end) if mention else (0, len(ev.text))
                    prior = entity_prior(analysis, entity.type) * GRAPH_BONUS
                    members = (entity.label,)
                    kind = "list" if analysis.answer_type == "list" else "entity"
                    proposed.append(Candidate(entity.label, entity.id, kind, start, end, ev, prior, members))
                    facts.append(fact)
                    if sparql not in shown:
                        shown.append(sparql)
        if analysis.answer_type == "list":
            proposed = _as_lists(analysis, proposed)
        return facts, (shown[0] if shown else None), proposed

    def _makers(self, product: str) -> set[str]:
        """Who any article says develops or manufactures a product: they do not buy it."""
        made = [relation_iri("develops"), relation_iri("manufactures")]
        return {name for (name,) in self.graph.values(queries.subjects(made, entity_iri(product))) if name}

    @staticmethod
    def _fact_key(fact: Fact, registry: EntityLookup) -> str | None:
        for name in (fact.subject, fact.object):
            entity = registry.find(name) if name else None
            if entity is not None:
                return entity.id
        return None

    def _with_members(self, answer: Answer, chosen: Sequence[Candidate]) -> Answer:
        """A list read from its sentence's mentions, with the SPARQL that reads them back."""
        sparql = None
        facts: list[dict[str, object]] = []
        for candidate in chosen:
            ev = candidate.evidence
            query = queries.members_listed(
                URIRef(ev.iri), ev.start + candidate.start, ev.start + candidate.end
            )
            sparql = sparql or query
            for entity, label, _ in self.graph.values(query):
                listed = Fact(
                    relation="listed in",
                    sentence=ev.text,
                    article_id=ev.article_id,
                    subject=str(label),
                    subject_id=entity_id_of(str(entity)),
                    headline=ev.title,
                    published=ev.published,
                    start=ev.start,
                    end=ev.end,
                )
                facts.append(asdict(listed))
        return replace(answer, facts=facts, sparql=sparql)


def _from_text(
    analysis: QuestionAnalysis,
    evidence: Sequence[Evidence],
    ranker: Ranker,
    proposed: Sequence[Candidate] = (),
) -> Ranked:
    """The answer the found sentences give: yes or no, or the best candidate of the asked type."""
    if analysis.answer_type == "yesno":
        return yesno.answer(analysis, evidence, ranker)
    return text_answer(analysis, evidence, ranker, proposed)


def _as_lists(analysis: QuestionAnalysis, proposed: Sequence[Candidate]) -> list[Candidate]:
    """The names the claims of one sentence give, as one list: "Tencent and Baidu buy it".

    A claim that names one member of an enumeration ("A, B and C buy it") stands for all of
    it: the members the sentence joins to a claimed one are added.
    """
    by_sentence: dict[str, list[Candidate]] = {}
    for candidate in proposed:
        group = by_sentence.setdefault(candidate.evidence.iri, [])
        if all(c.key != candidate.key for c in group):
            group.append(candidate)
    lists = []
    for group in by_sentence.values():
        ev = group[0].evidence
        spans = [(c.start, c.end, c.text, c.key) for c in group]
        for listed in list_candidates(analysis, ev):
            if len(listed.members) > 1 and any(listed.start <= a < listed.end for a, *_ in spans):
                spans = [s for s in spans if not listed.start <= s[0] < listed.end]
                spans += [(listed.start, listed.end, m, name_key(m)) for m in listed.members]
                spans.sort(key=lambda s: s[0])
        members = tuple(dict.fromkeys(text for _, _, text, _ in spans))
        lists.append(
            Candidate(
                ", ".join(members),
                "|".join(sorted({key for *_, key in spans} | {c.key for c in group})),
                "list",
                min(a for a, *_ in spans),
                max(b for _, b, *_ in spans),
                ev,
                sum(c.prior for c in group) / len(group),
                members,
            )
        )
    return lists


def claim_templates(
    relation: URIRef, target: str, found: list[URIRef], sides: list[tuple[str | None, ...]]
) -> list[tuple[str, bool]]:
    """The claim templates worth running for an asked entity, with whether the answer is the
    claim's subject: who <relation> it where the quick look (`queries.sides`) found it as an
    object, what it <relation> where it found it as a subject."""
    iri = str(entity_iri(target))
    templates = []
    if iri in {obj for _, obj in sides}:
        templates.append((queries.who(relation, entity_iri(target), found), True))
    if iri in {subject for subject, _ in sides}:
        templates.append((queries.what(entity_iri(target), relation, found), False))
    return templates


def _closest(analysis: QuestionAnalysis, evidence: Sequence[Evidence], ranker: Ranker, reason: str) -> Answer:
    """A decline for `reason` that still shows the closest passages."""
    citations = _from_text(analysis, evidence, ranker).answer.citations
    return Answer(analysis.question, DECLINED, analysis.answer_type, 0.0, citations, reason=reason)
