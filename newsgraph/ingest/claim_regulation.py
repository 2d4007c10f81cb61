"""Regulatory claims: who restricts, bans or sanctions what, beyond a plain verb and object.

- restriction nouns with no verb of their own: "Japan's restrictions on exports of
  chipmaking equipment took effect", "U.S. curbs on H20 sales" restrict what they are
  on, by the government that modifies the noun, else one acting in the sentence, else
  the article's latest actor of the same act;
- rules as subjects act for whoever made them: "the new rules blocked ...", "the rules
  cover the A800", "Naura will also be covered"; rules that name their maker act for it
  ("constrained by U.S. restrictions");
- "them" after a list of goods stands for the list ("exporters will need licences to ship
  them");
- licences: "requires licences for exports of X", "would need licences to export X",
  "cannot sell X under the new rules" restrict X (and are no sale of X);
- bans on trade: "blocked Nvidia from selling its A800" bans the A800; "caps the number
  of AI chips" restricts AI chips; where goods go ("to China") is no object;
- capitals: "Washington would allow ...": a capital's regulatory act is its country's;
- agentless acts: "exports of the H20 would require a licence" (the speaking government),
  "added to the U.S. Entity List" (the country in the list's name).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from newsgraph.core.text import name_key, singular
from newsgraph.core.types import Claim
from newsgraph.ingest.attribution import ArticleReading
from newsgraph.ingest.claim_context import ANY_ACT
from newsgraph.ingest.claim_directives import nationality, officials
from newsgraph.ingest.claim_nouns import goods_phrase, licensed_acts, listed_before, prep_objects
from newsgraph.ingest.claim_patterns import event_noun, event_objects
from newsgraph.ingest.claim_syntax import (
    Argument,
    SentenceView,
    Source,
    agent_nouns,
    argument_head,
    credit,
    dedupe,
    in_subject,
    informative,
    is_negated,
    noun_phrase,
    phrase_members,
)
from newsgraph.ingest.claim_words import (
    AMOUNTS,
    LICENCES,
    NOMINAL_ACTS,
    NOMINAL_PREPS,
    OBJECT_DEPS,
    PREVENTS,
    REGULATORY,
    REVOKING,
    RULE_NOUNS,
    RULE_VERBS,
    URGING,
)


def regulated(
    reading: ArticleReading,
    s: SentenceView,
    verb: Token,
    relation: str | None,
    subjects: list[str | None],
    objects: list[Argument],
) -> tuple[str | None, list[str | None], list[Argument]]:
    """A verb's relation, subjects and objects, read as regulation where they are."""
    if relation in REGULATORY and not any(subjects):
        subjects = officials(reading, s, verb) or subjects  # "Chinese regulators barred ..."
    ruling = agent_nouns(verb)
    if relation in REGULATORY and not any(subjects) and ruling and all(_is_rule(reading, a) for a in ruling):
        # "SMIC, which is also constrained by U.S. restrictions": the rules' maker.
        # The government that rules name as theirs: "U.S. restrictions", "Japan's rules".
        named = next(filter(None, (_regulator_of(reading, s, r) for r in ruling)), None)
        subjects = [named or rule_maker(reading, s, relation, verb)]
    licensed = _licence_goods(reading, s, verb)
    if licensed:
        # "exporters need licences to ship X", "the rule requires licences for exports of X".
        relation, objects = "restricts", licensed
        subjects = [e for e in subjects if e and reading.is_government(e)]
    granted = _granted_goods(reading, s, verb) if relation == "approves" else []
    if granted:
        # "export licences for the H20 would be granted": the goods are approved, by whoever
        # the sentence or the article has regulating.
        objects = granted
        subjects = [e for e in subjects if e] or [
            _assuring_government(reading, s, verb) or reading.context_actor(s, "approves", verb)
        ]
    revoked = _revoked_goods(reading, s, verb)
    if revoked:
        # "had partially revoked a licence for the shipment of its NXT:2050i": restricted.
        relation, objects = "restricts", revoked
        subjects = [e for e in subjects if e and reading.is_government(e)] or [
            reading.context_actor(s, "restricts", verb)
        ]
    ruled, maker, act = _ruled_goods(reading, s, verb, relation)
    if ruled:
        # "Nvidia can no longer sell the A800 under the new rules": the rules restrict it;
        # "began delivering H200s under U.S. export licences": the licences approve it.
        relation, objects = act, ruled
        subjects = [maker or rule_maker(reading, s, relation, verb)]
    if relation in PREVENTS:
        # "blocked Nvidia from selling its A800": the goods are what is banned; goods without
        # a name leave a named trader banned too ("blocked ASML from shipping DUV machines").
        prevented = _prevented_goods(reading, s, verb)
        if prevented and all(o.literal for o in prevented):
            prevented += [o for o in objects if o.entity]
        objects = prevented or objects
    rules = _names_rules(reading, verb)
    if relation in REGULATORY and rules and subjects and all(is_policy(reading, e) for e in subjects):
        # "new export controls, which restrict X": rules by a common name act for their maker.
        subjects = [rule_maker(reading, s, relation, verb)]
    if relation is None and rules and verb.lemma_.lower() in RULE_VERBS:
        # "the rules cover the A800"; "the Netherlands would expand its controls to cover X".
        governments = [e for e in subjects if e and reading.is_government(e)]
        if governments or subjects:
            maker = governments[0] if governments else None  # a company's "rules" are not rules
        else:
            maker = rule_maker(reading, s, "restricts", verb)
        if maker is not None:
            relation, subjects = _rule_act(reading, verb), [maker]
    if (
        relation is None
        and verb.lemma_.lower() in RULE_VERBS
        and not any(subjects)
        and _ruled_by(reading, verb)
        and not is_negated(verb)
    ):
        maker = rule_maker(reading, s, "restricts", verb)
        if maker is not None:
            relation, subjects = "restricts", [maker]  # "X will also be covered (by the rules)"
    if relation in REGULATORY and not subjects and (rules or licensed) and not is_negated(verb):
        # "the rules barred ...", "ASML would need licences": whoever made the rules.
        subjects = [rule_maker(reading, s, relation, verb)]
    return relation, subjects, objects


