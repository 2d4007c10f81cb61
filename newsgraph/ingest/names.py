"""Repairs to the statistical NER's names, before the gazetteer's names are laid over them.

News copy trips the statistical model in a few regular ways; each repair is general:
- an all-capitals line (a headline, a dateline: "RANGOON 1996-12-07") is read again in
  the article's own casing: each word as the article writes it elsewhere ("Rangoon"),
  short ones kept as they are ("U.S."), the rest in lower case; a date does not start
  with the place a dateline puts before it;
- a name does not run across a bracket or a slash: "(Reuters) Authorities" is Reuters,
  "CNN Business)" is CNN Business;
- an institution "of" a place is one name: "Federal Reserve Bank of New York",
  "University of Texas" (the model often stops at "of");
- an article calls one name one thing: where the model tags the same words as a person
  twice and as an organization once, all three are what most say, and the places it
  missed ("Instagram" tagged once, said three times) are tagged like the rest;
- a score does not belong to a name ("Liverpool 2-1" is Liverpool), and a place that
  plays is a team: in a sentence with a score or "vs.", a place next to the score or the
  "vs.", or that beats, hosts or loses to another ("Florida vs. Washington", "Atlanta beat
  Boston 5-3"), is an organization, and so is every other mention of it in the article.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

# The statistical model's labels for names (figures, dates and adjectives are left alone).
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
_BREAKS = {"(", ")", "[", "]", "/", "|"}
# Heads of names that take "of" and a place or a body: "Bank of England".
_INSTITUTIONS = {
    "bank", "university", "department", "ministry", "institute", "council", "court", "commission",
    "association", "federation", "board", "office", "school", "college", "museum", "academy",
    "agency", "bureau", "church", "society", "union", "party", "corporation", "republic",
    "kingdom", "chamber", "house", "secretary", "embassy", "government",
}  # fmt: skip
_PLACES_AND_BODIES = {"GPE", "LOC", "ORG", "FAC"}
# Where doc.user_data keeps the character spans of places read as teams.
TEAMS = "ng_teams"
_VERSUS = {"vs", "vs.", "v"}  # "Chelsea v Arsenal"; "Texas v. Pennsylvania" is a case at law
_PLAYING = set(
    "beat defeat win top edge rout down blank sweep lose host face play tie trail oust eliminate outscore "
    "thrash crush hammer stun upset".split()
)


@Language.factory("ng_name_repairs")
def _name_repairs(nlp: Language, name: str) -> NameRepairs:
    return NameRepairs(nlp)


class NameRepairs:
    """Read all-capitals lines again, cut names at brackets, join institutions to their "of"
    place, make each name's label agree across the article and tag its repetitions."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        ents = [_without_leading_names(e) for e in self._recased(doc)]
        ents = [piece for ent in ents for piece in _cut_at_breaks(ent)]
        ents = [_without_score(e) for e in ents]
        ents = _join_institutions(doc, ents)
        ents = _agree(doc, ents)
        ents = _teams(doc, ents)
        doc.ents = filter_spans(ents)
        return doc

    def _recased(self, doc: Doc) -> list[Span]:
        """The names, with those of all-capitals sentences found again in their casing."""
        if not doc.has_annotation("SENT_START"):
            return list(doc.ents)
        shouted = [sent for sent in doc.sents if _all_capitals(sent)]
        if not shouted:
            return list(doc.ents)
        casing = _casings(doc, shouted)
        ents = [e for e in doc.ents if not any(s.start <= e.start < s.end for s in shouted)]
        for sent in shouted:
            text = "".join(_cased(t, casing, t.i == sent.start) + t.whitespace_ for t in sent)
            if len(text) != len(sent.text_with_ws):
                ents += [e for e in doc.ents if sent.start <= e.start < sent.end]
                continue
            for ent in self._names(text).ents:
                span = doc.char_span(
                    sent.start_char + ent.start_char, sent.start_char + ent.end_char, ent.label_
                )
                if span is not None:
                    ents.append(span)
        return ents

    def _names(self, text: str) -> Doc:
        """The statistical model's names in a text (its own components, not Newsgraph's)."""
        doc = self.nlp.make_doc(text)
        for name, component in self.nlp.pipeline:
            if not name.startswith("ng_"):
                doc = component(doc)
            if name == "ner":
                break
        return doc


