"""Figure and date extraction scored against the hand-made gold in corpus/gold."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from spacy.tokens import Doc

from newsgraph.core.settings import Settings
from newsgraph.core.types import Article, DateMention, Figure, Sentence
from newsgraph.ingest.dates import date_mentions
from newsgraph.ingest.extract import build_pipeline, sentences
from newsgraph.ingest.figures import figure_mentions
from newsgraph.ingest.gazetteer import load_gazetteer
from tests.helpers import CORPUS
from tests.helpers.gold import gold_article, read_jsonl

MIN_FIGURE_ACCURACY = 0.9
MIN_DATE_ACCURACY = 0.9

Key = tuple[str, int | None]


@dataclass(frozen=True)
class Parsed:
    """One gold article with its parse and what our functions found in it."""

    article: Article
    doc: Doc
    sentence_texts: tuple[str, ...]
    dates: list[DateMention]
    figures: list[Figure]


def extractor_sentences(doc: Doc) -> list[Sentence]:
    """The Extractor's sentences (`sentences` may pair each with its spaCy span)."""
    return [item[0] if isinstance(item, tuple) else item for item in sentences(doc)]


def sentence_lookup(doc: Doc) -> Callable[[int], int]:
    """Character offset -> index of the Extractor's sentence it falls in."""
    starts = [s.start for s in extractor_sentences(doc)]
    return lambda offset: max(0, bisect_right(starts, offset) - 1)


def key(record: dict) -> Key:  # type: ignore[type-arg]
    return record["file"], record.get("record")


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def parsed() -> dict[Key, Parsed]:
    """Every article the figure, date or meta gold names, parsed as the Extractor does."""
    settings = Settings()
    nlp = build_pipeline(settings.spacy_model, load_gazetteer(settings.gazetteer))
    published = {key(r): date.fromisoformat(r["published"]) for r in read_jsonl("meta.jsonl")}
    records = {key(r): r for name in ("meta.jsonl", "figures.jsonl", "dates.jsonl") for r in read_jsonl(name)}
    articles = {k: gold_article(r, CORPUS) for k, r in records.items()}
    result: dict[Key, Parsed] = {}
    for (k, art), doc in zip(articles.items(), nlp.pipe(a.document for a in articles.values()), strict=True):
        when = art.published or published.get(k)
        sentence_of = sentence_lookup(doc)
        dates = date_mentions(doc, when, sentence_of)
        figures = figure_mentions(doc, dates, sentence_of)
        texts = tuple(squash(s.text) for s in extractor_sentences(doc))
        result[k] = Parsed(art, doc, texts, dates, figures)
    return result


def sentence_index(parsed: Parsed, text: str) -> int:
    wanted = squash(text)
    for i, sentence in enumerate(parsed.sentence_texts):
        if wanted == sentence or wanted in sentence:
            return i
    raise AssertionError(f"gold sentence not found in {parsed.article.origin}: {text!r}")


def same_unit(predicted: str | None, gold: str | None) -> bool:
    return (predicted or "").lower() == (gold or "").lower() if gold else predicted is None


def test_figures_meet_gold(parsed: dict[Key, Parsed], scores: Callable[[str], None]) -> None:
    gold = read_jsonl("figures.jsonl")
    correct = any_value = 0
    misses: list[str] = []
    matched: set[tuple[Key, int]] = set()
    for record in gold:
        article = parsed[key(record)]
        sentence = sentence_index(article, record["sentence"])
        value = Decimal(str(record["value"]))
        candidates = [f for f in article.figures if f.sentence == sentence and f.value == value]
        hits = [f for f in candidates if same_unit(f.unit, record["unit"])]
        any_value += bool(candidates)
        if hits:
            correct += 1
            matched.add((key(record), hits[0].index))
        else:
            found = [(f.text, str(f.value), f.unit) for f in article.figures if f.sentence == sentence]
            misses.append(f"  miss {record['text']!r} {record['value']} {record['unit']}: found {found}")
    gold_keys = {key(r) for r in gold}
    predicted = [(k, f) for k in gold_keys for f in parsed[k].figures]
    extras = [f"  extra {f.text!r} {f.value} {f.unit}" for k, f in predicted if (k, f.index) not in matched]
    accuracy, recall = correct / len(gold), any_value / len(gold)
    precision = len(matched) / len(predicted) if predicted else 0.0
    told: list[str] = []
    told.append(
        f"\nfigures: value-and-unit accuracy {accuracy:.3f} ({correct}/{len(gold)}), "
        f"recall of any figure {recall:.3f}, precision {precision:.3f}"
    )
    told.append("\n".join(misses + extras))
    scores("\n".join(told).strip("\n"))
    assert accuracy >= MIN_FIGURE_ACCURACY


def overlaps(mention: DateMention, text: str, document: str) -> bool:
    if mention.text == text:
        return True
    start = document.find(text)
    while start != -1:
        if start < mention.end and mention.start < start + len(text):
            return True
        start = document.find(text, start + 1)
    return False


def test_dates_meet_gold(parsed: dict[Key, Parsed], scores: Callable[[str], None]) -> None:
    gold = read_jsonl("dates.jsonl")
    correct = 0
    misses: list[str] = []
    for record in gold:
        article = parsed[key(record)]
        document = article.article.document
        same_text = [d for d in article.dates if overlaps(d, record["text"], document)]
        if any(d.value == record["value"] for d in same_text):
            correct += 1
        else:
            found = [(d.text, d.value) for d in same_text]
            misses.append(
                f"  miss {record['text']!r} -> {record['value']} ({record['published']}): found {found}"
            )
    accuracy = correct / len(gold)
    told: list[str] = []
    told.append(f"\ndates: normalization accuracy {accuracy:.3f} ({correct}/{len(gold)})")
    told.append("\n".join(misses))
    scores("\n".join(told).strip("\n"))
    assert accuracy >= MIN_DATE_ACCURACY
