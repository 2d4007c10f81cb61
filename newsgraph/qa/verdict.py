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

from newsgraph.qa.evidence import Evidence
from newsgraph.qa.reader import DATA, Embed, Vectors

MODEL_FILE = DATA / "verdict.json"
VERDICT_FEATURES = (
    "support_min",  # the worst-supported part's best passage similarity
    "support_mean",  # the parts' mean best passage similarity
    "parts",  # how many parts the question has (over 3)
    "negated",  # share of the parts whose best passage says no, not, never ...
    "asks_same",  # the question asks whether things agree or stay the same
    "asks_change",  # the question asks whether something changed or differs
    "asks_order",  # the question asks whether one report came before or after another
    "order_holds",  # the found parts' publication dates are in the order the question says
    "sources_found",  # share of the publishers the question names that the found passages include
    "route_yes",  # the graph and text route said yes (1), no (-1) or nothing (0)
)
_SPLIT = re.compile(
    r",\s*(?:while|whereas|and|but)\s+|\s+while\s+|;\s*|,\s*(?=(?:is|was|were|did|does|has|have)\b)"
)
_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|without|denied|denies|rejected|failed|n[’']t)\b", re.I)
_SAME = re.compile(r"\b(?:same|consistent|consistently|align|aligns|agree|agrees|both|similar|also)\b", re.I)
_CHANGE = re.compile(
    r"\b(?:change|changed|differ|differs|different|discrepancy|inconsisten\w*|contradict\w*|shift)\b", re.I
)
_ORDER = re.compile(r"\b(?:before|after|earlier|later|prior to|subsequent)\b", re.I)


def parts(question: str) -> list[str]:
    """The parts of a question that different sources must support (at least one)."""
    found = [p.strip(" ,?") for p in _SPLIT.split(question)]
    kept = [p for p in found if len(p.split()) >= 4]
    return kept or [question.strip(" ?")]


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
    split = parts(question)
    passages = {ev.passage_id: ev for ev in evidence if ev.passage_id}
    stored = vectors(list(passages))
    asked = embed(split)
    supports, negated, dates = [], 0, []
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
        best = max(pool, key=lambda key: float(stored[key] @ vector))
        supports.append(float(stored[best] @ vector))
        negated += bool(_NEGATION.search(passages[best].text))
        dates.append(passages[best].published or "")
    order = _ORDER.search(question)
    holds = 0.0
    if order and len(dates) >= 2 and all(dates[:2]):
        forward = order.group(0).lower() in ("after", "later", "subsequent")
        holds = 1.0 if (dates[1] >= dates[0]) != forward else -1.0
    named_all = [s for s in sources if s.casefold() in question.casefold()]
    found_sources = {(ev.source or "").casefold() for ev in evidence}
    return {
        "support_min": min(supports, default=0.0),
        "support_mean": float(np.mean(supports)) if supports else 0.0,
        "parts": len(split) / 3,
        "negated": negated / len(split),
        "asks_same": float(bool(_SAME.search(question))),
        "asks_change": float(bool(_CHANGE.search(question))),
        "asks_order": float(bool(order)),
        "order_holds": holds,
        "sources_found": (sum(s.casefold() in found_sources for s in named_all) / len(named_all))
        if named_all
        else 1.0,
        "route_yes": 1.0 if route == "yes" else -1.0 if route == "no" else 0.0,
    }
