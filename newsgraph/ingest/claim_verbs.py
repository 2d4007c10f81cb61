"""Claims read off verbs: for each verb of a sentence, its subjects, its objects and the relation.

A verb is read in steps over a VerbReading: whether the sentence asserts it at all, its
relation and arguments (`_read_verb`), an event noun it carries ("placed orders for"), the
objects that fit the relation, the generic relation for verbs the vocabulary does not map,
then one claim per subject and object. A forecast changed to a figure ("raised its outlook
to $5 billion") is the subject's projection of it (`revised_forecasts`).
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.core.ontology import ancestors
from newsgraph.core.relations import GENERIC_RELATION
from newsgraph.core.types import Claim
from newsgraph.ingest.attribution import ArticleReading
from newsgraph.ingest.claim_directives import makers_of_goods, stoppers
from newsgraph.ingest.claim_draft import ClaimDraft
from newsgraph.ingest.claim_nouns import habitual_goods, money_spent_on, runs_plant
from newsgraph.ingest.claim_patterns import (
    announces_product,
    built_on,
    event_noun,
    event_objects,
    followed_by,
    order_suppliers,
    through,
)
from newsgraph.ingest.claim_regulation import (
    allowed_objects,
    counted_goods,
    is_licensed,
    is_prevented,
    regulated,
    rule_maker,
    traded_subject,
)
from newsgraph.ingest.claim_syntax import (
    Argument,
    SentenceView,
    Source,
    VerbReading,
    between,
    credit,
    dedupe,
    has_name,
    informative,
    is_hedged,
    is_negated,
    measured,
    noun_phrase,
    unasserted,
    verb_phrase,
)
from newsgraph.ingest.claim_words import (
    AFFECTING,
    CEASING,
    CLAUSE_DEPS,
    CONSIDERING,
    DIRECTING,
    FORECAST_NOUNS,
    JOINT_WORK,
    LITERAL_OBJECT_RELATIONS,
    LITERAL_RELATIONS,
    OBJECT_DEPS,
    PERMITTING,
    PREVENTS,
    RECEIVING,
    REGULATORY,
    REPORTING,
    TAKING,
    URGING,
)


def claims_of_verbs(reading: ArticleReading, s: SentenceView, according: Source | None) -> list[Claim]:
    """ "Nvidia supplies chips to Alibaba", "the market is dominated by X, Y and Z": each
    asserted verb's subjects and objects, mapped to the relation vocabulary."""
    claims: list[Claim] = []
    for token in s.span:
        if (
            token.pos_ in {"VERB", "AUX"}
            and token.dep_ not in {"aux", "auxpass"}
            and token.i not in s.entity_at
            and not unasserted(token)
            and not reading.denied(token)
        ):
            claims.extend(_verb_claims(reading, s, token, according))
    return claims


def _verb_claims(
    reading: ArticleReading, s: SentenceView, verb: Token, according: Source | None
) -> list[Claim]:
    """One verb's claims, read in steps that each refine one reading of it: what the verb
    asserts, its arguments, event nouns, the objects that fit the relation, and the
    generic relation for verbs the vocabulary does not map."""
    if _not_asserted(reading, verb):
        return []
    r = _read_verb(reading, s, verb)
    if r is None or not _read_event(reading, s, verb, r):
        return []
    r.source = reading.attribution(s, verb) or according
    _fit_objects(reading, s, verb, r)
    _generic_or_sized(reading, s, verb, r)
    return _claims_of(reading, s, verb, r)


