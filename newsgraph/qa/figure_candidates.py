"""Figures and dates as answer candidates: amounts, percentages and counts a sentence gives
(from the graph's figures, or read loosely from the text), and the dates it names, each
scored by how well its period and measure fit the question."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from spacy.tokens import Span

from newsgraph.core.periods import MONTH_NAMES
from newsgraph.core.text import name_key, singular
from newsgraph.qa.analysis import YEAR, QuestionAnalysis
from newsgraph.qa.candidates import Candidate, in_question
from newsgraph.qa.evidence import Evidence, FigureSpan, stem

_RANGE_GAP = re.compile(r"^\s*(?:to|or|-|–|—)\s*$")


_RANGE_AND = re.compile(r"^\s*and\s*$")  # "between $8,000 and $9,000", not "24 types and three types"


_RANGE_LEAD = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)


_MONTH_DAY = re.compile(
    rf"\b(?:(?P<m1>{'|'.join(MONTH_NAMES)})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{'|'.join(MONTH_NAMES)})(?:\s+(?P<y2>(?:19|20)\d\d))?)\b"
)


CURRENCY = re.compile(r"^[A-Z]{3}$")


def figure_kind(unit: str | None) -> str:
    """The answer type a figure gives: money, percent or a count of something."""
    if unit == "percent":
        return "percent"
    if unit is not None and CURRENCY.match(unit):
        return "money"
    return "number"


_FIGURE_PRIORS = {
    "money": {"money": 1.0, "number": 0.35, "percent": 0.25},
    "number": {"number": 1.0, "money": 0.3, "percent": 0.3},
    "percent": {"percent": 1.0, "number": 0.25, "money": 0.2},
}


def period_fit(analysis: QuestionAnalysis, period: str | None) -> float:
    """How well a figure's period fits the year and quarter asked about; 1 when either is unknown."""
    if not period:
        return 1.0
    fit = 1.0
    if analysis.period_years and period[:4] not in analysis.period_years:
        fit *= 0.75
    quarter = re.search(r"-Q([1-4])$", period)
    if analysis.quarter and quarter:
        fit *= 1.15 if int(quarter.group(1)) == analysis.quarter else 0.7
    return fit


def measure_fit(analysis: QuestionAnalysis, measured: str | None) -> float:
    """More when what the graph says a figure measures ("data centre revenue") is what is asked."""
    if not measured or not analysis.terms:
        return 1.0
    said = {stem(w) for w in re.findall(r"[\w’'-]+", measured)}
    total = sum(w for _, w in analysis.terms)
    return 1.0 + 0.4 * sum(w for t, w in analysis.terms if t in said) / total


def figure_candidates(analysis: QuestionAnalysis, ev: Evidence) -> list[Candidate]:
    """Figures of the sentence, ranges whole, with the counted thing and the period."""
    priors = _FIGURE_PRIORS.get(analysis.answer_type)
    if priors is None:
        return []
    groups: list[list[FigureSpan]] = []
    asked = frozenset(stem(w) for w in re.findall(r"[\w-]+", analysis.question))
    for figure in sorted([*ev.figures, *loose_figures(ev, asked)], key=lambda f: f.start):
        gap = ev.text[groups[-1][-1].end : figure.start] if groups else ""
        if (
            groups
            and groups[-1][-1].unit == figure.unit
            and (
                _RANGE_GAP.match(gap)
                or (_RANGE_AND.match(gap) and _RANGE_LEAD.search(ev.text[: groups[-1][0].start]))
            )
        ):
            groups[-1].append(figure)
        else:
            groups.append([figure])
    found = []
    extremes = _extreme_figures(analysis, [group[-1] for group in groups])
    for group in groups:
        last = group[-1]
        kind = figure_kind(last.unit)
        start, end = group[0].start, last.end
        lead = _RANGE_LEAD.search(ev.text[:start])
        if lead and len(group) > 1:
            start = lead.start()
        if kind == "number" and last.unit and not _names_unit(ev.text[start:end], last.unit):
            end = _unit_end(ev.text, end, last.unit)
        text = ev.text[start:end].strip(" ,")
        if in_question(text, analysis) or any(
            re.search(rf"(?<![\w.,]){re.escape(f.text)}(?![\w]|[.,]\d)", analysis.question) for f in group
        ):
            continue
        period = last.period
        prior = priors[kind]
        if (
            kind == "number"
            and last.unit
            and analysis.head_words
            and stem(last.unit) == analysis.head_words[-1]
        ):
            prior *= 1.3  # "how many processors" and "650,000 processors"
        elif kind == "number" and last.unit and stem(last.unit) in asked:
            prior *= 1.1
        prior *= period_fit(analysis, period) * measure_fit(analysis, last.measured)
        if any(last is f for f in extremes):
            prior *= 1.3  # "the largest configuration": the biggest of the sentence's like figures
        rendered = f"{text} ({period})" if period and period[:4] not in text else text
        found.append(
            Candidate(
                rendered, name_key(text), kind, start, end, ev, prior, period=period, measured=last.measured
            )
        )
    return found


