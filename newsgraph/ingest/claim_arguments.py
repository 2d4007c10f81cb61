"""Arguments of a claim from the dependency parse: subjects, objects, and whom they name.

ArgumentReader holds what one article tells about its names (their classes, its main
product and company, who last did which regulatory act) and reads a verb's subjects
and objects through passives, lists, appositives, "such as" and "of" phrases, and
anaphors ("it", "the company"). The claim patterns and attribution build on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsgraph.core.ontology import ancestors
from newsgraph.core.text import singular
from newsgraph.core.types import DateMention, Entity, Figure, Mention
from newsgraph.ingest.claim_syntax import (
    CLAUSE_DEPS,
    COPULAS,
    CURRENCIES,
    GOVERNMENT_ANAPHORS,
    MEMBER_PREPS,
    NUMERIC_ENTS,
    OBJECT_DEPS,
    OBJECT_PREPS,
    ORG_ANAPHORS,
    PERSON_ANAPHORS,
    PREPOSITIONAL,
    REGULATORY,
    RELATION_PREPS,
    REPORTING,
    ROLE_FROM_HOLDER,
    SUBJECT_DEPS,
    TEMPORAL_PREPS,
    Argument,
    SentenceView,
    Source,
    between,
    dedupe,
    index_tokens,
    is_generic_source,
    item,
    leads_to_thing,
    main_product,
    most_mentioned,
    noun_phrase,
    such_as,
    verb_phrase,
    verb_stems,
)
from newsgraph.ingest.relations import Vocabulary


class ArgumentReader:
    """Finds the entities, figures and phrases a verb's arguments name, in one article."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary

    def start_article(
        self,
        doc: Doc,
        sentences: list[SentenceView],
        mentions: Sequence[Mention],
        entities: Iterable[Entity],
        figures: Sequence[Figure],
        dates: Sequence[DateMention],
    ) -> None:
        """Index one article's mentions and reset what is known about its context."""
        types = {e.id: e.type for e in entities}
        self._types = types
        self._figures = {f.index: f for f in figures}
        self._topic = main_product(mentions, types)
        self._main_company = most_mentioned(mentions, types, "Company")
        self._owned: set[tuple[str | None, str]] = set()
        self._possessives: set[int] = set()  # ids of develops claims read off a possessive
        self._ignored: set[int] = set()  # tokens that name a source, not an argument
        self._actors: dict[str, str] = {}  # regulatory relation -> its latest government actor
        self._sources_in_clause: dict[int, Source] = {}
        index_tokens(doc, sentences, mentions, figures, dates)
        self._entity_at_token = {i: e for sentence in sentences for i, e in sentence.entity_at.items()}
        self._all_mentions = sorted(
            (token_index, entity)
            for sentence in sentences
            for token_index, entity in sentence.entity_at.items()
        )

    def _relation(self, verb: Token) -> tuple[str | None, str]:
        """The relation a verb expresses, trying "lemma particle" and "lemma prep" first."""
        lemma = verb.lemma_.lower()
        phrase = verb_phrase(verb)
        # The parser may hang "to the Entity List" of "added 140 entities to the Entity
        # List" on the object rather than on the verb.
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        for child in [*verb.children, *(p for o in objects for p in o.children if p.dep_ == "prep")]:
            # A particle always belongs to the verb; a preposition right after it, or
            # after its object when it leads to no date ("added X to the Entity List",
            # not "took a charge on Tuesday").
            if child.dep_ == "prt" or (child.dep_ == "prep" and leads_to_thing(child, verb)):
                found = self.vocabulary.for_verb(f"{lemma} {child.lower_}")
                if found:
                    return found, phrase
        found = self.vocabulary.for_verb(lemma)
        if found is None and verb.pos_ == "VERB":
            # The lemmatizer slips on some forms ("fined" -> "fin"): try the plain stems.
            found = next(filter(None, map(self.vocabulary.for_verb, verb_stems(verb.lower_))), None)
        return found, phrase

    def _role(self, noun: Token) -> str | None:
        """The relation a role noun names; capitalized "Buyers" may escape the lemmatizer."""
        roles = self.vocabulary.roles
        return roles.get(noun.lemma_.lower()) or roles.get(singular(noun.lower_))

    def _arguments(self, s: SentenceView, verb: Token) -> tuple[list[str | None], list[Argument], str | None]:
        """Subjects and objects of a verb, and the relation a role noun gives, if any.

        A passive without an agent ("the H20 was banned in April") keeps its object
        and has an unknown subject (None): the fact is stated, the actor is not.
        """
        passive_subject = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not passive_subject and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children):
            # "The H800 was designed by Nvidia ... but was barred from sale": shared subject.
            passive_subject = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        agents = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        if passive_subject or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            # "X was dominated by Y" / "technologies dominated by Y": Y acts on X.
            undergoers = [self._relative_head(t) for t in passive_subject] or [verb.head]
            acted_on = [o for t in undergoers for o in self._objects(s, t)]
            actors: list[str | None] = [e for a in agents for e in self._entities(s, a)]
            if not agents and any(o.entity for o in acted_on) and passive_subject:
                relation, _ = self._relation(verb)
                actors = [self._context_actor(s, relation) if relation else None]
            return actors, [o for o in acted_on if o.entity or agents], None

        subject_tokens = self._subject_tokens(verb)
        described = self._misread_participle(verb)
        if described is not None:
            subject_tokens = [described]
        # "Buyers include X, Y and Z": the role noun is the relation, X Y Z the subjects.
        if verb.lemma_ in COPULAS:
            for token in subject_tokens:
                role = self._role(token)
                if role and token.i not in s.entity_at:
                    members = [o for c in verb.children if c.dep_ in OBJECT_DEPS for o in self._objects(s, c)]
                    target = self._role_target(s, token)
                    return [m.entity for m in members if m.entity], [target] if target else [], role
                acted = self._participle_relation(token)
                if acted is not None and token.i not in s.entity_at:
                    # "The companies added to the list include X and Y": X and Y were added.
                    participle, relation = acted
                    members = [o for c in verb.children if c.dep_ in OBJECT_DEPS for o in self._objects(s, c)]
                    named_agents: list[str | None] = [
                        e
                        for a in participle.children
                        if a.dep_ == "agent"
                        for p in a.children
                        for e in self._entities(s, p)
                    ]
                    doers = named_agents or [self._context_actor(s, relation)]
                    return doers, [m for m in members if m.entity], relation

        subjects = [e for t in subject_tokens for e in self._entities(s, t, resolve_anaphora=True)]
        if not subject_tokens and verb.dep_ in {"ROOT", "conj"}:
            subjects = self._entity_just_before(s, verb)
        counted = self._counted_as(s, verb, subject_tokens)
        if counted is not None:
            members, relation = counted
            return list(subjects), members, relation
        objects: list[Argument] = []
        relation, _ = self._relation(verb)
        own_preps = RELATION_PREPS.get(relation or "")
        for child in verb.children:
            # "supplies Ascend chips to X" with "Ascend" misread as a verb: a name is no verb.
            if child.dep_ in OBJECT_DEPS or (child.dep_ in {"xcomp", "ccomp"} and child.i in s.entity_at):
                found = self._objects(s, child)
                # "buy chips from Samsung": the parser may hang the party on the object.
                parties = [
                    o
                    for prep in child.children
                    if prep.dep_ == "prep" and own_preps and prep.lower_ in own_preps
                    for pobj in prep.children
                    if pobj.dep_ == "pobj"
                    for o in self._reach(s, pobj, depth=0)
                    if o.entity
                ]
                parties = [replace(o, party=True) for o in parties]
                objects.extend([o for o in found if o.literal is None] if parties else found)
                objects.extend(parties)
        has_direct = bool(objects)
        for child in verb.children:
            if child.dep_ != "prep" or child.lower_ in TEMPORAL_PREPS:
                continue
            if relation in PREPOSITIONAL and own_preps is not None:
                wanted = child.lower_ in own_preps  # "relies on X for its workloads": X only
            else:
                wanted = not has_direct or relation in PREPOSITIONAL
            # "supplies chips to Nvidia", "buys chips from Samsung": the other party too.
            party = has_direct and own_preps is not None and child.lower_ in own_preps
            for pobj in (c for c in child.children if c.dep_ == "pobj" and c.i not in s.date_at):
                if wanted:
                    objects.extend(self._objects(s, pobj))
                elif party:
                    objects.extend(replace(o, party=True) for o in self._objects(s, pobj) if o.entity)
        return list(subjects), objects, None

    def _counted_as(
        self, s: SentenceView, verb: Token, subject_tokens: list[Token]
    ) -> tuple[list[Argument], str] | None:
        """ "Micron counts Nvidia among its customers", "names X as its partner".

        The objects hold a role towards the subject; the claim is read from the subject's
        side: its customers are whom it supplies, its rivals whom it competes with.
        """
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"among", "as"}):
            for role_noun in (c for c in prep.children if c.dep_ == "pobj" and c.i not in s.entity_at):
                relation = ROLE_FROM_HOLDER.get(self._role(role_noun) or "")
                owners = [c for c in role_noun.children if c.dep_ == "poss"]
                if relation is None or not owners or owners[0].lower_ not in {"its", "their"}:
                    continue
                members = [
                    o for c in verb.children if c.dep_ == "dobj" for o in self._objects(s, c) if o.entity
                ]
                if members and subject_tokens:
                    return members, relation
        return None

    @staticmethod
    def _misread_participle(verb: Token) -> Token | None:
        """The noun of "The companies added to the list include X", read as "companies added".

        The parser takes the participle for the main verb and the real verb for its
        clause; a subjectless "include" under a verb that has a subject and no object
        gives it away. Returns the noun the sentence is about.
        """
        head = verb.head
        if verb.dep_ != "ccomp" or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return None
        if head.tag_ in {"VBD", "VBN"} and not any(c.dep_ in OBJECT_DEPS for c in head.children):
            return next((c for c in head.children if c.dep_ == "nsubj" and c.i < head.i), None)
        return None

    def _participle_relation(self, noun: Token) -> tuple[Token, str] | None:
        """A mapped past participle describing a noun: "companies added to the list"."""
        candidates = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        if noun.dep_ == "nsubj" and noun.head.tag_ in {"VBD", "VBN"}:
            candidates.append(noun.head)  # the misread participle, see _misread_participle
        for participle in candidates:
            relation, _ = self._relation(participle)
            if relation is not None and relation not in REPORTING:
                return participle, relation
        return None

    def _context_actor(self, s: SentenceView, relation: str) -> str | None:
        """Who does a regulatory act the sentence leaves agentless ("X was barred in 2023").

        A government named as a modifier in the sentence ("U.S. export rules"), else the
        latest actor of the same act in the article; else nobody.
        """
        if relation not in REGULATORY:
            return None
        for i, entity in s.entity_at.items():
            token = s.span.doc[i]
            modifier = token.dep_ in {"compound", "amod", "nmod", "poss"} and token.head.i not in s.entity_at
            if modifier and self._is_government(entity):
                return entity
        return self._actors.get(relation)

    def _is_company(self, entity: str | None) -> bool:
        return entity is not None and "Organization" in ancestors(self._types.get(entity, "Entity"))

    def _is_government(self, entity: str) -> bool:
        return bool({"GovernmentBody", "Country"} & set(ancestors(self._types.get(entity, "Entity"))))

    def _subject_tokens(self, verb: Token) -> list[Token]:
        """The verb's subject, inherited from the governing verb or noun when it has none."""
        current: Token | None = verb
        for _ in range(4):
            assert current is not None
            found = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
            if found:
                return found  # a relative pronoun is resolved by _entities, to its noun alone
            if current.dep_ == "xcomp" and current.head.i != current.i:
                # "push companies to reduce ...": the governing verb's object does it;
                # "Huawei is expected to produce ...": a raised passive subject does.
                controller = [c for c in current.head.children if c.dep_ in {"dobj", "nsubjpass"}]
                if controller:
                    return [self._relative_head(t) for t in controller]
            if current.dep_ in {"xcomp", "advcl"} and self._relation(current.head)[0] == "depends_on":
                # "relies on SMIC to make its chips": SMIC makes them.
                relied = [
                    p
                    for c in current.head.children
                    if c.dep_ == "prep" and c.lower_ in {"on", "upon"}
                    for p in c.children
                    if p.dep_ == "pobj"
                ]
                if relied and any(c.lower_ == "to" and c.dep_ == "aux" for c in current.children):
                    return relied
            if current.dep_ in {"xcomp", "conj", "advcl", "pcomp"} and current.head.i != current.i:
                child, current = current, current.head
                if current.dep_ == "prep" and current.head.i != current.i:
                    prep, current = current, current.head  # "responded by banning": through it
                    controller = [c for c in current.children if c.dep_ in {"dobj", "nsubjpass"}]
                    if child.dep_ == "pcomp" and prep.lower_ == "from" and controller:
                        return controller  # "blocked ASML from shipping": ASML would ship
                continue
            if current.dep_ in {"acl", "relcl"}:
                noun = current.head
                owners = [c for c in noun.children if c.dep_ == "poss"]
                if owners:
                    return owners
                if current.dep_ == "acl" and noun.pos_ == "PROPN":
                    return [noun]
                holder = noun.head.head if noun.dep_ == "pobj" else noun.head
                if current.dep_ == "acl" and noun.dep_ in {"dobj", "pobj"} and holder.pos_ in {"VERB", "AUX"}:
                    current = holder  # "is in talks to buy", "has plans to build": the talker
                    continue
                return []
            return []
        return []

    @staticmethod
    def _entity_just_before(s: SentenceView, verb: Token) -> list[str]:
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

    def _entities(self, s: SentenceView, token: Token, resolve_anaphora: bool = False) -> list[str]:
        """Entities a noun phrase names: itself, its list members, or its appositive."""
        antecedent = self._relative_head(token)
        if antecedent.i != token.i:
            # "X and Y, as well as Z, which owns W": the clause is about Z alone.
            if antecedent.i in s.entity_at:
                return [s.entity_at[antecedent.i]]
            token = antecedent
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

    def _members(self, s: SentenceView, token: Token) -> list[str]:
        """The entity a token is, with its conjuncts; else those its appositive or list names."""
        if token.i in s.entity_at:
            named = [token, *token.conjuncts]
            found = [s.entity_at[t.i] for t in named if t.i in s.entity_at]
            return dedupe(found + self._listed_with(s, token))
        # "its H20 processor", "the Ascend chips": a common head noun after a product name.
        for child in token.children:
            if child.dep_ in {"compound", "nmod"} and child.i in s.entity_at:
                entity = s.entity_at[child.i]
                if "Product" in ancestors(self._types.get(entity, "Entity")):
                    return [entity]
        results: list[str] = []
        for child in token.children:
            if child.dep_ == "appos":
                results.extend(self._members(s, child))
            elif child.dep_ == "prep" and (child.lower_ in MEMBER_PREPS or such_as(child)):
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    results.extend(self._members(s, pobj))
            elif child.dep_ == "conj" and child.i in s.entity_at:
                results.append(s.entity_at[child.i])
            elif child.dep_ == "prep" and child.lower_ in {"at", "from", "with"} and is_generic_source(token):
                # "analysts at Bernstein": the firm is the source.
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    results.extend(self._members(s, pobj))
        return dedupe(results)

    def _listed_with(self, s: SentenceView, token: Token) -> list[str]:
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

    def _objects(self, s: SentenceView, token: Token) -> list[Argument]:
        """What a verb's object names: entities, figures, or else the phrase itself."""
        if token.i in self._ignored:
            return []  # the words of a source, see Attribution._trailing_source
        direct = self._reach(s, token, depth=0)
        if direct:
            return direct
        # "may need several months", "fined it 242 million euros": amounts are no objects.
        if (
            token.pos_ in {"NOUN", "PROPN"}
            and token.i not in s.date_at
            and token.ent_type_ not in NUMERIC_ENTS
            and token.lemma_.lower() not in CURRENCIES
        ):
            return [Argument(token.i, literal=noun_phrase(token))]
        return []

    def _reach(self, s: SentenceView, token: Token, depth: int) -> list[Argument]:
        """Entities and figures in a noun phrase, through "of", "on", lists and appositives."""
        if token.i in s.entity_at or token.i in s.figure_at:
            items = [item(s, token)]
            for conj in token.conjuncts:
                if conj.i in s.entity_at or conj.i in s.figure_at:
                    items.append(item(s, conj))
            if token.i in s.entity_at:
                items.extend(Argument(token.i, entity=e) for e in self._listed_with(s, token))
            elif depth < 3:
                # "about 2,000 of Nvidia's H800 chips": the count, and what is counted.
                for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        items.extend(o for o in self._reach(s, pobj, depth + 1) if o.entity)
            return dedupe(items)
        if depth >= 3:
            return []
        found: list[Argument] = []
        for child in token.children:
            if child.dep_ in CLAUSE_DEPS or child.i in s.date_at:
                continue
            if child.dep_ == "prep" and child.lower_ not in OBJECT_PREPS and not such_as(child):
                continue  # "chips for China": China is not what the chips are
            if child.dep_ in {"prep", "pobj", "conj", "appos", "compound", "nmod", "nummod"}:
                reached = self._reach(s, child, depth + 1)
                if child.dep_ in {"compound", "nmod"} and token.pos_ == "NOUN":
                    # "Nvidia chips": the maker stands for its goods; buying them is no takeover.
                    reached = [replace(o, party=True) if self._is_company(o.entity) else o for o in reached]
                found.extend(reached)
        return dedupe(found)

    def _role_target(self, s: SentenceView, role: Token) -> Argument | None:
        """What a role noun is a role of: "buyers of the H20", else the article's product."""
        for child in role.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "for", "to"}:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    reached = self._reach(s, pobj, depth=0)
                    if reached:
                        return reached[0]
            if child.dep_ == "poss" and child.i in s.entity_at:
                return Argument(child.i, entity=s.entity_at[child.i])
        return Argument(role.i, entity=self._topic) if self._topic else None

    def _anaphor(self, token: Token, exclude: str | None = None) -> str | None:
        """ "it", "the company", "he": the latest entity of a fitting class before it.

        `exclude` is an entity the word cannot stand for ("X was its largest buyer").
        """
        word = token.lower_
        if word in PERSON_ANAPHORS or word == "it":
            # "The ministry said it would ...": the pronoun is whoever says so, named or not.
            speaker = self._speaker(token)
            if speaker is not None:
                return self._entity_at_token.get(speaker.i) or self._anaphor(speaker)
        if word in PERSON_ANAPHORS:
            wanted = {"Person"}
        elif word in {"it", "its"}:
            wanted = {"Organization", "Country"}
        elif word in ORG_ANAPHORS and any(c.lower_ == "the" for c in token.children):
            wanted = {"Organization"}
        elif word in GOVERNMENT_ANAPHORS and any(c.lower_ == "the" for c in token.children):
            wanted = {"GovernmentBody"}
        else:
            return None
        for index, entity in reversed(self._all_mentions):
            if (
                index < token.i
                and entity != exclude
                and wanted & set(ancestors(self._types.get(entity, "Entity")))
            ):
                return entity
        return None

    def _speaker(self, pronoun: Token) -> Token | None:
        """The subject of the reporting verb whose clause a subject pronoun opens, if any."""
        if pronoun.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        clause = pronoun.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp" or self._relation(clause.head)[0] not in REPORTING:
            return None
        subjects = self._subject_tokens(clause.head)
        if not subjects or subjects[0].lower_ in {"it", "he", "she", "they"}:
            return None  # a pronoun for a pronoun: the usual search does as well
        subject = self._relative_head(subjects[0])
        if subject.i in self._entity_at_token:
            return subject
        owners = [c for c in subject.children if c.dep_ == "poss" and c.i in self._entity_at_token]
        return owners[0] if owners else subject

    def _valid_time(self, s: SentenceView, verb: Token) -> str | None:
        """The date the verb's own clause gives, else the sentence's only date."""
        for token in verb.subtree:
            if token.i in s.date_at and not any(a.dep_ in CLAUSE_DEPS for a in between(token, verb)):
                return s.date_at[token.i]
        values = set(s.date_at.values())
        return values.pop() if len(values) == 1 else None
