"""Entities on news nobody here wrote: Newsgraph's extraction against plain spaCy.

Two golds, side by side:
- `corpus/gold/entities.jsonl`: typed canonical entities of chip-industry articles (names
  and classes, no offsets), scored as the gold test scores them;
- `corpus/gold-outside/entities.jsonl`: every person, organization and place mention,
  with its character span, in 40 general-news excerpts of ../shared/eval (RealTimeQA 2022
  and MultiHop-RAG), annotated by hand without sight of the extractor's output; `dev`
  half and `heldout` half (the held-out half is only ever printed in aggregate).

On the outside gold it prints exact (same span, same class) and lenient (overlapping
span, same class) precision, recall and F1 per class (PER, ORG, LOC; anything else the
extractor names is not scored), for Newsgraph and for the same spaCy model alone, and
the share of gazetteer links that are right (the linked mention overlaps a gold mention
of the same class whose name is one of the gazetteer entity's names). Then, over every
article of ../shared/eval, it counts person mentions (by the statistical model) linked to
a product, chip or technology entity.

    .venv/bin/python bench/entities.py [--articles N]   # N: articles checked for person links
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import spacy

from newsgraph.core.ontology import ancestors
from newsgraph.core.settings import Settings
from newsgraph.core.text import name_key
from newsgraph.core.types import Article
from newsgraph.ingest.extract import Extractor
from newsgraph.service.facade import Newsgraph

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
OUTSIDE = ROOT / "corpus" / "gold-outside" / "entities.jsonl"
COARSE = {"Person": "PER", "Organization": "ORG", "Place": "LOC"}
SPACY_COARSE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
NOT_FOR_PEOPLE = {"Product", "Technology"}  # roots a person's name must never link to


@dataclass(frozen=True)
class Span:
    """A scored mention: its characters and coarse class."""

    start: int
    end: int
    cls: str


@dataclass
class Counts:
    """True positives, predicted and gold counts, per class."""

    tp: Counter[str]
    predicted: Counter[str]
    gold: Counter[str]

    @classmethod
    def empty(cls) -> Counts:
        return cls(Counter(), Counter(), Counter())

    def add(self, predicted: Sequence[Span], gold: Sequence[Span], lenient: bool) -> None:
        used: set[int] = set()
        for p in predicted:
            self.predicted[p.cls] += 1
            for i, g in enumerate(gold):
                same = (p.start, p.end) == (g.start, g.end)
                overlap = p.start < g.end and g.start < p.end
                if i not in used and p.cls == g.cls and (overlap if lenient else same):
                    used.add(i)
                    self.tp[p.cls] += 1
                    break
        for g in gold:
            self.gold[g.cls] += 1

    def f1(self, classes: Iterable[str] | None = None) -> tuple[float, float, float]:
        keys = list(classes) if classes is not None else ["PER", "ORG", "LOC"]
        tp = sum(self.tp[k] for k in keys)
        predicted = sum(self.predicted[k] for k in keys)
        gold = sum(self.gold[k] for k in keys)
        p = tp / predicted if predicted else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def coarse(cls: str) -> str | None:
    """PER, ORG or LOC for an ontology class; None for what the outside gold does not mark."""
    return COARSE.get(ancestors(cls)[-1])


def outside_gold() -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in OUTSIDE.read_text(encoding="utf-8").splitlines() if line.strip()]


def eval_articles(names: Iterable[str]) -> dict[str, Article]:
    """Articles of ../shared/eval by id, without their titles (the gold marks the text only)."""
    found: dict[str, Article] = {}
    for name in sorted(set(names)):
        for line in (EVAL / name).read_text(encoding="utf-8").splitlines():
            raw = json.loads(line)
            found[raw["id"]] = Article(
                id=raw["id"],
                text=raw["text"],
                published=date.fromisoformat(raw["published"][:10]) if raw.get("published") else None,
            )
    return found


def newsgraph_spans(extractor: Extractor, article: Article) -> tuple[list[Span], list[tuple[Span, str]]]:
    """Newsgraph's scored mentions, and its gazetteer links (mention, entity id)."""
    extraction = extractor.extract(article)
    classes = {e.id: e.type for e in extraction.entities}
    spans, links = [], []
    for m in extraction.mentions:
        cls = coarse(classes.get(m.entity_id, "Product"))
        registry_entity = extractor.registry.get(m.entity_id) if m.entity_id in extractor.registry else None
        if registry_entity is not None and registry_entity.in_gazetteer:
            links.append((Span(m.start, m.end, cls or "-"), m.entity_id))
        if cls is not None:
            spans.append(Span(m.start, m.end, cls))
    return spans, links


def spacy_spans(nlp: spacy.language.Language, article: Article) -> list[Span]:
    return [
        Span(e.start_char, e.end_char, SPACY_COARSE[e.label_])
        for e in nlp(article.document).ents
        if e.label_ in SPACY_COARSE
    ]


def gold_spans(record: dict) -> list[tuple[Span, str]]:  # type: ignore[type-arg]
    return [
        (Span(start, end, COARSE[e["class"]]), e["name"])
        for e in record["entities"]
        for start, end in e["spans"]
    ]


def link_right(link: tuple[Span, str], gold: Sequence[tuple[Span, str]], extractor: Extractor) -> bool | None:
    """Right when the linked words are a gold mention of that entity (its class and one of
    its names), wrong when they are part of another gold mention, None where the gold marks
    nothing (a ticker such as "AAPL", a product: not judged)."""
    span, entity_id = link
    entity = extractor.registry.get(entity_id)
    names = {name_key(n) for n in (entity.label, *entity.aliases)}
    overlapping = [(g, name) for g, name in gold if span.start < g.end and g.start < span.end]
    if not overlapping:
        return None
    return any(span.cls == g.cls and name_key(name) in names for g, name in overlapping)


