"""Candidate answers read out of one evidence sentence, each a span of it with a rendering.

What counts as a candidate depends on what the question asks for: the entities the
graph found (or capitalised names it missed), figures with their unit and period and
whole ranges ("$2 billion to $3 billion"), dates in a form that says day, month and
year, causal clauses ("because of ..."), and lists ("A, B and C"). Each candidate
carries a prior: how well its kind fits the question.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from newsgraph.core.ontology import ancestors
from newsgraph.core.periods import MONTH_NAMES
from newsgraph.core.text import name_key, singular
from newsgraph.qa.analysis import NOUN_CLASS, QuestionAnalysis
from newsgraph.qa.evidence import Evidence, MentionSpan, stem

_POSSESSIVE = re.compile(r"^[’']s\s+$")
# What joins a list's members: "A, B and C", "on A and on B" (the preposition said again).
_LIST_GAP = re.compile(
    r"^\s*(?:,|,?\s*(?:and|or)(?:\s+(?:on|in|to|from|for|with|by|at))?|,?\s*as well as|&)\s*$"
)
_NAME = re.compile(
    r"(?:[A-Z][\w’'.&-]*|\d+[A-Za-z][\w-]*)(?:\s+(?:(?:of|for|de|the)\s+)?(?:[A-Z0-9][\w’'.&-]*))*"
)
_NOT_NAMES = frozenset(
    (
        "the a an in on at for by with and but or as after before while when since if this that these "
        "those it its he she they we i his her their our analysts officials shares revenue sales "
        "people some other chief president mr ms dr monday tuesday wednesday thursday friday saturday "
        "sunday u.s us"
    ).split()
) | {m.lower() for m in MONTH_NAMES}
REASON_CUES = re.compile(
    r"\b(?:because(?: of)?|due to|owing to|thanks to|as a result of|citing|amid|"
    r"(?:hurt|helped|driven|fuell?ed|boosted|weighed down|offset|caused|prompted|partly offset) by|"
    r"on (?:concerns?|fears?|worries|hopes?|expectations?)|over (?:concerns?|fears?|worries)|"
    r"in order to|so (?:that|as to)|(?:seeking|aiming|in a bid|an effort|a move) to|a sign that|"
    r"to (?:stop|prevent|protect|address|avoid|ensure|curb|limit|keep|counter|reduce|boost|meet|secure|"
    r"comply|explain|support|bolster|ease|offset|preserve|maintain|shore up)|"
    r"saying|reflecting|since|after|"
    # "as" starts a cause only as a conjunction: not "such as", "as well as", "as early as".
    r"(?<!such )(?<!known )(?<!well )"
    r"as(?! (?:well|early|much|many|long|soon|far|little|high|low|part|of|a|an|the|one|if)\b))\b",
    re.IGNORECASE,
)
_RESULT = re.compile(
    r",\s+(?:which|a move that|a step that)\s+(?:has\s+|had\s+)?"
    r"(?:forced|forces|led|leads|prompted|prompts|caused|causes|pushed|meant|means|required|drove|left)\b"
)
_WEAK_REASON = frozenset({"after", "as", "since", "saying"})
_ASKED_VERB_NEAR = 4  # words before "after" in which the question's verb makes it a cause
# "as" is a cause for sure when what follows is someone's bet or fear: "rose as investors bet".
_EXPECTING = re.compile(
    r"as (?:[\w-]+ ){1,3}(?:had |have |were |are )?(?:bet|expect|hope|fear|worr(?:y|ie)|anticipate|wager)",
    re.IGNORECASE,
)
# A causal clause runs on until the sentence turns to something else or names its source.
_CLAUSE_END = re.compile(
    r",\s+(?:while|but|whereas|although|though|according|people|analysts|he|she|they|said|"
    r"the (?:company|people|ministry|department|person|official)s?\b|as|which|whose|adding)\b|;|\.$"
    r"|\s+—\s+|\s+such as\b|\s+and (?:now |also |then )?[a-z]+ed\b"
)
_AMOUNT = re.compile(r"^\d[\d.,]*(?:bn|mn|tn|m|k|nm|gb|tb)$", re.IGNORECASE)  # "400bn" is no name
# Capitalised adjectives of nationality ("Chinese", "Dutch") name no one on their own.
_DEMONYM = re.compile(
    r"^(?:[A-Z][a-z]+(?:ese|ian|ean|ish)|American|Dutch|French|Israeli|Saudi|Thai|Greek|Swiss|Emirati)"
    r"(?:-[a-z]+)?$"  # "Chinese-origin", "Dutch-made"
)
# Capitalised words right after a mention that belong to its name: "China" + " Mobile".
_NAME_TAIL = re.compile(r"(?:\s+[A-Z][\w&-]*[A-Za-z])+")


@dataclass(frozen=True)
class Candidate:
    """A possible answer: a span of an evidence sentence and how it reads as an answer."""

    text: str
    key: str  # what candidates that agree share
    kind: str  # entity, money, percent, number, date, reason, list
    start: int
    end: int
    evidence: Evidence
    prior: float
    members: tuple[str, ...] = ()  # a list's members, as rendered
    period: str | None = None
    measured: str | None = None  # what a figure measures, as the graph has it


def in_question(text: str, analysis: QuestionAnalysis) -> bool:
    """Whether a candidate only repeats what the question says."""
    words = [stem(w) for w in re.findall(r"[\w’'.-]+", text)]
    asked = {stem(w) for w in re.findall(r"[\w’'.-]+", analysis.question)}
    return bool(words) and all(w in asked for w in words)


_COMMERCIAL = frozenset(
    stem(w)
    for w in "company firm maker manufacturer chipmaker startup foundry designer vendor supplier".split()
)


def _called(text: str, end: int) -> str | None:
    """The class a class noun right after a name gives it: "Panther Lake laptop processors"
    is a product, whatever the graph made of it; None when no such noun follows."""
    following = re.findall(r"[a-z][\w-]*", text[end : end + 30].split(",")[0])[:2]
    return next((NOUN_CLASS[singular(w)] for w in following if singular(w) in NOUN_CLASS), None)


def entity_prior(analysis: QuestionAnalysis, cls: str | None) -> float:
    """How well an entity of this class answers the question ("which minister" wants a Person)."""
    wanted = analysis.answer_class
    if wanted is None and analysis.question.lower().startswith("who"):
        wanted = "Person"
        if cls is not None and "Organization" in ancestors(cls):
            return 0.7
    if wanted is None:
        return 0.9 if cls in ("Country", "Place") else 1.0
    if cls is None:
        return 0.6
    if cls == "GovernmentBody" and _COMMERCIAL & set(analysis.head_words):
        return 0.3  # "which company": an organisation, but not a ministry or a regulator
    return 1.0 if wanted in ancestors(cls) else 0.15


def name_spans(analysis: QuestionAnalysis, ev: Evidence) -> list[tuple[int, int, str, str, float]]:
    """(start, end, rendering, key, prior) of the entities and other names in a sentence."""
    named = set(analysis.entity_ids)
    asked = f" {name_key(analysis.question)} "
    spans: list[tuple[int, int, str, str, float]] = []
    longest: dict[str, MentionSpan] = {}
    for mention in ev.mentions:
        known = longest.get(mention.entity_id)
        if known is None or mention.end - mention.start > known.end - known.start:
            longest[mention.entity_id] = mention
    starts = {m.start for m in ev.mentions}
    led = _led_by_place(ev)
    for mention in ev.mentions:
        if mention in led.values():
            continue  # read with the place before it
        surface = ev.text[mention.start : mention.end]
        tail = _NAME_TAIL.match(ev.text, mention.end)
        if tail and (any(mention.end < a < tail.end() for a in starts) or mention.end in starts):
            tail = None  # another name follows, not the rest of this one
        leads = mention in led or (tail is not None and _root(mention.cls) == "Place")
        if not leads and (
            mention.entity_id in named or any(f" {name_key(n)} " in asked for n in (surface, mention.label))
        ):
            continue  # but "China Mobile" answers a question that names China
        end, rendered, key = mention.end, _render(longest[mention.entity_id], ev.text), mention.entity_id
        cls = mention.cls
        if mention in led:
            # "China International Capital Corp", which the graph read as China and a company.
            end, cls = led[mention].end, led[mention].cls
            rendered = ev.text[mention.start : end]
            key = name_key(rendered)
        elif tail:
            # The graph took "China" out of "China Mobile": the whole name is the answer.
            end, rendered, cls = tail.end(), ev.text[mention.start : tail.end()], None
            key = name_key(rendered)
        context = _context(analysis, ev.text, mention.start, end)
        prior = entity_prior(analysis, cls)
        # The sentence calls it what the question asks for ("its Axion processor"), which
        # outweighs a class the graph may have got wrong; but a place before the noun only
        # modifies it ("China chip sales").
        if context >= 1.4 and not (prior < 0.6 and cls is not None and "Place" in ancestors(cls)):
            prior = max(prior, 0.9)
        prior *= context
        spans.append((mention.start, end, rendered, key, prior))
    taken = [(a, b) for a, b, *_ in spans] + [(m.start, m.end) for m in ev.mentions]
    masked = ev.text
    for a, b in taken:  # a name the graph found is not part of a longer one here
        masked = masked[:a] + "#" * (b - a) + masked[b:]
    for match in _NAME.finditer(masked):
        start, end, text = match.start(), match.end(), match.group(0).rstrip(".")
        words = text.split()
        # "Shares of MP Materials": the words before the name, and what joined them to it, go.
        while words and (words[0].lower().strip("’'") in _NOT_NAMES or words[0] in ("of", "de")):
            start += ev.text[start:].index(words[0]) + len(words[0])
            words = words[1:]
        if not words:
            continue
        start = ev.text.index(words[0], start)
        text = " ".join(words)
        end = start + len(text)
        if any(a < end and start < b for a, b in taken) or in_question(text, analysis):
            continue
        if start == 0 and " " not in text and text.lower().endswith(("ing", "ed", "ly")):
            continue  # "Speaking at the forum, ...": a capital that only starts the sentence
        if text.lower() in _NOT_NAMES or len(text) < 3 or _DEMONYM.match(text) or _AMOUNT.match(text):
            continue
        context = _context(analysis, ev.text, start, end)
        prior = entity_prior(analysis, _called(ev.text, end))
        if context >= 1.4:
            prior = max(prior, 0.9)  # the sentence calls it what the question asks for
        prior *= context
        spans.append((start, end, text, name_key(text), prior))
    return sorted(spans)


def _led_by_place(ev: Evidence) -> dict[MentionSpan, MentionSpan]:
    """Places that start an organisation's name, with the rest of it: the graph may read
    "China International Capital Corp" as China and a company called International Capital Corp."""
    led = {}
    for place, rest in itertools.pairwise(sorted(ev.mentions, key=lambda m: m.start)):
        if (
            _root(place.cls) == "Place"
            and _root(rest.cls) == "Organization"
            and rest.start == place.end + 1
            and ev.text[place.end] == " "
        ):
            led[place] = rest
    return led


def _root(cls: str | None) -> str | None:
    return ancestors(cls)[-1] if cls else None


_EVENT = frozenset(stem(w) for w in "event gathering occasion".split())
# The last word of a name that says it is an event: "Reagan National Defense Forum", "Computex show".
_EVENT_NAMES = frozenset(
    stem(w) for w in "forum conference summit expo show fair congress meeting festival convention".split()
)


def _context(analysis: QuestionAnalysis, text: str, start: int, end: int) -> float:
    """More when the sentence calls the span what the question asks for ("Sophgo, a chip designer",
    "its Axion processor") or puts it after the question's preposition ("at the ... Forum")."""
    factor = 1.0
    heads = set(analysis.head_words)
    before = [stem(w) for w in re.findall(r"[\w’']+", text[max(0, start - 40) : start])][-3:]
    after = [stem(w) for w in re.findall(r"[\w’']+", text[end : end + 60])][:6]
    inside = [stem(w) for w in re.findall(r"[\w’']+", text[start:end])]
    if (
        heads
        and (
            (len(inside) > 1 and inside[-1] in heads)  # "Hopper architecture"
            or heads & set(before[-2:])
            or heads & set(after[:1])
            or (heads & set(after) and text[end : end + 2] == ", ")
            or (heads & _EVENT and inside[-1:] and inside[-1] in _EVENT_NAMES)  # "... Defense Forum"
        )
    ):
        factor *= 1.4
    if analysis.preposition and re.search(
        rf"\b{analysis.preposition}\s+(?:the\s+|its\s+|a\s+|an\s+)?(?:[\w.]+[’']s\s+)?$",
        text[max(0, start - 40) : start],
        re.I,
    ):
        factor *= 1.3
    return factor


