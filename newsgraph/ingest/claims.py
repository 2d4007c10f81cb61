"""Claims from the dependency parse: who did what to whom, and who says so.

For every verb of a sentence the extractor finds its subject entities and its objects
(entities, figures, or a literal noun phrase), maps the verb to the relation vocabulary
and emits one Claim per subject-object pair. Around that core:

- passive voice: "the market is dominated by X, Y and Z" gives X dominates the market;
- coordination and lists: one claim per member ("X, Y and Z", "firms such as X");
- objects reached through a noun: "restrictions on Nvidia's H20", "sales of the A800";
- role nouns: "buyers include X" (X buys ...), "X, a rival of Y" (X competes with Y),
  with the article's main product as the object when the sentence names none;
- attribution: a claim inside "Bernstein estimates that ..." or "..., analysts said"
  is attributed to its source, which itself gets an estimates/says/denies claim;
- flags: negation ("did not") and hedging (could, may, might, would, expected to).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from newsgraph.core.ontology import ancestors
from newsgraph.core.types import Claim, DateMention, Entity, Figure, Mention
from newsgraph.ingest.claim_patterns import ClaimPatterns
from newsgraph.ingest.claim_syntax import (
    LITERAL_OBJECT_RELATIONS,
    LITERAL_RELATIONS,
    OBJECT_DEPS,
    RECEIVING,
    REGULATORY,
    REPORTING,
    Argument,
    SentenceView,
    Source,
    clause_tokens,
    dedupe,
    first,
    has_name,
    informative,
    is_hedged,
    is_negated,
)
from newsgraph.ingest.relations import GENERIC_RELATION


class ClaimExtractor(ClaimPatterns):
    """Extracts claims from one parsed article at a time."""

    def extract(
        self,
        doc: Doc,
        sentence_spans: Sequence[tuple[int, Span]],
        mentions: Sequence[Mention],
        entities: Iterable[Entity],
        figures: Sequence[Figure] = (),
        dates: Sequence[DateMention] = (),
    ) -> list[Claim]:
        """Every claim of the article, in text order."""
        sentences = [SentenceView(span, index) for index, span in sentence_spans]
        self.start_article(doc, sentences, mentions, entities, figures, dates)
        claims: list[Claim] = []
        for sentence in sentences:
            found = self._sentence_claims(sentence)
            claims.extend(found)
            for claim in found:
                if claim.relation in REGULATORY and claim.subject and self._is_government(claim.subject):
                    self._actors[claim.relation] = claim.subject
        # "Nvidia's H800" says less than "the H800 was designed by Nvidia": a possessive
        # stands only for a maker the article does not state outright.
        stated = {
            (c.subject, c.object_entity)
            for c in claims
            if c.relation == "develops" and id(c) not in self._possessives
        }
        claims = [
            c for c in claims if id(c) not in self._possessives or (c.subject, c.object_entity) not in stated
        ]
        return dedupe(claims)

    def _sentence_claims(self, s: SentenceView) -> list[Claim]:
        according = self._according_to(s) or self._trailing_source(s)
        reporters = self._reporters(s)
        self._sources_in_clause = {
            token.i: source for source, _, clause, _ in reporters for token in clause_tokens(clause)
        }
        claims: list[Claim] = []
        for token in s.span:
            if (
                token.pos_ in {"VERB", "AUX"}
                and token.dep_ not in {"aux", "auxpass"}
                and token.i not in s.entity_at
            ):
                claims.extend(self._verb_claims(s, token, according))
        claims.extend(self._appositive_claims(s, according))
        claims.extend(self._misread_verb_claims(s, according))
        claims.extend(self._possessive_claims(s))
        covered = {c.object_figure for c in claims if c.object_figure is not None}
        for source, relation, clause, verb in reporters:
            inner = [
                c for c in claims if c.attributed_to == source.entity and c.reporting_verb == source.verb
            ]
            claims.extend(self._reporting_claims(s, source, relation, clause, verb, covered, bool(inner)))
        if according is not None and according.entity is not None and self._estimator(according):
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
                    )
                )
        return claims

    def _verb_claims(self, s: SentenceView, verb: Token, according: Source | None) -> list[Claim]:
        relation, phrase = self._relation(verb)
        event = None
        if relation is None or verb.lemma_.lower() in self.vocabulary.light_verbs:
            event = self._event_noun(verb, mapped=relation is not None)
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        if relation in REPORTING and event is None:
            if not self._announces_product(s, verb):
                return []  # a reporting verb's claim comes from its clause: see _reporting_claims
            relation = "releases"
        subjects, objects, role = self._arguments(s, verb)
        acted_on = event
        if event is None and relation in REGULATORY:
            # "lifted the ban on Huawei", "tightened controls on X": the verb's act, the noun's object.
            acted_on = self._event_noun(verb)
            if acted_on is not None and acted_on[1] not in REGULATORY:
                acted_on = None
        if acted_on is not None and not role:
            # "placed orders for the H20": the relation is the noun's, so is the object.
            relation = relation if event is None else acted_on[1]
            # "imposed export controls on gallium": the noun names the act, not its object.
            noun = acted_on[0]
            noun_span = {t.i for t in noun.subtree if t.dep_ in {"compound", "amod"}} | {noun.i}
            objects = [o for o in objects if o.literal is None and o.token not in noun_span]
            objects += self._event_objects(s, verb, noun, literal=relation in LITERAL_OBJECT_RELATIONS)
            objects = dedupe(objects)
            if passive and relation and not subjects and any(o.entity for o in objects):
                # "after similar restrictions were imposed on its MI308 chip": by the government.
                subjects = [self._context_actor(s, relation)]
        if event is not None and not role and verb.lemma_.lower() in RECEIVING:
            if verb.lemma_.lower() in {"seek", "request", "await"}:
                return []  # asked for, not given
            # "won approval from Beijing", "secured orders from Nvidia": the giver acts.
            givers = self._givers(s, verb, event[0])
            objects = [o for o in objects if o.entity not in givers] or [
                Argument(verb.i, entity=e) for e in subjects if e
            ]
            subjects = list(givers) or ([self._context_actor(s, relation)] if relation in REGULATORY else [])
        # Buying a company is acquiring it; being its buyer or placing orders with it is not.
        may_acquire = role is None and event is None
        relation = role or relation
        if relation not in LITERAL_OBJECT_RELATIONS:
            # "develops AI supercomputers": a product relation wants a named product, or
            # a phrase with a name in it the recognizer missed ("its Blackwell chips").
            objects = [o for o in objects if o.literal is None or has_name(verb.doc[o.token])]
        elif relation not in LITERAL_RELATIONS:
            objects = [o for o in objects if o.literal is None or informative(o.literal)]
        source = self._attribution(s, verb) or according
        objects = [self._owner_for_owned(s, o, subjects) for o in objects]
        if relation == "manufactures":
            # "makes chips for Apple and AMD": whom it makes them for, it supplies.
            customers = self._made_for(s, verb, objects)
            if customers:
                relation, objects = "supplies", customers
        if relation in REGULATORY:
            traded = self._traded_subject(s, verb)
            if traded:
                # "(the government told it that) exports of its H20 would require a licence".
                speaker = (
                    source.entity if source and source.entity and self._is_government(source.entity) else None
                )
                subjects, objects = [speaker or self._context_actor(s, relation)], traded
        elif relation in {"eases", "approves"}:
            # "would allow it to resume sales of the H20": what is allowed is the H20.
            allowed = [o for o in self._allowed(s, verb) if self._is_product(o.entity)]
            objects = allowed or objects
        if source is not None and relation not in REPORTING and self._estimator(source):
            # "Jefferies estimates that Cambricon could ship 150,000 accelerators": the
            # figure is the estimator's, not a plan of Cambricon's (see _reporting_claims).
            objects = [o for o in objects if o.figure is None]
        hedged = is_hedged(verb)
        negated = is_negated(verb)
        time = self._valid_time(s, verb)
        if relation is None:
            # Unmapped verbs are kept, under the generic relation, between a subject
            # and a direct-object entity; prepositional objects are too loose for that.
            relation = GENERIC_RELATION
            direct = {c.i for c in verb.children if c.dep_ in OBJECT_DEPS}
            # "is visiting Beijing": where someone goes is no relation between the two.
            objects = [o for o in objects if o.entity and o.token in direct and not self._is_place(o.entity)]
        elif relation not in {"estimates", "projects"} and any(o.entity for o in objects):
            # "ordered $16 billion worth of H20 chips": the chip is the object, the figure its size.
            objects = [o for o in objects if o.figure is None]
        claims: list[Claim] = []
        for subject in subjects:
            for obj in objects:
                if obj.entity is not None and obj.entity == subject:
                    continue
                claims.append(
                    Claim(
                        s.index,
                        subject,
                        self._refine(relation, obj, hedged, may_acquire),
                        phrase,
                        object_entity=obj.entity,
                        object_figure=obj.figure,
                        object_literal=obj.literal,
                        attributed_to=source.entity if source else None,
                        attributed_source=source.generic if source else None,
                        reporting_verb=source.verb if source else None,
                        stance=source.stance if source else "asserts",
                        negated=negated,
                        hedged=hedged,
                        valid_time=self._figures[obj.figure].period if obj.figure is not None else time,
                    )
                )
        return claims

    def _givers(self, s: SentenceView, verb: Token, noun: Token) -> list[str | None]:
        """Who gives what a subject wins or receives: the "from" or "by" party."""
        return dedupe(
            [
                o.entity
                for head in (verb, noun)
                for prep in head.children
                if prep.dep_ == "prep" and prep.lower_ in {"from", "by"}
                for pobj in prep.children
                if pobj.dep_ == "pobj"
                for o in self._reach(s, pobj, depth=0)
                if o.entity
            ]
        )

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

    def _made_for(self, s: SentenceView, verb: Token, objects: list[Argument]) -> list[Argument]:
        """Organizations a maker makes things for: "makes chips for Apple, Nvidia and AMD"."""
        heads = [verb] + [s.span.doc[o.token] for o in objects if o.literal is not None]
        found = [
            o
            for head in heads
            for prep in head.children
            if prep.dep_ == "prep" and prep.lower_ == "for"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for o in self._reach(s, pobj, depth=0)
            if o.entity and "Organization" in ancestors(self._types.get(o.entity, "Entity"))
        ]
        return dedupe(found)

    def _traded_subject(self, s: SentenceView, verb: Token) -> list[Argument]:
        """What a trade-event subject is of: "exports of the H20 (would require a licence)"."""
        found: list[Argument] = []
        for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
            if self.vocabulary.nouns.get(subject.lemma_.lower()) not in {"supplies", "buys"}:
                continue
            for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    found.extend(o for o in self._reach(s, pobj, depth=0) if o.entity)
        return found

    def _allowed(self, s: SentenceView, verb: Token) -> list[Argument]:
        """The objects of the act a verb of permission allows: "allow X to sell Y" gives Y."""
        found: list[Argument] = []
        for act in (c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}):
            event = self._event_noun(act)
            if event is not None:
                found.extend(self._event_objects(s, act, event[0]))
            for child in (c for c in act.children if c.dep_ in OBJECT_DEPS):
                found.extend(self._reach(s, child, depth=0))
        return found

    def _is_product(self, entity: str | None) -> bool:
        return entity is not None and "Product" in ancestors(self._types.get(entity, "Entity"))

    def _is_place(self, entity: str) -> bool:
        return "Place" in ancestors(self._types.get(entity, "Entity"))

    def _estimator(self, source: Source) -> bool:
        """A source that estimates or forecasts ("Bernstein estimates", "according to")."""
        return self.vocabulary.for_verb(source.verb) in {"estimates", "projects"}

    def _refine(self, relation: str, obj: Argument, hedged: bool, may_acquire: bool = True) -> str:
        """Buying a company is acquiring it; a hedged figure is a projection."""
        if relation in {"buys", "acquires"} and obj.entity and may_acquire and not obj.party:
            cls = self._types.get(obj.entity, "")
            return "acquires" if "Organization" in ancestors(cls) else "buys"
        if obj.figure is not None and hedged and relation not in REPORTING:
            return "projects"
        return relation
