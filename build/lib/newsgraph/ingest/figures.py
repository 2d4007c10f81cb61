"""Figures: amounts of money, shares and counts of things, from spaCy's numeric entities.

`parse_amount` reads one amount ("about $23bn", "2.3 trillion yuan", "17 per cent")
with exact decimal arithmetic. `figure_mentions` finds the amounts of a parsed article,
splits ranges ("$60 billion to $65 billion" is two figures), names the thing counted
("1.5 million H20 chips" counts chips) and, from the parse, what the figure measures,
the period it refers to and whether it is an estimate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from spacy.tokens import Doc, Span, Token

from newsgraph.core.ontology import ENTITY_CLASSES
from newsgraph.core.text import singular
from newsgraph.core.types import DateMention, Figure
from newsgraph.ingest.dates import governing_verb

Amount = tuple[Decimal, str | None, str | None, bool]

NUMERIC_LABELS = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY"})
SCALES: dict[str, tuple[str, Decimal]] = {
    **dict.fromkeys(("thousand", "k"), ("thousand", Decimal(10) ** 3)),
    **dict.fromkeys(("million", "mn", "mln", "m", "mil"), ("million", Decimal(10) ** 6)),
    **dict.fromkeys(("billion", "bn", "bln", "b"), ("billion", Decimal(10) ** 9)),
    **dict.fromkeys(("trillion", "tn", "trn", "tln", "t"), ("trillion", Decimal(10) ** 12)),
    "lakh": ("lakh", Decimal(10) ** 5),
    "crore": ("crore", Decimal(10) ** 7),
}
# Longest first, so "US$" wins over "$" and "NT$" over "$".
# fmt: off
CURRENCY_SYMBOLS: tuple[tuple[str, str], ...] = (
    ("U.S.$", "USD"), ("US$", "USD"), ("USD", "USD"), ("NT$", "TWD"), ("HK$", "HKD"), ("AU$", "AUD"),
    ("A$", "AUD"), ("CA$", "CAD"), ("C$", "CAD"), ("S$", "SGD"), ("NZ$", "NZD"), ("R$", "BRL"),
    ("RMB", "CNY"), ("CNY", "CNY"), ("EUR", "EUR"), ("GBP", "GBP"), ("JPY", "JPY"), ("KRW", "KRW"),
    ("TWD", "TWD"), ("HKD", "HKD"), ("INR", "INR"), ("Rs.", "INR"), ("Rs", "INR"), ("$", "USD"),
    ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₩", "KRW"), ("₹", "INR"),
)
# Currency words after the number; they override a symbol ("¥12 billion yuan" is CNY).
CURRENCY_WORDS: tuple[tuple[str, str], ...] = (
    ("new taiwan dollars?", "TWD"), ("taiwan(?:ese)? dollars?", "TWD"), ("hong kong dollars?", "HKD"),
    ("australian dollars?", "AUD"), ("canadian dollars?", "CAD"), ("singapore dollars?", "SGD"),
    (r"(?:u\.?s\.? )?dollars?", "USD"), ("euros?", "EUR"), ("pounds?(?: sterling)?|sterling", "GBP"),
    ("yen", "JPY"), ("yuan|renminbi|rmb|cny", "CNY"), ("won", "KRW"), ("rupees?", "INR"),
    ("ringgit", "MYR"), ("roubles?|rubles?", "RUB"), ("usd", "USD"), ("eur", "EUR"), ("twd", "TWD"),
    ("hkd", "HKD"), ("jpy", "JPY"), ("krw", "KRW"),
)
# fmt: on
PERCENT_WORDS = re.compile(r"^(?:%|percent\b|per\s+cent\b|pct\b)")
POINT_WORDS = re.compile(r"^(?:percentage|basis)\s+points?\b")
# "about", "more than" ... make a figure approximate; "plus or minus", "an additional"
# only stand in front of it.
APPROXIMATE = re.compile(
    r"^(?:about|around|roughly|approximately|approx\.|nearly|almost|close to|more than|less than|"
    r"fewer than|over|under|below|above|some|up to|at least|at most|as much as|as many as|"
    r"as high as|as low as|as little as|as few as|just over|just under|well over|well above|"
    r"well below|in excess of|upwards of|north of|an estimated|estimated|an expected|a projected|"
    r"or so)(?=\W|$)\s*|^[~><≈]\s*",
    re.IGNORECASE,
)
NEUTRAL = re.compile(
    r"^(?:plus or minus|plus|minus|an additional|additional|a further|another|a total of|"
    r"a record|a combined|just|only|between|from|the|of|"
    r"an?(?!\s+(?:dozen|hundred|thousand|million|billion|trillion)\b))(?=\W|$)\s*|^[±+]\s*",
    re.IGNORECASE,
)
# fmt: off
_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# fmt: on
WORD_NUMBERS: dict[str, int] = {word: n for n, word in enumerate(_UNITS)} | {
    word: 10 * n for n, word in enumerate(_TENS, 2)
}
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_WORD_NUMBER = re.compile(
    r"\b(?:(?:a|one|half a)\s+(?=(?:dozen|hundred|thousand|million|billion|trillion)\b)|a dozen|dozen|"
    r"(?:" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")(?:[- ](?:one|two|three|four|"
    r"five|six|seven|eight|nine))?(?:\s+hundred)?)\b",
    re.IGNORECASE,
)
# Units of measure keep a "per" phrase ("11 gigabits per second"); counted things do not
# ("120,000 wafers a month" counts wafers).
_PREFIXES = ("", "kilo", "mega", "giga", "tera", "peta", "exa", "milli", "nano")
_BASE_UNITS = ("bit", "byte", "hertz", "watt", "watt-hour", "metre", "meter", "gram", "flop")
MEASURES = frozenset(prefix + base for prefix in _PREFIXES for base in _BASE_UNITS) | {
    "mile", "ton", "tonne", "barrel", "litre", "liter", "token", "operation", "frame",
}  # fmt: skip
# fmt: off
UNIT_ABBREVIATIONS: dict[str, str] = {
    "nm": "nanometre", "mm": "millimetre", "km": "kilometre", "kb": "kilobyte", "mb": "megabyte",
    "gb": "gigabyte", "tb": "terabyte", "pb": "petabyte", "gbps": "gigabit per second",
    "tbps": "terabit per second", "ghz": "gigahertz", "mhz": "megahertz", "kw": "kilowatt",
    "mw": "megawatt", "gw": "gigawatt", "kwh": "kilowatt-hour", "mwh": "megawatt-hour",
    "gwh": "gigawatt-hour", "kg": "kilogram", "tflops": "teraflop", "pflops": "petaflop",
}
# fmt: on
_RANGE_JOINER = re.compile(r"\s+(?:to|and|or)\s+|\s*[-–—]\s*")


def parse_amount(text: str) -> Amount | None:
    """(value, unit or currency, scale word, approximate) of one amount, or None."""
    text = " ".join(text.split())
    approximate = False
    while True:
        qualifier = APPROXIMATE.match(text)
        neutral = NEUTRAL.match(text) if qualifier is None else None
        if qualifier is None and neutral is None:
            break
        approximate = approximate or qualifier is not None
        text = text[(qualifier or neutral).end() :]  # type: ignore[union-attr]
    currency, text = _leading_currency(text)
    number = _first_number(text)
    if number is None:
        return None
    value, rest = number
    if APPROXIMATE.match(rest.strip()):  # "100 or so"
        approximate = True
    rest, scale, value = _scale(rest, value)
    unit, rest = _trailing_unit(rest, currency)
    if unit == "USD cent":
        value, unit = value / 100, "USD"
    return tidy(value), unit, scale, approximate


def tidy(value: Decimal) -> Decimal:
    """The same number without trailing zeros or an exponent: 1100000000000, not 1.1E+12."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _leading_currency(text: str) -> tuple[str | None, str]:
    for symbol, code in CURRENCY_SYMBOLS:
        if text.startswith(symbol) and (
            not symbol[-1].isalpha() or not text[len(symbol) : len(symbol) + 1].isalpha()
        ):
            return code, text[len(symbol) :].lstrip()
    return None, text


