"""Claim patterns beyond subject-verb-object: event nouns, role nouns, possessives.

- event nouns after a light verb: "placed orders for the H20" buys, "launched a
  crackdown on X" restricts; who fills an order ("orders with TSMC") makes or supplies
  the goods;
- role nouns: "X, a rival of Y", "X is the market leader", "X is seen as an
  alternative to Y", with the article's main product or company when no target is named;
- buyers listed on goods: "120,000 H200 chips for customers including Alibaba and
  Tencent" has each of them buy the H200;
- possessives: "Huawei's Ascend 910C", "Huawei, whose Ascend 910C ..." develops;
  "Nvidia's acquisition of Mellanox" acquires, "Amazon's investment in Anthropic" invests,
  "ASML's sales of DUV tools to China" supplies China;
- availability: "its Trainium2 chip is now available to customers" releases; a product its
  maker says is coming ("announced that Trainium3 would arrive next year") it develops.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

from spacy.tokens import Token

from newsgraph.core.ontology import ancestors
from newsgraph.core.types import Claim
from newsgraph.ingest.attribution import ArticleReading
from newsgraph.ingest.claim_draft import ClaimDraft
from newsgraph.ingest.claim_nouns import prep_objects, role_holder, runs_plant
from newsgraph.ingest.claim_syntax import (
    Argument,
    SentenceView,
    Source,
    credit,
    dedupe,
    has_name,
    in_subject,
    informative,
    is_hedged,
    is_negated,
    noun_phrase,
    plant_goods,
    verb_phrase,
)
from newsgraph.ingest.claim_words import (
    ARRIVING,
    EVENT_PREPS,
    MAKING,
    OBJECT_DEPS,
    OBJECT_PREPS,
    ORG_ANAPHORS,
    OWNED_DEALS,
    QUANTIFIERS,
    RELATION_PREPS,
    REPORTING,
)


def event_noun(reading: ArticleReading, verb: Token, mapped: bool = True) -> tuple[Token, str] | None:
    """A light verb takes its relation from its object: "placed orders", "imposed curbs".

    A verb the vocabulary does not map may reach its event noun through a preposition:
    "rushing to (place) orders for the H20", "moved ahead with curbs on X".
    """
    candidates = [c for c in verb.children if c.dep_ in OBJECT_DEPS | {"nsubjpass"}]
    if not mapped:
        candidates += [
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in {"to", "with", "into"}
            for p in c.children
            if p.dep_ == "pobj"
        ]
    for child in candidates:
        child = reading.relative_head(child)  # "the levy that Trump imposed on X"
        relation = reading.vocabulary.nouns.get(child.lemma_.lower())
        if relation:
            return child, relation
    return None


def event_objects(
    reading: ArticleReading,
    s: SentenceView,
    verb: Token,
    noun: Token,
    literal: bool = False,
    relation: str | None = None,
) -> list[Argument]:
    """What an event is about: "orders for the H20", "sales to China", "orders with TSMC".

    The parser attaches these phrases to the noun or to the light verb, so both count;
    only named things and figures are kept, and a phrase of some length when `literal`
    ("curbs on gallium and germanium exports").
    """
    found: list[Argument] = []
    # "orders worth $5 billion for the A800": the phrase may hang on "worth".
    worth = [c for c in noun.children if c.dep_ == "amod" and c.lower_ == "worth"]
    for head in (noun, verb, *worth):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in EVENT_PREPS:
                for prefix, pobj in prep_objects(s, prep):
                    reached = [o for o in reading.reach(s, pobj, depth=0) if o.literal is None]
                    if prep.lower_ in RELATION_PREPS.get(relation or "", ()):
                        reached = [replace(o, party=True) for o in reached]  # "sales to China"
                    # "a crackdown on China's chip industry" is a crackdown on China.
                    owners = [c for c in pobj.children if c.dep_ == "poss" and c.i in s.entity_at]
                    found.extend(reached or [Argument(o.i, entity=s.entity_at[o.i]) for o in owners])
                    if literal and not reached and not owners and prep.lower_ in OBJECT_PREPS:
                        phrase = prefix + noun_phrase(pobj)
                        if informative(phrase) or len(list(pobj.conjuncts)) > 0:
                            found.append(Argument(pobj.i, literal=phrase))
    return found


def built_on(reading: ArticleReading, s: SentenceView, verb: Token, relation: str | None) -> set[int]:
    """Tokens of what is built or trained on something: "trained its R1 model on H800 chips".

    The thing relied on is the "on" object; the direct object is the subject's own work.
    """
    if relation != "depends_on" or not any(
        c.dep_ == "prep" and c.lower_ in {"on", "upon"} for c in verb.children
    ):
        return set()
    return {
        o.token
        for c in verb.children
        if c.dep_ == "dobj"
        for o in reading.reach(s, c, depth=0)
        if o.entity and not reading.is_company(o.entity) and not reading.is_place(o.entity)
    }


def followed_by(
    reading: ArticleReading, s: SentenceView, verb: Token, objects: list[Argument]
) -> list[Argument]:
    """ "launch the Ascend 950PR in 2026, followed by the Ascend 960": the same act on more."""
    kinds = {reading.types.get(o.entity) for o in objects if o.entity}
    if not kinds:
        return []
    heads = [verb, *(s.span.doc[o.token] for o in objects if o.entity)]
    # "controls 50% of the market, followed by Samsung": a ranking, not the same act.
    return [
        o
        for head in heads
        for follow in head.children
        if follow.lemma_.lower() == "follow" and follow.tag_ == "VBN" and follow.dep_ in {"advcl", "acl"}
        for agent in follow.children
        if agent.dep_ == "agent"
        for pobj in agent.children
        if pobj.dep_ == "pobj"
        for o in reading.reach(s, pobj, depth=0)
        if o.entity and reading.types.get(o.entity) in kinds
    ]


def through(
    reading: ArticleReading, s: SentenceView, heads: Iterable[Token], preps: Collection[str] | None
) -> list[Argument]:
    """What the heads' prepositional objects reach, through the given prepositions (any if None)."""
    return [
        o
        for head in heads
        for prep in head.children
        if prep.dep_ == "prep" and (preps is None or prep.lower_ in preps)
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for o in reading.reach(s, pobj, depth=0)
    ]