def _not_asserted(reading: ArticleReading, verb: Token) -> bool:
    """Verbs whose act the sentence does not state as done."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in URGING | DIRECTING | CEASING:
        return True  # asked for, ordered or stopped: not done
    if verb.dep_ in {"xcomp", "ccomp"} and verb.head.lemma_.lower() in PERMITTING:
        return True  # "would allow it to resume sales": allowed (the easing is the claim), not done
    if is_licensed(reading, verb) or (is_prevented(reading, verb) and is_negated(verb.head.head)):
        # "needs licences to export the A800": the claim is the restriction, not a sale;
        # "the rules would not stop Nvidia from selling the H20" reports no sale either.
        return True
    return runs_plant(verb)  # "owns a DRAM fab" buys no DRAM: see _plant_claims


def _read_verb(reading: ArticleReading, s: SentenceView, verb: Token) -> VerbReading | None:
    """The verb's relation, event noun and arguments; None when it states no claim of its own."""
    relation, phrase = reading.relation(verb)
    event = None
    # "rolled out curbs on the H20": a verb of launching launches what its event noun says.
    if relation in {None, "releases"} or verb.lemma_.lower() in reading.vocabulary.light_verbs:
        event = event_noun(reading, verb, mapped=relation is not None)
        if event is not None and relation is None and verb.lemma_.lower() in AFFECTING:
            return None  # "to reduce their reliance on X": less of it, not a fact of it
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    if relation in REPORTING and event is None:
        if not announces_product(reading, s, verb):
            return None  # a reporting verb's claim comes from its clause: see _reporting_claims
        relation = "releases"
    subjects, objects, role = reading.arguments(s, verb)
    if relation not in REPORTING:
        # "AMD chief executive Lisa Su unveiled the MI325X": the company acts through her.
        subjects = [_employer(reading, s, verb, e) or e for e in subjects]
    governments = [e and reading.is_government(reading.capital_of.get(e, e)) for e in subjects]
    if relation == "dominates" and subjects and all(governments):
        relation = "restricts"  # a government that "controls" a product regulates it
    elif relation == "dominates":
        # "Amin Vahdat, who leads Google's AI infrastructure": a person manages.
        subjects = [e for e in subjects if e and not reading.is_person(e)]
    if event is None:
        # Licences, rules and bans on trade: see claim_regulation.py.
        relation, subjects, objects = regulated(reading, s, verb, relation, subjects, objects)
        subjects, objects = stoppers(reading, s, verb, relation, subjects, objects)
    return VerbReading(relation, phrase, event, passive, subjects, objects, role)


def _read_event(reading: ArticleReading, s: SentenceView, verb: Token, r: VerbReading) -> bool:
    """An event noun's act and objects ("placed orders for the H20"); False when the verb
    only asks for the event ("sought approval")."""
    acted_on = r.event
    if r.event is None and r.relation in REGULATORY:
        # "lifted the ban on Huawei", "tightened controls on X": the verb's act, the noun's object.
        acted_on = event_noun(reading, verb)
        if acted_on is not None and acted_on[1] not in REGULATORY:
            acted_on = None
    if acted_on is not None and not r.role:
        # "placed orders for the H20": the relation is the noun's, so is the object.
        r.relation = r.relation if r.event is None else acted_on[1]
        # "imposed export controls on gallium": the noun names the act, not its object.
        noun = acted_on[0]
        noun_span = {t.i for t in noun.subtree if t.dep_ in {"compound", "amod"}} | {noun.i}
        objects = [o for o in r.objects if o.literal is None and o.token not in noun_span]
        objects += event_objects(
            reading, s, verb, noun, literal=r.relation in LITERAL_OBJECT_RELATIONS, relation=r.relation
        )
        r.objects = dedupe(objects)
        if r.passive and r.relation and not r.subjects and any(o.entity for o in r.objects):
            # "after similar restrictions were imposed on its MI308 chip": by the government.
            r.subjects = [reading.context_actor(s, r.relation, verb)]
    lemma = verb.lemma_.lower()
    if r.event is not None and not r.role and r.event[1] == "supplies" and lemma in TAKING:
        r.relation = "buys"  # "could take delivery of 2.5 million TPUs": the receiver buys
    elif r.event is not None and not r.role and lemma in RECEIVING:
        if lemma in {"seek", "request", "await"}:
            return False  # asked for, not given
        # "won approval from Beijing", "secured orders from Nvidia": the giver acts.
        givers = _givers(reading, s, verb, r.event[0])
        r.objects = [o for o in r.objects if o.entity not in givers] or [
            Argument(verb.i, entity=e) for e in r.subjects if e
        ]
        regulator = [reading.context_actor(s, r.relation)] if r.relation in REGULATORY else []
        r.subjects = list(givers) or regulator
    if r.event is not None and not r.role and r.relation == "buys" and lemma not in RECEIVING:
        # "placed orders with TSMC for the H20": TSMC fills the order (see _settle_orders).
        r.suppliers = order_suppliers(reading, s, verb, r.event[0])
    # Buying a company is acquiring it; being its buyer or placing orders with it is not.
    r.may_acquire = r.role is None and r.event is None
    r.relation = r.role or r.relation
    return True


