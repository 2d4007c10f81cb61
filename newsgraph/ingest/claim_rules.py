"""The claim rules: the passes over each sentence that propose claims, in the order they run.

A Rule is a function of the article being read (an ArticleReading, attribution.py) and one
of its sentences that returns the claims it finds there; the functions live in modules by
idea (claim_verbs.py, claim_patterns.py, claim_shares.py, claim_rivals.py,
claim_directives.py, claim_regulation.py, claim_blacklists.py). `rules_without` gives the
rules left on when NEWSGRAPH_CLAIM_RULES_OFF turns some off, and `stamped` marks each claim
with the rule that made it (ng:extractedBy).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from newsgraph.core.errors import IngestError
from newsgraph.core.types import Claim
from newsgraph.ingest.attribution import ArticleReading
from newsgraph.ingest.claim_blacklists import listed_on_claims, named_in_notice_claims
from newsgraph.ingest.claim_directives import directive_claims
from newsgraph.ingest.claim_patterns import (
    appositive_claims,
    availability_claims,
    coming_claims,
    listed_buyer_claims,
    owned_event_claims,
    plant_claims,
    possessive_claims,
)
from newsgraph.ingest.claim_regulation import nominal_claims
from newsgraph.ingest.claim_rivals import behind_claims, held_back_claims, rival_claims
from newsgraph.ingest.claim_shares import majority_share_claims, share_of_sales_claims
from newsgraph.ingest.claim_syntax import SentenceView, Source
from newsgraph.ingest.claim_verbs import claims_of_verbs, revised_forecasts


def stamped(rule_id: str, claims: Iterable[Claim]) -> list[Claim]:
    """Claims marked with the rule that made them (a claim keeps a rule id it already has)."""
    return [c if c.rule else replace(c, rule=rule_id) for c in claims]


@dataclass(frozen=True)
class Rule:
    """A pass over each sentence that proposes claims.

    `id` names it in settings (NEWSGRAPH_CLAIM_RULES_OFF) and on every claim it makes
    (ng:extractedBy); its function's docstring gives the sentences it is for. Most rules
    also read the source the sentence is attributed to ("..., analysts said").
    """

    id: str
    find: Callable[..., list[Claim]]  # (reading, sentence[, source]) -> the claims it finds
    takes_source: bool = True  # False: the function reads the sentence alone

    def apply(self, reading: ArticleReading, s: SentenceView, according: Source | None) -> list[Claim]:
        """The claims this rule finds in one sentence of the article being read."""
        if self.takes_source:
            return self.find(reading, s, according)
        return self.find(reading, s)

    @property
    def doc(self) -> str:
        """The first paragraph of the function's docstring: what it reads, with examples."""
        text = inspect.getdoc(self.find) or ""
        return " ".join(text.split("\n\n")[0].split())


# Every rule, in the order they run on a sentence.
# Two more run after them, on what these found: "reporting" (the source's own says/estimates
# claim) and "according_to_estimates" (figures an "according to" source gives).
RULES: tuple[Rule, ...] = (
    Rule("verb", claims_of_verbs),
    Rule("appositive", appositive_claims),
    Rule("possessive", possessive_claims, takes_source=False),
    Rule("owned_event", owned_event_claims),
    Rule("availability", availability_claims),
    Rule("listed_buyer", listed_buyer_claims),
    Rule("share_of_sales", share_of_sales_claims),
    Rule("majority_share", majority_share_claims),
    Rule("nominal", nominal_claims),
    Rule("listed_on", listed_on_claims),
    Rule("named_in_notice", named_in_notice_claims),
    Rule("coming", coming_claims),
    Rule("plant", plant_claims),
    Rule("directive", directive_claims),
    Rule("rival", rival_claims),
    Rule("behind", behind_claims),
    Rule("held_back", held_back_claims),
    Rule("revised_forecast", revised_forecasts, takes_source=False),
)
AFTER_RULES = ("reporting", "according_to_estimates")


def rules_without(off: Iterable[str]) -> tuple[Rule, ...]:
    """The rules with those named turned off; an unknown name is an error listing the known ones."""
    off = set(off)
    unknown = off - {r.id for r in RULES} - set(AFTER_RULES)
    if unknown:
        known = ", ".join([*(r.id for r in RULES), *AFTER_RULES])
        raise IngestError(f"no claim rule named {', '.join(sorted(unknown))}; the rules are {known}")
    return tuple(r for r in RULES if r.id not in off)
