"""Token-level views and dependency-parse helpers shared by the claim extractors.

A SentenceView maps token positions to the entity, figure and date mentions resolved
for them; the functions read the parse (clauses, phrases, flags) without any state.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from newsgraph.core.ontology import ancestors
from newsgraph.core.types import DateMention, Figure, Mention

T = TypeVar("T")

REPORTING = {"says", "estimates", "projects", "warns", "denies"}
HEDGES = {"could", "may", "might", "would"}
# Light verbs whose subject undergoes the event: "won approval from Beijing", "secured
# orders from Nvidia". The event's actor is the "from" or "by" party.
RECEIVING = {"win", "secure", "receive", "get", "obtain", "seek", "request", "await", "face"}
# Verbs after which "from doing" means not doing: "barred Nvidia from selling".
PREVENTING = {"bar", "ban", "block", "prevent", "prohibit", "stop", "restrict", "forbid", "exclude", "keep"}
# "said the reports were inaccurate": a statement that denies its subject.
DENIALS = {"inaccurate", "untrue", "false", "baseless", "groundless", "unfounded", "incorrect", "misleading"}
# "warned of", "warned investors about": what a warning is about.
WARNING_PREPS = {"about", "of", "against", "over", "that"}
HEDGING_VERBS = {"expect", "plan", "aim", "seek", "hope", "intend", "likely"}
# Nouns after which "according to" names the kind of source rather than the source.
SOURCE_NOUNS = {
    "estimate",
    "data",
    "figure",
    "calculation",
    "forecast",
    "research",
    "analysis",
    "report",
    "document",
}
GENERIC_SOURCES = {
    "analyst",
    "official",
    "people",
    "person",
    "source",
    "executive",
    "expert",
    "investor",
    "lawmaker",
    "regulator",
    "observer",
    "insider",
    "trader",
    "economist",
    "authority",
}
# Words that stand for an organization already named: resolved to the latest one.
ORG_ANAPHORS = {"it", "company", "firm", "group", "chipmaker", "maker", "designer", "giant"}
GOVERNMENT_ANAPHORS = {
    "ministry",
    "department",
    "agency",
    "bureau",
    "regulator",
    "government",
    "administration",
}
PERSON_ANAPHORS = {"he", "she"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "xcomp"}
SUBJECT_DEPS = {"nsubj", "csubj"}
OBJECT_DEPS = {"dobj", "attr", "oprd", "dative", "acomp"}
NUMERIC_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"}
CURRENCIES = {"dollar", "euro", "yuan", "renminbi", "yen", "won", "pound", "rupee", "franc"}
TEMPORAL_PREPS = {"since", "during", "until", "before", "after", "despite", "amid", "as"}
MEMBER_PREPS = {"including", "like", "among"}
# Relations whose object is often a plain phrase: "dominates the market", "lags in bandwidth".
LITERAL_RELATIONS = {"dominates", "lags_behind", "depends_on"}
# Relations that may take a phrase as object at all ("bans exports of gallium"); the
# others (buys, develops ...) are facts about named things and need a named object.
LITERAL_OBJECT_RELATIONS = LITERAL_RELATIONS | {
    "bans",
    "restricts",
    "eases",
    "sanctions",
    "approves",
    "warns",
    "denies",
    "says",
    "estimates",
    "projects",
}
# Prepositions that lead from an event noun to its object: "orders for", "sales to".
EVENT_PREPS = {"of", "on", "for", "to", "with", "against", "over", "into"}
# Verbs whose "as" phrase describes their object: "regards X as a rival".
CONSIDERING = {
    "see",
    "regard",
    "view",
    "consider",
    "describe",
    "name",
    "count",
    "call",
    "label",
    "rank",
    "list",
    "identify",
    "designate",
    "treat",
    "hail",
    "tout",
    "position",
    "choose",
    "select",
    "pick",
}
# "one of the largest buyers": the role belongs to the subject of "one".
QUANTIFIERS = {"one", "some", "many", "several", "two", "three", "four", "five", "most", "all"}
ANAPHORIC_STARTS = {"the", "its", "their", "his", "her", "this", "these", "those", "that", "such", "some"}
# Prepositions through which a noun leads to what it is about: "sales of", "curbs on".
OBJECT_PREPS = {"of", "on", "against", "over", "including", "like"}
# Relations whose object usually comes after a preposition ("invest in", "rely on").
PREPOSITIONAL = {"depends_on", "competes_with", "partners_with", "invests_in", "lags_behind"}
# The prepositions that lead to a relation's other party: "relies on X", "sells chips to
# X", "buys chips from X". Other prepositional phrases say where, why or how.
RELATION_PREPS = {
    "depends_on": {"on", "upon"},
    "competes_with": {"with", "against"},
    "partners_with": {"with"},
    "invests_in": {"in", "into", "on"},
    "supplies": {"to"},
    "buys": {"from"},
    "lags_behind": {"behind"},
}
COPULAS = {"be", "include", "comprise", "remain", "become"}
# A role seen from the one it is held towards: its customers are whom it supplies.
ROLE_FROM_HOLDER = {
    "buys": "supplies",
    "supplies": "buys",
    "competes_with": "competes_with",
    "partners_with": "partners_with",
}
MAX_LITERAL_WORDS = 12
# Acts of governments: an agentless "X was banned" is taken to be the government's act.
REGULATORY = {"bans", "restricts", "sanctions", "approves", "eases"}


@dataclass
class SentenceView:
    """Token-level views of one sentence's mentions, figures and dates."""

    span: Span
    index: int
    entity_at: dict[int, str] = field(default_factory=dict)
    figure_at: dict[int, int] = field(default_factory=dict)
    date_at: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Argument:
    token: int  # the token it was found at
    entity: str | None = None
    figure: int | None = None
    literal: str | None = None
    party: bool = False  # reached through the relation's own preposition: "buys from X"


