"""Ranking: the sentences of the evidence and the candidate spans in them, scored against one question.

Each sentence is scored by how much of the question it covers: the entities named
(in the sentence, or at least in its article) and the question's other words,
weighted by how rare they are among the found sentences, and by whether its time
fits the time the question asks about. A candidate then scores by its sentence, by
how near it sits to the words it shares with the question, and by how well its kind
fits the question.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from newsgraph.core.ontology import ENTITY_CLASSES, ancestors
from newsgraph.core.text import name_key
from newsgraph.qa.analysis import QuestionAnalysis, stated_quarters
from newsgraph.qa.candidates import Candidate
from newsgraph.qa.evidence import STOPWORDS, Evidence, MentionSpan, stem, tokens

# Nouns any sum of money states: "at $20.47 each" is a price.
_SAID_BY_MONEY = frozenset(stem(w) for w in "price cost value worth amount sum money".split())
# Clauses that say different things: a word of the question across one counts for less.
_CLAUSE_BREAK = re.compile(r"[,;]\s+(?:while|whereas|but|although|though)\b|;\s+|\s+but\s+(?=that\b)")
_OTHER_CLAUSE = 0.5
_JOINT = 0.8  # and what sentences of several articles giving the same answer cover together
_CONTINUED = 0.8  # what a sentence covers together with the one before it counts for this much
_TITLED = 0.5  # a question word only the article's headline says counts for this much
_OTHER_VERSION = 0.6  # an article on another version of a named thing covers the question this much
_FEW_TERMS = 0.2  # below this share of the question's words a sentence covers, less and less
# A figure of another measure than the one asked for ranks lower by half of what it loses in
# confidence: its sentence may still be the one that answers.
_FIT_SCORE = 0.5
_KEY_NEAR = 8  # tokens: the asked-for word this near a figure says what it measures
_KEY_FAR = 0.7  # said elsewhere in the sentence, it may be of another figure: it counts this much
_FIGURES = ("money", "number", "percent")


_CLASS_OF_PREFIX = {cls.lower(): cls for cls in ENTITY_CLASSES}


def fits(entity_id: str, wanted: str | None) -> bool:
    """Whether an entity (by its id's class prefix) is of the class the question asks for."""
    if wanted is None:
        return True
    cls = _CLASS_OF_PREFIX.get(entity_id.split("/", 1)[0])
    return cls is not None and wanted in ancestors(cls)


class Ranker:
    """Scores sentences and candidate spans against one question."""

    def __init__(
        self,
        analysis: QuestionAnalysis,
        evidence: Sequence[Evidence],
        names: Mapping[str, Sequence[str]],
        concepts: Mapping[str, str] | None = None,
        publishers: Sequence[str] = (),
    ) -> None:
        """`names`: the spellings of the entities the question names; `concepts`: words that
        fold together; `publishers`: names a question may use that no sentence spells."""
        self.analysis = analysis
        self.names = {
            e: [name_key(n) for n in names.get(e, ()) if len(name_key(n)) > 2] for e in analysis.entity_ids
        }
        # Short names ("US", "U.S.") count only as written, in capitals: "us" is a pronoun too.
        self.acronyms = {
            e: [
                re.compile(rf"(?<![\w.]){re.escape(n)}(?![\w])")
                for n in names.get(e, ())
                if len(name_key(n)) <= 2 and n.upper() == n and len(n) >= 2
            ]
            for e in analysis.entity_ids
        }
        # Words that express one relation ("buy", "buyer", "order") match each other.
        fold = concepts or {}
        self.fold = fold
        self.key_words = [fold.get(w, w) for w in analysis.key_words]
        self.tokens = {ev.iri: [(a, b, fold.get(t, t)) for a, b, t in tokens(ev.text)] for ev in evidence}
        frequency: dict[str, int] = defaultdict(int)
        for ev in evidence:
            for word in {t for _, _, t in self.tokens[ev.iri]}:
                frequency[word] += 1
        total = max(len(evidence), 1)
        self.weights: dict[str, float] = {}
        for term, weight in analysis.terms:
            folded = fold.get(term, term)
            rarity = math.log(1 + (total + 1) / (frequency.get(folded, 0) + 0.5))
            self.weights[folded] = max(self.weights.get(folded, 0.0), weight * rarity)
        # The named things whose names have a version, with its base: ("chip/gaudi-2", "gaudi").
        self.versioned = {
            (e, version[0]) for e in analysis.entity_ids for n in self.names[e] if (version := _versioned(n))
        }
        self.article_entities: dict[str, set[str]] = defaultdict(set)
        self.article_bases: dict[str, set[tuple[str, str]]] = defaultdict(set)  # versioned names
        self.titles: dict[str, set[str]] = {}  # each article's headline words, folded
        for ev in evidence:
            self.article_entities[ev.article_id] |= ev.entity_ids
            self.article_bases[ev.article_id] |= {v for m in ev.mentions if (v := _versioned(m.label))}
            if ev.article_id not in self.titles:
                self.titles[ev.article_id] = {fold.get(t, t) for _, _, t in tokens(ev.title or "")}
        self.question_words = {
            w
            for w in re.findall(r"[a-z0-9]+", analysis.question.lower())
            if len(w) > 2 and w not in STOPWORDS
        }
        self.top = max((ev.passage_score for ev in evidence), default=1.0) or 1.0
        self._coverage: dict[str, float] = {}
        self._breaks: dict[str, list[int]] = {}
        # A name in the question that no found sentence spells ("Arm" when no article covers
        # Arm) means the question is about something the articles do not report.
        said = " ".join(ev.text.replace(".", "") for ev in evidence)
        spellings = [*publishers, *(n for ns in names.values() for n in ns)]
        spelled = {w for n in spellings for w in re.findall(r"\w+", n.replace(".", ""))}
        self.unseen = (
            0.6
            if any(
                w not in spelled and not re.search(rf"\b{w}\b", said) for w in _names_in(analysis.question)
            )
            else 1.0
        )
        self.previous = _previous_sentences(evidence)

    def entity_share(self, ev: Evidence, others: Sequence[Evidence] = ()) -> float:
        """The share of the named entities the sentence (or the `others` read with it, or, for
        half, their articles) mentions."""
        named = self.analysis.entity_ids
        if not named:
            return 1.0
        said = [ev, *others]
        score = 0.0
        for entity in named:
            if any(entity in e.entity_ids or self.says_name(entity, e.text, name_key(e.text)) for e in said):
                score += 1.0
            elif any(entity in self.article_entities[e.article_id] for e in said):
                score += 0.5
        return score / len(named)

    def says_name(self, entity: str, text: str, key: str) -> bool:
        """Whether a sentence (`text`, and its `name_key`) names the entity by any of its names."""
        return any(f" {n} " in f" {key} " for n in self.names[entity]) or any(
            p.search(text) for p in self.acronyms[entity]
        )

    def term_share(self, ev: Evidence, others: Sequence[Evidence] = ()) -> float:
        """The rarity-weighted share of the question's other words the sentence (and the
        `others` read with it) contains."""
        if not self.weights:
            return 1.0
        words = {t for e in (ev, *others) for _, _, t in self.tokens[e.iri]}
        # The headline says what the whole article is about: its words count, for half.
        titled = self.titles[ev.article_id] - words
        said = sum(w for t, w in self.weights.items() if t in words)
        said += _TITLED * sum(w for t, w in self.weights.items() if t in titled)
        return said / sum(self.weights.values())

    def time_fit(self, ev: Evidence) -> float:
        """1 when the sentence or its article is of the time asked about, less when not."""
        analysis = self.analysis
        if not analysis.years and not analysis.months:
            return 1.0
        published = ev.published or ""
        stated = [d.value for d in ev.dates] + [f.period or "" for f in ev.figures]
        if analysis.months and (
            published[:7] in analysis.months or any(s[:7] in analysis.months for s in stated)
        ):
            return 1.0
        if analysis.months:
            # "the quarter reported in August 2024": the report of that month, not another.
            if not published:
                return 0.85
            return 0.75 if published[:4] in analysis.years else 0.6
        if any(y in ev.text for y in analysis.years) or any(s[:4] in analysis.years for s in stated):
            return 1.0
        if published[:4] in analysis.years or not published:
            return 0.9
        return 0.7

    def coverage(self, ev: Evidence) -> float:
        """How much of the question the sentence covers, 0 to 1.

        A sentence that goes on from the one before it ("The three metals, indium, ...")
        covers, at a discount, what the two say together.
        """
        if ev.iri not in self._coverage:
            share = self._share(ev)
            before = self.previous.get(ev.iri)
            if before is not None:
                share = max(share, _CONTINUED * self._share(ev, [before]))
            self._coverage[ev.iri] = share * self.time_fit(ev)
        return self._coverage[ev.iri]

    def joint_coverage(self, evidence: Sequence[Evidence]) -> float:
        """What several sentences that give the same answer cover of the question together:
        "the memory maker cited in both the 2023 and the 2024 coverage"."""
        first, *others = evidence
        return _JOINT * self._share(first, others) * max(self.time_fit(e) for e in evidence)

    def _share(self, ev: Evidence, others: Sequence[Evidence] = ()) -> float:
        entity = self.entity_share(ev, others)
        terms = self.term_share(ev, others)
        share = 0.5 * entity + 0.5 * terms if self.analysis.entity_ids else terms
        if self.weights and terms < _FEW_TERMS:
            # Few or none of the question's own words: the sentence is about something else.
            share *= 0.5 + 0.5 * terms / _FEW_TERMS
        if entity == 0:
            share *= 0.6  # nor, in all its article, the things the question names
        if self.other_version(ev):
            share *= _OTHER_VERSION
        return share * self.unseen

    def other_version(self, ev: Evidence) -> bool:
        """Whether the sentence's article speaks of another version of a named thing, and never
        of it: an article on the Gaudi 3 does not say when the Gaudi 2 was launched."""
        bases: dict[str, bool] = {}  # base of a named thing -> whether the article names a version asked
        for entity, base in self.versioned:
            bases[base] = bases.get(base, False) or entity in self.article_entities[ev.article_id]
        return any(not bases[b] for b, _ in self.article_bases[ev.article_id] if b in bases)

    def sentence_score(self, ev: Evidence) -> float:
        """Coverage, nudged by the rank of the passage the sentence came from."""
        return self.coverage(ev) * (0.8 + 0.2 * ev.passage_score / self.top)

    def anchors(self, ev: Evidence) -> list[tuple[int, float]]:
        """Token positions in the sentence of the question's words and entities, with weights."""
        found = [(i, self.weights[t]) for i, (_, _, t) in enumerate(self.tokens[ev.iri]) if t in self.weights]
        named = set(self.analysis.entity_ids)
        mean = sum(self.weights.values()) / len(self.weights) if self.weights else 1.0
        for mention in ev.mentions:
            if mention.entity_id in named:
                found.append((self.token_at(ev, mention.start), mean))
        return found

    def token_at(self, ev: Evidence, offset: int) -> int:
        for i, (_, end, _) in enumerate(self.tokens[ev.iri]):
            if end > offset:
                return i
        return len(self.tokens[ev.iri])

    def clause_breaks(self, ev: Evidence) -> list[int]:
        """Where the sentence's clauses break (", while", "; "), as character offsets."""
        if ev.iri not in self._breaks:
            self._breaks[ev.iri] = [m.start() for m in _CLAUSE_BREAK.finditer(ev.text)]
        return self._breaks[ev.iri]

    def proximity(self, ev: Evidence, start: int, end: int) -> float:
        """How close a span sits to the question's words in its sentence, 0 to 1."""
        anchors = self.anchors(ev)
        if not anchors:
            return 0.0
        first, last = self.token_at(ev, start), self.token_at(ev, max(end - 1, start))
        breaks = [self.token_at(ev, b) for b in self.clause_breaks(ev)]
        clause = sum(1 for b in breaks if b <= first)
        total = sum(w for _, w in anchors)
        near = 0.0
        for position, weight in anchors:
            if first <= position <= last:
                continue  # the span itself
            distance = first - position if position < first else position - last
            if sum(1 for b in breaks if b <= position) != clause:
                weight *= _OTHER_CLAUSE  # "X from November 8, while the rules on Y from December 1"
            near += weight / (1 + max(distance - 1, 0) / 3)
        return near / total

    def stand_in(self, candidate: Candidate) -> float:
        """0.5 when another entity of a named entity's kind sits nearer the span than it does.

        "Who is Cambricon's chief executive?" is not answered by "Nvidia chief executive
        Jensen Huang", nor "When did Samsung start mass production?" by "SK Hynix, which
        said this month it was ready for mass production, ... Samsung": the span belongs to
        the entity next to it, which stands in for the one asked about.
        """
        if candidate.kind == "list":
            return 1.0  # the other members of an enumeration are of its kind, not stand-ins
        ev = candidate.evidence
        first = self.token_at(ev, candidate.start)
        last = self.token_at(ev, max(candidate.end - 1, candidate.start))
        named = set(self.analysis.entity_ids)

        def distance(mention: MentionSpan) -> int:
            at = self.token_at(ev, mention.start)
            if at < first:  # a name before the span: from its last word ("Vyra 2 series in 2026")
                return first - self.token_at(ev, max(mention.end - 1, mention.start))
            return max(at - last, 0)

        if self._in_clause_of_another(candidate):
            return 0.5
        breaks = self.clause_breaks(ev)

        def clause_of(offset: int) -> int:
            return sum(1 for b in breaks if b <= offset)

        # A name in another clause ("asked for 20% but that Huang had negotiated") is no stand-in,
        # nor another mention of the answer itself ("the Cyberspace Administration (CAC)").
        clause = clause_of(candidate.start)
        own = {m.entity_id for m in ev.mentions if candidate.start <= m.start < candidate.end}
        for kind in {_root(e) for e in named} - {"Place", None}:
            # Places set the scene ("in Shenzhen") more often than they stand in.
            mine = [m for m in ev.mentions if m.entity_id in named and _root(m.entity_id) == kind]
            nearest = min((distance(m) for m in mine), default=None)
            if nearest is None and any(
                self.says_name(e, ev.text, name_key(ev.text)) for e in named if _root(e) == kind
            ):
                continue  # named in words the graph did not link: no position to compare
            for mention in ev.mentions:
                if (
                    mention.cls is None
                    or ancestors(mention.cls)[-1] != kind
                    or mention.entity_id in named
                    or mention.entity_id in own  # with every mention inside the span
                    or self.is_variant(ev.text[mention.start : mention.end], named)
                    or _owns_named(ev, mention, named)
                    or clause_of(mention.start) != clause
                ):
                    continue
                near = distance(mention)
                if near <= 8 and (nearest is None or near < nearest):
                    return 0.5
        return 1.0

    def is_variant(self, name: str, named: set[str]) -> bool:
        """Whether a name is of a version of a named entity ("HBM3" of HBM): it is the thing
        asked about, not another of its kind."""
        key = name_key(name)
        return any(
            key.startswith(n) and _VERSION.fullmatch(key[len(n) :]) for e in named for n in self.names[e]
        )

    def _in_clause_of_another(self, candidate: Candidate) -> bool:
        """Whether the span sits in a relative clause about a name the question does not use:
        "after Tokyo Metro, which raised 349 billion yen" does not say what Kioxia raised."""
        ev = candidate.evidence
        before = ev.text[: candidate.start]
        clause = _RELATIVE.search(before)
        # The name is read from a window before the comma: a search over all the text before
        # it takes quadratic time on a long run of capitalised words.
        owner = clause and _NAME_BEFORE.search(before[max(clause.start() - _NAME_WINDOW, 0) : clause.start()])
        if owner is None or not self.analysis.entity_ids:
            return False
        name = owner.group(0)
        return not any(self.says_name(e, name, name_key(name)) for e in self.analysis.entity_ids)

    def score(self, candidate: Candidate) -> float:
        """A candidate's score: its sentence, its nearness to the question's words, its prior."""
        ev = candidate.evidence
        return (
            self.sentence_score(ev)
            * (0.4 + 0.6 * self.proximity(ev, candidate.start, candidate.end))
            * candidate.prior
            * self.stand_in(candidate)
            * self.echo(candidate)
            * (_FIT_SCORE + (1 - _FIT_SCORE) * self.measure_fit(candidate))
        )

    def echo(self, candidate: Candidate) -> float:
        """0.6 for a name that repeats the question's own words: "Which Amazon-owned unit"
        is not answered by "Amazon Web Services"."""
        if candidate.kind != "entity":
            return 1.0
        said = {w for w in re.findall(r"[a-z0-9]+", candidate.text.lower()) if len(w) > 2}
        return 0.6 if said & self.question_words else 1.0

    def key_support(self, candidate: Candidate) -> float:
        """The share of the asked-for phrase ("gross margin", "foundry") the evidence states.

        The sentence, or what the graph says the figure measures, must say what the question
        asks for: a figure next to the right company but of another measure answers nothing.
        """
        wanted = self.key_words
        if not wanted:
            return 1.0
        ev = candidate.evidence
        words = self.tokens[ev.iri]
        first = self.token_at(ev, candidate.start)
        last = self.token_at(ev, max(candidate.end - 1, candidate.start))
        near = {t for i, (_, _, t) in enumerate(words) if first - _KEY_NEAR <= i <= last + _KEY_NEAR}
        near |= {self.fold.get(stem(w), stem(w)) for w in re.findall(r"[\w’']+", candidate.measured or "")}
        if candidate.kind == "money":
            near |= _SAID_BY_MONEY  # "$20.47 each" states a price without the word
        said = {t for _, _, t in words}
        # Said far from the figure, the word may be of another figure of the sentence.
        return sum(1.0 if w in near else _KEY_FAR if w in said else 0.0 for w in wanted) / len(wanted)

    def confidence(self, candidate: Candidate, coverage: float | None = None) -> float:
        """How sure the answer is: its sentence's coverage, less when an entity stands in,
        when the sentence does not state what is asked for, or when the period is another."""
        period = 1.0
        years = self.analysis.period_years
        if years and candidate.period and candidate.period[:4] not in years:
            period = 0.5  # "operating profit in 2023" answered with a 2024 figure
        quarters = stated_quarters(candidate.evidence.text.lower())
        if self.analysis.quarter and quarters and self.analysis.quarter not in quarters:
            period *= 0.6  # "the December quarter" answered from a sentence on the September quarter
        covered = self.coverage(candidate.evidence) if coverage is None else coverage
        return covered * self.stand_in(candidate) * self.measure_fit(candidate) * period

    def measure_fit(self, candidate: Candidate) -> float:
        """1 for a figure of the measure asked for, less for another ("IPO price" for what an IPO
        raised); an entity's class already stands for its noun."""
        if candidate.kind not in _FIGURES:
            return 1.0
        support = 0.4 + 0.6 * self.key_support(candidate)
        if candidate.kind != self.analysis.answer_type:
            support *= 0.6  # a sum of money for "how many wafers": a stand-in at best
        return support


_CAPITALISED = re.compile(r"(?<=[\w,;:’'] )[A-Z][A-Za-z0-9]+")
_NOT_NAME = frozenset(
    "I US UK EU AI Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December".split()
)


def _names_in(question: str) -> list[str]:
    """Capitalised words inside a question (not its first word): the names it uses."""
    return [w for w in _CAPITALISED.findall(question.replace(".", "")) if w not in _NOT_NAME]


# A relative clause running to the end of the text, and the name right before it: "Tokyo
# Metro, which raised".
_RELATIVE = re.compile(r",\s+(?:which|who)\s+[^,;]*$")
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w&.-]*\s+)*[A-Z][\w&.-]*$")
_VERSION = re.compile(r" ?\d\w*")  # what follows a name in a version of it: "HBM3", "HBM3E"
_VERSIONED = re.compile(r"([a-z][a-z ]{2,}?) ?(\d\w*)")  # "gaudi 2", "hbm3e": a base of three letters or more
_NAME_WINDOW = 120  # characters: longer than any name
# A sentence that starts by pointing back ("The three metals", "It", "Those chips") goes on
# from the one before it.
_POINTER = r"(?:The|It|Its|They|Their|This|These|That|Those|He|She|His|Her|Both|Such)\b"
_GOES_ON = re.compile(
    rf"^(?:{_POINTER}|(?:Together|Combined|Instead|However|Still|Also),? (?i:{_POINTER}))"  # "Together they"
)


