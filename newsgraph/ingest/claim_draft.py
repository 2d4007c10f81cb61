"""A claim while its article is being read: the claim and what later steps need to know of it.

A rule marks a draft (read off a possessive, a government acting in passing, an order a
supplier fills); later steps of the same article read the marks. `dataclasses.replace`
keeps them, so no rewrite of a claim can lose its marks. `final` gives the plain Claim
the graph stores, with its rule id.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from newsgraph.core.types import Claim

_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))


@dataclass(frozen=True)
class ClaimDraft(Claim):
    """A Claim with the marks the rest of its article's extraction reads."""

    # "Nvidia's H20": a "develops" read off a possessive, which an outright statement overrides.
    possessive: bool = field(default=False, compare=False)
    # "... said in a notice, naming X": a government acting in this sentence only, not the
    # actor later sentences fall back on.
    in_passing: bool = field(default=False, compare=False)
    # "X placed orders with Y for Z": who fills the order (see claim_patterns.settle_orders).
    suppliers: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def of(cls, claim: Claim, **marks: Any) -> ClaimDraft:
        """A draft of `claim` with these marks."""
        values: dict[str, Any] = {name: getattr(claim, name) for name in _CLAIM_FIELDS}
        return replace(cls(**values), **marks)


def final(claim: Claim) -> Claim:
    """The plain Claim, without the marks of a draft."""
    if not isinstance(claim, ClaimDraft):
        return claim
    return Claim(**{name: getattr(claim, name) for name in _CLAIM_FIELDS})


def possessive(claim: Claim) -> bool:
    """Whether the claim is a "develops" read off a possessive ("Nvidia's H20")."""
    return isinstance(claim, ClaimDraft) and claim.possessive