def nominal_claims(reading: ArticleReading, s: SentenceView, according: Source | None = None) -> list[Claim]:
    """ "Japan's restrictions on exports of 23 types of chipmaking equipment took effect",
    "the Dutch rules on advanced DUV equipment" (rules restrict when a government makes them)."""
    claims: list[Claim] = []
    for noun in s.span:
        named = reading.vocabulary.nouns.get(noun.lemma_.lower())
        # "the Dutch rules on advanced DUV equipment": rules restrict, when a government makes them.
        rules = named is None and noun.lemma_.lower() in RULE_NOUNS
        if noun.pos_ != "NOUN" or not (rules or named in NOMINAL_ACTS) or _acted_on_by_verb(reading, noun):
            continue
        objects = _nominal_objects(reading, s, noun)
        if not objects:
            continue
        maker = _regulator_of(reading, s, noun)
        if rules and maker is None:
            continue
        relation = named or "restricts"
        subject = maker or _acting_government(reading, s, noun) or reading.so_far.actors.get(relation)
        if subject is None:
            continue
        for obj in objects:
            if obj.entity == subject:
                continue
            claims.append(
                Claim(
                    s.index,
                    subject,
                    relation,
                    noun.text,
                    object_entity=obj.entity,
                    object_literal=obj.literal,
                    **credit(according),
                )
            )
    return claims


def _acted_on_by_verb(reading: ArticleReading, noun: Token) -> bool:
    """Whether a verb's own claim covers the noun ("imposed curbs on X"), or only asks
    for it ("called for tighter restrictions on X")."""
    head = noun.head
    if head.dep_ == "prep" and head.head.i != head.i:
        head = head.head
    if head.pos_ not in {"VERB", "AUX"} or head.i == noun.i:
        return False
    if head.lemma_.lower() in URGING or any(a.lemma_.lower() in URGING for a in head.ancestors):
        return True
    if noun.dep_ not in {"dobj", "nsubjpass", "pobj"}:
        return False
    lemma = head.lemma_.lower()
    return lemma in reading.vocabulary.light_verbs or reading.relation(head)[0] is not None