def wrong_kind(link: tuple[Span, str], gold: Sequence[tuple[Span, str]]) -> str:
    """Why a wrong link is wrong, in aggregate terms: the linked words sit inside a longer
    gold name, the gold gives the same words another class, they name another entity of
    that class, or the spans cross."""
    span = link[0]
    for g, _ in gold:
        if (g.start, g.end) == (span.start, span.end):
            return "another entity" if g.cls == span.cls else "another class"
    if any(g.start <= span.start and span.end <= g.end for g, _ in gold):
        return "inside a longer name"
    return "spans cross"


def score_outside(service: Newsgraph, nlp: spacy.language.Language) -> None:
    records = outside_gold()
    articles = eval_articles(r["file"] for r in records)
    extractor = service.extractor
    table: dict[tuple[str, str, bool], Counts] = defaultdict(Counts.empty)
    links: dict[str, list[bool | None]] = defaultdict(list)
    wrong_links: list[str] = []
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        article = articles[record["id"]]
        gold = gold_spans(record)
        ours, linked = newsgraph_spans(extractor, article)
        theirs = spacy_spans(nlp, article)
        for lenient in (False, True):
            table[record["split"], "newsgraph", lenient].add(ours, [g for g, _ in gold], lenient)
            table[record["split"], "spacy", lenient].add(theirs, [g for g, _ in gold], lenient)
        for link in linked:
            right = link_right(link, gold, extractor)
            links[record["split"]].append(right)
            if right is False:
                kinds[record["split"]][wrong_kind(link, gold)] += 1
            if right is False and record["split"] == "dev":
                span = link[0]
                wrong_links.append(f"{article.text[span.start : span.end]!r} -> {link[1]}")
    print(f"outside gold: {len(records)} articles ({OUTSIDE.relative_to(ROOT)})")
    print("split    system     match    P      R      F1   | PER F1  ORG F1  LOC F1")
    for split in ("dev", "heldout"):
        for system in ("newsgraph", "spacy"):
            for lenient in (False, True):
                counts = table[split, system, lenient]
                p, r, f = counts.f1()
                per = " ".join(f"{counts.f1([c])[2]:.3f} " for c in ("PER", "ORG", "LOC"))
                match = "lenient" if lenient else "exact"
                print(f"{split:8} {system:10} {match:8} {p:.3f}  {r:.3f}  {f:.3f} | {per}")
    for split in ("dev", "heldout"):
        judged = [r for r in links[split] if r is not None]
        share = sum(judged) / len(judged) if judged else 1.0
        unmarked = len(links[split]) - len(judged)
        print(
            f"gazetteer links right ({split}): {share:.3f} ({sum(judged)}/{len(judged)};"
            f" {unmarked} more on words the gold does not mark)"
        )
    for split in ("dev", "heldout"):
        if kinds[split]:
            counted = ", ".join(f"{kind} {n}" for kind, n in kinds[split].most_common())
            print(f"wrong links by kind ({split}): {counted}")
    if wrong_links:
        print("wrong links (dev): " + "; ".join(wrong_links))


def score_corpus(service: Newsgraph) -> None:
    """The chip-industry gold, as tests/gold/test_gold_entities.py scores it (needs a store)."""
    sys.path.insert(0, str(ROOT))
    from tests.helpers.gold import Score, gold_article, named, predicted_entities, read_jsonl, score_entities

    records = read_jsonl("entities.jsonl")
    articles = [gold_article(r, ROOT / "corpus") for r in records]
    service.ingest_articles(articles)
    total = Score(0, 0, 0)
    for record, article in zip(records, articles, strict=True):
        gold = [named([g["name"], *g.get("aliases", [])], g["type"]) for g in record["entities"]]
        score = score_entities(predicted_entities(service, article.id), gold)
        total = Score(
            total.true_positives + score.true_positives,
            total.predicted + score.predicted,
            total.expected + score.expected,
        )
    print(total.line(f"corpus gold, typed canonical entities over {len(records)} articles"))


def person_links(service: Newsgraph, limit: int | None) -> None:
    """Person mentions (by the statistical model) linked to a gazetteer product, chip or
    technology, over ../shared/eval's articles."""
    extractor = service.extractor
    nlp = extractor.nlp
    articles = list(eval_articles(p.name for p in EVAL.glob("*.articles.jsonl")).values())[:limit]
    bad: list[str] = []
    for article, doc in zip(articles, nlp.pipe(a.document for a in articles), strict=True):
        extraction = extractor.extract_doc(article, doc)
        people = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"}
        for m in extraction.mentions:
            entity = extractor.registry.get(m.entity_id)
            if not entity.in_gazetteer:
                continue  # a new entity the statistical model typed, not a link
            if ancestors(entity.type)[-1] in NOT_FOR_PEOPLE and any(
                s < m.end and m.start < e for s, e in people
            ):
                bad.append(f"{m.text!r} -> {entity.label} ({entity.type})")
    print(f"person mentions linked to a product, chip or technology, {len(articles)} articles: {len(bad)}")
    for line in bad[:20]:
        print(f"  {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, help="check only the first N articles for person links")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Newsgraph(Settings(store=Path(tmp) / "store")) as service:
        nlp = spacy.load(service.settings.spacy_model)
        score_outside(service, nlp)
        score_corpus(service)
    with tempfile.TemporaryDirectory() as tmp, Newsgraph(Settings(store=Path(tmp) / "store")) as service:
        person_links(service, args.articles)


if __name__ == "__main__":
    main()
