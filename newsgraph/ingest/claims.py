"""Claims from the dependency parse: who did what to whom, and who says so.

For every verb of a sentence the extractor finds its subject entities and its objects
(entities, figures, or a literal noun phrase), maps the verb to the relation vocabulary
and emits one Claim per subject-object pair. Around that core:

- passive voice: "the market is dominated by X, Y and Z" gives X dominates the market;
- coordination and lists: one claim per member ("X, Y and Z", "firms such as X");
- objects reached through a noun: "restrictions on Nvidia's H20", "sales of the A800";
- role nouns: "buyers include X" (X buys ...), "X, a rival of Y" (X competes with Y),
  with the article's main product as the object when the sentence names none;
- orders: "X placed orders with Y for Z" is Y making Z when X designs Z (the article
  says so), else X buying Z and Y supplying it;
- regulation (claim_regulation.py): restriction nouns, rules and licences, bans on
  trade, capitals for their countries;
- governments through others (claim_directives.py): officials for their country, orders
  to stop buying goods, forced stops;
- competition without a verb of it (claim_rivals.py): market share won from a company,
  home-grown suppliers buyers favour, rivals one is behind;
- who acts: a national government for its country ("the U.S. government" is the United
  States), a company for its chief executive ("AMD chief executive Lisa Su unveiled");
- attribution: a claim inside "Bernstein estimates that ..." or "..., analysts said"
  is attributed to its source, which itself gets an estimates/says/denies claim;
- flags: negation ("did not") and hedging (could, may, might, would, expected to);
- what is not asserted gives no claim: questions and conditions ("did not say whether X
  sold ...", "if X sold ..."), denied reports ("denied a report that it had signed ..."),
  acts only allowed ("would allow it to resume sales"), guesses and opinions as statements
  ("said buyers would keep buying", "said X should be a wake-up call").

Verbs the vocabulary does not map keep their claim under the generic relation (between a
subject and a direct-object entity), the verb as written on it; a figure is the object of an
estimate or a projection only; a product is the subject only of competing, depending, trailing or
leading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsgraph.core.ontology import ancestors
from newsgraph.core.relations import GENERIC_RELATION, Vocabulary
from newsgraph.core.types import Claim, DateMention, Entity, Figure, Mention
from newsgraph.ingest.claim_context import ANY_ACT
from newsgraph.ingest.claim_draft import ClaimDraft, final, possessive
from newsgraph.ingest.claim_nouns import habitual_goods, money_spent_on, runs_plant
from newsgraph.ingest.claim_regulation import RegulationPatterns
from newsgraph.ingest.claim_rules import rules_without, stamped
from newsgraph.ingest.claim_syntax import (
    Argument,
    SentenceView,
    Source,
    VerbReading,
    between,
    clause_tokens,
    credit,
    dedupe,
    first,
    has_name,
    informative,
    is_hedged,
    is_negated,
    measured,
    noun_phrase,
    secondary_figures,
    unasserted,
)
from newsgraph.ingest.claim_words import (
    AFFECTING,
    CEASING,
    CLAUSE_DEPS,
    CONSIDERING,
    DIRECTING,
    FIGURE_RELATIONS,
    JOINT_WORK,
    LITERAL_OBJECT_RELATIONS,
    LITERAL_RELATIONS,
    OBJECT_DEPS,
    PERMITTING,
    PREVENTS,
    PRODUCT_RELATIONS,
    RECEIVING,
    REGULATORY,
    REPORTING,
    TAKING,
    URGING,
)
from newsgraph.ingest.figure_amounts import MEASURES

# A figure's period as its year and, when it has one, month: "2027", "2027-01", "2027-Q1".
_PERIOD = re.compile(r"(\d{4})(?:-(\d{2}))?")


class ClaimExtractor(RegulationPatterns):
    """Extracts claims from one parsed article at a time.

    An article's claims depend on that article alone, so that ingesting it again, in any
    order and in any process, gives the same claims. `rules_off` names rules (see claim_rules.py)
    not to run.
    """

    def __init__(
        self, vocabulary: Vocabulary, countries: Sequence[Entity] = (), rules_off: Iterable[str] = ()
    ) -> None:
        super().__init__(vocabulary, countries)
        self.rules_off = frozenset(rules_off)
        self.rules = rules_without(self.rules_off)

    def extract(
        self,
        doc: Doc,
        sentence_spans: Sequence[tuple[int, Span]],
        mentions: Sequence[Mention],
        entities: Iterable[Entity],
        figures: Sequence[Figure] = (),
        dates: Sequence[DateMention] = (),
        published: date | None = None,
    ) -> list[Claim]:
        """Every claim of the article, in text order; `published` dates its forecasts."""
        sentences = [SentenceView(span, index) for index, span in sentence_spans]
        self.start_article(doc, sentences, mentions, entities, figures, dates)
        claims: list[Claim] = []
        for sentence in sentences:
            found = [self._as_country(c) for c in self._sentence_claims(sentence)]
            claims.extend(found)
            for claim in found:
                if (
                    claim.relation in REGULATORY
                    and claim.subject
                    and self._is_government(claim.subject)
                    and not (isinstance(claim, ClaimDraft) and claim.in_passing)
                ):
                    self._actors[claim.relation] = claim.subject
                    self._actors[ANY_ACT] = claim.subject
            self._last_government = self._government_subject(sentence) or self._last_government
        # "Nvidia's H800" says less than "the H800 was designed by Nvidia": a possessive
        # stands only for a maker the article does not state outright.
        stated = {
            (c.subject, c.object_entity) for c in claims if c.relation == "develops" and not possessive(c)
        }
        claims = self._settle_orders(claims, stated | self._owned | self._owned_quietly)
        claims = [final(c) for c in claims if not possessive(c) or (c.subject, c.object_entity) not in stated]
        claims = [self._as_nation(c) for c in claims]
        if published is not None:
            # "Bernstein estimates $6 billion to $8 billion of sales in its fiscal year ending
            # January 2027", written in August 2026: a figure for a time to come is projected.
            claims = [
                replace(c, relation="projects")
                if c.relation == "estimates" and self._ahead(c, published)
                else c
                for c in claims
            ]
        # "Trainium3 would deliver four times the performance", "HBM sells for several times the
        # price of DRAM": a product or a technology competes, relies on or trails things; it does
        # not trade, make or regulate them.
        claims = [c for c in claims if c.relation in PRODUCT_RELATIONS or not self._is_thing(c.subject)]
        # "Washington would allow it to resume sales": a city stands for a government the
        # text does not name; a claim with the city as the actor would be wrong.
        claims = [c for c in claims if c.relation not in REGULATORY or not self._is_city(c.subject)]
        # "added 140 entities to the list": a count is the size of an act, not what it is
        # done to; only an estimate or a projection has a figure for its object.
        claims = [c for c in claims if c.object_figure is None or c.relation in FIGURE_RELATIONS]
        # "would carry 192 gigabytes", "chips made at 28 nanometres": a measure is a
        # specification, not an amount anyone estimates or forecasts.
        claims = [c for c in claims if c.object_figure is None or not self._is_measure(c.object_figure)]
        # "tightened its export rules": rules are the act, not what it is done to.
        claims = [c for c in claims if c.relation not in REGULATORY or not self._names_rules_only(c)]
        # "tightened the AI Diffusion Rule": a named policy is the act, as rules are, not its object.
        claims = [c for c in claims if c.relation not in PREVENTS or not self._is_policy(c.object_entity)]
        return dedupe(claims)

    def _sentence_claims(self, s: SentenceView) -> list[Claim]:
        according = self._according_to(s) or self._trailing_source(s)
        reporters = self._reporters(s)
        self._sources_in_clause = {
            token.i: source for source, _, clause, _ in reporters for token in clause_tokens(clause)
        }
        claims: list[Claim] = []
        for rule in self.rules:
            claims.extend(stamped(rule.id, rule.apply(self, s, according)))
        covered = {c.object_figure for c in claims if c.object_figure is not None} | secondary_figures(s)
        for source, relation, clause, verb in reporters if "reporting" not in self.rules_off else ():
            inner = [
                c for c in claims if c.attributed_to == source.entity and c.reporting_verb == source.verb
            ]
            said = [c for c in claims if c.relation in {"says", "denies"} and c.subject == source.entity]
            if relation == "says" and said:
                # "said ..., adding that ...", "denied ..., saying ...": the first statement
                # stands for both.
                continue
            reported = self._reporting_claims(s, source, relation, clause, verb, covered, bool(inner))
            claims.extend(stamped("reporting", reported))
        if (
            according is not None
            and according.entity is not None
            and self._estimator(according)
            and "according_to_estimates" not in self.rules_off
        ):
            for figure in sorted(set(s.figure_at.values()) - covered):
                claims.append(
                    Claim(
                        s.index,
                        according.entity,
                        "estimates",
                        according.verb,
                        object_figure=figure,
                        hedged=True,
                        valid_time=self._figures[figure].period or first(s.date_at.values()),
                        rule="according_to_estimates",
                    )
                )
        return claims

    def _verbs(self, s: SentenceView, according: Source | None) -> list[Claim]:
        """ "Nvidia supplies chips to Alibaba", "the market is dominated by X, Y and Z": each
        asserted verb's subjects and objects, mapped to the relation vocabulary."""
        claims: list[Claim] = []
        for token in s.span:
            if (
                token.pos_ in {"VERB", "AUX"}
                and token.dep_ not in {"aux", "auxpass"}
                and token.i not in s.entity_at
                and not unasserted(token)
                and not self._denied(token)
            ):
                claims.extend(self._verb_claims(s, token, according))
        return claims

    def _verb_claims(self, s: SentenceView, verb: Token, according: Source | None) -> list[Claim]:
        """One verb's claims, read in steps that each refine one reading of it: what the verb
        asserts, its arguments, event nouns, the objects that fit the relation, and the
        generic relation for verbs the vocabulary does not map."""
        if self._not_asserted(verb):
            return []
        reading = self._read_verb(s, verb)
        if reading is None or not self._read_event(s, verb, reading):
            return []
        reading.source = self._attribution(s, verb) or according
        self._fit_objects(s, verb, reading)
        self._generic_or_sized(s, verb, reading)
        return self._claims_of(s, verb, reading)

    def _not_asserted(self, verb: Token) -> bool:
        """Verbs whose act the sentence does not state as done."""
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in URGING | DIRECTING | CEASING:
            return True  # asked for, ordered or stopped: not done
        if verb.dep_ in {"xcomp", "ccomp"} and verb.head.lemma_.lower() in PERMITTING:
            return True  # "would allow it to resume sales": allowed (the easing is the claim), not done
        if self._licensed(verb) or (self._prevented(verb) and is_negated(verb.head.head)):
            # "needs licences to export the A800": the claim is the restriction, not a sale;
            # "the rules would not stop Nvidia from selling the H20" reports no sale either.
            return True
        return runs_plant(verb)  # "owns a DRAM fab" buys no DRAM: see _plant_claims

    def _read_verb(self, s: SentenceView, verb: Token) -> VerbReading | None:
        """The verb's relation, event noun and arguments; None when it states no claim of its own."""
        relation, phrase = self._relation(verb)
        event = None
        # "rolled out curbs on the H20": a verb of launching launches what its event noun says.
        if relation in {None, "releases"} or verb.lemma_.lower() in self.vocabulary.light_verbs:
            event = self._event_noun(verb, mapped=relation is not None)
            if event is not None and relation is None and verb.lemma_.lower() in AFFECTING:
                return None  # "to reduce their reliance on X": less of it, not a fact of it
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        if relation in REPORTING and event is None:
            if not self._announces_product(s, verb):
                return None  # a reporting verb's claim comes from its clause: see _reporting_claims
            relation = "releases"
        subjects, objects, role = self._arguments(s, verb)
        if relation not in REPORTING:
            # "AMD chief executive Lisa Su unveiled the MI325X": the company acts through her.
            subjects = [self._employer(s, verb, e) or e for e in subjects]
        governments = [e and self._is_government(self._capital_of.get(e, e)) for e in subjects]
        if relation == "dominates" and subjects and all(governments):
            relation = "restricts"  # a government that "controls" a product regulates it
        elif relation == "dominates":
            # "Amin Vahdat, who leads Google's AI infrastructure": a person manages.
            subjects = [e for e in subjects if e and not self._is_person(e)]
        if event is None:
            # Licences, rules and bans on trade: see claim_regulation.py.
            relation, subjects, objects = self._regulated(s, verb, relation, subjects, objects)
            subjects, objects = self._stoppers(s, verb, relation, subjects, objects)
        return VerbReading(relation, phrase, event, passive, subjects, objects, role)

    def _read_event(self, s: SentenceView, verb: Token, r: VerbReading) -> bool:
        """An event noun's act and objects ("placed orders for the H20"); False when the verb
        only asks for the event ("sought approval")."""
        acted_on = r.event
        if r.event is None and r.relation in REGULATORY:
            # "lifted the ban on Huawei", "tightened controls on X": the verb's act, the noun's object.
            acted_on = self._event_noun(verb)
            if acted_on is not None and acted_on[1] not in REGULATORY:
                acted_on = None
        if acted_on is not None and not r.role:
            # "placed orders for the H20": the relation is the noun's, so is the object.
            r.relation = r.relation if r.event is None else acted_on[1]
            # "imposed export controls on gallium": the noun names the act, not its object.
            noun = acted_on[0]
            noun_span = {t.i for t in noun.subtree if t.dep_ in {"compound", "amod"}} | {noun.i}
            objects = [o for o in r.objects if o.literal is None and o.token not in noun_span]
            objects += self._event_objects(
                s, verb, noun, literal=r.relation in LITERAL_OBJECT_RELATIONS, relation=r.relation
            )
            r.objects = dedupe(objects)
            if r.passive and r.relation and not r.subjects and any(o.entity for o in r.objects):
                # "after similar restrictions were imposed on its MI308 chip": by the government.
                r.subjects = [self._context_actor(s, r.relation, verb)]
        lemma = verb.lemma_.lower()
        if r.event is not None and not r.role and r.event[1] == "supplies" and lemma in TAKING:
            r.relation = "buys"  # "could take delivery of 2.5 million TPUs": the receiver buys
        elif r.event is not None and not r.role and lemma in RECEIVING:
            if lemma in {"seek", "request", "await"}:
                return False  # asked for, not given
            # "won approval from Beijing", "secured orders from Nvidia": the giver acts.
            givers = self._givers(s, verb, r.event[0])
            r.objects = [o for o in r.objects if o.entity not in givers] or [
                Argument(verb.i, entity=e) for e in r.subjects if e
            ]
            regulator = [self._context_actor(s, r.relation)] if r.relation in REGULATORY else []
            r.subjects = list(givers) or regulator
        if r.event is not None and not r.role and r.relation == "buys" and lemma not in RECEIVING:
            # "placed orders with TSMC for the H20": TSMC fills the order (see _settle_orders).
            r.suppliers = self._order_suppliers(s, verb, r.event[0])
        # Buying a company is acquiring it; being its buyer or placing orders with it is not.
        r.may_acquire = r.role is None and r.event is None
        r.relation = r.role or r.relation
        return True

    def _fit_objects(self, s: SentenceView, verb: Token, r: VerbReading) -> None:
        """Keep the objects the relation can take, and the subjects that go with them."""
        if r.relation in PREVENTS:
            r.objects = self._makers_of_goods(s, self._counted_goods(s, r.objects))
        if r.relation in PREVENTS and r.objects and all(o.figure is not None for o in r.objects):
            # "restrict exports of 23 types of equipment": the count is no object; the phrase is.
            r.objects = [Argument(c.i, literal=noun_phrase(c)) for c in verb.children if c.dep_ == "dobj"]
        if r.relation in JOINT_WORK:
            # "co-designs the chips with Google": the partner, whether or not the goods are named.
            r.partners = self._coworkers(s, verb, r.objects)
        if r.relation not in LITERAL_OBJECT_RELATIONS:
            # "develops AI supercomputers": a product relation wants a named product, or
            # a phrase with a name in it the recognizer missed ("its Blackwell chips").
            r.objects = [o for o in r.objects if o.literal is None or self._object_names_goods(s, verb, r, o)]
        elif r.relation not in LITERAL_RELATIONS:
            # A list of one-word goods is a list of kinds: "samarium, gadolinium and yttrium".
            r.objects = [
                o
                for o in r.objects
                if o.literal is None or informative(o.literal) or verb.doc[o.token].conjuncts
            ]
        r.objects = [self._owner_for_owned(s, o, r.subjects) for o in r.objects]
        if r.relation == "supplies" and any(o.party and o.entity for o in r.objects):
            # "resume sales of its H20 to China": the news is the customer, not the goods.
            r.objects = [o for o in r.objects if o.party or not o.entity]
        if r.relation == "manufactures" and r.passive and not any(r.subjects):
            # "the Ascend 910B is made on SMIC's 7-nanometre process": the process's owner.
            r.subjects = self._process_owners(s, verb) or r.subjects
        if r.relation == "manufactures":
            # "makes chips for Apple and AMD": whom it makes them for, it supplies.
            customers = self._made_for(s, verb, r.objects)
            if customers:
                r.relation, r.objects = "supplies", customers
        if r.relation in REGULATORY:
            traded = self._traded_subject(s, verb)
            source = r.source
            if traded:
                # "(the government told it that) exports of its H20 would require a licence".
                speaker = (
                    source.entity if source and source.entity and self._is_government(source.entity) else None
                )
                r.subjects, r.objects = [speaker or self._rule_maker(s, r.relation, verb)], traded
            elif r.relation in {"eases", "approves"}:
                # "would allow it to resume sales of the H20": what is allowed is the H20.
                allowed = [o for o in self._allowed(s, verb) if self._is_product(o.entity)]
                r.objects = allowed or r.objects
        if r.source is not None and r.relation not in REPORTING and self._estimator(r.source):
            # "Jefferies estimates that Cambricon could ship 150,000 accelerators": the
            # figure is the estimator's, not a plan of Cambricon's (see _reporting_claims).
            r.objects = [o for o in r.objects if o.figure is None]

    def _object_names_goods(self, s: SentenceView, verb: Token, r: VerbReading, o: Argument) -> bool:
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

    def _generic_or_sized(self, s: SentenceView, verb: Token, r: VerbReading) -> None:
        """An unmapped verb's generic relation, and figures that only size an entity object."""
        if r.relation is None:
            # Unmapped verbs ("called DeepSeek's work an advance") are kept, under the generic
            # relation, between a subject and a direct-object entity; prepositional objects
            # are too loose for that. The verb as written stays on the claim.
            r.relation = GENERIC_RELATION
            direct = {c.i for c in verb.children if c.dep_ in OBJECT_DEPS}
            # "is visiting Beijing": where someone goes is no relation between the two.
            r.objects = [
                o for o in r.objects if o.entity and o.token in direct and not self._is_place(o.entity)
            ]
            if verb.lemma_.lower() in CONSIDERING:
                # "called DeepSeek's work an advance", "named AWS its partner": a judgment or a
                # role (see _appositive_claims), not a relation of the verb's own.
                r.objects = []
        elif r.relation not in {"estimates", "projects"} and any(o.entity for o in r.objects):
            # "ordered $16 billion worth of H20 chips": the chip is the object, the figure its size.
            r.objects = [o for o in r.objects if o.figure is None]
        r.objects = dedupe(r.objects + self._followed_by(s, verb, r.objects))
        if r.relation in PREVENTS:
            # "restrictions on exports of AI chips to China": where the goods go is no object.
            r.objects = [o for o in r.objects if not self._is_place(o.entity)]

    def _claims_of(self, s: SentenceView, verb: Token, r: VerbReading) -> list[Claim]:
        """One claim per subject and object, and partners for joint work."""
        relation = r.relation or GENERIC_RELATION
        hedged, negated, time = is_hedged(verb), is_negated(verb), self._valid_time(s, verb)
        built = self._built_on(s, verb, relation)
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
                    else self._refine(relation, obj, hedged, r.may_acquire, spent_on=spent_on),
                    r.phrase,
                    object_entity=obj.entity,
                    object_figure=obj.figure,
                    object_literal=obj.literal,
                    **credit(r.source),
                    negated=negated,
                    hedged=hedged,
                    valid_time=self._figures[obj.figure].period if obj.figure is not None else time,
                )
                if r.suppliers and self._is_product(obj.entity):
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

    def _coworkers(self, s: SentenceView, verb: Token, objects: list[Argument]) -> list[str]:
        """Organizations a thing is made or designed with: the "with" party of the verb or object."""
        heads = [verb] + [s.span.doc[o.token] for o in objects]
        return dedupe(
            [
                o.entity
                for o in self._after_preposition(s, heads, "with")
                if o.entity and self._is_company(o.entity) and not self._is_government(o.entity)
            ]
        )

    def _after_preposition(self, s: SentenceView, heads: list[Token], word: str) -> list[Argument]:
        """What the preposition `word` of any of the heads reaches: "with TSMC", "for Apple"."""
        return [
            o
            for head in heads
            for prep in head.children
            if prep.dep_ == "prep" and prep.lower_ == word
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for o in self._reach(s, pobj, depth=0)
        ]

    def _as_nation(self, claim: Claim) -> Claim:
        """A national government's acts and words are its country's (see national_governments)."""
        subject = self._nation_of.get(claim.subject or "", claim.subject)
        source = self._nation_of.get(claim.attributed_to or "", claim.attributed_to)
        if subject == claim.object_entity:
            return claim
        return replace(claim, subject=subject, attributed_to=source)

    def _ahead(self, claim: Claim, published: date) -> bool:
        """Whether a claim's figure is for a period after the article's month: the figure's own
        period, else the time its sentence gives ("in its fiscal year ending January 2027")."""
        if claim.object_figure is None:
            return False
        found = _PERIOD.match(self._figures[claim.object_figure].period or claim.valid_time or "")
        if found is None:
            return False
        year, month = int(found[1]), int(found[2] or 0)
        return (year, month) > (published.year, published.month if month else 0)

    def _employer(self, s: SentenceView, verb: Token, person: str | None) -> str | None:
        """The company a person subject is named with: "Nvidia chief executive Jensen Huang"."""
        if person is None or not self._is_person(person):
            return None
        for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
            phrase = [
                t for t in subject.subtree if not any(a.dep_ in CLAUSE_DEPS for a in between(t, subject))
            ]
            if any(s.entity_at.get(t.i) == person for t in phrase):
                companies = [s.entity_at[t.i] for t in phrase if self._is_company(s.entity_at.get(t.i))]
                return companies[0] if companies else None
        return None

    def _givers(self, s: SentenceView, verb: Token, noun: Token) -> list[str | None]:
        """Who gives what a subject wins or receives: the "from" or "by" party, or the
        owner of the thing given ("struggled to secure Nvidia's approval")."""
        givers: list[str | None] = [
            s.entity_at[c.i] for c in noun.children if c.dep_ == "poss" and c.i in s.entity_at
        ]
        givers += [o.entity for o in self._through(s, [verb, noun], {"from", "by"}) if o.entity]
        return dedupe(givers)

    def _owner_for_owned(self, s: SentenceView, obj: Argument, subjects: list[str | None]) -> Argument:
        """ "use its chips" after Nvidia: the owner stands for what it owns, as for subjects."""
        if obj.literal is None:
            return obj
        head = s.span.doc[obj.token]
        owners = [c for c in head.children if c.dep_ == "poss" and c.lower_ in {"its", "their"}]
        if not owners or any(c.lower_ == "own" for c in head.children) or head.pos_ != "NOUN":
            return obj
        entity = self._anaphor(owners[0], exclude=subjects[0] if subjects else None)
        if entity is None or entity in subjects or self._is_place(entity):
            return obj
        return Argument(obj.token, entity=entity)

    def _process_owners(self, s: SentenceView, verb: Token) -> list[str | None]:
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
                if owner.dep_ == "poss" and self._is_company(s.entity_at.get(owner.i))
            ]
        )

    def _made_for(self, s: SentenceView, verb: Token, objects: list[Argument]) -> list[Argument]:
        """Organizations a maker makes things for: "makes chips for Apple, Nvidia and AMD"."""
        heads = [verb] + [s.span.doc[o.token] for o in objects if o.literal is not None]
        found = [
            o
            for o in self._after_preposition(s, heads, "for")
            if o.entity and "Organization" in ancestors(self._types.get(o.entity, "Entity"))
        ]
        return dedupe(found)

    def _is_thing(self, entity: str | None) -> bool:
        return entity is not None and (self._is_product(entity) or self._is_technology(entity))

    def _is_measure(self, figure: int) -> bool:
        unit = self._figures[figure].unit or ""
        return unit.split(" ")[0] in MEASURES

    def _is_city(self, entity: str | None) -> bool:
        return self._is_place(entity) and not self._is_government(entity or "")

    def _estimator(self, source: Source) -> bool:
        """A source that estimates or forecasts ("Bernstein estimates", "according to")."""
        return self.vocabulary.for_verb(source.verb) in {"estimates", "projects"}

    def _refine(
        self, relation: str, obj: Argument, hedged: bool, may_acquire: bool = True, spent_on: bool = False
    ) -> str:
        """Buying a company is acquiring it; spending on a product is buying it; a hedged
        figure is a projection."""
        if relation in {"buys", "acquires"} and obj.entity and may_acquire and not obj.party:
            cls = self._types.get(obj.entity, "")
            return "acquires" if "Organization" in ancestors(cls) else "buys"
        if relation == "invests_in" and (self._is_product(obj.entity) or spent_on):
            return "buys"  # "spent $2 billion on Nvidia's H20 chips", "... on chipmaking equipment"
        if obj.figure is not None and hedged and relation not in REPORTING:
            return "projects"
        return relation
