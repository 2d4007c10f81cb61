"""Figures: amounts of money, shares and counts of things, from spaCy's numeric entities.

`figure_mentions` finds the amounts of a parsed article, splits ranges ("$60 billion to
$65 billion" is two figures), names the thing counted ("1.5 million H20 chips" counts
chips) and, from the parse, what the figure measures, the period it refers to and whether
it is an estimate. One amount's text is read in figure_amounts.py (`parse_amount`); what a
figure measures and whether it is an estimate, in figure_measures.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.core.ontology import ENTITY_CLASSES
from newsgraph.core.text import singular
from newsgraph.core.types import DateMention, Figure
from newsgraph.ingest.dates import governing_verb
from newsgraph.ingest.figure_amounts import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    MEASURES,
    SCALES,
    UNIT_ABBREVIATIONS,
    Amount,
    inherit_units,
    looks_like_amount,
    parse_amount,
    split_range,
    strip_qualifiers,
)
from newsgraph.ingest.figure_measures import is_estimate, measured_phrase

NUMERIC_LABELS = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY"})


# ---------------------------------------------------------------- figures in a doc


@dataclass(frozen=True)
class _Piece:
    """One amount inside a numeric entity: its token span and character bounds."""

    span: Span
    start: int  # character offsets in the doc of the amount's own text
    end: int
    label: str
    group: int  # pieces split from one range share a group
    qualified: bool  # a qualifier stands in front of the whole entity


# Words of change whose "from" figure is a starting point: "rose to $20 billion from $4 billion".
CHANGES = {
    "rise",
    "grow",
    "fall",
    "increase",
    "decrease",
    "decline",
    "jump",
    "climb",
    "drop",
    "surge",
    "up",
    "down",
}
_NOMINAL_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "VBN", "HYPH", "CD", "RBS"})


def figure_mentions(
    doc: Doc, dates: Sequence[DateMention], sentence_of: Callable[[int], int]
) -> list[Figure]:
    """The figures of a parsed article, in text order, with what, when and how sure."""
    date_spans = [(d.start, d.end) for d in dates]
    text = doc.text  # built anew from the tokens on every access
    found: list[tuple[_Piece, Amount, Token | None]] = []
    for group, (ent, label) in enumerate(_numeric_spans(doc)):
        span = _widen(ent)
        if label in ("CARDINAL", "QUANTITY") and _not_a_figure(span, date_spans):
            continue
        found.extend(_read_pieces(span, label, group))
    figures: list[Figure] = []
    found.sort(key=lambda item: item[0].start)
    starts = _change_starts(found)
    for index, (piece, amount, counted) in enumerate(found):
        value, unit, scale, approximate = amount
        end = piece.end
        if counted is not None and counted.i == piece.span.end:
            end = _counted_end(counted)
        sentence = sentence_of(piece.start)
        figures.append(
            Figure(
                index=index,
                sentence=sentence,
                start=piece.start,
                end=end,
                text=text[piece.start : end],
                value=value,
                unit=unit,
                scale=scale,
                measured=measured_phrase(piece.span, counted),
                period=_period(piece, found, dates, sentence, sentence_of, text),
                is_estimate=is_estimate(piece.span),
                approximate=approximate or piece.qualified,
                changes_from=starts.get(index),
            )
        )
    return figures


def _change_starts(found: Sequence[tuple[_Piece, Amount, Token | None]]) -> dict[int, int]:
    """Each figure a change ends at, to the figure it starts from: "could rise from 17% in
    2023 to 55% by 2027", "fell to $4.1 billion from $4.7 billion" (the same unit both)."""
    ends: dict[tuple[int, str], int] = {}
    for index, (piece, _, _) in enumerate(found):
        root = piece.span.root
        prep = root.head
        if root.dep_ == "pobj" and prep.lower_ in {"from", "to"} and prep.head.lemma_.lower() in CHANGES:
            ends[(prep.head.i, prep.lower_)] = index
    starts: dict[int, int] = {}
    for (verb, word), end in ends.items():
        start = ends.get((verb, "from"))
        unit = found[end][1][1]
        if word == "to" and start is not None and found[start][1][1] == unit:
            starts[end] = start
    return starts