def _fit_objects(reading: ArticleReading, s: SentenceView, verb: Token, r: VerbReading) -> None:
    """Keep the objects the relation can take, and the subjects that go with them."""
    if r.relation in PREVENTS:
        r.objects = makers_of_goods(reading, s, counted_goods(reading, s, r.objects))
    if r.relation in PREVENTS and r.objects and all(o.figure is not None for o in r.objects):
        # "restrict exports of 23 types of equipment": the count is no object; the phrase is.
        r.objects = [Argument(c.i, literal=noun_phrase(c)) for c in verb.children if c.dep_ == "dobj"]
    if r.relation in JOINT_WORK:
        # "co-designs the chips with Google": the partner, whether or not the goods are named.
        r.partners = _coworkers(reading, s, verb, r.objects)
    if r.relation not in LITERAL_OBJECT_RELATIONS:
        # "develops AI supercomputers": a product relation wants a named product, or
        # a phrase with a name in it the recognizer missed ("its Blackwell chips").
        r.objects = [o for o in r.objects if o.literal is None or _object_names_goods(reading, s, verb, r, o)]
    elif r.relation not in LITERAL_RELATIONS:
        # A list of one-word goods is a list of kinds: "samarium, gadolinium and yttrium".
        r.objects = [
            o for o in r.objects if o.literal is None or informative(o.literal) or verb.doc[o.token].conjuncts
        ]
    r.objects = [_owner_for_owned(reading, s, o, r.subjects) for o in r.objects]
    if r.relation == "supplies" and any(o.party and o.entity for o in r.objects):
        # "resume sales of its H20 to China": the news is the customer, not the goods.
        r.objects = [o for o in r.objects if o.party or not o.entity]
    if r.relation == "manufactures" and r.passive and not any(r.subjects):
        # "the Ascend 910B is made on SMIC's 7-nanometre process": the process's owner.
        r.subjects = _process_owners(reading, s, verb) or r.subjects
    if r.relation == "manufactures":
        # "makes chips for Apple and AMD": whom it makes them for, it supplies.
        customers = _made_for(reading, s, verb, r.objects)
        if customers:
            r.relation, r.objects = "supplies", customers
    if r.relation in REGULATORY:
        traded = traded_subject(reading, s, verb)
        source = r.source
        if traded:
            # "(the government told it that) exports of its H20 would require a licence".
            speaker = (
                source.entity if source and source.entity and reading.is_government(source.entity) else None
            )
            r.subjects, r.objects = [speaker or rule_maker(reading, s, r.relation, verb)], traded
        elif r.relation in {"eases", "approves"}:
            # "would allow it to resume sales of the H20": what is allowed is the H20.
            allowed = [o for o in allowed_objects(reading, s, verb) if reading.is_product(o.entity)]
            r.objects = allowed or r.objects
    if r.source is not None and r.relation not in REPORTING and estimator(reading, r.source):
        # "Jefferies estimates that Cambricon could ship 150,000 accelerators": the
        # figure is the estimator's, not a plan of Cambricon's (see _reporting_claims).
        r.objects = [o for o in r.objects if o.figure is None]


def _object_names_goods(
    reading: ArticleReading, s: SentenceView, verb: Token, r: VerbReading, o: Argument
) -> bool:
    """Whether a phrase object names goods well enough for a product relation."""
    phrase = verb.doc[o.token]
    return (
        # "the chips with Google": a partner's name does not name the goods.
        has_name(phrase, apart=frozenset({"with"}) if r.relation in JOINT_WORK else frozenset())
        # "would use AMD's chips": a reliance on a named maker's goods.
        or (r.relation == "depends_on" and any(t.i in s.entity_at for t in phrase.subtree))
        # "Lasertec makes inspection systems": what a maker makes, as a maker's role says.
        or (r.relation == "manufactures" and habitual_goods(verb, phrase))
        # "buy about $30 billion of wafer fabrication equipment": goods with an amount.
        or (informative(o.literal or "") and measured(s, phrase))
    )


