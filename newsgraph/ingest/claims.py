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

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from newsgraph.core.ontology import ancestors
from newsgraph.core.text import singular
from newsgraph.core.types import Claim, DateMention, Entity, Figure, Mention
from newsgraph.ingest.relations import GENERIC_RELATION, Vocabulary

T = TypeVar("T")

REPORTING = {"says", "estimates", "projects", "warns", "denies"}
HEDGES = {"could", "may", "might", "would"}
HEDGING_VERBS = {"expect", "plan", "aim", "seek", "hope", "intend", "likely"}
# Nouns after which "according to" names the kind of source rather than the source.
SOURCE_NOUNS = {
    "estimate",
    "data",
    "figure",
    "calculation",
    "forecast",
    "research",
    "analysis",
    "report",
    "document",
}
GENERIC_SOURCES = {
    "analyst",
    "official",
    "people",
    "person",
    "source",
    "executive",
    "expert",
    "investor",
    "lawmaker",
    "regulator",
    "observer",
    "insider",
    "trader",
    "economist",
    "authority",
}
# Words that stand for an organization already named: resolved to the latest one.
ORG_ANAPHORS = {"it", "company", "firm", "group", "chipmaker", "maker", "designer", "giant"}
PERSON_ANAPHORS = {"he", "she"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "xcomp"}
SUBJECT_DEPS = {"nsubj", "csubj"}
OBJECT_DEPS = {"dobj", "attr", "oprd", "dative", "acomp"}
TEMPORAL_PREPS = {"since", "during", "until", "before", "after", "despite", "amid", "as"}
MEMBER_PREPS = {"including", "like", "among"}
# Relations whose object is often a plain phrase: "dominates the market", "lags in bandwidth".
LITERAL_RELATIONS = {"dominates", "lags_behind", "depends_on"}
_ANAPHORIC_STARTS = {"the", "its", "their", "his", "her", "this", "these", "those", "that", "such", "some"}
# Prepositions through which a noun leads to what it is about: "sales of", "curbs on".
OBJECT_PREPS = {"of", "on", "against", "over", "including", "like"}
# Relations whose object usually comes after a preposition ("invest in", "rely on").
PREPOSITIONAL = {"depends_on", "competes_with", "partners_with", "invests_in", "lags_behind"}
COPULAS = {"be", "include", "comprise", "remain", "become"}
MAX_LITERAL_WORDS = 12


@dataclass
class _Sentence:
    """Token-level views of one sentence's mentions, figures and dates."""

    span: Span
    index: int
    entity_at: dict[int, str] = field(default_factory=dict)
    figure_at: dict[int, int] = field(default_factory=dict)
    date_at: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Object:
    token: int  # the token it was found at
    entity: str | None = None
    figure: int | None = None
    literal: str | None = None


@dataclass(frozen=True)
class _Source:
    entity: str | None
    generic: str | None
    verb: str
    stance: str