def _all_capitals(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 1]
    upper = sum(t.is_upper for t in words)
    return upper >= 0.8 * len(words) and (len(words) >= 2 or upper == len(words) == 1)


def _casings(doc: Doc, shouted: list[Span]) -> dict[str, str]:
    """Each word's most common casing in the article outside its all-capitals sentences."""
    inside = {i for sent in shouted for i in range(sent.start, sent.end)}
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for token in doc:
        if token.i not in inside and token.is_alpha and not token.is_sent_start:
            seen[token.lower_][token.text] += 1
    return {word: forms.most_common(1)[0][0] for word, forms in seen.items()}


def _cased(token: Token, casing: dict[str, str], first: bool) -> str:
    """A word of an all-capitals sentence as the article writes it elsewhere."""
    if not token.is_upper:
        return token.text
    if token.lower_ in casing:
        text = casing[token.lower_]
    elif len(token.text.replace(".", "")) <= 3:
        return token.text  # "U.S.", "UN", "EU"
    else:
        text = token.lower_
    return text[:1].upper() + text[1:] if first else text


_CALENDAR = set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday mon tue wed thu fri sat sun".split()
)


def _without_leading_names(ent: Span) -> Span:
    """A date without the place a dateline glues to it: "RANGOON 1996-12-07" -> "1996-12-07"."""
    if ent.label_ not in ("DATE", "TIME"):
        return ent
    start = ent.start
    while start < ent.end - 1 and name_word(ent.doc[start]) and ent.doc[start].lower_ not in _CALENDAR:
        start += 1
    return ent if start == ent.start else Span(ent.doc, start, ent.end, label=ent.label_)


def _cut_at_breaks(ent: Span) -> list[Span]:
    """The first part of a name that a bracket or slash cuts, if it has a name word."""
    if ent.label_ not in NAME_LABELS or not any(t.text in _BREAKS for t in ent):
        return [ent]
    pieces: list[list[Token]] = [[]]
    for token in ent:
        if token.text in _BREAKS:
            pieces.append([])
        else:
            pieces[-1].append(token)
    for piece in pieces:
        if any(name_word(t) for t in piece):
            return [Span(ent.doc, piece[0].i, piece[-1].i + 1, label=ent.label_)]
    return []


def _without_score(ent: Span) -> Span:
    """A name without the score run into it: "Liverpool 2-1" -> "Liverpool"."""
    end = next((i for i in range(ent.start + 1, ent.end) if _score_at(ent.doc, i)), ent.end)
    return ent if end == ent.end else Span(ent.doc, ent.start, end, label=ent.label_)


def _score_at(doc: Doc, i: int) -> bool:
    """Whether a score starts at token i: a number of up to three digits, a dash, another
    ("2-1", "37-10"), not a range of percent or money ("2-3%")."""
    if i + 2 >= len(doc):
        return False
    first, dash, second = doc[i], doc[i + 1], doc[i + 2]
    after = doc[i + 3].text if i + 3 < len(doc) else ""
    return (
        first.is_digit
        and second.is_digit
        and len(first) <= 3
        and len(second) <= 3
        and dash.text in ("-", "–")
        and after not in ("%", "percent")
        and (i == 0 or doc[i - 1].text not in ("$", "€", "£"))
    )


def _teams(doc: Doc, ents: list[Span]) -> list[Span]:
    """Places that play, as organizations, with every other mention of their words; their
    character spans go to doc.user_data[TEAMS] for the gazetteer's places to leave alone."""
    if not doc.has_annotation("DEP"):
        return ents
    places = [e for e in ents if e.label_ in ("GPE", "LOC", "FAC")]
    playing = {_words(e) for e in places if _plays(e)}
    if not playing:
        return ents
    playing_places = [e for e in places if _words(e) in playing]
    doc.user_data[TEAMS] = {(e.start_char, e.end_char) for e in playing_places}
    return [Span(doc, e.start, e.end, label="ORG") if e in playing_places else e for e in ents]