def _generic_or_sized(reading: ArticleReading, s: SentenceView, verb: Token, r: VerbReading) -> None:
    """An unmapped verb's generic relation, and figures that only size an entity object."""
    if r.relation is None:
        # Unmapped verbs ("called DeepSeek's work an advance") are kept, under the generic
        # relation, between a subject and a direct-object entity; prepositional objects
        # are too loose for that. The verb as written stays on the claim.
        r.relation = GENERIC_RELATION
        direct = {c.i for c in verb.children if c.dep_ in OBJECT_DEPS}
        # "is visiting Beijing": where someone goes is no relation between the two.
        r.objects = [
            o for o in r.objects if o.entity and o.token in direct and not reading.is_place(o.entity)
        ]
        if verb.lemma_.lower() in CONSIDERING:
            # "called DeepSeek's work an advance", "named AWS its partner": a judgment or a
            # role (see _appositive_claims), not a relation of the verb's own.
            r.objects = []
    elif r.relation not in {"estimates", "projects"} and any(o.entity for o in r.objects):
        # "ordered $16 billion worth of H20 chips": the chip is the object, the figure its size.
        r.objects = [o for o in r.objects if o.figure is None]
    r.objects = dedupe(r.objects + followed_by(reading, s, verb, r.objects))
    if r.relation in PREVENTS:
        # "restrictions on exports of AI chips to China": where the goods go is no object.
        r.objects = [o for o in r.objects if not reading.is_place(o.entity)]


def _claims_of(reading: ArticleReading, s: SentenceView, verb: Token, r: VerbReading) -> list[Claim]:
    """One claim per subject and object, and partners for joint work."""
    relation = r.relation or GENERIC_RELATION
    hedged, negated, time = is_hedged(verb), is_negated(verb), reading.valid_time(s, verb)
    built = built_on(reading, s, verb, relation)
    claims: list[Claim] = []
    for subject in r.subjects:
        for obj in r.objects:
            if obj.entity is not None and obj.entity == subject:
                continue
            spent_on = money_spent_on(s, obj)
            claim = Claim(
                s.index,
                subject,
                "develops"
                if obj.token in built
                else _refine(reading, relation, obj, hedged, r.may_acquire, spent_on=spent_on),
                r.phrase,
                object_entity=obj.entity,
                object_figure=obj.figure,
                object_literal=obj.literal,
                **credit(r.source),
                negated=negated,
                hedged=hedged,
                valid_time=reading.figures[obj.figure].period if obj.figure is not None else time,
            )
            if r.suppliers and reading.is_product(obj.entity):
                claim = ClaimDraft.of(claim, suppliers=tuple(e for e in r.suppliers if e != subject))
            claims.append(claim)
    if relation in JOINT_WORK:
        # "co-designs the chips with Google", "is developing HBM4 with TSMC": a partner.
        for subject in r.subjects:
            claims.extend(
                Claim(
                    s.index,
                    subject,
                    "partners_with",
                    r.phrase,
                    object_entity=partner,
                    **credit(r.source),
                    negated=negated,
                    hedged=hedged,
                    valid_time=time,
                )
                for partner in r.partners
                if partner != subject
            )
    return claims


def _coworkers(reading: ArticleReading, s: SentenceView, verb: Token, objects: list[Argument]) -> list[str]:
    """Organizations a thing is made or designed with: the "with" party of the verb or object."""
    heads = [verb] + [s.span.doc[o.token] for o in objects]
    return dedupe(
        [
            o.entity
            for o in _after_preposition(reading, s, heads, "with")
            if o.entity and reading.is_company(o.entity) and not reading.is_government(o.entity)
        ]
    )


def _after_preposition(
    reading: ArticleReading, s: SentenceView, heads: list[Token], word: str
) -> list[Argument]:
    """What the preposition `word` of any of the heads reaches: "with TSMC", "for Apple"."""
    return [
        o
        for head in heads
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ == word
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for o in reading.reach(s, pobj, depth=0)
    ]


def _employer(reading: ArticleReading, s: SentenceView, verb: Token, person: str | None) -> str | None:
    """The company a person subject is named with: "Nvidia chief executive Jensen Huang"."""
    if person is None or not reading.is_person(person):
        return None
    for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
        phrase = [t for t in subject.subtree if not any(a.dep_ in CLAUSE_DEPS for a in between(t, subject))]
        if any(s.entity_at.get(t.i) == person for t in phrase):
            companies = [s.entity_at[t.i] for t in phrase if reading.is_company(s.entity_at.get(t.i))]
            return companies[0] if companies else None
    return None


def _givers(reading: ArticleReading, s: SentenceView, verb: Token, noun: Token) -> list[str | None]:
    """Who gives what a subject wins or receives: the "from" or "by" party, or the
    owner of the thing given ("struggled to secure Nvidia's approval")."""
    givers: list[str | None] = [
        s.entity_at[c.i] for c in noun.children if c.dep_ == "poss" and c.i in s.entity_at
    ]
    givers += [o.entity for o in through(reading, s, [verb, noun], {"from", "by"}) if o.entity]
    return dedupe(givers)