def _extreme_figures(analysis: QuestionAnalysis, figures: Sequence[FigureSpan]) -> list[FigureSpan]:
    """The largest (or smallest) of a sentence's figures of each unit, when the question asks for it."""
    if analysis.extreme is None:
        return []
    pick = max if analysis.extreme == "max" else min
    by_unit: dict[str | None, list[FigureSpan]] = {}
    for figure in figures:
        if figure.value:
            by_unit.setdefault(figure.unit, []).append(figure)
    return [pick(same, key=lambda f: f.value) for same in by_unit.values() if len(same) > 1]


_CURRENCY_SIGNS = (("NT$", "TWD"), ("HK$", "HKD"), ("US$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"))


_LOOSE_MONEY = re.compile(
    r"(NT\$|HK\$|US\$|\$|€|£)\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:billion|million|trillion|bn|mn|tn|m)\b)?"
)


_LOOSE_PERCENT = re.compile(r"\b\d+(?:\.\d+)?(?:%|\s?per ?cent\b)|\b(?:low|mid|high)-\d0s percent\b")


_WORD_COUNT = re.compile(
    r"\b(?:(?:several|a few) (?:hundred|thousand|million)(?: thousand)?|hundreds of thousands|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)",
    re.IGNORECASE,
)


def loose_figures(ev: Evidence, asked: frozenset[str] = frozenset()) -> list[FigureSpan]:
    """Amounts, shares and spelled-out counts the graph did not store as figures.

    A spelled-out count ("eight gallium products") counts only when what it counts is asked.
    """
    taken = [(f.start, f.end) for f in ev.figures]
    found = []
    for pattern in (_LOOSE_MONEY, _LOOSE_PERCENT, _WORD_COUNT):
        for match in pattern.finditer(ev.text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            if pattern is _LOOSE_MONEY:
                unit = next(code for sign, code in _CURRENCY_SIGNS if match.group(1) == sign)
                start, end = match.start(), match.end()
            elif pattern is _LOOSE_PERCENT:
                unit, start, end = "percent", match.start(), match.end()
            else:
                nouns = [stem(w) for w in match.group(1).split()]
                if not asked & set(nouns):
                    continue
                unit = singular(match.group(1).split()[-1].lower())
                start, end = match.start(), match.start(1)
            text = ev.text[start:end].strip()
            found.append(FigureSpan(start, start + len(text), text, Decimal(0), unit, None, None))
            taken.append((start, end))
    return found


def _names_unit(text: str, unit: str) -> bool:
    """Whether a figure's text already says what it counts: "24 types of chipmaking equipment"."""
    return any(singular(w.lower()).startswith(unit) for w in re.findall(r"[A-Za-z][\w-]*", text))


def _unit_end(text: str, end: int, unit: str) -> int:
    """Extend a count over the thing it counts: "650,000" -> "650,000 Ascend processors"."""
    for match in re.finditer(r"[\w-]+", text[end : end + 60]):
        word = singular(match.group(0).lower())
        if word == unit or word.startswith(unit) or (unit.startswith(word) and len(word) > 3):
            return end + match.end()
        if match.start() > 40:
            break
    return end


_PERIOD_END = re.compile(
    r"\b(?:quarter|year|half|period|months?) (?:ending|ended|through|to)\b", re.IGNORECASE
)


def date_candidates(analysis: QuestionAnalysis, ev: Evidence) -> list[Candidate]:
    """Dates of the sentence, the graph's and any month-day it missed, said in full."""
    found = []
    spans = [(d.start, d.end, d.text, d.value) for d in ev.dates]
    year = (ev.published or "")[:4]
    for match in _MONTH_DAY.finditer(ev.text):
        month = MONTH_NAMES.index(match["m1"] or match["m2"]) + 1
        day = int(match["d1"] or match["d2"])
        when = match["y1"] or match["y2"] or year
        if not 1 <= day <= 31:
            continue
        value = f"{when}-{month:02d}-{day:02d}" if when else f"--{month:02d}-{day:02d}"
        # A month-day the graph read as a bare month ("from August 1" as "August") is said whole.
        spans = [s for s in spans if not (match.start() <= s[0] < match.end() and s[1] <= match.end())]
        if not any(a <= match.start() < b for a, b, _, _ in spans):
            spans.append((match.start(), match.end(), match.group(0), value))
    for match in re.finditer(r"\b(?:19|20)\d\d\b", ev.text):
        if not any(a <= match.start() < b for a, b, _, _ in spans):
            spans.append((match.start(), match.end(), match.group(0), match.group(0)))
    for start, end, text, value in spans:
        if text.lower() in analysis.question.lower():
            continue
        full = spell_date(value, analysis.month_only)
        if full is None:
            continue
        rendered = text if _says_all(text, full) else f"{text} ({full})"
        if analysis.month_only:
            rendered = full
        prior = 1.0 if len(value) >= 7 or analysis.wants_year else 0.8
        if analysis.wants_year and not re.search(r"\b(?:19|20)\d\d\b|\byear\b", text):
            prior *= 0.6  # "in what year" is answered by a year said, not by a month of the report's
        if analysis.wants_day and not re.fullmatch(r"\d{4}-\d\d-\d\d|--\d\d-\d\d", value):
            prior *= 0.6  # "on what date" is not answered by a month or a year
        if (
            _PERIOD_END.search(ev.text[max(start - 30, 0) : end])
            and "quarter" not in analysis.question.lower()
        ):
            prior *= 0.7  # "the quarter ending April 27" bounds a period; it dates no event
        if analysis.future and len(value) == 10 and ev.published and value <= ev.published[:10]:
            prior *= 0.6  # "when will X open" is not answered by a day already past when reported
        if _WEEKDAY.match(text):
            prior *= 0.8  # "on Tuesday" dates the report more often than the event
        if analysis.period_years and value[:4] not in analysis.period_years:
            prior *= 0.6
        found.append(Candidate(rendered, value, "date", start, end, ev, prior, period=value))
    return found


def spell_date(value: str, month_only: bool = False) -> str | None:
    """A date value said in words: 2025-05-13 is "13 May 2025", 2024-03 "March 2024"."""
    if re.fullmatch(r"\d{4}", value):
        return value
    if match := re.fullmatch(r"--(\d\d)-(\d\d)", value):  # a day whose year is not known
        return f"{int(match[2])} {MONTH_NAMES[int(match[1]) - 1]}"
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return f"Q{match[2]} {match[1]}"
    if match := re.fullmatch(r"(\d{4})-(\d\d)(?:-(\d\d))?", value):
        month = int(match[2])
        if not 1 <= month <= 12:
            return None
        if match[3] is None or month_only:
            return f"{MONTH_NAMES[month - 1]} {match[1]}"
        try:
            day = date(int(match[1]), month, int(match[3]))
        except ValueError:
            return None
        return f"{day.day} {MONTH_NAMES[month - 1]} {day.year}"
    return None


_WEEKDAY = re.compile(
    r"^(?:on\s+)?(?:last\s+|next\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I
)


def _says_all(text: str, full: str) -> bool:
    return all(part.lower() in text.lower() for part in full.split())


def year_fit(
    asked: frozenset[str], text: str, places: list[tuple[int, Span | None, str, str]], best: list[Evidence]
) -> float:
    """Whether a candidate is of a year the question names: "SK Hynix's capex in 2026" is not
    "28 trillion won (2025)". Its years are its own (a period it carries, a figure's period
    where it stands), else the dates its sentence gives, else its article's year."""
    if not asked:
        return 0.5
    years = set(YEAR.findall(text))
    for rank, span, _, _ in places:
        if rank >= len(best):
            continue
        ev = best[rank]
        if span is not None:
            years.update(
                f.period[:4]
                for f in ev.figures
                if f.period and f.start < span.end_char and span.start_char < f.end
            )
        if not years:
            years.update(d.value[:4] for d in ev.dates if YEAR.fullmatch(d.value[:4]))
        if not years and ev.published:
            years.add(ev.published[:4])
    if not years:
        return 0.5
    return float(bool(years & asked))
