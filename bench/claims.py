"""Claim rules scored one by one against the hand-made gold in corpus/gold.

For every rule of newsgraph/ingest/claim_rules.py (RULES, then the two that run after them) it
prints, on the development articles and on the held-out ones (tests/gold.py says which):
how many scored claims the rule made, their precision, the gold claims only that rule finds,
and the change in precision, recall and F1 when the rule is turned off
(NEWSGRAPH_CLAIM_RULES_OFF), measured by extracting every gold article again without it.
A rule whose removal raises development F1 does not pay.

    .venv/bin/python bench/claims.py            # every rule (about a minute per 10 rules)
    .venv/bin/python bench/claims.py --rules verb,possessive
    .venv/bin/python bench/claims.py --fired 300   # and how often each fires on unseen news

`--fired N` also counts the claims each rule makes on every corpus/ article and on the
first N articles of each development set in ../shared/eval (no gold there: it shows
whether a rule fires on news it was not written for, not whether it is right).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsgraph.core.relations import load_vocabulary  # noqa: E402
from newsgraph.core.settings import Settings  # noqa: E402
from newsgraph.core.types import Article  # noqa: E402
from newsgraph.ingest.claim_rules import AFTER_RULES, RULES  # noqa: E402
from newsgraph.ingest.extract import Extractor, build_pipeline  # noqa: E402
from newsgraph.ingest.gazetteer import load_gazetteer, load_stopnames  # noqa: E402
from newsgraph.ingest.loaders import load_file, load_paths  # noqa: E402
from newsgraph.ingest.resolve import EntityRegistry  # noqa: E402
from tests.helpers.gold import (  # noqa: E402
    Judged,
    article_key,
    claim_records,
    dev_articles,
    gold_article,
    gold_claims_by_article,
)

SPLITS = ("dev", "held-out")


class GoldRun:
    """The gold articles parsed once, extracted as often as needed with some rules off."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.gazetteer = tuple(load_gazetteer(settings.gazetteer))
        self.nlp = build_pipeline(settings.spacy_model, self.gazetteer)
        self.stopnames = load_stopnames(settings.stopnames)
        self.vocabulary = load_vocabulary(settings.relations)
        self.records = claim_records()
        self.articles: list[Article] = [gold_article(r, ROOT / "corpus") for r in self.records]
        self.docs = list(self.nlp.pipe(a.document for a in self.articles))
        self.gold = gold_claims_by_article()
        self.dev = dev_articles()

    def judge(self, off: Sequence[str] = ()) -> list[Judged]:
        """Every gold article extracted with the rules `off` turned off, in a fresh registry."""
        registry = EntityRegistry(self.gazetteer, self.settings.fuzzy_threshold)
        extractor = Extractor(self.nlp, registry, self.stopnames, self.vocabulary, rules_off=off)
        return [
            Judged.of(record, extractor.extract_doc(article, doc), self.gold[article_key(record)])
            for record, article, doc in zip(self.records, self.articles, self.docs, strict=True)
        ]

    def split(self, judged: Judged) -> str:
        return "dev" if judged.key in self.dev else "held-out"

    def scores(self, judged: list[Judged]) -> dict[str, PRF]:
        """Precision, recall and F1 per split (matched predictions over predictions for P)."""
        counts = {split: [0, 0, 0, 0] for split in SPLITS}
        for j in judged:
            for i, n in enumerate(j.counts()):
                counts[self.split(j)][i] += n
        return {s: _score(*c) for s, c in counts.items()}


