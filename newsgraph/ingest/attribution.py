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
    CLAUSE_DEPS,
    DENIALS,
    REPORTING,
    SOURCE_NOUNS,
    SUBJECT_DEPS,
    WARNING_PREPS,
    SentenceView,
    Source,
    between,
    clause_text,
    clause_tokens,
    is_generic_source,
    is_hedged,
    noun_phrase,
    verb_phrase,
)

# What a denial may refuse rather than dispute: "denied Huawei access to its chips".
REFUSED = {"access", "entry", "licence", "license", "permission", "approval", "visa", "request"}


class Attribution(ArgumentReader):
    """Sources of clauses and the claims sources make."""

    def _reporters(self, s: SentenceView) -> list[tuple[Source, str, Token, Token]]:
        """Reporting verbs with a clause: (source, relation, clause head, reporting word)."""
        found: list[tuple[Source, str, Token, Token]] = []
        for token in s.span:
            if token.pos_ not in {"VERB", "AUX"}:
                continue
            relation, _ = self._relation(token)
            if relation not in REPORTING | {"projects"}:
                continue
            clause = next((c for c in token.children if c.dep_ in {"ccomp", "xcomp"}), None)
            if clause is None and relation == "warns":
                # "warned investors about the risks": whom it warns is not what it says.
                clause = next(
                    (
                        p
                        for c in token.children
                        if c.dep_ == "prep" and c.lower_ in WARNING_PREPS
                        for p in c.children
                        if p.dep_ in {"pobj", "pcomp"}
                    ),
                    None,
                )
            if clause is None and relation == "denies":
                # "denying claims it contains backdoors": the object is the statement;
                # "denied Huawei access to X" refuses a thing, not a statement.
                clause = next((c for c in token.children if c.dep_ == "dobj"), None)
                if clause is not None and clause.lemma_.lower() in REFUSED:
                    clause = None
            if clause is None and relation == "warns":
                # "questioned the chip's security": a topic, not whom it warns ("warned investors").
                clause = next(
                    (
                        c
                        for c in token.children
                        if c.dep_ == "dobj" and c.i not in s.entity_at and not is_generic_source(c)
                    ),
                    None,
                )
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
        figures = sorted(
            {s.figure_at[t.i] for t in own if t.i in s.figure_at and not self._part_of(s, t, covered)}
        )
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
        stance = source.stance
        if relation == "says":
            subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS | {"nsubjpass", "expl"}]
            if not subjects or subjects[0].lower_ in {"which", "that", "who"}:
                # "a card that it said was compliant", "which it said had improved ...": the
                # statement's subject is outside it.
                return []
            denied = [c for c in clause.children if c.dep_ == "acomp" and c.lemma_.lower() in DENIALS]
            if clause.lemma_ == "be" and denied and subjects[0].pos_ in {"NOUN", "PROPN"}:
                # "said reports of new orders were inaccurate" denies the reports.
                relation, stance = "denies", "denies"
                clause = subjects[0]
            elif source.entity in self._entities(s, subjects[0], resolve_anaphora=True):
                # "DeepSeek said it had built ...": a self-report; what it reports is the claim.
                return []
        if has_inner_claims and relation not in {"warns", "denies"}:
            return []
        if relation == "says" and self._reports_figures(s, clause):
            return []  # "said revenue rose 46% to $11.32 billion": the figures are the news
        statement = noun_phrase(clause) if clause.pos_ in {"NOUN", "PROPN"} else clause_text(clause)
        if not statement:
            return []
        return [
            Claim(
                s.index,
                source.entity,
                relation,
                verb_phrase(verb),
                object_literal=statement,
                stance=stance,
                negated=any(c.dep_ == "neg" for c in verb.children),
                hedged=hedged,
                valid_time=time,
            )
        ]

    @staticmethod
    def _reports_figures(s: SentenceView, clause: Token) -> bool:
        """A statement whose verb reports figures: "revenue rose to 2.88 billion yuan".

        A figure inside the statement's subject ("the $6 million figure did not include")
        is what the statement is about, not what it reports.
        """
        subjects = {t.i for c in clause.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
        return any(t.i in s.figure_at and t.i not in subjects for t in clause_tokens(clause))

    @staticmethod
    def _part_of(s: SentenceView, token: Token, covered: set[int]) -> bool:
        """A figure already claimed, or the start of a range claimed ("$60 billion to $65 billion")."""
        if s.figure_at[token.i] in covered:
            return True
        return any(a.i in s.figure_at and s.figure_at[a.i] in covered for a in token.ancestors)

    def _attribution(self, s: SentenceView, verb: Token) -> Source | None:
        """The source of a clause: a reporting verb above it, or one beside it."""
        if verb.i in self._sources_in_clause:
            return self._sources_in_clause[verb.i]
        current = verb
        # Through coordinated and adverbial clauses too: "said that X ... and that Y",
        # "said it could take charges after restrictions were imposed".
        while current.dep_ in {"ccomp", "xcomp", "conj", "advcl"} and current.head.i != current.i:
            head = current.head
            relation, _ = self._relation(head)
            if relation in REPORTING and current.dep_ in {"ccomp", "xcomp"}:
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
        if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
            return None  # "X is expected to ...": a hedge on X's act, nobody's statement
        for subject in self._subject_tokens(verb):
            # A chip says nothing: "its Trainium2 chip was available ... and announced" lost
            # its real subject to the parse.
            named = self._entities(s, subject, resolve_anaphora=True)
            entities = [e for e in named if not self._is_product(e)]
            subject = self._relative_head(subject)
            if entities:
                return Source(entities[0], None, verb.lemma_, stance)
            if is_generic_source(subject):
                return Source(None, noun_phrase(subject).lower(), verb.lemma_, stance)
        return None

    def _trailing_source(self, s: SentenceView) -> Source | None:
        """ "..., analysts at Morgan Stanley estimate." when the parser lost the clause.

        A reporting word ends the sentence after a comma, with a named or generic source
        between; its words are then no argument of the sentence's verbs.
        """
        words = [t for t in s.span if not t.is_punct]
        if not words:
            return None
        last = words[-1]
        lemma = last.lemma_.lower()
        relation = self.vocabulary.for_verb(lemma) or self.vocabulary.for_verb(last.lower_.removesuffix("s"))
        if relation not in REPORTING | {"projects"} or any(c.dep_ == "ccomp" for c in last.children):
            return None
        comma = next((t for t in reversed(s.span[: last.i - s.span.start]) if t.text == ","), None)
        if comma is None or last.i - comma.i > 8:
            return None
        phrase = s.span.doc[comma.i + 1 : last.i]
        entity = next((s.entity_at[t.i] for t in phrase if t.i in s.entity_at), None)
        generic = next((t for t in phrase if is_generic_source(t)), None)
        if entity is None and generic is None:
            return None
        self._ignored.update(t.i for t in phrase)
        self._ignored.add(last.i)
        verb = lemma if self.vocabulary.for_verb(lemma) else last.lower_.removesuffix("s")
        named = noun_phrase(generic).lower() if entity is None and generic is not None else None
        return Source(entity, named, verb, "asserts")

    @staticmethod
    def _names_source(s: SentenceView, word: Token, to: Token) -> bool:
        """Whether a name in "according to ..." is the source, not a detail of it.

        "an annual report filed with the Shanghai Stock Exchange" names a place it was
        filed; "the U.S. Geological Survey", read as "U.S." before an unknown name, names
        where the source is.
        """
        if any(a.dep_ in CLAUSE_DEPS for a in between(word, to)):
            return False
        head = word.head
        return not (word.dep_ == "compound" and head.pos_ == "PROPN" and head.i not in s.entity_at)

    def _according_to(self, s: SentenceView) -> Source | None:
        """ "according to Bernstein", "according to estimates by TrendForce", "... people familiar"."""
        for token in s.span:
            if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
                phrase = list(token.nbor().subtree)[1:]
                for word in phrase:
                    if word.i in s.entity_at and self._names_source(s, word, token.nbor()):
                        return Source(s.entity_at[word.i], None, "according to", "asserts")
                for word in phrase:
                    if is_generic_source(word) or (
                        word.dep_ == "pobj" and word.lemma_.lower() not in SOURCE_NOUNS
                    ):
                        return Source(None, noun_phrase(word).lower(), "according to", "asserts")
        return None