class ClaimExtractor:
    """Extracts claims from one parsed article at a time."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary

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
        types = {e.id: e.type for e in entities}
        self._types = types
        self._figures = {f.index: f for f in figures}
        self._topic = _main_product(mentions, types)
        sentences = [_Sentence(span, index) for index, span in sentence_spans]
        _index_tokens(doc, sentences, mentions, figures, dates)
        self._all_mentions = sorted(
            (token_index, entity)
            for sentence in sentences
            for token_index, entity in sentence.entity_at.items()
        )
        claims: list[Claim] = []
        for sentence in sentences:
            claims.extend(self._sentence_claims(sentence))
        return _dedupe(claims)

    # ------------------------------------------------------------------ per sentence

    def _sentence_claims(self, s: _Sentence) -> list[Claim]:
        according = self._according_to(s)
        reporters = self._reporters(s)
        self._sources_in_clause = {
            token.i: source for source, _, clause, _ in reporters for token in _own_clause(clause)
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
                        valid_time=self._figures[figure].period or _first(s.date_at.values()),
                    )
                )
        return claims

    def _reporters(self, s: _Sentence) -> list[tuple[_Source, str, Token, Token]]:
        """Reporting verbs with a clause: (source, relation, clause head, reporting word)."""
        found: list[tuple[_Source, str, Token, Token]] = []
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
            found.append(
                (_Source(s.entity_at[noun.i - 1], None, noun.lower_, stance), relation, clause, noun)
            )
        return found

    def _verb_claims(self, s: _Sentence, verb: Token, according: _Source | None) -> list[Claim]:
        relation, phrase = self._relation(verb)
        if relation in REPORTING:
            return []  # a reporting verb's claim comes from its clause: see _reporting_claims
        subjects, objects, role = self._arguments(s, verb)
        event_relation = None if (role or relation) else self._event_noun_relation(verb)
        relation = role or relation or event_relation
        if event_relation:
            # "placed orders for the H20": the relation is the noun's, so is the object.
            objects = [o for o in objects if o.literal is None]
        if relation not in LITERAL_RELATIONS:
            objects = [o for o in objects if o.literal is None or _informative(o.literal)]
        source = self._attribution(s, verb) or according
        hedged = _hedged(verb)
        negated = _negated(verb)
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
                        self._refine(relation, obj, hedged),
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

    def _event_noun_relation(self, verb: Token) -> str | None:
        """A light verb takes its relation from its object: "placed orders", "imposed curbs"."""
        for child in verb.children:
            if child.dep_ in OBJECT_DEPS | {"nsubjpass"}:
                relation = self.vocabulary.nouns.get(child.lemma_.lower())
                if relation:
                    return relation
        return None

    def _refine(self, relation: str, obj: _Object, hedged: bool) -> str:
        """Buying a company is acquiring it; a hedged figure is a projection."""
        if relation in {"buys", "acquires"} and obj.entity:
            cls = self._types.get(obj.entity, "")
            return "acquires" if "Organization" in ancestors(cls) else "buys"
        if obj.figure is not None and hedged and relation not in REPORTING:
            return "projects"
        return relation

    def _reporting_claims(
        self,
        s: _Sentence,
        source: _Source,
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
        own = _own_clause(clause)
        hedged = any(_hedged(t) for t in own if t.pos_ in {"VERB", "AUX"})
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
                    _verb_phrase(verb),
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
        statement = _clause_text(clause)
        if not statement:
            return []
        return [
            Claim(
                s.index,
                source.entity,
                relation,
                _verb_phrase(verb),
                object_literal=statement,
                stance=source.stance,
                negated=any(c.dep_ == "neg" for c in verb.children),
                hedged=hedged,
                valid_time=time,
            )
        ]

    # ------------------------------------------------------------------ arguments

    def _role(self, noun: Token) -> str | None:
        """The relation a role noun names; capitalized "Buyers" may escape the lemmatizer."""
        roles = self.vocabulary.roles
        return roles.get(noun.lemma_.lower()) or roles.get(singular(noun.lower_))

    def _relation(self, verb: Token) -> tuple[str | None, str]:
        """The relation a verb expresses, trying "lemma particle" and "lemma prep" first."""
        lemma = verb.lemma_.lower()
        phrase = _verb_phrase(verb)
        for child in verb.children:
            # A particle always belongs to the verb; a preposition only right after it
            # ("rely on X", not "take a charge on Tuesday").
            if child.dep_ == "prt" or (child.dep_ == "prep" and child.i == verb.i + 1):
                found = self.vocabulary.for_verb(f"{lemma} {child.lower_}")
                if found:
                    return found, phrase
        return self.vocabulary.for_verb(lemma), phrase

    def _arguments(self, s: _Sentence, verb: Token) -> tuple[list[str | None], list[_Object], str | None]:
        """Subjects and objects of a verb, and the relation a role noun gives, if any.

        A passive without an agent ("the H20 was banned in April") keeps its object
        and has an unknown subject (None): the fact is stated, the actor is not.
        """
        passive_subject = [c for c in verb.children if c.dep_ == "nsubjpass"]
        agents = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        if passive_subject or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            # "X was dominated by Y" / "technologies dominated by Y": Y acts on X.
            undergoers = [self._relative_head(t) for t in passive_subject] or [verb.head]
            acted_on = [o for t in undergoers for o in self._objects(s, t)]
            actors: list[str | None] = [e for a in agents for e in self._entities(s, a)]
            if not agents and any(o.entity for o in acted_on) and passive_subject:
                actors = [None]
            return actors, [o for o in acted_on if o.entity or agents], None

        subject_tokens = self._subject_tokens(verb)
        # "Buyers include X, Y and Z": the role noun is the relation, X Y Z the subjects.
        if verb.lemma_ in COPULAS:
            for token in subject_tokens:
                role = self._role(token)
                if role and token.i not in s.entity_at:
                    members = [o for c in verb.children if c.dep_ in OBJECT_DEPS for o in self._objects(s, c)]
                    target = self._role_target(s, token)
                    return [m.entity for m in members if m.entity], [target] if target else [], role

        subjects = [e for t in subject_tokens for e in self._entities(s, t, resolve_anaphora=True)]
        if not subject_tokens and verb.dep_ in {"ROOT", "conj"}:
            subjects = self._entity_just_before(s, verb)
        objects: list[_Object] = []
        for child in verb.children:
            if child.dep_ in OBJECT_DEPS:
                objects.extend(self._objects(s, child))
        relation, _ = self._relation(verb)
        if not objects or relation in PREPOSITIONAL:
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ not in TEMPORAL_PREPS:
                    for pobj in (c for c in child.children if c.dep_ == "pobj"):
                        if pobj.i not in s.date_at:
                            objects.extend(self._objects(s, pobj))
        return list(subjects), objects, None

    def _subject_tokens(self, verb: Token) -> list[Token]:
        """The verb's subject, inherited from the governing verb or noun when it has none."""
        current: Token | None = verb
        for _ in range(4):
            assert current is not None
            found = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
            if found:
                return [self._relative_head(t) for t in found]
            if current.dep_ in {"xcomp", "conj", "advcl"} and current.head.i != current.i:
                current = current.head
                continue
            if current.dep_ in {"acl", "relcl"}:
                noun = current.head
                owners = [c for c in noun.children if c.dep_ == "poss"]
                return owners or ([noun] if current.dep_ == "acl" and noun.pos_ == "PROPN" else [])
            return []
        return []

    @staticmethod
    def _entity_just_before(s: _Sentence, verb: Token) -> list[str]:
        """A subject the parser lost: "the Commerce Department last month blocked ..."."""
        i = verb.i - 1
        while i >= s.span.start and (
            i in s.date_at or verb.doc[i].pos_ in {"ADV", "AUX", "PART"} or verb.doc[i].dep_ == "neg"
        ):
            i -= 1
        return [s.entity_at[i]] if i >= s.span.start and i in s.entity_at else []

    @staticmethod
    def _relative_head(token: Token) -> Token:
        """ "which", "that", "who" stand for the noun their clause describes."""
        if token.lower_ in {"which", "that", "who"}:
            clause = token.head
            if clause.dep_ == "relcl":
                return clause.head
        return token

    def _entities(self, s: _Sentence, token: Token, resolve_anaphora: bool = False) -> list[str]:
        """Entities a noun phrase names: itself, its list members, or its appositive."""
        found = self._members(s, token)
        if found:
            return found
        if resolve_anaphora:
            anaphor = self._anaphor(token)
            if anaphor:
                return [anaphor]
        # "Nvidia's chips ..." : the owner stands in for what it owns.
        owners = [c for c in token.children if c.dep_ == "poss" and c.i in s.entity_at]
        return [s.entity_at[o.i] for o in owners]

    def _members(self, s: _Sentence, token: Token) -> list[str]:
        """The entity a token is, with its conjuncts; else those its appositive or list names."""
        if token.i in s.entity_at:
            named = [token, *token.conjuncts]
            found = [s.entity_at[t.i] for t in named if t.i in s.entity_at]
            return _dedupe(found + self._listed_with(s, token))
        results: list[str] = []
        for child in token.children:
            if child.dep_ == "appos":
                results.extend(self._members(s, child))
            elif child.dep_ == "prep" and (child.lower_ in MEMBER_PREPS or _such_as(child)):
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    results.extend(self._members(s, pobj))
            elif child.dep_ == "conj" and child.i in s.entity_at:
                results.append(s.entity_at[child.i])
            elif (
                child.dep_ == "prep" and child.lower_ in {"at", "from", "with"} and _is_generic_source(token)
            ):
                # "analysts at Bernstein": the firm is the source.
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    results.extend(self._members(s, pobj))
        return _dedupe(results)

    def _listed_with(self, s: _Sentence, token: Token) -> list[str]:
        """Entities in the same written list as the token's ("A, B and C"), of a related class.

        The parser often misattaches coordinated multi-word names; the commas and "and"
        in the text do not lie.
        """
        entity = s.entity_at[token.i]
        family = ancestors(self._types.get(entity, "Entity"))[-1]
        members: list[str] = []
        for step in (1, -1):
            i = token.i
            while i in s.entity_at and s.entity_at[i] == entity:  # to the edge of this name
                i += step
            while True:
                j = i
                while j in range(s.span.start, s.span.end) and s.span.doc[j].lower_ in {",", "and", "or"}:
                    j += step
                if j == i or j not in s.entity_at:
                    break
                other = s.entity_at[j]
                if ancestors(self._types.get(other, "Entity"))[-1] != family:
                    break
                members.append(other)
                i = j
                while i in s.entity_at and s.entity_at[i] == other:
                    i += step
        return members

    def _objects(self, s: _Sentence, token: Token) -> list[_Object]:
        """What a verb's object names: entities, figures, or else the phrase itself."""
        direct = self._reach(s, token, depth=0)
        if direct:
            return direct
        if token.pos_ in {"NOUN", "PROPN"} and token.i not in s.date_at:
            return [_Object(token.i, literal=_phrase(token))]
        return []

    def _reach(self, s: _Sentence, token: Token, depth: int) -> list[_Object]:
        """Entities and figures in a noun phrase, through "of", "on", lists and appositives."""
        if token.i in s.entity_at or token.i in s.figure_at:
            items = [_item(s, token)]
            for conj in token.conjuncts:
                if conj.i in s.entity_at or conj.i in s.figure_at:
                    items.append(_item(s, conj))
            if token.i in s.entity_at:
                items.extend(_Object(token.i, entity=e) for e in self._listed_with(s, token))
            return _dedupe(items)
        if depth >= 3:
            return []
        found: list[_Object] = []
        for child in token.children:
            if child.dep_ in CLAUSE_DEPS or child.i in s.date_at:
                continue
            if child.dep_ == "prep" and child.lower_ not in OBJECT_PREPS and not _such_as(child):
                continue  # "chips for China": China is not what the chips are
            if child.dep_ in {"prep", "pobj", "conj", "appos", "compound", "nmod", "nummod"}:
                found.extend(self._reach(s, child, depth + 1))
        return _dedupe(found)

    def _role_target(self, s: _Sentence, role: Token) -> _Object | None:
        """What a role noun is a role of: "buyers of the H20", else the article's product."""
        for child in role.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "for", "to"}:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    reached = self._reach(s, pobj, depth=0)
                    if reached:
                        return reached[0]
            if child.dep_ == "poss" and child.i in s.entity_at:
                return _Object(child.i, entity=s.entity_at[child.i])
        return _Object(role.i, entity=self._topic) if self._topic else None

    def _appositive_claims(self, s: _Sentence) -> list[Claim]:
        """ "X, a rival of Y, ..." and "X is a supplier of Y": the role noun is the relation."""
        claims: list[Claim] = []
        for token in s.span:
            holder: Token | None = None
            if token.dep_ == "appos" and token.head.i in s.entity_at:
                holder = token.head
            elif token.dep_ in {"attr", "acomp"} and token.head.lemma_ == "be":
                subjects = [c for c in token.head.children if c.dep_ == "nsubj" and c.i in s.entity_at]
                holder = subjects[0] if subjects else None
            if holder is None:
                continue
            relation = self._role(token)
            if relation is None:
                continue
            targets = [
                o
                for child in token.children
                if child.dep_ == "prep" and child.lower_ in {"of", "to", "for", "in"}
                for pobj in child.children
                if pobj.dep_ == "pobj"
                for o in self._objects(s, pobj)
            ]
            for target in targets:
                if target.entity != s.entity_at[holder.i]:
                    claims.append(
                        Claim(
                            s.index,
                            s.entity_at[holder.i],
                            relation,
                            token.lemma_,
                            object_entity=target.entity,
                            object_figure=target.figure,
                            object_literal=target.literal,
                        )
                    )
        return claims

    def _possessive_claims(self, s: _Sentence) -> list[Claim]:
        """ "Google's TPU", "Huawei's Ascend 910C": an organization's product is its own."""
        claims = []
        for token in s.span:
            product = s.entity_at.get(token.i)
            if product is None or "Product" not in ancestors(self._types.get(product, "Entity")):
                continue
            for owner in (c for c in token.children if c.dep_ == "poss"):
                maker = s.entity_at.get(owner.i) or self._anaphor(owner)
                if maker and "Organization" in ancestors(self._types.get(maker, "Entity")):
                    claims.append(
                        Claim(
                            s.index, maker, "develops", owner.text + " " + token.text, object_entity=product
                        )
                    )
        return claims

    # ------------------------------------------------------------------ context

    def _anaphor(self, token: Token) -> str | None:
        """ "it", "the company", "he": the latest entity of a fitting class before it."""
        word = token.lower_
        if word in PERSON_ANAPHORS:
            wanted = {"Person"}
        elif word in {"it", "its"}:
            wanted = {"Organization", "Country"}
        elif word in ORG_ANAPHORS and any(c.lower_ == "the" for c in token.children):
            wanted = {"Organization"}
        else:
            return None
        for index, entity in reversed(self._all_mentions):
            if index < token.i and wanted & set(ancestors(self._types.get(entity, "Entity"))):
                return entity
        return None

    def _reporting_nouns(self, s: _Sentence) -> list[tuple[Token, str, Token]]:
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

    def _attribution(self, s: _Sentence, verb: Token) -> _Source | None:
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

    def _source(self, s: _Sentence, verb: Token, relation: str | None) -> _Source | None:
        stance = "denies" if relation == "denies" else "asserts"
        for subject in self._subject_tokens(verb):
            entities = self._entities(s, subject, resolve_anaphora=True)
            if entities:
                return _Source(entities[0], None, verb.lemma_, stance)
            if _is_generic_source(subject):
                return _Source(None, _phrase(subject).lower(), verb.lemma_, stance)
        return None

    def _according_to(self, s: _Sentence) -> _Source | None:
        """ "according to Bernstein", "according to estimates by TrendForce", "... people familiar"."""
        for token in s.span:
            if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
                phrase = list(token.nbor().subtree)[1:]
                for word in phrase:
                    if word.i in s.entity_at:
                        return _Source(s.entity_at[word.i], None, "according to", "asserts")
                for word in phrase:
                    if _is_generic_source(word) or (
                        word.dep_ == "pobj" and word.lemma_.lower() not in SOURCE_NOUNS
                    ):
                        return _Source(None, _phrase(word).lower(), "according to", "asserts")
        return None

    def _valid_time(self, s: _Sentence, verb: Token) -> str | None:
        """The date the verb's own clause gives, else the sentence's only date."""
        for token in verb.subtree:
            if token.i in s.date_at and not any(a.dep_ in CLAUSE_DEPS for a in _between(token, verb)):
                return s.date_at[token.i]
        values = set(s.date_at.values())
        return values.pop() if len(values) == 1 else None


