"""Attribution: who says so, with what verb and stance, and the source's own claim.

"Bernstein estimates that ...", "..., analysts said", "according to TrendForce" and
"Bernstein projects that ..." (misparsed as a noun) give a clause its source; the source
gets a claim of its own (the figures it estimates or projects, or what it estimates, says, warns
or denies) when nothing inside the clause became a claim. A statement is a statement of
fact: an executive's report on the company (but for how events touch it), a question left
open or a guess is no "says".
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.core.types import Claim
from newsgraph.ingest.claim_arguments import ArgumentReader
from newsgraph.ingest.claim_syntax import (
    SentenceView,
    Source,
    between,
    clause_text,
    clause_tokens,
    is_generic_source,
    is_hedged,
    noun_phrase,
    unasserted,
    verb_phrase,
)
from newsgraph.ingest.claim_words import (
    CLAUSE_DEPS,
    DENIALS,
    EXECUTIVE_TITLES,
    EXPECTING,
    FUTURE_AUX,
    IMPACT_NOUNS,
    REFUSED,
    REPORTING,
    SOURCE_NOUNS,
    SPECULATIVE,
    SUBJECT_DEPS,
    WARNING_PREPS,
)


def speculates(clause: Token) -> bool:
    """Whether a statement guesses or judges anywhere in its own words (not in a relative clause)."""
    return any(
        t.dep_ == "aux" and t.lower_ in SPECULATIVE and not any(a.dep_ == "relcl" for a in between(t, clause))
        for t in clause.subtree
    )


def assesses_impact(clause: Token) -> bool:
    """Whether a statement judges an impact: "did not expect the rules to have a material
    effect on its outlook", "the impact on its operations was controllable"."""
    return any(
        t.lemma_.lower() in IMPACT_NOUNS and t.dep_ in {"nsubj", "nsubjpass", "dobj"}
        for part in (clause, *clause.conjuncts)
        for t in clause_tokens(part)
    )


def aside(token: Token, clause: Token) -> bool:
    """Whether a word of a statement is in an aside about something else: a relative clause
    ("citing Anthropic, which plans to use 1 million TPUs") or a result ("..., sending its
    shares down 11%")."""
    return any(
        a.dep_ == "relcl" or (a.dep_ in {"advcl", "acl"} and a.tag_ == "VBG") for a in between(token, clause)
    )


