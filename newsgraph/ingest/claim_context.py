"""What one article tells the claim extractor about its names, and whom words refer to.

ArticleContext holds the article's state (the classes of its entities, its main product
and company, who last did which regulatory act, which tokens name what) and answers the
questions every claim pattern asks of it: which relation a verb or role noun expresses,
what class an entity is, who the subject of a verb is when the verb has none of its own
("Huawei is expected to produce ..."), and whom "it", "they" or "the company" stand for.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.core.ontology import ancestors
from newsgraph.core.relations import Vocabulary
from newsgraph.core.text import name_key, singular
from newsgraph.core.types import DateMention, Entity, Figure, Mention
from newsgraph.ingest.claim_syntax import (
    SentenceView,
    Source,
    between,
    in_main_clause,
    in_subject,
    index_tokens,
    leads_to_thing,
    main_product,
    most_mentioned,
    national_governments,
    verb_phrase,
    verb_stems,
)
from newsgraph.ingest.claim_words import (
    CLAUSE_DEPS,
    EFFORTS,
    GOVERNMENT_ANAPHORS,
    ORG_ANAPHORS,
    PERSON_ANAPHORS,
    REGULATORY,
    REPORTING,
    SUBJECT_DEPS,
)


def capital_countries(entities: Sequence[Entity], capitals: dict[str, str]) -> dict[str, str]:
    """Capitals the article names, each to its country when the article names it too."""
    keys = {name_key(city): name_key(country) for city, country in capitals.items()}
    cities = [e for e in entities if "Place" in ancestors(e.type) and "Country" not in ancestors(e.type)]
    countries = {name_key(n): e.id for e in entities if e not in cities for n in (e.label, *e.aliases)}
    found: dict[str, str] = {}
    for entity in cities:
        country = countries.get(keys.get(name_key(entity.label), ""))
        if country is not None:
            found[entity.id] = country
    return found


ANY_ACT = "*"  # the key of the article's latest regulatory actor of any act, in `ReadSoFar.actors`


@dataclass
class ReadSoFar:
    """What the sentences read so far have established, for the sentences after them: the
    only part of an article's reading that changes as it is read."""

    # regulatory relation -> the government that last did it (ANY_ACT: any of them)
    actors: dict[str, str] = field(default_factory=dict)
    last_government: str | None = None  # the latest government subject of a sentence
    executives: dict[str, str] = field(default_factory=dict)  # person -> the company they spoke for
    owned: set[tuple[str | None, str]] = field(default_factory=set)  # (maker, product) read off possessives
    # Possessions read in passing ("its H20 chips"), which make no claim of their own.
    owned_quietly: set[tuple[str | None, str]] = field(default_factory=set)
    ignored: set[int] = field(default_factory=set)  # tokens that name a source, not an argument
    sources_in_clause: dict[int, Source] = field(default_factory=dict)  # this sentence's: token -> source