def _first_number(text: str) -> tuple[Decimal, str] | None:
    digits = _NUMBER.match(text)
    if digits:
        return Decimal(digits.group().replace(",", "")), text[digits.end() :]
    words = _WORD_NUMBER.match(text)
    if words:
        return _word_value(words.group()), text[words.end() :]
    return None


def _word_value(words: str) -> Decimal:
    lowered = words.lower().strip()
    if lowered in ("a dozen", "dozen"):
        return Decimal(12)
    if lowered in ("a", "one"):
        return Decimal(1)
    if lowered == "half a":
        return Decimal("0.5")
    value = 0
    hundred = lowered.endswith("hundred")
    for part in re.split(r"[- ]", lowered.removesuffix("hundred").strip()):
        value += WORD_NUMBERS.get(part, 0)
    if hundred:
        value = (value or 1) * 100
    return Decimal(value)


def _scale(rest: str, value: Decimal) -> tuple[str, str | None, Decimal]:
    match = re.match(r"^\s*(?:a\s+)?(dozen|hundred)\b", rest, re.IGNORECASE)
    if match:
        value *= 12 if match.group(1).lower() == "dozen" else 100
        rest = rest[match.end() :]
    match = re.match(r"^[\s-]*([a-z]+)\b\.?", rest, re.IGNORECASE)
    if match and match.group(1).lower() in SCALES:
        word = match.group(1).lower()
        # A lone "m", "b" or "t" is only a scale when glued to the number: "$5m", not "5 m".
        if len(word) > 1 or not rest[:1].isspace():
            name, factor = SCALES[word]
            return rest[match.end() :], name, value * factor
    return rest, None, value