@dataclass(frozen=True)
class PRF:
    """Claim precision (matched predictions over predictions) and recall (matched gold over gold)."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _score(matched_predictions: int, predicted: int, matched_gold: int, gold: int) -> PRF:
    return PRF(matched_predictions / predicted if predicted else 0.0, matched_gold / gold if gold else 0.0)


@dataclass
class RuleTally:
    """Per (rule, split): scored claims made and matched, gold claims found, gold only it finds."""

    made: Counter[tuple[str, str]] = field(default_factory=Counter)
    matched: Counter[tuple[str, str]] = field(default_factory=Counter)
    found: Counter[tuple[str, str]] = field(default_factory=Counter)
    only: Counter[tuple[str, str]] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)  # gold claims per split


def per_rule(run: GoldRun, judged: list[Judged]) -> RuleTally:
    """Each rule's claims and the gold claims they find, per split."""
    tally = RuleTally()
    for j in judged:
        split = run.split(j)
        for claim, matched in j.claims:
            tally.made[(claim.rule or "?", split)] += 1
            tally.matched[(claim.rule or "?", split)] += matched
        for _, hits in j.gold:
            tally.gold[split] += 1
            rules = {c.rule or "?" for c in hits}
            for rule_id in rules:
                tally.found[(rule_id, split)] += 1
            if len(rules) == 1:
                tally.only[(rules.pop(), split)] += 1
    return tally


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "  - "


EVAL = ROOT.parent / "shared" / "eval"
DEV_SETS = ("multihop-rag.articles.jsonl", "realtimeqa-2022.articles.jsonl")


def fired(run: GoldRun, per_set: int) -> None:
    """How many claims each rule makes on corpus/ and on unseen development articles."""
    corpus, _ = load_paths([ROOT / "corpus"])
    outside = [a for name in DEV_SETS for a in load_file(EVAL / name)[:per_set]]
    counts: dict[str, Counter[str]] = {}
    for name, articles in (("corpus", corpus), ("outside", outside)):
        registry = EntityRegistry(run.gazetteer, run.settings.fuzzy_threshold)
        extractor = Extractor(run.nlp, registry, run.stopnames, run.vocabulary)
        counts[name] = Counter(c.rule or "?" for e in extractor.extract_many(articles) for c in e.claims)
    print(f"claims per rule on corpus/ ({len(corpus)} articles) and {len(outside)} outside articles:")
    for rule_id in [r.id for r in RULES] + list(AFTER_RULES):
        print(f"  {rule_id:24} {counts['corpus'][rule_id]:6} {counts['outside'][rule_id]:8}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rules", default="", help="comma-separated rule ids (default: every rule)")
    parser.add_argument(
        "--fired", type=int, default=0, metavar="N", help="count fires on N outside articles a set"
    )
    args = parser.parse_args()
    every = [r.id for r in RULES] + list(AFTER_RULES)
    chosen = [r for r in args.rules.split(",") if r] or every
    started = time.perf_counter()
    run = GoldRun(Settings())
    judged = run.judge()
    base = run.scores(judged)
    tally = per_rule(run, judged)
    print(f"claims on {len(run.records)} gold articles, every rule on:")
    for split in SPLITS:
        s = base[split]
        print(f"  {split:8}  P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}")
    print()
    header = (
        "rule                     made dev/held   P dev  P held   R dev  R held  only dev/held"
        "   dF1 off dev  dF1 off held"
    )
    print(header)
    print("-" * len(header))
    docs = {r.id: r.doc for r in RULES}
    for rule_id in chosen:
        off = run.scores(run.judge([rule_id]))
        d_dev = off["dev"].f1 - base["dev"].f1
        d_held = off["held-out"].f1 - base["held-out"].f1
        dev, held = (rule_id, "dev"), (rule_id, "held-out")
        precision = [_ratio(tally.matched[k], tally.made[k]) for k in (dev, held)]
        recall = [_ratio(tally.found[k], tally.gold[k[1]]) for k in (dev, held)]
        print(
            f"{rule_id:24} {tally.made[dev]:5} /{tally.made[held]:4}    {precision[0]:>5}  {precision[1]:>6}"
            f"   {recall[0]:>5}  {recall[1]:>6}  {tally.only[dev]:5} /{tally.only[held]:4}"
            f"    {d_dev:+11.3f}  {d_held:+12.3f}"
        )
    print()
    print("(P: the rule's scored claims that match a gold claim; R: the gold claims one of its claims")
    print(" matches; only: those no other rule finds; dF1 off: F1 with the rule off minus F1 with every")
    print(" rule on, positive when the rule costs.)")
    print()
    for rule_id in chosen:
        if rule_id in docs:
            print(f"{rule_id}: {docs[rule_id]}")
    if args.fired:
        print()
        fired(run, args.fired)
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