def _numeric_spans(doc: Doc) -> list[tuple[Span, str]]:
    """The numeric entities, and counts the NER missed ("around 150,000 AI accelerators")."""
    ents = doc.ents
    spans = [(e, e.label_) for e in ents if e.label_ in NUMERIC_LABELS]
    # The small model sometimes calls "between 10 and 15 percent" a DATE.
    for ent in ents:
        kind = looks_like_amount(ent.text) if ent.label_ == "DATE" else None
        if kind is not None:
            spans.append((ent, kind))
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.tag_ == "CD" and not token.ent_type_ and any(ch.isdigit() for ch in token.text):
            end = i + 1
            while end < len(doc) and doc[end].tag_ == "CD" and not doc[end].ent_type_:
                end += 1
            orphan = doc[i:end]
            if i > 0 and doc[i - 1].text in _SYMBOLS:
                spans.append((orphan, "MONEY"))  # "$30,000 to $40,000" with the second missed
            elif _counted_noun(orphan) is not None:
                spans.append((orphan, "CARDINAL"))
            i = end
        else:
            i += 1
    return _merge_ranges(sorted(spans, key=lambda item: item[0].start))


_LABEL_PRIORITY = ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")


def _merge_ranges(spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Join entities spaCy split inside one amount: "$40 billion to" + "$42 billion"."""
    merged: list[tuple[Span, str]] = []
    for span, label in spans:
        if merged:
            previous, previous_label = merged[-1]
            gap = " ".join(t.lower_ for t in span.doc[previous.end : span.start] if t.text not in _SYMBOLS)
            # Only a part without a number ("a record $") or two amounts of one kind join;
            # "rose 46% to $11.32 billion" is two figures of two kinds.
            partial = not _has_digit(previous) or not _has_digit(span)
            ranged = label == previous_label and (
                gap in ("to", "-", "–", "—", "or", "")
                or (
                    gap == "and"
                    and "between" in span.doc[max(0, previous.start - 1) : previous.end].text.lower()
                )
            )
            if previous.end <= span.start and ((partial and gap == "") or ranged):
                best = min(previous_label, label, key=_LABEL_PRIORITY.index)
                merged[-1] = (span.doc[previous.start : span.end], best)
                continue
        merged.append((span, label))
    return merged


def _has_digit(span: Span) -> bool:
    return any(ch.isdigit() for ch in span.text)


def _widen(ent: Span) -> Span:
    """The entity with a currency symbol, currency word or percent sign spaCy left out."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start > 0 and doc[start - 1].text in _SYMBOLS:
        start -= 1
    if end < len(doc):
        after = doc[end : min(end + 3, len(doc))].text.lower()
        for pattern in [p for p, _ in CURRENCY_WORDS] + [r"%|percent|per cent|pct"]:
            match = re.match(rf"^(?:{pattern})\b|^%", after)
            span = (
                doc.char_span(doc[end].idx, doc[end].idx + match.end(), alignment_mode="expand")
                if match
                else None
            )
            if span is not None:
                end = span.end
                break
    return doc[start:end]


def _not_a_figure(span: Span, date_spans: Sequence[tuple[int, int]]) -> bool:
    """Numbers that are names ("Ascend 910B"), ordinals, years or parts of dates."""
    doc = span.doc
    numbers = [t for t in span if t.like_num or any(ch.isdigit() for ch in t.text)]
    if not numbers:
        return True
    for token in numbers:
        lowered = token.lower_
        glued_scale = re.fullmatch(r"[\d.,]+(?:bn|mn|m|k|tn|b|t|nm|gb|tb|mb)", lowered)
        if re.search(r"\d", lowered) and re.search(r"[a-z]", lowered) and not glued_scale:
            return True  # "910B", "V3", "1st"
    first, last = span[0], span[-1]
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if any(s < span.end_char and span.start_char < e for s, e in date_spans):
        return True
    # A number glued to a name is part of it: "Ascend 950", "Section 232", "Atlas 950 SuperPoD".
    if before is not None and before.whitespace_ and before.pos_ == "PROPN" and before.is_title:
        in_name = before.ent_type_ and before.ent_type_ not in NUMERIC_LABELS | {"DATE", "TIME"}
        if in_name or (not before.is_sent_start and not re.search(r"[,.]", span.text)):
            return True
    if before is not None and before.lower_.rstrip(".") in _NAME_LABELS:
        return True  # "version 3.0", "Section 232", "No. 5"
    if after is not None and after.text in ("-", "–") and not last.whitespace_:
        beyond = doc[after.i + 1] if after.i + 1 < len(doc) else None
        if beyond is None or beyond.lower_ not in SCALES:
            return True  # a hyphenated modifier: "12-layer", "10-for-1"
    if before is not None and before.lower_ in _MONTH_NAMES:
        return True
    if after is not None and after.lower_ in _MONTH_NAMES:
        return True
    text = span.text.strip()
    if re.fullmatch(r"(?:19|20)\d\d", text) and not _counted_noun(span):
        return True
    words_only = not any(ch.isdigit() for ch in text)
    return words_only and _counted_noun(span) is None and "%" not in text and "percent" not in text


# Words that make the number after them part of a name: "version 3.0", "Section 232".
_NAME_LABELS = frozenset(
    {"version", "v", "release", "generation", "gen", "model", "series", "phase", "round", "stage",
     "section", "article", "chapter", "page", "item", "number", "no", "rule", "level", "tier", "grade",
     "step", "class", "part", "title", "schedule", "form", "route", "highway"}
)  # fmt: skip
_MONTH_NAMES = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
     "nov", "dec"}
)  # fmt: skip


