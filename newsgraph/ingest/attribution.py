"""Attribution: who says so, with what verb and stance, and the source's own claim.

"Bernstein estimates that ...", "..., analysts said", "according to TrendForce" and
"Bernstein projects that ..." (misparsed as a noun) give a clause its source; the source
gets a claim of its own (the figures it estimates or projects, or what it says, warns
or denies) when nothing inside the clause became a claim.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.core.types import Claim
from newsgraph.ingest.claim_arguments import ArgumentReader
from newsgraph.ingest.claim_syntax import (
    REPORTING,
    SOURCE_NOUNS,
    SentenceView,
    Source,
    clause_text,
    clause_tokens,
    is_generic_source,
    is_hedged,
    noun_phrase,
    verb_phrase,
)


class Attribution(ArgumentReader):
    """Sources of clauses and the claims sources make."""

    def _reporters(self, s: SentenceView) -> list[tuple[Source, str, Token, Token]]:
        """Reporting verbs with a clause: (source, relation, clause head, reporting word)."""
        found: list[tuple[Source, str, Token, Token]] = []
        for token in s.span:
            relation, _ = self._relation(token)
            if token.pos_ not in {"VERB", "AUX"} or relation not in REPORTING | {"projects"}:
                continue
            clause = next((c for c in token.children if c.dep_ in {"ccomp", "xcomp"}), None)
            if clause is None and relation in {"denies", "warns"}:
                # "denying claims it contains backdoors": the object is the statement.
                clause = next((c for c in token.children if c.dep_ == "dobj"), None)
            source = self._source(s, token, relation)
            if clause is not None and source is not None and source.entity is not None:
                found.append((source, relation or "says", clause, token))
        for noun, relation, clause in self._reporting_nouns(s):
            stance = "denies" if relation == "denies" else "asserts"
            found.append((Source(s.entity_at[noun.i - 1], None, noun.lower_, stance), relation, clause, noun))
        return found

    def _reporting_nouns(self, s: SentenceView) -> list[tuple[Token, str, Token]]:
        """ "Bernstein projects that ...", misparsed with "projects" as a noun.

        The small statistical parser often reads a name followed by a third-person
        reporting verb as a compound noun; the "that" clause after it gives it away.
        Returns (the word, its relation, the clause's verb).
        """
        found = []
        for token in s.span:
            if token.pos_ != "NOUN" or not token.lower_.endswith("s") or token.i == 0:
                continue
            relation = self.vocabulary.for_verb(token.lower_[:-1]) or self.vocabulary.for_verb(token.lemma_)
            after = token.nbor() if token.i + 1 < len(token.doc) else None
            if (
                relation in REPORTING | {"projects"}
                and after is not None
                and after.lower_ == "that"
                and after.dep_ == "mark"
                and token.i - 1 in s.entity_at
            ):
                found.append((token, relation, after.head))
        return found  # type: ignore[return-value]

    def _reporting_claims(
        self,
        s: SentenceView,
        source: Source,
        relation: str,
        clause: Token,
        verb: Token,
        covered: set[int],
        has_inner_claims: bool,
    ) -> list[Claim]:
        """The source's own claim: the figures it estimates or projects, or what it says.

        Figures an inner claim already carries are not repeated; a plain statement is
        kept when nothing inside it became a claim, or when it warns or denies.
        """
        assert source.entity is not None
        time = self._valid_time(s, clause)
        own = clause_tokens(clause)
        hedged = any(is_hedged(t) for t in own if t.pos_ in {"VERB", "AUX"})
        figures = sorted({s.figure_at[t.i] for t in own if t.i in s.figure_at} - covered)
        if relation not in {"estimates", "projects"}:
            relation_for_figures = "projects" if hedged else None
        else:
            relation_for_figures = relation
        if figures and relation_for_figures:
            return [
                Claim(
                    s.index,
                    source.entity,
                    relation_for_figures,
                    verb_phrase(verb),
                    object_figure=f,
                    stance=source.stance,
                    hedged=True,
                    valid_time=self._figures[f].period or time,
                )
                for f in figures
            ]
        if relation in {"estimates", "projects"} and not figures:
            relation = "says"
        if has_inner_claims and relation not in {"warns", "denies"}:
            return []
        statement = clause_text(clause)
        if not statement:
            return []
        return [
            Claim(
                s.index,
                source.entity,
                relation,
                verb_phrase(verb),
                object_literal=statement,
                stance=source.stance,
                negated=any(c.dep_ == "neg" for c in verb.children),
                hedged=hedged,
                valid_time=time,
            )
        ]

    def _attribution(self, s: SentenceView, verb: Token) -> Source | None:
        """The source of a clause: a reporting verb above it, or one beside it."""
        if verb.i in self._sources_in_clause:
            return self._sources_in_clause[verb.i]
        current = verb
        while current.dep_ in {"ccomp", "xcomp", "conj"} and current.head.i != current.i:
            head = current.head
            relation, _ = self._relation(head)
            if relation in REPORTING and current.dep_ != "conj":
                return self._source(s, head, relation)
            current = head
        for child in verb.children:
            if child.dep_ in {"parataxis", "ccomp"}:
                relation, _ = self._relation(child)
                if relation in REPORTING and not any(c.dep_ == "ccomp" for c in child.children):
                    return self._source(s, child, relation)
        return None

    def _source(self, s: SentenceView, verb: Token, relation: str | None) -> Source | None:
        stance = "denies" if relation == "denies" else "asserts"
        for subject in self._subject_tokens(verb):
            entities = self._entities(s, subject, resolve_anaphora=True)
            if entities:
                return Source(entities[0], None, verb.lemma_, stance)
            if is_generic_source(subject):
                return Source(None, noun_phrase(subject).lower(), verb.lemma_, stance)
        return None

    def _according_to(self, s: SentenceView) -> Source | None:
        """ "according to Bernstein", "according to estimates by TrendForce", "... people familiar"."""
        for token in s.span:
            if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
                phrase = list(token.nbor().subtree)[1:]
                for word in phrase:
                    if word.i in s.entity_at:
                        return Source(s.entity_at[word.i], None, "according to", "asserts")
                for word in phrase:
                    if is_generic_source(word) or (
                        word.dep_ == "pobj" and word.lemma_.lower() not in SOURCE_NOUNS
                    ):
                        return Source(None, noun_phrase(word).lower(), "according to", "asserts")
        return None
