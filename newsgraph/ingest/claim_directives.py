"""Governments acting through others: officials, orders to stop trading.

- officials stand for their country: "Chinese regulators", "U.S. officials", "Beijing's
  regulators" barring, restricting or banning act as China or the United States do;
- orders to stop: "Beijing told companies to stop buying the RTX Pro 6000D", "regulators
  ordered firms to halt purchases of the H20" ban the goods; "... to avoid the H20" or
  "not to use the H20" restrict or ban them. The order's verb maps to no relation of
  its own ("told" is no statement, "ordered" no purchase), so the claim is read here;
  a government saying that others "should" or "must" stop gives the same order;
- forced stops: "Nvidia was forced to stop selling the H20" is a ban, by the government
  acting in the article; a company halting its own sales of its own accord bans nothing;
- makers for their goods: "restricted purchases of Micron's products" restricts Micron,
  when the goods themselves go unnamed.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.core.text import name_key
from newsgraph.core.types import Claim
from newsgraph.ingest.attribution import ArticleReading
from newsgraph.ingest.claim_patterns import event_objects
from newsgraph.ingest.claim_syntax import (
    Argument,
    SentenceView,
    Source,
    credit,
    dedupe,
    is_hedged,
    is_negated,
    verb_phrase,
)
from newsgraph.ingest.claim_words import (
    FORCING,
    OBLIGING,
    OFFICIALS,
    ORDERING_OTHERS,
    REPORTING,
    STOPPING,
    TRADE,
)


def officials(reading: ArticleReading, s: SentenceView, verb: Token) -> list[str | None]:
    """The country whose officials are the verb's subject: "Chinese regulators barred ..."."""
    found: list[str | None] = []
    for subject in reading.subject_tokens(verb):
        if subject.lemma_.lower() not in OFFICIALS or subject.i in s.entity_at:
            continue
        # "Chinese regulators", "U.S. officials", "officials in Beijing"
        modifiers = [c for c in subject.children if c.dep_ in {"amod", "compound", "poss", "nmod"}]
        modifiers += [
            p for c in subject.children if c.dep_ == "prep" and c.lower_ == "in" for p in c.children
        ]
        for child in modifiers:
            entity = s.entity_at.get(child.i) or nationality(reading, child)
            entity = reading.capital_of.get(entity or "", entity)
            if entity is not None and reading.is_government(entity):
                found.append(entity)
    return dedupe(found)


def nationality(reading: ArticleReading, word: Token) -> str | None:
    """The country an adjective is of: "Chinese" China by its stem, if the article names
    China; "Dutch" the Netherlands by the vocabulary's demonyms, named or not."""
    text = word.lower_
    demonym = reading.vocabulary.demonyms.get(word.text)
    if demonym is not None and word.pos_ in {"ADJ", "PROPN"}:
        return reading.country_named.get(name_key(demonym)) or reading.country_ids.get(name_key(demonym))
    for name, country in reading.country_named.items():
        stem = name[:-1] if name[-1:] in "aeiou" and len(name) > 3 else name
        if word.pos_ == "ADJ" and len(stem) > 3 and text.startswith(stem) and text != name:
            return country
    return None


def directive_claims(
    reading: ArticleReading, s: SentenceView, according: Source | None = None
) -> list[Claim]:
    """ "Beijing told companies to stop buying the RTX Pro 6000D": China bans it."""
    claims: list[Claim] = []
    for act in s.span:
        order = act.head
        # "the regulator said operators should stop buying X": an order given by saying so.
        obliged = act.dep_ in {"ccomp", "conj"} and any(
            c.dep_ == "aux" and c.lower_ in OBLIGING for c in act.children
        )
        if obliged:
            statement = act
            while statement.dep_ == "conj" and statement.head.i != statement.i:
                statement = statement.head  # "said X had failed ... and that operators should stop"
            order = statement.head
            obliged = statement.dep_ == "ccomp" and reading.relation(order)[0] in REPORTING
        directed = act.dep_ == "xcomp" and order.i != act.i and order.lemma_.lower() in ORDERING_OTHERS
        if not (directed or obliged):
            continue
        relation = STOPPING.get(act.lemma_.lower())
        goods = _stopped_goods(reading, s, act) if relation else []
        if relation is None and is_negated(act) and reading.relation(act)[0] in TRADE:
            relation, goods = "bans", _traded_goods(reading, s, act)  # "told them not to buy X"
        if relation is not None and not goods and directed and _stops_trade(reading, act):
            # "asked ASML to cancel some shipments": the goods unnamed, the trader is restricted.
            relation = "restricts"
            goods = [
                Argument(c.i, entity=s.entity_at[c.i])
                for c in order.children
                if c.dep_ == "dobj" and reading.is_company(s.entity_at.get(c.i))
            ]
        if relation is None or not goods:
            continue
        source = reading.attribution(s, order) or according
        for government in _orderers(reading, s, order):
            for obj in (g for g in goods if g.entity != government):
                claims.append(
                    Claim(
                        s.index,
                        government,
                        relation,
                        verb_phrase(order) + " to " + act.text,
                        object_entity=obj.entity,
                        **credit(source),
                        negated=is_negated(order),
                        hedged=is_hedged(order),
                    )
                )
    return claims