class ArticleContext:
    """One article's names and context, and the reference of its subjects and anaphors."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        countries: Sequence[Entity],
        doc: Doc,
        sentences: list[SentenceView],
        mentions: Sequence[Mention],
        entities: Iterable[Entity],
        figures: Sequence[Figure],
        dates: Sequence[DateMention],
    ) -> None:
        """Index one article's mentions: what it names, and how, is fixed from here on; only
        `so_far` changes as its sentences are read."""
        self.vocabulary = vocabulary
        entities = list(entities)
        types = {e.id: e.type for e in entities}
        self.types = types
        # Known countries, for governments whose country the article names only by its
        # adjective ("the Dutch government" with no "Netherlands" in the text).
        self.country_ids = {name_key(c.label): c.id for c in countries}
        unnamed = [c for c in countries if c.id not in types]
        self.nation_of = national_governments([*entities, *unnamed])
        implied = set(self.nation_of.values())
        # Countries an adjective names even where the article does not ("the Dutch rules").
        demonym_countries = {name_key(country) for country in vocabulary.demonyms.values()}
        types.update(
            (c.id, c.type) for c in unnamed if c.id in implied or name_key(c.label) in demonym_countries
        )
        self.capital_of = capital_countries(entities, vocabulary.capitals)
        self.country_named = {
            name_key(n): e.id for e in entities if e.type == "Country" for n in (e.label, *e.aliases)
        }
        self.figures = {f.index: f for f in figures}
        self._topic = main_product(mentions, types)
        self.main_company = most_mentioned(mentions, types, "Company")
        index_tokens(doc, sentences, mentions, figures, dates)
        self._entity_at_token = {i: e for sentence in sentences for i, e in sentence.entity_at.items()}
        self.all_mentions = sorted(
            (token_index, entity)
            for sentence in sentences
            for token_index, entity in sentence.entity_at.items()
        )
        self.so_far = ReadSoFar()

    def relation(self, verb: Token) -> tuple[str | None, str]:
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

    def role(self, noun: Token) -> str | None:
        """The relation a role noun names; capitalized "Buyers" may escape the lemmatizer."""
        roles = self.vocabulary.roles
        return roles.get(noun.lemma_.lower()) or roles.get(singular(noun.lower_))

    def context_actor(self, s: SentenceView, relation: str, verb: Token | None = None) -> str | None:
        """Who does a regulatory act the sentence leaves agentless ("X was barred in 2023").

        A government named as a modifier in the verb's own phrase or before it in the
        sentence ("designed to meet U.S. export rules but was barred"), else the latest
        actor of the same act in the article; else nobody. A government named after the
        act ("... has gained customers in China's market") has no part in it.
        """
        if relation not in REGULATORY:
            return None
        own = {t.i for t in verb.subtree} if verb is not None else set()
        candidates = sorted(s.entity_at.items(), key=lambda item: item[0] not in own)
        for i, entity in candidates:
            token = s.span.doc[i]
            modifier = token.dep_ in {"compound", "amod", "nmod", "poss"} and token.head.i not in s.entity_at
            placed = verb is None or i in own or i < verb.i
            if modifier and placed and self.is_government(entity):
                return entity
        for i in sorted(own):
            # "added to the U.S. Entity List": the country named inside a list's name owns it.
            if self.types.get(s.entity_at.get(i, "")) == "Policy" and self.country_named.get(
                name_key(s.span.doc[i].text)
            ):
                return self.country_named[name_key(s.span.doc[i].text)]
        # Putting a company on a list is done by whoever the article has regulating, whatever its act.
        return self.so_far.actors.get(relation) or (
            self.so_far.actors.get(ANY_ACT) if relation == "sanctions" else None
        )

    def is_product(self, entity: str | None) -> bool:
        return entity is not None and "Product" in ancestors(self.types.get(entity, "Entity"))

    def is_technology(self, entity: str) -> bool:
        return "Technology" in ancestors(self.types.get(entity, "Entity"))

    def is_place(self, entity: str | None) -> bool:
        return entity is not None and "Place" in ancestors(self.types.get(entity, "Entity"))

    def is_person(self, entity: str) -> bool:
        return "Person" in ancestors(self.types.get(entity, "Entity"))

    def is_company(self, entity: str | None) -> bool:
        return entity is not None and "Organization" in ancestors(self.types.get(entity, "Entity"))

    def is_government(self, entity: str) -> bool:
        return bool({"GovernmentBody", "Country"} & set(ancestors(self.types.get(entity, "Entity"))))

    def subject_tokens(self, verb: Token) -> list[Token]:
        """The verb's subject, inherited from the governing verb or noun when it has none."""
        current: Token | None = verb
        for _ in range(4):
            assert current is not None
            found = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
            if len(found) > 1:
                # "SEOUL, July 24 — SK Hynix reported ...": two subjects is a misparse, as of a
                # dateline; the one nearest the verb is its own.
                at = current.i
                found = [min(found, key=lambda c: abs(at - c.i))]
            if found:
                return found  # a relative pronoun is resolved by _entities, to its noun alone
            if current.dep_ == "xcomp" and current.head.i != current.i:
                # "push companies to reduce ...": the governing verb's object does it;
                # "Huawei is expected to produce ...": a raised passive subject does.
                controller = [c for c in current.head.children if c.dep_ in {"dobj", "nsubjpass"}]
                if controller:
                    return [self.relative_head(t) for t in controller]
            if current.dep_ == "advcl" and self.relation(current.head)[0] in {"approves", "eases"}:
                # "granted Nvidia licences to sell the H20": the licensee would sell.
                permits = [c for c in current.head.children if c.dep_ in {"dative", "dobj"}]
                named = [c for p in permits for c in p.children if c.dep_ == "compound"]
                grantees = [c for c in permits if c.dep_ == "dative"] + [
                    c for c in named if c.i in self._entity_at_token
                ]
                if grantees and any(c.lower_ == "to" and c.dep_ == "aux" for c in current.children):
                    return grantees[:1]
            if current.dep_ in {"xcomp", "advcl"} and self.relation(current.head)[0] == "depends_on":
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
                # "U.S. efforts to limit China's ability": whoever makes the effort acts.
                if noun.lemma_.lower() in EFFORTS:
                    entity_at = self._entity_at_token
                    owners += [c for c in noun.children if c.dep_ == "compound" and c.i in entity_at]
                if owners:
                    return owners
                if current.dep_ == "acl" and noun.pos_ == "PROPN":
                    return [noun]
                holder = noun.head.head if noun.dep_ == "pobj" else noun.head
                grantees = [c for c in holder.children if c.dep_ == "dative"]
                if current.dep_ == "acl" and noun.dep_ == "dobj" and grantees:
                    return grantees  # "granted Nvidia licences to sell": Nvidia would sell
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
    def relative_head(token: Token) -> Token:
        """ "which", "that", "who" stand for the noun their clause describes."""
        if token.lower_ in {"which", "that", "who"}:
            clause = token.head
            if clause.dep_ == "relcl":
                # "Annapurna Labs, an Israeli start-up that Amazon bought": the named one.
                return clause.head.head if clause.head.dep_ == "appos" else clause.head
        return token

    def default_target(self, relation: str) -> str | None:
        """The article's subject a role noun with no target is about."""
        if relation in {"competes_with", "partners_with"}:
            return self.main_company
        if relation in {"buys", "supplies", "dominates"}:
            return self._topic
        return None

    def anaphor(self, token: Token, exclude: str | None = None) -> str | None:
        """ "it", "the company", "he": the latest entity of a fitting class before it.

        `exclude` is an entity the word cannot stand for ("X was its largest buyer").
        """
        word = token.lower_
        if word in PERSON_ANAPHORS or word == "it":
            # "The ministry said it would ...": the pronoun is whoever says so, named or not.
            speaker = self._speaker(token)
            if speaker is not None:
                return self._entity_at_token.get(speaker.i) or self.anaphor(speaker)
        if word == "its":
            # "AMD said it could take charges after restrictions on its MI308 chip": "its" is
            # the "it" of the clause it sits in, where that "it" is a speaker and no company
            # is named in between ("summoned representatives of Nvidia to explain whether its").
            for verb in token.ancestors:
                subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                speaker = self._speaker(subject) if subject is not None and subject.lower_ == "it" else None
                if speaker is None or speaker.dep_ not in {"nsubj", "nsubjpass"} or subject is None:
                    continue
                named = [self._entity_at_token.get(i) for i in range(subject.i + 1, token.i)]
                if not any(self.is_company(e) for e in named):
                    return self._entity_at_token.get(speaker.i) or self.anaphor(speaker, exclude)
                break
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
        fitting = [
            (index, entity)
            for index, entity in self.all_mentions
            if index < token.i
            and entity != exclude
            and wanted & set(ancestors(self.types.get(entity, "Entity")))
        ]
        if word in ORG_ANAPHORS - {"it"}:
            # "the company" is no ministry: a government is "the ministry", "the government".
            fitting = [(i, e) for i, e in fitting if not self.is_government(e)]
        if word in ORG_ANAPHORS | {"its"}:
            # "the company", "it", "its" are the one the text is about: the latest subject, not the
            # latest name ("Nvidia said ... produced by TSMC. The company also introduced").
            subjects = [(i, e) for i, e in fitting if in_subject(token.doc[i])]
            if subjects:
                # Of one sentence's subjects, the main clause's is what the text is about:
                # "Lam said China accounted for 48% of its revenue. It forecast ...".
                start = token.doc[subjects[-1][0]].sent.start
                main = [e for i, e in subjects if i >= start and in_main_clause(token.doc[i])]
                return main[-1] if main else subjects[-1][1]
        return fitting[-1][1] if fitting else None

    def _speaker(self, pronoun: Token) -> Token | None:
        """The subject of the reporting verb whose clause a subject pronoun opens, if any;
        the one it tells, when it tells someone."""
        if pronoun.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        clause = pronoun.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp" or self.relation(clause.head)[0] not in REPORTING:
            return None
        told = [c for c in clause.head.children if c.dep_ in {"dobj", "dative"} and c.i < clause.i]
        if told:
            # "told large technology companies that they may use ...": the ones told, not the teller.
            return told[0]
        subjects = self.subject_tokens(clause.head)
        if not subjects or subjects[0].lower_ in {"it", "he", "she", "they"}:
            return None  # a pronoun for a pronoun: the usual search does as well
        subject = self.relative_head(subjects[0])
        if subject.i in self._entity_at_token:
            return subject
        owners = [c for c in subject.children if c.dep_ == "poss" and c.i in self._entity_at_token]
        return owners[0] if owners else subject

    def valid_time(self, s: SentenceView, verb: Token) -> str | None:
        """The date the verb's own clause gives, else the sentence's only date."""
        for token in verb.subtree:
            if token.i in s.date_at and not any(a.dep_ in CLAUSE_DEPS for a in between(token, verb)):
                return s.date_at[token.i]
        values = set(s.date_at.values())
        return values.pop() if len(values) == 1 else None