# ---------------------------------------------------------------------- helpers


def _index_tokens(
    doc: Doc,
    sentences: list[_Sentence],
    mentions: Sequence[Mention],
    figures: Sequence[Figure],
    dates: Sequence[DateMention],
) -> None:
    by_index = {s.index: s for s in sentences}

    def tokens(start: int, end: int) -> Iterable[Token]:
        span = doc.char_span(start, end, alignment_mode="expand")
        return span if span is not None else []

    for m in mentions:
        if m.sentence in by_index:
            for t in tokens(m.start, m.end):
                by_index[m.sentence].entity_at[t.i] = m.entity_id
    for f in figures:
        if f.sentence in by_index:
            for t in tokens(f.start, f.end):
                by_index[f.sentence].figure_at.setdefault(t.i, f.index)
    for d in dates:
        if d.sentence in by_index:
            for t in tokens(d.start, d.end):
                by_index[d.sentence].date_at[t.i] = d.value


def _informative(literal: str) -> bool:
    """A phrase worth keeping as an object: not a bare noun, not "the processor"."""
    words = literal.split()
    return len(words) >= 2 and words[0].lower() not in _ANAPHORIC_STARTS


def _own_clause(clause: Token) -> list[Token]:
    """The clause's tokens, without clauses nested in it that have their own subject."""
    tokens = [clause]
    for child in clause.children:
        nested = child.dep_ in {"relcl", "parataxis"} or (
            child.dep_ in {"conj", "advcl", "acl"} and any(c.dep_ in SUBJECT_DEPS for c in child.children)
        )
        if not nested:
            tokens.extend(_own_clause(child) if child.pos_ in {"VERB", "AUX"} else child.subtree)
    return sorted(tokens, key=lambda t: t.i)