def _render(mention: MentionSpan, text: str) -> str:
    """An entity by its label, with the sentence's spelling when that says more."""
    surface = text[mention.start : mention.end]
    label = mention.label
    if name_key(surface) == name_key(label) or name_key(surface) in name_key(label):
        return label
    if name_key(label) in name_key(surface):
        return surface
    return f"{surface} ({label})"


def entity_candidates(analysis: QuestionAnalysis, ev: Evidence) -> list[Candidate]:
    """Entities and names of the sentence that the question does not name itself."""
    return [
        Candidate(text, key, "entity", a, b, ev, prior) for a, b, text, key, prior in name_spans(analysis, ev)
    ]


def list_candidates(analysis: QuestionAnalysis, ev: Evidence) -> list[Candidate]:
    """Runs of names joined by commas and "and": "Huawei, Cambricon and MetaX"."""
    spans = name_spans(analysis, ev)
    groups: list[list[tuple[int, int, str, str, float]]] = []
    for span in spans:
        gap = ev.text[groups[-1][-1][1] : span[0]] if groups else ""
        if groups and _POSSESSIVE.match(gap):
            groups[-1][-1] = span  # "Alphabet’s Google": the member is Google
        elif groups and _LIST_GAP.match(gap):
            groups[-1].append(span)
        else:
            groups.append([span])
    found = []
    for group in groups:
        members = tuple(dict.fromkeys(text for _, _, text, _, _ in group))
        prior = sum(p for *_, p in group) / len(group)
        if len(members) == 1:
            prior *= 0.5
        found.append(
            Candidate(
                ", ".join(members),
                "|".join(sorted(key for _, _, _, key, _ in group)),
                "list",
                group[0][0],
                group[-1][1],
                ev,
                prior,
                members,
            )
        )
    return found


