"""Date expressions: spaCy DATE entities normalized against the publication date.

News rarely writes a full date: "on Thursday", "in April", "last year", "the third
quarter". Each is resolved to the precision the text gives ("2025-04-17", "2025-04",
"2025-Q3", "2025"). Our own rules handle the forms news uses most, predictably and
fast; dateparser handles the rest. Without a publication date only absolute
expressions resolve.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span, Token

from newsgraph.core.periods import MONTHS, ORDINAL_QUARTERS, WEEKDAYS, quarter_of
from newsgraph.core.types import DateMention

Prefer = Literal["past", "future"] | None
Normalized = tuple[str, str]

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a couple of": 2,
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

# Words in front of a date that locate an event around it but do not change its value.
_LEADING = re.compile(
    r"^(?:as (?:early|late|soon) as|no (?:later|earlier) than|(?:some ?time|at some point) in|"
    r"since|until|till|through(?:out)?|by|in|on|at|from|starting(?: in| on| from)?|"
    r"beginning(?: in| on)?|during|before|after|around|about|circa|for|of|to|"
    r"(?:the )?(?:start|beginning|end|middle|close|first half|second half|rest|remainder|course)"
    r" of|(?:the )?(?:early|late) part of|early|late|mid|end|the|its|their)\b[\s-]*",
)
_TRAILING = re.compile(r"(?:'s|’s|\s+(?:morning|afternoon|evening|night|overnight|local time))$")
# A period named by its end ("the quarter ending April 27", "the half-year to June"):
# the end date is what the text pins down.
_ANCHORED = re.compile(
    r"^(?:the |its |their |a )?(?:(?:fiscal|financial|first|second|third|fourth|final|latest|current|"
    r"same|previous|last|three|six|nine|twelve|12)[- ]?(?:months?)?\s+)*"
    r"(?:quarter|half|half-year|half year|year|period|month|months|fiscal year|financial year|"
    r"fiscal quarter|financial quarter)s?\s+(?:that\s+)?(?:ending|ended|ends|to|through|until|thru)\s+"
    r"(?:in\s+|on\s+)?(?P<anchor>.+)$"
)
_FULL_DAY_MDY = re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}$")
_FULL_DAY_DMY = re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$")
_MONTH_YEAR = re.compile(rf"^{_MONTH},?\s+(?:of\s+)?{_YEAR}$")
_MONTH_DAY = (
    re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}$"),
    re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}$"),
)
_MONTH_ONLY = re.compile(rf"^(?P<rel>next|last|this|coming|past)?\s*{_MONTH}$")
# "October this year", "March of last year"
_MONTH_OF_YEAR = re.compile(rf"^{_MONTH}\s+(?:of\s+)?(?P<which>this|last|next)\s+year$")
_YEAR_OFFSET = {"this": 0, "last": -1, "next": 1}
_WEEKDAY_ONLY = re.compile(rf"^(?P<rel>next|last|this|coming|past)?\s*{_WEEKDAY}$")
_YEAR_ONLY = re.compile(
    rf"^(?:(?:fiscal|financial)(?: year)?|fy|calendar(?: year)?|the year)?\s*'?{_YEAR}"
    r"(?:\s+(?:fiscal|financial|calendar) year)?$"
)
_FY_SHORT = re.compile(r"^fy\s?'?(?P<yy>\d\d)$")
_QUARTER = re.compile(
    r"^(?:(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+"
    r"(?:fiscal |financial |calendar )?quarter|q(?P<q>[1-4]))"
    r"(?:,?\s+(?:of\s+)?(?:the\s+)?(?:fiscal |financial |calendar )?(?:year\s+)?(?:fy\s?)?"
    r"'?(?P<year>(?:19|20)?\d\d))?$"
)
_QUARTER_YEAR_FIRST = re.compile(rf"^{_YEAR}\s+q(?P<q>[1-4])$")
_QUARTER_COMPACT = re.compile(r"^(?P<q>[1-4])q\s?'?(?P<year>(?:20)?\d\d)$")
_HALF = re.compile(rf"^(?:first|second|1st|2nd|h1|h2)\s+(?:half\s+)?(?:of\s+)?(?:fiscal\s+)?{_YEAR}$")
_AGO = re.compile(
    r"^(?P<n>\d+|a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit>year|month|day|week|decade)s?\s+ago$"
)
# Relative expressions keyed by their text after _LEADING: (unit, offset).
_RELATIVE: dict[str, tuple[str, int]] = {
    "this year": ("year", 0),
    "year": ("year", 0),
    "current year": ("year", 0),
    "earlier this year": ("year", 0),
    "later this year": ("year", 0),
    "so far this year": ("year", 0),
    "year to date": ("year", 0),
    "year-to-date": ("year", 0),
    "last year": ("year", -1),
    "previous year": ("year", -1),
    "prior year": ("year", -1),
    "a year ago": ("year", -1),
    "next year": ("year", 1),
    "coming year": ("year", 1),
    "this month": ("month", 0),
    "month": ("month", 0),
    "current month": ("month", 0),
    "earlier this month": ("month", 0),
    "later this month": ("month", 0),
    "last month": ("month", -1),
    "previous month": ("month", -1),
    "next month": ("month", 1),
    "coming month": ("month", 1),
    "this quarter": ("quarter", 0),
    "current quarter": ("quarter", 0),
    "last quarter": ("quarter", -1),
    "previous quarter": ("quarter", -1),
    "prior quarter": ("quarter", -1),
    "next quarter": ("quarter", 1),
    "coming quarter": ("quarter", 1),
    "today": ("day", 0),
    "yesterday": ("day", -1),
    "tomorrow": ("day", 1),
}
# Words dateparser would happily turn into "now" or into nonsense; they name no date.
_VAGUE = re.compile(
    r"\b(?:recent(?:ly)?|past|years|decades|months|weeks|days|ages|future|period|time|era|century|"
    r"annual(?:ly)?|daily|weekly|monthly|quarterly|yearly|multi-year|long-term|short-term|full-year|"
    r"same|following|prior|previous|coming|next few|last few|several|few|many|once|now|later|earlier|"
    r"hours?|minutes?|seconds?|[ap]\.?m\.?)(?=\W|$)"
)
_DATEPARSER_PERIODS = {"day": "day", "time": "day", "week": "day", "month": "month", "year": "year"}


def normalize_date(text: str, published: date | None, prefer: Prefer = None) -> Normalized | None:
    """(value, precision) of a date expression, or None when it names no definite date.

    `prefer` breaks the ambiguity of a month or weekday without a year: "past" or
    "future" when the sentence's tense says which, None for the nearest one.
    """
    return _normalize(" ".join(text.lower().split()), published, prefer)


@lru_cache(maxsize=4096)
def _normalize(text: str, published: date | None, prefer: Prefer) -> Normalized | None:
    text = _strip(text)
    if not text:
        return None
    anchored = _ANCHORED.match(text)
    if anchored:
        return _normalize(_strip(anchored.group("anchor")), published, prefer)
    for rule in _RULES:
        result = rule(text, published, prefer)
        if result is not None:
            return result or None  # () means "this rule knows it is no date"
    return _with_dateparser(text, published)


def _strip(text: str) -> str:
    text = text.strip(" ,.;:()\"'")
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text, count=1).strip(" ,")
        text = _TRAILING.sub("", text).strip(" ,")
    return text


Rule = Callable[[str, date | None, Prefer], "Normalized | tuple[()] | None"]


def _absolute(text: str, published: date | None, prefer: Prefer) -> Normalized | tuple[()] | None:
    for pattern in (_FULL_DAY_MDY, _FULL_DAY_DMY):
        match = pattern.match(text)
        if match:
            return _day(int(match["year"]), MONTHS[match["month"]], int(match["day"]))
    match = _MONTH_YEAR.match(text)
    if match:
        return f"{match['year']}-{MONTHS[match['month']]:02d}", "month"
    match = _YEAR_ONLY.match(text)
    if match:
        return match["year"], "year"
    match = _FY_SHORT.match(text)
    if match:
        return f"20{match['yy']}", "year"
    match = _HALF.match(text)
    if match:
        return match["year"], "year"
    return None


def _quarters(text: str, published: date | None, prefer: Prefer) -> Normalized | tuple[()] | None:
    match = _QUARTER.match(text) or _QUARTER_YEAR_FIRST.match(text) or _QUARTER_COMPACT.match(text)
    if not match:
        return None
    groups = match.groupdict()
    quarter = int(groups["q"]) if groups.get("q") else ORDINAL_QUARTERS[groups["ord"]]
    year_text = groups.get("year")
    if year_text:
        year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
        return f"{year}-Q{quarter}", "quarter"
    if published is None:
        return ()
    current = quarter_of(published.month)
    year = _pick_year(published, current, quarter, prefer, period=4)
    return f"{year}-Q{quarter}", "quarter"


def _months_and_days(text: str, published: date | None, prefer: Prefer) -> Normalized | tuple[()] | None:
    match = _MONTH_DAY[0].match(text) or _MONTH_DAY[1].match(text)
    if match:
        if published is None:
            return ()
        month, day = MONTHS[match["month"]], int(match["day"])
        weekday = WEEKDAYS[match["weekday"]] if match["weekday"] else None
        year = _pick_year_for_day(published, month, day, prefer, weekday)
        return _day(year, month, day)
    match = _MONTH_OF_YEAR.match(text)
    if match:
        if published is None:
            return ()
        return f"{published.year + _YEAR_OFFSET[match['which']]}-{MONTHS[match['month']]:02d}", "month"
    match = _MONTH_ONLY.match(text)
    if match:
        if published is None:
            return ()
        month = MONTHS[match["month"]]
        rel = match["rel"]
        if rel in ("next", "coming"):
            year = published.year + (1 if month <= published.month else 0)
        elif rel in ("last", "past"):
            year = published.year - (1 if month >= published.month else 0)
        elif rel == "this":
            year = published.year
        else:
            year = _pick_year(published, published.month, month, prefer, period=12)
        return f"{year}-{month:02d}", "month"
    match = _WEEKDAY_ONLY.match(text)
    if match:
        if published is None:
            return ()
        rel = match["rel"]
        direction = prefer or "past"
        if rel in ("next", "coming"):
            direction = "future"
        elif rel in ("last", "past"):
            direction = "past"
        return _weekday(published, WEEKDAYS[match["weekday"]], direction, strict=rel is not None), "day"
    return None


def _relative(text: str, published: date | None, prefer: Prefer) -> Normalized | tuple[()] | None:
    found = _RELATIVE.get(text)
    if found is None:
        match = _AGO.match(text)
        if not match:
            return None
        count = int(match["n"]) if match["n"].isdigit() else NUMBER_WORDS[match["n"]]
        unit = match["unit"]
        found = ("year", -10 * count) if unit == "decade" else (unit, -count)
        if unit == "week":
            found = ("day", -7 * count)
    if published is None:
        return ()
    unit, offset = found
    if unit == "year":
        return str(published.year + offset), "year"
    if unit == "quarter":
        index = published.year * 4 + (published.month - 1) // 3 + offset
        return f"{index // 4}-Q{index % 4 + 1}", "quarter"
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        return f"{index // 12}-{index % 12 + 1:02d}", "month"
    return (published + timedelta(days=offset)).isoformat(), "day"


def _vague(text: str, published: date | None, prefer: Prefer) -> Normalized | tuple[()] | None:
    has_anchor = any(ch.isdigit() for ch in text) or any(
        word in MONTHS or word in WEEKDAYS for word in re.findall(r"[a-z]+", text)
    )
    several_years = len(re.findall(r"\b(?:19|20)\d\d\b", text)) > 1  # a range names no one date
    if _VAGUE.search(text) or not has_anchor or several_years or re.search(r"\d0s\b", text):
        return ()
    return None


_RULES: tuple[Rule, ...] = (_absolute, _relative, _quarters, _months_and_days, _vague)


def _day(year: int, month: int, day: int) -> Normalized | tuple[()]:
    try:
        return date(year, month, day).isoformat(), "day"
    except ValueError:
        return ()


def _pick_year(published: date, current: int, target: int, prefer: Prefer, period: int) -> int:
    """The year putting a month (or quarter) of the cycle nearest the publication date.

    Past-tense sentences look back, future-tense ones forward; otherwise the nearest wins,
    which is the current year for most months a news story names without a year.
    """
    delta = target - current
    back = -delta if delta <= 0 else period - delta
    ahead = delta if delta >= 0 else period + delta
    # The preferred direction wins unless it reaches most of a cycle away, which
    # usually means the parse misread the tense.
    if prefer == "past" and back <= period * 5 // 6:
        return published.year - (1 if delta > 0 else 0)
    if prefer == "future" and ahead <= period * 5 // 6:
        return published.year + (1 if delta < 0 else 0)
    if delta >= period / 2:  # a tie goes to the past: news mostly reports
        return published.year - 1
    if delta < -period / 2:
        return published.year + 1
    return published.year


def _pick_year_for_day(published: date, month: int, day: int, prefer: Prefer, weekday: int | None) -> int:
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    # "Monday, Jan. 13" names the year whose Jan. 13 is a Monday.
    candidates = [c for c in candidates if weekday is None or c.weekday() == weekday] or candidates
    window = timedelta(days=300)  # beyond it the parse more likely misread the tense
    if prefer == "past":
        candidates = [c for c in candidates if published - window <= c <= published] or candidates
    elif prefer == "future":
        candidates = [c for c in candidates if published <= c <= published + window] or candidates
    if not candidates:
        return published.year
    return min(candidates, key=lambda c: abs((c - published).days)).year


def _weekday(published: date, weekday: int, direction: str, strict: bool) -> str:
    # "said on Tuesday" in a Tuesday paper is that day; "last Tuesday" is a week back.
    if direction == "future":
        ahead = (weekday - published.weekday()) % 7
        return (published + timedelta(days=ahead or (7 if strict else 0))).isoformat()
    back = (published.weekday() - weekday) % 7
    return (published - timedelta(days=back or (7 if strict else 0))).isoformat()


def _with_dateparser(text: str, published: date | None) -> Normalized | None:
    # Only texts that spell out a calendar date: dateparser turns "24 hours" into yesterday.
    if not re.search(rf"(?:19|20)\d\d|\d[/.-]\d|\b{_MONTH}", text):
        return None
    data = _date_parser(published).get_date_data(text)
    if data.date_obj is None:
        return None
    precision = _DATEPARSER_PERIODS.get(data.period or "day", "day")
    value = data.date_obj.date()
    if published is None and not re.search(r"\d{4}", text):
        return None  # dateparser filled the year from today's clock
    if precision == "year":
        return str(value.year), "year"
    if precision == "month":
        return f"{value.year}-{value.month:02d}", "month"
    return value.isoformat(), "day"


@lru_cache(maxsize=256)
def _date_parser(published: date | None) -> DateDataParser:
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings=settings)


# ---------------------------------------------------------------- mentions in a doc

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "would", "wo"})
_FUTURE_LEMMAS = frozenset(
    {
        "forecast",
        "expect",
        "plan",
        "project",
        "predict",
        "anticipate",
        "aim",
        "intend",
        "schedule",
        "due",
        "set",
        "prepare",
        "target",
        "guide",
    }
)
_FUTURE_PREPOSITIONS = frozenset({"until", "till", "by", "from"})
_PAST_PREPOSITIONS = frozenset({"since", "ago"})
_AMOUNT = re.compile(r"\d\s*%|\d\s*(?:per ?cent|pct)\b|[$€£¥₩₹]\s*\d", re.IGNORECASE)
_DAY_WORDS = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)}|today|yesterday|tomorrow)\b", re.IGNORECASE)


def date_mentions(doc: Doc, published: date | None, sentence_of: Callable[[int], int]) -> list[DateMention]:
    """Every DATE entity of a parsed article (and TIME naming a day) that normalizes."""
    result: list[DateMention] = []
    for ent in doc.ents:
        if _AMOUNT.search(ent.text):
            continue  # a share or a sum the model took for a date: "between 10 and 15 percent"
        if ent.label_ == "DATE" or (ent.label_ == "TIME" and _DAY_WORDS.search(ent.text)):
            normalized = normalize_date(ent.text, published, tense_of(ent))
            if normalized is not None:
                value, precision = normalized
                result.append(
                    DateMention(
                        sentence_of(ent.start_char), ent.start_char, ent.end_char, ent.text, value, precision
                    )
                )
    return result


def tense_of(span: Span) -> Prefer:
    """Whether the clause a date sits in looks back ("past"), forward ("future"), or neither."""
    lowered = span.text.lower()
    if lowered.startswith(("as early as", "as soon as", "next", "coming")):
        return "future"
    first = span[0]
    before = span.doc[first.i - 1] if first.i > 0 else None
    if before is not None and before.lower_ in _PAST_PREPOSITIONS:
        return "past"
    verb = _attached_verb(span)
    if verb is None:
        return None
    if _has_future_aux(verb):
        return "future"
    # "forecast revenue for November" looks ahead; "forecast ... on Wednesday" says when.
    on_day = before is not None and before.lower_ == "on"
    if verb.lemma_.lower() in _FUTURE_LEMMAS and verb.tag_ != "VBN" and not on_day:
        return "future"
    if verb.tag_ == "VBD":
        return "past"
    # A present tense names a scheduled day ("takes effect on Friday"), except in a
    # headline, where the present tense reports the past.
    if verb.tag_ in ("VBZ", "VBP") and _DAY_WORDS.search(span.text) and span.sent.start > 0:
        return "future"
    if _looks_forward(verb) or (before is not None and before.lower_ in _FUTURE_PREPOSITIONS):
        return "future"
    if verb.tag_ == "VBN" and not any(c.dep_ == "auxpass" for c in verb.children):
        return "past"
    if verb.tag_ == "VBN" and any(c.lower_ in ("was", "were") for c in verb.children):
        return "past"
    if any(c.dep_ == "aux" and c.tag_ == "VBD" and c.lower_ in ("had", "did") for c in verb.children):
        return "past"
    return None


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above a token in the parse (the token itself if it is one)."""
    while token.pos_ not in ("VERB", "AUX"):
        if token.head.i == token.i:
            return None
        token = token.head
    return token


def _attached_verb(span: Span) -> Token | None:
    """The verb a date modifies, corrected for a common misparse of reported speech.

    In "said on Tuesday it would resume sales" the parser hangs "on Tuesday" on "resume";
    a date standing before the subject of its verb belongs to the verb above.
    """
    root = span.root
    verb = governing_verb(root.head) if root.head.i != root.i else None
    if verb is None:
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and subjects[0].i > span.end - 1 and verb.dep_ in ("ccomp", "xcomp", "advcl", "conj"):
        above = governing_verb(verb.head)
        if above is not None and above.i < span.start:
            return above
    return verb


def _has_future_aux(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in verb.children)


def _looks_forward(verb: Token) -> bool:
    if _has_future_aux(verb):
        return True
    # "plans to launch in May", "is expected to ship in October"
    head = verb
    for _ in range(3):
        if head.lemma_.lower() in _FUTURE_LEMMAS and head.tag_ != "VBN":
            return True
        if head.dep_ != "xcomp" or head.head.i == head.i:
            break
        head = head.head
        if head.lemma_.lower() in _FUTURE_LEMMAS:
            return True
    return verb.lower_ == "going" or any(c.lower_ == "going" for c in verb.children)