def _stops_trade(reading: ArticleReading, act: Token) -> bool:
    """Whether an act of stopping stops a trade: "cancel some shipments", "halt sales"."""
    return any(
        c.dep_ == "dobj" and reading.vocabulary.nouns.get(c.lemma_.lower()) in TRADE for c in act.children
    )


def _orderers(reading: ArticleReading, s: SentenceView, order: Token) -> list[str]:
    """The governments that give an order: its subject, named or as officials."""
    named = [
        reading.capital_of.get(e, e)
        for t in reading.subject_tokens(order)
        for e in reading.entities(s, t, resolve_anaphora=True)
    ]
    governments: list[str | None] = [e for e in named if reading.is_government(e)]
    return [e for e in dedupe(governments or officials(reading, s, order)) if e is not None]


def _stopped_goods(reading: ArticleReading, s: SentenceView, act: Token) -> list[Argument]:
    """What an act of stopping is about: "stop buying X", "halt purchases of X", "avoid X"."""
    found: list[Argument] = []
    for child in act.children:
        if child.dep_ in {"xcomp", "pcomp"} and child.tag_ == "VBG":
            found.extend(_traded_goods(reading, s, child))  # "stop buying X"
        elif child.dep_ == "dobj" and reading.vocabulary.nouns.get(child.lemma_.lower()) in TRADE:
            found.extend(o for o in event_objects(reading, s, act, child) if _is_goods(reading, o))
        elif child.dep_ == "dobj":
            found.extend(o for o in reading.reach(s, child, depth=0) if _is_goods(reading, o))
    return dedupe(found)


def _traded_goods(reading: ArticleReading, s: SentenceView, act: Token) -> list[Argument]:
    """The named goods a trade verb's object names: "buying Nvidia's H20 chips"."""
    found: list[Argument] = []
    for thing in (c for c in act.children if c.dep_ == "dobj"):
        named = [o for o in reading.reach(s, thing, depth=0) if _is_goods(reading, o)]
        # "stop buying Nvidia's chips": the maker stands for goods the text does not name.
        found.extend(named or [o for o in _owners(reading, s, thing) if _is_goods(reading, o)])
    return found


def _is_goods(reading: ArticleReading, obj: Argument) -> bool:
    """A product, or a company standing for its products; no government, no place."""
    entity = obj.entity
    if entity is None or reading.is_government(entity) or reading.is_place(entity):
        return False
    return reading.is_product(entity) or reading.is_company(entity) or reading.is_technology(entity)


def _owners(reading: ArticleReading, s: SentenceView, noun: Token) -> list[Argument]:
    """The named owners of a noun: Nvidia in "Nvidia's chips"."""
    return [
        Argument(c.i, entity=s.entity_at[c.i])
        for c in noun.children
        if c.dep_ == "poss" and c.i in s.entity_at
    ]


def makers_of_goods(reading: ArticleReading, s: SentenceView, objects: list[Argument]) -> list[Argument]:
    """ "restricted purchases of Micron's products": the maker stands for goods left unnamed."""
    found: list[Argument] = []
    for obj in objects:
        head = s.span.doc[obj.token]
        goods = [head] + [
            p
            for c in head.children
            if c.dep_ == "prep"
            and c.lower_ == "of"
            and reading.vocabulary.nouns.get(head.lemma_.lower()) in TRADE
            for p in c.children
            if p.dep_ == "pobj"
        ]
        makers = [
            o
            for g in goods
            if g.pos_ == "NOUN"
            for o in _owners(reading, s, g)
            if reading.is_company(o.entity)
        ]
        found.extend(makers if obj.literal is not None and makers else [obj])
    return dedupe(found)


def stoppers(
    reading: ArticleReading,
    s: SentenceView,
    verb: Token,
    relation: str | None,
    subjects: list[str | None],
    objects: list[Argument],
) -> tuple[list[str | None], list[Argument]]:
    """ "Nvidia halted shipments of the H20": a company stopping its own trade bans nothing;
    "Nvidia was forced to stop selling the H20": made to, it was banned from it by the
    government the article has acting."""
    if relation != "bans" or verb.lemma_.lower() not in STOPPING or not any(subjects):
        return subjects, objects
    if any(e and reading.is_government(reading.capital_of.get(e, e)) for e in subjects):
        return subjects, objects
    if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in FORCING:
        return [], objects
    return [reading.context_actor(s, relation, verb)], _stopped_goods(reading, s, verb) or objects
