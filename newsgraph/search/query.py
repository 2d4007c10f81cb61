"""What a query says besides its words: filters ("the article from TechCrunch", "published in
October 2023") and the periods it names ("in February 2025", "Q3 2025"), which favour the
articles published then."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date, timedelta

from newsgraph.core.periods import FULL_MONTHS, ORDINAL_QUARTERS, Period, months
from newsgraph.core.records import Filters

_PUBLISHED = re.compile(
    r"\b(?:published|reported|written)\s+(?:in|during)\s+(?:(?P<month>[A-Za-z]+)\s+)?(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def named_sources(query: str, sources: Iterable[str]) -> tuple[str, ...]:
    """The publishers a query names anywhere, as whole words ("the TechCrunch article")."""
    found: list[str] = []
    for name in sorted(sources, key=len, reverse=True):
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", query, re.IGNORECASE) and not any(
            name.casefold() in longer.casefold() for longer in found
        ):
            found.append(name)
    return tuple(found)


# A publisher a question cites: "a Wall Street Journal report", "an article from The Verge",
# "another by CNET". A capitalised name (with "of" and "&" inside: "Times of India").
_NAME = r"(?P<name>(?:The\s+)?[A-Z][\w&.-]*(?:\s+(?:of|&|and|[A-Z][\w&.-]*)){0,5})(?![\w'’])"
_PIECE = r"(?:article|report|piece|review|story|column|op-ed|post|coverage)s?"
_CITED = (
    re.compile(rf"\b(?:a|an|the)\s+{_NAME}\s+{_PIECE}\b"),
    re.compile(rf"\b(?:{_PIECE}|another|one)\s+(?:from|by|in)\s+(?:an?\s+)?{_NAME}"),
)
_NOT_PUBLISHERS = {name.lower() for name in (*calendar.month_name, *calendar.day_name) if name}


def cited_publishers(question: str) -> list[str]:
    """The publishers whose articles a question says it draws on, as written."""
    found: list[str] = []
    for pattern in _CITED:
        for match in pattern.finditer(question):
            name = re.sub(r"(?:\s+(?:of|&|and))+$", "", match.group("name"))
            for part in re.split(r"\s+(?:and|&)\s+(?=[A-Z])", name):
                part = re.sub(r"^The\s+", "", part).strip()
                if part and part.lower() not in _NOT_PUBLISHERS and part not in found:
                    found.append(part)
    return found


def unknown_publishers(question: str, sources: Iterable[str]) -> list[str]:
    """The publishers a question cites that no stored article comes from. A stored source
    matches by its whole name or its head ("BBC News" is "BBC News - Entertainment & Arts",
    "CNBC" is "Cnbc | World Business News Leader")."""
    known = set()
    for source in sources:
        known |= {_publisher_key(source), _publisher_key(re.split(r"\s+[|:-]\s+", source)[0])}
    return [name for name in cited_publishers(question) if _publisher_key(name) not in known]


def _publisher_key(name: str) -> str:
    return re.sub(r"^the\s+", "", name.casefold()).strip()


def parse_filters(query: str, sources: Iterable[str], base: Filters | None = None) -> tuple[str, Filters]:
    """Take publisher and publication-date phrases out of a query and make them filters.

    "from Asia Chip Wire" narrows to that publisher only when the query names no other:
    a question comparing two publishers' articles needs both.
    """
    base = base or Filters()
    source, since, until = base.source, base.since, base.until
    text = query
    sources = list(sources)
    if len(named_sources(query, sources)) > 1:
        sources = []
    for name in sorted(sources, key=len, reverse=True):
        found = re.search(
            rf"\b(?:from|by|in|according to)\s+(?:the\s+)?{re.escape(name)}\b", text, re.IGNORECASE
        )
        if found and source is None:
            source = name
            text = (text[: found.start()] + text[found.end() :]).strip()
            break
    match = _PUBLISHED.search(text)
    if match and since is None and until is None:
        year = int(match["year"])
        month = FULL_MONTHS.get((match["month"] or "").lower())
        since, until = months(year, month, month) if month else months(year, 1, 12)
        text = (text[: match.start()] + text[match.end() :]).strip()
    text = re.sub(r"\s{2,}", " ", text).strip(" ,") or query
    return text, Filters(source, since, until, base.entity_ids, base.as_of)


_QUARTER_WORDS = {word: q for word, q in ORDINAL_QUARTERS.items() if word.isalpha()}
_NAMED_PERIOD = re.compile(
    # A year after these is a horizon, not when the news was told ("reach 55% by 2027"), or a
    # company's own calendar ("its fiscal third quarter of 2026" ended in October 2025).
    r"\b(?:(?P<not_when_told>by|until|through|to|from|fiscal)\s+)?"
    r"(?:(?P<part>early|mid|late)[\s-]+)?"
    rf"(?:(?:Q(?P<q>[1-4])|(?P<quarter>{'|'.join(_QUARTER_WORDS)})\s+quarter)(?:\s+of)?\s+"
    rf"|(?P<month>{'|'.join(FULL_MONTHS)})\s+)?(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_PART_MONTHS = {"early": (1, 6), "mid": (4, 9), "late": (7, 12)}


def mentioned_periods(query: str) -> tuple[Period, ...]:
    """The months, quarters and years a query names as when something happened."""
    periods = []
    for match in _NAMED_PERIOD.finditer(query):
        if match["not_when_told"]:
            continue
        year = int(match["year"])
        month = FULL_MONTHS.get((match["month"] or "").lower())
        quarter = int(match["q"]) if match["q"] else _QUARTER_WORDS.get((match["quarter"] or "").lower())
        if month:
            first, last = month, month
        elif quarter:
            first, last = 3 * quarter - 2, 3 * quarter
        else:
            first, last = _PART_MONTHS.get((match["part"] or "").lower(), (1, 12))
        periods.append(months(year, first, last))
    return tuple(periods)


# How far back from the day a question is asked a phrase reaches, in days.
_DAYS_BACK = {
    "today": 0,
    "tonight": 0,
    "yesterday": 1,
    "this week": 7,
    "past week": 7,
    "this weekend": 7,
    "last week": 14,
    "last weekend": 14,
    "past few days": 7,
    "last few days": 7,
    "past few weeks": 28,
    "last few weeks": 28,
    "this month": 31,
    "past month": 31,
    "last month": 62,
    "recently": 31,
    "recent": 31,
    "latest": 31,
    "this year": 366,
}
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_RELATIVE = re.compile(
    rf"\b(?:(?:this|on|last) )?(?:{'|'.join(_WEEKDAYS)})\b|\b(?:{'|'.join(_DAYS_BACK)})\b", re.IGNORECASE
)


def relative_periods(query: str, as_of: date) -> tuple[Period, ...]:
    """The periods a query names relative to the day it is asked: "this week", "last month",
    "recently", "on Sunday" (a weekday is one of the last seven days)."""
    periods = []
    for match in _RELATIVE.finditer(query):
        phrase = match.group(0).lower()
        back = 7 if phrase.split()[-1] in _WEEKDAYS else _DAYS_BACK[phrase]
        periods.append((as_of - timedelta(days=back), as_of))
    return tuple(periods)
