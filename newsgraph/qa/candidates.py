"""Candidate answers read out of one evidence sentence, each a span of it with a rendering.

What counts as a candidate depends on what the question asks for: the entities the
graph found (or capitalised names it missed), figures with their unit and period and
whole ranges ("$2 billion to $3 billion"), dates in a form that says day, month and
year, causal clauses ("because of ..."), and lists ("A, B and C"). Each candidate
carries a prior: how well its kind fits the question.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from newsgraph.core.ontology import ancestors
from newsgraph.core.periods import MONTH_NAMES
from newsgraph.core.text import name_key, singular
from newsgraph.qa.analysis import NOUN_CLASS, QuestionAnalysis
from newsgraph.qa.evidence import Evidence, FigureSpan, MentionSpan, stem

MONTHS = MONTH_NAMES
_RANGE_GAP = re.compile(r"^\s*(?:to|or|-|–|—)\s*$")
_RANGE_AND = re.compile(r"^\s*and\s*$")  # "between $8,000 and $9,000", not "24 types and three types"
_RANGE_LEAD = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^[’']s\s+$")
# What joins a list's members: "A, B and C", "on A and on B" (the preposition said again).
_LIST_GAP = re.compile(
    r"^\s*(?:,|,?\s*(?:and|or)(?:\s+(?:on|in|to|from|for|with|by|at))?|,?\s*as well as|&)\s*$"
)
_NAME = re.compile(
    r"(?:[A-Z][\w’'.&-]*|\d+[A-Za-z][\w-]*)(?:\s+(?:(?:of|for|de|the)\s+)?(?:[A-Z0-9][\w’'.&-]*))*"
)
_NOT_NAMES = frozenset(
    (
        "the a an in on at for by with and but or as after before while when since if this that these "
        "those it its he she they we i his her their our analysts officials shares revenue sales "
        "people some other chief president mr ms dr monday tuesday wednesday thursday friday saturday "
        "sunday u.s us"
    ).split()
) | {m.lower() for m in MONTHS}
_MONTH_DAY = re.compile(
    rf"\b(?:(?P<m1>{'|'.join(MONTHS)})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{'|'.join(MONTHS)})(?:\s+(?P<y2>(?:19|20)\d\d))?)\b"
)
REASON_CUES = re.compile(
    r"\b(?:because(?: of)?|due to|owing to|thanks to|as a result of|citing|amid|"
    r"(?:hurt|helped|driven|fuell?ed|boosted|weighed down|offset|caused|prompted|partly offset) by|"
    r"on (?:concerns?|fears?|worries|hopes?|expectations?)|over (?:concerns?|fears?|worries)|"
    r"in order to|so (?:that|as to)|(?:seeking|aiming|in a bid|an effort|a move) to|a sign that|"
    r"to (?:stop|prevent|protect|address|avoid|ensure|curb|limit|keep|counter|reduce|boost|meet|secure|"
    r"comply|explain|support|bolster|ease|offset|preserve|maintain|shore up)|"
    r"saying|reflecting|since|after|"
    # "as" starts a cause only as a conjunction: not "such as", "as well as", "as early as".
    r"(?<!such )(?<!known )(?<!well )"
    r"as(?! (?:well|early|much|many|long|soon|far|little|high|low|part|of|a|an|the|one|if)\b))\b",
    re.IGNORECASE,
)
_RESULT = re.compile(
    r",\s+(?:which|a move that|a step that)\s+(?:has\s+|had\s+)?"
    r"(?:forced|forces|led|leads|prompted|prompts|caused|causes|pushed|meant|means|required|drove|left)\b"
)
_WEAK_REASON = frozenset({"after", "as", "since", "saying"})
_ASKED_VERB_NEAR = 4  # words before "after" in which the question's verb makes it a cause
# "as" is a cause for sure when what follows is someone's bet or fear: "rose as investors bet".
_EXPECTING = re.compile(
    r"as (?:[\w-]+ ){1,3}(?:had |have |were |are )?(?:bet|expect|hope|fear|worr(?:y|ie)|anticipate|wager)",
    re.IGNORECASE,
)
# A causal clause runs on until the sentence turns to something else or names its source.
_CLAUSE_END = re.compile(
    r",\s+(?:while|but|whereas|although|though|according|people|analysts|he|she|they|said|"
    r"the (?:company|people|ministry|department|person|official)s?\b|as|which|whose|adding)\b|;|\.$"
    r"|\s+—\s+|\s+such as\b|\s+and (?:now |also |then )?[a-z]+ed\b"
)
CURRENCY = re.compile(r"^[A-Z]{3}$")
_AMOUNT = re.compile(r"^\d[\d.,]*(?:bn|mn|tn|m|k|nm|gb|tb)$", re.IGNORECASE)  # "400bn" is no name
# Capitalised adjectives of nationality ("Chinese", "Dutch") name no one on their own.
_DEMONYM = re.compile(
    r"^(?:[A-Z][a-z]+(?:ese|ian|ean|ish)|American|Dutch|French|Israeli|Saudi|Thai|Greek|Swiss|Emirati)"
    r"(?:-[a-z]+)?$"  # "Chinese-origin", "Dutch-made"
)
# Capitalised words right after a mention that belong to its name: "China" + " Mobile".
_NAME_TAIL = re.compile(r"(?:\s+[A-Z][\w&-]*[A-Za-z])+")
_WEEKDAY = re.compile(
    r"^(?:on\s+)?(?:last\s+|next\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I
)


@dataclass(frozen=True)
class Candidate:
    """A possible answer: a span of an evidence sentence and how it reads as an answer."""

    text: str
    key: str  # what candidates that agree share
    kind: str  # entity, money, percent, number, date, reason, list
    start: int
    end: int
    evidence: Evidence
    prior: float
    members: tuple[str, ...] = ()  # a list's members, as rendered
    period: str | None = None
    measured: str | None = None  # what a figure measures, as the graph has it


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


def in_question(text: str, analysis: QuestionAnalysis) -> bool:
    """Whether a candidate only repeats what the question says."""
    words = [stem(w) for w in re.findall(r"[\w’'.-]+", text)]
    asked = {stem(w) for w in re.findall(r"[\w’'.-]+", analysis.question)}
    return bool(words) and all(w in asked for w in words)


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
        month = MONTHS.index(match["m1"] or match["m2"]) + 1
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
        return f"{int(match[2])} {MONTHS[int(match[1]) - 1]}"
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return f"Q{match[2]} {match[1]}"
    if match := re.fullmatch(r"(\d{4})-(\d\d)(?:-(\d\d))?", value):
        month = int(match[2])
        if not 1 <= month <= 12:
            return None
        if match[3] is None or month_only:
            return f"{MONTHS[month - 1]} {match[1]}"
        try:
            day = date(int(match[1]), month, int(match[3]))
        except ValueError:
            return None
        return f"{day.day} {MONTHS[month - 1]} {day.year}"
    return None


def _says_all(text: str, full: str) -> bool:
    return all(part.lower() in text.lower() for part in full.split())


_COMMERCIAL = frozenset(
    stem(w)
    for w in "company firm maker manufacturer chipmaker startup foundry designer vendor supplier".split()
)


def _called(text: str, end: int) -> str | None:
    """The class a class noun right after a name gives it: "Panther Lake laptop processors"
    is a product, whatever the graph made of it; None when no such noun follows."""
    following = re.findall(r"[a-z][\w-]*", text[end : end + 30].split(",")[0])[:2]
    return next((NOUN_CLASS[singular(w)] for w in following if singular(w) in NOUN_CLASS), None)


def entity_prior(analysis: QuestionAnalysis, cls: str | None) -> float:
    """How well an entity of this class answers the question ("which minister" wants a Person)."""
    wanted = analysis.answer_class
    if wanted is None and analysis.question.lower().startswith("who"):
        wanted = "Person"
        if cls is not None and "Organization" in ancestors(cls):
            return 0.7
    if wanted is None:
        return 0.9 if cls in ("Country", "Place") else 1.0
    if cls is None:
        return 0.6
    if cls == "GovernmentBody" and _COMMERCIAL & set(analysis.head_words):
        return 0.3  # "which company": an organisation, but not a ministry or a regulator
    return 1.0 if wanted in ancestors(cls) else 0.15


def name_spans(analysis: QuestionAnalysis, ev: Evidence) -> list[tuple[int, int, str, str, float]]:
    """(start, end, rendering, key, prior) of the entities and other names in a sentence."""
    named = set(analysis.entity_ids)
    asked = f" {name_key(analysis.question)} "
    spans: list[tuple[int, int, str, str, float]] = []
    longest: dict[str, MentionSpan] = {}
    for mention in ev.mentions:
        known = longest.get(mention.entity_id)
        if known is None or mention.end - mention.start > known.end - known.start:
            longest[mention.entity_id] = mention
    starts = {m.start for m in ev.mentions}
    led = _led_by_place(ev)
    for mention in ev.mentions:
        if mention in led.values():
            continue  # read with the place before it
        surface = ev.text[mention.start : mention.end]
        tail = _NAME_TAIL.match(ev.text, mention.end)
        if tail and (any(mention.end < a < tail.end() for a in starts) or mention.end in starts):
            tail = None  # another name follows, not the rest of this one
        leads = mention in led or (tail is not None and _root(mention.cls) == "Place")
        if not leads and (
            mention.entity_id in named or any(f" {name_key(n)} " in asked for n in (surface, mention.label))
        ):
            continue  # but "China Mobile" answers a question that names China
        end, rendered, key = mention.end, _render(longest[mention.entity_id], ev.text), mention.entity_id
        cls = mention.cls
        if mention in led:
            # "China International Capital Corp", which the graph read as China and a company.
            end, cls = led[mention].end, led[mention].cls
            rendered = ev.text[mention.start : end]
            key = name_key(rendered)
        elif tail:
            # The graph took "China" out of "China Mobile": the whole name is the answer.
            end, rendered, cls = tail.end(), ev.text[mention.start : tail.end()], None
            key = name_key(rendered)
        context = _context(analysis, ev.text, mention.start, end)
        prior = entity_prior(analysis, cls)
        # The sentence calls it what the question asks for ("its Axion processor"), which
        # outweighs a class the graph may have got wrong; but a place before the noun only
        # modifies it ("China chip sales").
        if context >= 1.4 and not (prior < 0.6 and cls is not None and "Place" in ancestors(cls)):
            prior = max(prior, 0.9)
        prior *= context
        spans.append((mention.start, end, rendered, key, prior))
    taken = [(a, b) for a, b, *_ in spans] + [(m.start, m.end) for m in ev.mentions]
    masked = ev.text
    for a, b in taken:  # a name the graph found is not part of a longer one here
        masked = masked[:a] + "#" * (b - a) + masked[b:]
    for match in _NAME.finditer(masked):
        start, end, text = match.start(), match.end(), match.group(0).rstrip(".")
        words = text.split()
        # "Shares of MP Materials": the words before the name, and what joined them to it, go.
        while words and (words[0].lower().strip("’'") in _NOT_NAMES or words[0] in ("of", "de")):
            start += ev.text[start:].index(words[0]) + len(words[0])
            words = words[1:]
        if not words:
            continue
        start = ev.text.index(words[0], start)
        text = " ".join(words)
        end = start + len(text)
        if any(a < end and start < b for a, b in taken) or in_question(text, analysis):
            continue
        if start == 0 and " " not in text and text.lower().endswith(("ing", "ed", "ly")):
            continue  # "Speaking at the forum, ...": a capital that only starts the sentence
        if text.lower() in _NOT_NAMES or len(text) < 3 or _DEMONYM.match(text) or _AMOUNT.match(text):
            continue
        context = _context(analysis, ev.text, start, end)
        prior = entity_prior(analysis, _called(ev.text, end))
        if context >= 1.4:
            prior = max(prior, 0.9)  # the sentence calls it what the question asks for
        prior *= context
        spans.append((start, end, text, name_key(text), prior))
    return sorted(spans)


def _led_by_place(ev: Evidence) -> dict[MentionSpan, MentionSpan]:
    """Places that start an organisation's name, with the rest of it: the graph may read
    "China International Capital Corp" as China and a company called International Capital Corp."""
    led = {}
    for place, rest in itertools.pairwise(sorted(ev.mentions, key=lambda m: m.start)):
        if (
            _root(place.cls) == "Place"
            and _root(rest.cls) == "Organization"
            and rest.start == place.end + 1
            and ev.text[place.end] == " "
        ):
            led[place] = rest
    return led


def _root(cls: str | None) -> str | None:
    return ancestors(cls)[-1] if cls else None


_EVENT = frozenset(stem(w) for w in "event gathering occasion".split())
# The last word of a name that says it is an event: "Reagan National Defense Forum", "Computex show".
_EVENT_NAMES = frozenset(
    stem(w) for w in "forum conference summit expo show fair congress meeting festival convention".split()
)


def _context(analysis: QuestionAnalysis, text: str, start: int, end: int) -> float:
    """More when the sentence calls the span what the question asks for ("Sophgo, a chip designer",
    "its Axion processor") or puts it after the question's preposition ("at the ... Forum")."""
    factor = 1.0
    heads = set(analysis.head_words)
    before = [stem(w) for w in re.findall(r"[\w’']+", text[max(0, start - 40) : start])][-3:]
    after = [stem(w) for w in re.findall(r"[\w’']+", text[end : end + 60])][:6]
    inside = [stem(w) for w in re.findall(r"[\w’']+", text[start:end])]
    if (
        heads
        and (
            (len(inside) > 1 and inside[-1] in heads)  # "Hopper architecture"
            or heads & set(before[-2:])
            or heads & set(after[:1])
            or (heads & set(after) and text[end : end + 2] == ", ")
            or (heads & _EVENT and inside[-1:] and inside[-1] in _EVENT_NAMES)  # "... Defense Forum"
        )
    ):
        factor *= 1.4
    if analysis.preposition and re.search(
        rf"\b{analysis.preposition}\s+(?:the\s+|its\s+|a\s+|an\s+)?(?:[\w.]+[’']s\s+)?$",
        text[max(0, start - 40) : start],
        re.I,
    ):
        factor *= 1.3
    return factor