def _read_pieces(span: Span, label: str, group: int) -> list[tuple[_Piece, Amount, Token | None]]:
    """The amounts of one entity: one, or two for a range, the lower inheriting the units."""
    doc = span.doc
    text = span.text
    parsed: list[tuple[int, int, Amount]] = []
    for lo, hi in split_range(text):
        piece_text = re.sub(r"(?:\s+(?:to|and|or)|\s*[-–—])\s*$", "", text[lo:hi]).rstrip(" ,")
        amount = parse_amount(piece_text)
        if amount is None:
            continue
        lead = len(piece_text) - len(strip_qualifiers(piece_text))
        parsed.append((span.start_char + lo + lead, span.start_char + lo + len(piece_text), amount))
    if len(parsed) > 1:
        parsed = inherit_units(parsed)
    qualified = _qualified_before(span)
    result: list[tuple[_Piece, Amount, Token | None]] = []
    for start, end, (value, unit, scale, approximate) in parsed:
        sub = doc.char_span(start, end, alignment_mode="expand")
        if sub is None or len(sub) == 0:
            continue
        counted = None
        if label == "PERCENT":
            unit = unit if unit in _KNOWN_UNITS else "percent"
        elif label == "MONEY":
            unit = unit if unit in _CURRENCY_CODES else None
        elif unit not in _KNOWN_UNITS:
            # The counted noun is read from the parse, not from spaCy's span, which may
            # stop inside a compound ("eight gallium" of "eight gallium products").
            number = _number_part(sub)
            counted = _counted_noun(number)
            if counted is not None:
                unit = _unit_of(counted)
            elif not (label == "QUANTITY" or (unit or "").split(" ")[0] in MEASURES):
                unit = None
            if number.end_char < end:
                sub, end = number, number.end_char
        result.append(
            (_Piece(sub, start, end, label, group, qualified), (value, unit, scale, approximate), counted)
        )
    # "between 150,000 and 200,000 processors": the lower end counts processors too.
    last_unit = result[-1][1][1] if result else None
    return [
        (piece, (amount[0], amount[1] or last_unit, amount[2], amount[3]), counted)
        for piece, amount, counted in result
    ]


def _number_part(span: Span) -> Span:
    """The span up to its last number, scale word or unit sign."""
    last = span.start
    for token in span:
        if (
            token.like_num
            or token.lower_ in SCALES
            or any(ch.isdigit() for ch in token.text)
            or token.text == "%"
        ):
            last = token.i
    return span.doc[span.start : last + 1]


_SYMBOLS = frozenset(symbol for symbol, _ in CURRENCY_SYMBOLS)
_CURRENCY_CODES = frozenset(code for _, code in CURRENCY_SYMBOLS) | frozenset(c for _, c in CURRENCY_WORDS)
_KNOWN_UNITS = _CURRENCY_CODES | {"percent", "percentage point", "basis point"}


def _qualified_before(span: Span) -> bool:
    doc = span.doc
    before = doc[max(0, span.start - 3) : span.start].text.lower()
    return bool(
        re.search(
            r"(?:^|\s)(?:about|around|roughly|approximately|nearly|almost|close to|more than|less than|"
            r"fewer than|over|under|some|up to|at least|at most|an estimated|estimated|as much as|"
            r"as many as)$",
            before,
        )
    )