def order_suppliers(reading: ArticleReading, s: SentenceView, verb: Token, noun: Token) -> list[str]:
    """Who fills an order: "placed orders with TSMC", "orders from Samsung" (not "won orders from")."""
    return dedupe(
        [
            o.entity
            for o in through(reading, s, [noun, verb], {"with", "from"})
            if o.entity and reading.is_company(o.entity)
        ]
    )


def settle_orders(
    reading: ArticleReading, claims: list[Claim], developed: set[tuple[str | None, str | None]]
) -> list[Claim]:
    """An order placed with a supplier for goods: the supplier makes or sells them.

    "Nvidia placed orders with TSMC for the H20": when the one who orders develops
    the goods (the article or an earlier one says so), the order is for making them:
    TSMC manufactures the H20, and Nvidia buys no chip of its own. Otherwise the
    buyer buys the goods and the supplier supplies them.
    """
    settled: list[Claim] = []
    for claim in claims:
        suppliers = claim.suppliers if isinstance(claim, ClaimDraft) else ()
        if not suppliers:
            settled.append(claim)
            continue
        own_design = (claim.subject, claim.object_entity) in developed
        if not own_design:
            settled.append(claim)
        relation = "manufactures" if own_design else "supplies"
        settled.extend(replace(claim, subject=supplier, relation=relation) for supplier in suppliers)
    return settled


def announces_product(reading: ArticleReading, s: SentenceView, verb: Token) -> bool:
    """ "Nvidia announced the RTX Pro 6000D": a statement verb whose object is a product."""
    if any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children):
        return False
    return any(
        c.dep_ == "dobj"
        and c.i in s.entity_at
        and "Product" in ancestors(reading.types.get(s.entity_at[c.i], "Entity"))
        for c in verb.children
    )