def _render(mention: MentionSpan, text: str) -> str:
    """An entity by its label, with the sentence's spelling when that says more."""
    surface = text[mention.start : mention.end]
    label = mention.label
    if name_key(surface) == name_key(label) or name_key(surface) in name_key(label):
        return label
    if name_key(label) in name_key(surface):
        return surface
    return f"{surface} ({label})"


def entity_candidates(analysis: QuestionAnalysis, ev: Evidence) -> list[Candidate]:
    """Entities and names of the sentence that the question does not name itself."""
    return [
        Candidate(text, key, "entity", a, b, ev, prior) for a, b, text, key, prior in name_spans(analysis, ev)
    ]


def list_candidates(analysis: QuestionAnalysis, ev: Evidence) -> list[Candidate]:
    """Runs of names joined by commas and "and": "Huawei, Cambricon and MetaX"."""
    spans = name_spans(analysis, ev)
    groups: list[list[tuple[int, int, str, str, float]]] = []
    for span in spans:
        gap = ev.text[groups[-1][-1][1] : span[0]] if groups else ""
        if groups and _POSSESSIVE.match(gap):
            groups[-1][-1] = span  # "Alphabet’s Google": the member is Google
        elif groups and _LIST_GAP.match(gap):
            groups[-1].append(span)
        else:
            groups.append([span])
    found = []
    for group in groups:
        members = tuple(dict.fromkeys(text for _, _, text, _, _ in group))
        prior = sum(p for *_, p in group) / len(group)
        if len(members) == 1:
            prior *= 0.5
        found.append(
            Candidate(
                ", ".join(members),
                "|".join(sorted(key for _, _, _, key, _ in group)),
                "list",
                group[0][0],
                group[-1][1],
                ev,
                prior,
                members,
            )
        )
    return found


