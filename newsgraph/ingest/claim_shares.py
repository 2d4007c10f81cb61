"""Shares: a market's share of a company's sales, and a share of a market.

- a market's share of a company's sales: "China accounted for 17% of Nvidia's revenue"
  has Nvidia supply China;
- more than half of a market dominates it ("accounts for about 90% of global rare earth
  processing").
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.core.types import Claim
from newsgraph.ingest.attribution import ArticleReading
from newsgraph.ingest.claim_syntax import (
    SentenceView,
    Source,
    credit,
    dedupe,
    is_hedged,
    noun_phrase,
    verb_phrase,
)
from newsgraph.ingest.claim_words import (
    MAJORITY,
    SALES_NOUNS,
)


def share_of_sales_claims(
    reading: ArticleReading, s: SentenceView, according: Source | None = None
) -> list[Claim]:
    """ "China accounted for 17% of Nvidia's revenue": Nvidia sells to China.

    A market or a customer that makes up a share of a company's sales buys from it;
    the company must be named (or "its"), the share need not be a figure ("a majority").
    """
    claims: list[Claim] = []
    for verb in s.span:
        if verb.lemma_.lower() != "account" or verb.pos_ != "VERB" or is_hedged(verb):
            continue  # "China could account for 15% of ASML's sales": a guess, no trade
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects and verb.dep_ == "advcl":
            # "China has become ASML's biggest market, accounting for 46% of its sales".
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        buyers = [
            e for t in subjects for e in reading.members(s, t) if reading.is_place(e) or reading.is_company(e)
        ]
        # The parse of "11% of Micron's $30.8 billion of revenue" varies; the words do not.
        shares = [
            list(share.subtree)
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ == "for"
            for share in prep.children
            if share.dep_ == "pobj"
        ]
        # "China has become ASML's biggest market, accounting for 46% of its sales": "its"
        # is the seller, never the market whose share it is.
        market = buyers[0] if buyers else None
        sellers = [
            s.entity_at.get(owner.i) or reading.anaphor(owner, exclude=market)
            for words in shares
            if any(t.lemma_.lower() in SALES_NOUNS for t in words)
            for owner in words
            if owner.dep_ == "poss" or any(c.dep_ == "case" for c in owner.children)
        ]
        source = reading.attribution(s, verb) or according
        phrase = verb_phrase(verb) + " for"
        claims.extend(
            Claim(s.index, seller, "supplies", phrase, object_entity=buyer, **credit(source))
            for seller in dedupe([e for e in sellers if e is not None and reading.is_company(e)])
            for buyer in buyers
            if buyer != seller
        )
    return claims


def majority_share_claims(
    reading: ArticleReading, s: SentenceView, according: Source | None = None
) -> list[Claim]:
    """ "China accounts for about 90% of global rare earth processing and nearly all
    production of heavy rare earths": more than half of a market is dominating it."""
    claims: list[Claim] = []
    for verb in s.span:
        if verb.lemma_.lower() != "account" or verb.pos_ != "VERB" or is_hedged(verb):
            continue
        holders = [
            e
            for c in verb.children
            if c.dep_ == "nsubj"
            for e in reading.members(s, c)
            if reading.is_place(e) or reading.is_company(e)
        ]
        shares = [
            share
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ == "for"
            for first in prep.children
            if first.dep_ == "pobj"
            for share in (first, *first.conjuncts)
        ]
        markets = [
            noun_phrase(market)
            for share in shares
            if _is_majority(reading, s, share)
            for prep in share.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for market in prep.children
            if market.dep_ == "pobj"
            and market.pos_ == "NOUN"
            and market.lemma_.lower() not in SALES_NOUNS
            and not any(c.dep_ == "poss" for c in market.children)
        ]
        source = reading.attribution(s, verb) or according
        claims.extend(
            Claim(
                s.index,
                holder,
                "dominates",
                verb_phrase(verb) + " for",
                object_literal=market,
                **credit(source),
            )
            for holder in holders
            for market in markets
        )
    return claims


def _is_majority(reading: ArticleReading, s: SentenceView, share: Token) -> bool:
    """ "about 90%", "nearly all production", "most of": more than half of something."""
    figure = s.figure_at.get(share.i)
    if figure is not None:
        found = reading.figures[figure]
        return found.unit == "percent" and found.value > 50
    return any(c.lower_ in MAJORITY for c in share.children) or share.lower_ in MAJORITY
