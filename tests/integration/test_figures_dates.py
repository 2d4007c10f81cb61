"""Amounts and dates: the parsers on their own, then on sentences run through spaCy."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from decimal import Decimal

import pytest
from spacy.language import Language

from newsgraph.core.settings import Settings
from newsgraph.core.types import DateMention, Figure
from newsgraph.ingest.dates import date_mentions, normalize_date
from newsgraph.ingest.extract import build_pipeline, sentences
from newsgraph.ingest.figure_amounts import parse_amount
from newsgraph.ingest.figures import figure_mentions
from newsgraph.ingest.gazetteer import load_gazetteer

D = Decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5 million", (D(1500000), None, "million", False)),
        ("120,000", (D(120000), None, None, False)),
        ("1.1 trillion", (D(1100000000000), None, "trillion", False)),
        ("$23 billion", (D(23000000000), "USD", "billion", False)),
        ("$23bn", (D(23000000000), "USD", "billion", False)),
        ("US$23 bn", (D(23000000000), "USD", "billion", False)),
        ("$4.75m", (D(4750000), "USD", "million", False)),
        ("$10-billion", (D(10000000000), "USD", "billion", False)),
        ("$118.42", (D("118.42"), "USD", None, False)),
        ("17%", (D(17), "percent", None, False)),
        ("17 percent", (D(17), "percent", None, False)),
        ("17 per cent", (D(17), "percent", None, False)),
        ("0.25%", (D("0.25"), "percent", None, False)),
        ("40 basis points", (D(40), "basis point", None, False)),
        ("2.3 trillion yuan", (D(2300000000000), "CNY", "trillion", False)),
        ("RMB 40 billion", (D(40000000000), "CNY", "billion", False)),
        ("9 billion renminbi", (D(9000000000), "CNY", "billion", False)),
        ("€2 billion", (D(2000000000), "EUR", "billion", False)),
        ("£640 million", (D(640000000), "GBP", "million", False)),
        ("1.2tn won", (D(1200000000000), "KRW", "trillion", False)),
        ("¥500 billion", (D(500000000000), "JPY", "billion", False)),
        ("300 billion yen", (D(300000000000), "JPY", "billion", False)),
        ("NT$1 trillion", (D(1000000000000), "TWD", "trillion", False)),
        ("85 billion Taiwan dollars", (D(85000000000), "TWD", "billion", False)),
        ("HK$3.2 billion", (D(3200000000), "HKD", "billion", False)),
        ("about $2 billion", (D(2000000000), "USD", "billion", True)),
        ("roughly 6%", (D(6), "percent", None, True)),
        ("nearly 40,000", (D(40000), None, None, True)),
        ("almost $1 trillion", (D(1000000000000), "USD", "trillion", True)),
        ("more than 1 million", (D(1000000), None, "million", True)),
        ("over 500", (D(500), None, None, True)),
        ("under 10%", (D(10), "percent", None, True)),
        ("some 300", (D(300), None, None, True)),
        ("up to $800 million", (D(800000000), "USD", "million", True)),
        ("three types", (D(3), "type", None, False)),
        ("a dozen", (D(12), None, None, False)),
        ("half a million", (D(500000), None, "million", False)),
        ("twenty-five", (D(25), None, None, False)),
        ("40,000 wafers", (D(40000), "wafer", None, False)),
        ("512 gigabytes", (D(512), "gigabyte", None, False)),
        ("9.6 gigabits per second", (D("9.6"), "gigabit per second", None, False)),
        ("plus or minus $250 million", (D(250000000), "USD", "million", False)),
    ],
)
def test_parse_amount(text: str, expected: tuple[Decimal, str | None, str | None, bool]) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["", "record", "the company", "a few"])
def test_parse_amount_needs_a_number(text: str) -> None:
    assert parse_amount(text) is None


def test_parse_amount_is_exact() -> None:
    value = parse_amount("3.3 trillion")
    assert value is not None and str(value[0]) == "3300000000000"


PUBLISHED = date(2025, 8, 23)  # a Saturday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April", ("2025-04", "month")),
        ("in April", ("2025-04", "month")),
        ("October", ("2025-10", "month")),
        ("last March", ("2025-03", "month")),
        ("October this year", ("2025-10", "month")),
        ("in March last year", ("2024-03", "month")),
        ("January of next year", ("2026-01", "month")),
        ("next April", ("2026-04", "month")),
        ("March 2021", ("2021-03", "month")),
        ("July 9", ("2025-07-09", "day")),
        ("as early as September 2", ("2025-09-02", "day")),
        ("June 5, 2022", ("2022-06-05", "day")),
        ("5 June 2022", ("2022-06-05", "day")),
        ("Thursday", ("2025-08-21", "day")),
        ("Saturday", ("2025-08-23", "day")),
        ("last Saturday", ("2025-08-16", "day")),
        ("Tuesday morning", ("2025-08-19", "day")),
        ("today", ("2025-08-23", "day")),
        ("yesterday", ("2025-08-22", "day")),
        ("last month", ("2025-07", "month")),
        ("next month", ("2025-09", "month")),
        ("earlier this month", ("2025-08", "month")),
        ("this year", ("2025", "year")),
        ("earlier this year", ("2025", "year")),
        ("later this year", ("2025", "year")),
        ("the end of the year", ("2025", "year")),
        ("last year", ("2024", "year")),
        ("next year", ("2026", "year")),
        ("early next year", ("2026", "year")),
        ("two years ago", ("2023", "year")),
        ("a decade ago", ("2015", "year")),
        ("2019", ("2019", "year")),
        ("by 2030", ("2030", "year")),
        ("in 2021", ("2021", "year")),
        ("mid-2023", ("2023", "year")),
        ("late 2026", ("2026", "year")),
        ("the first half of 2024", ("2024", "year")),
        ("fiscal 2026", ("2026", "year")),
        ("fiscal year 2024", ("2024", "year")),
        ("FY27", ("2027", "year")),
        ("the second quarter", ("2025-Q2", "quarter")),
        ("Q1", ("2025-Q1", "quarter")),
        ("the fourth quarter of 2023", ("2023-Q4", "quarter")),
        ("the final quarter of 2022", ("2022-Q4", "quarter")),
        ("Q3 2026", ("2026-Q3", "quarter")),
        ("last quarter", ("2025-Q2", "quarter")),
        ("the quarter ending July 27", ("2025-07-27", "day")),
        ("the fiscal year ending in June", ("2025-06", "month")),
        ("2024-11-05", ("2024-11-05", "day")),
        ("Monday, Jan. 13", ("2025-01-13", "day")),
        ("the 2024 fiscal year", ("2024", "year")),
        ("fourth-quarter", ("2025-Q4", "quarter")),
    ],
)
def test_normalize_date(text: str, expected: tuple[str, str]) -> None:
    assert normalize_date(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    "text",
    [
        "recently",
        "years",
        "decades",
        "the past",
        "several months",
        "weeks",
        "annual",
        "multi-year",
        "the same period",
        "the following quarter",
        "the 1990s",
        "2023-2024",
        "quarter",
        "the past few years",
    ],
)
def test_vague_dates_do_not_normalize(text: str) -> None:
    assert normalize_date(text, PUBLISHED) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("October 2022", ("2022-10", "month")), ("2027", ("2027", "year")), ("Q2 2024", ("2024-Q2", "quarter"))],
)
def test_absolute_dates_need_no_publication_date(text: str, expected: tuple[str, str]) -> None:
    assert normalize_date(text, None) == expected


@pytest.mark.parametrize("text", ["April", "Thursday", "last year", "the third quarter", "July 9"])
def test_relative_dates_need_a_publication_date(text: str) -> None:
    assert normalize_date(text, None) is None


@pytest.mark.parametrize(
    ("text", "prefer", "expected"),
    [
        ("Monday", "future", "2025-08-25"),
        ("Monday", "past", "2025-08-18"),
        ("February", "future", "2026-02"),
        ("November", "past", "2024-11"),
        ("September", None, "2025-09"),
    ],
)
def test_tense_picks_the_direction(text: str, prefer: str, expected: str) -> None:
    result = normalize_date(text, PUBLISHED, prefer)  # type: ignore[arg-type]
    assert result is not None and result[0] == expected


# ---------------------------------------------------------------- on parsed text


@pytest.fixture(scope="module")
def nlp() -> Language:
    settings = Settings()
    return build_pipeline(settings.spacy_model, load_gazetteer(settings.gazetteer))


def extract(
    nlp: Language, text: str, published: date | None = PUBLISHED
) -> tuple[list[DateMention], list[Figure]]:
    doc = nlp(text)
    items = [item[0] if isinstance(item, tuple) else item for item in sentences(doc)]
    starts = [s.start for s in items]

    def sentence_of(offset: int) -> int:
        return max(0, bisect_right(starts, offset) - 1)

    dates = date_mentions(doc, published, sentence_of)
    return dates, figure_mentions(doc, dates, sentence_of)


def test_dates_in_an_article(nlp: Language) -> None:
    dates, _ = extract(
        nlp,
        "Chip stocks slide\n\nIntel said on Thursday it would cut 15% of its staff by the end of the year. "
        "The company will report results on Tuesday. It posted losses in 2024 and in the second quarter.",
    )
    assert [(d.text, d.value, d.sentence) for d in dates] == [
        ("Thursday", "2025-08-21", 1),
        ("the end of the year", "2025", 1),
        ("Tuesday", "2025-08-26", 2),
        ("2024", "2024", 3),
        ("the second quarter", "2025-Q2", 3),
    ]


def test_figures_in_an_article(nlp: Language) -> None:
    _, figures = extract(
        nlp,
        "Researchers at Gartner estimate that GPU sales could reach about $9 billion in 2026, "
        "from $5 billion this year. Intel employs about 110,000 workers.",
    )
    assert [(f.index, f.text, f.value, f.unit, f.period, f.is_estimate, f.approximate) for f in figures] == [
        (0, "$9 billion", D(9000000000), "USD", "2026", True, True),
        (1, "$5 billion", D(5000000000), "USD", "2025", True, False),
        (2, "110,000 workers", D(110000), "worker", None, False, True),
    ]


def test_ranges_split_and_inherit_units(nlp: Language) -> None:
    _, figures = extract(
        nlp, "Analysts expect prices of $25,000 to $30,000, and margins of between 10 and 15 percent."
    )
    assert [(f.value, f.unit) for f in figures] == [
        (D(25000), "USD"),
        (D(30000), "USD"),
        (D(10), "percent"),
        (D(15), "percent"),
    ]


def test_counted_nouns_and_measures(nlp: Language) -> None:
    _, figures = extract(
        nlp,
        "The plant will make 40,000 wafers a month. Sales to Europe could have reached 2.5 million units. "
        "The Commerce Department added 21 Chinese companies to the list.",
    )
    assert [(f.value, f.unit) for f in figures] == [
        (D(40000), "wafer"),
        (D(2500000), "unit"),
        (D(21), "company"),
    ]
    assert figures[1].measured == "Sales to Europe"
    assert figures[1].is_estimate


def test_numbers_in_names_are_no_figures(nlp: Language) -> None:
    _, figures = extract(
        nlp,
        "Nvidia sells the H20 and the Ascend 910B competes with it; Micron ships HBM3E. "
        "The rule took effect in 2023 under Section 232.",
    )
    assert figures == []
