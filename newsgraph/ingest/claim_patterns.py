"""Claim patterns beyond subject-verb-object: event nouns, role nouns, possessives.

- event nouns after a light verb: "placed orders for the H20" buys, "launched a
  crackdown on X" restricts;
- role nouns: "X, a rival of Y", "X is the market leader", "X is seen as an
  alternative to Y", with the article's main product or company when no target is named;
- possessives: "Huawei's Ascend 910C", "Huawei, whose Ascend 910C ..." develops.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.core.ontology import ancestors
from newsgraph.core.types import Claim
from newsgraph.ingest.claim_arguments import ArgumentReader
from newsgraph.ingest.claim_syntax import (
    EVENT_PREPS,
    OBJECT_DEPS,
    Argument,
    SentenceView,
    has_name,
    is_hedged,
    is_negated,
)


class ClaimPatterns(ArgumentReader):
    """Claims that nouns, not verbs, state."""

    def _event_noun(self, verb: Token) -> tuple[Token, str] | None:
        """A light verb takes its relation from its object: "placed orders", "imposed curbs"."""
        for child in verb.children:
            if child.dep_ in OBJECT_DEPS | {"nsubjpass"}:
                relation = self.vocabulary.nouns.get(child.lemma_.lower())
                if relation:
                    return child, relation
        return None

    def _event_objects(self, s: SentenceView, verb: Token, noun: Token) -> list[Argument]:
        """What an event is about: "orders for the H20", "sales to China", "orders with TSMC".

        The parser attaches these phrases to the noun or to the light verb, so both count;
        only named things and figures are kept, never a bare phrase.
        """
        found: list[Argument] = []
        for head in (noun, verb):
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in EVENT_PREPS:
                    for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.i not in s.date_at):
                        reached = [o for o in self._reach(s, pobj, depth=0) if o.literal is None]
                        # "a crackdown on China's chip industry" is a crackdown on China.
                        owners = [c for c in pobj.children if c.dep_ == "poss" and c.i in s.entity_at]
                        found.extend(reached or [Argument(o.i, entity=s.entity_at[o.i]) for o in owners])
        return found

    def _announces_product(self, s: SentenceView, verb: Token) -> bool:
        """ "Nvidia announced the RTX Pro 6000D": a statement verb whose object is a product."""
        if any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children):
            return False
        return any(
            c.dep_ == "dobj"
            and c.i in s.entity_at
            and "Product" in ancestors(self._types.get(s.entity_at[c.i], "Entity"))
            for c in verb.children
        )

    def _appositive_claims(self, s: SentenceView) -> list[Claim]:
        """ "X, a rival of Y", "X is a supplier of Y", "X is seen as an alternative to Y".

        The role noun is the relation. With no target in the phrase, a role of the
        market kind ("the market leader", "a formidable competitor") is taken to be about
        the article's main product or company, as a reader would take it.
        """
        claims: list[Claim] = []
        for token in s.span:
            holder = self._role_holder(s, token)
            if holder is None:
                continue
            relation = self._role(token)
            if relation is None:
                continue
            targets = [
                o
                for child in token.children
                if child.dep_ == "prep" and child.lower_ in {"of", "to", "for", "in", "among"}
                for pobj in child.children
                if pobj.dep_ == "pobj"
                for o in self._objects(s, pobj)
            ]
            owners = [c for c in token.children if c.dep_ == "poss"]
            for owner in owners:
                entity = s.entity_at.get(owner.i) or self._anaphor(owner)
                # "China's largest DRAM maker": a place says where, not whose.
                if entity and "Place" not in ancestors(self._types.get(entity, "Entity")):
                    targets.append(Argument(owner.i, entity=entity))
            if not targets and not owners:
                default = self._default_target(relation)
                targets = [Argument(token.i, entity=default)] if default else []
            holder_entity = s.entity_at[holder.i]
            for target in targets:
                if target.entity != holder_entity and (
                    target.literal is None or has_name(s.span.doc[target.token])
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
                            negated=is_negated(token.head),
                            hedged=is_hedged(token.head),
                        )
                    )
        return claims

    @staticmethod
    def _role_holder(s: SentenceView, token: Token) -> Token | None:
        """The named thing a role noun describes: its apposition, subject, or "as" phrase."""
        if token.dep_ == "appos" and token.head.i in s.entity_at:
            return token.head
        if token.dep_ in {"attr", "acomp", "oprd"} and token.head.lemma_ in {"be", "remain", "become"}:
            subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
            subjects = [ArgumentReader._relative_head(c) for c in subjects]
            return next((c for c in subjects if c.i in s.entity_at), None)
        if token.dep_ == "pobj" and token.head.lower_ == "as" and token.head.dep_ == "prep":
            # "X is seen as the main alternative to Y", "regards X as a rival".
            verb = token.head.head
            holders = [c for c in verb.children if c.dep_ in {"nsubjpass", "dobj"}]
            holders = [ArgumentReader._relative_head(c) for c in holders]
            return next((c for c in holders if c.i in s.entity_at), None)
        return None

    def _default_target(self, relation: str) -> str | None:
        """The article's subject a role noun with no target is about."""
        if relation in {"competes_with", "partners_with"}:
            return self._main_company
        if relation in {"buys", "supplies", "dominates"}:
            return self._topic
        return None

    def _possessive_claims(self, s: SentenceView) -> list[Claim]:
        """ "Google's TPU", "Huawei's Ascend 910C": an organization's product is its own."""
        claims = []
        for token in s.span:
            product = s.entity_at.get(token.i)
            if product is None or "Product" not in ancestors(self._types.get(product, "Entity")):
                continue
            # "Cambricon's flagship Siyuan 590 chip": the owner may sit on the head noun.
            # Only a named owner there: "its H20 chip" says nothing new about who made it.
            owners = [c for c in token.children if c.dep_ == "poss"]
            if token.dep_ in {"compound", "nmod"}:
                owners += [c for c in token.head.children if c.dep_ == "poss" and c.i in s.entity_at]
            before = token.doc[token.i - 1] if token.i > s.span.start else None
            if before is not None and before.lower_ == "whose":
                owners.append(before)  # the parser garbles "whose"; the text order does not
            for owner in owners:
                if owner.lower_ == "whose":
                    # "Huawei, whose Ascend 910C is ...": the name before the clause.
                    antecedent = owner.i - 1 if owner.nbor(-1).is_punct else owner.i
                    owner = token.doc[max(antecedent - 1, s.span.start)]
                maker = s.entity_at.get(owner.i) or self._anaphor(owner)
                if (
                    maker
                    and (maker, product) not in self._owned  # once per article is enough
                    and "Organization" in ancestors(self._types.get(maker, "Entity"))
                ):
                    self._owned.add((maker, product))
                    claims.append(
                        Claim(
                            s.index, maker, "develops", owner.text + " " + token.text, object_entity=product
                        )
                    )
        return claims