def _regulator_of(reading: ArticleReading, s: SentenceView, noun: Token) -> str | None:
    """The government a restriction noun names: "Japan's", "U.S.", "Dutch", "its", or
    "(the rules,) finalised by the Ministry of Economy, Trade and Industry"."""
    for agent in (a for c in noun.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"):
        makers = [s.entity_at[p.i] for p in agent.children if p.dep_ == "pobj" and p.i in s.entity_at]
        maker = reading.capital_of.get(makers[0], makers[0]) if makers else None
        if maker is not None and reading.is_government(maker):
            return maker
    for child in noun.children:
        if child.dep_ not in {"poss", "compound", "amod", "nmod"}:
            continue
        entity = s.entity_at.get(child.i)
        if entity is None and child.dep_ == "poss":
            entity = reading.anaphor(child)
        if entity is None and child.dep_ == "amod" and _is_rule(reading, noun):
            entity = nationality(reading, child)  # "the Dutch rules on ..."
        entity = reading.capital_of.get(entity or "", entity)
        if entity is not None and reading.is_government(entity):
            return entity
        if is_policy(reading, entity) and name_key(child.text) in reading.country_named:
            return reading.country_named[name_key(child.text)]  # "U.S. export controls", one name
    return None


def _acting_government(reading: ArticleReading, s: SentenceView, noun: Token) -> str | None:
    """The government that is a subject in the sentence, the nearest before the noun:
    "The Netherlands has tightened its rules, and restrictions on X take effect"."""
    found = None
    for i, entity in sorted(s.entity_at.items()):
        token = s.span.doc[i]
        entity = reading.capital_of.get(entity, entity)
        if i < noun.i and token.dep_ in {"nsubj", "nsubjpass"} and reading.is_government(entity):
            found = entity
    return found


def _nominal_objects(reading: ArticleReading, s: SentenceView, noun: Token) -> list[Argument]:
    """What a restriction noun is on: named things, else the phrase ("on rare earths")."""
    found: list[Argument] = []
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in NOMINAL_PREPS):
        for prefix, pobj in prep_objects(s, prep):
            reached = [o for o in reading.reach(s, pobj, depth=0) if o.entity]
            phrase = prefix + noun_phrase(pobj)
            if reached:
                found.extend(replace(o, party=False) for o in reached)
            elif _names_goods(reading, pobj) and (informative(phrase) or len(list(pobj.conjuncts)) > 0):
                found.append(Argument(pobj.i, literal=phrase))
    return dedupe(found)


def _names_goods(reading: ArticleReading, pobj: Token) -> bool:
    """ "exports of gallium", "rare earths"; not "sales to China", where the goods go unnamed."""
    if pobj.pos_ != "NOUN":
        return False
    if reading.vocabulary.nouns.get(pobj.lemma_.lower()) in {"supplies", "buys"}:
        return any(c.dep_ in {"compound", "amod"} or c.lower_ == "of" for c in pobj.children)
    return True


def is_prevented(reading: ArticleReading, verb: Token) -> bool:
    """Whether a verb is what a ban keeps from happening: "blocked X from selling"."""
    head = verb.head
    return (
        verb.dep_ == "pcomp"
        and head.lower_ == "from"
        and head.head.i != head.i
        and reading.relation(head.head)[0] in PREVENTS
    )


def _prevented_goods(reading: ArticleReading, s: SentenceView, verb: Token) -> list[Argument]:
    """The goods a ban keeps from trade: "blocked Nvidia from selling its A800 and H800";
    unnamed goods by their phrase ("bar American companies from shipping advanced
    chipmaking tools to SMIC")."""
    found: list[Argument] = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"):
        for act in (c for c in prep.children if c.dep_ == "pcomp" and c.pos_ == "VERB"):
            for child in (c for c in act.children if c.dep_ in {"dobj", "nsubjpass"}):
                named = [o for o in reading.reach(s, child, depth=0) if reading.is_product(o.entity)]
                if not named and _names_goods(reading, child) and informative(noun_phrase(child)):
                    named = [Argument(child.i, literal=phrase) for phrase in phrase_members(child)]
                found.extend(named)
    return [replace(o, party=False) for o in dedupe(found)]