def appositive_claims(
    reading: ArticleReading, s: SentenceView, according: Source | None = None
) -> list[Claim]:
    """ "X, a rival of Y", "X is a supplier of Y", "X is seen as an alternative to Y".

    The role noun is the relation. With no target in the phrase, a role of the
    market kind ("the market leader", "a formidable competitor") is taken to be about
    the article's main product or company, as a reader would take it.
    """
    claims: list[Claim] = []
    for token in s.span:
        relation = reading.role(token)
        if relation is None:
            continue
        holder = role_holder(s, token)
        # "Microsoft, Meta and Oracle are among the customers": each of them;
        # "The company, one of the largest makers of X": the one the text is about.
        holders = (
            (reading.members(s, holder) or [s.entity_at[holder.i]])
            if holder is not None
            else _anaphoric_holder(reading, token)
        )
        if not holders:
            continue
        targets = [
            o
            for child in token.children
            if child.dep_ == "prep" and child.lower_ in {"of", "to", "for", "in", "among"}
            for pobj in child.children
            if pobj.dep_ == "pobj"
            for o in reading.objects(s, pobj)
            # "a competitor in China": where it competes, not with whom.
            if not (child.lower_ == "in" and reading.is_place(o.entity))
        ]
        owners = [c for c in token.children if c.dep_ == "poss"]
        for owner in owners:
            entity = s.entity_at.get(owner.i) or reading.anaphor(owner, exclude=holders[0])
            # "China's largest DRAM maker": a place says where, not whose.
            if entity and "Place" not in ancestors(reading.types.get(entity, "Entity")):
                targets.append(Argument(owner.i, entity=entity))
        if not targets and not owners:
            default = reading.default_target(relation)
            targets = [Argument(token.i, entity=default)] if default else []
        # "Huang said Huawei was a formidable competitor": Huang says so.
        source = reading.attribution(s, token) or reading.attribution(s, token.head) or according
        for holder_entity, target in ((h, t) for h in holders for t in targets):
            # A maker's goods need no name ("a designer of graphics processors"); other
            # roles' unnamed targets are too vague to keep ("a supplier to carmakers").
            if target.entity != holder_entity and (
                target.literal is None or relation in MAKING or has_name(s.span.doc[target.token])
            ):
                claims.append(
                    Claim(
                        s.index,
                        holder_entity,
                        relation,
                        token.lemma_,
                        object_entity=target.entity,
                        object_figure=target.figure,
                        object_literal=target.literal,
                        **credit(source),
                        negated=is_negated(token.head),
                        hedged=is_hedged(token.head),
                    )
                )
    return claims


def _anaphoric_holder(reading: ArticleReading, token: Token) -> list[str]:
    """The company "the company" stands for, when the role noun is in apposition to it."""
    if token.dep_ == "appos" and token.head.lower_ in ORG_ANAPHORS - {"it"}:
        entity = reading.anaphor(token.head)
        return [entity] if entity is not None else []
    # "The company, one of the largest makers of X"
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in QUANTIFIERS:
        return _anaphoric_holder(reading, token.head.head)
    return []


def listed_buyer_claims(
    reading: ArticleReading, s: SentenceView, according: Source | None = None
) -> list[Claim]:
    """ "H200 chips for customers including Alibaba, Tencent and ByteDance": each buys the H200."""
    claims: list[Claim] = []
    for role in s.span:
        if role.dep_ != "pobj" or role.head.lower_ != "for" or reading.role(role) != "buys":
            continue
        goods = role.head.head
        products = [e for e in reading.members(s, goods) if reading.is_product(e)]
        buyers = [e for e in reading.members(s, role) if reading.is_company(e) and e not in products]
        verb = next((t for t in goods.ancestors if t.pos_ in {"VERB", "AUX"}), goods)
        source = reading.attribution(s, verb) or according
        claims.extend(
            Claim(s.index, buyer, "buys", role.text, object_entity=product, **credit(source))
            for buyer in buyers
            for product in products
        )
    return claims


