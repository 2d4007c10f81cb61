"""Filters written into a query: "the article from TechCrunch", "published in October 2023"."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date

from newsgraph.search.hybrid import Filters

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_PUBLISHED = re.compile(
    r"\b(?:published|reported|written)\s+(?:in|during)\s+(?:(?P<month>[A-Za-z]+)\s+)?(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def parse_filters(query: str, sources: Iterable[str], base: Filters | None = None) -> tuple[str, Filters]:
    """Take publisher and publication-date phrases out of a query and make them filters."""
    base = base or Filters()
    source, since, until = base.source, base.since, base.until
    text = query
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
        month = _MONTHS.get((match["month"] or "").lower())
        if month:
            since, until = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        else:
            since, until = date(year, 1, 1), date(year, 12, 31)
        text = (text[: match.start()] + text[match.end() :]).strip()
    text = re.sub(r"\s{2,}", " ", text).strip(" ,") or query
    return text, Filters(source, since, until, base.entity_ids)
