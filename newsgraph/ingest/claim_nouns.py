"""Readings of nouns for the claim patterns, pure functions of the parse.

What a preposition's objects are ("controls on chipmaking equipment"), the named thing a
role noun describes ("X, a rival of Y"), a plant a verb runs ("operates a rare earth
mine"), goods a maker makes as its line of business or money was spent on, what "them"
stands for after a list, and the acts a licence is for.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.ingest.claim_arguments import ArgumentReader
from newsgraph.ingest.claim_syntax import Argument, SentenceView, measured, noun_phrase
from newsgraph.ingest.claim_words import CONSIDERING, PLANTS, QUANTIFIERS, RUNNING


def prep_objects(s: SentenceView, prep: Token) -> list[tuple[str, Token]]:
    """A preposition's objects, each with words the parser split off it.

    "controls on chipmaking equipment" is often parsed with "chipmaking" as a verb
    and "equipment" its object: the object is "equipment", after "chipmaking ".
    """
    found: list[tuple[str, Token]] = []
    for child in (c for c in prep.children if c.i not in s.date_at):
        if child.dep_ == "pobj":
            found.append(("", child))
        elif child.dep_ == "pcomp" and child.tag_ == "VBG":
            found.extend((child.text + " ", c) for c in child.children if c.dep_ == "dobj")
    return found


def role_holder(s: SentenceView, token: Token) -> Token | None:
    """The named thing a role noun describes: its apposition, subject, or "as" phrase."""
    if token.dep_ == "appos" and token.head.i in s.entity_at:
        return token.head
    if token.dep_ in {"attr", "acomp", "oprd"} and token.head.lemma_ in {"be", "remain", "become"}:
        subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
        subjects = [ArgumentReader.relative_head(c) for c in subjects]
        return next((c for c in subjects if c.i in s.entity_at), None)
    if token.dep_ == "oprd" and token.head.lemma_.lower() in CONSIDERING:
        # "named AWS its primary training partner": the role is the object's (which the
        # parser may read as a second complement).
        objects = [c for c in token.head.children if c.dep_ in {"dobj", "oprd"} and c.i != token.i]
        return next((c for c in objects if c.i in s.entity_at), None)
    if token.dep_ == "pobj" and token.head.lower_ == "as" and token.head.dep_ == "prep":
        # "X is seen as the main alternative to Y", "regards X as a rival"; but
        # "X overtook Y as the largest maker" and "X emerged as a supplier" describe X.
        verb = token.head.head
        deps = {"nsubjpass", "dobj"} if verb.lemma_.lower() in CONSIDERING else {"nsubj", "nsubjpass"}
        holders = [c for c in verb.children if c.dep_ in deps]
        holders = [ArgumentReader.relative_head(c) for c in holders]
        return next((c for c in holders if c.i in s.entity_at), None)
    if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.i != token.head.i:
        # "X is one of the largest buyers", "X is among the biggest suppliers".
        prep, head = token.head, token.head.head
        if (prep.lower_ == "of" and head.lower_ in QUANTIFIERS) or (
            prep.lower_ == "among" and head.lemma_ in {"be", "remain", "become"}
        ):
            return (
                role_holder(s, head)
                if prep.lower_ == "of"
                else next((c for c in head.children if c.dep_ == "nsubj" and c.i in s.entity_at), None)
            )
    return None


def runs_plant(verb: Token) -> bool:
    """ "operates a mine", "owns a DRAM fab": a verb of running a plant, with the plant."""
    return verb.lemma_.lower() in RUNNING and any(
        c.dep_ == "dobj" and c.lemma_.lower() in PLANTS for c in verb.children
    )


def habitual_goods(verb: Token, noun: Token) -> bool:
    """ "makes inspection systems", "produces lithography tools": a kind of goods a
    company makes as its line of business (present tense, a bare plural), not a thing
    made once ("made a decision", "produced the first samples")."""
    bare = not any(c.dep_ in {"det", "poss", "nummod"} for c in noun.children)
    return verb.tag_ in {"VBZ", "VBP"} and noun.tag_ == "NNS" and bare and noun.dep_ == "dobj"


def money_spent_on(s: SentenceView, obj: Argument) -> bool:
    """Goods money was spent on: "spent $38 billion on imported chipmaking equipment"."""
    noun = s.span.doc[obj.token]
    return obj.literal is not None and noun.head.lower_ == "on" and measured(s, noun)


def listed_before(s: SentenceView, pronoun: Token) -> Token | None:
    """What "them" stands for: the last list of things before it in the sentence
    ("The elements are samarium, ... and yttrium, and exporters will need licences to ship
    them"), if there is one."""
    lists = [
        t
        for t in s.span.doc[s.span.start : pronoun.i]
        if t.pos_ in {"NOUN", "PROPN", "ADJ"} and t.dep_ != "conj" and len(t.conjuncts) >= 2
    ]
    return lists[-1] if lists else None


def licensed_acts(verb: Token, permit: Token) -> list[Token]:
    """The acts a licence is for: "licences to export X", parsed on the licence or on the verb."""
    acts = [c for c in permit.children if c.dep_ in {"acl", "relcl"}]
    acts += [c for c in verb.children if c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children)]
    return [a for a in acts if a.pos_ == "VERB"]


def goods_phrase(noun: Token) -> Argument:
    return Argument(noun.i, literal=noun_phrase(noun))