@dataclass(frozen=True)
class Source:
    entity: str | None
    generic: str | None
    verb: str
    stance: str


def index_tokens(
    doc: Doc,
    sentences: list[SentenceView],
    mentions: Sequence[Mention],
    figures: Sequence[Figure],
    dates: Sequence[DateMention],
) -> None:
    by_index = {s.index: s for s in sentences}

    def tokens(start: int, end: int) -> Iterable[Token]:
        span = doc.char_span(start, end, alignment_mode="expand")
        return span if span is not None else []

    for m in mentions:
        if m.sentence in by_index:
            for t in tokens(m.start, m.end):
                by_index[m.sentence].entity_at[t.i] = m.entity_id
    for f in figures:
        if f.sentence in by_index:
            for t in tokens(f.start, f.end):
                by_index[f.sentence].figure_at.setdefault(t.i, f.index)
    for d in dates:
        if d.sentence in by_index:
            for t in tokens(d.start, d.end):
                by_index[d.sentence].date_at[t.i] = d.value


def informative(literal: str) -> bool:
    """A phrase worth keeping as an object: not a bare noun, not "the processor"."""
    words = literal.split()
    return len(words) >= 2 and words[0].lower() not in ANAPHORIC_STARTS


def leads_to_thing(prep: Token, verb: Token) -> bool:
    """A preposition that belongs to its verb: right after it, or leading to no date or time."""
    if prep.i == verb.i + 1:
        return True
    return all(c.ent_type_ not in {"DATE", "TIME"} for c in prep.children if c.dep_ == "pobj")


def has_name(head: Token) -> bool:
    """Whether a noun phrase holds a proper name or a model number, not just "AI" or "US"."""
    if (head.pos_ == "PROPN" and not (head.is_upper and len(head) <= 3)) or head.like_num:
        return True
    return any(has_name(c) for c in head.children if c.dep_ not in CLAUSE_DEPS)


