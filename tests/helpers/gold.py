"""Reading corpus/gold and scoring extractions against it."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsgraph.core.relations import load_vocabulary
from newsgraph.core.settings import PACKAGE_DATA
from newsgraph.core.text import name_key
from newsgraph.core.types import Article, Claim, Extraction
from newsgraph.graph.vocab import SPARQL_PREFIXES, article_iri
from newsgraph.ingest.loaders import load_file
from newsgraph.service.facade import Newsgraph

GOLD = Path(__file__).resolve().parent.parent.parent / "corpus" / "gold"


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 from counts."""

    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        return (
            f"{name}: precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}"
            f"  (tp {self.true_positives}, predicted {self.predicted}, gold {self.expected})"
        )


def read_jsonl(name: str) -> list[dict]:  # type: ignore[type-arg]
    path = GOLD / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_article(record: dict, corpus: Path) -> Article:  # type: ignore[type-arg]
    """The article a gold record annotates (one record of a jsonl file when it says so)."""
    articles = load_file(corpus / record["file"])
    return articles[record.get("record") or 0]


@dataclass(frozen=True)
class Named:
    """An entity as the scorer sees it: its names and its class."""

    names: frozenset[str]  # name keys
    type: str


def named(names: Iterable[str], cls: str) -> Named:
    return Named(frozenset(name_key(n) for n in names if name_key(n)), cls)


def score_entities(predicted: list[Named], gold: list[Named]) -> Score:
    """Typed canonical-entity matching: names overlap (any spelling) and classes are equal."""
    matched_gold: set[int] = set()
    true_positives = 0
    for p in predicted:
        for i, g in enumerate(gold):
            if i not in matched_gold and p.type == g.type and p.names & g.names:
                matched_gold.add(i)
                true_positives += 1
                break
    return Score(true_positives, len(predicted), len(gold))


def predicted_entities(service: Newsgraph, article_id: str) -> list[Named]:
    """The canonical entities an article's graph mentions, with every name they go by."""
    result = service.sparql(
        SPARQL_PREFIXES
        + f"""SELECT ?e ?cls ?name WHERE {{
            GRAPH <{article_iri(article_id)}> {{ ?m ng:refersTo ?e }}
            ?e a ?cls .
            {{ ?e rdfs:label ?name }} UNION {{ ?e skos:altLabel ?name }}
            FILTER NOT EXISTS {{ ?e a ?sub . ?sub rdfs:subClassOf ?cls . FILTER(?sub != ?cls) }}
            FILTER(STRSTARTS(STR(?cls), STR(ng:)) && ?cls != ng:Entity)
        }}"""
    )
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entity, cls, name in result:  # type: ignore[misc]
        names[(str(entity), str(cls).rsplit("#", 1)[-1])].add(str(name))
    return [named(n, cls) for (_, cls), n in names.items()]


# ---------------------------------------------------------------- claims
# A predicted claim matches a gold claim in the same sentence with the same relation, a
# subject the gold names (by any of its gold aliases) and a leniently matching object.

_WORD = re.compile(r"[a-z0-9]+")
_STOP = {
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "on",
    "and",
    "that",
    "its",
    "it",
    "for",
    "with",
    "by",
    "is",
    "was",
}


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower().replace("’", "'")) if w not in _STOP}


def _has_words(phrase: str, name: str) -> bool:
    """Whether a name's words stand together in a phrase: "deep ultraviolet" in "advanced
    deep ultraviolet equipment"."""
    return f" {name} " in f" {phrase} "


def _same_sentence(a: str, b: str) -> bool:
    """Sentence splits may differ slightly: equal, or one inside the other."""
    a, b = " ".join(a.split()), " ".join(b.split())
    return a == b or a in b or b in a


def _gold_aliases() -> dict[str, set[str]]:
    """Name key -> every name key of the same gold entity (gold/entities.jsonl aliases)."""
    table: dict[str, set[str]] = {}
    for record in read_jsonl("entities.jsonl"):
        for entity in record["entities"]:
            keys = {name_key(n) for n in [entity["name"], *entity.get("aliases", [])]}
            for key in keys:
                table.setdefault(key, set()).update(keys)
    return table


GOLD_ALIASES = _gold_aliases()
SYMMETRIC = {
    rid
    for rid, relation in load_vocabulary(PACKAGE_DATA / "relations.yaml").relations.items()
    if relation.inverse == relation.label
}


def gold_names(name: str) -> set[str]:
    """A gold name with the other names the gold gives the same entity."""
    key = name_key(name)
    return GOLD_ALIASES.get(key, {key})


