"""Yes or no over several articles: split the question into the parts each source must support,
check each part against the found passages, and combine the checks with a fitted model.

"Does the TechCrunch article suggest A, while the Verge article reports B?" has two parts;
"Between the report on A and the report on B, was there a change in C?" three. Each part
is embedded and compared with the stored vectors of the found passages (those of a
publisher the part names, when it names one); the best match says how well the articles
support it, and whether that passage negates. The question's own cues (asking for
sameness, for change, for an order in time) and the graph and text route's yes/no come
beside them. A logistic model fitted on the development splits (bench/fit_reader.py,
`data/verdict.json`) turns the features into P(yes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from newsgraph.qa.evidence import STOPWORDS, Evidence, stem
from newsgraph.qa.reader import DATA, Embed, Vectors

MODEL_FILE = DATA / "verdict.json"
VERDICT_FEATURES = (
    "support_min",  # the worst-supported part's best passage similarity
    "support_mean",  # the parts' mean best passage similarity
    "parts",  # how many parts the question has (over 3)
    "negated",  # share of the parts whose best passage says no, not, never ...
    "unsupported",  # the largest share of a part's words that none of its best passages has
    "asks_same",  # the question asks whether things agree or are alike
    "asks_change",  # the question asks whether something changed or differs
    "asks_kept",  # the question asks whether something stayed as it was ("no change", "remain")
    "asks_conflict",  # the question asks whether reports contradict ("inconsistent", "discrepancy")
    "asks_order",  # the question asks whether one report came before or after another
    "order_holds",  # the two reports' publication dates are in the order asked (1), the other (-1)
    "sources_found",  # share of the publishers the question names that the found passages include
    "route_yes",  # the graph and text route said yes (1), no (-1) or nothing (0)
)
_SPLIT = re.compile(
    r",\s*(?:while|whereas|and|but)\s+|\s+while\s+|;\s*|,\s*(?=(?:is|was|were|did|does|has|have)\b)"
)
_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|without|denied|denies|rejected|failed|n[’']t)\b", re.I)
_SAME = re.compile(
    r"\b(?:same|consistent|consistency|consistently|align|aligns|aligned|agree|agrees|both|similar|also)\b",
    re.I,
)
_CHANGE = re.compile(r"\b(?:change|changed|changes|differ|differs|different|shift|shifted)\b", re.I)
_KEPT = re.compile(r"\b(?:no change|not change|unchanged|remain\w*|maintain\w*|stay\w*|still)\b", re.I)
_CONFLICT = re.compile(r"\b(?:inconsisten\w*|discrepan\w*|contradict\w*|conflict\w*|at odds)\b", re.I)
# A choice between two words, one the other's opposite: "consistent or inconsistent",
# "a change or consistency", "similar or different".
_ALTERNATIVES = re.compile(r"\b(?:an?\s+)?(?P<first>[a-z]+)\s+or\s+(?:an?\s+)?(?P<second>[a-z]+)\b", re.I)
_OPPOSED = (
    frozenset({"consistent", "inconsistent"}),
    frozenset({"consistency", "inconsistency"}),
    frozenset({"consistency", "change"}),
    frozenset({"consistent", "changed"}),
    frozenset({"similar", "different"}),
    frozenset({"same", "different"}),
    frozenset({"before", "after"}),
    frozenset({"earlier", "later"}),
)
_WORD = re.compile(r"[a-z][a-z'’-]*")
# An order word between two reports ("Did A report X before B mentioned Y?"); one that opens
# the question ("After A reported X, ...") or leads to a date sets the scene instead.
_ORDER = re.compile(
    r"\b(?:before|after|earlier than|later than|prior to|subsequent to)\s+(?!(?:the same|\d|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|(?:this|last|that|and|an?)\s))",
    re.I,
)
_REPORTED = re.compile(r"\b(?:reported|mentioned|published|covered|discussed|wrote|stated|said)\b", re.I)


_READ = 3  # a part's best passages whose words count as support


def alternatives(question: str) -> tuple[str, str, str] | None:
    """A choice between opposites that the question ends on: ("consistent or inconsistent",
    "consistent", "inconsistent"); None for a plain yes/no question."""
    for match in reversed(list(_ALTERNATIVES.finditer(question))):
        first, second = match.group("first").lower(), match.group("second").lower()
        if frozenset({first, second}) in _OPPOSED:
            return match.group(0), first, second
    return None


def _order(question: str, sources: Sequence[str]) -> re.Match[str] | None:
    """The order word between the two reports of a question asking which came first: a
    publisher is named on each side, and the second side says it reported."""
    for match in _ORDER.finditer(question):
        before, after = question[: match.start()].casefold(), question[match.end() :]
        if _REPORTED.search(after) and all(
            any(s.casefold() in side for s in sources) for side in (before, after.casefold())
        ):
            return match
    return None


def parts(question: str) -> list[str]:
    """The parts of a question that different sources must support (at least one)."""
    found = [p.strip(" ,?") for p in _SPLIT.split(question)]
    kept = [p for p in found if len(p.split()) >= 4]
    return kept or [question.strip(" ?")]


def _unsupported(part: str, texts: Sequence[str], sources: Sequence[str]) -> float:
    """The share of the part's content words (publishers' names aside) that none of the texts has."""
    named = {stem(w) for s in sources for w in _WORD.findall(s.lower())}
    asked = {stem(w) for w in _WORD.findall(part.lower()) if w not in STOPWORDS and len(w) > 3} - named
    if not asked:
        return 0.0
    seen = {stem(w) for text in texts for w in _WORD.findall(text.lower())}
    return len(asked - seen) / len(asked)


def features(
    question: str,
    evidence: Sequence[Evidence],
    sources: Sequence[str],
    embed: Embed,
    vectors: Vectors,
    route: str | None,
) -> dict[str, float]:
    """The named features of a yes/no question over its found passages; `route` is the
    graph and text route's answer ("yes", "no", or None when it declined)."""
    order = _order(question, sources)
    split = [question[: order.start()], question[order.end() :]] if order else parts(question)
    passages = {ev.passage_id: ev for ev in evidence if ev.passage_id}
    stored = vectors(list(passages))
    asked = embed(split)
    supports, negated, dates, unsupported = [], 0, [], []
    for text, vector in zip(split, asked, strict=True):
        named = [s for s in sources if s.casefold() in text.casefold()]
        pool = [
            key
            for key in stored
            if not named or (passages[key].source or "").casefold() in {n.casefold() for n in named}
        ] or list(stored)
        if not pool:
            supports.append(0.0)
            continue
        ranked = sorted(pool, key=lambda key: float(stored[key] @ vector), reverse=True)
        best = ranked[0]
        supports.append(float(stored[best] @ vector))
        unsupported.append(_unsupported(text, [passages[key].text for key in ranked[:_READ]], named))
        negated += bool(_NEGATION.search(passages[best].text))
        dates.append(passages[best].published or "")
    holds = 0.0
    if order and len(dates) == 2 and all(dates) and dates[0] != dates[1]:
        after = order.group(0).strip().lower() in ("after", "later than", "subsequent to")
        holds = 1.0 if (dates[0] > dates[1]) == after else -1.0
    named_all = [s for s in sources if s.casefold() in question.casefold()]
    found_sources = {(ev.source or "").casefold() for ev in evidence}
    return {
        "support_min": min(supports, default=0.0),
        "support_mean": float(np.mean(supports)) if supports else 0.0,
        "parts": len(split) / 3,
        "negated": negated / len(split),
        "unsupported": max(unsupported, default=0.0),
        "asks_same": float(bool(_SAME.search(question))),
        "asks_change": float(bool(_CHANGE.search(question))),
        "asks_kept": float(bool(_KEPT.search(question))),
        "asks_conflict": float(bool(_CONFLICT.search(question))),
        "asks_order": float(bool(order)),
        "order_holds": holds,
        "sources_found": (sum(s.casefold() in found_sources for s in named_all) / len(named_all))
        if named_all
        else 1.0,
        "route_yes": 1.0 if route == "yes" else -1.0 if route == "no" else 0.0,
    }