def possessive_claims(reading: ArticleReading, s: SentenceView) -> list[Claim]:
    """ "Google's TPU", "Huawei's Ascend 910C", "its MI308 chip": an organization's product
    is its own.

    Stated once, where the article first names the product: a named owner where the
    sentence is about the product ("Cambricon's Siyuan 590 is made by SMIC", not "reduce
    their reliance on Nvidia's H20"), "its" wherever the product is first named. Later
    mentions only refer to the product; they still tell who designs it, for orders placed
    to make it (see _settle_orders).
    """
    claims: list[Claim] = []
    for token in s.span:
        product = s.entity_at.get(token.i)
        if product is None or "Product" not in ancestors(reading.types.get(product, "Entity")):
            continue
        owners = [c for c in token.children if c.dep_ == "poss"]
        if token.dep_ in {"compound", "nmod"}:
            # "Cambricon's flagship Siyuan 590 chip", "its H20 chip": the owner on the head noun.
            owners += [c for c in token.head.children if c.dep_ == "poss"]
        before = token.doc[token.i - 1] if token.i > s.span.start else None
        whose = before is not None and before.lower_ == "whose"
        if before is not None and whose:
            owners.append(before)  # the parser garbles "whose"; the text order does not
        first = min(i for i, e in reading.all_mentions if e == product) >= s.span.start
        for owner in owners:
            if owner.lower_ == "whose":
                # "Huawei, whose Ascend 910C is ...": the name before the clause.
                antecedent = owner.i - 1 if owner.nbor(-1).is_punct else owner.i
                owner = token.doc[max(antecedent - 1, s.span.start)]
            maker = s.entity_at.get(owner.i) or reading.anaphor(owner)
            if maker is not None and reading.is_government(maker):
                maker = reading.anaphor(owner, exclude=maker)  # a regulator designs no chips
            named = owner.i in s.entity_at or owner.lower_ == "its"
            if maker is None or not reading.is_company(maker) or reading.is_government(maker) or not named:
                continue
            stated = first and (in_subject(token) or whose or owner.lower_ == "its")
            if not stated or (maker, product) in reading.so_far.owned:
                reading.so_far.owned_quietly.add((maker, product))
                continue
            reading.so_far.owned.add((maker, product))
            claim = Claim(s.index, maker, "develops", owner.text + " " + token.text, object_entity=product)
            claims.append(ClaimDraft.of(claim, possessive=True))
    return claims


def owned_event_claims(
    reading: ArticleReading, s: SentenceView, according: Source | None = None
) -> list[Claim]:
    """ "Nvidia's $6.9 billion acquisition of Mellanox", "Amazon's investment in Anthropic":
    a deal noun owned by a named party is the owner's deal with the party after it."""
    claims: list[Claim] = []
    for noun in s.span:
        relation = reading.vocabulary.nouns.get(noun.lemma_.lower())
        if relation not in OWNED_DEALS or noun.pos_ != "NOUN" or _event_of_verb(reading, noun):
            continue
        owners = [s.entity_at[c.i] for c in noun.children if c.dep_ == "poss" and c.i in s.entity_at]
        if not owners or not (reading.is_company(owners[0]) or reading.is_government(owners[0])):
            continue
        parties = [
            o.entity
            for prep in _deal_preps(reading, noun, relation)
            if prep.lower_ in OWNED_DEALS[relation]
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for o in reading.reach(s, pobj, depth=0)
            # "ASML's sales of DUV tools to China": a market buys; a deal is with no place.
            if o.entity
            and o.entity != owners[0]
            and (relation == "supplies" or not reading.is_place(o.entity))
        ]
        source = reading.attribution(s, noun.head) or according
        claims.extend(
            Claim(s.index, owners[0], relation, noun.text, object_entity=party, **credit(source))
            for party in dedupe(parties)
        )
    return claims