_WORD_LIST = re.compile(r"\b[a-z][a-z-]{2,}(?:, [a-z][a-z-]{2,})+,? (?:and|or) [a-z][a-z-]{2,}\b")
_LIST_WORDS = frozenset("and or the its their other such as well also including".split())


def word_lists(analysis: QuestionAnalysis, ev: Evidence) -> list[Candidate]:
    """Enumerations of common nouns that the sentence calls what the question asks for:
    "which rare earth elements" and "the five elements, holmium, erbium, thulium and europium"."""
    found = []
    for match in _WORD_LIST.finditer(ev.text):
        members = [w for w in re.split(r",? (?:and|or) |, ", match.group(0)) if w not in _LIST_WORDS]
        a, b = match.span()
        if members and stem(members[0]) in analysis.head_words:
            # "The three metals, indium, bismuth and tellurium": the noun, then its members.
            a = ev.text.index(members[1], a + len(members[0]))
            members = members[1:]
        if len(members) < 3:
            continue
        context = _context(analysis, ev.text, a, b)
        if context < 1.4:
            continue  # only what the sentence calls what the question asks for
        prior = (0.7 if analysis.answer_class is None else 0.2) * context
        key = "|".join(sorted(members))
        found.append(Candidate(", ".join(members), key, "list", a, b, ev, prior, tuple(members)))
    return found