_WORD_LIST = re.compile(r"\b[a-z][a-z-]{2,}(?:, [a-z][a-z-]{2,})+,? (?:and|or) [a-z][a-z-]{2,}\b")
_LIST_WORDS = frozenset("and or the its their other such as well also including".split())


def word_lists(analysis: QuestionAnalysis, ev: Evidence) -> list[Candidate]:
    """Enumerations of common nouns that the sentence calls what the question asks for:
    "which rare earth elements" and "the five elements, holmium, erbium, thulium and europium"."""
    found = []
    for match in _WORD_LIST.finditer(ev.text):
        members = [w for w in re.split(r",? (?:and|or) |, ", match.group(0)) if w not in _LIST_WORDS]
        a, b = match.span()
        if members and stem(members[0]) in analysis.head_words:
            # "The three metals, indium, bismuth and tellurium": the noun, then its members.
            a = ev.text.index(members[1], a + len(members[0]))
            members = members[1:]
        if len(members) < 3:
            continue
        context = _context(analysis, ev.text, a, b)
        if context < 1.4:
            continue  # only what the sentence calls what the question asks for
        prior = (0.7 if analysis.answer_class is None else 0.2) * context
        key = "|".join(sorted(members))
        found.append(Candidate(", ".join(members), key, "list", a, b, ev, prior, tuple(members)))
    return found