def _deal_preps(reading: ArticleReading, noun: Token, relation: str) -> list[Token]:
    """The prepositions of a deal noun. The parser may hang where a sale goes on its goods
    ("sales of DUV tools to China") or on the verb it is the object of ("hit ASML's sales
    of DUV tools to China"); where it goes is still the sale's."""
    preps = [c for c in noun.children if c.dep_ == "prep"]
    if relation != "supplies":
        return preps
    goods = [p for prep in preps if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"]
    preps += [c for g in goods for c in g.children if c.dep_ == "prep"]
    if noun.dep_ == "dobj" and reading.relation(noun.head)[0] is None:
        preps += [c for c in noun.head.children if c.dep_ == "prep" and c.i > noun.i]
    return preps


def availability_claims(
    reading: ArticleReading, s: SentenceView, according: Source | None = None
) -> list[Claim]:
    """ "its Trainium2 chip was now generally available to cloud customers": a product its
    maker makes available is released."""
    claims: list[Claim] = []
    for word in s.span:
        if word.lower_ != "available" or word.dep_ not in {"acomp", "oprd"} or is_negated(word.head):
            continue
        planned = any(c.dep_ == "aux" and c.lower_ == "will" for c in word.head.children)
        if planned or is_hedged(word.head):
            continue  # "would be available next year": a plan, not a release
        for subject in (c for c in word.head.children if c.dep_ in {"nsubj", "nsubjpass"}):
            products = [o.entity for o in reading.reach(s, subject, depth=0) if reading.is_product(o.entity)]
            owners = [c for c in subject.children if c.dep_ == "poss"]
            makers = [s.entity_at.get(o.i) or reading.anaphor(o) for o in owners]
            source = reading.attribution(s, word.head) or according
            claims.extend(
                Claim(s.index, maker, "releases", word.text, object_entity=product, **credit(source))
                for maker in makers
                if reading.is_company(maker)
                for product in dedupe(products)
            )
    return claims


def coming_claims(reading: ArticleReading, s: SentenceView, according: Source | None = None) -> list[Claim]:
    """ "announced that a successor, Trainium3, would arrive late next year": a product its
    maker says is coming is one it develops (not yet one it releases)."""
    claims: list[Claim] = []
    for verb in s.span:
        if verb.lemma_.lower() not in ARRIVING or is_negated(verb):
            continue
        if not any(c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll"} for c in verb.children):
            continue
        if verb.dep_ != "ccomp" or reading.relation(verb.head)[0] not in REPORTING | {"releases"}:
            continue  # who says it is coming: "said", "announced that ..."
        # The nearest company subject above: the parser may hang "and announced that ..." on
        # the clause before it rather than on its own subject's verb.
        makers: list[str] = []
        for head in (verb.head, *verb.head.ancestors):
            makers = [
                e
                for t in reading.subject_tokens(head)
                for e in reading.entities(s, t, resolve_anaphora=True)
                if reading.is_company(e) and not reading.is_government(e)
            ]
            if makers:
                break
        products = [
            o.entity
            for subject in verb.children
            if subject.dep_ == "nsubj"
            for o in reading.reach(s, subject, depth=0)
            if reading.is_product(o.entity)
        ]
        claims.extend(
            Claim(s.index, maker, "develops", verb.text, object_entity=product, **credit(according))
            for maker in makers[:1]
            for product in dedupe(products)
        )
    return claims


def plant_claims(reading: ArticleReading, s: SentenceView, according: Source | None = None) -> list[Claim]:
    """ "operates the only rare earth mine in the United States", "runs a DRAM fab": a
    company running a plant makes what the plant is named for."""
    claims: list[Claim] = []
    for verb in s.span:
        if not runs_plant(verb) or is_negated(verb) or is_hedged(verb):
            continue
        owners = [
            e for t in reading.subject_tokens(verb) for e in reading.entities(s, t) if reading.is_company(e)
        ]
        for plant in (c for c in verb.children if c.dep_ == "dobj"):
            goods = plant_goods(plant)
            if goods is None:
                continue
            named = [s.entity_at[t.i] for t in goods if t.i in s.entity_at]
            made = (
                [Argument(goods[0].i, entity=named[0])]
                if len(set(named)) == 1 and len(named) == len(goods)
                else [Argument(goods[0].i, literal=" ".join(t.text for t in goods))]
            )
            claims.extend(
                Claim(
                    s.index,
                    owner,
                    "manufactures",
                    verb_phrase(verb),
                    object_entity=m.entity,
                    object_literal=m.literal,
                    **credit(according),
                )
                for owner in owners
                for m in made
            )
    return claims


def _event_of_verb(reading: ArticleReading, noun: Token) -> bool:
    """Whether a light verb already states the event: "announced its acquisition of X"."""
    head = noun.head
    return noun.dep_ in OBJECT_DEPS and head.lemma_.lower() in reading.vocabulary.light_verbs
