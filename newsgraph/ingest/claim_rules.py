"""The claim rules: the passes over each sentence that propose claims, in the order they run.

A Rule names the ClaimExtractor method that makes its claims (claims.py, or a pattern
module ClaimExtractor inherits from); `rules_without` gives the rules left on when
NEWSGRAPH_CLAIM_RULES_OFF turns some off, and `stamped` marks each claim with the rule that
made it (ng:extractedBy).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsgraph.core.errors import IngestError
from newsgraph.core.types import Claim
from newsgraph.ingest.claim_syntax import SentenceView, Source

if TYPE_CHECKING:
    from newsgraph.ingest.claims import ClaimExtractor


def stamped(rule_id: str, claims: Iterable[Claim]) -> list[Claim]:
    """Claims marked with the rule that made them (a claim keeps a rule id it already has)."""
    return [c if c.rule else replace(c, rule=rule_id) for c in claims]


@dataclass(frozen=True)
class Rule:
    """A pass over each sentence that proposes claims.

    `id` names it in settings (NEWSGRAPH_CLAIM_RULES_OFF) and on every claim it makes
    (ng:extractedBy); the method's docstring gives the sentences it is for. Most methods
    also read the source the sentence is attributed to ("..., analysts said").
    """

    id: str
    method: str  # the name of the ClaimExtractor method that makes the claims
    takes_source: bool = True  # False: the method reads the sentence alone

    def apply(self, extractor: ClaimExtractor, s: SentenceView, according: Source | None) -> list[Claim]:
        """The claims this rule finds in one sentence."""
        method: Callable[..., list[Claim]] = getattr(extractor, self.method)
        if self.takes_source:
            return method(s, according)
        return method(s)

    @property
    def doc(self) -> str:
        """The first paragraph of the method's docstring: what it reads, with examples."""
        # Imported here: claims.py imports this module to run the rules.
        from newsgraph.ingest.claims import ClaimExtractor

        text = inspect.getdoc(getattr(ClaimExtractor, self.method)) or ""
        return " ".join(text.split("\n\n")[0].split())


# Every rule, in the order they run on a sentence.
# Two more run after them, on what these found: "reporting" (the source's own says/estimates
# claim) and "according_to_estimates" (figures an "according to" source gives).
RULES: tuple[Rule, ...] = (
    Rule("verb", "_verbs"),
    Rule("appositive", "_appositive_claims"),
    Rule("possessive", "_possessive_claims", takes_source=False),
    Rule("owned_event", "_owned_event_claims"),
    Rule("availability", "_availability_claims"),
    Rule("listed_buyer", "_listed_buyer_claims"),
    Rule("share_of_sales", "_share_of_sales_claims"),
    Rule("majority_share", "_majority_share_claims"),
    Rule("nominal", "_nominal_claims"),
    Rule("listed_on", "_listed_on_claims"),
    Rule("named_in_notice", "_named_in_notice_claims"),
    Rule("coming", "_coming_claims"),
    Rule("plant", "_plant_claims"),
    Rule("directive", "_directive_claims"),
    Rule("rival", "_rival_claims"),
    Rule("behind", "_behind_claims"),
    Rule("held_back", "_held_back_claims"),
    Rule("revised_forecast", "_revised_forecasts", takes_source=False),
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