def _licence_goods(reading: ArticleReading, s: SentenceView, verb: Token) -> list[Argument]:
    """What a required licence is for: "require licences for exports of X", "need
    licences to ship X"; named things, else the phrase of the goods."""
    if verb.lemma_.lower() not in {"need", "require"}:
        return []
    found: list[Argument] = []
    for permit in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in LICENCES):
        goods = [p for c in permit.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children]
        goods += [o for act in licensed_acts(verb, permit) for o in act.children if o.dep_ == "dobj"]
        for noun in goods:
            listed = listed_before(s, noun) if noun.lower_ == "them" else None
            noun = listed or noun
            named = [o for o in reading.reach(s, noun, depth=0) if o.entity]
            if named:
                found.extend(replace(o, party=False) for o in named)
            elif listed is not None or (_names_goods(reading, noun) and noun.lower_ not in {"them", "it"}):
                found.extend(Argument(noun.i, literal=phrase) for phrase in phrase_members(noun))
        if not goods:
            # "Nvidia's H100 chips will need licences": the goods are the subject.
            holders = [c for c in verb.children if c.dep_ == "nsubj"]
            found.extend(
                o for h in holders for o in reading.reach(s, h, depth=0) if reading.is_product(o.entity)
            )
    return dedupe(found)


def _revoked_goods(reading: ArticleReading, s: SentenceView, verb: Token) -> list[Argument]:
    """What a revoked licence was for: "revoked a licence for the shipment of X"."""
    if verb.lemma_.lower() not in REVOKING:
        return []
    permits = [c for c in verb.children if c.dep_ in OBJECT_DEPS and c.lemma_.lower() in LICENCES]
    phrases = [c for permit in permits for c in permit.children if c.dep_ == "prep" and c.lower_ == "for"]
    # The products the licence's "for" phrase names, however deep: "for the shipment of
    # some of its NXT:2050i and NXT:2100i systems".
    named = [s.entity_at[t.i] for p in phrases for t in p.subtree if t.i in s.entity_at]
    return [Argument(verb.i, entity=e, party=False) for e in dedupe(named) if reading.is_product(e)]


def _assuring_government(reading: ArticleReading, s: SentenceView, verb: Token) -> str | None:
    """The government whose words a clause is: "the U.S. government assured the company
    that licences would be granted"."""
    for head in (a for a in verb.ancestors if a.pos_ == "VERB"):
        named = [e for t in reading.subject_tokens(head) for e in reading.entities(s, t)]
        return next((e for e in named if reading.is_government(e)), None)
    return None


def _granted_goods(reading: ArticleReading, s: SentenceView, verb: Token) -> list[Argument]:
    """Goods of licences a passive grants: "licences to export the H20 were granted", "H20
    licences were issued"; with no goods in the phrase, the products the sentence names."""
    permits = [c for c in verb.children if c.dep_ == "nsubjpass" and c.lemma_.lower() in LICENCES]
    if not permits:
        return []
    goods = [t for p in permits for c in p.children if c.dep_ in {"prep", "compound"} for t in c.subtree]
    goods += [t for p in permits for act in licensed_acts(verb, p) for t in act.subtree]
    named = [t.i for t in goods if reading.is_product(s.entity_at.get(t.i))]
    if not named:
        named = sorted(i for i, e in s.entity_at.items() if reading.is_product(e))
    return dedupe([Argument(i, entity=s.entity_at[i]) for i in named])


