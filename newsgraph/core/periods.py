"""Calendar words and periods: one table of month, weekday and quarter names, used by
ingest (dates in articles), search (periods a query names) and answering (periods a
question asks about)."""

from __future__ import annotations

import calendar
from datetime import date

Period = tuple[date, date]  # its first and last day

MONTH_NAMES = tuple(calendar.month_name[1:])  # "January" ... "December", in order
# Month names as a reader meets them, lowercase: full names only ("may" is a word as well).
FULL_MONTHS: dict[str, int] = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
# Full names and their abbreviations, for text already known to be a date ("Sept. 4").
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
ORDINAL_QUARTERS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}


def months(year: int, first: int, last: int) -> Period:
    """The days from the first month's first to the last month's last, in one year."""
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def quarter_of(month: int) -> int:
    """The calendar quarter a month is in."""
    return (month - 1) // 3 + 1
