"""Claims from the dependency parse: who did what to whom, and who says so.

For every verb of a sentence the extractor finds its subject entities and its objects
(entities, figures, or a literal noun phrase), maps the verb to the relation vocabulary
and emits one Claim per subject-object pair. Around that core:

- passive voice: "the market is dominated by X, Y and Z" gives X dominates the market;
- coordination and lists: one claim per member ("X, Y and Z", "firms such as X");
- objects reached through a noun: "restrictions on Nvidia's H20", "sales of the A800";
- role nouns: "buyers include X" (X buys ...), "X, a rival of Y" (X competes with Y),
  with the article's main product as the object when the sentence names none;
- orders: "X placed orders with Y for Z" is Y making Z when X designs Z (the article
  says so), else X buying Z and Y supplying it;
- verbs (claim_verbs.py) and nouns (claim_patterns.py, claim_shares.py) as above;
- regulation (claim_regulation.py, claim_blacklists.py): restriction nouns, rules and licences, bans on
  trade, capitals for their countries;
- governments through others (claim_directives.py): officials for their country, orders
  to stop buying goods, forced stops;
- competition without a verb of it (claim_rivals.py): market share won from a company,
  home-grown suppliers buyers favour, rivals one is behind;
- who acts: a national government for its country ("the U.S. government" is the United
  States), a company for its chief executive ("AMD chief executive Lisa Su unveiled");
- attribution: a claim inside "Bernstein estimates that ..." or "..., analysts said"
  is attributed to its source, which itself gets an estimates/says/denies claim;
- flags: negation ("did not") and hedging (could, may, might, would, expected to);
- what is not asserted gives no claim: questions and conditions ("did not say whether X
  sold ...", "if X sold ..."), denied reports ("denied a report that it had signed ..."),
  acts only allowed ("would allow it to resume sales"), guesses and opinions as statements
  ("said buyers would keep buying", "said X should be a wake-up call").

Verbs the vocabulary does not map keep their claim under the generic relation (between a
subject and a direct-object entity), the verb as written on it; a figure is the object of an
estimate or a projection only; a product is the subject only of competing, depending, trailing or
leading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span

from newsgraph.core.relations import Vocabulary
from newsgraph.core.types import Claim, DateMention, Entity, Figure, Mention
from newsgraph.ingest.attribution import ArticleReading
from newsgraph.ingest.claim_context import ANY_ACT
from newsgraph.ingest.claim_draft import ClaimDraft, final, possessive
from newsgraph.ingest.claim_patterns import settle_orders
from newsgraph.ingest.claim_regulation import as_country, government_subject, is_policy, names_rules_only
from newsgraph.ingest.claim_rules import rules_without, stamped
from newsgraph.ingest.claim_syntax import (
    SentenceView,
    clause_tokens,
    dedupe,
    first,
    secondary_figures,
)
from newsgraph.ingest.claim_verbs import estimator
from newsgraph.ingest.claim_words import (
    FIGURE_RELATIONS,
    PREVENTS,
    PRODUCT_RELATIONS,
    REGULATORY,
)
from newsgraph.ingest.figure_amounts import MEASURES

# A figure's period as its year and, when it has one, month: "2027", "2027-01", "2027-Q1".
_PERIOD = re.compile(r"(\d{4})(?:-(\d{2}))?")


class ClaimExtractor:
    """Extracts claims from one parsed article at a time: each rule of claim_rules.py runs
    on each sentence in turn, over the article's ArticleReading, then the claims are settled
    (orders, possessives, nations, forecasts) and filtered.

    An article's claims depend on that article alone, so that ingesting it again, in any
    order and in any process, gives the same claims. `rules_off` names rules (see claim_rules.py)
    not to run.
    """

    def __init__(
        self, vocabulary: Vocabulary, countries: Sequence[Entity] = (), rules_off: Iterable[str] = ()
    ) -> None:
        self.vocabulary = vocabulary
        self.countries = tuple(countries)
        self.rules_off = frozenset(rules_off)
        self.rules = rules_without(self.rules_off)

    def extract(
        self,
        doc: Doc,
        sentence_spans: Sequence[tuple[int, Span]],
        mentions: Sequence[Mention],
        entities: Iterable[Entity],
        figures: Sequence[Figure] = (),
        dates: Sequence[DateMention] = (),
        published: date | None = None,
    ) -> list[Claim]:
        """Every claim of the article, in text order; `published` dates its forecasts."""
        sentences = [SentenceView(span, index) for index, span in sentence_spans]
        reading = ArticleReading(
            self.vocabulary, self.countries, doc, sentences, mentions, entities, figures, dates
        )
        so_far = reading.so_far
        claims: list[Claim] = []
        for sentence in sentences:
            found = [as_country(reading, c) for c in self._sentence_claims(reading, sentence)]
            claims.extend(found)
            for claim in found:
                if (
                    claim.relation in REGULATORY
                    and claim.subject
                    and reading.is_government(claim.subject)
                    and not (isinstance(claim, ClaimDraft) and claim.in_passing)
                ):
                    so_far.actors[claim.relation] = claim.subject
                    so_far.actors[ANY_ACT] = claim.subject
            so_far.last_government = government_subject(reading, sentence) or so_far.last_government
        # "Nvidia's H800" says less than "the H800 was designed by Nvidia": a possessive
        # stands only for a maker the article does not state outright.
        stated = {
            (c.subject, c.object_entity) for c in claims if c.relation == "develops" and not possessive(c)
        }
        claims = settle_orders(reading, claims, stated | so_far.owned | so_far.owned_quietly)
        claims = [final(c) for c in claims if not possessive(c) or (c.subject, c.object_entity) not in stated]
        claims = [_as_nation(reading, c) for c in claims]
        if published is not None:
            # "Bernstein estimates $6 billion to $8 billion of sales in its fiscal year ending
            # January 2027", written in August 2026: a figure for a time to come is projected.
            claims = [
                replace(c, relation="projects")
                if c.relation == "estimates" and _ahead(reading, c, published)
                else c
                for c in claims
            ]
        # "Trainium3 would deliver four times the performance", "HBM sells for several times the
        # price of DRAM": a product or a technology competes, relies on or trails things; it does
        # not trade, make or regulate them.
        claims = [c for c in claims if c.relation in PRODUCT_RELATIONS or not _is_thing(reading, c.subject)]
        # "Washington would allow it to resume sales": a city stands for a government the
        # text does not name; a claim with the city as the actor would be wrong.
        claims = [c for c in claims if c.relation not in REGULATORY or not _is_city(reading, c.subject)]
        # "added 140 entities to the list": a count is the size of an act, not what it is
        # done to; only an estimate or a projection has a figure for its object.
        claims = [c for c in claims if c.object_figure is None or c.relation in FIGURE_RELATIONS]
        # "would carry 192 gigabytes", "chips made at 28 nanometres": a measure is a
        # specification, not an amount anyone estimates or forecasts.
        claims = [c for c in claims if c.object_figure is None or not _is_measure(reading, c.object_figure)]
        # "tightened its export rules": rules are the act, not what it is done to.
        claims = [c for c in claims if c.relation not in REGULATORY or not names_rules_only(reading, c)]
        # "tightened the AI Diffusion Rule": a named policy is the act, as rules are, not its object.
        claims = [c for c in claims if c.relation not in PREVENTS or not is_policy(reading, c.object_entity)]
        return dedupe(claims)

    def _sentence_claims(self, reading: ArticleReading, s: SentenceView) -> list[Claim]:
        according = reading.according_to(s) or reading.trailing_source(s)
        reporters = reading.reporters(s)
        reading.so_far.sources_in_clause = {
            token.i: source for source, _, clause, _ in reporters for token in clause_tokens(clause)
        }
        claims: list[Claim] = []
        for rule in self.rules:
            claims.extend(stamped(rule.id, rule.apply(reading, s, according)))
        covered = {c.object_figure for c in claims if c.object_figure is not None} | secondary_figures(s)
        for source, relation, clause, verb in reporters if "reporting" not in self.rules_off else ():
            inner = [
                c for c in claims if c.attributed_to == source.entity and c.reporting_verb == source.verb
            ]
            said = [c for c in claims if c.relation in {"says", "denies"} and c.subject == source.entity]
            if relation == "says" and said:
                # "said ..., adding that ...", "denied ..., saying ...": the first statement
                # stands for both.
                continue
            reported = reading.reporting_claims(s, source, relation, clause, verb, covered, bool(inner))
            claims.extend(stamped("reporting", reported))
        if (
            according is not None
            and according.entity is not None
            and estimator(reading, according)
            and "according_to_estimates" not in self.rules_off
        ):
            for figure in sorted(set(s.figure_at.values()) - covered):
                claims.append(
                    Claim(
                        s.index,
                        according.entity,
                        "estimates",
                        according.verb,
                        object_figure=figure,
                        hedged=True,
                        valid_time=reading.figures[figure].period or first(s.date_at.values()),
                        rule="according_to_estimates",
                    )
                )
        return claims


def _as_nation(reading: ArticleReading, claim: Claim) -> Claim:
    """A national government's acts and words are its country's (see national_governments)."""
    subject = reading.nation_of.get(claim.subject or "", claim.subject)
    source = reading.nation_of.get(claim.attributed_to or "", claim.attributed_to)
    if subject == claim.object_entity:
        return claim
    return replace(claim, subject=subject, attributed_to=source)


def _ahead(reading: ArticleReading, claim: Claim, published: date) -> bool:
    """Whether a claim's figure is for a period after the article's month: the figure's own
    period, else the time its sentence gives ("in its fiscal year ending January 2027")."""
    if claim.object_figure is None:
        return False
    found = _PERIOD.match(reading.figures[claim.object_figure].period or claim.valid_time or "")
    if found is None:
        return False
    year, month = int(found[1]), int(found[2] or 0)
    return (year, month) > (published.year, published.month if month else 0)


def _is_thing(reading: ArticleReading, entity: str | None) -> bool:
    return entity is not None and (reading.is_product(entity) or reading.is_technology(entity))


def _is_measure(reading: ArticleReading, figure: int) -> bool:
    unit = reading.figures[figure].unit or ""
    return unit.split(" ")[0] in MEASURES


def _is_city(reading: ArticleReading, entity: str | None) -> bool:
    return reading.is_place(entity) and not reading.is_government(entity or "")
