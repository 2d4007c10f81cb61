"""Token-level views and dependency-parse helpers shared by the claim extractors.

A SentenceView maps token positions to the entity, figure and date mentions resolved
for them; the functions read the parse (clauses, phrases, flags) without any state.
A VerbReading is one verb as the claim steps of claims.py read it. The word lists they
read by are in claim_words.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypedDict, TypeVar

from spacy.tokens import Doc, Span, Token

from newsgraph.core.ontology import ancestors
from newsgraph.core.types import DateMention, Entity, Figure, Mention
from newsgraph.ingest.claim_words import (
    ANAPHORIC_STARTS,
    BEATING,
    CLAUSE_DEPS,
    GENERIC_SOURCES,
    HEDGES,
    HEDGING_VERBS,
    MATCHING,
    MAX_LITERAL_WORDS,
    NATIONAL_GOVERNMENTS,
    PLACE_PREPS,
    PLAIN_ADJECTIVES,
    PREVENTING,
    SUBJECT_DEPS,
    TEMPORAL_PREPS,
    UNASSERTED_MARKS,
    YARDSTICKS,
)
from newsgraph.ingest.figures import CHANGES

T = TypeVar("T")


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


@dataclass
class VerbReading:
    """One verb as the claim steps read it; each step refines it in place."""

    relation: str | None
    phrase: str  # the verb phrase as written
    event: tuple[Token, str] | None  # an event noun the verb acts through, with its relation
    passive: bool
    subjects: list[str | None]
    objects: list[Argument]
    role: str | None  # a role noun's relation ("X is a buyer of Y")
    suppliers: list[str] = field(default_factory=list)  # who fills an order the verb places
    may_acquire: bool = False  # buying a company may be acquiring it
    source: Source | None = None  # who says so
    partners: list[str] = field(default_factory=list)  # who joint work is done with


class Credit(TypedDict):
    """A claim's attribution fields, as `Claim` takes them."""

    attributed_to: str | None
    attributed_source: str | None
    reporting_verb: str | None
    stance: str


def credit(source: Source | None) -> Credit:
    """Who a claim is attributed to, with the reporting verb and stance; asserted when no one."""
    if source is None:
        return Credit(attributed_to=None, attributed_source=None, reporting_verb=None, stance="asserts")
    return Credit(
        attributed_to=source.entity,
        attributed_source=source.generic,
        reporting_verb=source.verb,
        stance=source.stance,
    )


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


def secondary_figures(s: SentenceView) -> set[int]:
    """Figures that restate another ("$12 billion, or roughly 9% of revenue"), give the
    starting point of a change ("could rise to 39% by 2027 from 31% in 2023"), what
    another is more or less than, or a margin around another ("plus or minus 2%").

    They belong to no estimate of their own.
    """
    found: set[int] = set()
    for i, figure in s.figure_at.items():
        j = i - 1
        while j >= s.span.start and s.figure_at.get(j) == figure:
            j -= 1  # to the start of the figure's own words
        while j >= s.span.start and s.span.doc[j].pos_ in {"ADV", "SYM"}:
            j -= 1  # "or roughly", "or about $"
        earlier = any(f != figure and k < i for k, f in s.figure_at.items())
        restates = j - 1 >= s.span.start and s.span.doc[j].lower_ == "or" and s.span.doc[j - 1].text == ","
        above = list(s.span.doc[i].ancestors)
        starts = any(a.lower_ == "from" and a.dep_ == "prep" and a.head.lemma_ in CHANGES for a in above)
        # "to reach $5 billion, more than the $3 billion it made in 2024": a yardstick, not the
        # news. ("62%, compared with 21% for Micron" may be a second estimate: not here.)
        compared = any(a.lower_ == "than" and a.dep_ == "prep" for a in above)
        # "above the average analyst estimate of $7.55 billion", "beating expectations of
        # $62 billion": others' figure, the yardstick of the subject's own.
        compared = compared or any(
            a.lemma_.lower() in YARDSTICKS
            and (a.dep_ == "pobj" or (a.dep_ == "dobj" and a.head.lemma_.lower() in BEATING))
            for a in above
        )
        # "$2 billion to $3 billion of sales, well below the roughly $7 billion it earned before".
        compared = compared or (
            earlier and any(a.lower_ in {"below", "above"} and a.dep_ == "prep" for a in above)
        )
        # "expects its share to match its roughly 22% share of DRAM": what is matched is a yardstick.
        compared = compared or any(a.dep_ == "dobj" and a.head.lemma_.lower() in MATCHING for a in above)
        # "$3.7 billion, plus or minus $300 million": a margin around another figure.
        start = i
        while start - 1 >= s.span.start and s.figure_at.get(start - 1) == figure:
            start -= 1
        margin = earlier and start > s.span.start and s.span.doc[start - 1].lower_ == "minus"
        # "of those three companies' sales": a count that points back at things named before.
        pointing = start > s.span.start and s.span.doc[start - 1].lower_ in {"those", "these", "the", "both"}
        pointing = pointing and s.span.doc[i].like_num
        if (earlier and restates) or starts or compared or margin or pointing:
            found.add(figure)
    return found