def clause_tokens(clause: Token) -> list[Token]:
    """The clause's tokens, without clauses nested in it that have their own subject."""
    tokens = [clause]
    for child in clause.children:
        nested = child.dep_ in {"relcl", "parataxis"} or (
            child.dep_ in {"conj", "advcl", "acl"} and any(c.dep_ in SUBJECT_DEPS for c in child.children)
        )
        if not nested:
            tokens.extend(clause_tokens(child) if child.pos_ in {"VERB", "AUX"} else child.subtree)
    return sorted(tokens, key=lambda t: t.i)


def main_product(mentions: Sequence[Mention], types: dict[str, str]) -> str | None:
    """The article's main product: its most mentioned chip, chip family, product or technology."""
    return most_mentioned(mentions, types, "Product") or most_mentioned(mentions, types, "Technology")


def most_mentioned(mentions: Sequence[Mention], types: dict[str, str], cls: str) -> str | None:
    """The entity of a class (or a subclass) the article mentions most."""
    counts = Counter(m.entity_id for m in mentions if cls in ancestors(types.get(m.entity_id, "Entity")))
    return counts.most_common(1)[0][0] if counts else None


def item(s: SentenceView, token: Token) -> Argument:
    if token.i in s.entity_at:
        return Argument(token.i, entity=s.entity_at[token.i])
    return Argument(token.i, figure=s.figure_at[token.i])


def is_generic_source(token: Token) -> bool:
    return token.lemma_.lower() in GENERIC_SOURCES


def such_as(prep: Token) -> bool:
    return prep.lower_ == "as" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such"


def is_negated(verb: Token) -> bool:
    """ "did not buy", "never bought", "sold no chips", "barred X from selling"."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "from" and verb.head.head.lemma_.lower() in PREVENTING:
        return not is_negated(verb.head.head)  # "would not stop Nvidia from selling": it sells
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ == "never":
            return True
        if child.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in child.children):
            return True
    return False


def is_hedged(verb: Token) -> bool:
    """Could, may, might, would; or "expected to", "plans to"."""
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in HEDGES for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in HEDGING_VERBS


def verb_stems(word: str) -> list[str]:
    """Plain stems of an inflected verb: "fined" -> "fine", "banned" -> "ban", "supplies" -> "supply"."""
    stems: list[str] = []
    for suffix, endings in (
        ("ies", ("y",)),
        ("ied", ("y",)),
        ("ing", ("", "e")),
        ("ed", ("", "e")),
        ("es", ("",)),
        ("s", ("",)),
        ("d", ("",)),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            stems.extend(stem + e for e in endings)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                stems.append(stem[:-1])  # "banned", "banning"
    return stems


def verb_phrase(verb: Token) -> str:
    """The verb as written with its auxiliaries, negation and particle: "had not ordered"."""
    parts = [c for c in verb.children if c.dep_ in {"aux", "auxpass", "neg", "prt"}] + [verb]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def noun_phrase(token: Token) -> str:
    """A noun's phrase without relative clauses, capped in length.

    A participle phrase stays ("advanced chips exported from the United States"): it
    says which things are meant, where a relative clause says more about them.
    """
    words = [t for t in token.subtree if not any(_clause_in_phrase(a) for a in between(t, token))]
    text = " ".join(t.text for t in words[:MAX_LITERAL_WORDS])
    return text.strip(" ,.;:")


def _clause_in_phrase(token: Token) -> bool:
    return token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ != "VBN")


def clause_text(clause: Token) -> str:
    words = [t for t in clause.subtree if t.dep_ != "mark"]
    text = " ".join(t.text for t in words).strip(" ,.;:")
    return " ".join(text.split()[: MAX_LITERAL_WORDS * 2])


def between(token: Token, ancestor: Token) -> list[Token]:
    """Tokens on the path from token up to (not including) ancestor."""
    path = []
    current = token
    while current.i != ancestor.i and current.head.i != current.i:
        path.append(current)
        current = current.head
    return path


def first(values: Iterable[str]) -> str | None:
    return next(iter(values), None)


def dedupe(items: list[T]) -> list[T]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))