def reason_candidates(analysis: QuestionAnalysis, ev: Evidence) -> list[Candidate]:
    """Causal clauses: from a cue ("because of", "citing", "to stop") to the clause's end."""
    found = []
    for match in REASON_CUES.finditer(ev.text):
        rest = ev.text[match.end() :]
        stop = _CLAUSE_END.search(rest)
        end = match.end() + (stop.start() if stop else len(rest))
        clause = ev.text[match.start() : end].strip(" ,.")
        words = clause.split()
        if len(words) < 3:
            continue
        if len(words) > 30:
            clause = " ".join(words[:30])
        cue = match.group(0).lower()
        prior = 0.6 if cue in _WEAK_REASON and not _EXPECTING.match(clause) else 1.0
        if cue in ("after", "since") and re.search(rf"\b{cue}\b", analysis.question, re.I):
            prior *= 0.5  # "why did X rise after Y?": an "after" clause restates the question's time
        elif cue == "after" and _follows_asked_verb(analysis, ev.text[: match.start()]):
            prior = 1.0  # "delayed the IPO after investors balked" answers "why did it delay"
        if in_question(" ".join(w for w in words[1:] if w.lower() not in _NOT_NAMES), analysis) or (
            len(words) > 4 and in_question(" ".join(words[1:5]), analysis)
        ):
            prior *= 0.3  # the clause restates the question ("after the announcement", "to stop using TSMC")
        found.append(Candidate(clause, clause.lower(), "reason", match.start(), end, ev, prior))
    for match in _RESULT.finditer(ev.text):
        # "Biren was added to the Entity List, which forced it to stop ...": the cause comes first.
        clause = ev.text[: match.start()].strip(" ,")
        if len(clause.split()) >= 3:
            found.append(Candidate(clause, clause.lower(), "reason", 0, match.start(), ev, 1.0))
    found.append(Candidate(ev.text, ev.text.lower(), "reason", 0, len(ev.text), ev, 0.3))
    return found


def _follows_asked_verb(analysis: QuestionAnalysis, before: str) -> bool:
    """Whether the words right before a clause say what the question asks the cause of."""
    asked = {term for term, _ in analysis.terms}
    return any(stem(w) in asked for w in re.findall(r"[\w’']+", before)[-_ASKED_VERB_NEAR:])


def candidates(analysis: QuestionAnalysis, ev: Evidence) -> list[Candidate]:
    """Every candidate answer of the sentence for the question's answer type."""
    kind = analysis.answer_type
    if kind in ("money", "number", "percent"):
        return figure_candidates(analysis, ev)
    if kind == "date":
        return date_candidates(analysis, ev)
    if kind == "entity":
        return entity_candidates(analysis, ev)
    if kind == "list":
        return list_candidates(analysis, ev) + word_lists(analysis, ev)
    if kind == "reason":
        return reason_candidates(analysis, ev)
    return []