def national_governments(entities: Sequence[Entity]) -> dict[str, str]:
    """ "the U.S. government", "the Japanese government": each to its country, when named.

    In the news a national government acts as its country: "the U.S. government told
    Nvidia ..." is the United States restricting. Adjectives are matched by their stem:
    "Japan" in "Japanese", "Chin(a)" in "Chinese". Every name of the government counts:
    "Dutch government" is found through its alias "Netherlands government".
    """
    countries = [e for e in entities if "Country" in ancestors(e.type)]
    found: dict[str, str] = {}
    for entity in entities:
        if entity.type != "GovernmentBody":
            continue
        for label in (entity.label, *entity.aliases):
            words = label.split()
            if len(words) < 2 or words[-1].lower() not in NATIONAL_GOVERNMENTS:
                continue
            _match_nation(" ".join(words[:-1]).lower(), entity.id, countries, found)
    return found


def _match_nation(nation: str, government: str, countries: Sequence[Entity], found: dict[str, str]) -> None:
    """Records the country whose name or adjective `nation` is, for the government."""
    for country in countries:
        for name in (country.label, *country.aliases):
            name = name.lower()
            stem = name[:-1] if name[-1] in "aeiou" and len(name) > 3 else name
            if nation == name or (len(stem) > 3 and nation.startswith(stem)):
                found.setdefault(government, country.id)


def in_subject(token: Token) -> bool:
    """Whether a word is part of a clause's subject: "Meta chief executive Mark Zuckerberg said"."""
    while token.dep_ in {"compound", "nmod", "poss", "appos", "conj", "amod"} and token.head.i != token.i:
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"}


def argument_head(token: Token) -> Token:
    """The head of the noun phrase (or list) a name is part of: "chips" for "Nvidia's H100 chips"."""
    while token.dep_ in {"compound", "nmod", "poss", "amod", "conj"} and token.head.i != token.i:
        token = token.head
    return token


def in_main_clause(token: Token) -> bool:
    """Whether a word is in the subject of its sentence's main verb (or a verb joined to it)."""
    while token.dep_ in {"compound", "nmod", "poss", "appos", "conj", "amod"} and token.head.i != token.i:
        token = token.head
    verb = token.head
    return token.dep_ in {"nsubj", "nsubjpass"} and (
        verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
    )


def agent_nouns(verb: Token) -> list[Token]:
    """The nouns of a passive's "by" phrase: "constrained by U.S. restrictions"."""
    return [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]


def measured(s: SentenceView, noun: Token) -> bool:
    """Whether goods come with an amount: "$30 billion of wafer fabrication equipment",
    "spent $38 billion on imported chipmaking equipment"."""
    prep = noun.head
    if noun.dep_ != "pobj":
        return False
    if prep.lower_ == "on":
        # The parser hangs "on" on the verb or on the amount ("$9 billion on ...").
        verb = prep.head.head if prep.head.i in s.figure_at else prep.head
        # Money spent, not money to be spent ("would spend $60 billion on capital projects").
        spent = verb.lemma_.lower() == "spend" and verb.tag_ in {"VBD", "VBN"} and not is_hedged(verb)
        return spent and any(c.dep_ == "dobj" and c.i in s.figure_at for c in verb.children)
    return prep.lower_ == "of" and prep.head.i in s.figure_at


def plant_goods(plant: Token) -> list[Token] | None:
    """The words before a plant that name what it makes: "rare earth" in "the only rare earth
    mine", "DRAM" in "a DRAM fab"; None where nothing names it ("a new plant")."""
    words = [c for c in plant.children if c.dep_ in {"compound", "nmod"} and c.i < plant.i]
    if not words:
        return None
    first = min(t.i for w in words for t in w.subtree)
    before = plant.doc[first - 1]
    if (
        first > 0
        and before.dep_ == "amod"
        and before.head.i == plant.i
        and before.tag_ == "JJ"
        and before.lower_ not in PLAIN_ADJECTIVES
    ):
        first -= 1  # "rare earth": an adjective that is part of the name of the goods
    return list(plant.doc[first : plant.i])


def informative(literal: str) -> bool:
    """A phrase worth keeping as an object: not a bare noun, not "the processor"; "some
    precision valves" as "precision valves" (a quantity of a kind, not an anaphor)."""
    words = literal.split()
    if words and words[0].lower() == "some":
        return informative(" ".join(words[1:]))
    bare = len(words) == 2 and words[0].lower() in {"a", "an"}  # "a licence"
    return len(words) >= 2 and words[0].lower() not in ANAPHORIC_STARTS and not bare


