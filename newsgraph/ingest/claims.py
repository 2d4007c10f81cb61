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
from newsgraph.ingest.attribution import Attribution
from newsgraph.ingest.claim_patterns import ClaimPatterns
from newsgraph.ingest.claim_syntax import (
    LITERAL_OBJECT_RELATIONS,
    LITERAL_RELATIONS,
    OBJECT_DEPS,
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


class ClaimExtractor(ClaimPatterns, Attribution):
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
        return dedupe(claims)

    def _sentence_claims(self, s: SentenceView) -> list[Claim]:
        according = self._according_to(s)
        reporters = self._reporters(s)
        self._sources_in_clause = {
            token.i: source for source, _, clause, _ in reporters for token in clause_tokens(clause)
        }
        claims: list[Claim] = []
        for token in s.span:
            if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"aux", "auxpass"}:
                claims.extend(self._verb_claims(s, token, according))
        claims.extend(self._appositive_claims(s))
        claims.extend(self._possessive_claims(s))
        covered = {c.object_figure for c in claims if c.object_figure is not None}
        for source, relation, clause, verb in reporters:
            inner = [
                c for c in claims if c.attributed_to == source.entity and c.reporting_verb == source.verb
            ]
            claims.extend(self._reporting_claims(s, source, relation, clause, verb, covered, bool(inner)))
        if according is not None and according.entity is not None:
            for figure in sorted(set(s.figure_at.values()) - covered):
                claims.append(
                    Claim(
                        s.index,
                        according.entity,
                        "estimates",
                        "according to",
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
            event = self._event_noun(verb)
        if relation in REPORTING and event is None:
            if not self._announces_product(s, verb):
                return []  # a reporting verb's claim comes from its clause: see _reporting_claims
            relation = "releases"
        subjects, objects, role = self._arguments(s, verb)
        if event is not None and not role:
            # "placed orders for the H20": the relation is the noun's, so is the object.
            relation = event[1]
            objects = [o for o in objects if o.literal is None] + self._event_objects(s, verb, event[0])
            objects = dedupe(objects)
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
        hedged = is_hedged(verb)
        negated = is_negated(verb)
        time = self._valid_time(s, verb)
        if relation is None:
            # Unmapped verbs are kept, under the generic relation, between a subject
            # and a direct-object entity; prepositional objects are too loose for that.
            relation = GENERIC_RELATION
            direct = {c.i for c in verb.children if c.dep_ in OBJECT_DEPS}
            objects = [o for o in objects if o.entity and o.token in direct]
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

    def _refine(self, relation: str, obj: Argument, hedged: bool, may_acquire: bool = True) -> str:
        """Buying a company is acquiring it; a hedged figure is a projection."""
        if relation in {"buys", "acquires"} and obj.entity and may_acquire:
            cls = self._types.get(obj.entity, "")
            return "acquires" if "Organization" in ancestors(cls) else "buys"
        if obj.figure is not None and hedged and relation not in REPORTING:
            return "projects"
        return relation