def reason_candidates(analysis: QuestionAnalysis, ev: Evidence) -> list[Candidate]:
    """Causal clauses: from a cue ("because of", "citing", "to stop") to the clause's end."""
    found = []
    for match in REASON_CUES.finditer(ev.text):
        rest = ev.text[match.end() :]
        stop = _CLAUSE_END.search(rest)
        end = match.end() + (stop.start() if stop else len(rest))
        clause = ev.text[match.start() : end].strip(" ,.")
        words = clause.split()
        if len(words) < 3:
            continue
        if len(words) > 30:
            clause = " ".join(words[:30])
        cue = match.group(0).lower()
        prior = 0.6 if cue in _WEAK_REASON and not _EXPECTING.match(clause) else 1.0
        if cue in ("after", "since") and re.search(rf"\b{cue}\b", analysis.question, re.I):
            prior *= 0.5  # "why did X rise after Y?": an "after" clause restates the question's time
        elif cue == "after" and _follows_asked_verb(analysis, ev.text[: match.start()]):
            prior = 1.0  # "delayed the IPO after investors balked" answers "why did it delay"
        if in_question(" ".join(w for w in words[1:] if w.lower() not in _NOT_NAMES), analysis) or (
            len(words) > 4 and in_question(" ".join(words[1:5]), analysis)
        ):
            prior *= 0.3  # the clause restates the question ("after the announcement", "to stop using TSMC")
        found.append(Candidate(clause, clause.lower(), "reason", match.start(), end, ev, prior))
    for match in _RESULT.finditer(ev.text):
        # "Biren was added to the Entity List, which forced it to stop ...": the cause comes first.
        clause = ev.text[: match.start()].strip(" ,")
        if len(clause.split()) >= 3:
            found.append(Candidate(clause, clause.lower(), "reason", 0, match.start(), ev, 1.0))
    found.append(Candidate(ev.text, ev.text.lower(), "reason", 0, len(ev.text), ev, 0.3))
    return found


def _follows_asked_verb(analysis: QuestionAnalysis, before: str) -> bool:
    """Whether the words right before a clause say what the question asks the cause of."""
    asked = {term for term, _ in analysis.terms}
    return any(stem(w) in asked for w in re.findall(r"[\w’']+", before)[-_ASKED_VERB_NEAR:])