@functools.lru_cache(maxsize=4096)
def _versioned(name: str) -> tuple[str, str] | None:
    """A name's base and version ("gaudi", "2" of "Gaudi 2"), or None for a name without one."""
    match = _VERSIONED.fullmatch(name_key(name))
    return (match.group(1), match.group(2)) if match else None


def _previous_sentences(evidence: Sequence[Evidence]) -> dict[str, Evidence]:
    """Each sentence that goes on from its predecessor, with it, when both are in the evidence."""
    previous: dict[str, Evidence] = {}
    ordered = sorted(evidence, key=lambda ev: (ev.article_id, ev.start))
    for before, ev in itertools.pairwise(ordered):
        if before.article_id == ev.article_id and 0 <= ev.start - before.end <= 3 and _GOES_ON.match(ev.text):
            previous[ev.iri] = before
    return previous


_POSSESSIVE = re.compile(r"[’']s\s+")


def _owns_named(ev: Evidence, mention: MentionSpan, named: set[str]) -> bool:
    """Whether a mention owns a named one ("Nvidia's H100" for the H100): it qualifies, not stands in."""
    owned = _POSSESSIVE.match(ev.text, mention.end)
    return owned is not None and any(m.entity_id in named and m.start == owned.end() for m in ev.mentions)


def _root(entity_id: str) -> str | None:
    cls = _CLASS_OF_PREFIX.get(entity_id.split("/", 1)[0])
    return ancestors(cls)[-1] if cls else None