class Reader:
    """Names of entities and texts of figures in one extraction, for lenient matching."""

    def __init__(self, extraction: Extraction) -> None:
        self.extraction = extraction
        names: dict[str, set[str]] = defaultdict(set)
        for entity in extraction.entities:
            names[entity.id].update(name_key(n) for n in (entity.label, *entity.aliases))
        for entity_id, form in extraction.surface_forms:
            names[entity_id].add(name_key(form))
        for mention in extraction.mentions:
            names[mention.entity_id].add(name_key(mention.text))
        self.names = names
        self.sentences = {s.index: s.text for s in extraction.sentences}

    def subject_matches(self, claim: Claim, gold: str) -> bool:
        return claim.subject is not None and bool(gold_names(gold) & self.names[claim.subject])

    def object_matches(self, claim: Claim, gold: str) -> bool:
        """Lenient: an entity by any name, a figure by its text or value, a phrase by its words."""
        if claim.object_entity is not None:
            names = self.names[claim.object_entity]
            return bool(gold_names(gold) & names) or any(n and _has_words(name_key(gold), n) for n in names)
        if claim.object_figure is not None:
            figure = self.extraction.figures[claim.object_figure]
            text = figure.text.lower()
            return text in gold.lower() or gold.lower() in text or str(figure.value) in gold.replace(",", "")
        gold_words, words = _words(gold), _words(claim.object_literal or "")
        return bool(gold_words) and len(gold_words & words) >= 0.5 * len(gold_words)

    def matches(self, claim: Claim, gold: dict) -> bool:  # type: ignore[type-arg]
        if not _same_sentence(self.sentences[claim.sentence], gold["sentence"]):
            return False
        if claim.relation != gold["relation"]:
            return False
        if self.subject_matches(claim, gold["subject"]) and self.object_matches(claim, gold["object"]):
            return True
        # A symmetric relation holds both ways: "AWS partners with Anthropic" is "Anthropic
        # partners with AWS" (the ontology declares it an owl:SymmetricProperty).
        return (
            claim.relation in SYMMETRIC
            and claim.object_entity is not None
            and bool(gold_names(gold["object"]) & self.names[claim.subject or ""])
            and bool(gold_names(gold["subject"]) & self.names[claim.object_entity])
        )


ArticleKey = tuple[str, int | None]


def article_key(record: dict) -> ArticleKey:  # type: ignore[type-arg]
    return record["file"], record.get("record")


def dev_articles() -> set[ArticleKey]:
    """The articles rules may be tuned on: every other one, in key order, of those with
    entity gold, and those whose claims are marked "dev" (annotated later, then looked at).
    The rest, every other article with claim gold, are held out."""
    keys = sorted({article_key(r) for r in read_jsonl("entities.jsonl")}, key=lambda k: (k[0], k[1] or 0))
    return set(keys[0::2]) | {article_key(r) for r in read_jsonl("claims.jsonl") if r.get("dev")}


def first_round() -> set[ArticleKey]:
    """The 21 articles with claim gold before the 12 marked "dev" were added."""
    return {article_key(r) for r in read_jsonl("claims.jsonl") if not r.get("dev")}


def gold_claims_by_article() -> dict[ArticleKey, list[dict]]:  # type: ignore[type-arg]
    by_article: dict[ArticleKey, list[dict]] = defaultdict(list)  # type: ignore[type-arg]
    for g in read_jsonl("claims.jsonl"):
        by_article[article_key(g)].append(g)
    return by_article


def claim_records() -> list[dict]:  # type: ignore[type-arg]
    """Every article with entity or claim gold, as gold records ({"file", "record"})."""
    records = read_jsonl("entities.jsonl")
    seen = {article_key(r) for r in records}
    for g in read_jsonl("claims.jsonl"):
        if article_key(g) not in seen:
            seen.add(article_key(g))
            records.append({"file": g["file"], "record": g.get("record")})
    return records


@dataclass
class Judged:
    """One article's predicted claims and gold claims, each marked matched or not.

    Claims with no subject (an agentless passive) have no place in the gold's
    subject-relation-object form, so they are not scored.
    """

    key: ArticleKey
    claims: list[tuple[Claim, bool]]  # each scored prediction and whether it matches a gold claim
    gold: list[tuple[dict, list[Claim]]]  # type: ignore[type-arg]  # each gold claim and its matches

    @classmethod
    def of(cls, record: dict, extraction: Extraction, golds: list[dict]) -> Judged:  # type: ignore[type-arg]
        reader = Reader(extraction)
        claims = [c for c in extraction.claims if c.subject is not None]
        judged = [(c, any(reader.matches(c, g) for g in golds)) for c in claims]
        return cls(
            article_key(record), judged, [(g, [c for c in claims if reader.matches(c, g)]) for g in golds]
        )

    def counts(self) -> tuple[int, int, int, int]:
        """(matched predictions, predictions, matched gold, gold)."""
        matched_gold = sum(1 for _, hits in self.gold if hits)
        return sum(m for _, m in self.claims), len(self.claims), matched_gold, len(self.gold)