def _owner_for_owned(
    reading: ArticleReading, s: SentenceView, obj: Argument, subjects: list[str | None]
) -> Argument:
    """ "use its chips" after Nvidia: the owner stands for what it owns, as for subjects."""
    if obj.literal is None:
        return obj
    head = s.span.doc[obj.token]
    owners = [c for c in head.children if c.dep_ == "poss" and c.lower_ in {"its", "their"}]
    if not owners or any(c.lower_ == "own" for c in head.children) or head.pos_ != "NOUN":
        return obj
    entity = reading.anaphor(owners[0], exclude=subjects[0] if subjects else None)
    if entity is None or entity in subjects or reading.is_place(entity):
        return obj
    return Argument(obj.token, entity=entity)


def _process_owners(reading: ArticleReading, s: SentenceView, verb: Token) -> list[str | None]:
    """Companies whose process or plant a thing is made on or at: "on SMIC's N+2 process",
    "using SMIC's 7-nanometre process" (a preposition, or a participle the parser made a verb)."""
    return dedupe(
        [
            s.entity_at[owner.i]
            for prep in verb.children
            if (prep.dep_ == "prep" and prep.lower_ in {"on", "at", "in", "using", "with"})
            or (prep.dep_ == "advcl" and prep.lower_ == "using")
            for pobj in prep.children
            if pobj.dep_ in {"pobj", "dobj"}
            for owner in pobj.children
            if owner.dep_ == "poss" and reading.is_company(s.entity_at.get(owner.i))
        ]
    )


def _made_for(
    reading: ArticleReading, s: SentenceView, verb: Token, objects: list[Argument]
) -> list[Argument]:
    """Organizations a maker makes things for: "makes chips for Apple, Nvidia and AMD"."""
    heads = [verb] + [s.span.doc[o.token] for o in objects if o.literal is not None]
    found = [
        o
        for o in _after_preposition(reading, s, heads, "for")
        if o.entity and "Organization" in ancestors(reading.types.get(o.entity, "Entity"))
    ]
    return dedupe(found)


def _refine(
    reading: ArticleReading,
    relation: str,
    obj: Argument,
    hedged: bool,
    may_acquire: bool = True,
    spent_on: bool = False,
) -> str:
    """Buying a company is acquiring it; spending on a product is buying it; a hedged
    figure is a projection."""
    if relation in {"buys", "acquires"} and obj.entity and may_acquire and not obj.party:
        cls = reading.types.get(obj.entity, "")
        return "acquires" if "Organization" in ancestors(cls) else "buys"
    if relation == "invests_in" and (reading.is_product(obj.entity) or spent_on):
        return "buys"  # "spent $2 billion on Nvidia's H20 chips", "... on chipmaking equipment"
    if obj.figure is not None and hedged and relation not in REPORTING:
        return "projects"
    return relation


def revised_forecasts(reading: ArticleReading, s: SentenceView) -> list[Claim]:
    """ "raised its forecast to $5 billion", "narrowed its outlook to $70 billion to $72
    billion": a forecast changed to a figure is the subject's projection of it."""
    claims: list[Claim] = []
    for verb in s.span:
        nouns = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in FORECAST_NOUNS]
        if verb.pos_ != "VERB" or not nouns:
            continue
        targets = [
            t
            for head in (verb, nouns[0])
            for prep in head.children
            if prep.dep_ == "prep" and prep.lower_ == "to"
            for t in prep.subtree
        ]
        figures = sorted({s.figure_at[t.i] for t in targets if t.i in s.figure_at})
        source = reading.source(s, verb, "projects")
        if not figures or source is None or source.entity is None:
            continue
        claims.extend(
            Claim(
                s.index,
                source.entity,
                "projects",
                verb_phrase(verb),
                object_figure=f,
                hedged=True,
                valid_time=reading.figures[f].period or reading.valid_time(s, verb),
            )
            for f in figures
        )
    return claims


def estimator(reading: ArticleReading, source: Source) -> bool:
    """A source that estimates or forecasts ("Bernstein estimates", "according to")."""
    return reading.vocabulary.for_verb(source.verb) in {"estimates", "projects"}
