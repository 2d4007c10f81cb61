"""Competition the news states without a verb of competing.

- market share taken from a company: "AMD is trying to win market share from Nvidia",
  "Huawei could take customers from Nvidia" compete with it;
- home-grown alternatives buyers prefer: "buyers could favour domestic suppliers such as
  Huawei and Cambricon" names rivals of the foreign company the article is about (its
  most mentioned company), as a reader takes them;
- standing behind a rival: "SMEE is still several generations behind ASML", "remained far
  behind Huawei and Cambricon" lag behind them;
- output held back by a supplier: "output constrained by capacity at SMIC" has the maker
  depend on SMIC.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.core.types import Claim
from newsgraph.ingest.attribution import ArticleReading
from newsgraph.ingest.claim_patterns import through
from newsgraph.ingest.claim_syntax import SentenceView, Source, credit, dedupe, is_hedged, is_negated, such_as
from newsgraph.ingest.claim_words import (
    CAPACITY_NOUNS,
    CONTESTED,
    HOLDING_BACK,
    HOMEGROWN,
    MEMBER_PREPS,
    OUTPUT_NOUNS,
    PREFERRING,
    STANDING,
    SUPPLIER_NOUNS,
    TAKING_FROM,
)


def rival_claims(reading: ArticleReading, s: SentenceView, according: Source | None = None) -> list[Claim]:
    """ "win market share from Nvidia", "domestic suppliers such as Huawei"."""
    claims: list[Claim] = []
    for token in s.span:
        pairs = _share_taken(reading, s, token) if token.pos_ == "VERB" else _homegrown(reading, s, token)
        if not pairs:
            continue
        verb = token if token.pos_ == "VERB" else token.head
        source = reading.attribution(s, verb) or according
        for rival, incumbent in pairs:
            claims.append(
                Claim(
                    s.index,
                    rival,
                    "competes_with",
                    token.text,
                    object_entity=incumbent,
                    **credit(source),
                    negated=is_negated(verb),
                    hedged=any(is_hedged(t) for t in (verb, *verb.ancestors) if t.pos_ in {"VERB", "AUX"}),
                )
            )
    return claims


def _share_taken(reading: ArticleReading, s: SentenceView, verb: Token) -> list[tuple[str, str]]:
    """(taker, loser) for "X wins market share from Y"."""
    if verb.lemma_.lower() not in TAKING_FROM:
        return []
    if not any(c.dep_ == "dobj" and c.lemma_.lower() in CONTESTED for c in verb.children):
        return []
    losers = [o.entity for o in through(reading, s, [verb], {"from"}) if reading.is_company(o.entity)]
    takers = [
        e
        for t in reading.subject_tokens(verb)
        for e in reading.entities(s, t, resolve_anaphora=True)
        if reading.is_company(e)
    ]
    return [(t, lost) for t in dedupe(takers) for lost in dedupe(losers) if lost and t != lost]


def _homegrown(reading: ArticleReading, s: SentenceView, noun: Token) -> list[tuple[str, str]]:
    """(member, incumbent) for "domestic suppliers such as Huawei" in an article about Nvidia."""
    incumbent = reading.main_company
    if incumbent is None or noun.pos_ != "NOUN" or noun.lemma_.lower() not in SUPPLIER_NOUNS:
        return []
    if not any(c.dep_ == "amod" and c.lower_ in HOMEGROWN for c in noun.children):
        return []
    chooser = noun.head.head if noun.head.dep_ == "prep" else noun.head
    if chooser.lemma_.lower() not in PREFERRING:
        return []  # "domestic suppliers such as Hanmi" may supply the incumbent, not rival it
    members = [
        e
        for prep in noun.children
        if prep.dep_ == "prep" and (prep.lower_ in MEMBER_PREPS | {"from"} or such_as(prep))
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for e in reading.members(s, pobj)
        if reading.is_company(e)
    ]
    return [(m, incumbent) for m in dedupe(members) if m != incumbent]


def behind_claims(reading: ArticleReading, s: SentenceView, according: Source | None = None) -> list[Claim]:
    """ "X is (several generations) behind Y", "X remained far behind Y": X lags behind Y."""
    claims: list[Claim] = []
    for prep in (t for t in s.span if t.lower_ == "behind" and t.dep_ == "prep"):
        verb = prep.head
        if verb.pos_ == "NOUN" and verb.dep_ in {"npadvmod", "attr", "dobj"}:
            verb = verb.head  # "is several generations behind ASML"
        if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in STANDING:
            continue
        if reading.relation(verb)[0] == "lags_behind":
            continue  # "has fallen behind SK Hynix": the verb's own claim
        leaders = [
            e
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for e in reading.members(s, pobj)
            if reading.is_company(e) or reading.is_place(e)
        ]
        laggards = [
            e for t in reading.subject_tokens(verb) for e in reading.entities(s, t, resolve_anaphora=True)
        ]
        source = reading.attribution(s, verb) or according
        claims.extend(
            Claim(
                s.index,
                laggard,
                "lags_behind",
                f"{verb.text} behind",
                object_entity=leader,
                **credit(source),
                negated=is_negated(verb),
                hedged=is_hedged(verb),
            )
            for laggard in dedupe(laggards)
            for leader in dedupe(leaders)
            if laggard != leader
        )
    return claims


def held_back_claims(
    reading: ArticleReading, s: SentenceView, according: Source | None = None
) -> list[Claim]:
    """ "Huawei is expected to produce 650,000 processors, with output constrained by
    capacity at SMIC": the maker whose output it is depends on the supplier."""
    claims: list[Claim] = []
    for verb in s.span:
        if verb.tag_ != "VBN" or verb.lemma_.lower() not in HOLDING_BACK:
            continue
        output = (
            verb.head
            if verb.dep_ == "acl"
            else next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        )
        if output is None or output.lemma_.lower() not in OUTPUT_NOUNS:
            continue
        suppliers = [
            s.entity_at[place.i]
            for agent in verb.children
            if agent.dep_ == "agent"
            for cause in agent.children
            if cause.lemma_.lower() in CAPACITY_NOUNS
            for prep in cause.children
            if prep.dep_ == "prep" and prep.lower_ in {"at", "from", "of"}
            for place in prep.children
            if place.i in s.entity_at and reading.is_company(s.entity_at[place.i])
        ]
        owners = [c for c in output.children if c.dep_ == "poss" and c.i in s.entity_at]
        # Unowned output is that of the company named last before it: "while Huawei is
        # expected to produce ..., with output constrained by ...".
        before = [e for i, e in sorted(s.entity_at.items()) if i < output.i and reading.is_company(e)]
        maker = s.entity_at[owners[0].i] if owners else (before[-1] if before else None)
        source = reading.attribution(s, verb) or according
        claims.extend(
            Claim(s.index, maker, "depends_on", verb.text, object_entity=supplier, **credit(source))
            for supplier in dedupe(suppliers)
            if maker is not None and supplier != maker
        )
    return claims