def leads_to_thing(prep: Token, verb: Token) -> bool:
    """A preposition that belongs to its verb: right after it, or leading to no date or time."""
    if prep.i == verb.i + 1:
        return True
    return all(c.ent_type_ not in {"DATE", "TIME"} for c in prep.children if c.dep_ == "pobj")


def has_name(head: Token, apart: frozenset[str] = frozenset()) -> bool:
    """Whether a noun phrase holds a proper name or a model number, not just "AI" or "US";
    names after the prepositions `apart` do not count."""
    # "first-quarter results", "a three-year roadmap": an ordinal, or a number in a compound
    # modifier, names nothing.
    proper = head.pos_ == "PROPN" and not (head.is_upper and len(head) <= 3)
    hyphened = head.i + 1 < len(head.doc) and head.nbor().text == "-"
    if proper or (head.like_num and head.tag_ == "CD" and not hyphened):
        return True
    # "a packaging plant in West Lafayette": where a thing is does not name it.
    skipped = TEMPORAL_PREPS | PLACE_PREPS | apart
    return any(
        has_name(c, apart)
        for c in head.children
        if c.dep_ not in CLAUSE_DEPS and not (c.dep_ == "prep" and c.lower_ in skipped)
    )


def clause_tokens(clause: Token) -> list[Token]:
    """The clause's tokens, without clauses nested in it that have their own subject."""
    tokens = [clause]
    for child in clause.children:
        nested = child.dep_ in {"relcl", "parataxis"} or (
            child.dep_ in {"conj", "advcl", "acl"}
            and any(c.dep_ in SUBJECT_DEPS | {"nsubjpass"} for c in child.children)
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


def asks(clause: Token) -> bool:
    """Whether a clause is a question or a condition, not a statement: "did not say whether
    Nvidia had applied", "declined to say which products", "if a company redesigned a chip"."""
    if any(c.dep_ == "mark" and c.lower_ in UNASSERTED_MARKS for c in clause.children):
        return True
    opening = next(clause.subtree)
    # "which products were involved"; "that" may be tagged as a wh-word too.
    return clause.dep_ == "ccomp" and opening.tag_ in {"WDT", "WP", "WP$", "WRB"} and opening.lower_ != "that"


def unasserted(verb: Token) -> bool:
    """Whether a verb stands in a question or a condition, at any depth (see `asks`)."""
    return any(asks(t) for t in [verb, *verb.ancestors] if t.pos_ in {"VERB", "AUX"})


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
    text = " ".join(t.text for t in _phrase_words(token)[:MAX_LITERAL_WORDS])
    return text.strip(" ,.;:")


def phrase_members(token: Token) -> list[str]:
    """A list phrase as its members, one phrase each (coordination gives one claim per member).

    "vacuum pumps, power generators and some precision valves" gives three phrases;
    "etching and lithography tools" gives "etching tools" and "lithography tools". A
    phrase with no list in it is itself.
    """
    if token.dep_ != "conj" and token.conjuncts:
        return [_member_phrase(member) for member in (token, *token.conjuncts)]
    listed = [c for c in token.children if c.dep_ in {"amod", "compound"} and c.conjuncts]
    if not listed:
        return [noun_phrase(token)]
    return [f"{m.text} {token.text}" for m in (listed[0], *listed[0].conjuncts)]


def _member_phrase(head: Token) -> str:
    """One list member's words: its subtree without the members after it or a clause."""
    later = {t.i for c in head.children if c.dep_ in {"conj", "cc"} or c.is_punct for t in c.subtree}
    words = [t for t in _phrase_words(head) if t.i not in later]
    return "".join(t.text_with_ws for t in words[:MAX_LITERAL_WORDS]).strip(" ,.;:")


def _phrase_words(head: Token) -> list[Token]:
    """A noun's subtree without the relative clauses in it."""
    return [t for t in head.subtree if not any(_clause_in_phrase(a) for a in between(t, head))]


def _clause_in_phrase(token: Token) -> bool:
    # "AI processors based in Beijing": where the maker sits is no part of what it makes.
    located = token.lower_ in {"based", "headquartered"}
    return token.dep_ == "relcl" or (token.dep_ == "acl" and (token.tag_ != "VBN" or located))


def clause_text(clause: Token) -> str:
    """What a statement says: its clause without "that", and without the reasons,
    circumstances and results a subordinate clause adds ("..., because the rules cover only ...").
    """
    # "..., sending its shares down 11%": a result the writer adds, not part of the statement.
    aside = [
        c
        for c in clause.children
        if c.dep_ == "advcl" and (any(m.dep_ == "mark" for m in c.children) or c.tag_ == "VBG")
    ]
    dropped = {t.i for c in aside for t in c.subtree}
    words = [t for t in clause.subtree if t.i not in dropped and t.dep_ != "mark"]
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