def counted_goods(reading: ArticleReading, s: SentenceView, objects: list[Argument]) -> list[Argument]:
    """ "caps the number of AI chips that can be exported": what is counted is restricted."""
    found: list[Argument] = []
    for obj in objects:
        head = s.span.doc[obj.token]
        counted = [
            p
            for c in head.children
            if obj.literal is not None
            and head.lemma_.lower() in AMOUNTS
            and c.dep_ == "prep"
            and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        found.extend([goods_phrase(p) for p in counted if _names_goods(reading, p)] if counted else [obj])
    return found


def is_licensed(reading: ArticleReading, verb: Token) -> bool:
    """Whether a trade verb is what a licence is needed for: "licences to export X"."""
    head = verb.head
    if verb.dep_ in {"acl", "relcl"}:
        return head.lemma_.lower() in LICENCES
    permits = [c for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() in LICENCES]
    return head.lemma_.lower() in {"need", "require"} and any(verb in licensed_acts(head, p) for p in permits)


def _names_rules(reading: ArticleReading, verb: Token) -> bool:
    """Whether the verb's subject is rules, not a regulator: "the new rules blocked ...",
    "the rule, which restricts ...", "the rules were meant to restrict ..."."""
    subjects = _rule_tokens(reading, verb)
    if verb.dep_ == "xcomp":
        subjects += [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    if verb.dep_ in {"advcl", "xcomp"} and any(c.lower_ == "to" for c in verb.children):
        # "would expand export controls to cover more DUV machines": the rules acted on.
        subjects += [c for c in verb.head.children if c.dep_ == "dobj"]
    return any(_is_rule(reading, c) and c.pos_ == "NOUN" for c in subjects)


def _ruled_by(reading: ArticleReading, verb: Token) -> bool:
    """Whether a passive names rules as its agent, or no agent: "X is covered by the rules",
    "X will also be covered"."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return False
    agents = agent_nouns(verb)
    return all(_is_rule(reading, a) for a in agents)


def _rule_act(reading: ArticleReading, verb: Token) -> str:
    """What rules that are the verb's subject do: "the ban covers X" bans, "the licences
    cover X" approve, rules restrict."""
    tokens = _rule_tokens(reading, verb)
    if tokens and all(c.lemma_.lower() in LICENCES for c in tokens):
        return "approves"
    acts = [reading.vocabulary.nouns.get(c.lemma_.lower()) for c in tokens]
    return next((a for a in acts if a in REGULATORY), "restricts")


def _rule_tokens(reading: ArticleReading, verb: Token) -> list[Token]:
    """The verb's subject, or the noun its participle describes: "export controls
    targeting Huawei" act as "export controls target Huawei" would."""
    subjects = [reading.relative_head(c) for c in reading.subject_tokens(verb)]
    if not subjects and verb.dep_ == "acl" and verb.tag_ == "VBG":
        subjects = [verb.head]
    return subjects


def _ruled_goods(
    reading: ArticleReading, s: SentenceView, verb: Token, relation: str | None
) -> tuple[list[Argument], str | None, str]:
    """Goods a trade needs rules' leave for: "cannot sell the A800 to China under the new
    rules", "cannot ship X without a licence"; with the rules' maker when they name one,
    and the act: restricts, or approves for a trade done under licences."""
    if relation not in {"supplies", "buys"}:
        return [], None, "restricts"
    rules = [
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in {"under", "without"}
        for p in c.children
        if p.dep_ == "pobj" and (_is_rule(reading, p) or is_policy(reading, s.entity_at.get(p.i)))
    ]
    if not rules:
        return [], None, "restricts"
    licensed = all(r.lemma_.lower() in LICENCES and r.head.lower_ == "under" for r in rules)
    act = "approves" if licensed and not is_negated(verb) else "restricts"
    goods = [
        o
        for c in verb.children
        if c.dep_ in {"dobj", "nsubjpass"}
        for o in reading.objects(s, c)
        if (o.entity and not reading.is_company(o.entity) and not reading.is_place(o.entity))
        or (o.literal and _names_goods(reading, s.span.doc[o.token]) and informative(o.literal))
    ]
    maker = next(filter(None, (_regulator_of(reading, s, r) for r in rules)), None)
    return [replace(o, party=False) for o in dedupe(goods)], maker, act


def is_policy(reading: ArticleReading, entity: str | None) -> bool:
    return entity is not None and reading.types.get(entity) == "Policy"


def rule_maker(reading: ArticleReading, s: SentenceView, relation: str, verb: Token) -> str | None:
    """Who made the rules a sentence speaks of: the government that modifies them ("U.S.
    rules"), one named before them, else the one the article last named acting or
    speaking ("The Commerce Department unveiled rules ...")."""
    rules = _rule_tokens(reading, verb)
    return (
        next(filter(None, (_regulator_of(reading, s, r) for r in rules)), None)
        or government_subject(reading, s, before=verb.i, anywhere=True, outside=verb)
        or reading.so_far.actors.get(ANY_ACT)
        or reading.so_far.last_government
        or government_subject(reading, s)  # "The new rules add X ..., the department said"
    )


def government_subject(
    reading: ArticleReading,
    s: SentenceView,
    before: int | None = None,
    anywhere: bool = False,
    outside: Token | None = None,
) -> str | None:
    """The last government that is (part of) a subject in the sentence, or, `anywhere`,
    the last one named before the word `before` and outside the phrase of `outside`
    ("exports to China will require a licence": China is no regulator there)."""
    inside = {t.i for t in outside.subtree} if outside is not None else set()
    found = None
    for i, entity in sorted(s.entity_at.items()):
        entity = reading.capital_of.get(entity, entity)
        placed = (before is None or i < before) and i not in inside
        # "The letter did not name China, but ASML would need licences": what a verb acts
        # on makes no rules there.
        placed = placed and argument_head(s.span.doc[i]).dep_ != "dobj"
        if placed and (anywhere or in_subject(s.span.doc[i])) and reading.is_government(entity):
            found = entity
    return found


def _is_rule(reading: ArticleReading, noun: Token) -> bool:
    """ "export controls", "licence requirements", "the new rules", "a ban"."""
    lemma = noun.lemma_.lower()
    return lemma in RULE_NOUNS or lemma in LICENCES or reading.vocabulary.nouns.get(lemma) in REGULATORY


def names_rules_only(reading: ArticleReading, claim: Claim) -> bool:
    """A phrase object that is only rules: "export rules", "its controls", "the restrictions"."""
    words = (claim.object_literal or "").lower().split()
    return 0 < len(words) <= 3 and singular(words[-1]) in RULE_NOUNS | set(
        w for w, r in reading.vocabulary.nouns.items() if r in REGULATORY
    )


def as_country(reading: ArticleReading, claim: Claim) -> Claim:
    """ "Washington would allow it": a capital's regulatory act is its country's."""
    if claim.relation not in REGULATORY or claim.subject not in reading.capital_of:
        return claim
    country = reading.capital_of[claim.subject]
    return claim if country == claim.object_entity else replace(claim, subject=country)


def traded_subject(reading: ArticleReading, s: SentenceView, verb: Token) -> list[Argument]:
    """What a trade-event subject is of: "exports of the H20 (would require a licence)".

    A product is never the one that regulates: "the H20 would require a licence" too.
    """
    found: list[Argument] = []
    for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
        if subject.dep_ == "nsubj" and reading.is_product(s.entity_at.get(subject.i)):
            found.extend(o for o in reading.reach(s, subject, depth=0) if reading.is_product(o.entity))
            continue
        if reading.vocabulary.nouns.get(subject.lemma_.lower()) not in {"supplies", "buys"}:
            continue
        for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                named = [o for o in reading.reach(s, pobj, depth=0) if o.entity]
                # "exports of chipmaking tools (will require a licence)": the goods unnamed.
                goods = [] if named or not _names_goods(reading, pobj) else [goods_phrase(pobj)]
                found.extend(named or goods)
    return found


def allowed_objects(reading: ArticleReading, s: SentenceView, verb: Token) -> list[Argument]:
    """The objects of the act a verb of permission allows: "allow X to sell Y" gives Y."""
    found: list[Argument] = []
    # "granted Nvidia licences to sell the H20": the act may hang on the permit.
    permits = [c for c in verb.children if c.dep_ == "dobj"]
    acts = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}]
    acts += [c for c in verb.children if c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children)]
    acts += [c for p in permits for c in p.children if c.dep_ == "acl" and c.pos_ == "VERB"]
    for act in acts:
        event = event_noun(reading, act)
        if event is not None:
            found.extend(event_objects(reading, s, act, event[0]))
        for child in (c for c in act.children if c.dep_ in OBJECT_DEPS):
            found.extend(reading.reach(s, child, depth=0))
    return found
