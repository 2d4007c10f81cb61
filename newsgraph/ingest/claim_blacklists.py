"""Blacklists: a company a blacklist or a government's notice names is sanctioned.

- "Moore Threads, a GPU designer on the Entity List", "Also on the list is SiCarrier": by
  the list's owner (the country in its name, else the article's latest sanctioner);
- "AMEC and Kingsemi were named in a notice posted by the Bureau of Industry and
  Security": by the notice's poster.
"""

from __future__ import annotations

from newsgraph.core.types import Claim
from newsgraph.ingest.attribution import ArticleReading
from newsgraph.ingest.claim_draft import ClaimDraft
from newsgraph.ingest.claim_syntax import (
    SentenceView,
    Source,
    credit,
    dedupe,
    is_negated,
)
from newsgraph.ingest.claim_words import (
    NAMING,
    NOTICES,
)


def listed_on_claims(
    reading: ArticleReading, s: SentenceView, according: Source | None = None
) -> list[Claim]:
    """ "Moore Threads, a GPU designer on the Entity List", "SMIC, which has been on the U.S.
    Entity List", "Also on the list is SiCarrier": a company on a blacklist is sanctioned
    by the list's owner (the country in its name, else the article's latest sanctioner).

    "the list" unnamed counts only where the article already has someone sanctioning.
    """
    claims: list[Claim] = []
    for prep in s.span:
        if prep.dep_ != "prep" or prep.lower_ != "on":
            continue
        lists = [
            p
            for p in prep.children
            if p.dep_ == "pobj"
            and p.lemma_.lower() == "list"
            and (p.i in s.entity_at or reading.so_far.actors.get("sanctions") is not None)
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in p.children)  # "the list of ..."
        ]
        if not lists:
            continue
        head = prep.head
        if head.pos_ in {"VERB", "AUX"}:
            held = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        else:
            held = [head.head if head.dep_ == "appos" else head]  # "X, a designer on the list"
        listed = [e for h in held for e in reading.entities(s, h) if reading.is_company(e)]
        maker = reading.context_actor(s, "sanctions", prep)
        claims.extend(
            Claim(
                s.index,
                maker,
                "sanctions",
                f"on the {lists[0].text}",
                object_entity=entity,
                **credit(according),
                negated=is_negated(head),
            )
            for entity in dedupe(listed)
            if maker is not None and entity != maker
        )
    return claims


def named_in_notice_claims(
    reading: ArticleReading, s: SentenceView, according: Source | None = None
) -> list[Claim]:
    """ "AMEC and Kingsemi were named in a notice posted by the Bureau of Industry and
    Security": companies a government names in a notice are sanctioned by it.

    The poster acts in this sentence only: it does not become the article's regulator.
    """
    claims: list[Claim] = []
    for verb in s.span:
        if verb.lemma_.lower() not in NAMING or not any(c.dep_ == "auxpass" for c in verb.children):
            continue
        notices = [
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in {"in", "on"}
            for p in c.children
            if p.dep_ == "pobj" and p.lemma_.lower() in NOTICES
        ]
        if not notices:
            continue
        posters = [e for t in notices[0].subtree if (e := s.entity_at.get(t.i)) and reading.is_government(e)]
        maker = posters[0] if posters else reading.context_actor(s, "sanctions", verb)
        if maker is None:
            continue
        held = [c for c in verb.children if c.dep_ == "nsubjpass"]
        listed = [e for h in held for e in reading.entities(s, h) if reading.is_company(e)]
        for entity in (e for e in dedupe(listed) if e != maker):
            claim = Claim(
                s.index,
                maker,
                "sanctions",
                f"{verb.text} in a {notices[0].text}",
                object_entity=entity,
                **credit(according),
                negated=is_negated(verb),
            )
            claims.append(ClaimDraft.of(claim, in_passing=True))
    return claims