def _plays(ent: Span) -> bool:
    """Whether a place is a team here: its sentence has a score or "vs.", and it stands next
    to one, or beats, hosts, loses to ... another."""
    doc, sent = ent.doc, ent.sent
    if not any(_score_at(doc, t.i) or t.lower_ in _VERSUS for t in sent):
        return False
    if ent.end < sent.end and (_score_at(doc, ent.end) or doc[ent.end].lower_ in _VERSUS):
        return True
    if ent.start > sent.start and doc[ent.start - 1].lower_ in _VERSUS:
        return True
    head = ent.root.head
    if ent.root.dep_ == "pobj":
        if head.lower_ not in ("to", "against", "over"):
            return False  # "beat Liverpool at Stamford Bridge": the ground
        head = head.head  # "lost to Houston"
    return ent.root.dep_ in ("nsubj", "dobj", "pobj") and head.lemma_ in _PLAYING


def _join_institutions(doc: Doc, ents: list[Span]) -> list[Span]:
    starts = {e.start: e for e in ents}
    joined: list[Span] = []
    absorbed: set[int] = set()
    for ent in ents:
        if ent.start in absorbed:
            continue
        after = ent.end + 1
        if (
            ent.label_ == "ORG"
            and ent[-1].lower_ in _INSTITUTIONS
            and ent.end < len(doc)
            and doc[ent.end].lower_ == "of"
            and after in starts
            and starts[after].label_ in _PLACES_AND_BODIES
        ):
            tail = starts[after]
            absorbed.add(tail.start)
            joined.append(Span(doc, ent.start, tail.end, label="ORG"))
        else:
            joined.append(ent)
    return joined


def _agree(doc: Doc, ents: list[Span]) -> list[Span]:
    """One label per name in an article (the most common), and its repetitions tagged."""
    labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for ent in ents:
        if ent.label_ in NAME_LABELS:
            labels[_words(ent)][ent.label_] += 1
    agreed = []
    for ent in ents:
        if ent.label_ in NAME_LABELS:
            counts = labels[_words(ent)]
            label = counts.most_common(1)[0][0]
            if counts[label] > counts[ent.label_]:
                ent = Span(doc, ent.start, ent.end, label=label)
        agreed.append(ent)
    taken = {i for e in agreed for i in range(e.start, e.end)}
    lowercase = {t.lower_ for t in doc if t.is_lower}
    texts = [t.text for t in doc]
    starts: dict[str, list[int]] = defaultdict(list)  # where each word stands, for _occurrences
    for i, text in enumerate(texts):
        starts[text].append(i)
    for words, counts in labels.items():
        if not words[0][:1].isupper() or len("".join(words)) < 3:
            continue
        if len(words) == 1 and words[0].lower() in lowercase:
            continue  # also an ordinary word in this article
        label = counts.most_common(1)[0][0]
        for start in _occurrences(texts, starts, words):
            end = start + len(words)
            if not any(i in taken for i in range(start, end)):
                agreed.append(Span(doc, start, end, label=label))
                taken.update(range(start, end))
    return agreed


def _words(ent: Span) -> tuple[str, ...]:
    return tuple(t.text for t in ent)


def _occurrences(texts: list[str], starts: dict[str, list[int]], words: tuple[str, ...]) -> list[int]:
    """Token positions where the words occur in a row, whole tokens only (in capitals too):
    only the positions of the first word (`starts`, by token text) are tried."""
    n = len(words)
    shouted = tuple(w.upper() for w in words)
    tried = sorted({*starts.get(words[0], ()), *starts.get(shouted[0], ())})
    return [i for i in tried if (found := tuple(texts[i : i + n])) == words or found == shouted]


def name_word(token: Token) -> bool:
    """A word that belongs in a name: capitalised, not an article or a possessive."""
    return token.is_alpha and (token.is_title or token.is_upper) and token.lower_ not in ("the", "a", "an")
