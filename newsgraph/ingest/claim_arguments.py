"""Arguments of a claim from the dependency parse: subjects, objects, and whom they name.

ArgumentReader reads a verb's subjects and objects through passives, lists,
appositives, "such as" and "of" phrases, and anaphors ("it", "the company"), on top of
what the article's context knows (see claim_context). The claim patterns and
attribution build on it.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from newsgraph.core.ontology import ancestors
from newsgraph.ingest.claim_context import ArticleContext
from newsgraph.ingest.claim_syntax import (
    Argument,
    SentenceView,
    agent_nouns,
    argument_head,
    dedupe,
    is_generic_source,
    item,
    phrase_members,
    such_as,
)
from newsgraph.ingest.claim_words import (
    CLAUSE_DEPS,
    COPULAS,
    CORE_DEPS,
    CURRENCIES,
    MEMBER_PREPS,
    NUMERIC_ENTS,
    OBJECT_DEPS,
    OBJECT_PREPS,
    PARTITIVES,
    PREPOSITIONAL,
    PRODUCT_ANAPHORS,
    RELATION_PREPS,
    REPORTING,
    ROLE_FROM_HOLDER,
    SPOKESPEOPLE,
    STATIVE,
    SUBJECT_DEPS,
    TEMPORAL_PREPS,
)

# A verb's subjects (entity ids; None for an actor the text leaves out), its objects, and the
# relation a role noun gives it ("buyers include X"), if any.
Arguments = tuple[list[str | None], list[Argument], str | None]


class ArgumentReader(ArticleContext):
    """Finds the entities, figures and phrases a verb's arguments name, in one article."""

    def arguments(self, s: SentenceView, verb: Token) -> Arguments:
        """Subjects and objects of a verb, and the relation a role noun gives, if any.

        A passive without an agent ("the H20 was banned in April") keeps its object
        and has an unknown subject (None): the fact is stated, the actor is not.
        """
        passive = self._passive_arguments(s, verb)
        if passive is not None:
            return passive
        subject_tokens = self.subject_tokens(verb)
        described = self._misread_participle(verb)
        if described is not None:
            subject_tokens = [described]
        # "Buyers include X, Y and Z": the role noun is the relation, X Y Z the subjects.
        if verb.lemma_ in COPULAS:
            for token in subject_tokens:
                named = self._named_by_role(s, verb, token)
                if named is not None:
                    return named
        subjects = [e for t in subject_tokens for e in self.entities(s, t, resolve_anaphora=True)]
        if not subject_tokens and verb.dep_ in {"ROOT", "conj"}:
            subjects = self._entity_just_before(s, verb)
        counted = self._counted_as(s, verb, subject_tokens)
        if counted is not None:
            members, relation = counted
            return list(subjects), members, relation
        return list(subjects), self._verb_objects(s, verb), None

    def _passive_arguments(self, s: SentenceView, verb: Token) -> Arguments | None:
        """A passive's (or a participle's) actors and what they act on; None for an active verb."""
        passive_subject = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not passive_subject and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children):
            # "The H800 was designed by Nvidia ... but was barred from sale": shared subject.
            passive_subject = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        if not passive_subject and verb.tag_ == "VBN" and verb.head.lemma_.lower() in STATIVE:
            # "processors, which remain barred from China": a state that is a passive.
            passive_subject = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
        agents = agent_nouns(verb)
        # "technologies dominated by Y" is passive; "reports that X had used Y" is not.
        describes = (
            verb.dep_ == "acl"
            and verb.tag_ == "VBN"
            and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        )
        relied_on = self._relied_on(s, verb) if passive_subject and not agents else []
        if relied_on:
            # "DeepSeek's models were trained on Nvidia's H800 chips": the subject relies on them.
            users = [e for t in passive_subject for e in self.entities(s, t, resolve_anaphora=True)]
            return list(users), relied_on, None
        used_in = self._used_in(s, verb) if (passive_subject or describes) and not agents else []
        if used_in:
            # "HBM3 is used in Nvidia's H20", "HBM3E, the memory used in the H200": the H20 relies
            # on it (the thing used, or the name its appositive renames).
            thing = verb.head.head if verb.head.dep_ == "appos" else verb.head
            used = [o for t in passive_subject or [thing] for o in self.objects(s, self.relative_head(t))]
            return used_in, [o for o in used if o.entity], None
        if passive_subject or describes:
            # "X was dominated by Y" / "technologies dominated by Y": Y acts on X.
            undergoers = [self.relative_head(t) for t in passive_subject] or [verb.head]
            acted_on = [o for t in undergoers for o in self.objects(s, t)]
            actors: list[str | None] = [e for a in agents for e in self.entities(s, a)]
            if not agents and any(o.entity for o in acted_on) and passive_subject:
                relation, _ = self.relation(verb)
                actors = [self.context_actor(s, relation, verb) if relation else None]
            return actors, [o for o in acted_on if o.entity or agents], None
        return None

    def _named_by_role(self, s: SentenceView, verb: Token, token: Token) -> Arguments | None:
        """ "Buyers include X and Y", "the companies added to the list include X": the members,
        with the role noun's or the participle's relation; None if the subject is neither."""
        role = self.role(token)
        if role and token.i not in s.entity_at:
            members = [o for c in verb.children if c.dep_ in OBJECT_DEPS for o in self.objects(s, c)]
            target = self._role_target(s, token)
            return [m.entity for m in members if m.entity], [target] if target else [], role
        acted = self._participle_relation(token)
        if acted is not None and token.i not in s.entity_at:
            # "The companies added to the list include X and Y": X and Y were added.
            participle, relation = acted
            members = [o for c in verb.children if c.dep_ in OBJECT_DEPS for o in self.objects(s, c)]
            named_agents: list[str | None] = [
                e
                for a in participle.children
                if a.dep_ == "agent"
                for p in a.children
                for e in self.entities(s, p)
            ]
            doers = named_agents or [self.context_actor(s, relation)]
            return doers, [m for m in members if m.entity], relation
        return None

    def _verb_objects(self, s: SentenceView, verb: Token) -> list[Argument]:
        """An active verb's objects: direct ones, and those its prepositions lead to."""
        objects: list[Argument] = []
        relation, _ = self.relation(verb)
        own_preps = RELATION_PREPS.get(relation or "")
        if own_preps is not None:
            # "turned to Google": the preposition of the verb's own phrase leads to the party too.
            lemma = verb.lemma_.lower()
            phrased = {
                c.lower_
                for c in verb.children
                if c.dep_ == "prep" and self.vocabulary.for_verb(f"{lemma} {c.lower_}") == relation
            }
            own_preps = own_preps | phrased
        for child in verb.children:
            # "supplies Ascend chips to X" with "Ascend" misread as a verb: a name is no verb.
            if child.dep_ in OBJECT_DEPS or (child.dep_ in {"xcomp", "ccomp"} and child.i in s.entity_at):
                # "rare earth magnets, which China had restricted": the noun is the object.
                child = self.relative_head(child)
                found = self.objects(s, child)
                # "buy chips from Samsung": the parser may hang the party on the object.
                parties = [
                    o
                    for prep in child.children
                    if prep.dep_ == "prep" and own_preps and prep.lower_ in own_preps
                    for pobj in prep.children
                    if pobj.dep_ == "pobj"
                    for o in self.reach(s, pobj, depth=0)
                    if o.entity
                ]
                parties = [replace(o, party=True) for o in parties]
                objects.extend([o for o in found if o.literal is None] if parties else found)
                objects.extend(parties)
        has_direct = bool(objects)
        # "serve customers in China": unnamed customers in a place are that market.
        customers = (
            relation == "supplies"
            and has_direct
            and all(o.literal is not None and self.role(s.span.doc[o.token]) == "buys" for o in objects)
        )
        for child in verb.children:
            if child.dep_ != "prep" or child.lower_ in TEMPORAL_PREPS:
                continue
            if own_preps is not None and (relation in PREPOSITIONAL or not has_direct):
                # "relies on X for its workloads": X only; "allowed to sell in China": nobody.
                wanted = child.lower_ in own_preps
            else:
                wanted = not has_direct or relation in PREPOSITIONAL
            if has_direct and (child.lower_ in MEMBER_PREPS or such_as(child)):
                # "unveiled a roadmap on Thursday, including the Ascend 950": the parser hangs
                # the object's members on the verb.
                wanted = True
            # "supplies chips to Nvidia", "buys chips from Samsung": the other party too.
            party = has_direct and own_preps is not None and child.lower_ in own_preps
            for pobj in (c for c in child.children if c.dep_ == "pobj" and c.i not in s.date_at):
                if wanted:
                    objects.extend(self.objects(s, pobj))
                elif party:
                    objects.extend(replace(o, party=True) for o in self.objects(s, pobj) if o.entity)
                elif customers and child.lower_ == "in":
                    objects.extend(
                        replace(o, party=True) for o in self.objects(s, pobj) if self.is_place(o.entity)
                    )
        return objects

    def _used_in(self, s: SentenceView, verb: Token) -> list[str | None]:
        """The named products something is used in: "used in the H200 and Blackwell processors"."""
        if verb.lemma_.lower() != "use":
            return []
        return [
            o.entity
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ == "in"
            for p in prep.children
            if p.dep_ == "pobj"
            for o in self.objects(s, p)
            if self.is_product(o.entity)
        ]

    def _relied_on(self, s: SentenceView, verb: Token) -> list[Argument]:
        """What a passive of reliance rests on: "were trained on Nvidia's H800 chips", "is
        built on Arm's designs" (the verb and its preposition name the reliance)."""
        found: list[Argument] = []
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            if self.vocabulary.for_verb(f"{verb.lemma_.lower()} {prep.lower_}") != "depends_on":
                continue
            found.extend(o for p in prep.children if p.dep_ == "pobj" for o in self.objects(s, p) if o.entity)
        return found

    def _counted_as(
        self, s: SentenceView, verb: Token, subject_tokens: list[Token]
    ) -> tuple[list[Argument], str] | None:
        """ "Micron counts Nvidia among its customers", "names X as its partner".

        The objects hold a role towards the subject; the claim is read from the subject's
        side: its customers are whom it supplies, its rivals whom it competes with.
        """
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"among", "as"}):
            for role_noun in (c for c in prep.children if c.dep_ == "pobj" and c.i not in s.entity_at):
                relation = ROLE_FROM_HOLDER.get(self.role(role_noun) or "")
                owners = [c for c in role_noun.children if c.dep_ == "poss"]
                if relation is None or not owners or owners[0].lower_ not in {"its", "their"}:
                    continue
                members = [
                    o for c in verb.children if c.dep_ == "dobj" for o in self.objects(s, c) if o.entity
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
            relation, _ = self.relation(participle)
            if relation is not None and relation not in REPORTING:
                return participle, relation
        return None

    def entities(self, s: SentenceView, token: Token, resolve_anaphora: bool = False) -> list[str]:
        """Entities a noun phrase names: itself, its list members, or its appositive."""
        antecedent = self.relative_head(token)
        if antecedent.i != token.i:
            # "ByteDance, Alibaba and Tencent, which have bought ...": the parser hangs the
            # clause on the list's first member, but it follows the last and is about all.
            whole_list = (
                antecedent.dep_ != "conj"
                and bool(antecedent.conjuncts)
                and all(c.i < token.i for c in antecedent.conjuncts)
            )
            if whole_list and _singular(token.head):
                # "... include Nikon, Screen and Lasertec, which makes ...": the last alone.
                antecedent, whole_list = max(antecedent.conjuncts, key=lambda c: c.i), False
            # "X and Y, as well as Z, which owns W": the clause is about Z alone.
            if antecedent.i in s.entity_at and not whole_list:
                return [s.entity_at[antecedent.i]]
            token = antecedent
        found = self.members(s, token)
        if found:
            return found
        if resolve_anaphora and token.lower_ in {"they", "we"}:
            # "Microsoft, Meta and Oracle said they would use the chip": all three.
            speaker = self._speaker(token)
            return self.entities(s, speaker) if speaker is not None and speaker.i != token.i else []
        if resolve_anaphora:
            anaphor = self.anaphor(token)
            if anaphor:
                return [anaphor]
        if token.lemma_.lower() in SPOKESPEOPLE:
            return self._represented(s, token)
        # "Nvidia's chips ..." : the owner stands in for what it owns; not for whom it
        # deals with or employs ("Nvidia's partners would use ...", "Nvidia's analysts").
        if self.role(token) or is_generic_source(token):
            return []
        owners = [c for c in token.children if c.dep_ == "poss" and c.i in s.entity_at]
        return [s.entity_at[o.i] for o in owners]

    def _represented(self, s: SentenceView, spokesperson: Token) -> list[str]:
        """Whom a spokesperson speaks for: "an Nvidia spokesperson", "a spokesman for Micron"."""
        named = [c for c in spokesperson.children if c.dep_ in {"compound", "nmod", "poss"}]
        named += [
            p
            for c in spokesperson.children
            if c.dep_ == "prep" and c.lower_ in {"for", "at", "of"}
            for p in c.children
            if p.dep_ == "pobj"
        ]
        return [s.entity_at[t.i] for t in named if self.is_company(s.entity_at.get(t.i))][:1]

    def members(self, s: SentenceView, token: Token) -> list[str]:
        """The entity a token is, with its conjuncts; else those its appositive or list names."""
        if token.i in s.entity_at:
            named = [token, *token.conjuncts]
            found = [s.entity_at[t.i] for t in named if t.i in s.entity_at]
            return dedupe(found + self._listed_with(s, token))
        # "its H20 processor", "the Ascend chips": a common head noun after a product name.
        for child in token.children:
            if child.dep_ in {"compound", "nmod"} and child.i in s.entity_at:
                entity = s.entity_at[child.i]
                if "Product" in ancestors(self.types.get(entity, "Entity")):
                    return [entity]
        results: list[str] = []
        for child in token.children:
            if child.dep_ == "appos":
                results.extend(self.members(s, child))
            elif child.dep_ == "prep" and (child.lower_ in MEMBER_PREPS or such_as(child)):
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    results.extend(self.members(s, pobj))
            elif child.dep_ == "conj" and child.i in s.entity_at:
                results.append(s.entity_at[child.i])
            elif child.dep_ == "prep" and child.lower_ in {"at", "from", "with"} and is_generic_source(token):
                # "analysts at Bernstein": the firm is the source.
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    results.extend(self.members(s, pobj))
        return dedupe(results)

    def _listed_with(self, s: SentenceView, token: Token) -> list[str]:
        """Entities in the same written list as the token's ("A, B and C"), of a related class.

        The parser often misattaches coordinated multi-word names; the commas and "and"
        in the text do not lie.
        """
        entity = s.entity_at[token.i]
        family = ancestors(self.types.get(entity, "Entity"))[-1]
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
                if ancestors(self.types.get(other, "Entity"))[-1] != family:
                    break
                members.append(other)
                i = j
                while i in s.entity_at and s.entity_at[i] == other:
                    i += step
        return members

    def objects(self, s: SentenceView, token: Token) -> list[Argument]:
        """What a verb's object names: entities, figures, or else the phrase itself."""
        if token.i in self.so_far.ignored:
            return []  # the words of a source, see ArticleReading.trailing_source
        direct = self.reach(s, token, depth=0)
        # "$9 billion on imported equipment", after "spent": what the amount went on.
        amount_preps = {"of", "on"} if token.head.lemma_.lower() == "spend" else {"of"}
        of_objects = [
            pobj
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ in amount_preps
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
        # "bought hundreds of thousands of the chips": what is counted is the chip named before.
        counted = [
            Argument(token.i, entity=product)
            for pobj in of_objects
            if (product := self._product_anaphor(pobj)) is not None
        ]
        if direct and all(o.figure is not None for o in direct) and not counted:
            # "buy about $30 billion of wafer fabrication equipment": the amount, and what it buys.
            counted = [
                Argument(pobj.i, literal=phrase)
                for pobj in of_objects
                if pobj.pos_ == "NOUN" and pobj.i not in s.figure_at
                for phrase in phrase_members(pobj)
            ]
        if direct or counted:
            return dedupe(direct + counted)
        if token.lower_ in PARTITIVES and token.pos_ in {"PRON", "DET", "NUM"} and of_objects:
            # "helps design some of Amazon's custom chips": what it is some of.
            return [o for pobj in of_objects for o in self.objects(s, pobj)]
        product = self._product_anaphor(token)
        if product is not None:
            return [Argument(token.i, entity=product)]
        # "may need several months", "fined it 242 million euros": amounts are no objects.
        if (
            token.pos_ in {"NOUN", "PROPN"}
            and token.i not in s.date_at
            and token.ent_type_ not in NUMERIC_ENTS
            and token.lemma_.lower() not in CURRENCIES
        ):
            return [Argument(token.i, literal=phrase) for phrase in phrase_members(token)]
        return []

    def _product_anaphor(self, token: Token) -> str | None:
        """ "said they would use the chip": the product the article last named."""
        # "the chip", also with a clause after it: "The chip, made by SMIC, ...".
        children = [c for c in token.children if c.dep_ not in CLAUSE_DEPS and not c.is_punct]
        if token.lemma_.lower() not in PRODUCT_ANAPHORS or [c.lower_ for c in children] != ["the"]:
            return None
        named = [(i, e) for i, e in self.all_mentions if i < token.i and self.is_product(e)]
        # "launched its Gaudi 3, which it said was faster than Nvidia's H100. The chip ...": the
        # product the text was about, a subject or an object, not one it was compared with.
        core = [e for i, e in named if argument_head(token.doc[i]).dep_ in CORE_DEPS]
        return core[-1] if core else named[-1][1] if named else None

    def reach(self, s: SentenceView, token: Token, depth: int) -> list[Argument]:
        """Entities and figures in a noun phrase, through "of", "on", lists and appositives."""
        if token.i in s.entity_at or token.i in s.figure_at:
            items = [item(s, token)]
            for conj in token.conjuncts:
                if conj.i in s.entity_at or conj.i in s.figure_at:
                    items.append(item(s, conj))
            if token.i in s.entity_at:
                items.extend(Argument(token.i, entity=e) for e in self._listed_with(s, token))
            elif depth < 3:
                # "about 2,000 of Nvidia's H800 chips": the count, and what is counted;
                # "140 companies, including Naura": the count, and the members named.
                counted = {"of", *MEMBER_PREPS}
                for prep in (
                    c for c in token.children if c.dep_ == "prep" and (c.lower_ in counted or such_as(c))
                ):
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        items.extend(o for o in self.reach(s, pobj, depth + 1) if o.entity)
            return dedupe(items)
        if depth >= 3:
            return []
        found: list[Argument] = []
        for child in token.children:
            if child.dep_ in CLAUSE_DEPS or child.i in s.date_at:
                continue
            if child.dep_ == "prep" and child.lower_ not in OBJECT_PREPS and not such_as(child):
                continue  # "chips for China": China is not what the chips are
            if child.dep_ in {"compound", "nmod", "amod"} and self.is_place(s.entity_at.get(child.i)):
                continue  # "16 U.S. entities", "Chinese goods": where things are from, not what they are
            # "its A800 and H800 chips": the parser may take a name before its noun for an adjective.
            named_amod = child.dep_ == "amod" and child.i in s.entity_at
            if child.dep_ in {"prep", "pobj", "conj", "appos", "compound", "nmod", "nummod"} or named_amod:
                reached = self.reach(s, child, depth + 1)
                if child.dep_ in {"compound", "nmod", "amod"} and token.pos_ == "NOUN":
                    # "Nvidia chips": the maker stands for its goods; buying them is no takeover.
                    reached = [replace(o, party=True) if self.is_company(o.entity) else o for o in reached]
                found.extend(reached)
        return dedupe(found)

    def _role_target(self, s: SentenceView, role: Token) -> Argument | None:
        """What a role noun is a role of: "buyers of the H20", else the article's product."""
        for child in role.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "for", "to"}:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    reached = self.reach(s, pobj, depth=0)
                    if reached:
                        return reached[0]
            if child.dep_ == "poss" and child.i in s.entity_at:
                return Argument(child.i, entity=s.entity_at[child.i])
        # "Other equipment makers that could be affected include Nikon": makers of nothing named.
        default = self.default_target(self.role(role) or "")
        return Argument(role.i, entity=default) if default else None


def _singular(verb: Token) -> bool:
    """Whether a verb agrees with one subject: "makes", "has bought", "is"."""
    return verb.tag_ == "VBZ" or any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBZ" for c in verb.children)