def _trailing_unit(rest: str, currency: str | None) -> tuple[str | None, str]:
    tail = rest.strip().lower()
    if PERCENT_WORDS.match(tail):
        return "percent", tail
    point = POINT_WORDS.match(tail)
    if point:
        return ("percentage point" if tail.startswith("percentage") else "basis point"), tail
    for pattern, code in CURRENCY_WORDS:
        if re.match(rf"^(?:{pattern})\b", tail):
            return code, tail
    if currency is not None:
        return currency, tail
    if re.match(r"^(?:us |u\.s\. )?cents?\b", tail):
        return "USD cent", tail
    tail = re.sub(r"^or so\b\s*", "", tail)
    word = re.match(r"^([a-z][a-z-]*)\b", tail)
    if word is None or word.group(1) in _FUNCTION_WORDS:
        return None, tail
    noun = word.group(1)
    unit = UNIT_ABBREVIATIONS.get(noun) or singular(noun)
    per = re.match(r"^\s+per\s+([a-z]+)", tail[word.end() :])
    if per and unit in MEASURES:
        unit = f"{unit} per {singular(per.group(1))}"
    return unit, tail


_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "of", "to", "in", "on", "at", "for", "from", "by", "with", "and", "or", "per",
     "each", "apiece", "worth", "than", "as", "this", "that"}
)  # fmt: skip


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
_ESTIMATE_ADJECTIVES = frozenset({"estimated", "expected", "projected", "forecast"})
_ESTIMATE_NOUNS = frozenset({"estimate", "forecast", "projection", "expectation", "prediction", "outlook"})
_MODALS = frozenset({"could", "may", "might", "would", "will", "should", "'ll", "wo"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "which", "that", "who", "this", "i", "you"})
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


def looks_like_amount(text: str) -> str | None:
    """ "PERCENT" or "MONEY" when a text spells out a share or a sum, else None."""
    if not re.search(r"\d", text):
        return None
    if re.search(r"%|\bper ?cent\b|\bpct\b", text, re.IGNORECASE):
        return "PERCENT"
    if any(symbol in text for symbol in ("$", "€", "£", "¥", "₩", "₹")):
        return "MONEY"
    return None


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
            if match:
                end = doc.char_span(doc[end].idx, doc[end].idx + match.end(), alignment_mode="expand").end  # type: ignore[union-attr]
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
    for lo, hi in _split_range(text):
        piece_text = re.sub(r"(?:\s+(?:to|and|or)|\s*[-–—])\s*$", "", text[lo:hi]).rstrip(" ,")
        amount = parse_amount(piece_text)
        if amount is None:
            continue
        lead = len(piece_text) - len(_strip_qualifiers(piece_text))
        parsed.append((span.start_char + lo + lead, span.start_char + lo + len(piece_text), amount))
    if len(parsed) > 1:
        parsed = _inherit(parsed)
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


def _strip_qualifiers(text: str) -> str:
    while True:
        match = APPROXIMATE.match(text) or NEUTRAL.match(text)
        if match is None or match.end() == 0:
            return text
        text = text[match.end() :]


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


def _split_range(text: str) -> list[tuple[int, int]]:
    """Character bounds of the amounts in an entity: "$60 billion to $65 billion" has two."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for joiner in _RANGE_JOINER.finditer(text):
        left, right = text[start : joiner.start()], text[joiner.end() :]
        dash = not joiner.group().strip().isalpha()
        if dash and not (re.search(r"\d[%a-z]*$", left) and re.match(r"^[^\s\d]{0,3}\d", right)):
            continue
        if _has_number(left) and _has_number(right):
            bounds.append((start, joiner.start()))
            start = joiner.end()
    bounds.append((start, len(text)))
    return bounds


def _has_number(text: str) -> bool:
    return bool(re.search(r"\d", text) or _WORD_NUMBER.search(text))


def _inherit(parsed: list[tuple[int, int, Amount]]) -> list[tuple[int, int, Amount]]:
    """The lower end of a range takes the currency and scale the upper end spells out."""
    _, _, (_, last_unit, last_scale, _) = parsed[-1]
    result = []
    for start, end, (value, unit, scale, approximate) in parsed:
        if scale is None and last_scale is not None:
            value, scale = tidy(value * SCALES[last_scale][1]), last_scale
        result.append((start, end, (value, unit or last_unit, scale, approximate)))
    return result


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


# ---------------------------------------------------------------- what, when, how sure


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
