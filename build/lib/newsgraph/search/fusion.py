"""Fusion: one score per passage from the dense and the lexical ranking.

`convex` puts both lists on one scale before mixing them: a score counts in standard
deviations of its list's top candidates, above the weakest candidate the list returned.
A passage that one list ranks far ahead of the rest keeps that lead, where reciprocal
rank fusion would flatten it into "first". `reciprocal_rank` is plain RRF. `fitted` (the
default once bench/fit_search.py has written its weights) scores a passage by named
features, both lists' standardized scores and ranks and the graph's signals, weighted as
fitted on the development question sets.

Both return scores of zero or more, and `entity_unit` says what one unit of the entity
boost is worth on that scale.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path

from newsgraph.core.fitted import LinearModel

FUSIONS = ("convex", "rrf", "fitted")
Ranked = Sequence[tuple[int, float]]  # (passage id, score), best first


def standardized(ranked: Ranked, spread_depth: int) -> dict[int, float]:
    """Scores in standard deviations (of the top `spread_depth`) above the last one."""
    if not ranked:
        return {}
    top = [score for _, score in ranked[:spread_depth]]
    spread = statistics.pstdev(top) or 1.0
    # Measured from the weakest returned, not from the mean: every score stays >= 0, so a
    # passage that a list did not return (0) never beats one that it did.
    floor = ranked[-1][1]
    return {pid: (score - floor) / spread for pid, score in ranked}


def convex(dense: Ranked, lexical: Ranked, dense_weight: float, spread_depth: int) -> dict[int, float]:
    """`dense_weight` of the standardized dense score plus the rest of the lexical one."""
    near = standardized(dense, spread_depth)
    words = standardized(lexical, spread_depth)
    return {
        pid: dense_weight * near.get(pid, 0.0) + (1.0 - dense_weight) * words.get(pid, 0.0)
        for pid in near.keys() | words.keys()
    }


def reciprocal_rank(dense: Ranked, lexical: Ranked, k: int) -> dict[int, float]:
    """Sum of 1 / (k + rank) over the lists that return a passage."""
    fused: dict[int, float] = {}
    for ranked in (dense, lexical):
        for rank, (pid, _) in enumerate(ranked, 1):
            fused[pid] = fused.get(pid, 0.0) + 1.0 / (k + rank)
    return fused


def entity_unit(fusion: str, rrf_k: int) -> float:
    """The score one unit of entity boost adds: a standard deviation, or a first place."""
    return 1.0 if fusion == "convex" else 1.0 / (rrf_k + 1)


# ---------------------------------------------------------------- fitted fusion

# The named features a passage is ranked by when fusion is "fitted" (bench/fit_search.py).
FITTED_FEATURES = (
    "dense",  # dense score, standardized as in `convex`
    "lexical",  # lexical score, standardized as in `convex`
    "dense_rank",  # 1 / (1 + its rank in the dense list); 0 when not in it
    "lexical_rank",  # 1 / (1 + its rank in the lexical list); 0 when not in it
    "entities",  # share of the query's entities the passage mentions
    "period",  # published in a period the query names (or soon after)
    "source",  # from a publisher the query names
)
MODEL_FILE = Path(__file__).resolve().parent / "data" / "fusion.json"


# The fitted fusion: a weighted sum of FITTED_FEATURES (core/fitted.py), used as a score.
FusionModel = LinearModel


def ranks(ranked: Ranked) -> dict[int, float]:
    """1 / (1 + rank) per passage of a ranking."""
    return {pid: 1.0 / (1.0 + rank) for rank, (pid, _) in enumerate(ranked)}