def _counted_noun(span: Span) -> Token | None:
    """The noun a count counts: "1.5 million H20 chips" and "2,000 of its chips" count chips."""
    doc = span.doc
    i = span.end
    run: list[Token] = []
    # A name inside the phrase ("700,000 Ascend chips") belongs to it whatever its tag.
    while (
        i < len(doc)
        and (doc[i].tag_ in _NOMINAL_TAGS or doc[i].ent_type_ in ENTITY_CLASSES)
        and doc[i].dep_ != "appos"
    ):
        if doc[i].like_num and doc[i].tag_ == "CD":
            break
        run.append(doc[i])
        i += 1
    nouns = [t for t in run if t.pos_ in ("NOUN", "PROPN")]
    # Counted things are plural ("70,000 units"); a singular noun only counts right after
    # the number ("one chip"), else it is what a compound figure describes ("a 1,000 page report").
    if nouns and not _is_time_word(nouns[-1]):
        last = nouns[-1]
        if last.tag_ in ("NNS", "NNPS") or (last.tag_ == "NN" and len(nouns) == 1 and last.i == span.end):
            return last
    if i < len(doc) and doc[i].lower_ == "of" and not run:
        j = i + 1
        while j < len(doc) and (doc[j].tag_ in ("DT", "PRP$", "POS") or doc[j].pos_ == "PROPN"):
            if doc[j].tag_ == "NNP" and j + 1 < len(doc) and doc[j + 1].tag_ != "POS":
                break
            j += 1
        tail = []
        while j < len(doc) and doc[j].tag_ in _NOMINAL_TAGS:
            tail.append(doc[j])
            j += 1
        plural = [t for t in tail if t.tag_ in ("NNS", "NNPS")]
        if plural:
            return plural[-1]
    return None


def _is_time_word(token: Token) -> bool:
    return token.lemma_.lower() in {"year", "month", "week", "day", "quarter", "time", "percent"}


def _unit_of(noun: Token) -> str:
    lemma = noun.lemma_.lower()
    if re.fullmatch(r"[A-Z0-9]{2,}s", noun.text):
        lemma = noun.lower_[:-1]  # "GPUs", "TPUs"
    elif noun.tag_ in ("NNS", "NNPS") and (lemma == noun.lower_ or len(noun) <= 4):
        lemma = singular(noun.lower_)
    lemma = UNIT_ABBREVIATIONS.get(lemma, lemma)
    doc = noun.doc
    if lemma in MEASURES and noun.i + 2 < len(doc) and doc[noun.i + 1].lower_ == "per":
        return f"{lemma} per {doc[noun.i + 2].lemma_.lower()}"
    return lemma


def _counted_end(noun: Token) -> int:
    doc = noun.doc
    if (
        noun.i + 2 < len(doc)
        and doc[noun.i + 1].lower_ == "per"
        and _unit_of(noun).endswith(f"per {doc[noun.i + 2].lemma_.lower()}")
    ):
        return doc[noun.i + 2].idx + len(doc[noun.i + 2])
    return noun.idx + len(noun)


# ---------------------------------------------------------------- when


def _period(
    piece: _Piece,
    found: Sequence[tuple[_Piece, Amount, Token | None]],
    dates: Sequence[DateMention],
    sentence: int,
    sentence_of: Callable[[int], int],
    text: str,
) -> str | None:
    """The year or quarter a figure refers to, from the dates of its sentence.

    The first such date after the figure and before the next one wins, then the last
    before it; dates in the figure's own clause go first. Days and months are when
    something happened, not the period a figure covers; "since 2021" starts no period.
    """
    doc = piece.span.doc
    periods = [
        d
        for d in dates
        if d.sentence == sentence
        and d.precision in ("year", "quarter")
        and not re.search(r"\b(?:since|after|before)\s*$", text[max(0, d.start - 8) : d.start].lower())
    ]
    if not periods:
        return None
    limit = min(
        (
            p.start
            for p, _, _ in found
            if p.start > piece.start and p.group != piece.group and sentence_of(p.start) == sentence
        ),
        default=len(text),
    )
    # "the remaining $4 billion scheduled for 2024": a date hanging off the figure itself.
    root = piece.span.root
    attached = [
        d
        for d in periods
        if root.left_edge.idx <= d.start and d.end <= root.right_edge.idx + len(root.right_edge)
    ]
    verb = _clause_verb(piece.span)
    own = [d for d in periods if _clause_verb(doc.char_span(d.start, d.end, alignment_mode="expand")) == verb]
    for pool in (attached, own, periods):
        after = [d for d in pool if piece.end <= d.start < limit]
        if after:
            return min(after, key=lambda d: d.start).value
        before = [d for d in pool if d.end <= piece.start]
        if before:
            return max(before, key=lambda d: d.start).value
    return None


def _clause_verb(span: Span | None) -> int | None:
    if span is None or len(span) == 0:
        return None
    root = span.root
    verb = governing_verb(root.head) if root.head.i != root.i else None
    return verb.i if verb is not None else None