class ArticleReading(ArgumentReader):
    """One article as the claim rules read it: its names and context (ArticleContext), the
    arguments of its verbs (ArgumentReader) and, here, the sources of its clauses and the
    claims sources make. Every rule (claim_rules.py) is a function of a reading and a sentence."""

    def reporters(self, s: SentenceView) -> list[tuple[Source, str, Token, Token]]:
        """Reporting verbs with a clause: (source, relation, clause head, reporting word)."""
        found: list[tuple[Source, str, Token, Token]] = []
        for token in s.span:
            if token.pos_ not in {"VERB", "AUX"}:
                continue
            relation, _ = self.relation(token)
            if relation not in REPORTING | {"projects"}:
                continue
            # "X had hoped ..., analysts said, after Nvidia signalled that ...": a verb under
            # "after" opens a clause of its own; what comes before its "after" is not its statement.
            opening = min((c.i for c in token.children if c.dep_ == "mark"), default=-1)
            clause = next((c for c in token.children if c.dep_ in {"ccomp", "xcomp"} and c.i > opening), None)
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
            if clause is not None and unasserted(clause):
                continue  # "did not say whether ...", "declined to say which ...": nothing stated
            if clause is None and relation in {"projects", "estimates"}:
                # "forecast revenue of about $11 billion": the figure is in the object.
                objects = [c for c in token.children if c.dep_ == "dobj"]
                clause = next((c for c in objects if self._holds_figure(s, c)), None)
            source = self.source(s, token, relation)
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
        found: list[tuple[Token, str, Token]] = []
        for token in s.span:
            if token.pos_ != "NOUN" or token.i == 0:
                continue
            if not token.lower_.endswith("s") and not self._after_analysts_at(s, token):
                continue  # "analysts at Bernstein project that ...": the plural form, after "at"
            relation = self.vocabulary.for_verb(token.lower_.removesuffix("s")) or self.vocabulary.for_verb(
                token.lemma_
            )
            after = token.nbor() if token.i + 1 < len(token.doc) else None
            if (
                relation is not None
                and relation in REPORTING | {"projects"}
                and after is not None
                and after.lower_ == "that"
                and after.dep_ == "mark"
                and token.i - 1 in s.entity_at
            ):
                found.append((token, relation, after.head))
        return found

    @staticmethod
    def _after_analysts_at(s: SentenceView, token: Token) -> bool:
        """Whether the name before the word follows "at", as in "analysts at Bernstein"."""
        entity = s.entity_at.get(token.i - 1)
        first = token.i - 1
        while first - 1 in s.entity_at and s.entity_at[first - 1] == entity:
            first -= 1
        return entity is not None and first > s.span.start and token.doc[first - 1].lower_ == "at"

    def reporting_claims(
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
        time = self.valid_time(s, clause)
        own = clause_tokens(clause)
        hedged = any(is_hedged(t) for t in own if t.pos_ in {"VERB", "AUX"})
        figures = sorted(
            {
                s.figure_at[t.i]
                for t in own
                if t.i in s.figure_at and not self._part_of(s, t, covered) and not aside(t, clause)
            }
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
                    valid_time=self.figures[f].period or time,
                )
                for f in figures
            ]
        if relation == "projects" and not figures:
            # "did not expect the rules to change its outlook": no forecast of a figure. An
            # estimate stays one ("estimated that the decision could put a low single-digit
            # percentage of its revenue at risk").
            relation = "says"
        said = self._what_is_said(s, source, relation, clause, verb, has_inner_claims)
        if said is None:
            return []
        relation, stance, statement = said
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

    def _what_is_said(
        self,
        s: SentenceView,
        source: Source,
        relation: str,
        clause: Token,
        verb: Token,
        has_inner_claims: bool,
    ) -> tuple[str, str, str] | None:
        """The relation, stance and text of a statement the source makes, or None when the
        sentence gives no statement of its own (a self-report, a guess, an opinion, figures)."""
        stance = source.stance
        if relation == "says":
            subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS | {"nsubjpass", "expl"}]
            if not subjects or subjects[0].lower_ in {"which", "that", "who"}:
                # "a card that it said was compliant", "which it said had improved ...": the
                # statement's subject is outside it.
                return None
            denied = [c for c in clause.children if c.dep_ == "acomp" and c.lemma_.lower() in DENIALS]
            if clause.lemma_ == "be" and denied and subjects[0].pos_ in {"NOUN", "PROPN"}:
                # "said reports of new orders were inaccurate" denies the reports.
                relation, stance = "denies", "denies"
                clause = subjects[0]
            elif {source.entity, self._speaks_for(s, verb)} & set(
                self.entities(s, subjects[0], resolve_anaphora=True)
            ) and not assesses_impact(clause):
                # "DeepSeek said it had built ...", "chief executive Jensen Huang said Nvidia
                # had filed ...": a self-report; what it reports is the claim. How events touch
                # it is its statement ("did not expect a material effect on its results").
                return None
        if has_inner_claims and relation not in {"warns", "denies"}:
            return None
        if relation == "says" and speculates(clause):
            # "said the sell-off was overdone and that buyers would keep buying", "said DeepSeek
            # should be a wake-up call": a guess or an opinion, no statement of fact.
            return None
        if relation == "says" and self._reports_figures(s, clause):
            return None  # "said revenue rose 46% to $11.32 billion": the figures are the news
        statement = noun_phrase(clause) if clause.pos_ in {"NOUN", "PROPN"} else clause_text(clause)
        if relation == "says" and looks_ahead(clause) and not assesses_impact(clause):
            relation = "projects"  # "said spending will rise in 2025": a forecast, not an impact judged
        return (relation, stance, statement) if statement else None

    @staticmethod
    def _holds_figure(s: SentenceView, noun: Token) -> bool:
        """Whether a noun phrase gives a figure of its own: "revenue of $11 billion"."""
        own = [t for t in noun.subtree if not any(a.dep_ in CLAUSE_DEPS for a in between(t, noun))]
        return any(t.i in s.figure_at for t in own)

    def _speaks_for(self, s: SentenceView, verb: Token) -> str | None:
        """The company an executive speaker talks for: the one named with the title ("Nvidia
        chief executive Jensen Huang"), else the article's main company ("Chief executive
        Jensen Huang said"); later in the article the name alone will do ("..., Huang said")."""
        for subject in (c for c in verb.children if c.dep_ in SUBJECT_DEPS):
            phrase = [subject, *subject.children, *(g for c in subject.children for g in c.children)]
            people = [
                s.entity_at[t.i] for t in phrase if t.i in s.entity_at and self.is_person(s.entity_at[t.i])
            ]
            if not any(t.lemma_.lower() in EXECUTIVE_TITLES for t in phrase):
                known = [self.so_far.executives[p] for p in people if p in self.so_far.executives]
                if known:
                    return known[0]
                continue
            companies = [s.entity_at[t.i] for t in phrase if self.is_company(s.entity_at.get(t.i))]
            company = companies[0] if companies else self.main_company
            if company is not None:
                self.so_far.executives.update((p, company) for p in people)
            return company
        return None

    def denied(self, verb: Token) -> bool:
        """Whether a verb's clause is what a source denies: "denied that it had signed a deal
        with X", "denied a media report that it had signed ..." report no deal."""
        for head in verb.ancestors:
            relation, _ = self.relation(head) if head.pos_ in {"VERB", "AUX"} else (None, "")
            if relation == "denies":
                top = next(t for t in [verb, *verb.ancestors] if t.head.i == head.i)
                return top.dep_ in {"ccomp", "dobj"}
        return False

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

    def attribution(self, s: SentenceView, verb: Token) -> Source | None:
        """The source of a clause: a reporting verb above it, or one beside it."""
        if verb.i in self.so_far.sources_in_clause:
            return self.so_far.sources_in_clause[verb.i]
        current = verb
        # Through coordinated and adverbial clauses too: "said that X ... and that Y",
        # "said it could take charges after restrictions were imposed".
        while current.dep_ in {"ccomp", "xcomp", "conj", "advcl"} and current.head.i != current.i:
            head = current.head
            relation, _ = self.relation(head)
            if relation in REPORTING and current.dep_ in {"ccomp", "xcomp"}:
                return self.source(s, head, relation)
            current = head
        for child in verb.children:
            if child.dep_ in {"parataxis", "ccomp"}:
                relation, _ = self.relation(child)
                if relation in REPORTING and not any(c.dep_ == "ccomp" for c in child.children):
                    return self.source(s, child, relation)
        return None

    def source(self, s: SentenceView, verb: Token, relation: str | None) -> Source | None:
        stance = "denies" if relation == "denies" else "asserts"
        if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
            return None  # "X is expected to ...": a hedge on X's act, nobody's statement
        # "Bernstein said AMD's business remained small, estimating that ...": the parser hangs
        # the participle on the statement; the estimate is still the speaker's.
        participle = verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.dep_ == "ccomp"
        reported = participle and self.relation(verb.head.head)[0] in REPORTING
        speaker = verb.head.head if reported else verb
        for subject in self.subject_tokens(speaker):
            # A chip says nothing: "its Trainium2 chip was available ... and announced" lost
            # its real subject to the parse.
            named = self.entities(s, subject, resolve_anaphora=True)
            entities = [e for e in named if not self.is_product(e)]
            subject = self.relative_head(subject)
            if entities:
                return Source(entities[0], None, verb.lemma_, stance)
            if is_generic_source(subject):
                return Source(None, noun_phrase(subject).lower(), verb.lemma_, stance)
        return None

    def trailing_source(self, s: SentenceView) -> Source | None:
        """ "..., analysts at Morgan Stanley estimate." when the parser lost the clause.

        A reporting word ends the sentence after a comma, with a named or generic source
        between; its words are then no argument of the sentence's verbs.
        """
        words = [t for t in s.span if not (t.is_punct or t.is_space)]
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
        self.so_far.ignored.update(t.i for t in phrase)
        self.so_far.ignored.add(last.i)
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

    def according_to(self, s: SentenceView) -> Source | None:
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


def looks_ahead(clause: Token) -> bool:
    """Whether a statement forecasts: "spending will rise", "demand was likely to remain
    elevated", "(that) he expected a gradual recovery". Not "did not expect X to change":
    ruling an effect out is a statement of the present."""
    words = [clause, *(c for c in clause.children if c.dep_ in {"xcomp", "acomp", "conj"})]
    for word in words:
        if any(c.dep_ == "neg" for c in word.children):
            continue
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in word.children):
            return True
        if word.lemma_.lower() in EXPECTING and word.tag_ != "VBN":
            return True
        if any(c.dep_ == "acomp" and c.lemma_.lower() in EXPECTING for c in word.children):
            return True
    return False