def _main_product(mentions: Sequence[Mention], types: dict[str, str]) -> str | None:
    """The article's main product: its most mentioned chip, chip family or product."""
    counts = Counter(
        m.entity_id for m in mentions if "Product" in ancestors(types.get(m.entity_id, "Entity"))
    )
    return counts.most_common(1)[0][0] if counts else None


def _item(s: _Sentence, token: Token) -> _Object:
    if token.i in s.entity_at:
        return _Object(token.i, entity=s.entity_at[token.i])
    return _Object(token.i, figure=s.figure_at[token.i])


def _is_generic_source(token: Token) -> bool:
    return token.lemma_.lower() in GENERIC_SOURCES


def _such_as(prep: Token) -> bool:
    return prep.lower_ == "as" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such"


def _negated(verb: Token) -> bool:
    """ "did not buy", "never bought", "sold no chips"."""
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ == "never":
            return True
        if child.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in child.children):
            return True
    return False


def _hedged(verb: Token) -> bool:
    """Could, may, might, would; or "expected to", "plans to"."""
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in HEDGES for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in HEDGING_VERBS


def _verb_phrase(verb: Token) -> str:
    """The verb as written with its auxiliaries, negation and particle: "had not ordered"."""
    parts = [c for c in verb.children if c.dep_ in {"aux", "auxpass", "neg", "prt"}] + [verb]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def _phrase(token: Token) -> str:
    """A noun's phrase without relative clauses, capped in length."""
    words = [t for t in token.subtree if not any(a.dep_ in {"relcl", "acl"} for a in _between(t, token))]
    text = " ".join(t.text for t in words[:MAX_LITERAL_WORDS])
    return text.strip(" ,.;:")


def _clause_text(clause: Token) -> str:
    words = [t for t in clause.subtree if t.dep_ != "mark"]
    text = " ".join(t.text for t in words).strip(" ,.;:")
    return " ".join(text.split()[: MAX_LITERAL_WORDS * 2])


def _between(token: Token, ancestor: Token) -> list[Token]:
    """Tokens on the path from token up to (not including) ancestor."""
    path = []
    current = token
    while current.i != ancestor.i and current.head.i != current.i:
        path.append(current)
        current = current.head
    return path


def _first(values: Iterable[str]) -> str | None:
    return next(iter(values), None)


def _dedupe(items: list[T]) -> list[T]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))
