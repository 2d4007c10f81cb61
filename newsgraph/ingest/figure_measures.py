"""What a figure measures and whether it is an estimate, read off the dependency parse.

`measured_phrase` names what a figure measures ("revenue of $30bn" measures revenue,
"a 45% rise in revenue" the rise in revenue); `is_estimate` tells whether the clause a
figure sits in reports an estimate, forecast or expectation.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.ingest.dates import governing_verb

_ESTIMATE_LEMMAS = frozenset(
    {
        "estimate",
        "forecast",
        "project",
        "projection",
        "expect",
        "expectation",
        "predict",
        "prediction",
        "anticipate",
        "outlook",
        "guidance",
        "guide",
        "estimated",
        "projected",
        "expected",
    }
)

_ESTIMATE_ADJECTIVES = frozenset({"estimated", "expected", "projected", "forecast"})
_ESTIMATE_NOUNS = frozenset({"estimate", "forecast", "projection", "expectation", "prediction", "outlook"})
_MODALS = frozenset({"could", "may", "might", "would", "will", "should", "'ll", "wo"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "which", "that", "who", "this", "i", "you"})


def measured_phrase(span: Span, counted: Token | None = None) -> str | None:
    """A short phrase for what a figure measures, read off the dependency parse."""
    for noun, with_prep in _measured_candidates(span, counted):
        phrase = _noun_phrase(noun, span, counted, with_prep)
        if phrase:
            return phrase
    return None


def _measured_candidates(span: Span, counted: Token | None) -> list[tuple[Token, bool]]:
    root = span.root
    if counted is not None and root.head.i == counted.i:
        root = counted  # "orders of 70,000 units": the counted noun stands for the figure
    head = root.head
    found: list[tuple[Token, bool]] = []
    # "$4.5 billion of H20 inventory", "30% of Samsung's HBM revenue"
    if counted is None:
        of = [c for c in root.children if c.dep_ == "prep" and c.lower_ == "of" and c.i >= span.end]
        found += [
            (t, False) for c in of for t in c.children if t.dep_ == "pobj" and t.pos_ in ("NOUN", "PROPN")
        ]
    # "revenue of $30bn", "a market value of about $1.1 trillion"
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN"):
        found.append((head.head, False))
    # "a 45% rise in revenue", "a $10 billion collaboration"
    modifies = root.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod") and head.i > root.i
    if modifies and head.pos_ == "NOUN" and head.lemma_.lower() not in ("percent", "%"):
        found.append((head, True))
    verb = governing_verb(head) if head.i != root.i else None
    if verb is not None:
        # "lifting its market value to about $4.2 trillion"
        if root.dep_ == "pobj" and head.lower_ in ("to", "at", "by", "from") and head.head.i == verb.i:
            found += [(c, False) for c in verb.children if c.dep_ == "dobj" and c.i != root.i]
        # "Nvidia shares rose 1.6%", "sales to China could have reached 1.5 million units"
        found += [
            (c, True)
            for c in verb.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _PRONOUNS and c.i != root.i
        ]
    return found


def _noun_phrase(noun: Token, figure: Span, counted: Token | None, with_prep: bool) -> str | None:
    """The noun with its modifiers (no determiners, not the figure), and a short "of/in ..." tail."""
    if figure.start <= noun.i < figure.end or (counted is not None and noun.i == counted.i):
        return None
    left = [t for t in noun.lefts if t.dep_ in ("compound", "amod", "poss", "nmod", "case")]
    start = min([t.left_edge.i for t in left] + [noun.i])
    if start < figure.end <= noun.i:
        start = figure.end  # "a 45% rise in revenue" measures the "rise in revenue"
    doc = noun.doc
    while start < noun.i and doc[start].tag_ in ("DT", "PRP$", "HYPH", "IN"):
        start += 1
    end = noun.i + 1
    if with_prep:
        preps = [t for t in noun.rights if t.dep_ == "prep" and t.lower_ in ("of", "to", "for", "in", "from")]
        if preps and preps[0].right_edge.i - noun.i <= 6:
            end = preps[0].right_edge.i + 1
    text = doc[start:end].text.strip(" ,")
    return text or None


def is_estimate(span: Span) -> bool:
    """Whether the clause a figure sits in reports an estimate, forecast or expectation."""
    doc = span.doc
    if any(t.lemma_.lower() in _ESTIMATE_LEMMAS for t in doc[max(0, span.start - 2) : span.start]):
        return True  # "an estimated 62%"
    for token in [*span, *span.root.ancestors]:
        lemma = token.lemma_.lower()
        if (
            lemma in _ESTIMATE_LEMMAS
            and token.pos_ in ("VERB", "ADJ", "NOUN")
            and not _is_capital_project(token)
        ):
            return True
        for child in token.children:
            if child.dep_ == "aux" and child.lower_ in _MODALS:
                return True
            if child.dep_ == "amod" and child.lemma_.lower() in _ESTIMATE_ADJECTIVES:
                return True
            # "according to estimates by SemiAnalysis"
            according = child.dep_ == "prep" and child.lower_ == "according"
            if according and any(t.lemma_.lower() in _ESTIMATE_NOUNS for t in child.subtree):
                return True
    return False


def _is_capital_project(token: Token) -> bool:
    # The noun "projects" ("capital projects") is no projection.
    return token.lemma_.lower() == "project" and token.pos_ == "NOUN"
