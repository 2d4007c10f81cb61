"""Amounts as written: one amount of money, a share or a count read from its text.

`parse_amount` reads one amount ("about $23bn", "2.3 trillion yuan", "17 per cent")
with exact decimal arithmetic. Here too are the words it reads by (currency signs and
words, scale words, units of measure, qualifiers that make an amount approximate) and
the text-level steps of reading a range ("$60 billion to $65 billion" is two amounts,
the lower taking the units the upper spells out).
"""

from __future__ import annotations

import re
from decimal import Decimal

from newsgraph.core.text import singular

Amount = tuple[Decimal, str | None, str | None, bool]

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
        word = qualifier or NEUTRAL.match(text)
        if word is None:
            break
        approximate = approximate or qualifier is not None
        text = text[word.end() :]
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


def looks_like_amount(text: str) -> str | None:
    """ "PERCENT" or "MONEY" when a text spells out a share or a sum, else None."""
    if not re.search(r"\d", text):
        return None
    if re.search(r"%|\bper ?cent\b|\bpct\b", text, re.IGNORECASE):
        return "PERCENT"
    if any(symbol in text for symbol in ("$", "€", "£", "¥", "₩", "₹")):
        return "MONEY"
    return None


def strip_qualifiers(text: str) -> str:
    while True:
        match = APPROXIMATE.match(text) or NEUTRAL.match(text)
        if match is None or match.end() == 0:
            return text
        text = text[match.end() :]


def split_range(text: str) -> list[tuple[int, int]]:
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


def inherit_units(parsed: list[tuple[int, int, Amount]]) -> list[tuple[int, int, Amount]]:
    """The lower end of a range takes the currency and scale the upper end spells out."""
    _, _, (_, last_unit, last_scale, _) = parsed[-1]
    result = []
    for start, end, (value, unit, scale, approximate) in parsed:
        if scale is None and last_scale is not None:
            value, scale = tidy(value * SCALES[last_scale][1]), last_scale
        result.append((start, end, (value, unit or last_unit, scale, approximate)))
    return result
