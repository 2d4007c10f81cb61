"""Fusion: one score per passage from the dense and the lexical ranking.

`convex` (the default) puts both lists on one scale before mixing them: a score counts in
standard deviations of its list's top candidates, above the weakest candidate the list
returned. A passage that one list ranks far ahead of the rest keeps that lead, where
reciprocal rank fusion would flatten it into "first". `reciprocal_rank` is plain RRF.

Both return scores of zero or more, and `entity_unit` says what one unit of the entity
boost is worth on that scale.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

FUSIONS = ("convex", "rrf")
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
